/**
 * The one zip reader (.docx, .xlsx, an OpenAEV export zip), which does not
 * trust what a package says about itself. A zip's directory declares each
 * part's size, and a forged file can lie: a few hundred kilobytes that
 * declare a 2 KB sheet and inflate to gigabytes (a zip bomb). So the whole
 * directory is checked before anything is inflated, and every part is
 * inflated as a stream whose real bytes are counted against what it declared
 * and against the limits; nothing is kept that is not asked for, so memory
 * stays at one inflate buffer per part.
 *
 * The API:
 *
 * - `withZip(bytes, { limits?, onInflated? }, work)`: the directory checked,
 *   then `work(zip)` reads the parts it needs: `zip.names`,
 *   `zip.readPart(name, consume, { maxBytes? })` (chunk by chunk, for a
 *   streaming parser that refuses a file as soon as it has seen too much)
 *   and `zip.bytesOf(name)`. What the table import uses (tableFiles.ts).
 * - `checkZip(bytes, { limits?, onInflated? }?) → Promise<ZipProblem | null>`:
 *   null when the whole package may be handed to a parser, else why not.
 *   Inflates every part, keeps nothing. `onInflated(bytes)` hears the
 *   running total of inflated bytes (for progress, and for tests to see
 *   where it stopped).
 * - `readZipEntries(bytes, { limits?, wanted?, onInflated? }) → Promise<Map<name, Buffer>>`:
 *   the same checks over every part, keeping the inflated bytes of the parts
 *   `wanted` names (a list of names or a test; every part when absent).
 *
 * Refusals are `ZipRefusal`s carrying a `ZipProblem` (`withZip` and
 * `readZipEntries` throw it, `checkZip` returns it); the caller words it
 * (tableFiles.ts turns it into a `scriptImport.issue.*` message). Refused,
 * each with its `code`: not a zip; damaged (bad directory, bad deflate data,
 * fewer bytes than declared); zip64 (an Office file under 4 GB never needs
 * it, and its size fields are the ones a forgery plays with); an encrypted
 * part; a compression method other than stored or deflate; a part name that
 * is absolute, climbs with `..` or uses `\`; two parts with one name (a
 * parser could read the other one); more parts than `maxEntries`; declared
 * sizes beyond `maxTotalBytes` in all or `maxEntryBytes` for one part
 * (refused from the directory, before inflating); a part that inflates to
 * more than it declared (`size-mismatch`: stopped at the first chunk too
 * many, with yauzl's `validateEntrySizes` as a second guard); and a part
 * read past the `maxBytes` its reader allows (`entry-too-large`).
 */
import yauzl from 'yauzl';

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

/** A package whose directory passed every check (see the module comment), its parts read on demand. */
export type ZipPackage = {
  /** The names of its parts, in directory order, folders left out. */
  readonly names: readonly string[];
  /**
   * Feeds the inflated bytes of part `name` to `consume`, chunk by chunk,
   * refusing (`size-mismatch`) at the first byte beyond what the part
   * declared, or (`entry-too-large`) beyond `maxBytes` when given. An error
   * `consume` throws stops the reading and comes out unchanged (a reader
   * stops this way when it has seen enough to refuse the file).
   */
  readPart(name: string, consume: (chunk: Buffer) => void, options?: { maxBytes?: number }): Promise<void>;
  /** The whole inflated bytes of part `name`, with the same checks. */
  bytesOf(name: string, options?: { maxBytes?: number }): Promise<Buffer>;
};

/** Marks an error thrown by a part's consumer, so it is passed on rather than read as damage. */
class ConsumerError {
  constructor(readonly error: unknown) {}
}

/**
 * Opens a package, checks its whole directory without inflating anything,
 * and gives it to `work`; closes it again whatever happens. Throws a
 * `ZipRefusal` when the package is refused. E.g.
 * `withZip(docx, {}, (zip) => zip.bytesOf('word/document.xml'))`.
 */
export async function withZip<T>(bytes: Uint8Array, options: ZipReadOptions, work: (zip: ZipPackage) => Promise<T>): Promise<T> {
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
    const entries = new Map<string, yauzl.Entry>();
    let declared = 0;
    try {
      for await (const entry of zip.eachEntry()) {
        const name = entry.fileName;
        if (entry.extraFields.some((field) => field.id === ZIP64_EXTRA_FIELD)) throw new ZipRefusal({ code: 'zip64' });
        if (entry.isEncrypted()) throw new ZipRefusal({ code: 'encrypted', entry: name });
        if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) throw new ZipRefusal({ code: 'unsupported-compression', entry: name, method: entry.compressionMethod });
        if (entries.has(name)) throw new ZipRefusal({ code: 'duplicate-entry', entry: name });
        declared += entry.uncompressedSize;
        if (declared > limits.maxTotalBytes) throw new ZipRefusal({ code: 'too-large', limitBytes: limits.maxTotalBytes });
        if (entry.uncompressedSize > limits.maxEntryBytes) throw new ZipRefusal({ code: 'entry-too-large', entry: name, limitBytes: limits.maxEntryBytes });
        entries.set(name, entry);
      }
    } catch (error) {
      throw error instanceof ZipRefusal ? error : new ZipRefusal(problemOfError(error, null));
    }

    // The parts: each inflated as a stream and stopped at the first byte beyond what it declared.
    let total = 0;
    const readPart: ZipPackage['readPart'] = async (name, consume, partOptions = {}) => {
      const entry = entries.get(name);
      if (!entry || name.endsWith('/')) throw new Error(`no part named "${name}"`);
      const maxBytes = partOptions.maxBytes;
      let inflated = 0;
      try {
        const stream = await zip.openReadStreamPromise(entry);
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          inflated += chunk.length;
          total += chunk.length;
          options.onInflated?.(total);
          if (inflated > entry.uncompressedSize) throw new ZipRefusal({ code: 'size-mismatch', entry: name, declared: entry.uncompressedSize });
          if (maxBytes !== undefined && inflated > maxBytes) throw new ZipRefusal({ code: 'entry-too-large', entry: name, limitBytes: maxBytes });
          try {
            consume(chunk);
          } catch (error) {
            throw new ConsumerError(error);
          }
        }
      } catch (error) {
        if (error instanceof ConsumerError) throw error.error;
        if (error instanceof ZipRefusal) throw error;
        if (/too many bytes in the stream/.test((error as Error).message ?? '')) throw new ZipRefusal({ code: 'size-mismatch', entry: name, declared: entry.uncompressedSize });
        throw new ZipRefusal(problemOfError(error, name));
      }
      if (inflated !== entry.uncompressedSize) throw new ZipRefusal({ code: 'damaged' });
    };
    const bytesOf: ZipPackage['bytesOf'] = async (name, partOptions) => {
      const chunks: Buffer[] = [];
      await readPart(name, (chunk) => chunks.push(chunk), partOptions);
      return Buffer.concat(chunks);
    };
    const names = [...entries.keys()].filter((name) => !name.endsWith('/'));
    return await work({ names, readPart, bytesOf });
  } finally {
    zip.close();
  }
}

/** Every part inflated and counted, the ones `keep` names kept. */
const walkZip = (bytes: Uint8Array, options: ZipReadOptions, keep: (name: string) => boolean): Promise<Map<string, Buffer>> =>
  withZip(bytes, options, async (zip) => {
    const kept = new Map<string, Buffer>();
    for (const name of zip.names) {
      if (keep(name)) kept.set(name, await zip.bytesOf(name));
      else await zip.readPart(name, () => {});
    }
    return kept;
  });

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
