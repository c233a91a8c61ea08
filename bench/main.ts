/**
 * `npm run bench`: runs the benchmarks and prints the report (a Markdown table).
 * `npm run bench -- --json FILE` also writes the records to FILE as a JSON array;
 * `--markdown FILE` writes the report to FILE (for the README's benchmark section);
 * `--smoke` runs tiny sizes (a check that the harness works, not a measurement);
 * `--only browser,memory` runs some groups (storage, schedule, replay-seek, memory, import-refusal, limits, seats, browser).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { findChromium } from '../scripts/chromium';
import { reportOf } from './harness';
import { runBenchmarks } from './run';

const args = process.argv.slice(2);
const fileAfter = (flag: string) => {
  const at = args.indexOf(flag);
  if (at < 0) return null;
  const file = args[at + 1];
  if (!file || file.startsWith('--')) {
    console.error('usage: npm run bench -- [--smoke] [--only GROUP,...] [--json FILE] [--markdown FILE]');
    process.exit(2);
  }
  return file;
};
const jsonFile = fileAfter('--json');
const markdownFile = fileAfter('--markdown');
const smoke = args.includes('--smoke');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1]?.split(',') : undefined;

function chromiumVersion(): string {
  const chromium = findChromium();
  if (!chromium) return 'no Chromium';
  try {
    return execFileSync(chromium, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n').at(-1) ?? chromium;
  } catch {
    return chromium;
  }
}

const started = performance.now();
const loadBefore = os.loadavg()[0];
const records = await runBenchmarks({ smoke, only, log: (line) => console.error(`· ${line}`) });
const seconds = (performance.now() - started) / 1000;

const report = reportOf(records, {
  title: `DrillDesk benchmarks${smoke ? ' (smoke run: tiny sizes, the figures mean nothing)' : ''}`,
  where: [
    `${new Date().toISOString().slice(0, 10)}; ${os.availableParallelism()} cores (nproc), ${(os.totalmem() / 1024 ** 3).toFixed(0)} GB, ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'};`,
    `load average ${loadBefore.toFixed(1)} at the start and ${os.loadavg()[0].toFixed(1)} at the end (the machine is shared);`,
    `Node ${process.versions.node}, ${chromiumVersion()} headless with software rendering; the whole run took ${seconds.toFixed(0)} s.`,
  ].join(' '),
});
console.log(`\n${report}`);
if (jsonFile) {
  fs.writeFileSync(jsonFile, `${JSON.stringify(records, null, 2)}\n`);
  console.log(`Wrote ${records.length} records to ${jsonFile}`);
}
if (markdownFile) {
  fs.writeFileSync(markdownFile, report);
  console.log(`Wrote the report to ${markdownFile}`);
}
