/**
 * The evaluation report of a run recorded through the service on real
 * SQLite (the small flood drill with an evaluation form added and two
 * evaluators scoring it, one correction, one paper entry after the end),
 * and the summary report's objectives following the evaluation.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiMethod, ApiOutputs, Envelope } from '../../shared/api';
import { openBackend, type Backend } from '../../electron/core/backend';
import { memoryPrefsStore } from '../../electron/core/prefs';
import { evaluationReportOf, type EvaluationReport } from '../../shared/evaluationReport';
import { EvalAssignmentSchema, EvalFormSchema, type Annotation, type Run, type RunEvent } from '../../shared/model';
import { reportOf, type AfterActionReport } from '../../shared/report';
import { scenarioFileTextOf } from '../../shared/scenarioFile';
import { FLOOD_MINI_START, floodMini } from '../fixtures/replay/floodMini';
import { minutesAfterStart, recordFloodMini, type Call } from '../fixtures/replay/recordedRun';
import { errorTextOf } from '../../shared/api';

let dataDir: string;
let backend: Backend;
let clock = new Date(FLOOD_MINI_START);
const call: Call = async <M extends ApiMethod>(method: M, arg: unknown) => {
  const envelope = (await backend.call(method, arg)) as Envelope<ApiOutputs[M]>;
  if (!envelope.ok) throw new Error(`${method} failed: ${envelope.error.code} ${errorTextOf(envelope.error, 'en').text}`);
  return envelope.value;
};

/** The form: three sections, objectives and steps linked; 2.2 is critical. */
const form = EvalFormSchema.parse({
  id: 'f1',
  title: '汛期应急演练评估表',
  passPercent: 80,
  sections: [
    { id: 'sa', title: '应急响应', items: [{ id: 'i1', content: '接报后及时启动应急响应', criterion: '10分钟内启动', stepIds: ['s2'] }] },
    {
      id: 'sb',
      title: '应急监测',
      items: [
        { id: 'i2', content: '监测方案点位覆盖考核断面', stepIds: ['s3'], objectiveIds: ['o-monitor'] },
        { id: 'i3', content: '监测数据按时报送', criterion: '每小时报送一次', stepIds: ['s3'], objectiveIds: ['o-monitor'], critical: true },
      ],
    },
    {
      id: 'sc',
      title: '供水与污水',
      items: [
        { id: 'i4', content: '启用备用水源保障供水', stepIds: ['s6'], objectiveIds: ['o-water'] },
        { id: 'i5', content: '污水截流不直排', stepIds: ['s8'], objectiveIds: ['o-sewage'] },
      ],
    },
  ],
});

let run: Run;
let events: RunEvent[];
let annotations: Annotation[];
let report: EvaluationReport;
let summary: AfterActionReport;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'drilldesk-evalreport-'));
  backend = openBackend({ dataDir, templatesDir: path.join(dataDir, 'none'), prefs: memoryPrefsStore(), now: () => clock, log: () => {} });
  const scenarioId = (await call('importScenario', { text: scenarioFileTextOf(floodMini()) })).id;
  const scenario = await call('getScenario', { id: scenarioId });
  await call('applyGraphOps', {
    scenarioId,
    baseRevision: scenario.revision,
    ops: [
      { op: 'addRole', role: { id: 'r-eval', name: '评估组', category: 'evaluator', people: [{ name: '袁志华' }, { name: '彭丽' }] } },
      { op: 'addEvalForm', form },
      { op: 'addEvalAssignment', assignment: EvalAssignmentSchema.parse({ id: 'a1', roleId: 'r-eval', person: '袁志华', formIds: ['f1'], sectionIds: ['sa', 'sb'], lead: true }) },
      { op: 'addEvalAssignment', assignment: EvalAssignmentSchema.parse({ id: 'a2', roleId: 'r-eval', person: '彭丽', formIds: ['f1'], sectionIds: ['sc'] }) },
    ],
  });
  const runId = await recordFloodMini(call, scenarioId);
  const score = (min: number, itemId: string, value: string, person: string, text = '') =>
    call('recordEvent', { runId, event: { kind: 'evaluation-scored', at: minutesAfterStart(min), itemId, value, person, roleId: 'r-eval', text } });
  await score(14, 'i1', 'partly', '袁志华', '启动用时14分钟');
  const wrong = await score(52, 'i3', 'met', '袁志华');
  await call('correctEvent', { runId, seq: wrong.seq, value: 'not-met', text: '数据报送间隔超过两小时' });
  await score(52, 'i2', 'met', '袁志华', '点位覆盖全部断面');
  await score(50, 'i4', 'met', '彭丽');
  await call('recordEvent', { runId, event: { kind: 'hot-wash', at: minutesAfterStart(100), person: '袁志华', roleId: 'r-eval', text: '总体有序，监测报送偏慢' } });
  // Typed in from paper two hours after the end.
  clock = new Date(Date.parse(FLOOD_MINI_START) + 4 * 60 * 60_000);
  await score(95, 'i5', 'met', '彭丽', '纸质评估表补录');
  await call('addAnnotation', { runId, fields: { at: minutesAfterStart(60), kind: 'improvement', text: '修订监测数据报送流程', ownerRoleId: 'r-mon', dueDate: '2024-08-31' } });
  ({ run, events } = await call('getRun', { id: runId }));
  annotations = await call('listAnnotations', { runId });
  report = evaluationReportOf(run, events, annotations);
  summary = reportOf(run, events, annotations);
});

