// The desk's event-stream parser and its reconnecting reader (fetch + ReadableStream), against Responses made here:
// events split at any byte, CRLF line ends, comments (keep-alive), a dropped stream reopened, a 401 ending it.
// DeskPhoneAdapterIT (system-tests) loads this page in headless Chromium and checks window.streamTest.
import { followStream, sseParser } from '../src/sse.js';

const text = 'event: agent\r\ndata: {"state":"IDLE"}\r\n\r\n: keep-alive\n\nevent: agent\ndata: {"state":\ndata: "RESERVED"}\n\n';
const parsed = [];
const feed = sseParser((event) => parsed.push(event));
for (const ch of text) feed(ch); // one character at a time: every possible split

const streamed = (body) => new Response(new ReadableStream({
  start(controller) {
    controller.enqueue(new TextEncoder().encode(body));
    controller.close(); // the server drops the stream
  },
}), { status: 200, headers: { 'Content-Type': 'text/event-stream' } });

window.streamTest = { done: false };
const opened = [];
const received = [];
const states = [];
followStream({
  open: async () => {
    opened.push(Date.now());
    if (opened.length === 1) return streamed('event: agent\ndata: {"n":1}\n\n');
    if (opened.length === 2) return streamed('event: agent\ndata: {"n":2}\n\n');
    return new Response('{}', { status: 401 });
  },
  onEvent: (event) => received.push(JSON.parse(event.data).n),
  onState: (state) => states.push(state),
  onRefused: (response) => {
    window.streamTest = {
      done: true,
      parsed,
      received,
      states,
      opened: opened.length,
      reopenedAfterMillis: opened[1] - opened[0],
      refusedWith: response.status,
    };
  },
});
