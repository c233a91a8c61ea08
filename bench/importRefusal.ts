/**
 * Benchmark 8: the drill-script files that once took the back end down — a
 * 214 KB CSV of 18,000 same-time rows (81 million edges), an 11.6 MB .xlsx
 * that unpacks to 184 MB and 1.4 million rows, a 1.6 MB CSV of 200,000 rows —
 * sent to `importPlanTable` in a fresh bundled back-end process each. Goal:
 * refused with its reason in under 2 s, resident memory under 300 MB above
 * the idle back end.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { zipOf } from '../tests/support/officeFiles';
import type { BenchOptions, BenchRecord } from './harness';
import { measurements } from './measurements';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

type ChildReport = { ms: number; refused: boolean; message: string; idleMb: number; aboveRestMb: number; beyondStartPeak: boolean };

/** The three files, at full size or (smoke) small. */
export function hostileImportFiles(smoke: boolean): { key: 'sameTime' | 'bigXlsx' | 'manyRows'; name: string; data: Buffer }[] {
  const half = smoke ? 3_000 : 9_000;
  const sameTime = Buffer.from(['时间,处置动作', ...Array.from({ length: half }, (_, i) => `09:00,甲${i}`), ...Array.from({ length: half }, (_, i) => `09:01,乙${i}`)].join('\n'));
  const manyRows = Buffer.from(['时间,处置动作', ...Array.from({ length: smoke ? 20_000 : 200_000 }, (_, i) => `T+${i % 600},${i}`)].join('\n'));
  const rows = smoke ? 20_000 : 1_400_000;
  const parts: string[] = ['<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>时间</t></is></c><c r="B1" t="inlineStr"><is><t>处置动作</t></is></c></row>'];
  for (let i = 2; i <= rows + 1; i++) parts.push(`<row r="${i}"><c r="A${i}" s="1"><v>0.375</v></c><c r="B${i}" t="inlineStr"><is><t>第${i}步处置</t></is></c></row>`);
  parts.push('</sheetData></worksheet>');
  const bigXlsx = zipOf([
    { name: 'xl/workbook.xml', data: '<workbook xmlns:r="r"><sheets><sheet name="脚本" sheetId="1" r:id="rId1"/></sheets></workbook>' },
    { name: 'xl/_rels/workbook.xml.rels', data: '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>' },
    { name: 'xl/styles.xml', data: '<styleSheet><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="20"/></cellXfs></styleSheet>' },
    { name: 'xl/worksheets/sheet1.xml', data: parts.join('') },
  ]);
  return [
    { key: 'sameTime', name: 'same-time.csv', data: sameTime },
    { key: 'bigXlsx', name: 'huge.xlsx', data: bigXlsx },
    { key: 'manyRows', name: 'many-rows.csv', data: manyRows },
  ];
}

export async function importRefusalBenchmarks(options: BenchOptions): Promise<BenchRecord[]> {
  const probe = path.join(root, '.tmp', 'bench', 'importChild.mjs');
  await build({ entryPoints: [path.join(here, 'importChild.ts')], outfile: probe, bundle: true, platform: 'node', target: 'node20', format: 'esm', packages: 'external', logLevel: 'warning' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drilldesk-bench-import-'));
  const records: BenchRecord[] = [];
  try {
    for (const file of hostileImportFiles(options.smoke)) {
      const where = path.join(dir, file.name);
      fs.writeFileSync(where, file.data);
      options.log(`import refusal: ${file.name} (${(file.data.length / 1024 / 1024).toFixed(1)} MB)`);
      const child = spawnSync(process.execPath, ['--expose-gc', probe, fs.mkdtempSync(path.join(dir, 'data-')), where], { cwd: root, encoding: 'utf8', timeout: 300_000 });
      const line = child.stdout?.trim().split('\n').at(-1) ?? '';
      let report: ChildReport;
      try {
        report = JSON.parse(line) as ChildReport;
      } catch {
        throw new Error(`the import probe failed on ${file.name} (exit ${child.status}): ${child.stderr?.slice(-500)}`);
      }
      const measurement = measurements.importRefusal(file.key, file.data.length);
      records.push({
        ...measurement,
        ours: report.ms,
        baseline: null,
        ratio: null,
        met: report.refused && report.ms < 2_000 && report.aboveRestMb < 300,
        note: `${report.refused ? `refused: ${report.message}` : 'NOT refused'}; peak resident memory ${report.aboveRestMb.toFixed(0)} MB above the idle back end (${report.idleMb.toFixed(0)} MB)${report.beyondStartPeak ? '' : ', an upper bound: the import never went above the peak the back end reached while starting'}; one call, wall clock`,
      });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return records;
}
