/**
 * The Electron security gate (`npx tsx scripts/electronegativity.ts`, a stage
 * of `npm test`): runs @doyensec/electronegativity over `electron/` and
 * `renderer/` together (its global checks, such as the CSP and navigation
 * limits, need to see both), with the Electron version set to the installed
 * one (`-e`), and gates on its findings. Fails on any HIGH finding, on any
 * MEDIUM finding whose check is not listed with a reason in the README's
 * security section, and on any file it
 * could not parse (a file it cannot parse is a file it did not check).
 *
 * Its CLI exits 0 whatever it finds, so its exit code is never trusted; and
 * in 1.10.3 its CSV writer races (the header is written with flag 'w' while
 * the rows are appended, both asynchronously), which can overwrite the first
 * finding. So this calls the CLI's own runner with the options the CLI would
 * pass and reads the findings it returns (the rows the CSV would hold, with
 * the same fields), together with the list of files it could not parse,
 * which the CLI does not print when writing a file. The findings are written
 * to .tmp/electronegativity/findings.csv for people to read.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export type Finding = { check: string; severity: string; confidence: string; file: string; location: string; sample: string; description: string };
export type Accepted = Map<string, string>;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCANNED = ['electron', 'renderer'];
const DOCS = ['README.md'];

type Issue = { id: string; severity: { name: string }; confidence: { name: string }; file: string; location: { line: number; column: number }; sample?: string; description: string };

/** The findings the runner returns, one per CSV row it would write. */
export function findingsOf(issues: readonly Issue[]): Finding[] {
  return issues.map((issue) => ({
    check: issue.id,
    severity: issue.severity.name.toUpperCase(),
    confidence: issue.confidence.name,
    file: issue.file,
    location: `${issue.location.line}:${issue.location.column}`,
    sample: issue.sample ?? '',
    description: issue.description,
  }));
}

const csvCell = (value: string) => `"${value.replace(/"/g, '""')}"`;

/** The findings as CSV, in electronegativity's columns. */
export function csvOf(findings: readonly Finding[]): string {
  const rows = findings.map((f) => [f.check, f.severity, f.confidence, f.file, f.location, f.sample, f.description].map(csvCell).join(','));
  return `${['issue', 'severity', 'confidence', 'filename', 'location', 'sample', 'description'].join(',')}\n${rows.join('\n')}\n`;
}

/**
 * Checks accepted as not applying, from table rows such as
 * ``| `PRELOAD_JS_CHECK` | MEDIUM | electron/main.ts | why it does not apply |``.
 * A row counts only with a reason of at least 20 characters.
 */
export function acceptedChecksOf(markdown: string): Accepted {
  const accepted: Accepted = new Map();
  for (const line of markdown.split(/\r?\n/)) {
    const match = /^\|\s*`([A-Z0-9_]+)`\s*\|\s*(?:HIGH|MEDIUM|LOW|INFORMATIONAL)\s*\|[^|]*\|\s*(.+?)\s*\|\s*$/.exec(line);
    if (match && match[2].length >= 20) accepted.set(match[1], match[2]);
  }
  return accepted;
}

/** What fails the gate: every HIGH, and every MEDIUM whose check is not accepted. */
export function failuresOf(findings: readonly Finding[], accepted: Accepted): Finding[] {
  return findings.filter((f) => f.severity === 'HIGH' || (f.severity === 'MEDIUM' && !accepted.has(f.check)));
}

type RunResult = { errors: { file: string; message: string; tolerable: boolean }[]; issues: Issue[] };

async function main(): Promise<number> {
  const electronVersion = (JSON.parse(fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;
  const work = path.join(root, '.tmp/electronegativity');
  const input = path.join(work, 'input');
  const csvFile = path.join(work, 'findings.csv');
  fs.rmSync(work, { recursive: true, force: true });
  for (const dir of SCANNED) fs.cpSync(path.join(root, dir), path.join(input, dir), { recursive: true });

  // The CLI's own runner, with the options `electronegativity -i <input> -e <version> -r` gives it.
  const require = createRequire(import.meta.url);
  const run = require('@doyensec/electronegativity') as (options: Record<string, unknown>, forCli: boolean) => Promise<RunResult>;
  const quiet = console.log;
  console.log = () => {}; // its translation and release-feed notices
  let result: RunResult;
  try {
    result = await run({ input, isSarif: false, isRelative: true, electronVersionOverride: electronVersion, parserPlugins: [] }, false);
  } finally {
    console.log = quiet;
  }

  const findings = findingsOf(result.issues);
  fs.writeFileSync(csvFile, csvOf(findings));
  const accepted: Accepted = new Map();
  for (const doc of DOCS) {
    const file = path.join(root, doc);
    if (fs.existsSync(file)) for (const [check, reason] of acceptedChecksOf(fs.readFileSync(file, 'utf8'))) accepted.set(check, reason);
  }
  const failures = failuresOf(findings, accepted);
  const unparsed = result.errors.filter((error) => !error.tolerable);

  const count = (severity: string) => findings.filter((f) => f.severity === severity).length;
  console.log(`electronegativity over ${SCANNED.join('/ and ')}/ as Electron ${electronVersion}: ${count('HIGH')} HIGH, ${count('MEDIUM')} MEDIUM, ${count('LOW')} LOW, ${count('INFORMATIONAL')} informational`);
  for (const f of findings.filter((f) => f.severity === 'MEDIUM' && accepted.has(f.check)))
    console.log(`  accepted ${f.check} (${f.file} ${f.location}): ${accepted.get(f.check)}`);
  for (const f of failures) console.error(`  FAIL ${f.severity} ${f.check} at ${f.file} ${f.location}: ${f.description}\n       ${f.sample}`);
  for (const error of unparsed) console.error(`  FAIL could not parse ${path.relative(input, error.file)}: ${error.message}`);
  if (failures.some((f) => f.severity === 'MEDIUM'))
    console.error('  A MEDIUM finding passes only when its check is listed, with the reason it does not apply, in the README security section.');
  const ok = failures.length === 0 && unparsed.length === 0;
  console.log(ok ? 'electronegativity: passed' : 'electronegativity: FAILED');
  return ok ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`electronegativity: could not run: ${(error as Error).stack ?? error}`);
      process.exit(1);
    },
  );
}
