// The wallboard page: signs in (auth.js: through the wallboard's /wallboard/auth/sign-in, which passes it to the agent
// directory, or a pasted supervisor token), then reads the server push of /wallboard/stream (fetch, so the token travels in
// the Authorization header) and redraws on every event. The longest wait counts on between events.
'use strict';

let snapshot = null;
let controller = null;
/** Department id → name, from the directory (the figures carry ids). */
let names = {};

const $ = (selector) => document.querySelector(selector);
const esc = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const token = WallboardAuth.token;

const showSignIn = WallboardAuth.showSignIn;

WallboardAuth.onSignIn(connect, showSignIn);

$('#sign-out').addEventListener('click', () => {
  WallboardAuth.forget();
  if (controller) controller.abort();
  showSignIn();
});

async function connect() {
  if (!token()) { showSignIn(); return; }
  WallboardAuth.hideSignIn();
  if (controller) controller.abort();
  controller = new AbortController();
  try {
    const answer = await fetch('/wallboard/stream', {
      headers: { Authorization: 'Bearer ' + token(), Accept: 'text/event-stream' }, signal: controller.signal,
    });
    if (answer.status === 401 || answer.status === 403) {
      WallboardAuth.forget();
      showSignIn(answer.status === 403 ? 'This account is not a supervisor' : 'Please sign in again');
      return;
    }
    $('#status').textContent = 'live';
    loadNames();
    const reader = answer.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const event = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = event.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5)).join('\n');
        if (data) { snapshot = JSON.parse(data); render(); }
      }
    }
  } catch (e) {
    if (e.name === 'AbortError') return;
  }
  $('#status').textContent = 'reconnecting…';
  setTimeout(connect, 2000);
}

async function loadNames() {
  const answer = await fetch('/wallboard/directory/departments', { headers: { Authorization: 'Bearer ' + token() } })
    .catch(() => null);
  if (answer && answer.ok) {
    names = Object.fromEntries((await answer.json()).map((d) => [d.id, d.name]));
    render();
  }
}

function colour(name, value) {
  const t = snapshot.thresholds.figures[name];
  if (!t || value === null || value === undefined) return '';
  if (t.higherIsBetter) return value < t.red ? 'red' : value < t.amber ? 'amber' : 'green';
  return value > t.red ? 'red' : value > t.amber ? 'amber' : 'green';
}

const percent = (v) => (v === null || v === undefined ? '–' : Math.round(v * 100) + ' %');
const seconds = (v) => (v === null || v === undefined ? '–' : Math.round(v) + ' s');
const decimal = (v) => (v === null || v === undefined ? '–' : v.toFixed(1));

function longestWait(d) {
  if (!d.oldestWaitingSince) return 0;
  return Math.max(0, Math.floor((Date.now() - Date.parse(d.oldestWaitingSince)) / 1000));
}

function figure(id, label, text, name, value) {
  return `<div class="figure ${name ? colour(name, value) : ''}"><div class="value" id="${id}">${text}</div>`
    + `<div class="label">${label}</div></div>`;
}

function chart(points) {
  const max = Math.max(1, ...points.map((p) => p.offered));
  const w = 100 / points.length;
  return '<svg class="chart" viewBox="0 0 100 50" preserveAspectRatio="none">' + points.map((p, i) =>
    `<rect x="${i * w}" y="${50 - (p.offered / max) * 50}" width="${w * 0.9}" height="${(p.offered / max) * 50}" fill="#555"/>`
    + `<rect x="${i * w}" y="${50 - (p.answered / max) * 50}" width="${w * 0.9}" height="${(p.answered / max) * 50}" fill="#2e7d32"/>`
  ).join('') + '</svg>';
}

function periodRow(label, p) {
  return `<tr><td>${label}</td><td>${p.offered}</td><td>${p.answered}</td><td>${p.abandoned}</td><td>${p.overflowed}</td>`
    + `<td>${percent(p.serviceLevel)}</td><td>${seconds(p.averageSpeedOfAnswerSeconds)}</td>`
    + `<td>${seconds(p.averageHandleTimeSeconds)}</td><td>${p.transferred}</td><td>${decimal(p.csatAverage)}</td></tr>`;
}

function render() {
  if (!snapshot) return;
  $('#departments').innerHTML = snapshot.departments.map((d) => {
    const id = d.department.replace(/[^A-Za-z0-9_-]/g, '_');
    const wait = longestWait(d);
    return `<section class="department" data-department="${esc(d.department)}"><h2>${esc(names[d.department] || d.department)}</h2>`
      + '<div class="figures">'
      + figure(`waiting-${id}`, 'waiting', d.waiting, 'waiting', d.waiting)
      + figure(`longest-wait-${id}`, 'longest wait', wait + ' s', 'longestWaitSeconds', wait)
      + figure(`service-level-${id}`, 'service level today', percent(d.today.serviceLevel), 'serviceLevel', d.today.serviceLevel)
      + figure(`answered-${id}`, 'answered today', d.today.answered)
      + figure(`abandoned-${id}`, 'abandoned today', d.today.abandoned, 'abandonmentRate', d.today.abandonmentRate)
      + figure(`overflowed-${id}`, 'overflowed today', d.today.overflowed)
      + figure(`aht-${id}`, 'handle time today', seconds(d.today.averageHandleTimeSeconds))
      + figure(`csat-${id}`, 'CSAT today', decimal(d.today.csatAverage), 'csatAverage', d.today.csatAverage)
      + '</div>'
      + `<div class="agents-now">agents: ${d.agents.available} available · ${d.agents.ringing} ringing · `
      + `${d.agents.onCall} on call · ${d.agents.wrapUp} wrap-up · ${d.agents.away} away</div>`
      + '<table class="periods"><tr><th></th><th>offered</th><th>answered</th><th>abandoned</th><th>overflow</th>'
      + '<th>SL</th><th>ASA</th><th>AHT</th><th>transferred</th><th>CSAT</th></tr>'
      + periodRow('last 15 min', d.last15Minutes) + periodRow('last hour', d.lastHour) + periodRow('today', d.today)
      + '</table>' + chart(d.lastHourChart) + '</section>';
  }).join('');
  $('#agents-section').hidden = snapshot.agents.length === 0;
  $('#agents tbody').innerHTML = snapshot.agents.map((a) => `<tr><td>${esc(a.agentId)}</td><td>${esc(a.activity)}</td>`
    + `<td>${a.handled}</td><td>${seconds(a.averageHandleTimeSeconds)}</td><td>${a.transferred}</td><td>${decimal(a.csatAverage)}</td></tr>`).join('');
}

setInterval(render, 1000);
setInterval(() => { if (token()) loadNames(); }, 60000);
connect();
