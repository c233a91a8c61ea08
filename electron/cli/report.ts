/**
 * `drill report RUN_ID --data DIR --out DIR [--lang zh|en] [--format pdf,docx]`
 * and `drill runs --data DIR`: a run's after-action report (and its
 * evaluation report, when its plan has evaluation forms) as PDF and Word
 * files without the GUI, and the runs of a data folder with their ids.
 *
 * The report is printed the way `drill sheets` prints documents: the built
 * renderer served by the browser-mode server over a back end opened on the
 * data folder, the replay's report tab opened in headless Chromium and
 * printed with `page.pdf`; so the PDF comes from the same view-models
 * (`shared/report.ts`, `shared/evaluationReport.ts`) and the same A4 pager
 * as the app's print. The data folder is opened like the app opens it (its
 * lock: refused while the app has it open).
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { z } from 'zod';
import { ApiError } from '../../shared/api';
import { catalogues } from '../../shared/i18n';
import { dateTimeAt } from '../../shared/time';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/chromium';
import { openBackend, type Backend } from '../core/backend';
import { memoryPrefsStore } from '../core/prefs';
import { DB_FILE } from '../storage/dataDir';
import { startWebServer, type WebServer } from '../web/server';
import { CliError, formatListOption, optionsOf, rawArgsOf, type Command } from './args';
import { ensureRenderer, rendererDir } from './sheets';

const DataOption = z.string().min(1, { message: 'must name the data folder' });
export const REPORT_FORMATS = ['pdf', 'docx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const ReportOptions = z.strictObject({
  data: DataOption,
  out: z.string().min(1, { message: 'must name a folder' }),
  lang: z.enum(['zh', 'en']).default('zh'),
  format: formatListOption(REPORT_FORMATS, 'pdf'),
});
const RunsOptions = z.strictObject({ data: DataOption });

/** The back end on an existing data folder; a folder without a DrillDesk database is refused, never created. */
function openData(dataDir: string, language: 'zh' | 'en'): Backend {
  if (!fs.existsSync(path.join(dataDir, DB_FILE))) throw new CliError(`no DrillDesk data in ${dataDir} (${DB_FILE} not found)`, 1);
  const prefs = memoryPrefsStore();
  prefs.write({ language });
  try {
    return openBackend({ dataDir, templatesDir: path.join(dataDir, 'no-templates'), prefs, log: () => {} });
  } catch (error) {
    throw new CliError(`cannot open ${dataDir}: ${(error as Error).message}`, 1);
  }
}

/** A file written: which report, in which format; `pages` for a PDF (Word paginates when opened). */
export type PrintedReport = { kind: 'report' | 'evaluation'; format: ReportFormat; file: string; pages: number | null };

