/**
 * Spreadsheet imports on the back end: the bytes of an .xlsx or CSV plan
 * turned into table rows for `planTableOf`, and the run-log CSV adapter the
 * service calls. Sizes are checked before anything is parsed; an .xlsx is a
 * zip, so its central directory is read first and a file that would inflate
 * beyond a sane size is refused before exceljs sees it.
 */
import ExcelJS from 'exceljs';
import { ApiError, MAX_IMPORT_BYTES, type Prefs } from '../../shared/api';
import type { ScenarioBody } from '../../shared/model';
import { planTableOf } from '../../shared/planTable';
import { csvRowsOf, parseRunCsv, tableProblemTextOf, type RunLog, type TableProblem, type TableResult, type TableRow } from '../../shared/runCsv';

/** Largest total an .xlsx may inflate to (its XML parts), and the most parts it may have. */
export const MAX_XLSX_INFLATED_BYTES = 200 * 1024 * 1024;
const MAX_ZIP_ENTRIES = 5_000;
/** At most this many problems travel in an error's details; the message gives the full count. */
const MAX_DETAILS = 200;

type Language = Prefs['language'];

/** The error for a table with problems: a count in the message, each row in the details, in the user's language. */
export function tableErrorOf(problems: readonly TableProblem[], what: { zh: string; en: string }, language: Language): ApiError {
  const rows = problems.filter((p) => p.row > 0).length;
  const message =
    language === 'zh'
      ? rows > 0
        ? `${what.zh}有 ${rows} 行有误，未导入任何内容。`
        : `${what.zh}无法导入：${problems[0].message.zh}`
      : rows > 0
        ? `the ${what.en} has ${rows} bad row(s); nothing was imported`
        : `the ${what.en} cannot be imported: ${problems[0].message.en}`;
  const details = problems.slice(0, MAX_DETAILS).map((p) => tableProblemTextOf(p, language));
  if (problems.length > MAX_DETAILS)
    details.push(language === 'zh' ? `……另有 ${problems.length - MAX_DETAILS} 处问题` : `… and ${problems.length - MAX_DETAILS} more`);
  return new ApiError('invalid-argument', message, details);
}

/** Text of a CSV file: UTF-8 when it is valid UTF-8, else GB18030 (what Chinese Excel writes for "CSV"). */
export function csvTextOf(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

const ZIP64 = { zh: '不支持 zip64 格式的工作簿。', en: 'zip64 workbooks are not supported' };

/**
 * Checks a zip's central directory without inflating anything: refuses a
 * file that is not a zip, uses zip64, has too many parts, or would inflate
 * beyond `MAX_XLSX_INFLATED_BYTES`. Returns a reason in both languages, or null when it is fine.
 */
export function zipProblemOf(bytes: Uint8Array): { zh: string; en: string } | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return { zh: '这不是 .xlsx 工作簿文件（找不到压缩目录）。', en: 'not an .xlsx file (no zip directory found)' };
  const entries = view.getUint16(end + 10, true);
  const directoryOffset = view.getUint32(end + 16, true);
  if (entries === 0xffff || directoryOffset === 0xffffffff) return ZIP64;
  if (entries > MAX_ZIP_ENTRIES) return { zh: `工作簿的组成部分过多（${entries} 个）。`, en: `the workbook has too many parts (${entries})` };
  let offset = directoryOffset;
  let inflated = 0;
  for (let k = 0; k < entries; k++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== 0x02014b50) return { zh: '工作簿已损坏（压缩目录有误）。', en: 'the workbook is damaged (bad zip directory)' };
    const size = view.getUint32(offset + 24, true);
    if (size === 0xffffffff) return ZIP64;
    inflated += size;
    if (inflated > MAX_XLSX_INFLATED_BYTES) return { zh: `工作簿解压后将超过 ${MAX_XLSX_INFLATED_BYTES / 1024 / 1024} MB。`, en: `the workbook would unpack to more than ${MAX_XLSX_INFLATED_BYTES / 1024 / 1024} MB` };
    offset += 46 + view.getUint16(offset + 28, true) + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
  }
  return null;
}

const pad2 = (value: number) => String(value).padStart(2, '0');

