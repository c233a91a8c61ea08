import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { GraphOp } from '../../shared/ops';
import { createSaveQueue, type SaveStatus } from '../../renderer/editor/saveQueue';

const meta = (location: string): GraphOp => ({ op: 'setMeta', patch: { location } });

/** A back end that records each request and answers when told to. */
function backend() {
  const requests: { baseRevision: number; ops: GraphOp[]; resolve: () => void; reject: (error: Error) => void }[] = [];
  let revision = 7;
  const send = (baseRevision: number, ops: GraphOp[]) =>
    new Promise<{ revision: number }>((resolve, reject) => {
      requests.push({ baseRevision, ops, resolve: () => resolve({ revision: ++revision }), reject });
    });
  return { requests, send };
}

describe('the save queue', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends an edit at once and sends the next one on the revision the first returned', async () => {
    const server = backend();
    const statuses: SaveStatus[] = [];
    const queue = createSaveQueue({ send: server.send, revision: 7, onStatus: (s) => statuses.push(s), onFailure: () => {} });
    queue.push([meta('a')]);
    queue.push([meta('b')]);
    queue.push([{ op: 'removeStep', id: 's1' }]);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0].baseRevision).toBe(7);
    server.requests[0].resolve();
    await vi.runAllTimersAsync();
    expect(server.requests).toHaveLength(2);
    // What waited went together, compacted.
    expect(server.requests[1]).toMatchObject({ baseRevision: 8, ops: [meta('b'), { op: 'removeStep', id: 's1' }] });
    server.requests[1].resolve();
    await queue.flush();
    expect(queue.revision()).toBe(9);
    expect(queue.idle()).toBe(true);
    expect(statuses).toEqual(['saving', 'saved']);
  });

  it('waits for a burst of debounced edits to end, then sends them as one request', async () => {
    const server = backend();
    const queue = createSaveQueue({ send: server.send, revision: 7, onStatus: () => {}, onFailure: () => {}, debounceMs: 300 });
    queue.push([{ op: 'updateStep', id: 's1', patch: { title: '暴' } }], { debounce: true });
    await vi.advanceTimersByTimeAsync(200);
    queue.push([{ op: 'updateStep', id: 's1', patch: { title: '暴雨' } }], { debounce: true });
    await vi.advanceTimersByTimeAsync(200);
    expect(server.requests).toHaveLength(0);
    expect(queue.idle()).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0].ops).toEqual([{ op: 'updateStep', id: 's1', patch: { title: '暴雨' } }]);
  });

  it('flush sends a debounced edit without waiting', async () => {
    const server = backend();
    const queue = createSaveQueue({ send: server.send, revision: 7, onStatus: () => {}, onFailure: () => {} });
    queue.push([meta('x')], { debounce: true });
    const flushed = queue.flush();
    expect(server.requests).toHaveLength(1);
    server.requests[0].resolve();
    await flushed;
    expect(queue.idle()).toBe(true);
  });

  it('on a failure reports it once, drops what waited, and ignores edits until reset', async () => {
    const server = backend();
    const failures: unknown[] = [];
    const statuses: SaveStatus[] = [];
    const queue = createSaveQueue({ send: server.send, revision: 7, onStatus: (s) => statuses.push(s), onFailure: (e) => failures.push(e) });
    queue.push([meta('a')]);
    queue.push([meta('b')]);
    server.requests[0].reject(new Error('conflict'));
    await queue.flush();
    expect(failures).toHaveLength(1);
    expect(statuses.at(-1)).toBe('error');
    queue.push([meta('c')]);
    expect(server.requests).toHaveLength(1);
    queue.reset(12);
    queue.push([meta('d')]);
    expect(server.requests[1]).toMatchObject({ baseRevision: 12, ops: [meta('d')] });
  });

  it('tells which edits each committed request carried, by the highest number, and never a failed one', async () => {
    const server = backend();
    const saved: number[] = [];
    const failures: unknown[] = [];
    const queue = createSaveQueue({ send: server.send, revision: 7, onStatus: () => {}, onFailure: (e) => failures.push(e), onSaved: (seq) => saved.push(seq) });
    queue.push([meta('a')], { seq: 1 });
    queue.push([meta('b')], { seq: 2 });
    queue.push([meta('c')], { seq: 3 });
    server.requests[0].resolve();
    await vi.runAllTimersAsync();
    expect(saved).toEqual([1]);
    server.requests[1].resolve();
    await vi.runAllTimersAsync();
    expect(saved).toEqual([1, 3]);
    queue.push([meta('d')], { seq: 4 });
    server.requests[2].reject(new Error('refused'));
    await vi.runAllTimersAsync();
    expect(saved).toEqual([1, 3]);
    expect(failures).toHaveLength(1);
  });
});
