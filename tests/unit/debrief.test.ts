/**
 * The debrief's numbers: each case here was wrong once (issue 15, "Numbers
 * that are wrong today") and is checked on the shared view-models the
 * replay, the analysis tab and the printed report all use.
 */
import { describe, expect, it } from 'vitest';
import { AnnotationFieldsSchema, EMPTY_DOC_FIELDS, EdgeSchema, ScenarioBodySchema, StepSchema, type Annotation, type Run, type RunEvent, type RunEventKind, type StepKind } from '../../shared/model';
import { runAnalysisOf } from '../../shared/analysis';
import { recordNumbersOf, runEventOf, runStateAt, waitingForOf } from '../../shared/runState';
import { replayIndexOf, replaySpanOf } from '../../shared/replay';
import { reportOf } from '../../shared/report';
import { offsetOf } from '../../renderer/replay/format';

const T0 = Date.parse('2026-05-20T06:40:00.000Z'); // 14:40 in Shanghai
const iso = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
const step = (id: string, durationMin: number, kind: StepKind = 'action') => StepSchema.parse({ id, title: `环节${id}`, kind, durationMin });
const edge = (source: string, target: string) => EdgeSchema.parse({ id: `${source}-${target}`, source, target });
const planOf = (steps: ReturnType<typeof step>[], edges: ReturnType<typeof edge>[]) => ScenarioBodySchema.parse({ title: '城区内涝应急演练', steps, edges });

let seq = 0;
const on = (minutes: number, kind: RunEventKind, stepId: string | null = null, fields: Partial<RunEvent> = {}): RunEvent =>
  runEventOf({ seq: ++seq, runId: 'run', at: iso(minutes), kind, stepId, ...fields });
const ran = (id: string, from: number, to: number) => [on(from, 'started', id), on(to, 'completed', id)];
const runOf = (plan: Run['plan'], endMin: number | null): Run => ({
  id: 'run',
  scenarioId: 'scenario',
  name: '正式演练',
  startedAt: iso(0),
  endedAt: endMin === null ? null : iso(endMin),
  status: endMin === null ? 'running' : 'ended',
  docFields: EMPTY_DOC_FIELDS,
  source: 'live',
  plan,
  createdAt: iso(0),
});
const note = (minutes: number, kind: Annotation['kind'], stepId: string | null, text: string): Annotation => ({
  ...AnnotationFieldsSchema.parse({ at: iso(minutes), kind, stepId, text }),
  id: `a-${minutes}-${kind}-${stepId}`,
  runId: 'run',
  createdAt: iso(minutes),
});

describe("1. an inject's scene", () => {
  it('never makes the run longer than its last recorded event, nor is the critical path on its own', () => {
    // The inject's scene is planned for 5 minutes; the whole run took 2.2.
    const plan = planOf([step('alarm', 5, 'inject'), step('respond', 2)], [edge('alarm', 'respond')]);
    const events = [on(0, 'inject-delivered', 'alarm'), ...ran('respond', 0.2, 2.2), on(2.2, 'ended')];
    const analysis = runAnalysisOf(plan, events, T0);
    expect(analysis.actualLength).toBeCloseTo(2.2, 6);
    expect(analysis.byStep.get('alarm')!.actualFinish).toBeLessThanOrEqual(2.2);
    expect(analysis.criticalPath).toEqual(['alarm', 'respond']);
    const report = reportOf(runOf(plan, 2.2), events, []);
    expect(report.overview.actualMinutes).toBeCloseTo(2.2, 6);
  });
});

describe('2. a run ended early or incomplete', () => {
  const plan = planOf(
    [step('a', 10), step('b', 10), step('c', 10), step('d', 10)],
    [edge('a', 'b'), edge('b', 'c'), edge('c', 'd')],
  );
  const events = [...ran('a', 0, 8), on(9, 'ended')];
  const report = reportOf(runOf(plan, 9), events, []);

  it('lists the steps never started as 未开展 under the problems', () => {
    const item = report.problems.find((p) => p.kind === 'not-started');
    expect(item).toBeDefined();
    expect(item!.kind === 'not-started' && item!.steps.map((s) => s.id)).toEqual(['b', 'c', 'd']);
  });

  it('says the drill ended incomplete and early, never on time, and gives the lead in whole minutes', () => {
    expect(report.overview.timing).toEqual({ kind: 'incomplete', planned: 40, actual: 8, minutes: 32, notStarted: 3, unfinished: 0 });
  });

  it('reads a run that finished every step before its planned end as early, with the minutes', () => {
    const quick = [...ran('a', 0, 5), ...ran('b', 5, 10), ...ran('c', 10, 15), ...ran('d', 15, 20), on(20, 'ended')];
    expect(reportOf(runOf(plan, 20), quick, []).overview.timing).toEqual({ kind: 'early', planned: 40, actual: 20, minutes: 20, notStarted: 0, unfinished: 0 });
  });
});