/** What a cell shows, as text: times as `HH:MM`, dates as `YYYY-MM-DD HH:MM`, rich text and formulas by their text and result. */
export function cellTextOf(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    // exceljs gives date cells as UTC instants of the serial number; a time-only cell falls on 1899-12-30.
    const clock = `${pad2(value.getUTCHours())}:${pad2(value.getUTCMinutes())}`;
    if (value.getUTCFullYear() < 1901) return clock;
    const date = `${value.getUTCFullYear()}-${pad2(value.getUTCMonth() + 1)}-${pad2(value.getUTCDate())}`;
    return value.getUTCHours() === 0 && value.getUTCMinutes() === 0 ? date : `${date} ${clock}`;
  }
  if (typeof value === 'number') {
    // A time typed as a fraction of a day with a time format that exceljs did not turn into a date.
    if (value >= 0 && value < 1 && /h+[:：]mm/i.test(cell.numFmt ?? '')) {
      const minutes = Math.round(value * 24 * 60);
      return `${pad2(Math.floor(minutes / 60) % 24)}:${pad2(minutes % 60)}`;
    }
    return String(value);
  }
  if (typeof value === 'string' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('result' in value) return value.result === undefined || value.result === null ? '' : typeof value.result === 'object' && 'error' in value.result ? '' : value.result instanceof Date ? cellTextOf({ ...cell, value: value.result } as ExcelJS.Cell) : String(value.result);
    if ('text' in value) return String(value.text);
  }
  return '';
}

/** The non-blank rows of each worksheet, with their sheet row numbers. */
export async function xlsxSheetsOf(bytes: Uint8Array, language: Language = 'en'): Promise<{ name: string; rows: TableRow[] }[]> {
  const problem = zipProblemOf(bytes);
  if (problem) throw new ApiError('invalid-argument', problem[language]);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch (error) {
    throw new ApiError('invalid-argument', language === 'zh' ? `无法读取这个 .xlsx 工作簿（${(error as Error).message}）。` : `the file is not a readable .xlsx workbook (${(error as Error).message})`);
  }
  return workbook.worksheets.map((sheet) => {
    const rows: TableRow[] = [];
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, column) => {
        // A merged range shows its text once, in its top-left cell.
        cells[column - 1] = cell.isMerged && cell.master.address !== cell.address ? '' : cellTextOf(cell);
      });
      const filled = Array.from(cells, (cell) => cell ?? '');
      if (filled.some((cell) => cell.trim() !== '')) rows.push({ row: rowNumber, cells: filled });
    });
    return { name: sheet.name, rows };
  });
}

const PLAN = { zh: '计划表', en: 'plan table' };
const RUN_LOG = { zh: '导调记录', en: 'run log' };

/**
 * The scenario in a plan spreadsheet. An .xlsx is read sheet by sheet: the
 * first sheet with a recognisable header is the plan. Throws an `ApiError`
 * listing every bad row when the table is refused.
 */
export async function planBodyOfFile(
  file: { fileName: string; format: 'xlsx' | 'csv'; dataBase64: string },
  language: Language,
): Promise<ScenarioBody> {
  const bytes = Buffer.from(file.dataBase64, 'base64');
  if (bytes.length > MAX_IMPORT_BYTES) throw new ApiError('too-large', `file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`);
  if (bytes.length === 0) throw new ApiError('invalid-argument', language === 'zh' ? '文件是空的。' : 'the file is empty');
  const title = file.fileName.replace(/^.*[\\/]/, '').replace(/\.(xlsx|csv|txt)$/i, '').trim().slice(0, 200) || 'plan';
  let result: TableResult<ScenarioBody>;
  if (file.format === 'csv') {
    const rows = csvRowsOf(csvTextOf(bytes));
    result = rows.ok ? planTableOf(rows.value, { title }) : rows;
  } else {
    const sheets = await xlsxSheetsOf(bytes, language);
    const results = sheets.map((sheet) => planTableOf(sheet.rows, { title }));
    const noHeader = (r: TableResult<ScenarioBody>) => !r.ok && r.problems.length === 1 && r.problems[0].row === 0 && r.problems[0].message.en.startsWith('no header');
    result = results.find((r) => !noHeader(r)) ?? results[0] ?? { ok: false, problems: [{ row: 0, message: { zh: '工作簿中没有工作表。', en: 'the workbook has no sheets' } }] };
  }
  if (!result.ok) throw tableErrorOf(result.problems, PLAN, language);
  return result.value;
}

/** The run-log parser as the service wants it: events or an `ApiError` listing every bad row. */
export function runCsvParserOf(language: () => Language) {
  return (plan: ScenarioBody, csv: string, startedAt?: string): RunLog => {
    const result = parseRunCsv(plan, csv, { startedAt });
    if (!result.ok) throw tableErrorOf(result.problems, RUN_LOG, language());
    return result.value;
  };
}
