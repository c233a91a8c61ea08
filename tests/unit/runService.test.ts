/**
 * Drill runs through the service on a real SQLite file: the live log
 * written and read back in order, corrections kept beside the originals,
 * and imports (run-log CSV, plan spreadsheets) accepted or refused as a
 * whole with nothing written.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiMethod, ApiOutputs } from '../../shared/api';
import { effectiveEventsOf, type Scenario } from '../../shared/model';
import { runStateAt } from '../../shared/runState';
import { scheduleOf } from '../../shared/schedule';
import { openBackend, type Backend } from '../../electron/core/backend';
import { memoryPrefsStore, type PrefsStore } from '../../electron/core/prefs';
import { xlsxOf } from '../../electron/core/xlsx';
import { DB_FILE } from '../../electron/storage/dataDir';
import { dumpOf, refusalOf, valueOf } from '../support/storage';
import type { Language } from '../../shared/i18n';

const TEMPLATES = path.resolve('scenarios');
const WATERWORKS = '县第一自来水厂停电停产应急演练';

let dataDir: string;
let backend: Backend;
let prefs: PrefsStore;
/** The service's clock, moved by the tests. */
let clock = Date.parse('2026-05-20T01:30:00.000Z');
const minutesLater = (minutes: number) => {
  clock += minutes * 60_000;
};

const open = () => openBackend({ dataDir, templatesDir: TEMPLATES, prefs, now: () => new Date(clock), log: () => {} });

const call = <M extends ApiMethod>(method: M, arg: unknown): Promise<ApiOutputs[M]> => valueOf(backend, method, arg);
const refusal = (method: ApiMethod, arg: unknown, language: Language = 'en') => refusalOf(backend, method, arg, language);

/** Every row of every table: what "nothing was written" is checked against. */
const dump = (): string => dumpOf(path.join(dataDir, DB_FILE));

async function waterworks(): Promise<Scenario> {
  const summary = (await call('listScenarios', {})).find((s) => s.title === WATERWORKS);
  if (!summary) throw new Error('the waterworks sample is missing');
  return call('getScenario', { id: summary.id });
}

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'drilldesk-runs-'));
  prefs = memoryPrefsStore();
  clock = Date.parse('2026-05-20T01:30:00.000Z');
  backend = open();
});

