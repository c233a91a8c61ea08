/**
 * A camera photo made fit to send from a seat (联网导调): a phone's photo of
 * 3–6 MB and 4000 px is down-scaled on the device to `SEAT_PHOTO_SIDE` on its
 * long side and re-encoded as a JPEG (a few hundred KB), before it is queued
 * or sent, so it crosses a crowded drill-site Wi-Fi quickly, fits the seats'
 * server's photo limit (`MAX_SEAT_PHOTO_BYTES`) and leaves its EXIF data
 * (GPS position included) on the phone. A photo already within both limits
 * is sent as it is. The back end checks the result by its content again.
 */
import { imageInfoOf, MAX_SEAT_PHOTO_BYTES, SEAT_PHOTO_SIDE } from '../../shared/images';
import type { AttachmentInput } from '../../shared/model';
import { base64OfBytes } from '../conduct/files';

/** JPEG quality of a down-scaled photo: small, and still clear on the printed report. */
const JPEG_QUALITY = 0.85;

const bytesOf = (base64: string) => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));

/** The size a photo is drawn at: its own proportions, its long side at most `SEAT_PHOTO_SIDE`. Example: 4032×3024 → 1600×1200. */
export function seatPhotoSizeOf(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(1, SEAT_PHOTO_SIDE / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** The photo as a seat sends it: as it is when small enough, otherwise down-scaled to a JPEG (see above). */
export async function seatPhotoOf(photo: AttachmentInput): Promise<AttachmentInput> {
  const bytes = bytesOf(photo.dataBase64);
  const info = imageInfoOf(bytes);
  if (!info) return photo; // refused by the back end, with its reason
  if (bytes.length <= MAX_SEAT_PHOTO_BYTES && Math.max(info.width, info.height) <= SEAT_PHOTO_SIDE) return photo;
  try {
    // Drawn upright: the browser applies the camera's EXIF orientation when decoding.
    const bitmap = await createImageBitmap(new Blob([bytes], { type: info.mime }));
    const size = seatPhotoSizeOf(bitmap.width, bitmap.height);
    const canvas = document.createElement('canvas');
    canvas.width = size.width;
    canvas.height = size.height;
    const context = canvas.getContext('2d');
    if (!context) return photo;
    // A PNG with transparency goes on white (a JPEG has no alpha).
    context.fillStyle = '#fff';
    context.fillRect(0, 0, size.width, size.height);
    context.drawImage(bitmap, 0, 0, size.width, size.height);
    bitmap.close();
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', JPEG_QUALITY));
    if (!blob) return photo;
    return { ...photo, dataBase64: base64OfBytes(new Uint8Array(await blob.arrayBuffer())) };
  } catch {
    return photo; // a format this browser cannot decode: sent as it is, and judged by the back end
  }
}
