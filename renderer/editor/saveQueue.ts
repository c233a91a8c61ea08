/**
 * Autosave: edits go to the back end one request at a time, each made on the
 * revision the previous one returned. Edits that arrive while a request is
 * in flight wait and go together in the next one (one transaction, compacted),
 * so typing never piles up requests. Text edits may ask for a short delay
 * (`debounce`) so a burst of keystrokes becomes one request; anything else
 * is sent at once. No DOM here: the sender is passed in.
 *
 * Each push may carry a number (the editor's edit counter); when a request
 * commits, `onSaved` gets the highest number it carried, so the editor knows
 * which of its edits the back end has acknowledged.
 */
import { compactOps } from '../../shared/history';
import type { GraphOp } from '../../shared/ops';

export type SaveStatus = 'saved' | 'pending' | 'saving' | 'error';

export type SaveQueueOptions = {
  /** Commits ops made on `baseRevision`; resolves with the new revision. */
  send: (baseRevision: number, ops: GraphOp[]) => Promise<{ revision: number }>;
  revision: number;
  onStatus: (status: SaveStatus) => void;
  /** Called once when a request fails; the queue drops what it held and stops until `reset`. */
  onFailure: (error: unknown) => void;
  /** Called after each committed request with the highest `seq` of the edits it carried (when any carried one). */
  onSaved?: (seq: number) => void;
  debounceMs?: number;
};

export type SaveQueue = {
  push: (ops: readonly GraphOp[], options?: { debounce?: boolean; seq?: number }) => void;
  /** Sends whatever waits now; resolves when the queue is empty (or failed). */
  flush: () => Promise<void>;
  /** After a reload: forget everything, continue from this revision. */
  reset: (revision: number) => void;
  revision: () => number;
  /** True when nothing waits and nothing is in flight. */
  idle: () => boolean;
  dispose: () => void;
};

export function createSaveQueue(options: SaveQueueOptions): SaveQueue {
  const debounceMs = options.debounceMs ?? 400;
  let revision = options.revision;
  let pending: GraphOp[] = [];
  /** The highest `seq` among the pending edits, or null. */
  let pendingSeq: number | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<void> | null = null;
  let failed = false;
  let disposed = false;
  let status: SaveStatus = 'saved';
  const setStatus = (next: SaveStatus) => {
    if (next === status || disposed) return;
    status = next;
    options.onStatus(next);
  };

  const clearTimer = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };

  const run = async () => {
    while (pending.length > 0 && !failed) {
      const batch = compactOps(pending);
      const batchSeq = pendingSeq;
      pending = [];
      pendingSeq = null;
      setStatus('saving');
      try {
        revision = (await options.send(revision, batch)).revision;
      } catch (error) {
        failed = true;
        pending = [];
        pendingSeq = null;
        clearTimer();
        setStatus('error');
        options.onFailure(error);
        return;
      }
      if (batchSeq !== null && !disposed) options.onSaved?.(batchSeq);
    }
    if (!failed) setStatus(timer !== null ? 'pending' : 'saved');
  };

  const kick = (): Promise<void> => {
    clearTimer();
    if (running) return running.then(() => (pending.length > 0 && !failed ? kick() : undefined));
    if (pending.length === 0 || failed) {
      if (!failed) setStatus('saved');
      return Promise.resolve();
    }
    running = run().finally(() => {
      running = null;
    });
    return running;
  };

  return {
    push: (ops, pushOptions = {}) => {
      if (failed || disposed || ops.length === 0) return;
      pending.push(...ops);
      if (pushOptions.seq !== undefined) pendingSeq = Math.max(pendingSeq ?? pushOptions.seq, pushOptions.seq);
      if (pushOptions.debounce) {
        clearTimer();
        if (!running) setStatus('pending');
        timer = setTimeout(() => {
          timer = null;
          void kick();
        }, debounceMs);
      } else void kick();
    },
    flush: () => kick(),
    reset: (next) => {
      clearTimer();
      pending = [];
      pendingSeq = null;
      failed = false;
      revision = next;
      setStatus('saved');
    },
    revision: () => revision,
    idle: () => pending.length === 0 && running === null && timer === null,
    dispose: () => {
      clearTimer();
      disposed = true;
    },
  };
}
