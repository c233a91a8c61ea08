/**
 * Reading the parts of a zip file (.docx, .xlsx, an OpenAEV export) with
 * real limits: the central directory is checked first (part count, zip64,
 * encryption, declared sizes), and each part is inflated as a stream that
 * stops as soon as it has produced more bytes than allowed, whatever the
 * directory claimed. Readers may also stop a part early (enough rows read).
 *
 * Until the shared zip module (electron/core/zip.ts, on yauzl) lands, this
 * is the importer's own small reader over Node's zlib.
 */
import { createInflateRaw } from 'node:zlib';
import { refusalOf } from '../../shared/scriptImport/issues';

export type ZipEntry = { name: string; method: number; compressedSize: number; size: number; offset: number; encrypted: boolean };
export type ZipLimits = { maxEntries: number; maxTotalBytes: number };

export const ZIP_LIMITS: ZipLimits = { maxEntries: 5_000, maxTotalBytes: 200 * 1024 * 1024 };

/** Whether the bytes start like a zip file. */
export const isZip = (bytes: Uint8Array) => bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && (bytes[3] === 4 || bytes[3] === 6);

/** The parts of a zip, from its central directory; throws an `ImportRefusal` for a damaged, zip64 or oversized one. */
export function zipDirectoryOf(bytes: Uint8Array, limits: ZipLimits = ZIP_LIMITS): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw refusalOf('notZip', { detail: 'no zip directory' });
  const count = view.getUint16(end + 10, true);
  const directoryOffset = view.getUint32(end + 16, true);
  if (count === 0xffff || directoryOffset === 0xffffffff) throw refusalOf('zip64');
  if (count > limits.maxEntries) throw refusalOf('zipTooManyParts', { count });
  const entries: ZipEntry[] = [];
  let offset = directoryOffset;
  let total = 0;
  const decoder = new TextDecoder('utf-8');
  for (let k = 0; k < count; k++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== 0x02014b50) throw refusalOf('notZip', { detail: 'bad zip directory' });
    const flags = view.getUint16(offset + 8, true);
    const method = view.getUint16(offset + 10, true);
    const compressedSize = view.getUint32(offset + 20, true);
    const size = view.getUint32(offset + 24, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const local = view.getUint32(offset + 42, true);
    if (size === 0xffffffff || compressedSize === 0xffffffff || local === 0xffffffff) throw refusalOf('zip64');
    total += size;
    if (total > limits.maxTotalBytes) throw refusalOf('zipTooLarge', { max: limits.maxTotalBytes / 1024 / 1024 });
    const name = decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength));
    entries.push({ name, method, compressedSize, size, offset: local, encrypted: (flags & 1) === 1 });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Raised inside a consumer to stop reading a part early; not an error. */
export class StopReading extends Error {}

/**
 * Feeds the inflated bytes of one part to `consume`, chunk by chunk,
 * refusing the file as soon as more than `maxBytes` come out. `consume` may
 * throw `StopReading` to stop early.
 */
export async function readZipEntry(bytes: Uint8Array, entry: ZipEntry, maxBytes: number, consume: (chunk: Buffer) => void): Promise<void> {
  if (entry.encrypted) throw refusalOf('encrypted');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.offset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== 0x04034b50) throw refusalOf('notZip', { detail: `bad part header (${entry.name})` });
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const data = Buffer.from(bytes.buffer, bytes.byteOffset + start, Math.min(entry.compressedSize, Math.max(0, bytes.length - start)));
  if (entry.method === 0) {
    if (data.length > maxBytes) throw refusalOf('zipTooLarge', { max: Math.round(maxBytes / 1024 / 1024) });
    try {
      consume(data);
    } catch (error) {
      if (!(error instanceof StopReading)) throw error;
    }
    return;
  }
  if (entry.method !== 8) throw refusalOf('notZip', { detail: `compression method ${entry.method}` });
  await new Promise<void>((resolve, reject) => {
    const inflate = createInflateRaw({ chunkSize: 64 * 1024 });
    let produced = 0;
    let done = false;
    const finish = (error?: unknown) => {
      if (done) return;
      done = true;
      inflate.destroy();
      if (error === undefined || error instanceof StopReading) resolve();
      else reject(error);
    };
    inflate.on('data', (chunk: Buffer) => {
      if (done) return;
      produced += chunk.length;
      if (produced > maxBytes) return finish(refusalOf('zipTooLarge', { max: Math.round(maxBytes / 1024 / 1024) }));
      try {
        consume(chunk);
      } catch (error) {
        finish(error);
      }
    });
    inflate.on('error', () => finish(refusalOf('zipDamaged')));
    inflate.on('end', () => finish());
    inflate.end(data);
  });
}

/** The whole text of one part (UTF-8), at most `maxBytes` of it. */
export async function zipEntryTextOf(bytes: Uint8Array, entry: ZipEntry, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  await readZipEntry(bytes, entry, maxBytes, (chunk) => chunks.push(chunk));
  return Buffer.concat(chunks).toString('utf8');
}
