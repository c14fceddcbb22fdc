// The supervisor page: live calls from routing (department, agent's name, duration, hold) with Listen / Whisper / Barge from
// the supervisor's own endpoint (switchable on the same call, Stop), and the recordings. Routing owns these controls;
// the page calls it with the signed-in supervisor's token at config.json's routingUrl ('' = this origin).
'use strict';

const POLL_MS = 2000;
const MODES = ['listen', 'whisper', 'barge'];
const ENDPOINT_KEY = 'supervisor-endpoint';
const $ = (selector) => document.querySelector(selector);
const esc = (text) => String(text ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
let routingUrl = '';
let names = {};
let agentNames = {};
let calls = [];
let poller = null;

async function routing(method, path, body) {
  const headers = { Authorization: 'Bearer ' + WallboardAuth.token(), Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  // a fresh key per change (randomUUID needs a secure context; plain-HTTP pages get random hex)
  if (method !== 'GET') {
    headers['Idempotency-Key'] = crypto.randomUUID?.()
      ?? Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
  }
  const answer = await fetch(routingUrl + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await answer.text();
  const json = text ? JSON.parse(text) : null;
  if (answer.ok) return json;
  const error = new Error((json && (json.detail || json.title)) || `routing answered ${answer.status}`);
  error.status = answer.status;
  if (answer.status === 401) signOut('Please sign in again');
  throw error;
}

function showSignIn(message) {
  clearInterval(poller);
  $('#console').hidden = true;
  WallboardAuth.showSignIn(message);
}

function signOut(message) {
  WallboardAuth.forget();
  showSignIn(message);
}

WallboardAuth.onSignIn(start, showSignIn);
$('#sign-out').addEventListener('click', () => signOut());

function endpoint() {
  const type = $('#endpoint-type').value;
  const value = $('#endpoint-value').value.trim();
  if (!value) return null;
  localStorage.setItem(ENDPOINT_KEY, JSON.stringify({ type, value }));
  if (type === 'phone') return { type, number: value };
  if (type === 'sip') return { type, uri: value };
  return { type, user: value };
}

function restoreEndpoint() {
  const saved = JSON.parse(localStorage.getItem(ENDPOINT_KEY) || 'null');
  if (saved) {
    $('#endpoint-type').value = saved.type;
    $('#endpoint-value').value = saved.value;
  }
}

// id → name of the directory's departments or agents (routing's documents carry ids); none when it cannot answer
async function directoryNames(what) {
  const answer = await fetch(`/wallboard/directory/${what}`,
    { headers: { Authorization: 'Bearer ' + WallboardAuth.token() } }).catch(() => null);
  return answer && answer.ok ? Object.fromEntries((await answer.json()).map((item) => [item.id, item.name])) : {};
}

async function start() {
  if (!WallboardAuth.token()) { showSignIn(); return; }
  WallboardAuth.hideSignIn();
  $('#console').hidden = false;
  restoreEndpoint();
  routingUrl = (await fetch('config.json').then((r) => r.json()).catch(() => ({}))).routingUrl || '';
  [names, agentNames] = await Promise.all([directoryNames('departments'), directoryNames('agents')]);
  clearInterval(poller);
  poller = setInterval(refresh, POLL_MS);
  refresh();
  loadRecordings();
}

async function refresh() {
  try {
    calls = await routing('GET', '/calls/live');
    $('#status').textContent = 'live';
    render();
  } catch (e) {
    if (e.status === 403) signOut('This account is not a supervisor');
    else if (e.status !== 401) $('#status').textContent = 'routing unreachable, retrying…';
  }
}

const clock = (seconds) => {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

function mine(call) {
  return (call.monitors || []).find((m) => m.supervisorId === WallboardAuth.subject());
}

function render() {
  $('#no-calls').hidden = calls.length > 0;
  $('#calls tbody').innerHTML = calls.map((c) => {
    const monitor = mine(c);
    const others = (c.monitors || []).filter((m) => m !== monitor).map((m) => m.mode);
    const buttons = MODES.map((mode) => `<button type="button" data-action="mode" data-mode="${mode}"`
      + ` aria-pressed="${monitor?.mode === mode}">${mode[0].toUpperCase() + mode.slice(1)}</button>`).join('');
    const transfer = c.transfer ? `${esc(c.transfer.kind)} ${esc(c.transfer.state)}` : '';
    return `<tr data-call="${esc(c.callId)}" data-monitor="${esc(monitor?.monitorId ?? '')}">`
      + `<td>${esc(names[c.departmentId] || c.departmentId)}</td><td>${esc(agentNames[c.agentId] || c.agentId)}</td><td>${esc(c.callerNumber)}</td>`
      + `<td class="duration" data-since="${esc(c.answeredAt)}">${clock((Date.now() - Date.parse(c.answeredAt)) / 1000)}</td>`
      + `<td>${c.onHold ? 'on hold' : ''}${c.holdSeconds ? ` (${c.holdSeconds} s)` : ''}</td><td>${transfer}</td>`
      + `<td class="monitor">${buttons}<button type="button" data-action="stop"${monitor ? '' : ' hidden'}>Stop</button>`
      + `${monitor ? ` <span class="mode">${esc(monitor.mode)}</span>` : ''}`
      + `${others.length ? ` <small>also: ${others.map(esc).join(', ')}</small>` : ''}</td></tr>`;
  }).join('');
}

$('#calls').addEventListener('click', async (event) => {
  const button = event.target.closest('button');
  if (!button) return;
  const row = button.closest('tr');
  const call = encodeURIComponent(row.dataset.call);
  const monitorId = row.dataset.monitor;
  $('#error').textContent = '';
  try {
    if (button.dataset.action === 'stop') {
      await routing('DELETE', `/calls/${call}/monitors/${encodeURIComponent(monitorId)}`);
    } else if (monitorId) {
      await routing('PUT', `/calls/${call}/monitors/${encodeURIComponent(monitorId)}`, { mode: button.dataset.mode });
    } else {
      const target = endpoint();
      if (!target) throw new Error('Enter your endpoint first: monitoring rings it.');
      await routing('POST', `/calls/${call}/monitors`, { mode: button.dataset.mode, endpoint: target });
    }
  } catch (e) {
    $('#error').textContent = e.message;
  }
  refresh();
});

async function loadRecordings() {
  try {
    const recordings = await routing('GET', '/recordings');
    $('#recordings tbody').innerHTML = recordings.map((r) => `<tr><td>${esc(new Date(r.startedAt).toLocaleString())}</td>`
      + `<td>${esc(names[r.departmentId] || r.departmentId)}</td><td>${esc(r.callId)}</td>`
      + `<td>${esc((r.agentIds || []).map((id) => agentNames[id] || id).join(', '))}</td><td>${esc(clock(r.durationSeconds || 0))}</td>`
      + `<td><a href="${esc(r.url)}" rel="noreferrer">${esc(r.url)}</a></td></tr>`).join('');
  } catch (e) {
    if (e.status !== 401) $('#error').textContent = `Recordings: ${e.message}`;
  }
}

setInterval(() => {
  document.querySelectorAll('#calls .duration').forEach((cell) => {
    cell.textContent = clock((Date.now() - Date.parse(cell.dataset.since)) / 1000);
  });
}, 1000);
setInterval(() => { if (WallboardAuth.token() && !$('#console').hidden) loadRecordings(); }, 15000);
start();
