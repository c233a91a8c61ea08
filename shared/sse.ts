/**
 * Server-sent events as the live streams frame them (`electron/web/events.ts`
 * writes `id:`, `event:` and `data:` lines, a blank line after each frame):
 * the reader the console, the seats' pages, the tests and the benchmark use
 * on the text as it arrives, in whatever chunks.
 */
export type SseFrame = { id: number; data: string };

/** Feeds text chunks in; calls `onFrame` with each whole frame that carries data, in order. */
export function sseReaderOf(onFrame: (frame: SseFrame) => void): (chunk: string) => void {
  let buffer = '';
  return (chunk) => {
    buffer += chunk;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let id = 0;
      let data: string | null = null;
      for (const line of frame.split('\n')) {
        if (line.startsWith('id: ')) id = Number(line.slice(4));
        else if (line.startsWith('data: ')) data = line.slice(6);
      }
      if (data !== null) onFrame({ id, data });
    }
  };
}
