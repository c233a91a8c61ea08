import { describe, expect, it } from 'vitest';
import { kindChangeOpsOf, objectiveRemovalOpsOf } from '../../renderer/editor/edits';
import { EvalFormSchema } from '../../shared/model';
import { graphProblemsOf } from '../../shared/rules';
import { applyOps, inverseOfOps } from '../../shared/ops';
import { sortedBody, waterworks } from '../fixtures/editor/bodies';

describe('kindChangeOpsOf', () => {
  it('turns an action into a decision under the same id, keeping its fields and edges, outgoing edges conditional', () => {
    const after = applyOps(waterworks, kindChangeOpsOf(waterworks, 's-sample', 'decision'));
    const step = after.steps.find((s) => s.id === 's-sample')!;
    expect(step).toMatchObject({ kind: 'decision', title: '应急监测采样', roleIds: ['r-monitor'], objectiveIds: ['o1'], question: '' });
    expect(after.edges.find((e) => e.id === 'e3')!.kind).toBe('conditional');
    expect(after.edges.find((e) => e.id === 'e1')!.kind).toBe('sequence');
    expect(graphProblemsOf(after)).toEqual([]);
  });

  it('drops the fields the old kind had and the new one has not', () => {
    const after = applyOps(waterworks, kindChangeOpsOf(waterworks, 's-flood', 'action'));
    expect('deliveryMethod' in after.steps.find((s) => s.id === 's-flood')!).toBe(false);
  });

  it('is undone exactly by its inverse, and does nothing for the same kind', () => {
    const ops = kindChangeOpsOf(waterworks, 's-truck', 'milestone');
    const after = applyOps(waterworks, ops);
    expect(sortedBody(applyOps(after, inverseOfOps(waterworks, ops)))).toEqual(sortedBody(waterworks));
    expect(kindChangeOpsOf(waterworks, 's-truck', 'action')).toEqual([]);
  });
});

describe('objectiveRemovalOpsOf', () => {
  it('unassigns a dropped objective from the steps that serve it, and nothing when all are kept', () => {
    expect(objectiveRemovalOpsOf(waterworks, new Set())).toEqual([{ op: 'updateStep', id: 's-sample', patch: { objectiveIds: [] } }]);
    expect(objectiveRemovalOpsOf(waterworks, new Set(['o1']))).toEqual([]);
  });
});

describe('edits that touch what evaluation items link', () => {
  const withItem = applyOps(waterworks, [
    {
      op: 'addEvalForm',
      form: EvalFormSchema.parse({
        id: 'f1',
        title: '评估表',
        sections: [{ id: 'sec1', title: '应急监测', items: [{ id: 'i1', content: '采样及时规范', stepIds: ['s-sample'], objectiveIds: ['o1'] }] }],
      }),
    },
  ]);

  it('a kind change keeps the step linked by its evaluation items, and is undone exactly', () => {
    const ops = kindChangeOpsOf(withItem, 's-sample', 'decision');
    const after = applyOps(withItem, ops);
    expect(after.evaluation.forms[0].sections[0].items[0].stepIds).toEqual(['s-sample']);
    expect(sortedBody(applyOps(after, inverseOfOps(withItem, ops)))).toEqual(sortedBody(withItem));
  });

  it('dropping an objective unlinks it from the items too, which the plain metadata edit alone may not do', () => {
    const ops = objectiveRemovalOpsOf(withItem, new Set());
    expect(ops).toContainEqual({ op: 'updateEvalItem', id: 'i1', patch: { objectiveIds: [] } });
    // The step serving it is unassigned first, then the item unlinked: the rulebook refuses the plain edit for either.
    expect(() => applyOps(withItem, [{ op: 'setMeta', patch: { objectives: [] } }])).toThrow(/still served by step/);
    const unserved = applyOps(withItem, ops.filter((op) => op.op === 'updateStep'));
    expect(() => applyOps(unserved, [{ op: 'setMeta', patch: { objectives: [] } }])).toThrow(/still linked by evaluation item "采样及时规范"/);
    const after = applyOps(withItem, [...objectiveRemovalOpsOf(withItem, new Set()), { op: 'setMeta', patch: { objectives: [] } }]);
    expect(graphProblemsOf(after)).toEqual([]);
  });
});
