/** The one reader of the live streams' frames (`shared/sse.ts`), fed the way a network delivers text: in arbitrary chunks. */
import { describe, expect, it } from 'vitest';
import { sseReaderOf, type SseFrame } from '../../shared/sse';
import { runEventOf } from '../../shared/runState';
import { sseFrameOf } from '../../electron/web/events';

describe('sseReaderOf', () => {
  it('reads the frames the server writes, whole and in order, however the text is cut', () => {
    const events = [1, 2, 3].map((seq) => ({ ...runEventOf({ kind: 'observation', at: '2026-06-18T01:00:00.000Z', text: `第${seq}条\n观察：水样浑浊` }), seq }));
    const text = `: ping\n\n${events.map(sseFrameOf).join('')}`;
    for (const size of [1, 2, 7, 64, text.length]) {
      const frames: SseFrame[] = [];
      const read = sseReaderOf((frame) => frames.push(frame));
      for (let i = 0; i < text.length; i += size) read(text.slice(i, i + size));
      expect(frames.map((frame) => frame.id), `chunks of ${size}`).toEqual([1, 2, 3]);
      expect(frames.map((frame) => JSON.parse(frame.data))).toEqual(events);
    }
  });

  it('holds back a frame until its blank line arrives', () => {
    const frames: SseFrame[] = [];
    const read = sseReaderOf((frame) => frames.push(frame));
    read('id: 4\ndata: {"a":1}\n');
    expect(frames).toEqual([]);
    read('\n');
    expect(frames).toEqual([{ id: 4, data: '{"a":1}' }]);
  });
});
