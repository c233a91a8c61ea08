/**
 * Drill-script import on the back end: bytes of a .docx, .xlsx, CSV or
 * OpenAEV .json in, a preview and (when nothing refuses it) the scenario
 * out. The service, the command line and the benchmarks all call this; it
 * writes nothing and depends on nothing but its arguments, so it can run in
 * a worker thread. Also the run-log CSV adapter the service calls.
 */
import { ApiError, type PlanImportPreview, type Prefs } from '../../shared/api';
import { catalogues, msg, type Language, type Message } from '../../shared/i18n';
import type { ScenarioBody } from '../../shared/model';
import { parseRunCsv, tableProblemMessageOf, type RunLog, type TableProblem } from '../../shared/runCsv';
import { scriptImportOf, type ScriptImport, type SourceTable } from '../../shared/scriptImport/build';
import { headerOf, headerSignatureOf, type ScriptField } from '../../shared/scriptImport/header';
import { CONTENT_FIELDS, SCRIPT_VOCABULARY } from '../../shared/scriptImport/header';
import { ImportRefusal, interpolate, issueMessageOf, type ImportIssue } from '../../shared/scriptImport/issues';
import { openAevImportOf } from '../../shared/scriptImport/openAev';
import { tableFileOf } from './tableFiles';

/** At most this many problems travel in an error's details; the message gives the full count. */
const MAX_DETAILS = 200;

export type PlanFile = { fileName: string; dataBase64: string; table?: number; mapping?: (ScriptField | null)[] };

export type PlanImportContext = {
  language: Language;
  /** The mapping remembered for a header signature, if any. */
  rememberedMapping?: (signature: string) => (ScriptField | null)[] | undefined;
  /** An existing scenario with this title, if any. */
  sameTitle?: (title: string) => { id: string; title: string } | null;
};

export type PlanImportResult = { preview: PlanImportPreview; body: ScenarioBody | null };

/** A file's name without its folder. */
export const baseNameOf = (fileName: string) => fileName.replace(/^.*[\\/]/, '');
/** A file's name without its folder and extension, as a title. */
export const titleOfFileName = (fileName: string) =>
  baseNameOf(fileName)
    .replace(/\.(xlsx|xlsm|csv|tsv|txt|docx|json|zip)$/i, '')
    .trim()
    .slice(0, 200);

/**
 * Tables of a Word file that continue the one before: a table with no
 * header of its own and as many columns, or one repeating the same header,
 * is appended to it (a script split across pages or by phase).
 */
function withContinuations(tables: SourceTable[], index: number): SourceTable {
  const first = tables[index];
  const header = headerOf(first.rows, SCRIPT_VOCABULARY, CONTENT_FIELDS);
  if (!header) return first;
  const width = header.columns.length;
  const signature = headerSignatureOf(header.columns.map((c) => c.heading));
  const rows = [...first.rows];
  let offset = rows.length > 0 ? rows[rows.length - 1].row : 0;
  for (const next of tables.slice(index + 1)) {
    const own = headerOf(next.rows, SCRIPT_VOCABULARY, CONTENT_FIELDS);
    const repeats = own !== null && headerSignatureOf(own.columns.map((c) => c.heading)) === signature;
    const widthOf = next.rows.reduce((most, r) => Math.max(most, r.cells.length), 0);
    if (!(repeats || (own === null && widthOf === width))) break;
    const skip = repeats ? own.rowIndexes[own.rowIndexes.length - 1] + 1 : 0;
    for (const row of next.rows.slice(skip)) rows.push({ row: offset + row.row, cells: row.cells });
    offset += next.rows.length > 0 ? next.rows[next.rows.length - 1].row : 0;
  }
  return { ...first, rows };
}

/**
 * What importing a file would create, and the scenario when nothing refuses
 * it. Every refusal comes back as problems in the preview (never thrown),
 * so the dialog can show them; `commitOf` turns them into an error.
 */