afterEach(() => {
  backend.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('a live run', () => {
  it('starts at the real clock with a copy of the plan, and is listed with its scenario', async () => {
    const scenario = await waterworks();
    const run = await call('createRun', { scenarioId: scenario.id, name: '预演' });
    expect(run).toMatchObject({ name: '预演', status: 'running', source: 'live', startedAt: '2026-05-20T01:30:00.000Z', endedAt: null });
    expect(run.plan.steps.map((s) => s.id)).toEqual(scenario.steps.map((s) => s.id));
    expect(await call('listRuns', { scenarioId: scenario.id })).toEqual([
      expect.objectContaining({ id: run.id, name: '预演', scenarioTitle: WATERWORKS, eventCount: 0 }),
    ]);
  });

  it('keeps several runs of one scenario, newest first', async () => {
    const scenario = await waterworks();
    await call('createRun', { scenarioId: scenario.id, name: '预演' });
    minutesLater(7 * 24 * 60);
    await call('createRun', { scenarioId: scenario.id, name: '正式演练' });
    expect((await call('listRuns', { scenarioId: scenario.id })).map((r) => r.name)).toEqual(['正式演练', '预演']);
  });

  it('writes every click as one event at the clock time and reads them back in order, surviving a restart', async () => {
    const scenario = await waterworks();
    const run = await call('createRun', { scenarioId: scenario.id, name: '正式演练' });
    const record = async (minutes: number, event: object) => {
      minutesLater(minutes);
      return call('recordEvent', { runId: run.id, event });
    };
    await record(1, { kind: 'inject-delivered', stepId: 'w01', roleId: 'role-control' });
    await record(3, { kind: 'started', stepId: 'w02' });
    await record(4, { kind: 'completed', stepId: 'w02' });
    await record(1, { kind: 'observation', text: '指挥部接报后 2 分钟内启动预案', rating: 5, roleId: 'role-eval' });
    await record(1, { kind: 'started', stepId: 'w03' });
    await record(8, { kind: 'branch-taken', stepId: 'w04', edgeId: 'e05', text: '发电机启动失败' });

    backend.close();
    backend = open();
    const { run: stored, events } = await call('getRun', { id: run.id });
    expect(stored.status).toBe('running');
    expect(events.map((e) => [e.seq, e.kind, e.stepId, e.at])).toEqual([
      [1, 'inject-delivered', 'w01', '2026-05-20T01:31:00.000Z'],
      [2, 'started', 'w02', '2026-05-20T01:34:00.000Z'],
      [3, 'completed', 'w02', '2026-05-20T01:38:00.000Z'],
      [4, 'observation', null, '2026-05-20T01:39:00.000Z'],
      [5, 'started', 'w03', '2026-05-20T01:40:00.000Z'],
      [6, 'branch-taken', 'w04', '2026-05-20T01:48:00.000Z'],
    ]);
    expect(events[3]).toMatchObject({ rating: 5, roleId: 'role-eval', text: '指挥部接报后 2 分钟内启动预案' });

    const state = runStateAt(stored.plan, effectiveEventsOf(events), Date.parse(stored.startedAt), clock);
    expect(state.steps.get('w02')?.status).toBe('done');
    expect(state.steps.get('w03')?.status).toBe('under-way');
    expect(state.steps.get('w05')?.status).toBe('not-taken');
    expect(state.steps.get('w06')?.status).toBe('ready');
    expect(state.steps.get('w07')?.status).toBe('ready');
  });

  it('keeps a correction beside the original, which stays in the log marked superseded', async () => {
    const scenario = await waterworks();
    const run = await call('createRun', { scenarioId: scenario.id, name: '正式演练' });
    minutesLater(2);
    const original = await call('recordEvent', { runId: run.id, event: { kind: 'inject-delivered', stepId: 'w01', text: '电话' } });
    minutesLater(5);
    await call('recordEvent', { runId: run.id, event: { kind: 'started', stepId: 'w02' } });
    const correction = await call('correctEvent', { runId: run.id, seq: original.seq, at: '2026-05-20T01:31:00.000Z', text: '电话通知中控室' });
    expect(correction).toMatchObject({ corrects: original.seq, kind: 'inject-delivered', stepId: 'w01', at: '2026-05-20T01:31:00.000Z', text: '电话通知中控室' });

    const { events } = await call('getRun', { id: run.id });
    expect(events.map((e) => [e.seq, e.supersededBy, e.corrects])).toEqual([
      [1, 3, null],
      [2, null, null],
      [3, null, 1],
    ]);
    expect(events[0]).toMatchObject({ text: '电话', at: '2026-05-20T01:32:00.000Z' });
    expect(effectiveEventsOf(events).map((e) => e.seq)).toEqual([3, 2]);
    expect((await refusal('correctEvent', { runId: run.id, seq: original.seq, text: '再改' })).code).toBe('conflict');
  });

  it('records pause, resume, a plan shift and the end, after which only observations are taken', async () => {
    const scenario = await waterworks();
    const run = await call('createRun', { scenarioId: scenario.id, name: '预演' });
    minutesLater(5);
    await call('recordEvent', { runId: run.id, event: { kind: 'paused', text: '现场广播故障' } });
    expect((await call('listRuns', { scenarioId: scenario.id }))[0].status).toBe('paused');
    minutesLater(10);
    await call('recordEvent', { runId: run.id, event: { kind: 'resumed' } });
    const shift = await call('shiftPlan', { runId: run.id, minutes: 10, reason: '暂停 10 分钟' });
    expect(shift).toMatchObject({ kind: 'plan-shifted', shiftMin: 10, text: '暂停 10 分钟' });
    minutesLater(90);
    await call('recordEvent', { runId: run.id, event: { kind: 'ended' } });

    const { run: ended, events } = await call('getRun', { id: run.id });
    expect(ended).toMatchObject({ status: 'ended', endedAt: '2026-05-20T03:15:00.000Z' });
    expect(runStateAt(ended.plan, effectiveEventsOf(events), Date.parse(ended.startedAt), clock)).toMatchObject({ shiftMin: 10, ended: true, paused: false });
    expect((await refusal('recordEvent', { runId: run.id, event: { kind: 'started', stepId: 'w02' } })).code).toBe('conflict');
    await call('recordEvent', { runId: run.id, event: { kind: 'observation', text: '总结时补充：发电车调度流程需细化' } });
  });

  it('refuses events that do not fit the plan, writing nothing', async () => {
    const scenario = await waterworks();
    const run = await call('createRun', { scenarioId: scenario.id, name: '预演' });
    const before = dump();
    expect((await refusal('recordEvent', { runId: run.id, event: { kind: 'started', stepId: 'w99' } })).code).toBe('invalid-argument');
    expect((await refusal('recordEvent', { runId: run.id, event: { kind: 'branch-taken', stepId: 'w04', edgeId: 'e12' } })).message).toContain('not a branch');
    expect((await refusal('recordEvent', { runId: run.id, event: { kind: 'observation', roleId: 'role-ghost' } })).code).toBe('invalid-argument');
    expect(dump()).toBe(before);
  });
});

describe('importing a run log', () => {
  const log = [
    '时间,步骤,事件类型,角色,内容,评分',
    '09:31,w01,注入,导调组,电话通知中控室,',
    '09:33,启动水厂停电应急预案,开始,,,',
    '09:39,启动水厂停电应急预案,完成,,,',
    '09:40,w03,开始,,,',
    '09:47,w03,完成,,,',
    '09:48,w04,分支,,发电机带载正常,',
    '09:50,,观察,评估组,发电机切换用时符合预案要求,4',
    '11:30,,结束,导调组,,',
  ].join('\n');

  it('accepts a good log as one ended, imported run with its events in time order', async () => {
    const scenario = await waterworks();
    const summary = await call('importRunCsv', { scenarioId: scenario.id, name: '纸质记录补录', csv: log });
    expect(summary).toMatchObject({ name: '纸质记录补录', source: 'imported', status: 'ended', eventCount: 8 });
    const { run, events } = await call('getRun', { id: summary.id });
    // The log's bare times are wall times of the drill's zone, Asia/Shanghai (UTC+8).
    expect(run.startedAt).toBe('2026-05-20T01:31:00.000Z');
    expect(run.endedAt).toBe('2026-05-20T03:30:00.000Z');
    expect(events.map((e) => e.kind)).toEqual(['inject-delivered', 'started', 'completed', 'started', 'completed', 'branch-taken', 'observation', 'ended']);
    expect(events[5]).toMatchObject({ stepId: 'w04', edgeId: 'e04' });
    const state = runStateAt(run.plan, effectiveEventsOf(events), Date.parse(run.startedAt), Date.parse(run.endedAt!));
    expect(state.steps.get('w06')?.status).toBe('not-taken');
    expect(state.steps.get('w05')?.status).toBe('ready');
  });

  it('refuses a log with bad rows as a whole, naming each row, and writes nothing', async () => {
    const scenario = await waterworks();
    const bad = `${log}\n09:51,w77,完成,,,\n九点,w03,开始,,,\n`;
    const before = dump();
    const error = await refusal('importRunCsv', { scenarioId: scenario.id, name: '纸质记录补录', csv: bad }, 'zh');
    expect(error.code).toBe('invalid-argument');
    expect(error.message).toBe('导调记录有 2 行有误，未导入任何内容。');
    expect(error.details).toEqual(['第 10 行：演练中没有步骤“w77”。', expect.stringMatching(/^第 11 行：无法识别时间“九点”/)]);
    expect(dump()).toBe(before);
  });

  it('words the same rows in English for an English screen', async () => {
    const scenario = await waterworks();
    const error = await refusal('importRunCsv', { scenarioId: scenario.id, name: 'paper log', csv: 'time,step,kind\n09:31,w01,delivered\n09:32,w02,started-ish' });
    expect(error.message).toBe('the run log has 1 bad row; nothing was imported');
    expect(error.details[0]).toMatch(/^row 3: unknown event kind "started-ish"/);
  });
});

describe('importing a plan spreadsheet', () => {
  const base64 = (text: string | Buffer) => Buffer.from(text).toString('base64');
  const script = [
    '汛期安置点供水保障演练,,,',
    '时间,情景内容,参演角色,处置动作',
    '09:30,安置点自来水中断,导调组、供水保障组,调度送水车',
    '09:45,,应急监测组,对送水水源开展应急监测',
  ].join('\n');

  it('imports a CSV plan as a new scenario, chained by time with roles by name', async () => {
    const summary = await call('importPlanTable', { fileName: '安置点供水.csv', dataBase64: base64(script) });
    expect(summary).toMatchObject({ title: '汛期安置点供水保障演练', stepCount: 3, roleCount: 3, runCount: 0 });
    const scenario = await call('getScenario', { id: summary.id });
    expect(scenario.startTime).toBe('09:30');
    expect(scenario.steps.map((s) => [s.kind, s.title])).toEqual([
      ['inject', '安置点自来水中断'],
      ['action', '调度送水车'],
      ['action', '对送水水源开展应急监测'],
    ]);
    expect(scenario.steps.some((s) => s.position.x !== 0 || s.position.y !== 0)).toBe(true);
  });

  it('reads a CSV saved by Chinese Excel in GB18030', async () => {
    const gb = Buffer.from([0xca, 0xb1, 0xbc, 0xe4, 0x2c, 0xb4, 0xa6, 0xd6, 0xc3, 0xb6, 0xaf, 0xd7, 0xf7, 0x0a, 0x30, 0x39, 0x3a, 0x33, 0x30, 0x2c, 0xbd, 0xd3, 0xb1, 0xa8]);
    const summary = await call('importPlanTable', { fileName: 'gb.csv', dataBase64: gb.toString('base64') });
    const scenario = await call('getScenario', { id: summary.id });
    expect(scenario.steps.map((s) => s.title)).toEqual(['接报']);
  });

  it('reads back the drill script DrillDesk exports as .xlsx', async () => {
    const scenario = await waterworks();
    const workbook = await xlsxOf(scenario, 'script');
    const conflict = await refusal('importPlanTable', { fileName: 'script.xlsx', dataBase64: workbook.toString('base64') });
    expect(conflict.code).toBe('conflict');
    const summary = await call('importPlanTable', { fileName: 'script.xlsx', dataBase64: workbook.toString('base64'), ifSameTitle: 'copy' });
    const imported = await call('getScenario', { id: summary.id });
    expect(imported.title).toBe(`${WATERWORKS}（副本）`);
    const edgesOf = (body: Scenario) => {
      const titleOf = new Map(body.steps.map((s) => [s.id, s.title]));
      return body.edges.map((e) => `${titleOf.get(e.source)} → ${titleOf.get(e.target)} ${e.kind} ${e.label} ${e.lagMin}`).sort();
    };
    expect(edgesOf(imported)).toEqual(edgesOf(scenario));
    expect(imported.steps.map((s) => `${s.title} ${s.durationMin}`).sort()).toEqual(scenario.steps.map((s) => `${s.title} ${s.durationMin}`).sort());
    expect(imported.drillDate).toBe('2026-05-20');
    expect(imported.startTime).toBe('09:30');
    expect(imported.steps.map((s) => s.title).sort()).toEqual(scenario.steps.map((s) => s.title).sort());
    const kindOf = (body: Scenario, title: string) => body.steps.find((s) => s.title === title)?.kind;
    for (const step of scenario.steps) expect(kindOf(imported, step.title), step.title).toBe(step.kind);
    expect(imported.roles.map((r) => r.name).sort()).toEqual(scenario.roles.map((r) => r.name).sort());
  });

  it('reads time and date cells Excel stores as dates as the wall times they show, whatever the zone of this computer', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('脚本');
    sheet.addRow(['时间', '情景内容', '处置动作']);
    // A time typed into Excel is a fraction of a day; exceljs hands it over as an instant on 1899-12-30 (UTC).
    sheet.addRow([new Date(Date.UTC(1899, 11, 30, 9, 30)), '水厂停电', '启动预案']).getCell(1).numFmt = 'hh:mm';
    sheet.addRow([new Date(Date.UTC(2026, 4, 20, 9, 45)), '', '调度送水车']).getCell(1).numFmt = 'yyyy-mm-dd hh:mm';
    sheet.addRow([0.4375, '', '现场点评']).getCell(1).numFmt = 'h:mm';
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const summary = await call('importPlanTable', { fileName: 'times.xlsx', dataBase64: buffer.toString('base64') });
    const imported = await call('getScenario', { id: summary.id });
    expect([imported.drillDate, imported.startTime, imported.timeZone]).toEqual(['2026-05-20', '09:30', 'Asia/Shanghai']);
    const schedule = scheduleOf(imported);
    if (!schedule.ok) throw new Error('the imported plan has no schedule');
    const startOf = (title: string) => schedule.byStep.get(imported.steps.find((step) => step.title === title)!.id)!.earliestStart;
    expect(['启动预案', '调度送水车', '现场点评'].map(startOf)).toEqual([0, 15, 60]);
  });

  it('refuses a plan with a bad cell, or a damaged workbook, writing nothing', async () => {
    const before = dump();
    const bad = await refusal('importPlanTable', { fileName: 'bad.csv', dataBase64: base64(`${script}\n十点,,,研判\u0007`) }, 'zh');
    expect(bad.message).toBe('文件“bad.csv”：第 5 行，“处置动作”列：含有控制字符或损坏的 Unicode：“研判�”');
    const damaged = await refusal('importPlanTable', { fileName: 'plan.xlsx', dataBase64: base64(Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(40)])) }, 'zh');
    expect(damaged.message).toContain('文件已损坏');
    const tooBig = await refusal('importPlanTable', { fileName: 'huge.csv', dataBase64: 'A'.repeat(30 * 1024 * 1024) });
    expect(tooBig.code).toBe('invalid-argument');
    expect(tooBig.message).toContain('larger than 20 MB');
    expect(dump()).toBe(before);
  });
});
