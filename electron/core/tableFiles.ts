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
 *   mark, or GB18030, decoded by the one text decoder (textFile.ts); comma,
 *   tab or semicolon;
 * - JSON (or a zip holding one `.json` part): handed back parsed, for the
 *   OpenAEV reader.
 *
 * Zip packages go through the one zip reader (zip.ts): the directory is
 * checked first (part count, zip64, encryption, names, declared sizes),
 * then each part the reader needs is inflated as a stream that stops at the
 * first byte beyond what the part declared (a zip bomb) or beyond 48 MB.
 *
 * Pure functions over bytes: safe to run in a worker thread.
 */
import { MAX_IMPORT_BYTES } from '../../shared/api';
import { messageTextOf } from '../../shared/i18n';
import { csvRowsOf } from '../../shared/runCsv';
import { MAX_IMPORT_COLUMNS, MAX_IMPORT_ROWS, type SourceTable } from '../../shared/scriptImport/build';
import { HEADER_SEARCH_ROWS } from '../../shared/scriptImport/header';
import { ImportRefusal, refusalOf } from '../../shared/scriptImport/issues';
import { parseJsonText } from '../../shared/scenarioFile';
import { docxTablesOf, xlsxTablesOf, type TableLimits } from './ooxml';
import { decodedTextOf, type TextProblem } from './textFile';
import { withZip, ZipRefusal, type ZipProblem } from './zip';

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

/** Whether the bytes start like a zip file. */
const isZip = (bytes: Uint8Array) => bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && (bytes[3] === 4 || bytes[3] === 6);

const MB = 1024 * 1024;

/** A zip package refused by the zip reader, as the import words it (`scriptImport.issue.*`). */
function zipRefusalOf(problem: ZipProblem): ImportRefusal {
  switch (problem.code) {
    case 'not-a-zip':
      return refusalOf('notZip', { detail: 'no zip directory' });
    case 'damaged':
      return refusalOf('zipDamaged');
    case 'zip64':
      return refusalOf('zip64');
    case 'encrypted':
      return refusalOf('encrypted');
    case 'unsupported-compression':
      return refusalOf('zipCompression', { entry: problem.entry, method: problem.method });
    case 'bad-entry-name':
      return refusalOf('zipBadName', { entry: problem.entry });
    case 'duplicate-entry':
      return refusalOf('zipDuplicate', { entry: problem.entry });
    case 'too-many-entries':
      return refusalOf('zipTooManyParts', { count: problem.count, max: problem.limit });
    case 'entry-too-large':
      return refusalOf('zipPartTooLarge', { entry: problem.entry, max: Math.round(problem.limitBytes / MB) });
    case 'too-large':
      return refusalOf('zipTooLarge', { max: Math.round(problem.limitBytes / MB) });
    case 'size-mismatch':
      return refusalOf('zipBomb', { entry: problem.entry, declared: problem.declared });
  }
}

/** A text that cannot be decoded, as the import words it. */
function textRefusalOf(problem: TextProblem): ImportRefusal {
  if (problem.code === 'bad-bom') return refusalOf('badBom', { encoding: problem.encoding === 'utf-8' ? 'UTF-8' : 'UTF-16' });
  if (problem.code === 'replacement-characters') return refusalOf('replacementCharacters', { count: problem.count, line: problem.line });
  return refusalOf('notUtf8');
}

/** The text of a text file, decoded by the one decoder (textFile.ts). */
function textOf(bytes: Uint8Array): string {
  const decoded = decodedTextOf(bytes);
  if (!decoded.ok) throw textRefusalOf(decoded.problem);
  return decoded.text;
}

/** The tables of a Word or Excel file, or the JSON of an OpenAEV export zip, read through the zip reader. */
function zipTableFileOf(data: Uint8Array, limits: TableLimits): Promise<TableFile> {
  return withZip(data, {}, async (zip) => {
    const names = new Set(zip.names);
    if (names.has('word/document.xml')) return { format: 'docx', tables: await docxTablesOf(zip, limits) };
    if (names.has('xl/workbook.xml')) return { format: 'xlsx', tables: await xlsxTablesOf(zip, limits) };
    const json = zip.names.filter((name) => name.toLowerCase().endsWith('.json'));
    if (json.length > 0) return { format: 'json', json: jsonOf(textOf(await zip.bytesOf(json[0], { maxBytes: MAX_IMPORT_BYTES }))) };
    throw refusalOf('unknownFormat');
  });
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
    try {
      return await zipTableFileOf(data, limits);
    } catch (error) {
      throw error instanceof ZipRefusal ? zipRefusalOf(error.problem) : error;
    }
  }
  // RTF and old binary Word files saved with a .doc name.
  if (data[0] === 0x7b && data[1] === 0x5c && data[2] === 0x72 && data[3] === 0x74) throw refusalOf('legacyDoc');
  const text = textOf(data);
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
  if (!parsed.ok) throw refusalOf('badJson', { detail: parsed.problems.map((p) => messageTextOf('en', p)).join(': ') });
  return parsed.value;
}
