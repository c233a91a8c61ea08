import { describe, expect, it } from 'vitest';
import { clipboardTextOf, fragmentFromClipboardText, fragmentOf, insertionOpsOf } from '../../shared/clipboard';
import { graphProblemsOf } from '../../shared/rules';
import { applyOps, inverseOfOps } from '../../shared/ops';
import { idCounter, sewage, sortedBody, waterworks } from '../fixtures/editor/bodies';

describe('fragmentOf', () => {
  it('takes the selected steps, the edges between them and the roles they use', () => {
    const fragment = fragmentOf(waterworks, ['s-flood', 's-truck'])!;
    expect(fragment.steps.map((s) => s.id)).toEqual(['s-flood', 's-truck']);
    expect(fragment.edges.map((e) => e.id)).toEqual(['e2']);
    expect(fragment.roles.map((r) => r.name)).toEqual(['供水保障组', '总指挥']);
  });

  it('drops a reporting line to a role that does not travel', () => {
    const fragment = fragmentOf(waterworks, ['s-truck'])!;
    expect(fragment.roles[0].reportsTo).toBeNull();
  });

  it('is null for an empty selection', () => {
    expect(fragmentOf(waterworks, [])).toBeNull();
    expect(fragmentOf(waterworks, ['no-such-step'])).toBeNull();
  });
});

describe('clipboard text', () => {
  it('round-trips a fragment', () => {
    const fragment = fragmentOf(waterworks, ['s-flood', 's-sample'])!;
    expect(fragmentFromClipboardText(clipboardTextOf(fragment))).toEqual(fragment);
  });

  it('refuses plain text, foreign JSON and a fragment with an edge to a missing step', () => {
    expect(fragmentFromClipboardText('暴雨导致水厂停运')).toBeNull();
    expect(fragmentFromClipboardText('{"hello": 1}')).toBeNull();
    const fragment = fragmentOf(waterworks, ['s-flood', 's-sample'])!;
    const broken = { ...fragment, edges: [{ ...fragment.edges[0], target: 'elsewhere' }] };
    expect(fragmentFromClipboardText(clipboardTextOf(broken))).toBeNull();
  });
});

describe('insertionOpsOf', () => {
  it('pastes into another scenario with fresh ids, matching roles by name and adding the missing ones', () => {
    const fragment = fragmentOf(waterworks, ['s-flood', 's-sample', 's-truck'])!;
    const insertion = insertionOpsOf(sewage, fragment, { newId: idCounter() });
    const after = applyOps(sewage, insertion.ops);
    expect(graphProblemsOf(after)).toEqual([]);
    expect(after.steps).toHaveLength(4);
    expect(after.edges).toHaveLength(2);
    // 应急监测组 exists (with stray spaces): reused. 供水保障组 and 总指挥 are added.
    expect(after.roles.map((r) => r.name.trim()).sort()).toEqual(['供水保障组', '应急监测组', '总指挥'].sort());
    const sample = after.steps.find((s) => s.title === '应急监测采样')!;
    expect(sample.roleIds).toEqual(['x-monitor']);
    expect(insertion.addedRoleIds).toHaveLength(2);
    // The objective does not exist in the target scenario, so it is dropped.
    expect(sample.objectiveIds).toEqual([]);
    // No id of the source survives.
    expect(after.steps.map((s) => s.id)).not.toContain('s-flood');
  });

  it('keeps a reporting line between two roles that are both added', () => {
    const fragment = fragmentOf(waterworks, ['s-sample', 's-truck'])!;
    const after = applyOps(sewage, insertionOpsOf(sewage, fragment, { newId: idCounter() }).ops);
    // 应急监测组 matched x-monitor; 供水保障组 reported to it and now reports to the match.
    expect(after.roles.find((r) => r.name === '供水保障组')!.reportsTo).toBe('x-monitor');
  });

  it('places the piece with its top-left corner at the given point, keeping its shape', () => {
    const fragment = fragmentOf(waterworks, ['s-sample', 's-truck'])!;
    const insertion = insertionOpsOf(waterworks, fragment, { newId: idCounter(), at: { x: 1000, y: 500 } });
    const after = applyOps(waterworks, insertion.ops);
    const placed = insertion.stepIds.map((id) => after.steps.find((s) => s.id === id)!.position);
    expect(placed).toEqual([
      { x: 1000, y: 500 },
      { x: 1000, y: 650 },
    ]);
  });

  it('duplicates within a scenario without adding roles, and its inverse removes exactly what it added', () => {
    const fragment = fragmentOf(waterworks, ['s-flood', 's-sample'])!;
    const insertion = insertionOpsOf(waterworks, fragment, { newId: idCounter(), offset: { x: 40, y: 40 } });
    expect(insertion.addedRoleIds).toEqual([]);
    const after = applyOps(waterworks, insertion.ops);
    expect(after.steps.find((s) => s.id === insertion.stepIds[0])!.position).toEqual({ x: 40, y: 40 });
    expect(after.steps.find((s) => s.id === insertion.stepIds[1])!.objectiveIds).toEqual(['o1']);
    expect(sortedBody(applyOps(after, inverseOfOps(waterworks, insertion.ops)))).toEqual(sortedBody(waterworks));
  });
});