describe('4. record numbers', () => {
  it('are per run, starting at 1 in the order recorded, whatever the stored sequence', () => {
    const log = [runEventOf({ seq: 18, runId: 'r2', at: iso(0), kind: 'started', stepId: 'a' }), runEventOf({ seq: 23, runId: 'r2', at: iso(1), kind: 'completed', stepId: 'a' }), runEventOf({ seq: 20, runId: 'r2', at: iso(2), kind: 'observation' })];
    expect([...recordNumbersOf(log)]).toEqual([
      [18, 1],
      [20, 2],
      [23, 3],
    ]);
  });
});

describe('5. the replay', () => {
  it('opens at T+0, even when an event was recorded a little before the start', () => {
    const plan = planOf([step('a', 10)], []);
    const events = [on(-0.5, 'observation', null, { text: '人员到位' }), ...ran('a', 0, 10)];
    const index = replayIndexOf(plan, events, T0);
    const span = replaySpanOf(index, T0 + 10 * 60_000);
    expect(span.startMs).toBe(T0 - 30_000);
    expect(span.openMs).toBe(T0);
  });

  it('reads T+0 on its clock at a start part-way through a second', () => {
    const start = T0 + 345;
    // The clock shows whole seconds: the moment of the start as it shows it.
    expect(offsetOf(Math.floor(start / 1000) * 1000, start)).toBe('T+0');
    expect(offsetOf(Math.floor((start + 61_000) / 1000) * 1000, start)).toBe('T+1');
  });
});

describe('6. counting delays', () => {
  // a → b → c → d; a runs 7.4 minutes long, b and c only follow it (knock-on), d starts 3 minutes late itself.
  const plan = planOf([step('a', 10), step('b', 10), step('c', 10), step('d', 10)], [edge('a', 'b'), edge('b', 'c'), edge('c', 'd')]);
  const events = [...ran('a', 0, 17.4), ...ran('b', 17.4, 27.4), ...ran('c', 27.4, 37.4), ...ran('d', 40.4, 50.4), on(50.4, 'ended')];
  const report = reportOf(runOf(plan, 50.4), events, [note(12, 'went-wrong', 'a', '指挥部会议召集慢'), note(14, 'went-wrong', 'a', '通讯录未更新')]);

  it('counts the steps that lost time themselves and names them, and the knock-on delays apart', () => {
    expect(report.overview.stepCounts.late).toBe(2);
    expect(report.overview.lostTimeSteps.map((s) => s.id)).toEqual(['a', 'd']);
    expect(report.knockOnLateCount).toBe(2);
  });

  it('gives every minute in its prose as a whole number', () => {
    const { timing } = report.overview;
    expect(timing).toMatchObject({ kind: 'late', planned: 40, actual: 50, minutes: 10 });
    for (const c of report.overview.contributors) expect(Number.isInteger(c.wholeMinutes)).toBe(true);
    for (const p of report.problems) if (p.kind === 'late-step') expect(Number.isInteger(p.wholeDelay)).toBe(true);
  });

  it('lists no step twice under the problems: the notes on a late step go with it', () => {
    const stepIds = report.problems.flatMap((p) => (p.kind === 'late-step' ? [p.comparison.step.id] : p.kind === 'finding' ? [p.findings[0].step?.id ?? null] : p.kind === 'not-started' ? p.steps.map((s) => s.id) : []));
    expect(new Set(stepIds).size).toBe(stepIds.length);
    const a = report.problems.find((p) => p.kind === 'late-step' && p.comparison.step.id === 'a');
    expect(a?.kind === 'late-step' && a.findings.map((f) => f.annotation.text)).toEqual(['指挥部会议召集慢', '通讯录未更新']);
  });
});