export async function planImportOf(file: PlanFile, context: PlanImportContext): Promise<PlanImportResult> {
  const fileName = baseNameOf(file.fileName) || 'file';
  const bytes = Buffer.from(file.dataBase64, 'base64');
  const language = context.language;
  const names = catalogues[language].scriptImport.generated;
  const base: PlanImportPreview = {
    fileName,
    format: 'csv',
    tables: [],
    table: 0,
    title: '',
    drillDate: null,
    startTime: null,
    location: '',
    headerRows: [],
    signature: '',
    remembered: false,
    columns: [],
    rows: [],
    roles: [],
    counts: { steps: 0, phases: 0, edges: 0, withoutDuration: 0, unreadableTimes: 0, roles: 0, objectives: 0 },
    issues: [],
    confident: false,
    sameTitle: null,
  };
  let read;
  try {
    read = await tableFileOf(bytes);
  } catch (error) {
    if (error instanceof ImportRefusal) return { preview: { ...base, issues: [error.issue] }, body: null };
    throw error;
  }
  const fallbackTitle = titleOfFileName(fileName);
  if (read.format === 'json') {
    const imported = openAevImportOf(read.json, language);
    const body = imported.body;
    const preview: PlanImportPreview = {
      ...base,
      format: 'json',
      tables: [{ index: 0, name: 'OpenAEV', rows: imported.counts.steps, recognised: body !== null }],
      title: body?.title ?? '',
      roles: imported.roles,
      counts: imported.counts,
      issues: imported.issues,
      confident: body !== null,
      sameTitle: body ? (context.sameTitle?.(body.title) ?? null) : null,
    };
    return { preview, body };
  }
  const tables = read.tables.map((table, i) => ({ ...table, name: table.name || interpolate(names.table, { n: i + 1 }) }));
  const recognised = tables.map((table) => headerOf(table.rows, SCRIPT_VOCABULARY, CONTENT_FIELDS) !== null);
  const listed = tables.map((table, index) => ({ index, name: table.name, rows: table.rows.length, recognised: recognised[index] }));
  if (tables.length === 0) return { preview: { ...base, format: read.format, issues: [issueProblem('noTables')] }, body: null };
  const index = file.table ?? Math.max(0, recognised.indexOf(true));
  if (index >= tables.length) return { preview: { ...base, format: read.format, tables: listed, issues: [issueProblem('noSuchTable', { n: index + 1 })] }, body: null };
  const table = read.format === 'docx' ? withContinuations(tables, index) : tables[index];
  let imported: ScriptImport = scriptImportOf(table, { fallbackTitle, language, mapping: file.mapping });
  let remembered = false;
  if (!file.mapping && context.rememberedMapping) {
    const mapping = context.rememberedMapping(imported.signature);
    if (mapping) {
      imported = scriptImportOf(table, { fallbackTitle, language, mapping });
      remembered = true;
    }
  }
  const body = imported.body;
  const preview: PlanImportPreview = {
    ...base,
    format: read.format,
    tables: listed,
    table: index,
    title: body?.title ?? '',
    drillDate: body?.drillDate ?? null,
    startTime: body?.startTime ?? null,
    location: body?.location ?? '',
    headerRows: imported.headerRows,
    signature: imported.signature,
    remembered,
    columns: imported.columns,
    rows: imported.rows,
    roles: imported.roles,
    counts: imported.counts,
    issues: imported.issues,
    confident: remembered ? body !== null : imported.confident,
    sameTitle: body ? (context.sameTitle?.(body.title) ?? null) : null,
  };
  return { preview, body };
}

function issueProblem(key: ImportIssue['key'], params: Record<string, string | number> = {}): ImportIssue {
  return { severity: 'problem', key, row: null, column: null, text: null, params };
}

/** Details past `MAX_DETAILS` summed up in one more line. */
function cappedDetailsOf(details: readonly Message[]): Message[] {
  if (details.length <= MAX_DETAILS) return [...details];
  return [...details.slice(0, MAX_DETAILS), msg('errors.table.more', { count: details.length - MAX_DETAILS })];
}

/** The error for a refused import: the file and its first problem as the headline, every problem (with file, row and column) in the details. */
export function importErrorOf(preview: Pick<PlanImportPreview, 'fileName' | 'issues'>): ApiError {
  const problems = preview.issues.filter((i) => i.severity === 'problem');
  const first = problems.length > 0 ? issueMessageOf(problems[0]) : msg('errors.invalid.value');
  const message = msg('scriptImport.where.located', { where: msg('scriptImport.where.file', { file: preview.fileName }), what: first });
  const tooLarge = problems.some((p) => p.key === 'tooLarge');
  return new ApiError(tooLarge ? 'too-large' : 'invalid-argument', message, cappedDetailsOf(problems.map((p) => issueMessageOf(p, preview.fileName))));
}

// ---------------------------------------------------------------------------
// Run logs

/** The error for a run log with problems: a count in the headline, each row in the details. */
export function runLogErrorOf(problems: readonly TableProblem[]): ApiError {
  const rows = problems.filter((p) => p.row > 0).length;
  const message = rows > 0 ? msg('errors.run.logRefused', { count: rows }) : msg('errors.run.logUnreadable', { reason: problems[0].message });
  return new ApiError('invalid-argument', message, cappedDetailsOf(problems.map(tableProblemMessageOf)));
}

/** The run-log parser as the service wants it: events or an `ApiError` listing every bad row. */
export function runCsvParserOf() {
  return (plan: ScenarioBody, csv: string, startedAt?: string, nowMs?: number): RunLog => {
    const result = parseRunCsv(plan, csv, { startedAt, nowMs });
    if (!result.ok) throw runLogErrorOf(result.problems);
    return result.value;
  };
}
