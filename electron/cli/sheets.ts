/**
 * `drill sheets FILE --out DIR [--lang zh|en] [--roles ID,ID] [--a5] [--format pdf,docx,xlsx]`:
 * the printed documents of a scenario file as PDF files (the default), Word
 * files (`docx`, the back end's `exportDocx`, from the same view-models) and
 * Excel workbooks (`xlsx`: the script, the roster, each blank evaluation
 * form, the sign-in sheet, the equipment list and the contacts), without the
 * GUI; `--a5` prints players with few tasks on the one-page A5 card. For PDF it serves the
 * built renderer with a throwaway back end (a temp data folder, the browser-
 * mode server on a free port), imports the file, opens the print view in
 * headless Chromium for each document and prints it with `page.pdf`, so the
 * PDFs are exactly what the app's print view shows and prints:
 *
 *   DIR/<title>-岗位任务卡.pdf   one role sheet per role, each from a new page
 *   DIR/<title>-角色分工表.pdf   the roster and the command structure
 *   DIR/<title>-演练脚本.pdf     the drill script, A4 landscape
 *   DIR/<title>-评估表.pdf       the blank evaluation forms, A4 landscape (when the drill has any)
 *   DIR/<title>-演练工作方案.pdf, -评估方案.pdf, -保障方案.pdf, -演练通知.pdf, -签到表.pdf,
 *   -物资装备清单.pdf, -演练通讯录.pdf
 *                               the drill office's documents (`shared/drillDocuments.ts`), A4 portrait
 *
 * and the same names with `.docx` and `.xlsx` (an Excel workbook per
 * evaluation form: `<title>-评估表-<form>.xlsx`). The renderer is built first
 * when PDF is asked for and `dist/renderer` is missing or older than its
 * sources; Word and Excel need neither the renderer nor Chromium.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { z } from 'zod';
import { ApiError, XLSX_DOCUMENTS, type XlsxDocument } from '../../shared/api';
import { DOCX_DOCUMENT_OF, SCENARIO_DOCUMENTS, type ScenarioDocument } from '../../shared/drillDocuments';
import { messageOf, type Language } from '../../shared/i18n';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/chromium';
import { openBackend, type Backend } from '../core/backend';
import { memoryPrefsStore } from '../core/prefs';
import { projectRoot } from '../core/projectRoot';
import { startWebServer, type WebServer } from '../web/server';
import { CliError, formatListOption, optionsOf, rawArgsOf, type Command } from './args';
import { readTextFile } from './files';

export const rendererDir = path.join(projectRoot, 'dist/renderer');

export const SHEET_DOCUMENTS = SCENARIO_DOCUMENTS;
export type SheetDocument = ScenarioDocument;

/** A document's name in a PDF's file name: the print panel's own names (`print.doc.*`), e.g. 演练脚本, Drill-script. */
const fileLabelOf = (language: Language, document: SheetDocument) => messageOf(language, `print.doc.${document}`).replace(/\s+/g, '-').toLowerCase();

const isXlsxDocument = (document: string): document is XlsxDocument => (XLSX_DOCUMENTS as readonly string[]).includes(document);

export const SHEET_FORMATS = ['pdf', 'docx', 'xlsx'] as const;
export type SheetFormat = (typeof SHEET_FORMATS)[number];

const SheetsOptions = z.strictObject({
  out: z.string().min(1, { message: 'must name a folder' }),
  roles: z.string().optional(),
  a5: z.literal(true).optional(),
  format: formatListOption(SHEET_FORMATS, 'pdf'),
});


/** The newest modification time of any file under `dir`. */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const time = entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs;
    if (time > newest) newest = time;
  }
  return newest;
}

/** Builds the renderer when it is missing or older than its sources. */
export async function ensureRenderer(log: (line: string) => void) {
  const built = path.join(rendererDir, 'index.html');
  const sources = Math.max(newestMtime(path.join(projectRoot, 'renderer')), newestMtime(path.join(projectRoot, 'shared')));
  if (fs.existsSync(built) && fs.statSync(built).mtimeMs >= sources) return;
  log('Building the renderer (vite build)…');
  const { build } = await import('vite');
  await build({ configFile: path.join(projectRoot, 'vite.config.ts'), root: path.join(projectRoot, 'renderer'), logLevel: 'warn' });
}

/** A file written: its document, format and path; `pages` for a PDF (Word and Excel paginate when opened). */
export type PrintedDocument = { document: SheetDocument; format: SheetFormat; file: string; pages: number | null };

/**
 * Prints the documents of a scenario file's text into `outDir` and returns
 * what it wrote. Documents with nothing to show (role sheets of a scenario
 * without roles) are skipped.
 */
