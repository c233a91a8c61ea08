import { describe, expect, it } from 'vitest';
import { EdgeSchema, ScenarioBodySchema, StepSchema, type RunEvent, type RunEventKind, type StepKind } from '../../shared/model';
import { pausedMinutesOf, runAnalysisOf } from '../../shared/analysis';
import { runEventOf } from '../../shared/runState';
import { replayIndexOf, stateAtTime } from '../../shared/replay';
import { FLOOD_MINI_START, floodMini } from '../fixtures/replay/floodMini';

const T0 = Date.parse(FLOOD_MINI_START);
const iso = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

const step = (id: string, durationMin: number, kind: StepKind = 'action', objectiveIds: string[] = []) =>
  StepSchema.parse({ id, title: id, kind, durationMin, objectiveIds });
const edge = (source: string, target: string, lagMin = 0, kind: 'sequence' | 'conditional' = 'sequence') =>
  EdgeSchema.parse({ id: `${source}-${target}`, source, target, lagMin, kind });
const planOf = (steps: ReturnType<typeof step>[], edges: ReturnType<typeof edge>[]) => ScenarioBodySchema.parse({ title: 'test', steps, edges });

let seq = 0;
const on = (minutes: number, kind: RunEventKind, stepId: string | null = null, fields: Partial<RunEvent> = {}): RunEvent =>
  runEventOf({ seq: ++seq, runId: 'run', at: iso(minutes), kind, stepId, ...fields });
/** Started at `from`, completed at `to`. */
const ran = (id: string, from: number, to: number) => [on(from, 'started', id), on(to, 'completed', id)];
const sorted = (events: RunEvent[]) => [...events].sort((a, b) => (a.at === b.at ? a.seq - b.seq : a.at < b.at ? -1 : 1));

/** a (10) → b (10) → c (5), planned 0–10, 10–20, 20–25. */
const chain3 = () => planOf([step('a', 10), step('b', 10), step('c', 5)], [edge('a', 'b'), edge('b', 'c')]);

/** A (10) → B (5) → C (5), planned 0–10, 10–15, 15–20. */
const chain = planOf([step('A', 10), step('B', 5), step('C', 5)], [edge('A', 'B'), edge('B', 'C')]);

describe('plan against reality', () => {
  it('lists planned and actual times and their difference for each step, in script order', () => {
    const analysis = runAnalysisOf(chain, sorted([...ran('A', 0, 15), ...ran('B', 15, 20), ...ran('C', 20, 28)]), T0);
    expect(analysis.steps.map((c) => [c.step.id, c.plannedStart, c.plannedFinish, c.actualStart, c.actualFinish, c.finishDelay])).toEqual([
      ['A', 0, 10, 0, 15, 5],
      ['B', 10, 15, 15, 20, 5],
      ['C', 15, 20, 20, 28, 8],
    ]);
    expect(analysis.byStep.get('C')).toMatchObject({ actualDuration: 8, plannedDuration: 5, overran: 3, outcome: 'done', late: true });
  });

  it('blames a step that waited for a late predecessor on that predecessor, with the minutes from there', () => {
    const analysis = runAnalysisOf(chain, sorted([...ran('A', 0, 15), ...ran('B', 15, 20), ...ran('C', 20, 28)]), T0);
    expect(analysis.lateSteps.map((cause) => cause.stepId)).toEqual(['A', 'B', 'C']);
    expect(analysis.lateSteps[1]).toEqual({
      stepId: 'B',
      finishDelay: 5,
      upstream: { stepId: 'A', minutes: 5 },
      startedLate: 0,
      overran: 0,
      main: 'upstream',
      origins: [{ stepId: 'A', minutes: 5 }],
    });
    expect(analysis.lateSteps[2]).toMatchObject({ upstream: { stepId: 'B', minutes: 5 }, overran: 3, main: 'upstream', origins: [{ stepId: 'A', minutes: 5 }] });
    expect(analysis.lateSteps[0]).toMatchObject({ upstream: null, startedLate: 0, overran: 5, main: 'overran', origins: [] });
  });

  it('says a step started late by itself when its predecessor finished on time', () => {
    const analysis = runAnalysisOf(chain, sorted([...ran('A', 0, 10), ...ran('B', 14, 19), ...ran('C', 19, 24)]), T0);
    expect(analysis.lateSteps.find((cause) => cause.stepId === 'B')).toMatchObject({ finishDelay: 4, upstream: null, startedLate: 4, overran: 0, main: 'started-late' });
    expect(analysis.lateSteps.find((cause) => cause.stepId === 'C')).toMatchObject({ upstream: { stepId: 'B', minutes: 4 }, origins: [{ stepId: 'B', minutes: 4 }] });
  });

  it('counts an edge lag in what the predecessor allowed', () => {
    const lagged = planOf([step('A', 10), step('B', 5)], [edge('A', 'B', 5)]);
    // B planned 15–20; A finished at 12, so B could not start before 17.
    const analysis = runAnalysisOf(lagged, sorted([...ran('A', 0, 12), ...ran('B', 18, 23)]), T0);
    expect(analysis.lateSteps.find((cause) => cause.stepId === 'B')).toMatchObject({ finishDelay: 3, upstream: { stepId: 'A', minutes: 2 }, startedLate: 1, overran: 0 });
  });

  it('lets the scene of an inject play for its planned minutes after delivery', () => {
    const scripted = planOf([step('alarm', 3, 'inject'), step('assess', 10), step('report', 5)], [edge('alarm', 'assess'), edge('assess', 'report')]);
    // alarm delivered 2 minutes late; assess starts when its scene is over and runs 4 long.
    const log = sorted([on(2, 'inject-delivered', 'alarm'), ...ran('assess', 5, 19), ...ran('report', 19, 24)]);
    const analysis = runAnalysisOf(scripted, log, T0);
    expect(analysis.byStep.get('alarm')).toMatchObject({ actualStart: 2, actualFinish: 5, overran: 0, finishDelay: 2, late: true });
    expect(analysis.lateSteps.find((cause) => cause.stepId === 'assess')).toMatchObject({ upstream: { stepId: 'alarm', minutes: 2 }, startedLate: 0, overran: 4 });
    expect(analysis.contributors.map((c) => [c.stepId, c.minutes])).toEqual([
      ['assess', 4],
      ['alarm', 2],
    ]);
  });

  it('gives the same analysis from a replay index’s state at the end as from its own fold', () => {
    const log = sorted([...ran('A', 0, 15), ...ran('B', 15, 20), ...ran('C', 20, 28)]);
    const end = T0 + 28 * 60_000;
    const index = replayIndexOf(chain, log, T0, { every: 2 });
    const fromIndex = runAnalysisOf(chain, log, T0, end, { stateAtEnd: stateAtTime(index, end) });
    expect(fromIndex).toEqual(runAnalysisOf(chain, log, T0, end));
  });

  it('does not call a step late for a delay within the minute of grace, nor one that finished early', () => {
    const analysis = runAnalysisOf(chain, sorted([...ran('A', 0, 10.5), ...ran('B', 10.5, 14), ...ran('C', 14, 19)]), T0);
    expect(analysis.lateSteps).toEqual([]);
    expect(analysis.byStep.get('A')?.finishDelay).toBe(0.5);
    expect(analysis.byStep.get('B')?.overran).toBe(-1.5);
  });
});

