/**
 * Drill evaluation in `shared/`: what each scheme's ratings are worth, a
 * form's total and pass rule, an item's rating from a run's entries
 * (corrections and entries typed in later), who covers which items, and
 * the objective rule.
 */
import { describe, expect, it } from 'vitest';
import type { ObjectiveResult } from '../../shared/analysis';
import {
  coversItem,
  dueItemsOf,
  evalValueOfText,
  formTotalsOf,
  isRatingProblem,
  itemResultsOf,
  itemsOfAssignment,
  objectiveEvaluationsOf,
  placedItemsOf,
  ratingOf,
  type ItemResult,
  type Rating,
} from '../../shared/evaluation';
import {
  EvalAssignmentSchema,
  EvalFormSchema,
  EvalItemSchema,
  ScenarioBodySchema,
  type EvalForm,
  type EvalItem,
  type EvalScheme,
  type EvaluationPlan,
  type RunEvent,
  type RunEventKind,
} from '../../shared/model';
import { runEventOf, runStateAt } from '../../shared/runState';

const item = (id: string, fields: Partial<EvalItem> = {}) => EvalItemSchema.parse({ id, content: `评估内容 ${id}`, ...fields });
const formOf = (scheme: EvalScheme, items: EvalItem[], fields: Partial<EvalForm> = {}) =>
  EvalFormSchema.parse({ id: `f-${scheme}`, title: `${scheme} 评估表`, scheme, sections: [{ id: `sec-${scheme}`, title: '应急处置', items }], ...fields });

/** A rating that must be valid, for building totals. */
function rated(scheme: EvalScheme, target: EvalItem, value: string): Rating {
  const rating = ratingOf(scheme, target, value);
  if (isRatingProblem(rating)) throw new Error(`bad rating ${value}`);
  return rating;
}
const totalsOf = (form: EvalForm, values: (string | null)[]) =>
  formTotalsOf(
    form,
    form.sections[0].items.map((target, i) => ({ item: target, rating: values[i] === null ? null : rated(form.scheme, target, values[i]!) })),
  );

describe('ratings under each scheme', () => {
  it('takes the checklist grades and refuses anything else, naming what it accepts', () => {
    const target = item('i1');
    expect(ratingOf('checklist', target, 'partly')).toEqual({ value: 'partly', fraction: 0.5, points: null, outcome: 'partly' });
    expect(ratingOf('checklist', target, 'na')).toMatchObject({ fraction: null, outcome: 'not-applicable' });
    expect(ratingOf('checklist', target, 'P')).toEqual({ value: 'P', scheme: 'checklist', allowed: 'met, partly, not-met, na' });
  });

  it('takes points from 0 to the maximum in halves, and classes them by share of the maximum', () => {
    const target = item('i1', { maxPoints: 10 });
    expect(ratingOf('points', target, '8')).toMatchObject({ points: 8, outcome: 'achieved' });
    expect(ratingOf('points', target, '7.5')).toMatchObject({ points: 7.5, fraction: 0.75, outcome: 'partly' });
    expect(ratingOf('points', target, '5.5')).toMatchObject({ outcome: 'not-achieved' });
    for (const bad of ['11', '-1', '7.3', 'met', '1e1', ''])
      expect(isRatingProblem(ratingOf('points', target, bad)), bad).toBe(true);
    expect(ratingOf('points', target, '12')).toMatchObject({ allowed: '0–10 (steps of 0.5), na' });
  });

  it('takes the HSEEP letters: P and S achieved, M partly, U not', () => {
    const target = item('i1');
    expect(['P', 'S', 'M', 'U'].map((v) => (ratingOf('hseep', target, v) as Rating).outcome)).toEqual(['achieved', 'achieved', 'partly', 'not-achieved']);
    expect(isRatingProblem(ratingOf('hseep', target, 'met'))).toBe(true);
  });

  it('reads what people write on paper: √ 达到 基本达到 × 不适用, lower-case letters, 8分', () => {
    expect(['√', '达到', '基本达到', '×', '未达到', '不适用', '否'].map((text) => evalValueOfText('checklist', text))).toEqual([
      'met',
      'met',
      'partly',
      'not-met',
      'not-met',
      'na',
      'not-met',
    ]);
    expect(evalValueOfText('hseep', 's')).toBe('S');
    expect(evalValueOfText('points', '8分')).toBe('8');
    expect(evalValueOfText('points', '不适用')).toBe('na');
    expect(evalValueOfText('checklist', '还行')).toBe('还行');
  });
});

