/**
 * Node entry points bundled by esbuild into one CommonJS file each, for the
 * processes that run this checkout's code outside the packaged app: the back
 * end's worker (browser mode and the command line start it, bundled as
 * `scripts/build-electron.mjs` bundles it for the desktop app, so both modes
 * run the same code in the same kind of worker), and for the tests the command
 * line and browser mode themselves (a bundle starts in about 0.3 s, the same
 * entry through tsx in about 2 s). Bundles are kept under
 * `node_modules/.cache/drilldesk` (where `require('better-sqlite3')` resolves)
 * and rebuilt when one of their source files is newer.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';

/** A bundle: its file name (`<name>.cjs`), its entry (relative to the checkout) and the packages left to `require`. */
export type NodeBundle = { name: string; entry: string; external: readonly string[] };

/** The worker bundle (the desktop build uses the same entry and externals). */
export const WORKER_BUNDLE: NodeBundle = { name: 'backendWorker', entry: 'electron/core/backendWorker.ts', external: ['better-sqlite3', 'electron'] };

/**
 * What the command line and browser mode leave to `require`: vite (building the renderer) and playwright-core
 * (printing PDFs) are imported only when needed and stay packages; esbuild too, since they bundle the worker when they
 * open a data folder.
 */
const PROCESS_EXTERNAL = ['better-sqlite3', 'electron', 'esbuild', 'vite', 'playwright-core'] as const;

/** The command line (`npm run drill`). */
export const CLI_BUNDLE: NodeBundle = { name: 'cli', entry: 'electron/cli/main.ts', external: PROCESS_EXTERNAL };

/** Browser mode (`npm run web`). */
export const WEB_BUNDLE: NodeBundle = { name: 'web', entry: 'electron/web/main.ts', external: PROCESS_EXTERNAL };

/** What a bundle was built from: the checkout it was built for and its source files, relative to that checkout. */
type BuiltFrom = { root: string; inputs: string[] };

/**
 * True when the bundle exists, was built for this checkout (a `node_modules` hard-linked from another checkout brings
 * that checkout's bundles along) and none of the files it was built from changed since.
 */
function isFresh(projectRoot: string, bundleFile: string, inputsFile: string): boolean {
  try {
    const builtAt = fs.statSync(bundleFile).mtimeMs;
    const builtFrom = JSON.parse(fs.readFileSync(inputsFile, 'utf8')) as BuiltFrom;
    return builtFrom.root === projectRoot && builtFrom.inputs.every((file) => fs.statSync(path.join(projectRoot, file)).mtimeMs <= builtAt);
  } catch {
    return false;
  }
}

/**
 * Builds `bundle` for the checkout at `projectRoot` when it is missing or stale, and returns its path, e.g.
 * `nodeBundleOf(root, WORKER_BUNDLE)` → `<root>/node_modules/.cache/drilldesk/backendWorker.cjs`. Several processes
 * may build the same bundle at once: each writes its own files aside and renames them into place.
 */
export function nodeBundleOf(projectRoot: string, bundle: NodeBundle): string {
  const dir = path.join(projectRoot, 'node_modules/.cache/drilldesk');
  const bundleFile = path.join(dir, `${bundle.name}.cjs`);
  const inputsFile = path.join(dir, `${bundle.name}.inputs.json`);
  if (isFresh(projectRoot, bundleFile, inputsFile)) return bundleFile;
  fs.mkdirSync(dir, { recursive: true });
  // Written aside and renamed, so a process starting meanwhile never loads half a file.
  const aside = `${process.pid}-${Date.now()}`;
  const tempBundle = path.join(dir, `${bundle.name}-${aside}.cjs`);
  const tempInputs = `${inputsFile}.${aside}`;
  const result = buildSync({
    absWorkingDir: projectRoot,
    entryPoints: [bundle.entry],
    outfile: tempBundle,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: [...bundle.external],
    // `projectRoot.ts` reads it: the bundle's own file is not where its sources are.
    define: { DRILLDESK_PROJECT_ROOT: JSON.stringify(projectRoot) },
    metafile: true,
    logLevel: 'error',
  });
  // Inputs are relative to absWorkingDir (`node_modules/...` included).
  const builtFrom: BuiltFrom = { root: projectRoot, inputs: Object.keys(result.metafile.inputs) };
  fs.writeFileSync(tempInputs, JSON.stringify(builtFrom));
  fs.renameSync(tempBundle, bundleFile);
  fs.renameSync(tempInputs, inputsFile);
  return bundleFile;
}
