import { createApi, ProblemError } from './api.js';
import { followStream } from './sse.js';
import { createPhone, keepPhoneSession } from './phone/phone.js';
import { clock, secondsSince, secondsUntil } from './time.js';
import { createControls } from './controls.js';

const $ = (id) => document.getElementById(id);
const api = createApi();
const RENEW_BEFORE_MS = 2 * 60 * 1000;
/** setTimeout's longest delay is 2^31-1 ms; a longer one fires at once. */
const MAX_TIMER_MS = 24 * 60 * 60 * 1000;
const LABELS = { IDLE: 'Idle', RESERVED: 'Ringing', ON_CALL: 'On call', WRAP_UP: 'Wrap-up' };
const STATUS_WORDS = { AVAILABLE: 'available', AWAY: 'away', OFFLINE: 'offline' };

/** Everything about the signed-in agent; null when signed out. */
let session = null;

const show = (id, visible) => { $(id).hidden = !visible; };
const text = (id, value) => { $(id).textContent = value ?? ''; };
const message = (error) => (error instanceof ProblemError ? error.message : 'The directory cannot be reached; try again.');

// ------------------------------------------------------------------------------------------- sign-in and tokens

// the form is usable once this script runs (before, a submit would post the password in the URL)
$('sign-in-button').disabled = false;

$('sign-in-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  text('sign-in-error', '');
  try {
    const signedIn = await api.post('/auth/sign-in', { name: $('name').value.trim(), password: $('password').value });
    $('password').value = '';
    await start(signedIn);
  } catch (error) {
    end('');
    api.setToken(null);
    text('sign-in-error', error.status === 401 ? 'Wrong name or password.'
      : error.status === 429 ? `Too many attempts. Try again in ${error.retryAfter || 'a few'} seconds.` : message(error));
  }
});

async function start(signedIn) {
  api.setToken(signedIn.token);
  session = { agentId: signedIn.agentId, snapshot: null, ringing: null, activeCall: null, muted: false, dispositions: {} };
  scheduleRenewal(signedIn.expiresAt);
  const [config, agent] = await Promise.all([fetch('config.json').then((r) => r.json()), api.get(`/agents/${session.agentId}`)]);
  session.agent = agent;
  session.controls = createControls(api, config.routingUrl);
  session.inApp = agent.endpoint?.type === 'app';
  text('agent-name', agent.name);
  text('agent-endpoint', session.inApp ? `in-app user ${agent.endpoint.value}` : `${agent.endpoint?.type} ${agent.endpoint?.value}`);
  show('sign-in', false);
  show('desk', true);
  show('dial-form', session.inApp);
  text('dial-message', session.inApp ? '' : `Dial from your own ${agent.endpoint?.type === 'sip' ? 'SIP phone' : 'phone'}; `
    + 'calls go out from the contact-center number while you are available.');
  followAgent();
  loadToday();
  if (session.inApp) await startPhone(config);
}

function scheduleRenewal(expiresAt) {
  clearTimeout(session.renewal);
  const wait = Math.min(Math.max(Date.parse(expiresAt) - Date.now() - RENEW_BEFORE_MS, 1000), MAX_TIMER_MS);
  session.renewal = setTimeout(async () => {
    try {
      const renewed = await api.post('/auth/renew');
      api.setToken(renewed.token);
      scheduleRenewal(renewed.expiresAt);
    } catch (error) {
      if (error.status === 401) end('Your session ended. Please sign in again.');
      else scheduleRenewal(new Date(Date.now() + RENEW_BEFORE_MS + 15000).toISOString());
    }
  }, wait);
}

$('sign-out').addEventListener('click', async () => {
  try {
    await api.post('/auth/sign-out');
  } catch {
    // the token expires by itself; signing out locally is what matters now
  }
  end('');
});

function end(reason) {
  if (!session) return;
  clearTimeout(session.renewal);
  session.controls?.show(null);
  session.stream?.stop();
  session.phoneSession?.stop();
  session.phone?.logout?.().catch(() => {});
  session = null;
  api.setToken(null);
  show('desk', false);
  show('sign-in', true);
  text('sign-in-error', reason);
}

// ------------------------------------------------------------------------------------------- the agent's stream

function followAgent() {
  session.stream = followStream({
    open: (signal) => api.stream(`/agents/${session.agentId}/stream`, signal),
    onEvent: ({ type, data }) => {
      if (type !== 'agent' || !session) return;
      const previous = session.snapshot;
      session.snapshot = JSON.parse(data);
      if (previous && previous.state !== session.snapshot.state) loadToday();
      render();
    },
    onState: (state) => text('connection', state === 'open' ? '' : 'Connection lost, reconnecting…'),
    onRefused: () => end('Your session ended. Please sign in again.'),
  });
}

function render() {
  const s = session?.snapshot;
  if (!s) return;
  $('state').dataset.state = s.state;
  $('status').value = s.status;
  show('offer', !!s.offer);
  if (s.offer) {
    text('offer-department', s.offer.departmentName);
    text('offer-caller', s.offer.callerNumber);
    text('offer-attempt', s.offer.attempt);
  }
  show('answer', !!session.ringing);
  show('decline', !!session.ringing);
  show('mute', !!session.activeCall);
  show('hangup', !!session.activeCall);
  $('mute').setAttribute('aria-pressed', String(session.muted));
  text('mute', session.muted ? 'Unmute' : 'Mute');
  show('ready', s.state === 'WRAP_UP');
  $('call').disabled = !(s.status === 'AVAILABLE' && s.state === 'IDLE' && !session.activeCall);
  renderDisposition(s.pendingDisposition);
  session.controls?.show(s.state === 'ON_CALL' ? s.call : null);
  tick();
}

