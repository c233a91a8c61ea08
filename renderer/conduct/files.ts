/**
 * Reading files the user picks: their bytes, base64-encoded for the
 * contract. Text files are sent as bytes too and decoded by the back end
 * (electron/core/textFile.ts), so the app, browser mode and the command line
 * read every encoding the same way.
 */
import { MAX_IMPORT_BYTES } from '../../shared/api';

/** The file's bytes as base64, in chunks so large files do not overflow the call stack. */
export async function readBase64(file: File): Promise<string> {
  return base64OfBytes(new Uint8Array(await file.arrayBuffer()));
}

/** Bytes as base64, in chunks (see `readBase64`). */
export function base64OfBytes(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Whether a file is too large to import (checked before reading it). */
export const tooLargeToImport = (file: File) => file.size > MAX_IMPORT_BYTES;
export const MAX_IMPORT_MB = MAX_IMPORT_BYTES / 1024 / 1024;

/** Saves a blob as a download named `fileName`. */
export function downloadBlob(fileName: string, blob: Blob) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Saves base64-encoded bytes (what the back end sends for a workbook) as a download. */
export function downloadBase64(fileName: string, base64: string, type: string) {
  downloadBlob(fileName, new Blob([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], { type }));
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const ZIP_TYPE = 'application/zip';
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
