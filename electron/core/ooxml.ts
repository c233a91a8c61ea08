/**
 * The tables of Word (.docx) and Excel (.xlsx) files, read from their XML
 * parts with a streaming XML parser (saxes) while the part is inflated, so
 * the row and column limits stop the reading early and memory stays small.
 *
 * Word: every top-level table of the body in order, with the paragraphs
 * above each table (the title block). A cell merged across columns
 * (`gridSpan`) or down rows (`vMerge`) is read as its value in every cell it
 * spans. Tables nested in a cell become part of that cell's text.
 *
 * Excel: every worksheet (very hidden ones left out), cells as they show:
 * shared and inline strings, numbers, and times and dates by their number
 * format (`09:30`, `2026-06-18 09:30`); merged ranges spread their value.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { SourceTable } from '../../shared/scriptImport/build';
import { HEADER_SEARCH_ROWS } from '../../shared/scriptImport/header';
import { refusalOf } from '../../shared/scriptImport/issues';
import type { TableRow } from '../../shared/runCsv';
import type { ZipPackage } from './zip';
import { clockTextOfTime, dateTextOf, wallTimeOfSerial } from '../../shared/time';

export type TableLimits = { maxRows: number; maxColumns: number; maxBytesPerPart: number; maxStrings: number; maxCellChars: number };

const localName = (name: string) => name.slice(name.indexOf(':') + 1);
const attribute = (node: SaxesTagPlain, name: string): string | undefined => {
  for (const [key, value] of Object.entries(node.attributes)) if (localName(key) === name) return value;
  return undefined;
};

/** Streams one part through a SAX parser; a handler refuses the file by throwing an `ImportRefusal`, which stops the reading. */
async function parsePart(
  zip: ZipPackage,
  part: string,
  maxBytes: number,
  handlers: { open?: (node: SaxesTagPlain) => void; close?: (name: string) => void; text?: (text: string) => void },
  what: 'notDocx' | 'notXlsx',
  maxTextBytes = 400_000,
): Promise<void> {
  const parser = new SaxesParser({ xmlns: false });
  let failure: Error | null = null;
  parser.on('error', (error) => {
    failure = error;
  });
  if (handlers.open) parser.on('opentag', handlers.open as (node: unknown) => void);
  if (handlers.close) parser.on('closetag', (node) => handlers.close!(localName(node.name)));
  if (handlers.text) parser.on('text', handlers.text);
  const decoder = new TextDecoder('utf-8');
  // A text run longer than any cell may be is refused before the parser buffers it (a zip bomb of one long text).
  const maxRun = maxTextBytes;
  let run = 0;
  await zip.readPart(
    part,
    (chunk) => {
      const first = chunk.indexOf(0x3c);
      if (first < 0) run += chunk.length;
      else {
        if (run + first > maxRun) throw refusalOf('cellTooLong', { max: Math.floor(maxRun / 4) });
        run = chunk.length - chunk.lastIndexOf(0x3c) - 1;
      }
      if (run > maxRun) throw refusalOf('cellTooLong', { max: Math.floor(maxRun / 4) });
      parser.write(decoder.decode(chunk, { stream: true }));
      if (failure) throw refusalOf(what, { detail: (failure as Error).message.slice(0, 200) });
    },
    { maxBytes },
  );
  if (!failure) {
    try {
      parser.close();
    } catch (error) {
      failure = error as Error;
    }
  }
  if (failure) throw refusalOf(what, { detail: (failure as Error).message.slice(0, 200) });
}

// ---------------------------------------------------------------------------
// Word

type WordCell = { text: string; span: number; vMerge: 'restart' | 'continue' | null };

