// The call controls of the agent on a call: hold / resume, recording on request, cold and warm transfer. They are
// routing's (it owns who is in a call's conversation), called with the agent's own token; the call's state is read
// back from routing while the agent is on the call.
import { ProblemError } from './api.js';

const POLL_MS = 1500;
const TRANSFER_WORDS = {
  RINGING: 'ringing', CONSULTING: 'you are talking with the target; the caller is on hold',
  COMPLETED: 'done', CANCELLED: 'cancelled: the caller is back with you', FAILED: 'failed: the caller is back with you',
};

const normalMode = (mode) => String(mode ?? 'off').toLowerCase().replace('_', '-');
const failure = (error) => (error instanceof ProblemError ? error.message : 'Routing cannot be reached; try again.');
/** A fresh key per change (randomUUID needs a secure context; plain-HTTP pages get random hex). */
const idempotent = () => ({
  'Idempotency-Key': crypto.randomUUID?.()
    ?? Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join(''),
});

/**
 * @param api the desk's API client (bearer token set)
 * @param routingUrl routing's base URL, '' = this page's origin
 */
export function createControls(api, routingUrl) {
  const $ = (id) => document.getElementById(id);
  const text = (id, value) => { $(id).textContent = value ?? ''; };
  const routing = (path) => `${routingUrl || ''}${path}`;
  let call = null; // {callId, departmentId} of the call the desk shows, null when none
  let view = null; // routing's view of it
  let departments = null;
  let poller = null;

  async function loadDepartments() {
    try {
      departments = await api.get('/departments');
      $('transfer-department').replaceChildren(...departments.map((d) => new Option(d.name, d.id)));
    } catch {
      departments = null; // retried on the next call
    }
  }

  async function refresh() {
    if (!call) return;
    try {
      view = await api.get(routing(`/calls/${encodeURIComponent(call.callId)}`));
    } catch (error) {
      if (error.status === 404) view = null; // not (or no longer) live in routing
    }
    render();
  }

  function render() {
    $('controls').hidden = !call;
    if (!call) return;
    const onHold = !!view?.onHold;
    const transfer = view?.transfer;
    const active = transfer && (transfer.state === 'RINGING' || transfer.state === 'CONSULTING');
    $('hold').disabled = !view || active;
    $('hold').setAttribute('aria-pressed', String(onHold));
    text('hold', onHold ? 'Resume' : 'Hold');
    const mode = normalMode(departments?.find((d) => d.id === call.departmentId)?.recording);
    $('record').hidden = mode !== 'on-request';
    $('record').disabled = !view || !!view.recording;
    text('record', view?.recording ? 'Recording' : 'Record');
    text('call-status', !view ? ''
      : [onHold ? `On hold (${view.holdSeconds} s held in all)` : 'Talking', view.recording ? 'recorded' : null]
        .filter(Boolean).join(' · '));
    $('transfer').disabled = !view || active;
    $('consult').hidden = !(active && transfer.kind === 'warm');
    $('transfer-complete').disabled = transfer?.state !== 'CONSULTING';
    $('transfer-state').dataset.state = transfer?.state ?? '';
    text('transfer-state', transfer ? `${transfer.kind === 'warm' ? 'Warm' : 'Cold'} transfer to ${describe(transfer.target)}: `
      + `${TRANSFER_WORDS[transfer.state] ?? transfer.state}` : '');
    for (const type of ['department', 'agent', 'number']) $(`transfer-to-${type}`).hidden = $('transfer-type').value !== type;
  }

  function describe(target) {
    if (!target) return '';
    if (target.type === 'department') return departments?.find((d) => d.id === target.departmentId)?.name ?? 'department';
    if (target.type === 'agent') return `agent ${target.agentId}`;
    return target.number;
  }

  async function act(action) {
    text('transfer-message', '');
    try {
      await action();
    } catch (error) {
      text('transfer-message', failure(error));
    }
    await refresh();
  }

  const post = (path, body) => api.post(routing(`/calls/${encodeURIComponent(call.callId)}${path}`), body, idempotent());

  $('hold').addEventListener('click', () => act(() => post(view?.onHold ? '/resume' : '/hold')));
  $('record').addEventListener('click', () => act(() => post('/recording')));
  $('transfer-type').addEventListener('change', render);
  $('transfer-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const type = $('transfer-type').value;
    const target = type === 'department' ? { type, departmentId: $('transfer-department').value }
      : type === 'agent' ? { type, agentId: $('transfer-agent').value.trim() }
        : { type, number: $('transfer-number').value.trim() };
    act(() => post('/transfers', { kind: $('transfer-kind').value, target }));
  });
  $('transfer-complete').addEventListener('click',
    () => act(() => post(`/transfers/${encodeURIComponent(view.transfer.transferId)}/complete`)));
  $('transfer-cancel').addEventListener('click',
    () => act(() => post(`/transfers/${encodeURIComponent(view.transfer.transferId)}/cancel`)));

  return {
    /** The call the agent is on now (from the agent's stream), or null. */
    show(current) {
      const callId = current?.callId ?? null;
      if (callId === call?.callId) return;
      clearInterval(poller);
      call = callId ? { callId, departmentId: current.departmentId } : null;
      view = null;
      text('transfer-message', '');
      render();
      if (!call) return;
      if (!departments) loadDepartments().then(render);
      refresh();
      poller = setInterval(refresh, POLL_MS);
    },
  };
}
