/**
 * Files to tables: the one reader every table import uses (drill scripts
 * and evaluation forms). It tells the format from the bytes
 * (not the file name), refuses what it cannot read with a reason (legacy
 * .doc/.xls, password-protected files, zip bombs, oversized tables), and
 * gives each table's rows with merged cells spread over their span.
 *
 * - .docx: every top-level table, with the paragraphs above it;
 * - .xlsx: every worksheet;
 * - CSV/TSV text: UTF-8 (with or without a byte-order mark), UTF-16 with a
 *   mark, or GB18030; comma, tab or semicolon;
 * - JSON (or a zip holding one `.json` part): handed back parsed, for the
 *   OpenAEV reader.
 *
 * Pure functions over bytes: safe to run in a worker thread.
 */
import { MAX_IMPORT_BYTES } from '../../shared/api';
import { csvRowsOf } from '../../shared/runCsv';
import { MAX_IMPORT_COLUMNS, MAX_IMPORT_ROWS, type SourceTable } from '../../shared/scriptImport/build';
import { HEADER_SEARCH_ROWS } from '../../shared/scriptImport/header';
import { refusalOf } from '../../shared/scriptImport/issues';
import { parseJsonText } from '../../shared/scenarioFile';
import { docxTablesOf, xlsxTablesOf, zipJsonTextOf, type TableLimits } from './ooxml';
import { isZip, zipDirectoryOf, ZIP_LIMITS } from './zipEntries';

export type TableFile =
  | { format: 'docx' | 'xlsx' | 'csv'; tables: SourceTable[] }
  | { format: 'json'; json: unknown };

/** How much a table file may hold; the defaults are the script import's. */
export const TABLE_LIMITS: TableLimits = {
  maxRows: MAX_IMPORT_ROWS + HEADER_SEARCH_ROWS,
  maxColumns: MAX_IMPORT_COLUMNS,
  /** No part of a real script document inflates past this (a 5,000-row script is a few MB of XML). */
  maxBytesPerPart: 48 * 1024 * 1024,
  maxStrings: 200_000,
  /** A cell longer than this is refused while reading (the model's longest text is 20,000 characters). */
  maxCellChars: 100_000,
};

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** Whether a UTF-16LE stream name appears in an OLE file's bytes (its directory holds the names). */
function hasOleStream(bytes: Uint8Array, name: string): boolean {
  const needle = Buffer.from(name, 'utf16le');
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(needle) >= 0;
}

/**
 * The text of a text file: UTF-8 (a byte-order mark dropped), UTF-16 with a
 * mark (what Excel's "Unicode text" writes), else GB18030 (what Chinese
 * Excel writes for CSV). Null when it is none of them (binary).
 */
export function textOfBytes(bytes: Uint8Array): string | null {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes.includes(0)) return null;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    const text = new TextDecoder('gb18030').decode(bytes);
    return text.includes('\uFFFD') ? null : text;
  }
}

/**
 * The tables (or JSON) of a file. Throws an `ImportRefusal` naming the
 * reason when the file cannot be read: empty, larger than 20 MB, a legacy
 * or encrypted Office file, a damaged or oversized zip, too many rows or
 * columns, or text that is not UTF-8/GB18030.
 */
export async function tableFileOf(data: Uint8Array, limits: TableLimits = TABLE_LIMITS): Promise<TableFile> {
  if (data.length === 0) throw refusalOf('empty');
  if (data.length > MAX_IMPORT_BYTES) throw refusalOf('tooLarge', { size: (data.length / 1024 / 1024).toFixed(1), max: MAX_IMPORT_BYTES / 1024 / 1024 });
  if (OLE_MAGIC.every((byte, i) => data[i] === byte)) {
    if (hasOleStream(data, 'EncryptionInfo') || hasOleStream(data, 'EncryptedPackage')) throw refusalOf('encrypted');
    if (hasOleStream(data, 'Workbook') || hasOleStream(data, 'Book')) throw refusalOf('legacyXls');
    throw refusalOf('legacyDoc');
  }
  if (isZip(data)) {
    const entries = zipDirectoryOf(data, ZIP_LIMITS);
    const names = new Set(entries.map((e) => e.name.replace(/^\//, '')));
    if (names.has('word/document.xml')) return { format: 'docx', tables: await docxTablesOf(data, entries, limits) };
    if (names.has('xl/workbook.xml')) return { format: 'xlsx', tables: await xlsxTablesOf(data, entries, limits) };
    const json = await zipJsonTextOf(data, entries, MAX_IMPORT_BYTES);
    if (json !== null) return { format: 'json', json: jsonOf(json) };
    throw refusalOf('unknownFormat');
  }
  // RTF and old binary Word files saved with a .doc name.
  if (data[0] === 0x7b && data[1] === 0x5c && data[2] === 0x72 && data[3] === 0x74) throw refusalOf('legacyDoc');
  const text = textOfBytes(data);
  if (text === null) throw refusalOf('notUtf8');
  const start = text.trimStart()[0];
  if (start === '{') return { format: 'json', json: jsonOf(text) };
  const rows = csvRowsOf(text, { maxRows: limits.maxRows, maxColumns: limits.maxColumns });
  if (!rows.ok) {
    const problem = rows.problems[0];
    if (problem.limit === 'rows') throw refusalOf('tooManyRows', { max: MAX_IMPORT_ROWS });
    if (problem.limit === 'columns') throw refusalOf('tooManyColumns', { max: limits.maxColumns });
    if (problem.row > 0) throw refusalOf('unclosedQuote', {}, { row: problem.row });
    throw refusalOf('notUtf8');
  }
  return { format: 'csv', tables: [{ name: '', rows: rows.value, above: [] }] };
}

function jsonOf(text: string): unknown {
  const parsed = parseJsonText(text);
  if (!parsed.ok) throw refusalOf('badJson', { detail: parsed.problems[0] });
  return parsed.value;
}
