/**
 * Reading files for the command line: the import size limit checked
 * from `stat` before reading, and the text decoded by the back end's one
 * decoder (core/textFile.ts), so a file the app reads is read here the same
 * way (a UTF-8 byte-order mark, GB18030) and a file it refuses is refused
 * with the same reason.
 */
import fs from 'node:fs';
import { ApiError, MAX_IMPORT_BYTES } from '../../shared/api';
import { textOfBytes } from '../core/textFile';
import { CliError } from './args';

/** A file's bytes, its size checked against the import limit from `stat` before reading. */
export function readFileBytes(file: string): Buffer {
  let size: number;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) throw new CliError(`${file}: not a file`, 1);
    size = stat.size;
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`${file}: cannot read: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`, 1);
  }
  if (size > MAX_IMPORT_BYTES) throw new CliError(`${file}: larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`, 1);
  return fs.readFileSync(file);
}

/** The text of a scenario file, decoded as the app decodes it. */
export function readTextFile(file: string): string {
  try {
    return textOfBytes(readFileBytes(file), 'scenario');
  } catch (error) {
    if (error instanceof ApiError) throw CliError.of(error.body, file);
    throw error;
  }
}
