/**
 * Regenerates the README's pictures of the summary report: the composite
 * sample's realistic run (tests/fixtures/replay/compositeRun.ts) recorded in
 * a temp data folder, its report printed to PDF the way `drill report` does
 * it, and pages turned into PNGs with poppler's `pdftoppm -r 60`.
 *
 *   npx vite build && npx tsx scripts/readme-report.ts
 *
 * Writes docs/report-page-1.png (the first page) and docs/report-attachments.png
 * (the page with the 附件 section).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { printRunReports } from '../electron/cli/report';
import { recordCompositeRun } from '../tests/fixtures/replay/compositeRun';

const root = path.resolve(import.meta.dirname, '..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'drilldesk-readme-report-'));
try {
  const dataDir = path.join(work, 'data');
  fs.mkdirSync(dataDir);
  const composite = await recordCompositeRun(dataDir);
  composite.close();
  const [report] = await printRunReports({ runId: composite.runId, dataDir, outDir: path.join(work, 'out'), build: false });
  const pageOf = (n: number, name: string) => {
    const prefix = path.join(work, name);
    execFileSync('pdftoppm', ['-r', '60', '-png', '-f', String(n), '-l', String(n), '-singlefile', report!.file, prefix]);
    fs.copyFileSync(`${prefix}.png`, path.join(root, 'docs', `${name}.png`));
  };
  pageOf(1, 'report-page-1');
  // The 附件 section is on the page whose text holds its heading and the first photo's caption.
  const pages = report!.pages ?? 0;
  const withAttachments = Array.from({ length: pages }, (_, i) => i + 1).find((n) =>
    execFileSync('pdftotext', ['-f', String(n), '-l', String(n), report!.file, '-'], { encoding: 'utf8' }).includes('附件1'),
  );
  if (withAttachments) pageOf(withAttachments, 'report-attachments');
  console.log(`${report!.file}: ${pages} pages; 附件 on page ${withAttachments ?? '—'}`);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