describe('form totals and the pass rule', () => {
  it('checklist: met 1, partly ½, not-met 0 of each weight; not applicable leaves the total', () => {
    const form = formOf('checklist', [item('a'), item('b'), item('c'), item('d')]);
    const totals = totalsOf(form, ['met', 'met', 'partly', 'na']);
    expect(totals.percent).toBeCloseTo((2.5 / 3) * 100, 6);
    expect(totals).toMatchObject({ rated: 3, notApplicable: 1, unrated: 0, status: 'pass', byValue: { met: 2, partly: 1, na: 1 } });
    expect(totalsOf(form, ['met', 'partly', 'partly', 'na']).status).toBe('fail');
  });

  it('checklist: weights count, and a critical item not met fails the form whatever its percentage', () => {
    const form = formOf('checklist', [item('a', { weight: 3 }), item('b'), item('c', { critical: true })], { passPercent: 50 });
    expect(totalsOf(form, ['met', 'not-met', 'met']).percent).toBeCloseTo(80, 6);
    const failed = totalsOf(form, ['met', 'met', 'not-met']);
    expect(failed).toMatchObject({ criticalFailures: 1, status: 'fail' });
    expect(failed.percent).toBeCloseTo(80, 6);
  });

  it('points: weighted points over the applicable maximum, pass mark as a share of it', () => {
    const form = formOf('points', [item('a', { maxPoints: 10 }), item('b', { maxPoints: 20, weight: 2 }), item('c', { maxPoints: 5 })], { passPercent: 60 });
    const totals = totalsOf(form, ['8', '12', 'na']);
    // 8 + 2×12 = 32 of 10 + 2×20 = 50
    expect(totals).toMatchObject({ points: 32, maxPoints: 50, status: 'pass', byValue: { achieved: 1, partly: 1, 'not-applicable': 1 } });
    expect(totals.percent).toBeCloseTo(64, 6);
    expect(totalsOf(form, ['5', '12', 'na']).status).toBe('fail'); // 29 of 50 = 58 %
  });

  it('hseep: P S M U worth 1, ⅔, ⅓, 0; the overall rating is the one nearest the mean', () => {
    const form = formOf('hseep', [item('a'), item('b'), item('c')], { passPercent: 60 });
    const good = totalsOf(form, ['P', 'S', 'S']);
    expect(good.percent).toBeCloseTo((7 / 9) * 100, 6);
    expect(good).toMatchObject({ overall: 'S', status: 'pass', byValue: { P: 1, S: 2 } });
    expect(totalsOf(form, ['P', 'P', 'P'])).toMatchObject({ overall: 'P', percent: 100 });
    expect(totalsOf(form, ['M', 'U', 'M'])).toMatchObject({ overall: 'M', status: 'fail' });
  });

  it('is incomplete while an item is unrated, unless a critical failure already decided it', () => {
    const form = formOf('checklist', [item('a'), item('b', { critical: true })]);
    expect(totalsOf(form, ['met', null])).toMatchObject({ unrated: 1, status: 'incomplete' });
    expect(totalsOf(form, [null, 'not-met']).status).toBe('fail');
    expect(totalsOf(form, ['na', 'na'])).toMatchObject({ percent: null, status: 'incomplete' });
  });
});

const plan: EvaluationPlan = {
  forms: [
    EvalFormSchema.parse({
      id: 'f1',
      title: '汛期应急演练评估表',
      sections: [
        { id: 'sa', title: '预警与信息报告', items: [item('i1', { objectiveIds: ['o1'], stepIds: ['s1'], site: '主会场' }), item('i2', { objectiveIds: ['o1'] })] },
        { id: 'sb', title: '应急监测', items: [item('i3', { objectiveIds: ['o2'], site: '资水河断面', critical: true }), item('i4', { site: '资水河断面' })] },
      ],
    }),
  ],
  assignments: [
    EvalAssignmentSchema.parse({ id: 'a1', roleId: 'r-eval', person: '袁志华', formIds: ['f1'], sectionIds: ['sa'] }),
    EvalAssignmentSchema.parse({ id: 'a2', roleId: 'r-eval', person: '彭丽', formIds: ['f1'], sites: ['资水河断面'] }),
  ],
};

