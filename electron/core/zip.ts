/**
 * Reading zip packages (.xlsx today, .docx next) without trusting what they
 * say about themselves. A zip's directory declares each part's size, and a
 * forged file can lie: a few hundred kilobytes that declare a 2 KB sheet and
 * inflate to gigabytes (a zip bomb). So every part is inflated as a stream,
 * before any parser (exceljs, mammoth) sees the file, and its real bytes are
 * counted against what it declared and against the limits; nothing is kept
 * that is not asked for, so memory stays at one inflate buffer per part.
 *
 * The API, for every importer of an Office file:
 *
 * - `checkZip(bytes, { limits?, onInflated? }?) → Promise<ZipProblem | null>`:
 *   null when the package may be handed to a parser, else why not. Inflates
 *   every part, keeps nothing. `onInflated(bytes)` hears the running total
 *   of inflated bytes (for progress, and for tests to see where it stopped).
 * - `readZipEntries(bytes, { limits?, wanted?, onInflated? }) → Promise<Map<name, Buffer>>`:
 *   the same checks over every part, keeping the inflated bytes of the parts
 *   `wanted` names (a list of names or a test; every part when absent).
 *   Throws a `ZipRefusal` carrying the `ZipProblem` instead of returning it.
 * - `zipProblemTextOf(problem, kind, language)`: the problem in words, from
 *   the catalogue (`files.zip.*`), e.g. for kind `'xlsx'` in Chinese
 *   "这不是.xlsx 工作簿文件（找不到压缩目录）。".
 *
 * Refused, each with its `code`: not a zip; damaged (bad directory, bad
 * deflate data, fewer bytes than declared); zip64 (an Office file under
 * 4 GB never needs it, and its size fields are the ones a forgery plays
 * with); an encrypted part; a compression method other than stored or
 * deflate; a part name that is absolute, climbs with `..` or uses `\`; two
 * parts with one name (a parser could read the other one); more parts than
 * `maxEntries`; declared sizes beyond `maxEntryBytes` for one part or
 * `maxTotalBytes` in all (refused from the directory, before inflating); and
 * a part that inflates to more than it declared (`size-mismatch`: stopped at
 * the first byte too many, with yauzl's `validateEntrySizes` as a second guard).
 */
import yauzl from 'yauzl';
import { messageOf, type Language } from '../../shared/i18n';

const MB = 1024 * 1024;

export type ZipLimits = {
  /** The most parts a package may have. */
  maxEntries: number;
  /** The most bytes all parts together may inflate to. */
  maxTotalBytes: number;
  /** The most bytes one part may inflate to. */
  maxEntryBytes: number;
};

/** 5,000 parts, 200 MB inflated in all and for any one part. */
export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 5_000, maxTotalBytes: 200 * MB, maxEntryBytes: 200 * MB };

export type ZipProblem =
  | { code: 'not-a-zip' }
  | { code: 'damaged' }
  | { code: 'zip64' }
  | { code: 'encrypted'; entry: string }
  | { code: 'unsupported-compression'; entry: string; method: number }
  | { code: 'bad-entry-name'; entry: string }
  | { code: 'duplicate-entry'; entry: string }
  | { code: 'too-many-entries'; count: number; limit: number }
  | { code: 'entry-too-large'; entry: string; limitBytes: number }
  | { code: 'too-large'; limitBytes: number }
  | { code: 'size-mismatch'; entry: string; declared: number };

/** Thrown by `readZipEntries` when a package is refused. */
export class ZipRefusal extends Error {
  constructor(readonly problem: ZipProblem) {
    super(`zip refused: ${problem.code}`);
    this.name = 'ZipRefusal';
  }
}

const ZIP64_EXTRA_FIELD = 0x0001;
const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;

/** True when the end of the file carries a zip64 end-of-directory locator. */
function hasZip64Directory(buffer: Buffer): boolean {
  for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 22 - 0xffff); i--) {
    if (buffer.readUInt32LE(i) !== EOCD_SIGNATURE) continue;
    return i >= 20 && buffer.readUInt32LE(i - 20) === ZIP64_LOCATOR_SIGNATURE;
  }
  return false;
}

/** What a yauzl or zlib error means for the user. */
function problemOfError(error: unknown, entry: string | null): ZipProblem {
  const message = error instanceof Error ? error.message : String(error);
  if (/end of central directory record signature not found/i.test(message)) return { code: 'not-a-zip' };
  if (/zip64/i.test(message)) return { code: 'zip64' };
  const badName = /^(?:invalid relative path|absolute path|invalid characters in fileName): (.*)$/.exec(message);
  if (badName) return { code: 'bad-entry-name', entry: badName[1].slice(0, 200) };
  if (/encrypt/i.test(message)) return { code: 'encrypted', entry: entry ?? '' };
  return { code: 'damaged' };
}

type Wanted = readonly string[] | ((name: string) => boolean);

export type ZipReadOptions = {
  limits?: ZipLimits;
  /** Called with the running total of bytes inflated so far, after every chunk. */
  onInflated?: (bytes: number) => void;
};

