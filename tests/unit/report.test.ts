/**
 * The after-action report of a run recorded through the service on real
 * SQLite, and the same run imported from CSV replaying identically.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiMethod, ApiOutputs, Envelope } from '../../shared/api';
import { openBackend, type Backend } from '../../electron/core/backend';
import { memoryPrefsStore } from '../../electron/core/prefs';
import { effectiveEventsOf, type Annotation, type Run, type RunEvent } from '../../shared/model';
import { replayIndexOf, stateAtTime } from '../../shared/replay';
import { reportOf, type AfterActionReport, type ProblemItem } from '../../shared/report';
import { scenarioFileTextOf } from '../../shared/scenarioFile';
import { FLOOD_MINI_START, floodMini } from '../fixtures/replay/floodMini';
import { floodMiniCsv, minutesAfterStart, recordFloodMini, type Call } from '../fixtures/replay/recordedRun';
import { errorTextOf } from '../../shared/api';

let dataDir: string;
let backend: Backend;
let clock = new Date(FLOOD_MINI_START);

const call: Call = async <M extends ApiMethod>(method: M, arg: unknown) => {
  const envelope = (await backend.call(method, arg)) as Envelope<ApiOutputs[M]>;
  if (!envelope.ok) throw new Error(`${method} failed: ${envelope.error.code} ${errorTextOf(envelope.error, 'en').text} ${errorTextOf(envelope.error, 'en').details.join('; ')}`);
  return envelope.value;
};

let scenarioId: string;
let live: { run: Run; events: RunEvent[] };
let annotations: Annotation[];
let report: AfterActionReport;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'drilldesk-report-'));
  backend = openBackend({ dataDir, templatesDir: path.join(dataDir, 'no-templates'), prefs: memoryPrefsStore(), now: () => clock, log: () => {} });
  scenarioId = (await call('importScenario', { text: scenarioFileTextOf(floodMini()) })).id;
  const runId = await recordFloodMini(call, scenarioId);
  clock = new Date(Date.parse(FLOOD_MINI_START) + 3 * 60 * 60_000);
  const pin = async (min: number, fields: Record<string, unknown>) =>
    call('addAnnotation', { runId, fields: { at: minutesAfterStart(min), ...fields } as never });
  await pin(14, { kind: 'went-wrong', stepId: 's2', text: '应急响应启动会议召集用时过长' });
  await pin(30, { kind: 'went-well', stepId: 's6', text: '备用水源切换操作熟练' });
  await pin(52, { kind: 'improvement', stepId: 's3', text: '修订应急监测采样方案，明确采样点位', ownerRoleId: 'r-mon', dueDate: '2024-08-31' });
  await pin(20, { kind: 'improvement', text: '补充指挥部联络通讯录', ownerRoleId: 'r-cmd', dueDate: '2024-07-15' });
  await pin(60, { kind: 'improvement', text: '与气象部门建立预警信息直报机制', dueDate: null });
  await pin(40, { kind: 'note', text: '现场照片已归档' });
  live = await call('getRun', { id: runId });
  annotations = await call('listAnnotations', { runId });
  report = reportOf(live.run, live.events, annotations);
});

afterAll(() => {
  backend?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the after-action report (演练总结报告)', () => {
  it("dates the run by the day it took place in the drill's zone", () => {
    // 01:00 UTC on 18 June is 09:00 that day in Shanghai, and 21:00 the day before in New York.
    const inNewYork = reportOf({ ...live.run, plan: { ...live.run.plan, timeZone: 'America/New_York' } }, live.events, annotations);
    expect([report.overview.drillDate, inNewYork.overview.drillDate]).toEqual(['2024-06-18', '2024-06-17']);
    expect(inNewYork.overview.timeZone).toBe('America/New_York');
  });


  it('opens with the overview: purpose, time, place, units and people, the scenario and its objectives', () => {
    const { overview } = report;
    expect(overview).toMatchObject({
      title: '城区内涝水环境应急演练（小样）',
      runName: '2024年汛期演练（正式）',
      drillDate: '2024-06-18',
      startedAtMs: Date.parse(FLOOD_MINI_START),
      endedAtMs: Date.parse(minutesAfterStart(97)),
      location: '县生态环境局应急指挥中心',
      peopleCount: 6,
      plannedMinutes: 80,
      actualMinutes: 96,
      overrun: 16,
    });
    expect(overview.timeZone).toBe('Asia/Shanghai');
    expect(overview.description).toContain('城区部分区域内涝');
    expect(overview.units).toEqual(['县政府', '县生态环境局', '县环境监测站', '县自来水公司', '县污水处理厂']);
    expect(overview.peopleByCategory).toMatchObject({ player: 5, controller: 1, evaluator: 0 });
    expect(overview.roleGroups.map((g) => g.group)).toEqual(['领导小组', '策划导调组', '应急监测组', '供水保障组', '污水处置组']);
    expect(overview.stepCounts).toEqual({ total: 9, done: 8, skipped: 0, notTaken: 1, unfinished: 0, notStarted: 0, late: 5 });
    expect(overview.lostTimeSteps.map((step) => step.title)).toHaveLength(5);
    // The drill has no evaluation form: its objectives are not evaluated, whatever the steps did (they were all done).
    expect(overview.objectives.map((o) => [o.objective.id, o.status, o.steps?.doneCount])).toEqual([
      ['o-water', 'not-evaluated', 1],
      ['o-sewage', 'not-evaluated', 1],
      ['o-monitor', 'not-evaluated', 1],
    ]);
  });

  it('says which steps lost the overrun', () => {
    expect(report.overview.contributors.map((c) => [c.step.title, c.minutes])).toEqual([
      ['应急监测', 8],
      ['启动应急响应', 4],
    ]);
  });

  it('lists as problems the steps that lost time themselves, most lost first, with their causes and the went-wrong notes on them', () => {
    const summary = report.problems.map((p: ProblemItem) =>
      p.kind === 'finding'
        ? ['finding', p.findings[0].annotation.text]
        : p.kind === 'late-step'
          ? ['late', p.comparison.step.title, p.cause.finishDelay, ...p.findings.map((f) => f.annotation.text)]
          : p.kind === 'not-started'
            ? ['not-started', ...p.steps.map((step) => step.title)]
            : ['objective', p.result.objective.id],
    );
    expect(summary).toEqual([
      ['late', '应急监测', 12],
      ['late', '启动应急响应', 4, '应急响应启动会议召集用时过长'],
      ['late', '是否启用备用水源', 7],
      ['late', '启用备用水源', 10],
      ['late', '污水应急处置', 15],
    ]);
    // 水厂停运 and 应急结束 were late only because of the steps before them.
    expect(report.knockOnLateCount).toBe(2);
    const sewage = report.problems.find((p) => p.kind === 'late-step' && p.comparison.step.id === 's8');
    expect(sewage).toMatchObject({ upstreamStep: { title: '应急监测' }, cause: { upstream: { stepId: 's3', minutes: 12 }, main: 'upstream' } });
    if (sewage?.kind !== 'late-step') throw new Error('expected a late step');
    expect(sewage.originSteps.map((o) => [o.step.title, o.minutes])).toEqual([
      ['应急监测', 8],
      ['启动应急响应', 4],
    ]);
  });

  it('keeps what went well as lessons', () => {
    expect(report.lessons.map((item) => [item.annotation.text, item.step?.title])).toEqual([['备用水源切换操作熟练', '启用备用水源']]);
  });

  it('groups improvement actions by owner role in the plan’s role order, unowned last, by due date', () => {
    expect(report.improvements.map((g) => [g.role?.name ?? null, g.items.map((i) => [i.annotation.text, i.annotation.dueDate])])).toEqual([
      ['总指挥', [['补充指挥部联络通讯录', '2024-07-15']]],
      ['应急监测组', [['修订应急监测采样方案，明确采样点位', '2024-08-31']]],
      [null, [['与气象部门建立预警信息直报机制', null]]],
    ]);
  });

  it('has an appendix with the timeline (corrections marked), plan against reality and the observations', () => {
    const { timeline, planVsActual, observations } = report.appendix;
    expect(timeline).toHaveLength(15);
    const monitoringDone = timeline.find((row) => row.kind === 'completed' && row.step?.id === 's3')!;
    expect(monitoringDone).toMatchObject({ atMin: 52, corrected: true });
    expect(timeline.find((row) => row.kind === 'branch-taken')).toMatchObject({ branch: '备用水源可用', role: { name: '总指挥' } });
    expect(planVsActual.map((row) => row.comparison.step.id)).toEqual(['s1', 's2', 's3', 's4', 's5', 's7', 's6', 's8', 's9']);
    expect(planVsActual.find((row) => row.comparison.step.id === 's3')).toMatchObject({
      comparison: { plannedStart: 10, plannedFinish: 40, actualStart: 15, actualFinish: 52, finishDelay: 12, late: true },
      cause: { upstream: { stepId: 's2', minutes: 4 }, startedLate: 1, overran: 7, main: 'overran' },
      roles: [{ name: '应急监测组' }],
    });
    expect(observations.map((o) => [o.source, o.text, o.rating])).toEqual([
      ['event', '监测组采样点位选择合理，但采样记录不完整', 3],
      ['annotation', '现场照片已归档', null],
    ]);
  });
});

describe('a report with little to say', () => {
  it('is made for a run with nothing recorded, no annotations and no objectives', async () => {
    const empty = await call('createRun', { scenarioId, name: '预演（未开始）' });
    const { run, events } = await call('getRun', { id: empty.id });
    const bare = reportOf({ ...run, plan: { ...run.plan, objectives: [] } }, events, []);
    expect(bare.overview).toMatchObject({ actualMinutes: null, overrun: null, objectives: [], endedAtMs: null });
    expect(bare.problems).toEqual([]);
    expect(bare.improvements).toEqual([]);
    expect(bare.appendix.timeline).toEqual([]);
    expect(bare.appendix.planVsActual).toHaveLength(9);
  });
});

describe('a run imported from CSV', () => {
  it('replays exactly like the same run recorded live', async () => {
    const imported = await call('importRunCsv', { scenarioId, name: '纸质记录导入', csv: floodMiniCsv() });
    const csv = await call('getRun', { id: imported.id });
    expect(csv.run).toMatchObject({ source: 'imported', startedAt: live.run.startedAt });
    const liveEvents = effectiveEventsOf(live.events);
    const csvEvents = effectiveEventsOf(csv.events);
    expect(csvEvents.map((e) => [e.at, e.kind, e.stepId, e.edgeId])).toEqual(liveEvents.map((e) => [e.at, e.kind, e.stepId, e.edgeId]));
    const start = Date.parse(live.run.startedAt);
    const liveIndex = replayIndexOf(live.run.plan, liveEvents, start);
    const csvIndex = replayIndexOf(csv.run.plan, csvEvents, Date.parse(csv.run.startedAt));
    const plain = (index: typeof liveIndex, t: number) => {
      const state = stateAtTime(index, t);
      return JSON.stringify({ steps: [...state.steps], taken: [...state.takenEdgeIds], applied: state.applied, ended: state.ended });
    };
    for (let min = -1; min <= 100; min += 0.5) expect(plain(csvIndex, start + min * 60_000)).toBe(plain(liveIndex, start + min * 60_000));
    const fromCsv = reportOf(csv.run, csv.events, []);
    const fromLive = reportOf(live.run, live.events, []);
    expect(fromCsv.analysis.lateSteps).toEqual(fromLive.analysis.lateSteps);
    expect(fromCsv.overview.contributors).toEqual(fromLive.overview.contributors);
  });
});