let seq = 0;
const entry = (at: string, kind: RunEventKind, fields: Partial<RunEvent> = {}): RunEvent => runEventOf({ seq: ++seq, runId: 'run', at, kind, ...fields });

describe("an item's rating from the run", () => {
  it('is the latest entry by time; a correction replaces the original; an entry recorded after the end is marked', () => {
    const first = entry('2026-06-18T01:10:00.000Z', 'evaluation-scored', { itemId: 'i1', value: 'partly' });
    const later = entry('2026-06-18T01:20:00.000Z', 'evaluation-scored', { itemId: 'i1', value: 'met', supersededBy: 99 });
    const correction = entry('2026-06-18T01:20:00.000Z', 'evaluation-scored', { seq: 99, itemId: 'i1', value: 'not-met', corrects: later.seq });
    const paper = entry('2026-06-18T01:30:00.000Z', 'evaluation-scored', { itemId: 'i3', value: 'met', recordedAt: '2026-06-18T05:00:00.000Z' });
    const results = itemResultsOf(plan, [first, later, correction, paper, entry('2026-06-18T01:31:00.000Z', 'observation', { text: '到位' })], '2026-06-18T03:00:00.000Z');
    const byId = new Map(results.map((result) => [result.item.id, result]));
    expect(byId.get('i1')!.rating?.value).toBe('not-met');
    expect(byId.get('i1')!.entries.map((e) => e.event.value)).toEqual(['partly', 'not-met']);
    expect(byId.get('i3')!.entries[0].enteredLater).toBe(true);
    expect(byId.get('i1')!.entries[0].enteredLater).toBe(false);
    expect(byId.get('i2')!.rating).toBeNull();
    expect(results.map((result) => result.number)).toEqual(['1.1', '1.2', '2.1', '2.2']);
  });
});

describe('who covers what', () => {
  it('covers the assigned sections, or the items at the assigned sites (items without a site go to everyone of the form)', () => {
    const [a1, a2] = plan.assignments;
    expect(itemsOfAssignment(plan, a1).map((p) => p.item.id)).toEqual(['i1', 'i2']);
    expect(itemsOfAssignment(plan, a2).map((p) => p.item.id)).toEqual(['i2', 'i3', 'i4']);
    const everything = EvalAssignmentSchema.parse({ id: 'a3', roleId: 'r-eval', formIds: ['f1'] });
    expect(itemsOfAssignment(plan, everything)).toHaveLength(4);
    expect(coversItem({ ...everything, formIds: [] }, { form: plan.forms[0], section: plan.forms[0].sections[0], item: plan.forms[0].sections[0].items[0] })).toBe(false);
  });
});

