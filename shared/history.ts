/**
 * Edit history as inverse operations, for undo and redo.
 *
 * Each entry keeps the operations of one edit and their inverse (computed
 * with `inverseOfOps` from the state before the edit). Undo hands back the
 * inverse to apply; redo hands back the operations again. Selection and
 * viewport never enter the history, and saving is a separate concern: an
 * undo is simply one more edit for the store to save.
 *
 * Edits that carry the same `mergeKey` one after another (the keystrokes of
 * one field, the arrow presses of one nudge) become one entry.
 */
import type { GraphOp } from './ops';

export type HistoryEntry = {
  ops: GraphOp[];
  inverse: GraphOp[];
  /** Consecutive edits with the same non-null key merge into one entry. */
  mergeKey: string | null;
  /** When the entry was last extended, in milliseconds (for the merge window). */
  at: number;
};

export type History = { undo: readonly HistoryEntry[]; redo: readonly HistoryEntry[] };

export const EMPTY_HISTORY: History = { undo: [], redo: [] };
/** Oldest entries are dropped beyond this many. */
export const HISTORY_LIMIT = 300;
/** Edits with the same merge key further apart than this start a new entry. */
export const MERGE_WINDOW_MS = 5_000;

export type Edit = { ops: GraphOp[]; inverse: GraphOp[]; mergeKey?: string | null; at: number };

/**
 * The history after an edit: pushed on the undo stack (or merged into the
 * last entry when the merge keys match within the window); the redo stack
 * is cleared. Example: typing "演练" in a title field as two edits with the
 * key `title:s1` leaves one entry whose inverse restores the old title.
 */
export function historyWithEdit(history: History, edit: Edit, limit = HISTORY_LIMIT): History {
  if (edit.ops.length === 0) return history;
  const mergeKey = edit.mergeKey ?? null;
  const last = history.undo.at(-1);
  if (last && mergeKey !== null && last.mergeKey === mergeKey && edit.at - last.at <= MERGE_WINDOW_MS) {
    const merged: HistoryEntry = {
      ops: compactOps([...last.ops, ...edit.ops]),
      inverse: compactOps([...edit.inverse, ...last.inverse]),
      mergeKey,
      at: edit.at,
    };
    return { undo: [...history.undo.slice(0, -1), merged], redo: [] };
  }
  const entry: HistoryEntry = { ops: edit.ops, inverse: edit.inverse, mergeKey, at: edit.at };
  return { undo: [...history.undo, entry].slice(-limit), redo: [] };
}

/** The operations that undo the last edit and the history after it, or null when there is nothing to undo. */
export function undoOf(history: History): { ops: GraphOp[]; history: History } | null {
  const entry = history.undo.at(-1);
  if (!entry) return null;
  return { ops: entry.inverse, history: { undo: history.undo.slice(0, -1), redo: [...history.redo, entry] } };
}

/** The operations that redo the last undone edit and the history after it, or null when there is nothing to redo. */
export function redoOf(history: History): { ops: GraphOp[]; history: History } | null {
  const entry = history.redo.at(-1);
  if (!entry) return null;
  return { ops: entry.ops, history: { undo: [...history.undo, { ...entry, mergeKey: null }], redo: history.redo.slice(0, -1) } };
}

/** A merge key that never merges with anything after it: used to close a burst. */
export function historyClosed(history: History): History {
  const last = history.undo.at(-1);
  if (!last || last.mergeKey === null) return history;
  return { ...history, undo: [...history.undo.slice(0, -1), { ...last, mergeKey: null }] };
}

/**
 * The same edit in fewer operations: neighbouring patches of the same step,
 * edge or role become one patch (later fields win), neighbouring metadata
 * patches one patch, neighbouring moves one move (later positions win).
 * Example: `updateStep s1 {title:"a"}, updateStep s1 {title:"ab"}` becomes
 * `updateStep s1 {title:"ab"}`.
 */
export function compactOps(ops: readonly GraphOp[]): GraphOp[] {
  const out: GraphOp[] = [];
  for (const op of ops) {
    const last = out.at(-1);
    if (last) {
      if (last.op === 'updateStep' && op.op === 'updateStep' && last.id === op.id) {
        out[out.length - 1] = { op: 'updateStep', id: op.id, patch: { ...last.patch, ...op.patch } };
        continue;
      }
      if (last.op === 'updateEdge' && op.op === 'updateEdge' && last.id === op.id) {
        out[out.length - 1] = { op: 'updateEdge', id: op.id, patch: { ...last.patch, ...op.patch } };
        continue;
      }
      if (last.op === 'updateRole' && op.op === 'updateRole' && last.id === op.id) {
        out[out.length - 1] = { op: 'updateRole', id: op.id, patch: { ...last.patch, ...op.patch } };
        continue;
      }
      if (last.op === 'setMeta' && op.op === 'setMeta') {
        out[out.length - 1] = { op: 'setMeta', patch: { ...last.patch, ...op.patch } };
        continue;
      }
      if (last.op === 'moveSteps' && op.op === 'moveSteps') {
        const positions = new Map(last.moves.map((move) => [move.id, move.position]));
        for (const move of op.moves) positions.set(move.id, move.position);
        out[out.length - 1] = { op: 'moveSteps', moves: [...positions].map(([id, position]) => ({ id, position })) };
        continue;
      }
    }
    out.push(op);
  }
  return out;
}
