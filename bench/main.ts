/**
 * `npm run bench`: runs the benchmarks and prints the table.
 * `npm run bench -- --json FILE` also writes the records to FILE;
 * `--smoke` runs tiny sizes (a check that the harness works, not a measurement).
 */
import fs from 'node:fs';
import os from 'node:os';
import { tableOf } from './harness';
import { runBenchmarks } from './run';

const args = process.argv.slice(2);
const jsonAt = args.indexOf('--json');
const jsonFile = jsonAt >= 0 ? args[jsonAt + 1] : null;
if (jsonAt >= 0 && !jsonFile) {
  console.error('usage: npm run bench -- [--smoke] [--json FILE]');
  process.exit(2);
}
const smoke = args.includes('--smoke');
const started = performance.now();
const records = await runBenchmarks({ smoke, log: (line) => console.error(`· ${line}`) });
const seconds = (performance.now() - started) / 1000;

console.log(`\nDrillDesk benchmarks${smoke ? ' (smoke: tiny sizes, figures mean nothing)' : ''}, ${new Date().toISOString().slice(0, 10)}, ${os.availableParallelism()} cores, Node ${process.versions.node}, ${seconds.toFixed(0)} s\n`);
console.log(tableOf(records));
const measured = records.filter((r) => r.ours !== null);
console.log(`\nGoals met: ${records.filter((r) => r.met).length} of ${records.length}${measured.length < records.length ? ` (${records.length - measured.length} not measured)` : ''}`);
for (const record of records) if (record.note) console.log(`- ${record.name}: ${record.note}`);
if (jsonFile) {
  fs.writeFileSync(jsonFile, `${JSON.stringify(records, null, 2)}\n`);
  console.log(`\nWrote ${records.length} records to ${jsonFile}`);
}