/** The tables of a .docx, each with the paragraphs above it. */
export async function docxTablesOf(zip: ZipPackage, limits: TableLimits): Promise<SourceTable[]> {
  const document = 'word/document.xml';
  if (!zip.names.includes(document)) throw refusalOf('notDocx', { detail: 'word/document.xml is missing' });
  const tables: SourceTable[] = [];
  let above: string[] = [];
  let depth = 0;
  let rows: WordCell[][] = [];
  let row: WordCell[] | null = null;
  let cell: WordCell | null = null;
  let gridBefore = 0;
  let paragraph = '';
  let inText = false;
  let totalRows = 0;
  const endParagraph = () => {
    if (depth === 0) {
      // Only the paragraphs just above a table can be its title block.
      if (paragraph.trim() !== '') above.push(paragraph.trim().slice(0, 2_000));
      if (above.length > 40) above.shift();
    } else if (cell) cell.text += (cell.text === '' ? '' : '\n') + paragraph;
    paragraph = '';
  };
  const finishTable = () => {
    const grid: TableRow[] = [];
    const previous: string[] = [];
    rows.forEach((cells, r) => {
      const values: string[] = [];
      for (const c of cells) {
        const column = values.length;
        const value = c.vMerge === 'continue' ? (previous[column] ?? '') : c.text.replace(/\n+$/, '');
        for (let k = 0; k < c.span && values.length < limits.maxColumns + 1; k++) values.push(value);
      }
      if (values.length > limits.maxColumns) throw refusalOf('tooManyColumns', { max: limits.maxColumns });
      values.forEach((v, k) => (previous[k] = v));
      if (values.some((v) => v.trim() !== '')) grid.push({ row: r + 1, cells: values });
    });
    tables.push({ name: '', rows: grid, above });
    above = [];
    rows = [];
  };
  await parsePart(
    zip,
    document,
    limits.maxBytesPerPart,
    {
      open: (node) => {
        const name = localName(node.name);
        if (name === 'tbl') {
          if (depth === 0) endParagraph();
          depth++;
        } else if (depth === 1 && name === 'tr') {
          row = [];
          gridBefore = 0;
          if (++totalRows > limits.maxRows) throw refusalOf('tooManyRows', { max: limits.maxRows - HEADER_SEARCH_ROWS });
        } else if (depth === 1 && name === 'gridBefore' && row) gridBefore = Math.min(limits.maxColumns + 1, Number(attribute(node, 'val')) || 0);
        else if (depth === 1 && name === 'tc' && row) {
          for (; gridBefore > 0; gridBefore--) row.push({ text: '', span: 1, vMerge: null });
          cell = { text: '', span: 1, vMerge: null };
          row.push(cell);
          if (row.length > limits.maxColumns) throw refusalOf('tooManyColumns', { max: limits.maxColumns });
        } else if (depth === 1 && name === 'gridSpan' && cell) cell.span = Math.max(1, Math.min(limits.maxColumns + 1, Number(attribute(node, 'val')) || 1));
        else if (depth === 1 && name === 'vMerge' && cell) cell.vMerge = attribute(node, 'val') === 'restart' ? 'restart' : 'continue';
        else if (name === 't') inText = true;
        else if (name === 'tab') paragraph += '\t';
        else if (name === 'br' || name === 'cr') paragraph += '\n';
      },
      close: (name) => {
        if (name === 't') inText = false;
        else if (name === 'p') endParagraph();
        else if (name === 'tc' && depth === 1) {
          if (paragraph !== '') endParagraph();
          if (cell) cell.text = cell.text.trim();
          cell = null;
        } else if (name === 'tr' && depth === 1) {
          if (row) rows.push(row);
          row = null;
        } else if (name === 'tbl') {
          depth--;
          if (depth === 0) finishTable();
        }
      },
      text: (text) => {
        if (!inText) return;
        paragraph += text;
        if (paragraph.length > limits.maxCellChars) throw refusalOf('cellTooLong', { max: limits.maxCellChars }, { text: paragraph.slice(0, 60) });
      },
    },
    'notDocx',
  );
  return tables.filter((t) => t.rows.length > 0);
}

// ---------------------------------------------------------------------------
// Excel