describe('the objective rule', () => {
  const objectives = [
    { id: 'o1', text: '检验预警和信息报告' },
    { id: 'o2', text: '检验应急监测' },
    { id: 'o3', text: '检验信息发布' },
  ];
  const results = (values: Record<string, string | null>): ItemResult[] =>
    itemResultsOf(
      plan,
      Object.entries(values).flatMap(([itemId, value]) => (value === null ? [] : [entry('2026-06-18T01:10:00.000Z', 'evaluation-scored', { itemId, value })])),
      null,
    );
  const stepsOf = (missed: string[]): ObjectiveResult[] => [
    { objective: objectives[0], status: missed.length ? 'not-met' : 'met', stepIds: ['s1'], doneCount: missed.length ? 0 : 1, missedStepIds: missed, lateStepIds: [] },
  ];
  const statusOf = (values: Record<string, string | null>, missed: string[] = []) =>
    objectiveEvaluationsOf(objectives, results(values), stepsOf(missed)).map((o) => o.status);

  it('achieved when every rated linked item is achieved; partly when some are; not achieved when none are', () => {
    expect(statusOf({ i1: 'met', i2: 'met', i3: 'met' })).toEqual(['achieved', 'achieved', 'not-evaluated']);
    expect(statusOf({ i1: 'met', i2: 'partly' })[0]).toBe('partly');
    expect(statusOf({ i1: 'met', i2: 'not-met' })[0]).toBe('partly');
    expect(statusOf({ i1: 'not-met', i2: 'not-met' })[0]).toBe('not-achieved');
    expect(statusOf({ i1: 'partly', i2: 'not-met' })[0]).toBe('partly');
  });

  it('leaves out items not rated or not applicable, and is not evaluated without any rated item (step completion alone never achieves it)', () => {
    expect(statusOf({ i1: 'met', i2: 'na' })[0]).toBe('achieved');
    expect(statusOf({ i1: null, i2: 'na' })[0]).toBe('not-evaluated');
    const [first] = objectiveEvaluationsOf(objectives, results({}), stepsOf([]));
    expect(first).toMatchObject({ status: 'not-evaluated', ratedCount: 0, steps: { doneCount: 1 } });
  });

  it('fails an objective whose critical item is not achieved, even beside achieved ones', () => {
    const plan2 = { ...plan, forms: [{ ...plan.forms[0], sections: [{ ...plan.forms[0].sections[1], items: [item('i3', { objectiveIds: ['o2'], critical: true }), item('i5', { objectiveIds: ['o2'] })] }] }] };
    const [, second] = objectiveEvaluationsOf(
      objectives,
      itemResultsOf(plan2, [entry('2026-06-18T01:10:00.000Z', 'evaluation-scored', { itemId: 'i3', value: 'not-met' }), entry('2026-06-18T01:11:00.000Z', 'evaluation-scored', { itemId: 'i5', value: 'met' })], null),
    );
    expect(second.status).toBe('not-achieved');
  });

  it('lowers 达成 to 部分达成 when a step serving the objective was skipped or never finished', () => {
    const [first] = objectiveEvaluationsOf(objectives, results({ i1: 'met', i2: 'met' }), stepsOf(['s1']));
    expect(first).toMatchObject({ status: 'partly', loweredBySteps: true });
  });

  it('lists the shortfalls: linked items rated partly or not achieved', () => {
    const [first] = objectiveEvaluationsOf(objectives, results({ i1: 'met', i2: 'partly' }));
    expect(first.shortfalls.map((r) => r.item.id)).toEqual(['i2']);
    expect(first).toMatchObject({ ratedCount: 2, achievedCount: 1 });
  });
});

describe('what an evaluator rates next', () => {
  // s1 (10 min) → s2 (10 min) → s3 (10 min), planned from T0 09:00.
  const T0 = Date.parse('2026-06-18T01:00:00.000Z');
  const body = ScenarioBodySchema.parse({
    title: 't',
    steps: ['s1', 's2', 's3'].map((id) => ({ id, kind: 'action', title: id, durationMin: 10 })),
    edges: [
      { id: 'e1', source: 's1', target: 's2' },
      { id: 'e2', source: 's2', target: 's3' },
    ],
  });
  const placedOf = (id: string, stepIds: string[]) => ({ ...placedItemsOf(plan)[0], item: item(id, { stepIds }) });
  const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

  it('puts the items whose step is closest to now first: just finished, under way, about to start; unlinked last', () => {
    const events = [entry(at(0), 'started', { stepId: 's1' }), entry(at(12), 'completed', { stepId: 's1' }), entry(at(13), 'started', { stepId: 's2' })];
    const state = runStateAt(body, events, T0, T0 + 14 * 60_000);
    const items = [placedOf('none', []), placedOf('third', ['s3']), placedOf('first', ['s1']), placedOf('second', ['s2', 's3'])];
    const due = dueItemsOf(items, state, T0 + 14 * 60_000);
    expect(due.map((d) => [d.placed.item.id, d.stepId, d.stepStatus])).toEqual([
      ['second', 's2', 'under-way'],
      ['first', 's1', 'done'],
      ['third', 's3', 'waiting'],
      ['none', null, null],
    ]);
  });
});