/** The moving parts: idle for, waited, on call for, wrap-up left. */
function tick() {
  const s = session?.snapshot;
  if (!s) return;
  const call = s.call;
  const label = {
    IDLE: `Idle for ${clock(secondsSince(s.since))}`,
    RESERVED: `Ringing: ${s.offer?.departmentName ?? ''}`,
    ON_CALL: `On call ${clock(secondsSince(call?.since ?? s.since))}`,
    WRAP_UP: `Wrap-up: ${clock(secondsUntil(s.wrapUpUntil))} left`,
  }[s.state] ?? LABELS[s.state] ?? s.state;
  text('state-label', label);
  let detail = `You are ${STATUS_WORDS[s.status] ?? s.status}.`;
  if (s.state === 'ON_CALL' && call) {
    detail = `${call.direction === 'OUTBOUND' ? 'Outbound to' : 'Caller'} ${call.callerNumber}`
      + (call.departmentName ? ` · ${call.departmentName}` : '');
  } else if (s.state === 'RESERVED') {
    detail = session.inApp ? 'A call is ringing here: answer or decline it.' : 'Your phone is ringing.';
  }
  text('state-detail', detail);
  if (s.offer) text('offer-waited', clock(secondsSince(s.offer.waitingSince)));
}
setInterval(tick, 1000);

$('status').addEventListener('change', async () => {
  try {
    await api.put(`/agents/${session.agentId}/status`, { status: $('status').value });
  } catch (error) {
    text('call-error', message(error));
    render();
  }
});

$('ready').addEventListener('click', () => act(() => api.post(`/agents/${session.agentId}/ready`)));

async function act(action) {
  text('call-error', '');
  try {
    await action();
  } catch (error) {
    text('call-error', error instanceof ProblemError ? error.message : String(error.message || error));
  }
  render();
}

// ------------------------------------------------------------------------------------------- wrap-up disposition

async function renderDisposition(pending) {
  show('wrap-up', !!pending);
  if (!pending || session.dispositionFor === pending.callId) return;
  session.dispositionFor = pending.callId;
  text('disposition-message', '');
  $('note').value = '';
  try {
    const dept = pending.departmentId;
    session.dispositions[dept] ??= await api.get(`/departments/${dept}/dispositions`);
    $('disposition').replaceChildren(...session.dispositions[dept].map((d) => new Option(d.label, d.code)));
  } catch (error) {
    text('disposition-message', message(error));
  }
}

$('disposition-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const pending = session.snapshot?.pendingDisposition;
  if (!pending) return;
  const note = $('note').value.trim();
  try {
    await api.post(`/agents/${session.agentId}/dispositions`,
      { callId: pending.callId, code: $('disposition').value, ...(note ? { note } : {}) });
    text('disposition-message', 'Saved.');
    loadToday();
  } catch (error) {
    text('disposition-message', error.status === 409 ? 'Already recorded.' : message(error));
  }
});

// ------------------------------------------------------------------------------------------- the agent's day

async function loadToday() {
  try {
    const day = await api.get(`/agents/${session.agentId}/today`);
    text('today-calls', String(day.callsHandled));
    text('today-aht', day.averageHandleSeconds == null ? '–' : clock(day.averageHandleSeconds));
    text('today-score', day.averageScore == null ? '–' : `${day.averageScore.toFixed(1)} of 5 (${day.scoredCalls} rated)`);
  } catch {
    // the day's figures are a nicety: the desk works without them
  }
}

// ------------------------------------------------------------------------------------------- in-app calls

async function startPhone(config) {
  const phone = await createPhone(config);
  session.phone = phone;
  phone.onIncoming((call) => {
    session.ringing = call;
    render();
  });
  phone.onHangup((id) => {
    if (session?.ringing?.id === id) session.ringing = null;
    if (session?.activeCall === id) {
      session.activeCall = null;
      session.muted = false;
    }
    render();
  });
  session.phoneSession = keepPhoneSession(phone, () => api.post('/api/jwt', {}),
    { onError: (error) => text('connection', `Phone: ${message(error)}`) });
  try {
    await session.phoneSession.started;
  } catch (error) {
    text('connection', `The phone could not log in: ${message(error)}`);
  }
}

$('answer').addEventListener('click', () => act(async () => {
  const { id } = session.ringing;
  await session.phone.answer(id);
  session.ringing = null;
  session.activeCall = id;
}));

$('decline').addEventListener('click', () => act(async () => {
  const { id } = session.ringing;
  session.ringing = null;
  await session.phone.reject(id);
}));

$('hangup').addEventListener('click', () => act(() => session.phone.hangup(session.activeCall)));

$('mute').addEventListener('click', () => act(async () => {
  await session.phone.mute(session.activeCall, !session.muted);
  session.muted = !session.muted;
}));

for (const key of ['1', '2', '3', '4', '5', '6', '7', '8', '9', '+', '0', '#']) {
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = key;
  button.setAttribute('aria-label', `digit ${key}`);
  button.addEventListener('click', () => { $('number').value += key; });
  $('keys').append(button);
}

$('dial-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const to = $('number').value.trim();
  text('dial-message', '');
  act(async () => {
    try {
      await api.post(`/agents/${session.agentId}/outbound-calls/check`, { to });
    } catch (error) {
      text('dial-message', `Not allowed: ${message(error)}`);
      return;
    }
    session.activeCall = await session.phone.call(to.replace(/^\+/, ''));
    text('dial-message', `Calling ${to}…`);
  });
});