/** The walk both API functions share: the directory first (nothing inflated), then every part inflated and counted. */
async function walkZip(bytes: Uint8Array, options: ZipReadOptions, keep: (name: string) => boolean): Promise<Map<string, Buffer>> {
  const limits = options.limits ?? DEFAULT_ZIP_LIMITS;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (hasZip64Directory(buffer)) throw new ZipRefusal({ code: 'zip64' });
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: true, decodeStrings: true });
  } catch (error) {
    throw new ZipRefusal(problemOfError(error, null));
  }
  try {
    if (zip.entryCount > limits.maxEntries) throw new ZipRefusal({ code: 'too-many-entries', count: zip.entryCount, limit: limits.maxEntries });

    // The directory: every declared size added up before a single byte is inflated.
    const entries: yauzl.Entry[] = [];
    const names = new Set<string>();
    let declared = 0;
    try {
      for await (const entry of zip.eachEntry()) {
        const name = entry.fileName;
        if (entry.extraFields.some((field) => field.id === ZIP64_EXTRA_FIELD)) throw new ZipRefusal({ code: 'zip64' });
        if (entry.isEncrypted()) throw new ZipRefusal({ code: 'encrypted', entry: name });
        if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) throw new ZipRefusal({ code: 'unsupported-compression', entry: name, method: entry.compressionMethod });
        if (names.has(name)) throw new ZipRefusal({ code: 'duplicate-entry', entry: name });
        names.add(name);
        if (entry.uncompressedSize > limits.maxEntryBytes) throw new ZipRefusal({ code: 'entry-too-large', entry: name, limitBytes: limits.maxEntryBytes });
        declared += entry.uncompressedSize;
        if (declared > limits.maxTotalBytes) throw new ZipRefusal({ code: 'too-large', limitBytes: limits.maxTotalBytes });
        entries.push(entry);
      }
    } catch (error) {
      throw error instanceof ZipRefusal ? error : new ZipRefusal(problemOfError(error, null));
    }

    // The parts: each inflated as a stream and stopped at the first byte beyond what it declared.
    const kept = new Map<string, Buffer>();
    let total = 0;
    for (const entry of entries) {
      if (entry.fileName.endsWith('/')) continue; // a folder
      const chunks: Buffer[] = [];
      let inflated = 0;
      try {
        const stream = await zip.openReadStreamPromise(entry);
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          inflated += chunk.length;
          total += chunk.length;
          options.onInflated?.(total);
          if (inflated > entry.uncompressedSize) throw new ZipRefusal({ code: 'size-mismatch', entry: entry.fileName, declared: entry.uncompressedSize });
          if (keep(entry.fileName)) chunks.push(chunk);
        }
      } catch (error) {
        if (error instanceof ZipRefusal) throw error;
        if (/too many bytes in the stream/.test((error as Error).message ?? ''))
          throw new ZipRefusal({ code: 'size-mismatch', entry: entry.fileName, declared: entry.uncompressedSize });
        throw new ZipRefusal(problemOfError(error, entry.fileName));
      }
      if (inflated !== entry.uncompressedSize) throw new ZipRefusal({ code: 'damaged' });
      if (keep(entry.fileName)) kept.set(entry.fileName, Buffer.concat(chunks, inflated));
    }
    return kept;
  } finally {
    zip.close();
  }
}

/** Null when the package passes every check (see the module comment), else the first problem found. Inflates everything, keeps nothing. */
export async function checkZip(bytes: Uint8Array, options: ZipReadOptions = {}): Promise<ZipProblem | null> {
  try {
    await walkZip(bytes, options, () => false);
    return null;
  } catch (error) {
    if (error instanceof ZipRefusal) return error.problem;
    throw error;
  }
}

/**
 * The inflated bytes of the parts `wanted` names (every part when absent),
 * after the same checks as `checkZip` over every part; throws a `ZipRefusal`
 * when the package is refused. E.g. `readZipEntries(docx, { wanted: ['word/document.xml'] })`.
 */
export async function readZipEntries(bytes: Uint8Array, options: ZipReadOptions & { wanted?: Wanted } = {}): Promise<Map<string, Buffer>> {
  const wanted = options.wanted;
  const keep = wanted === undefined ? () => true : typeof wanted === 'function' ? wanted : (name: string) => wanted.includes(name);
  return walkZip(bytes, options, keep);
}

const CATALOGUE_KEYS: Record<ZipProblem['code'], string> = {
  'not-a-zip': 'notAZip',
  damaged: 'damaged',
  zip64: 'zip64',
  encrypted: 'encrypted',
  'unsupported-compression': 'unsupportedCompression',
  'bad-entry-name': 'badEntryName',
  'duplicate-entry': 'duplicateEntry',
  'too-many-entries': 'tooManyEntries',
  'entry-too-large': 'entryTooLarge',
  'too-large': 'tooLarge',
  'size-mismatch': 'sizeMismatch',
};

/** The problem in the user's language, naming the kind of file (`files.kind.xlsx` or `files.kind.docx`). */
export function zipProblemTextOf(problem: ZipProblem, kind: 'xlsx' | 'docx', language: Language): string {
  const params: Record<string, string | number> = { kind: messageOf(language, `files.kind.${kind}`) };
  for (const [key, value] of Object.entries(problem)) if (key !== 'code') params[key] = value as string | number;
  if ('limitBytes' in problem) params.limitMb = Math.round(problem.limitBytes / MB);
  return messageOf(language, `files.zip.${CATALOGUE_KEYS[problem.code]}`, params);
}

/** Whether a problem is about size (the `too-large` error code) rather than a bad file. */
export const isZipSizeProblem = (problem: ZipProblem) => problem.code === 'too-large' || problem.code === 'entry-too-large' || problem.code === 'too-many-entries';