/** Built-in number formats that show a time, and ones that show a date. */
const TIME_FORMATS = new Set([18, 19, 20, 21, 22, 45, 46, 47]);
const DATE_FORMATS = new Set([14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

type Style = 'time' | 'date' | 'datetime' | null;

function styleOfFormat(id: number, code: string | undefined): Style {
  if (id === 22) return 'datetime';
  if (TIME_FORMATS.has(id)) return 'time';
  if (DATE_FORMATS.has(id)) return 'date';
  if (!code) return null;
  const plain = code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  const hasTime = /h|s|上午|下午|am\/pm|时|分/i.test(plain);
  const hasDate = /y|d|年|月|日/i.test(plain) || (/m/i.test(plain) && !hasTime);
  if (hasTime && hasDate) return 'datetime';
  if (hasTime) return 'time';
  if (hasDate) return 'date';
  return null;
}

/**
 * A cell's number as it shows under its style: `09:30`, `2026-06-18`, `2026-06-18 09:30`, or the number.
 * Dates and times are the wall time the cell shows (a workbook has no zone), read by `shared/time`.
 */
function numberTextOf(value: string, style: Style, date1904: boolean): string {
  const number = Number(value);
  if (!Number.isFinite(number)) return value;
  const wall = style ? wallTimeOfSerial(number, date1904) : null;
  if (!wall) return String(number);
  const clock = clockTextOfTime(wall);
  if (style === 'time' && number < 1) return clock;
  const date = dateTextOf(wall.year, wall.month, wall.day);
  return style === 'date' ? date : `${date} ${clock}`;
}

/** A cell reference's column and row: `AB12` → [27, 12]. */
function cellRefOf(ref: string): [number, number] | null {
  const match = /^([A-Z]{1,3})(\d{1,7})$/.exec(ref);
  if (!match) return null;
  let column = 0;
  for (const c of match[1]) column = column * 26 + (c.charCodeAt(0) - 64);
  return [column - 1, Number(match[2])];
}

/** Every worksheet of an .xlsx as a table named after its sheet. */
export async function xlsxTablesOf(zip: ZipPackage, limits: TableLimits): Promise<SourceTable[]> {
  const parts = new Set(zip.names);
  const part = (name: string) => (parts.has(name) ? name : null);
  const workbookEntry = part('xl/workbook.xml');
  if (!workbookEntry) throw refusalOf('notXlsx', { detail: 'xl/workbook.xml is missing' });
  const sheets: { name: string; rid: string; state: string }[] = [];
  let date1904 = false;
  await parsePart(
    zip,
    workbookEntry,
    limits.maxBytesPerPart,
    {
      open: (node) => {
        const name = localName(node.name);
        if (name === 'sheet' && sheets.length < 1_000) sheets.push({ name: attribute(node, 'name') ?? '', rid: attribute(node, 'id') ?? '', state: attribute(node, 'state') ?? 'visible' });
        if (name === 'workbookPr') date1904 = /^(1|true)$/.test(attribute(node, 'date1904') ?? '');
      },
    },
    'notXlsx',
  );
  const targets = new Map<string, string>();
  const rels = part('xl/_rels/workbook.xml.rels');
  if (rels)
    await parsePart(zip, rels, limits.maxBytesPerPart, {
      open: (node) => {
        if (localName(node.name) !== 'Relationship') return;
        const target = attribute(node, 'Target') ?? '';
        targets.set(attribute(node, 'Id') ?? '', target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`);
      },
    }, 'notXlsx');

  // Shared strings: <si> holds <t> or runs <r><t>; phonetic guides <rPh> are not shown.
  const strings: string[] = [];
  const sharedEntry = part('xl/sharedStrings.xml');
  if (sharedEntry) {
    let current: string | null = null;
    let inText = false;
    let phonetic = 0;
    await parsePart(zip, sharedEntry, limits.maxBytesPerPart, {
      open: (node) => {
        const name = localName(node.name);
        if (name === 'si') {
          current = '';
          if (strings.length >= limits.maxStrings) throw refusalOf('tooManyTexts', { max: limits.maxStrings });
        } else if (name === 'rPh') phonetic++;
        else if (name === 't') inText = true;
      },
      close: (name) => {
        if (name === 'si') {
          strings.push(current ?? '');
          current = null;
        } else if (name === 'rPh') phonetic--;
        else if (name === 't') inText = false;
      },
      text: (text) => {
        if (!inText || phonetic !== 0 || current === null) return;
        current += text;
        if (current.length > limits.maxCellChars) throw refusalOf('cellTooLong', { max: limits.maxCellChars }, { text: current.slice(0, 60) });
      },
    }, 'notXlsx');
  }

  // Styles: which cell formats show times or dates.
  const styles: Style[] = [];
  const stylesEntry = part('xl/styles.xml');
  if (stylesEntry) {
    const codes = new Map<number, string>();
    let inXfs = false;
    await parsePart(zip, stylesEntry, limits.maxBytesPerPart, {
      open: (node) => {
        const name = localName(node.name);
        if (name === 'numFmt') codes.set(Number(attribute(node, 'numFmtId')), attribute(node, 'formatCode') ?? '');
        else if (name === 'cellXfs') inXfs = true;
        else if (name === 'xf' && inXfs && styles.length < 65_000) {
          const id = Number(attribute(node, 'numFmtId') ?? 0);
          styles.push(styleOfFormat(id, codes.get(id)));
        }
      },
      close: (name) => {
        if (name === 'cellXfs') inXfs = false;
      },
    }, 'notXlsx');
  }

  const tables: SourceTable[] = [];
  let totalRows = 0;
  for (const sheet of sheets) {
    if (sheet.state === 'veryHidden') continue;
    const entry = part(targets.get(sheet.rid) ?? '');
    if (!entry) continue;
    const rows = new Map<number, string[]>();
    const merges: [number, number, number, number][] = [];
    let rowNumber = 0;
    let cells: string[] | null = null;
    let cellColumn = 0;
    let cellType = 'n';
    let cellStyle: Style = null;
    let value = '';
    let inValue = false;
    let nextColumn = 0;
    await parsePart(zip, entry, limits.maxBytesPerPart, {
      open: (node) => {
        const name = localName(node.name);
        if (name === 'row') {
          rowNumber = Number(attribute(node, 'r')) || rowNumber + 1;
          cells = [];
          nextColumn = 0;
        } else if (name === 'c' && cells) {
          const ref = cellRefOf(attribute(node, 'r') ?? '');
          cellColumn = ref ? ref[0] : nextColumn;
          nextColumn = cellColumn + 1;
          cellType = attribute(node, 't') ?? 'n';
          cellStyle = styles[Number(attribute(node, 's') ?? 0)] ?? null;
          value = '';
        } else if (name === 'v' || (name === 't' && cellType === 'inlineStr')) inValue = true;
        else if (name === 'mergeCell') {
          const [from, to] = (attribute(node, 'ref') ?? '').split(':');
          const a = cellRefOf(from ?? '');
          const b = cellRefOf(to ?? '');
          if (a && b && merges.length < 10_000) merges.push([a[0], a[1], b[0], b[1]]);
        }
      },
      close: (name) => {
        if (name === 'v' || name === 't') inValue = false;
        else if (name === 'c' && cells) {
          let text = '';
          if (cellType === 's') text = strings[Number(value)] ?? '';
          else if (cellType === 'inlineStr' || cellType === 'str' || cellType === 'd') text = value;
          else if (cellType === 'b') text = value === '1' ? 'TRUE' : 'FALSE';
          else if (cellType === 'e') text = '';
          else if (value !== '') text = numberTextOf(value, cellStyle, date1904);
          if (text.trim() !== '') {
            if (cellColumn >= limits.maxColumns) throw refusalOf('tooManyColumns', { max: limits.maxColumns });
            cells[cellColumn] = text;
          }
        } else if (name === 'row' && cells) {
          if (cells.some((c) => c !== undefined && c.trim() !== '')) {
            if (++totalRows > limits.maxRows) throw refusalOf('tooManyRows', { max: limits.maxRows - HEADER_SEARCH_ROWS });
            rows.set(rowNumber, Array.from(cells, (c) => c ?? ''));
          }
          cells = null;
        }
      },
      text: (text) => {
        if (!inValue) return;
        value += text;
        if (value.length > limits.maxCellChars) throw refusalOf('cellTooLong', { max: limits.maxCellChars }, { row: rowNumber, text: value.slice(0, 60) });
      },
    }, 'notXlsx');
    // A merged range shows its top-left value in every cell it covers (within the rows and columns read).
    for (const [c1, r1, c2, r2] of merges) {
      const master = rows.get(r1)?.[c1] ?? '';
      if (master === '') continue;
      const lastRow = Math.min(r2, r1 + limits.maxRows);
      const lastColumn = Math.min(c2, limits.maxColumns - 1);
      for (let r = r1; r <= lastRow; r++) {
        const row = rows.get(r);
        if (!row) continue;
        for (let c = c1; c <= lastColumn; c++) if ((row[c] ?? '') === '') row[c] = master;
        for (let c = 0; c < row.length; c++) row[c] ??= '';
      }
    }
    const ordered = [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([row, values]) => ({ row, cells: values }));
    tables.push({ name: sheet.name, rows: ordered, above: [] });
  }
  return tables;
}