export async function printSheets(options: {
  text: string;
  outDir: string;
  language?: 'zh' | 'en';
  roleIds?: string[];
  documents?: readonly SheetDocument[];
  /** Players with few tasks (`fitsA5Card`) get the one-page A5 card instead of the A4 role sheet, in PDF and Word. */
  a5?: boolean;
  /** Which files to write (default: PDF only). */
  formats?: readonly SheetFormat[];
  /** Build the renderer first when it is missing or stale (default); tests that already built it pass false. */
  build?: boolean;
  log?: (line: string) => void;
}): Promise<PrintedDocument[]> {
  const log = options.log ?? (() => {});
  const language = options.language ?? 'zh';
  const formats = options.formats ?? ['pdf'];
  const pdf = formats.includes('pdf');
  const executablePath = pdf ? findChromium() : null;
  if (pdf && !executablePath) throw new CliError('no Chromium found: install it (Debian: apt-get install chromium) or set DRILLDESK_CHROMIUM', 1);
  if (pdf && options.build !== false) await ensureRenderer(log);
  else if (pdf && !fs.existsSync(path.join(rendererDir, 'index.html'))) throw new CliError('the renderer is not built: run npx vite build', 1);

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'drilldesk-sheets-'));
  let backend: Backend | null = null;
  let web: WebServer | null = null;
  let browser: Browser | null = null;
  try {
    const prefs = memoryPrefsStore();
    prefs.write({ language });
    backend = openBackend({ dataDir, templatesDir: path.join(dataDir, 'no-templates'), prefs, log: () => {} });
    let summary;
    try {
      summary = await backend.service().importScenario({ text: options.text });
    } catch (error) {
      if (error instanceof ApiError) throw CliError.of(error.body);
      throw error;
    }
    fs.mkdirSync(options.outDir, { recursive: true });
    const service = backend.service();
    const scenario = await service.getScenario({ id: summary.id });
    const safeTitle = summary.title.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 80) || 'drill';
    const fileOf = (document: SheetDocument, extension: string, detail = '') =>
      path.join(options.outDir, `${safeTitle}-${fileLabelOf(language, document)}${detail ? `-${detail.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 60)}` : ''}.${extension}`);
    const printed: PrintedDocument[] = [];
    const documents = (options.documents ?? SHEET_DOCUMENTS).filter((document) => {
      if (document === 'sheets' && summary.roleCount === 0) {
        log('No roles: role sheets skipped.');
        return false;
      }
      if (document === 'evaluation' && scenario.evaluation.forms.length === 0) {
        log('No evaluation form: blank evaluation forms skipped.');
        return false;
      }
      return true;
    });
    const wrote = (entry: PrintedDocument) => {
      printed.push(entry);
      log(entry.pages === null ? entry.file : `${entry.file}: ${entry.pages} page${entry.pages === 1 ? '' : 's'}`);
    };

    if (pdf) {
      web = await startWebServer({ backend, rendererDir, port: 0 });
      browser = await chromium.launch({ executablePath: executablePath!, args: CHROMIUM_ARGS });
      for (const document of documents) {
        const search = new URLSearchParams({ token: web.token, print: document });
        if (options.roleIds) search.set('roles', options.roleIds.join(','));
        if (options.a5 && document === 'sheets') search.set('a5', '1');
        const page = await browser.newPage();
        await page.goto(`http://127.0.0.1:${web.port}/?${search.toString()}#/scenario/${summary.id}/print`);
        await page.locator('[data-testid="print-pages"][data-state="ready"]').waitFor({ timeout: 60_000 });
        const pages = await page.getByTestId('print-page').count();
        const file = fileOf(document, 'pdf');
        await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
        await page.close();
        wrote({ document, format: 'pdf', file, pages });
      }
    }
    if (formats.includes('docx'))
      for (const document of documents) {
        const { base64 } = await service.exportDocx({ document: DOCX_DOCUMENT_OF[document], scenarioId: summary.id, roleIds: document === 'sheets' ? options.roleIds : undefined, a5: document === 'sheets' && options.a5 ? true : undefined, language });
        const file = fileOf(document, 'docx');
        fs.writeFileSync(file, Buffer.from(base64, 'base64'));
        wrote({ document, format: 'docx', file, pages: null });
      }
    if (formats.includes('xlsx'))
      for (const document of documents) {
        if (document === 'sheets') {
          log('Role sheets have no Excel form: use pdf or docx.');
          continue;
        }
        const xlsxDocument = DOCX_DOCUMENT_OF[document];
        if (!isXlsxDocument(xlsxDocument)) continue;
        const forms = document === 'evaluation' ? scenario.evaluation.forms : [null];
        for (const form of forms) {
          const { base64 } = await service.exportXlsx({ scenarioId: summary.id, document: xlsxDocument, formId: form?.id, language });
          const file = fileOf(document, 'xlsx', forms.length > 1 ? (form?.title ?? '') : '');
          fs.writeFileSync(file, Buffer.from(base64, 'base64'));
          wrote({ document, format: 'xlsx', file, pages: null });
        }
      }
    return printed;
  } finally {
    await browser?.close();
    await web?.close();
    backend?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export const sheetsCommand: Command = {
  name: 'sheets',
  usage: 'sheets FILE --out DIR [--lang zh|en] [--roles ID,ID] [--a5] [--format pdf,docx,xlsx]',
  summary: 'print role sheets, roster, drill script, blank evaluation forms, drill plan, evaluation plan, support plan, notice, sign-in sheet, equipment list and contacts to PDF, Word and Excel files',
  run: async (argv, language) => {
    const raw = rawArgsOf(argv, ['a5']);
    const options = optionsOf(raw, SheetsOptions);
    if (raw.positionals.length !== 1) throw new CliError(`usage: drill ${sheetsCommand.usage}`);
    const text = readTextFile(raw.positionals[0]);
    await printSheets({
      text,
      outDir: path.resolve(options.out),
      language,
      roleIds: options.roles?.split(',').filter(Boolean),
      a5: options.a5,
      formats: options.format,
      log: (line) => console.log(line),
    });
    return 0;
  },
};
