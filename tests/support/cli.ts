/**
 * The command line, browser mode and the tests' own child scripts in child
 * processes, as the tests start them: from their bundles (`nodeBundleOf`, built for this checkout and
 * rebuilt when a source file changes), which start in about 0.3 s where the
 * same entry through tsx takes about 2 s. `runCliFromSource` runs the command
 * line as `npm run drill` does, through tsx, so that path stays covered.
 */
import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { CLI_BUNDLE, nodeBundleOf, WEB_BUNDLE, type NodeBundle } from '../../electron/core/nodeBundle';
import { projectRoot } from '../../electron/core/projectRoot';

/** Where the child runs (default: the checkout), its environment (default: this one's) and how long it may take. */
export type RunOptions = { cwd?: string; env?: NodeJS.ProcessEnv; timeout?: number };
/** How a child ended: `status` is null when it was killed (a timeout). */
export type RunResult = { status: number | null; stdout: string; stderr: string };

/** `tests/support/zoneProbe.ts`, run under several `TZ` values by `zones.test.ts`. */
export const ZONE_PROBE_BUNDLE: NodeBundle = { name: 'zoneProbe', entry: 'tests/support/zoneProbe.ts', external: CLI_BUNDLE.external };
/** `tests/support/killChild.ts`, killed at random moments by `killtest.test.ts`. */
export const KILL_CHILD_BUNDLE: NodeBundle = { name: 'killChild', entry: 'tests/support/killChild.ts', external: CLI_BUNDLE.external };
/** `tests/support/openChild.ts`, started under a file-size limit by `backups.test.ts`. */
export const OPEN_CHILD_BUNDLE: NodeBundle = { name: 'openChild', entry: 'tests/support/openChild.ts', external: CLI_BUNDLE.external };

/** Each bundle's path, checked (and built if stale) once per test file rather than on every run. */
const bundleFiles = new Map<NodeBundle, string>();
/** The path of `bundle`'s file, for a child started another way (e.g. through `sh -c` under `ulimit`). */
export function bundleFileOf(bundle: NodeBundle): string {
  const file = bundleFiles.get(bundle) ?? nodeBundleOf(projectRoot, bundle);
  bundleFiles.set(bundle, file);
  return file;
}

function runArgs(args: readonly string[], options: RunOptions): RunResult {
  const result = spawnSync(process.execPath, args, { cwd: options.cwd ?? projectRoot, env: options.env, encoding: 'utf8', timeout: options.timeout ?? 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs `bundle` with `args` to its end, e.g. `runBundle(WEB_BUNDLE, ['--data', dir])`. */
export const runBundle = (bundle: NodeBundle, args: readonly string[], options: RunOptions = {}): RunResult =>
  runArgs([bundleFileOf(bundle), ...args], options);

/** `npm run drill -- <args>`, e.g. `runCli(['validate', file, '--lang', 'en'])`. */
export const runCli = (args: readonly string[], options: RunOptions = {}): RunResult => runBundle(CLI_BUNDLE, args, options);

/** The command line through tsx, exactly as `npm run drill` starts it (slower: for one test of that path). */
export const runCliFromSource = (args: readonly string[], options: RunOptions = {}): RunResult =>
  runArgs(['--import', 'tsx', CLI_BUNDLE.entry, ...args], options);

/** Starts `bundle` with `args` and returns the running child (default: in the checkout). */
export const spawnBundle = (bundle: NodeBundle, args: readonly string[], options: SpawnOptions = {}): ChildProcess =>
  spawn(process.execPath, [bundleFileOf(bundle), ...args], { cwd: projectRoot, ...options });

/** Runs `bundle` with `args` without blocking, so several can run at once; resolves when it ends. */
export function runBundleAsync(bundle: NodeBundle, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const child = spawnBundle(bundle, args, { env: options.env, cwd: options.cwd ?? projectRoot, timeout: options.timeout ?? 60_000, stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout!.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') }));
  });
}

/** Browser mode (`npm run web -- <args>`) run to its end, e.g. when it refuses to start. */
export const runWeb = (args: readonly string[], options: RunOptions = {}): RunResult => runBundle(WEB_BUNDLE, args, options);

/** Browser mode started, e.g. `spawnWeb(['--data', dir, '--port', '0'])`; the caller stops it. */
export const spawnWeb = (args: readonly string[], options: SpawnOptions = {}): ChildProcess => spawnBundle(WEB_BUNDLE, args, options);