afterAll(() => {
  backend?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the evaluation report (演练评估报告)', () => {
  it('names the evaluation team from the assignments', () => {
    expect(report.team.map((m) => [m.who, m.lead, m.forms.map((f) => f.sections)])).toEqual([
      ['袁志华', true, [[1, 2]]],
      ['彭丽', false, [[3]]],
    ]);
  });

  it('gives each form its total and pass/fail: a critical item not met fails the form', () => {
    const [result] = report.forms;
    expect(result.totals).toMatchObject({ rated: 5, unrated: 0, byValue: { met: 3, partly: 1, 'not-met': 1 }, criticalFailures: 1, status: 'fail' });
    expect(result.totals.percent).toBeCloseTo(70, 6);
  });

  it('decides each objective from its linked items, with the steps as a check', () => {
    expect(report.objectives.map((o) => [o.objective.id, o.status])).toEqual([
      ['o-water', 'achieved'],
      ['o-sewage', 'achieved'],
      ['o-monitor', 'not-achieved'],
    ]);
  });

  it('lists the items not achieved, with the corrected entry, the observations and the step delays as evidence', () => {
    expect(report.shortfalls.map((s) => [s.result.number, s.result.rating?.value])).toEqual([
      ['2.2', 'not-met'],
      ['1.1', 'partly'],
    ]);
    const [monitoring, response] = report.shortfalls;
    expect(monitoring.entries.map((e) => [e.event.value, e.event.text, e.event.corrects !== null])).toEqual([['not-met', '数据报送间隔超过两小时', true]]);
    expect(monitoring.steps.map((s) => [s.comparison.step.id, s.comparison.late, s.cause?.main])).toEqual([['s3', true, 'overran']]);
    expect(response.steps[0].comparison.finishDelay).toBe(4);
  });

  it('keeps the on-the-spot comments, marks the paper entry as entered later, and carries the recommendations', () => {
    expect(report.hotWash).toEqual([expect.objectContaining({ who: '袁志华', text: '总体有序，监测报送偏慢', enteredLater: false })]);
    const sewage = report.forms[0].items.find((r) => r.item.id === 'i5')!;
    expect(sewage.entries[0].enteredLater).toBe(true);
    expect(report.strengths.items.map((r) => r.item.id)).toEqual(['i2', 'i5']);
    expect(report.recommendations.map((n) => [n.annotation.text, n.owner?.name])).toEqual([['修订监测数据报送流程', '应急监测组']]);
  });
});

describe('the summary report follows the evaluation', () => {
  it('reports the objectives as the evaluation decided them, and lists the one not achieved as a problem', () => {
    expect(summary.overview.objectives.map((o) => o.status)).toEqual(['achieved', 'achieved', 'not-achieved']);
    const problems = summary.problems.filter((p) => p.kind === 'objective-not-met');
    expect(problems.map((p) => (p.kind === 'objective-not-met' ? [p.result.objective.id, p.result.shortfalls.map((s) => s.number)] : null))).toEqual([['o-monitor', ['2.2']]]);
  });
});
