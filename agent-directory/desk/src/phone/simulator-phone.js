import { followStream } from '../sse.js';

/**
 * The desk's phone over vonage-simulator's desk API: the same page rings, answers and dials in the local run and
 * the tests without Vonage. Every request carries the Client SDK token (the simulator verifies it and takes the
 * user from its subject, as Vonage does).
 */
export function createSimulatorPhone(simulatorUrl, fetchImpl = fetch.bind(globalThis)) {
  const base = `${simulatorUrl.replace(/\/$/, '')}/simulator/desk/calls`;
  const incoming = [];
  const hangups = [];
  let jwt;
  let stream;

  const send = async (method, path, body) => {
    const response = await fetchImpl(base + path, {
      method,
      headers: { Authorization: `Bearer ${jwt}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) throw new Error(`simulator answered ${response.status} to ${method} ${path || '/'}`);
    return response.status === 201 ? response.json() : null;
  };

  return {
    async login(token) {
      jwt = token;
      stream?.stop();
      stream = followStream({
        open: (signal) => fetchImpl(base, { headers: { Authorization: `Bearer ${jwt}`, Accept: 'text/event-stream' }, signal }),
        onEvent: ({ type, data }) => {
          const call = JSON.parse(data);
          if (type === 'ringing') incoming.forEach((cb) => cb({ id: call.callId, from: call.from }));
          if (type === 'ended') hangups.forEach((cb) => cb(call.callId));
        },
      });
    },
    async refresh(token) {
      jwt = token;
    },
    async logout() {
      stream?.stop();
    },
    onIncoming: (cb) => incoming.push(cb),
    onHangup: (cb) => hangups.push(cb),
    answer: (id) => send('POST', `/${id}/answer`),
    reject: (id) => send('POST', `/${id}/reject`),
    hangup: (id) => send('POST', `/${id}/hangup`),
    mute: (id, on) => send('PUT', `/${id}/mute`, { muted: on }),
    call: async (to) => (await send('POST', '', { to })).callId,
  };
}