describe('the actual critical path and the overrun', () => {
  it('follows the predecessor that finished last back from the last step', () => {
    const join = planOf([step('fast', 5), step('slow', 30), step('join', 10)], [edge('fast', 'join'), edge('slow', 'join')]);
    // fast overran by 10 minutes but had 25 of slack: the drill stays on time.
    const analysis = runAnalysisOf(join, sorted([...ran('fast', 0, 15), ...ran('slow', 0, 30), ...ran('join', 30, 40)]), T0);
    expect(analysis.criticalPath).toEqual(['slow', 'join']);
    expect(analysis.overrun).toBe(0);
    expect(analysis.lateSteps.map((cause) => [cause.stepId, cause.main])).toEqual([['fast', 'overran']]);
    expect(analysis.contributors).toEqual([]);
  });

  it('moves to the branch that really held the drill up', () => {
    const join = planOf([step('fast', 5), step('slow', 30), step('join', 10)], [edge('fast', 'join'), edge('slow', 'join')]);
    const analysis = runAnalysisOf(join, sorted([...ran('fast', 0, 38), ...ran('slow', 0, 30), ...ran('join', 38, 48)]), T0);
    expect(analysis.criticalPath).toEqual(['fast', 'join']);
    expect(analysis.overrun).toBe(8);
    // fast lost 33 minutes, 25 of which the plan's slack before the join absorbed.
    expect(analysis.contributors).toEqual([{ stepId: 'fast', minutes: 8, startedLate: 0, overran: 8, share: 1 }]);
    expect(analysis.lostMinutes).toBe(33);
    expect(analysis.lateSteps.find((cause) => cause.stepId === 'join')).toMatchObject({ upstream: { stepId: 'fast', minutes: 8 }, main: 'upstream' });
  });

  it('names the few steps that caused most of the overrun, largest first, with their shares', () => {
    const long = planOf(
      ['a', 'b', 'c', 'd', 'e'].map((id) => step(id, 10)),
      [edge('a', 'b'), edge('b', 'c'), edge('c', 'd'), edge('d', 'e')],
    );
    // a +2, b started 12 late, c +1.5 (ignored: tiny), d on time, e +6.
    const log = sorted([...ran('a', 0, 12), ...ran('b', 24, 34), ...ran('c', 34, 45.5), ...ran('d', 45.5, 55.5), ...ran('e', 55.5, 71.5)]);
    const analysis = runAnalysisOf(long, log, T0);
    expect(analysis.overrun).toBe(21.5);
    expect(analysis.contributors.map((c) => [c.stepId, c.minutes])).toEqual([
      ['b', 12],
      ['e', 6],
    ]);
    expect(analysis.contributors[0].share).toBeCloseTo(12 / 21.5);
    const total = analysis.steps.filter((c) => c.onActualCriticalPath).length;
    expect(total).toBe(5);
  });

  it('lets a step that was quicker make up time lost before it', () => {
    // a lost 6 minutes, b was 4 minutes quicker, c started 3 minutes late by itself.
    const log = sorted([...ran('a', 0, 16), ...ran('b', 16, 22), ...ran('c', 25, 30)]);
    const analysis = runAnalysisOf(chain3(), log, T0);
    expect(analysis.overrun).toBe(5);
    expect(analysis.contributors.map((c) => [c.stepId, c.minutes])).toEqual([
      ['c', 3],
      ['a', 2],
    ]);
  });

  it('uses time the drill was ahead before counting a later loss', () => {
    const log = sorted([...ran('a', 0, 6), ...ran('b', 6, 16), ...ran('c', 19, 24)]);
    const analysis = runAnalysisOf(chain3(), log, T0);
    expect(analysis.overrun).toBe(-1);
    expect(analysis.contributors).toEqual([]);
  });

  it('adds up the minutes the run stood paused', () => {
    const log = sorted([on(5, 'paused'), on(12, 'resumed'), on(20, 'paused'), on(23, 'ended')]);
    expect(pausedMinutesOf(log, T0 + 23 * 60_000)).toBe(10);
    expect(pausedMinutesOf([on(5, 'paused')], T0 + 9 * 60_000)).toBe(4);
  });
});

