/**
 * Prints, as one JSON document, everything DrillDesk makes from times that a
 * user could see or keep: the printed documents and the schedule of every
 * sample drill, its file export, its Excel export and that export read back
 * as a plan, a run log imported from CSV (bare clock times, dates with
 * times, T+ offsets) with the after-action report made from it and its clock
 * texts, every drill script of tests/fixtures/scripts/ imported (Word,
 * Excel, CSV, OpenAEV) and a workbook of Excel time and date cells, and a
 * replay's jump to a clock time. `tests/unit/zones.test.ts` runs it under several `TZ` values and
 * requires the same output from each: the computer's zone must change
 * nothing. It also prints the zone it ran in, so a `TZ` that did not take
 * effect is caught.
 *
 *   TZ=America/New_York node --import tsx tests/support/zoneProbe.ts
 *
 * (the test runs its bundle, `ZONE_PROBE_BUNDLE`, which starts faster)
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { EMPTY_DOC_FIELDS, ScenarioBodySchema, type Annotation, type Run, type RunEvent, type Scenario, type ScenarioBody } from '../../shared/model';
import { reportOf } from '../../shared/report';
import { parseRunCsv } from '../../shared/runCsv';
import { parseScenarioFile, scenarioFileTextOf } from '../../shared/scenarioFile';
import { scheduleOf } from '../../shared/schedule';
import { drillScriptOf, roleSheetsOf, rosterOf } from '../../shared/sheets';
import { clockAt, clockSecondsAt, clockTextOf, dateAt, instantOfClockText } from '../../shared/time';
import { scheduleLinesOf, scheduleTableOf } from '../../electron/cli/schedule';
import { planImportOf, type PlanFile } from '../../electron/core/planImport';
import { xlsxOf } from '../../electron/core/xlsx';
import { FLOOD_MINI_LOG } from '../fixtures/replay/recordedRun';
import { floodMini } from '../fixtures/replay/floodMini';
import { projectRoot as repoRoot } from '../../electron/core/projectRoot';

const STORED = { id: 'scn-1', revision: 7, createdAt: '2026-03-01T15:30:00.000Z', updatedAt: '2026-06-17T16:45:00.000Z', sourceId: null };

/** The text of every cell of every sheet, and each sheet's footer. */
async function workbookTextOf(buffer: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return workbook.worksheets.map((sheet) => {
    const rows: string[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((value) => (value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value)))));
    return { name: sheet.name, footer: sheet.headerFooter.oddFooter, rows };
  });
}

/** Each step's title and planned start in T+ minutes. */
function startsOf(body: ScenarioBody): [string, number][] {
  const schedule = scheduleOf(body);
  if (!schedule.ok) return [];
  return schedule.order.map((id) => [body.steps.find((step) => step.id === id)!.title, schedule.byStep.get(id)!.earliestStart]);
}

/** A drill script imported as the service would (Chinese), or what refused it. */
async function importedPlanOf(file: PlanFile) {
  const { preview, body } = await planImportOf(file, { language: 'zh' });
  if (!body) return { refused: preview.issues };
  // What the preview shows of each time cell, and the plan the import makes: its date, start, zone and every step's planned start.
  return { times: preview.rows.map((row) => [row.time, row.parsedTime]), body, starts: startsOf(body) };
}

const base64Of = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64');

async function sampleOf(file: string) {
  const parsed = parseScenarioFile(fs.readFileSync(path.join(repoRoot, 'scenarios', file), 'utf8'));
  if (!parsed.ok) throw new Error(`${file}: ${parsed.problems.join('; ')}`);
  const body = parsed.value;
  const scenario: Scenario = { ...body, ...STORED };
  const schedule = scheduleOf(body);
  if (!schedule.ok) throw new Error(`${file} has a cycle`);
  const script = await xlsxOf(scenario, 'script');
  const readBack = await planImportOf({ fileName: `${file}.xlsx`, dataBase64: base64Of(script) }, { language: 'zh' }).then(({ body }) => body ?? ScenarioBodySchema.parse({ title: 'refused' }));
  return {
    file,
    documents: { roleSheets: roleSheetsOf(body), roster: rosterOf(body), script: drillScriptOf(body) },
    schedule: { table: scheduleTableOf(body, schedule), lines: scheduleLinesOf(body, schedule) },
    fileText: scenarioFileTextOf(body),
    xlsx: { script: await workbookTextOf(script), roster: await workbookTextOf(await xlsxOf(scenario, 'roster', 'en')) },
    xlsxReadBack: { drillDate: readBack.drillDate, startTime: readBack.startTime, timeZone: readBack.timeZone, starts: startsOf(readBack) },
  };
}

/** The small flood drill's log as the control team types it from paper: wall clock times, one with its date, one as T+. */
function paperLogOf(): string {
  const rows = FLOOD_MINI_LOG.map((row, i) => {
    const time = i === 3 ? `2024-06-18 ${clockTextOf(9 * 60 + row.min)}:30` : i === 5 ? `T+${row.min}` : clockTextOf(9 * 60 + row.min);
    const text = row.kind === 'branch-taken' ? '备用水源可用' : (row.text ?? '');
    return [time, row.step ?? '', row.kind, row.role ?? '', text, row.rating ?? ''].join(',');
  });
  return ['时间,步骤,事件类型,角色,内容,评分', ...rows].join('\n');
}