/** Writes the reports of run `runId` of the data folder into `outDir` as PDF (the default) and Word files; returns what it wrote. */
export async function printRunReports(options: {
  runId: string;
  dataDir: string;
  outDir: string;
  language?: 'zh' | 'en';
  formats?: readonly ReportFormat[];
  build?: boolean;
  log?: (line: string) => void;
}): Promise<PrintedReport[]> {
  const log = options.log ?? (() => {});
  const language = options.language ?? 'zh';
  const formats = options.formats ?? ['pdf'];
  const executablePath = findChromium();
  if (formats.includes('pdf') && !executablePath) throw new CliError('no Chromium found: install it (Debian: apt-get install chromium) or set DRILLDESK_CHROMIUM', 1);
  const backend = openData(options.dataDir, language);
  let web: WebServer | null = null;
  let browser: Browser | null = null;
  try {
    let run;
    try {
      run = (await backend.service().getRun({ id: options.runId })).run;
    } catch (error) {
      if (error instanceof ApiError) throw new CliError(`no run "${options.runId}" in ${options.dataDir} (list them with: drill runs --data ${options.dataDir})`, 1);
      throw error;
    }
    fs.mkdirSync(options.outDir, { recursive: true });
    const words = catalogues[language];
    const safe = (text: string) => text.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 80);
    const date = dateTimeAt(Date.parse(run.startedAt), run.plan.timeZone).slice(0, 10);
    const kinds: PrintedReport['kind'][] = run.plan.evaluation.forms.length > 0 ? ['report', 'evaluation'] : ['report'];
    const fileOf = (kind: PrintedReport['kind'], format: ReportFormat) => {
      const title = kind === 'report' ? words.replay.report.docTitle : words.evaluation.report.docTitle;
      return path.join(options.outDir, `${safe(run.plan.title) || 'drill'}-${safe(title)}-${date}.${format}`);
    };
    const printed: PrintedReport[] = [];
    const wrote = (report: PrintedReport) => {
      printed.push(report);
      log(report.pages === null ? report.file : `${report.file}: ${report.pages} page${report.pages === 1 ? '' : 's'}`);
    };
    if (formats.includes('docx'))
      for (const kind of kinds) {
        const { base64 } = await backend.service().exportDocx({ document: kind === 'report' ? 'report' : 'evaluation-report', runId: run.id, language });
        const file = fileOf(kind, 'docx');
        fs.writeFileSync(file, Buffer.from(base64, 'base64'));
        wrote({ kind, format: 'docx', file, pages: null });
      }
    if (!formats.includes('pdf')) return printed;
    if (options.build !== false) await ensureRenderer(log);
    else if (!fs.existsSync(path.join(rendererDir, 'index.html'))) throw new CliError('the renderer is not built: run npx vite build', 1);
    web = await startWebServer({ backend, rendererDir, port: 0 });
    browser = await chromium.launch({ executablePath: executablePath!, args: CHROMIUM_ARGS });
    for (const kind of kinds) {
      const page = await browser.newPage({ locale: language === 'zh' ? 'zh-CN' : 'en-US' });
      const search = new URLSearchParams({ token: web.token, tab: kind });
      await page.goto(`http://127.0.0.1:${web.port}/?${search.toString()}#/replay/${run.id}`);
      const view = page.getByTestId(kind === 'report' ? 'report-view' : 'evaluation-report-view');
      await view.locator('[data-testid="print-pages"][data-state="ready"]').waitFor({ timeout: 60_000 });
      const pages = await view.getByTestId('print-page').count();
      const file = fileOf(kind, 'pdf');
      await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
      await page.close();
      wrote({ kind, format: 'pdf', file, pages });
    }
    return printed;
  } finally {
    await browser?.close();
    await web?.close();
    backend.close();
  }
}

export const reportCommand: Command = {
  name: 'report',
  usage: 'report RUN_ID --data DIR --out DIR [--lang zh|en] [--format pdf,docx]',
  summary: "write a run's after-action report (and evaluation report) as PDF and Word files",
  run: async (argv) => {
    const raw = rawArgsOf(argv);
    const options = optionsOf(raw, ReportOptions);
    if (raw.positionals.length !== 1) throw new CliError(`usage: drill ${reportCommand.usage}`);
    await printRunReports({ runId: raw.positionals[0], dataDir: path.resolve(options.data), outDir: path.resolve(options.out), language: options.lang, formats: options.format, log: (line) => console.log(line) });
    return 0;
  },
};

export const runsCommand: Command = {
  name: 'runs',
  usage: 'runs --data DIR',
  summary: 'list the runs of a data folder with their ids',
  run: async (argv) => {
    const raw = rawArgsOf(argv);
    const options = optionsOf(raw, RunsOptions);
    if (raw.positionals.length !== 0) throw new CliError(`usage: drill ${runsCommand.usage}`);
    const backend = openData(path.resolve(options.data), 'zh');
    try {
      const runs = await backend.service().listRuns({});
      if (runs.length === 0) console.log('no runs');
      for (const run of runs)
        console.log([run.id, dateTimeAt(Date.parse(run.startedAt), run.timeZone), run.status, `${run.eventCount} events`, run.scenarioTitle, run.name].join('\t'));
    } finally {
      backend.close();
    }
    return 0;
  },
};
