/** Reading files for the command line, with the import size limit checked before reading. */
import fs from 'node:fs';
import { MAX_IMPORT_BYTES } from '../../shared/api';
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

/** A file's text (UTF-8), with the same checks. */
export const readTextFile = (file: string): string => readFileBytes(file).toString('utf8');