/** The run a CSV import makes of the paper log, its report, and the clock texts the report prints. */
function importedRunOf(plan: ScenarioBody) {
  const log = parseRunCsv(plan, paperLogOf());
  if (!log.ok) return { refused: log.problems };
  const events: RunEvent[] = log.value.events.map((event, i) => ({ ...event, seq: i + 1, runId: 'run-1', corrects: null, supersededBy: null, recordedAt: STORED.updatedAt, seatId: null, clientId: null }));
  const endedAt = events.find((event) => event.kind === 'ended')?.at ?? null;
  const run: Run = { id: 'run-1', scenarioId: 'scn-1', name: '纸质记录补录', startedAt: log.value.startedAt, endedAt, status: 'ended', source: 'imported', plan, createdAt: STORED.updatedAt, docFields: EMPTY_DOC_FIELDS };
  const annotation = (id: string, minutes: number, fields: Partial<Annotation>): Annotation => ({
    id,
    runId: run.id,
    at: new Date(Date.parse(run.startedAt) + minutes * 60_000).toISOString(),
    stepId: null,
    kind: 'note',
    text: '',
    ownerRoleId: null,
    dueDate: null,
    done: false,
    createdAt: STORED.updatedAt,
    unit: null,
    ...fields,
  });
  const annotations = [
    annotation('a1', 14, { kind: 'went-wrong', stepId: 's2', text: '应急响应启动会议召集用时过长' }),
    annotation('a2', 52, { kind: 'improvement', stepId: 's3', text: '修订应急监测采样方案', ownerRoleId: 'r-mon', dueDate: '2024-08-31' }),
  ];
  const report = reportOf(run, events, annotations);
  const zone = report.overview.timeZone;
  const startMs = report.overview.startedAtMs;
  const endMs = report.overview.endedAtMs ?? startMs;
  return {
    log: log.value,
    report,
    // What the report, the replay and the console print of these instants, on the drill's clock.
    printed: {
      date: report.overview.drillDate,
      span: `${clockAt(startMs, zone)}–${clockAt(endMs, zone)}`,
      timeline: report.appendix.timeline.map((row) => `${clockAt(row.atMs, zone)} ${row.kind}`),
      log: events.map((event) => clockSecondsAt(Date.parse(event.at), zone)),
      startDate: dateAt(startMs, zone),
    },
    jump: ['09:30', '10:15', '0:05', '8:59'].map((text) => instantOfClockText(text, startMs, endMs, zone)),
  };
}

const planCsv = ['城区内涝应急演练脚本', '时间,情景内容,参演角色,处置动作', '2024-06-18 08:55,暴雨红色预警,导调组,启动应急响应', '09:10,水厂停运,供水保障组,调度送水车', '09:40-10:05,,应急监测组,加密监测'].join('\n');

/**
 * A workbook whose time column Excel stores as numbers (a date with a time, a time alone, a fraction of a
 * day; a date alone in the notes), on the night New York's clocks skip 02:00–03:00.
 */
async function excelDatesOf(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('脚本');
  sheet.addRow(['时间', '情景内容', '处置动作', '备注']);
  sheet.addRow([new Date(Date.UTC(2026, 2, 8, 1, 50)), '夜间水厂停电', '启动预案', new Date(Date.UTC(2026, 2, 8))]).getCell(1).numFmt = 'yyyy-mm-dd hh:mm';
  sheet.getCell('D2').numFmt = 'yyyy-mm-dd';
  sheet.addRow([new Date(Date.UTC(1899, 11, 30, 2, 30)), '', '调度送水车']).getCell(1).numFmt = 'hh:mm';
  sheet.addRow([0.15625, '', '现场点评']).getCell(1).numFmt = 'h:mm';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const scriptsDir = path.join(repoRoot, 'tests/fixtures/scripts');
/** What the user confirms in the mapping dialog for a script whose headings are not known. */
const MAPPINGS: Record<string, PlanFile['mapping']> = { 'f11-crucible-free-columns.xlsx': ['number', 'time', 'scene', 'role', 'keep'] };

/** Everything the probe prints (a function, since its bundle is CommonJS, where `await` at the top level is not allowed). */
const outputOf = async () => ({
  ranIn: { zone: Intl.DateTimeFormat().resolvedOptions().timeZone, offsetInJune: new Date(2026, 5, 18).getTimezoneOffset() },
  samples: await Promise.all(
    fs
      .readdirSync(path.join(repoRoot, 'scenarios'))
      .filter((name) => name.endsWith('.drill.json'))
      .sort()
      .map(sampleOf),
  ),
  runs: {
    shanghai: importedRunOf(floodMini()),
    newYork: importedRunOf({ ...floodMini(), timeZone: 'America/New_York' }),
  },
  planTable: await importedPlanOf({ fileName: 'plan.csv', dataBase64: base64Of(planCsv) }),
  scripts: await Promise.all(
    fs
      .readdirSync(scriptsDir)
      .filter((name) => /^f\d/.test(name))
      .sort()
      .map(async (name) => ({ name, imported: await importedPlanOf({ fileName: name, dataBase64: base64Of(fs.readFileSync(path.join(scriptsDir, name))), mapping: MAPPINGS[name] }) })),
  ),
  excelDates: await importedPlanOf({ fileName: 'dates.xlsx', dataBase64: base64Of(await excelDatesOf()) }),
});
void outputOf().then((output) => process.stdout.write(JSON.stringify(output)));
