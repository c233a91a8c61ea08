/**
 * The worker's entry point outside the packaged app: `backendWorker.ts` and
 * everything it imports bundled by esbuild into one CommonJS file, as
 * `scripts/build-electron.mjs` bundles it for the desktop app, so both modes
 * run the same code in the same kind of worker. The bundle is kept under
 * `node_modules/.cache` (where `require('better-sqlite3')` resolves) and
 * rebuilt when one of its source files is newer than it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';

/** The worker bundle's entry and the packages left to `require` (the desktop build uses the same). */
export const WORKER_BUNDLE = { entry: 'electron/core/backendWorker.ts', external: ['better-sqlite3', 'electron'] } as const;

/** True when the bundle exists and none of the files it was built from changed since. */
function isFresh(bundle: string, inputsFile: string): boolean {
  try {
    const builtAt = fs.statSync(bundle).mtimeMs;
    const inputs = JSON.parse(fs.readFileSync(inputsFile, 'utf8')) as string[];
    return inputs.every((file) => fs.statSync(file).mtimeMs <= builtAt);
  } catch {
    return false;
  }
}

/** Builds the worker bundle for this checkout when it is missing or stale, and returns its path. */
export function nodeWorkerScriptOf(projectRoot: string): string {
  const dir = path.join(projectRoot, 'node_modules/.cache/drilldesk');
  const bundle = path.join(dir, 'backendWorker.cjs');
  const inputsFile = path.join(dir, 'backendWorker.inputs.json');
  if (isFresh(bundle, inputsFile)) return bundle;
  fs.mkdirSync(dir, { recursive: true });
  // Written aside and renamed, so a process starting meanwhile never loads half a file.
  const temp = path.join(dir, `backendWorker-${process.pid}-${Date.now()}.cjs`);
  const result = buildSync({
    entryPoints: [path.join(projectRoot, WORKER_BUNDLE.entry)],
    outfile: temp,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: [...WORKER_BUNDLE.external],
    metafile: true,
    logLevel: 'error',
  });
  const inputs = Object.keys(result.metafile.inputs).map((file) => path.resolve(process.cwd(), file));
  fs.writeFileSync(`${inputsFile}.${process.pid}`, JSON.stringify(inputs));
  fs.renameSync(temp, bundle);
  fs.renameSync(`${inputsFile}.${process.pid}`, inputsFile);
  return bundle;
}
