// The desk's call controls (src/controls.js) in the desk's own markup, against a stand-in for routing that keeps a
// call's state: hold and resume, record on request, a refused transfer's reason, a warm transfer consulted and
// completed, the controls gone when the call is. DeskPhoneAdapterIT (system-tests) checks window.controlsTest.
import deskHtml from '../src/index.html';
import { ProblemError } from '../src/api.js';
import { createControls } from '../src/controls.js';

const desk = new DOMParser().parseFromString(deskHtml, 'text/html');
document.body.append(document.adoptNode(desk.getElementById('controls')));

const ROUTING = 'http://routing.test';
const view = { callId: 'c1', onHold: false, holdSeconds: 0, recording: false, transfer: null };
const posts = [];
let refuseNextTransfer = true;
const api = {
  get: async (path) => {
    if (path === '/departments') return [{ id: 'd1', name: 'Support', recording: 'on-request' }, { id: 'd2', name: 'Returns' }];
    if (path === `${ROUTING}/calls/c1`) return structuredClone(view);
    throw new ProblemError(404, { detail: 'not live' });
  },
  post: async (path, body, headers) => {
    posts.push({ path: path.replace(ROUTING, ''), body: body ?? null, key: headers?.['Idempotency-Key'] ?? null });
    if (path.endsWith('/hold')) Object.assign(view, { onHold: true, holdSeconds: 4 });
    else if (path.endsWith('/resume')) view.onHold = false;
    else if (path.endsWith('/recording')) view.recording = true;
    else if (path.endsWith('/transfers')) {
      if (refuseNextTransfer) {
        refuseNextTransfer = false;
        throw new ProblemError(409, { title: 'Conflict', detail: 'agent not available' });
      }
      view.transfer = { transferId: 't1', kind: body.kind, state: 'CONSULTING', target: body.target };
      return view.transfer;
    } else if (path.endsWith('/transfers/t1/complete')) view.transfer.state = 'COMPLETED';
    return structuredClone(view);
  },
};

const $ = (id) => document.getElementById(id);
const until = async (check, what) => {
  for (let i = 0; i < 200; i += 1) {
    if (check()) return;
    await new Promise((resolve) => { setTimeout(resolve, 25); });
  }
  throw new Error(`timed out waiting for ${what}`);
};

async function run() {
  const seen = {};
  const controls = createControls(api, ROUTING);
  controls.show({ callId: 'c1', departmentId: 'd1' });
  await until(() => !$('controls').hidden && !$('hold').disabled, 'the controls');
  await until(() => !$('record').hidden, 'the Record button (on-request department)');
  $('hold').click();
  await until(() => $('hold').textContent === 'Resume', 'Resume');
  seen.onHold = $('call-status').textContent;
  $('hold').click();
  await until(() => $('hold').textContent === 'Hold', 'Hold again');
  $('record').click();
  await until(() => $('record').disabled && $('record').textContent === 'Recording', 'recording');
  seen.recorded = $('call-status').textContent;

  $('transfer-kind').value = 'warm';
  $('transfer-type').value = 'agent';
  $('transfer-type').dispatchEvent(new Event('change'));
  seen.agentFieldShown = !$('transfer-to-agent').hidden && $('transfer-to-department').hidden;
  $('transfer-agent').value = 'agent-2';
  $('transfer-form').requestSubmit();
  await until(() => $('transfer-message').textContent !== '', 'the refusal');
  seen.refusal = $('transfer-message').textContent;
  $('transfer-form').requestSubmit();
  await until(() => !$('consult').hidden, 'the consultation');
  seen.consulting = $('transfer-state').textContent;
  seen.transferDisabledWhileConsulting = $('transfer').disabled && $('hold').disabled;
  $('transfer-complete').click();
  await until(() => $('consult').hidden, 'the completed transfer');
  seen.completed = $('transfer-state').textContent;
  controls.show(null);
  seen.hiddenAfterTheCall = $('controls').hidden;
  return seen;
}

window.controlsTest = { done: false };
run().then((seen) => { window.controlsTest = { done: true, posts, ...seen }; },
  (error) => { window.controlsTest = { done: true, error: String(error), posts }; });
