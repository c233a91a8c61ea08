/**
 * The data folder holds names and phone numbers: it is private to the user
 * who runs DrillDesk. Folders are created 0700 and files 0600 (on POSIX;
 * Windows ignores these modes, and its user profile already restricts
 * access), and an existing folder or file with wider modes is tightened.
 */
import fs from 'node:fs';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

const POSIX = process.platform !== 'win32';

/** Creates `dir` (and missing parents) readable by its owner only. */
export function makePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
}

/** Creates `file` empty, owner-only, failing if it exists (`EEXIST`): so the name is taken by this call and no other. */
export function createPrivateFile(file: string): void {
  fs.closeSync(fs.openSync(file, 'wx', PRIVATE_FILE_MODE));
}

/**
 * Narrows the mode of `target` (a folder to 0700, a file to 0600) when group
 * or others have any access. Returns a note saying what changed for the log,
 * or null when nothing did (already private, missing, Windows, or not ours to change).
 */
export function tightened(target: string): string | null {
  if (!POSIX) return null;
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch {
    return null;
  }
  const mode = stat.mode & 0o777;
  if ((mode & 0o077) === 0) return null;
  const wanted = stat.isDirectory() ? PRIVATE_DIR_MODE : PRIVATE_FILE_MODE;
  try {
    fs.chmodSync(target, wanted);
  } catch {
    return `DrillDesk: ${target} is readable by others (mode ${mode.toString(8)}) and could not be made private`;
  }
  return `DrillDesk: made ${target} private (mode ${mode.toString(8)} → ${wanted.toString(8)})`;
}
