// The desk's VonagePhone adapter and its session keeping, driven against a stand-in for the Client SDK's
// VonageClient that records every call it receives. DeskPhoneAdapterIT (system-tests) loads this page in headless
// Chromium and checks window.adapterTest.
import { createVonagePhone } from '../src/phone/vonage-phone.js';
import { keepPhoneSession } from '../src/phone/phone.js';

class StandInClient {
  constructor() {
    this.calls = [];
    this.listeners = {};
  }

  record(method, ...args) {
    this.calls.push({ method, args, at: Date.now() });
    return Promise.resolve(method === 'serverCall' ? 'outbound-call-1' : method === 'createSession' ? 'session-1' : undefined);
  }

  on(event, callback) {
    this.listeners[event] = callback;
    return Symbol(event);
  }

  emit(event, ...args) {
    this.listeners[event](...args);
  }
}
for (const method of ['createSession', 'refreshSession', 'deleteSession', 'answer', 'reject', 'hangup', 'mute', 'unmute', 'serverCall']) {
  StandInClient.prototype[method] = function stub(...args) { return this.record(method, ...args); };
}

const until = async (condition, millis) => {
  const deadline = Date.now() + millis;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

window.adapterTest = { done: false };
(async () => {
  const client = new StandInClient();
  const phone = createVonagePhone(client);
  const incoming = [];
  const hangups = [];
  phone.onIncoming((call) => incoming.push(call));
  phone.onHangup((id) => hangups.push(id));

  // two /api/jwt answers: the first expires in 4 s, so the refresh must come before that
  const tokens = [{ token: 'jwt-1', expiresAt: new Date(Date.now() + 4000).toISOString() },
    { token: 'jwt-2', expiresAt: new Date(Date.now() + 900000).toISOString() }];
  const firstExpiry = Date.parse(tokens[0].expiresAt);
  const kept = keepPhoneSession(phone, async () => tokens.shift());
  await kept.started;
  await until(() => client.calls.some((c) => c.method === 'refreshSession'), 6000);
  kept.stop();

  client.emit('callInvite', 'call-A', '447700900123', 'phone');
  await phone.answer(incoming[0].id);
  await phone.mute('call-A', true);
  await phone.mute('call-A', false);
  await phone.hangup('call-A');
  client.emit('callHangup', 'call-A', {}, 'LOCAL_HANGUP');
  client.emit('callInvite', 'call-B', '447700900124', 'phone');
  await phone.reject(incoming[1].id);
  client.emit('callInviteCancel', 'call-B', 'RejectedElsewhere');
  const outbound = await phone.call('447700900555');

  const refresh = client.calls.find((c) => c.method === 'refreshSession');
  window.adapterTest = {
    done: true,
    calls: client.calls.map(({ method, args }) => ({ method, args })),
    refreshedMillisBeforeExpiry: firstExpiry - refresh.at,
    incoming,
    hangups,
    outbound,
  };
})().catch((error) => { window.adapterTest = { done: true, error: String(error) }; });
