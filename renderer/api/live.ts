/**
 * Live run events (server-sent events) read with `fetch`, so the token goes
 * in a header, never in the address. Reconnects by itself after a dropped
 * connection, sending `Last-Event-ID` so nothing is missed or repeated.
 */
import type { RunEvent } from '../../shared/model';
import { sseReaderOf } from '../../shared/sse';

export type LiveState = 'connecting' | 'live' | 'offline';

/** Reads `path` as an event stream until `stop()`; `onEvent` gets each run event, `onState` the connection's state. */
export function subscribeRunEvents(
  path: string,
  headers: Record<string, string>,
  handlers: { onEvent: (event: RunEvent) => void; onState?: (state: LiveState) => void; onRefused?: (status: number) => void },
): () => void {
  let stopped = false;
  let lastId = 0;
  let controller: AbortController | null = null;
  const connect = async () => {
    while (!stopped) {
      controller = new AbortController();
      handlers.onState?.('connecting');
      try {
        const response = await fetch(path, { headers: { Accept: 'text/event-stream', ...headers, ...(lastId > 0 ? { 'Last-Event-ID': String(lastId) } : {}) }, signal: controller.signal });
        if (response.status === 401 || response.status === 403 || response.status === 404) {
          handlers.onRefused?.(response.status);
          handlers.onState?.('offline');
          return;
        }
        if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
        handlers.onState?.('live');
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        const read = sseReaderOf(({ id, data }) => {
          if (id > lastId) lastId = id;
          handlers.onEvent(JSON.parse(data) as RunEvent);
        });
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          read(value);
        }
      } catch {
        // Dropped or unreachable: try again shortly.
      }
      if (stopped) return;
      handlers.onState?.('offline');
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  };
  // The browser saying the network is gone ends the stream at once (an open stream may not notice for a long time).
  const offline = () => controller?.abort();
  window.addEventListener('offline', offline);
  void connect();
  return () => {
    stopped = true;
    window.removeEventListener('offline', offline);
    controller?.abort();
  };
}
