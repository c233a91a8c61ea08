/**
 * `npm test`: everything, from a fresh clone. Provisions what the tests need
 * when missing (Chromium, a CJK font, poppler's pdftotext; through apt-get when
 * running as root), type-checks the three parts, runs electronegativity over
 * the Electron shell and the renderer, runs the unit tests (those that read
 * or write clock times once more under TZ=UTC and TZ=America/New_York),
 * builds, runs the end-to-end tests in real Chromium, and prints one closing
 * line.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { findChromium } from './chromium';

/** Each stage's title and when it started, for the summary's timings. */
const stages: { title: string; started: number }[] = [];
const step = (title: string) => {
  stages.push({ title, started: Date.now() });
  console.log(`\n=== ${title}`);
};
const run = (command: string, args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;
const has = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
const hasCjkFont = () => has('fc-list') && spawnSync('sh', ['-c', "fc-list :lang=zh | grep -q ."], { stdio: 'ignore' }).status === 0;

function provision() {
  const missing: string[] = [];
  if (!findChromium()) missing.push('chromium');
  if (!hasCjkFont()) missing.push('fonts-wqy-microhei');
  if (!has('pdftotext')) missing.push('poppler-utils');
  if (missing.length === 0) return;
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !has('apt-get')) {
    console.error(`DrillDesk tests need: ${missing.join(', ')}. Install them (Debian/Ubuntu: sudo apt-get install -y ${missing.join(' ')}) and run again.`);
    process.exit(1);
  }
  console.log(`Installing ${missing.join(', ')} with apt-get…`);
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  if (run('apt-get', ['update', '-qq'], env) !== 0 || run('apt-get', ['install', '-y', '-qq', ...missing], env) !== 0) {
    console.error('apt-get could not install the test dependencies.');
    process.exit(1);
  }
}

type Tally = { passed: number; failed: number; skipped: number };
const tally: Tally = { passed: 0, failed: 0, skipped: 0 };
const failures: string[] = [];

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

fs.mkdirSync('.tmp', { recursive: true });

step('Provisioning Chromium, CJK fonts and pdftotext');
provision();

step('Type checking (shared, back end, renderer)');
for (const project of ['tsconfig.shared.json', 'tsconfig.node.json', 'tsconfig.web.json']) {
  if (run('npx', ['tsc', '-p', project]) !== 0) failures.push(`tsc -p ${project}`);
}

step('Electron security checklist (electronegativity)');
if (run('npx', ['tsx', 'scripts/electronegativity.ts']) !== 0) failures.push('electronegativity');

/** Runs vitest (the whole suite, or `files`) and adds its counts to the tally. */
function vitestRun(name: string, files: string[] = [], env: NodeJS.ProcessEnv = {}) {
  const report = `.tmp/${name}.json`;
  fs.rmSync(report, { force: true });
  if (run('npx', ['vitest', 'run', ...files, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], env) !== 0) failures.push(name);
  const result = readJson(report) as { numPassedTests: number; numFailedTests: number; numPendingTests: number } | null;
  if (result) {
    tally.passed += result.numPassedTests;
    tally.failed += result.numFailedTests;
    tally.skipped += result.numPendingTests;
  }
}

step('Unit tests (vitest)');
vitestRun('vitest');

/**
 * The unit tests that turn times into text or text into times, once more in
 * two other zones of the computer (one when the computer is itself in UTC,
 * where the run above already was): whatever the machine's zone, a drill's
 * times are its own (see shared/time.ts). Only these files, not the whole
 * suite, which would take minutes more: the rest never reads a clock time.
 * tests/unit/zones.test.ts, in the run above, compares the outputs of four
 * zones with each other.
 */
const ZONE_SENSITIVE = ['time', 'runCsv', 'scriptImport', 'scriptFiles', 'xlsx', 'sheets', 'report', 'analysis', 'replay', 'runState', 'runService', 'scenarios', 'cli-schedule'].map(
  (name) => `tests/unit/${name}.test.ts`,
);
/** The computer's own zone, in which the whole suite just ran: no need to run these files in it again. */
const ownZone = new Intl.DateTimeFormat().resolvedOptions().timeZone;
const sameZone = (a: string, b: string) => a.replace(/^Etc\//, '') === b.replace(/^Etc\//, '');
for (const zone of ['UTC', 'America/New_York'].filter((zone) => !sameZone(zone, ownZone))) {
  step(`Unit tests that read or write clock times, under TZ=${zone}`);
  vitestRun(`vitest-${zone.replace('/', '-')}`, ZONE_SENSITIVE, { TZ: zone });
}

step('Building the renderer and the Electron shell');
if (run('npx', ['vite', 'build', '--logLevel', 'warn']) !== 0) failures.push('vite build');
if (run('node', ['scripts/build-electron.mjs']) !== 0) failures.push('electron build');

step('End-to-end tests (Playwright, Chromium)');
fs.rmSync('.tmp/playwright.json', { force: true });
if (run('npx', ['playwright', 'test']) !== 0) failures.push('playwright');
const playwright = readJson('.tmp/playwright.json') as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } } | null;
if (playwright) {
  tally.passed += playwright.stats.expected + playwright.stats.flaky;
  tally.failed += playwright.stats.unexpected;
  tally.skipped += playwright.stats.skipped;
}

step('Summary');
for (let i = 0; i + 1 < stages.length; i++) console.log(`${Math.round((stages[i + 1].started - stages[i].started) / 1000)} s  ${stages[i].title}`);
if (failures.length > 0) console.log(`Failed stages: ${failures.join(', ')}`);
console.log(`Tests: ${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped`);
process.exit(failures.length > 0 ? 1 : 0);
