/**
 * Photos attached to a run's records: what an image is, checked by its
 * content (never by its name), and the limits a run's photos keep to.
 *
 * A PNG must have its signature and an IHDR chunk whose CRC matches; a JPEG
 * must start with SOI and reach a start-of-frame segment by walking its
 * marker segments; either must end as a whole file does (IEND, EOI), so
 * a cut-off upload is refused. The dimensions come from those headers, e.g. a 640×480
 * JPEG → `{ mime: 'image/jpeg', width: 640, height: 480 }`.
 */

/** Largest image accepted, in bytes (10 MB). */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
/** Most bytes of photos one run may hold in all (200 MB). */
export const MAX_RUN_IMAGE_BYTES = 200 * 1024 * 1024;
/** Most bytes of photos sent with one record (20 MB: within what one call over HTTP may carry). */
export const MAX_RECORD_IMAGE_BYTES = 20 * 1024 * 1024;
/** Most photos on one record (an observation, a debrief note, an evaluation entry). */
export const MAX_IMAGES_PER_RECORD = 10;
/**
 * Largest photo a seat (联网导调) may send, in bytes (2 MB). A seat's page
 * down-scales a camera photo to `SEAT_PHOTO_SIDE` before sending (a 12-megapixel
 * phone photo of 3–6 MB becomes a JPEG of a few hundred KB), so this leaves room;
 * the seats' server reads no bigger body for a photo.
 */
export const MAX_SEAT_PHOTO_BYTES = 2 * 1024 * 1024;
/** Longest side, in pixels, a seat's page down-scales a camera photo to (prints sharp at the report's 120×80 mm). */
export const SEAT_PHOTO_SIDE = 1600;
/** Largest side of an image, in pixels (a bigger one would not print and is likely a decompression bomb). */
export const MAX_IMAGE_SIDE = 20_000;

export type ImageMime = 'image/jpeg' | 'image/png';
export type ImageInfo = { mime: ImageMime; width: number; height: number };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

let crcTable: Uint32Array | null = null;
function crc32Of(bytes: Uint8Array, start: number, end: number): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = start; i < end; i++) crc = crcTable[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const u32 = (b: Uint8Array, i: number) => ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0;
const u16 = (b: Uint8Array, i: number) => (b[i]! << 8) | b[i + 1]!;

function pngInfoOf(b: Uint8Array): ImageInfo | null {
  if (b.length < 33 || PNG_SIGNATURE.some((byte, i) => b[i] !== byte)) return null;
  // The first chunk is IHDR: length 13, type, width, height, depth, colour type, …, CRC over type and data.
  if (u32(b, 8) !== 13 || String.fromCharCode(b[12]!, b[13]!, b[14]!, b[15]!) !== 'IHDR') return null;
  if (crc32Of(b, 12, 29) !== u32(b, 29)) return null;
  const width = u32(b, 16);
  const height = u32(b, 20);
  const depth = b[24]!;
  const colour = b[25]!;
  if (![1, 2, 4, 8, 16].includes(depth) || ![0, 2, 3, 4, 6].includes(colour)) return null;
  // A whole file ends with its IEND chunk: a cut-off upload is refused, not stored half.
  const end = b.length - 12;
  if (u32(b, end) !== 0 || String.fromCharCode(b[end + 4]!, b[end + 5]!, b[end + 6]!, b[end + 7]!) !== 'IEND') return null;
  return { mime: 'image/png', width, height };
}

/** Start-of-frame markers (baseline, progressive, lossless…), not DHT (C4), JPG (C8) or DAC (CC). */
const isStartOfFrame = (marker: number) => marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

/** True when a JPEG's bytes end with its EOI marker (zero padding after it allowed), i.e. it was not cut off. */
function endsWithEoi(b: Uint8Array): boolean {
  let end = b.length;
  while (end > 2 && b[end - 1] === 0) end--;
  return b[end - 2] === 0xff && b[end - 1] === 0xd9;
}

function jpegInfoOf(b: Uint8Array): ImageInfo | null {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8 || !endsWithEoi(b)) return null;
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i += 1; // fill byte
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return null; // end of image or scan data before any frame header
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    const length = u16(b, i + 2);
    if (length < 2 || i + 2 + length > b.length) return null;
    if (isStartOfFrame(marker)) {
      if (length < 8) return null;
      const height = u16(b, i + 5);
      const width = u16(b, i + 7);
      const components = b[i + 9]!;
      if (components < 1 || components > 4 || length !== 8 + 3 * components) return null;
      return { mime: 'image/jpeg', width, height };
    }
    i += 2 + length;
  }
  return null;
}

/** What the bytes are, read from their content: a JPEG or PNG with its size, or null for anything else (or a damaged header). */
export function imageInfoOf(bytes: Uint8Array): ImageInfo | null {
  const info = pngInfoOf(bytes) ?? jpegInfoOf(bytes);
  if (!info || info.width < 1 || info.height < 1) return null;
  return info;
}

/** The problem with an image as a refusal names it, or null when it may be attached. */
export function imageProblemOf(bytes: Uint8Array): { key: 'notImage' } | { key: 'tooLarge'; mb: number } | { key: 'tooManyPixels'; max: number } | null {
  if (bytes.length > MAX_IMAGE_BYTES) return { key: 'tooLarge', mb: MAX_IMAGE_BYTES / 1024 / 1024 };
  const info = imageInfoOf(bytes);
  if (!info) return { key: 'notImage' };
  if (info.width > MAX_IMAGE_SIDE || info.height > MAX_IMAGE_SIDE) return { key: 'tooManyPixels', max: MAX_IMAGE_SIDE };
  return null;
}

/** Largest box a photo is printed in, in mm (the report's 附件, on paper and in Word). */
export const PHOTO_MAX_MM = { width: 120, height: 80 } as const;

/** A photo's printed size in mm: its own proportions, within `PHOTO_MAX_MM`. Example: 320×240 px → 106.7×80 mm. */
export function photoBoxOf(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(PHOTO_MAX_MM.width / width, PHOTO_MAX_MM.height / height);
  return { width: Math.round(width * scale * 10) / 10, height: Math.round(height * scale * 10) / 10 };
}
