/**
 * The desk's phone over the official Vonage Client SDK. `client` is a VonageClient (or, in the adapter's browser
 * test, a stand-in with the same methods). The SDK's call ids are the ids this interface hands out.
 */
export function createVonagePhone(client) {
  const incoming = [];
  const hangups = [];
  client.on('callInvite', (callId, from) => incoming.forEach((cb) => cb({ id: callId, from })));
  client.on('callInviteCancel', (callId) => hangups.forEach((cb) => cb(callId)));
  client.on('callHangup', (callId) => hangups.forEach((cb) => cb(callId)));
  return {
    login: (jwt) => client.createSession(jwt),
    refresh: (jwt) => client.refreshSession(jwt),
    logout: () => client.deleteSession(),
    onIncoming: (cb) => incoming.push(cb),
    onHangup: (cb) => hangups.push(cb),
    answer: (id) => client.answer(id),
    reject: (id) => client.reject(id),
    hangup: (id) => client.hangup(id),
    mute: (id, on) => (on ? client.mute(id) : client.unmute(id)),
    call: (to) => client.serverCall({ to }),
  };
}
