import { describe, expect, it } from 'vitest';
import { compactOps, EMPTY_HISTORY, historyClosed, historyWithEdit, MERGE_WINDOW_MS, redoOf, undoOf, type History } from '../../shared/history';
import { applyOps, inverseOfOps, removalOpsOf, type GraphOp } from '../../shared/ops';
import type { ScenarioBody } from '../../shared/model';
import { sortedBody, step, waterworks } from '../fixtures/editor/bodies';

/** Applies an edit to a body and records it, as the editor store does. */
function edit(state: { body: ScenarioBody; history: History }, ops: GraphOp[], mergeKey: string | null = null, at = 0) {
  const inverse = inverseOfOps(state.body, ops);
  return { body: applyOps(state.body, ops), history: historyWithEdit(state.history, { ops, inverse, mergeKey, at }) };
}
function undo(state: { body: ScenarioBody; history: History }) {
  const result = undoOf(state.history)!;
  return { body: applyOps(state.body, result.ops), history: result.history };
}
function redo(state: { body: ScenarioBody; history: History }) {
  const result = redoOf(state.history)!;
  return { body: applyOps(state.body, result.ops), history: result.history };
}

const start = { body: waterworks, history: EMPTY_HISTORY };

describe('edit history', () => {
  it('has nothing to undo or redo when empty', () => {
    expect(undoOf(EMPTY_HISTORY)).toBeNull();
    expect(redoOf(EMPTY_HISTORY)).toBeNull();
  });

  it('undoes a move, then a delete, back to the exact original, and redoes both', () => {
    let state = edit(start, [{ op: 'moveSteps', moves: [{ id: 's-truck', position: { x: 320, y: 400 } }] }]);
    state = edit(state, removalOpsOf(state.body, ['s-sample']));
    expect(state.body.steps.map((s) => s.id)).not.toContain('s-sample');
    const moved = state.body;

    state = undo(state);
    expect(state.body.steps.find((s) => s.id === 's-sample')).toEqual(waterworks.steps[1]);
    expect(state.body.edges).toHaveLength(4);
    state = undo(state);
    expect(sortedBody(state.body)).toEqual(sortedBody(waterworks));
    expect(undoOf(state.history)).toBeNull();

    state = redo(redo(state));
    expect(sortedBody(state.body)).toEqual(sortedBody(moved));
    expect(redoOf(state.history)).toBeNull();
  });

  it('merges the keystrokes of one field into one entry that restores the old value', () => {
    let state = edit(start, [{ op: 'updateStep', id: 's-flood', patch: { title: '暴' } }], 'title:s-flood', 0);
    state = edit(state, [{ op: 'updateStep', id: 's-flood', patch: { title: '暴雨' } }], 'title:s-flood', 100);
    state = edit(state, [{ op: 'updateStep', id: 's-flood', patch: { title: '暴雨来了' } }], 'title:s-flood', 200);
    expect(state.history.undo).toHaveLength(1);
    expect(state.history.undo[0].ops).toEqual([{ op: 'updateStep', id: 's-flood', patch: { title: '暴雨来了' } }]);
    state = undo(state);
    expect(sortedBody(state.body)).toEqual(sortedBody(waterworks));
  });

  it('starts a new entry when the merge key changes, the window passes, or the burst is closed', () => {
    let state = edit(start, [{ op: 'updateStep', id: 's-flood', patch: { title: 'a' } }], 'k', 0);
    state = edit(state, [{ op: 'updateStep', id: 's-flood', patch: { title: 'b' } }], 'other', 10);
    expect(state.history.undo).toHaveLength(2);
    state = edit(state, [{ op: 'updateStep', id: 's-flood', patch: { title: 'c' } }], 'other', 20 + MERGE_WINDOW_MS);
    expect(state.history.undo).toHaveLength(3);
    state = { ...state, history: historyClosed(state.history) };
    state = edit(state, [{ op: 'updateStep', id: 's-flood', patch: { title: 'd' } }], 'other', 30 + MERGE_WINDOW_MS);
    expect(state.history.undo).toHaveLength(4);
  });

  it('forgets the redo stack when a new edit is made after an undo', () => {
    let state = edit(start, [{ op: 'addStep', step: step('s-new', '新步骤') }]);
    state = undo(state);
    expect(redoOf(state.history)).not.toBeNull();
    state = edit(state, [{ op: 'updateStep', id: 's-done', patch: { notes: '备注' } }]);
    expect(redoOf(state.history)).toBeNull();
  });

  it('keeps at most the given number of entries, dropping the oldest', () => {
    let history = EMPTY_HISTORY;
    for (let i = 0; i < 10; i++)
      history = historyWithEdit(history, { ops: [{ op: 'setMeta', patch: { location: `${i}` } }], inverse: [], at: i }, 3);
    expect(history.undo.map((entry) => (entry.ops[0] as { patch: { location: string } }).patch.location)).toEqual(['7', '8', '9']);
  });
});

describe('compactOps', () => {
  it('merges neighbouring patches of the same step, later fields winning', () => {
    expect(
      compactOps([
        { op: 'updateStep', id: 'a', patch: { title: 'x', notes: 'n' } },
        { op: 'updateStep', id: 'a', patch: { title: 'y' } },
        { op: 'updateStep', id: 'b', patch: { title: 'z' } },
      ]),
    ).toEqual([
      { op: 'updateStep', id: 'a', patch: { title: 'y', notes: 'n' } },
      { op: 'updateStep', id: 'b', patch: { title: 'z' } },
    ]);
  });

  it('merges neighbouring moves, keeping each step once with its last position', () => {
    expect(
      compactOps([
        { op: 'moveSteps', moves: [{ id: 'a', position: { x: 1, y: 1 } }, { id: 'b', position: { x: 2, y: 2 } }] },
        { op: 'moveSteps', moves: [{ id: 'a', position: { x: 5, y: 5 } }] },
      ]),
    ).toEqual([{ op: 'moveSteps', moves: [{ id: 'a', position: { x: 5, y: 5 } }, { id: 'b', position: { x: 2, y: 2 } }] }]);
  });

  it('leaves operations of different kinds in order', () => {
    const ops: GraphOp[] = [
      { op: 'removeEdge', id: 'e1' },
      { op: 'removeStep', id: 's' },
    ];
    expect(compactOps(ops)).toEqual(ops);
  });
});