describe('a step not ready', () => {
  it('says which predecessors it still waits for, and nothing once it is ready', () => {
    const plan = planOf([step('a', 5), step('b', 5), step('c', 5)], [edge('a', 'c'), edge('b', 'c')]);
    const early = runStateAt(plan, [on(1, 'completed', 'a')], T0, T0 + 60_000);
    expect(waitingForOf(early, 'c')).toEqual(['b']);
    expect(waitingForOf(runStateAt(plan, [on(1, 'completed', 'a'), on(2, 'skipped', 'b')], T0, T0 + 120_000), 'c')).toEqual([]);
    expect(waitingForOf(early, 'a')).toEqual([]);
  });
});

describe('the report a bureau sends', () => {
  const roles = [
    { id: 'r-cmd', name: '总指挥', group: '演练领导小组', category: 'player', people: [{ name: '周建国', unit: '县人民政府 副县长' }] },
    { id: 'r-ctl', name: '导调组', group: '策划导调组', category: 'controller', people: [{ name: '马俊', unit: '县生态环境局（计时记录）' }] },
    { id: 'r-water', name: '供水保障组', group: '供水保障组', category: 'player', people: [{ name: '赵永刚', unit: '县水务局 副局长' }, { name: '孙丽', unit: '供水保障组' }] },
    { id: 'r-sim', name: '模拟人员', group: '导调组（模拟人员）', category: 'simulator', people: [{ name: '蒋浩', unit: '县生态环境局（模拟县气象台、县供电公司）' }] },
    { id: 'r-obs', name: '观摩人员', group: '观摩组', category: 'observer', people: [{ name: '段明', unit: '县人民政府办公室（观摩引导员）' }] },
  ];
  const plan = ScenarioBodySchema.parse({
    title: '城区内涝应急演练',
    roles,
    steps: [{ ...step('alarm', 5, 'inject'), roleIds: ['r-ctl'] }, { ...step('water', 10), roleIds: ['r-water'] }],
    edges: [edge('alarm', 'water')],
  });
  const events = [on(1, 'inject-delivered', 'alarm'), ...ran('water', 5, 15), on(15, 'ended')];
  const improvement = (minutes: number, owner: string | null, text: string): Annotation => ({
    ...AnnotationFieldsSchema.parse({ at: iso(minutes), kind: 'improvement', text, ownerRoleId: owner, dueDate: '2026-07-31' }),
    id: `i-${minutes}`,
    runId: 'run',
    createdAt: iso(minutes),
  });
  const report = reportOf(runOf(plan, 15), events, [
    note(3, 'went-well', 'alarm', '信息报送及时'),
    note(8, 'went-wrong', 'water', '送水车调度慢'),
    improvement(20, 'r-water', '修订送水车调度方案'),
    improvement(21, null, '补充通讯录'),
  ]);

  it('names the participating units cleaned of positions, notes and group names, without observers', () => {
    expect(report.overview.units).toEqual(['县人民政府', '县生态环境局', '县水务局']);
  });

  it('counts the people taking part, with simulators and observers apart', () => {
    expect(report.overview.peopleCount).toBe(4);
    expect(report.overview.peopleByCategory).toMatchObject({ simulator: 1, observer: 1 });
  });

  it('tells the scenario as it played out: the injects delivered, with their times', () => {
    expect(report.overview.scenes.map((scene) => [scene.step.id, scene.atMs])).toEqual([['alarm', T0 + 60_000]]);
  });

  it('draws its lessons from what went well and what went wrong', () => {
    expect(report.learned.wentWell.map((f) => f.annotation.text)).toEqual(['信息报送及时']);
    expect(report.learned.wentWrong.map((f) => f.annotation.text)).toEqual(['送水车调度慢']);
  });

  it('numbers the improvement actions, each with its responsible unit and due date', () => {
    expect(report.improvementLines.map((line) => [line.n, line.item.annotation.text, line.unit, line.item.annotation.dueDate])).toEqual([
      [1, '修订送水车调度方案', '县水务局', '2026-07-31'],
      [2, '补充通讯录', '', '2026-07-31'],
    ]);
  });
});

describe('what a run enters for its report', () => {
  it('takes the number of people entered for the run and a responsible unit entered on an action over the roster', () => {
    const plan = planOf([step('a', 5)], []);
    const entered = reportOf({ ...runOf(plan, 5), participants: 35 }, [...ran('a', 0, 5)], [
      { ...AnnotationFieldsSchema.parse({ at: iso(5), kind: 'improvement', text: '完善预案', unit: '县应急管理局' }), id: 'i1', runId: 'run', createdAt: iso(5) },
    ]);
    expect(entered.overview).toMatchObject({ peopleCount: 35, peopleEntered: true });
    expect(entered.improvementLines[0].unit).toBe('县应急管理局');
  });
});