describe('runs that cannot be compared', () => {
  it('gives no times for a plan with a cycle, and still the outcomes', () => {
    const cyclic = planOf([step('A', 10), step('B', 5)], [edge('A', 'B'), edge('B', 'A')]);
    const analysis = runAnalysisOf(cyclic, sorted([...ran('A', 0, 12)]), T0);
    expect(analysis).toMatchObject({ scheduled: false, plannedLength: null, overrun: null, contributors: [], lateSteps: [] });
    expect(analysis.byStep.get('A')).toMatchObject({ outcome: 'done', actualStart: 0, actualFinish: 12, plannedStart: null, finishDelay: null });
  });

  it('gives no actual length for a run with nothing recorded', () => {
    const analysis = runAnalysisOf(chain, [], T0);
    expect(analysis).toMatchObject({ plannedLength: 20, actualLength: null, overrun: null, criticalPath: [], contributors: [] });
    expect(analysis.steps.map((c) => c.outcome)).toEqual(['not-started', 'not-started', 'not-started']);
  });
});

describe('objectives', () => {
  const plan = floodMini();
  const log = sorted([
    on(0, 'inject-delivered', 's1'),
    ...ran('s2', 0, 10),
    ...ran('s3', 10, 40),
    on(15, 'inject-delivered', 's4'),
    on(15, 'started', 's5'),
    on(20, 'branch-taken', 's5', { edgeId: 'e5-6' }),
    ...ran('s6', 20, 45),
    on(40, 'skipped', 's8', { text: '污水厂已恢复运行' }),
    on(50, 'completed', 's9'),
    on(51, 'ended'),
  ]);
  const analysis = runAnalysisOf(plan, log, T0);

  it('are met when every step serving them in the branches taken is done', () => {
    const water = analysis.objectives.find((o) => o.objective.id === 'o-water')!;
    // s7 (the water trucks) was on the branch not taken and does not count.
    expect(water).toMatchObject({ status: 'met', stepIds: ['s6'], doneCount: 1, missedStepIds: [], lateStepIds: ['s6'] });
    expect(analysis.objectives.find((o) => o.objective.id === 'o-monitor')?.status).toBe('met');
  });

  it('are not met when a step serving them was skipped', () => {
    expect(analysis.objectives.find((o) => o.objective.id === 'o-sewage')).toMatchObject({ status: 'not-met', missedStepIds: ['s8'] });
  });

  it('report the outcome of every step', () => {
    expect(Object.fromEntries(analysis.steps.map((c) => [c.step.id, c.outcome]))).toEqual({
      s1: 'done',
      s2: 'done',
      s3: 'done',
      s4: 'done',
      s5: 'done',
      s6: 'done',
      s7: 'not-taken',
      s8: 'skipped',
      s9: 'done',
    });
    expect(analysis.byStep.get('s8')).toMatchObject({ skippedReason: '污水厂已恢复运行', late: false, actualStart: null });
  });

  it('are untested when no step serves them', () => {
    const bare = runAnalysisOf({ ...plan, objectives: [{ id: 'o-x', text: '公众信息发布' }] }, log, T0);
    expect(bare.objectives[0].status).toBe('untested');
  });

  it('count a step still under way at the end as unfinished, running until the end', () => {
    const cut = runAnalysisOf(chain, sorted([...ran('A', 0, 10), on(10, 'started', 'B'), on(30, 'ended')]), T0);
    expect(cut.byStep.get('B')).toMatchObject({ outcome: 'unfinished', actualFinish: 30, finishDelay: 15, late: true });
    expect(cut.byStep.get('C')?.outcome).toBe('not-started');
  });
});
