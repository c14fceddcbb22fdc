/**
 * Server-sent events over fetch + ReadableStream (EventSource cannot send the Authorization header).
 * A parser per the HTML spec's event-stream rules: `event:`/`data:` fields, blank line dispatches, `:` comments.
 */
export function sseParser(onEvent) {
  let buffer = '';
  let type = '';
  let data = [];
  return (text) => {
    buffer += text;
    let newline;
    while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
      // a CR that ends the chunk may be the first half of a CRLF: wait for the next chunk
      if (newline === buffer.length - 1 && buffer[newline] === '\r') break;
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
      if (line === '') {
        if (data.length) onEvent({ type: type || 'message', data: data.join('\n') });
        type = '';
        data = [];
      } else if (!line.startsWith(':')) {
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') type = value;
        else if (field === 'data') data.push(value);
      }
    }
  };
}

/**
 * Reads an event stream until stopped, reconnecting after a drop (1 s, doubling to 15 s).
 * `open()` returns the fetch Response (so every attempt can carry a fresh token); a 401/403/404 ends it
 * through `onRefused(response)`.
 */
export function followStream({ open, onEvent, onState = () => {}, onRefused = () => {} }) {
  let stopped = false;
  let controller;
  let delay = 1000;
  (async () => {
    while (!stopped) {
      controller = new AbortController();
      try {
        const response = await open(controller.signal);
        if ([401, 403, 404].includes(response.status)) {
          stopped = true;
          onRefused(response);
          return;
        }
        if (!response.ok || !response.body) throw new Error(`stream answered ${response.status}`);
        onState('open');
        delay = 1000;
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        const feed = sseParser(onEvent);
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          feed(value);
        }
      } catch (error) {
        if (stopped) return;
      }
      if (stopped) return;
      onState('reconnecting');
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 15000);
    }
  })();
  return {
    stop() {
      stopped = true;
      controller?.abort();
    },
  };
}
