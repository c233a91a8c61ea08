/**
 * Every screen speaks the UI language: a walk through the whole app (home,
 * the drill-script import preview, the editor with each panel and dialog, the
 * timeline with its phase bands, the runs, the console with each dialog, the
 * replay with each tab, print with a script's phase headings, backups), in Chinese and
 * then in English, reading every visible text and every `aria-label`,
 * `title`, `placeholder`, `alt` and `aria-valuetext`. In Chinese no Latin
 * letter may remain, in English no Chinese character or full-width
 * punctuation, once these are set aside:
 *
 * - user content: every text of the drills, runs, events, annotations and
 *   backups the walk shows, read from the back end (a sample drill has
 *   English titles and Chinese steps whatever the UI language), and the
 *   cells of a script file being previewed, read from the back end's preview;
 * - the short allowlist below, each entry with its reason.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { PlanImportPreview } from '../../shared/api';
import type { Language } from '../../shared/i18n';
import { unitNameOf } from '../../shared/report';
import { expect, test } from '@playwright/test';
import { startReplayApp, type ReplayApp } from '../fixtures/replay/replayApp';

/** Words that are right in either language. */
const ALLOWED: { pattern: RegExp; why: string }[] = [
  { pattern: /DrillDesk/g, why: 'the product name' },
  { pattern: /React Flow/g, why: 'the graph library’s credit, kept as its authors ask' },
  { pattern: /\bT(?:0|[+−-])/g, why: 'the drill start T0 and minutes from it (T+15), as drill scripts write them' },
  { pattern: /\b(?:Excel|CSV|PDF|JSON|A4|A5|UTF-8|GB18030|zip)\b|\.(?:docx?|xlsx?|csv|tsv|json|drill\.json)\b/g, why: 'file formats, text encodings and the paper sizes: names of their own' },
  { pattern: /\b(?:Word|WPS|HSEEP MSEL|OpenAEV)\b/g, why: 'programs and exercise-software formats a script comes from, named as they name themselves' },
  { pattern: /\d\s?(?:[KMG]?B)\b/g, why: 'file sizes (500.0 KB)' },
  {
    pattern: /(?:\b(?:Ctrl|Alt|Shift)\+|[⌘⌥]\+?)*\b(?:Ctrl|Shift|Alt|Enter|Esc|Delete|Del|Backspace|Home|End|Space|Tab|PageUp|PageDown|F\d{1,2}|[A-Z])\b(?!\w)/g,
    why: 'keys as printed on the keyboard (Ctrl+Z, Shift+L, Esc)',
  },
];
/** Each language's own name, as a language picker shows it. */
const ENDONYMS: Record<Language, string> = { zh: 'English', en: '中文' };

const FOREIGN: Record<Language, RegExp> = {
  zh: /[A-Za-z]/,
  // CJK ideographs, CJK punctuation and full-width forms.
  en: /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/,
};

type Item = { text: string; where: string };

/** What the page shows and says: visible text nodes and the text attributes of every element. Runs in the page. */
const COLLECT = `(() => {
  const items = [];
  const where = (el) => {
    const parts = [];
    for (let e = el; e && e !== document.body && parts.length < 3; e = e.parentElement) {
      const id = e.getAttribute('data-testid');
      parts.unshift(id ? '[' + id + ']' : e.tagName.toLowerCase() + (typeof e.className === 'string' && e.className ? '.' + e.className.trim().split(/\\s+/)[0] : ''));
      if (id) break;
    }
    return parts.join(' > ');
  };
  const seen = new Map();
  const shown = (el) => {
    if (!seen.has(el)) seen.set(el, el.closest('svg title') !== null || el.checkVisibility({ visibilityProperty: true }));
    return seen.get(el);
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.trim();
    const parent = node.parentElement;
    if (!text || !parent || parent.closest('script, style, template')) continue;
    if (parent.tagName === 'OPTION' || shown(parent)) items.push({ text, where: where(parent) });
  }
  for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], [alt], [aria-valuetext]'))
    for (const attr of ['aria-label', 'title', 'placeholder', 'alt', 'aria-valuetext'])
      if (el.hasAttribute(attr) && el.getAttribute(attr).trim()) items.push({ text: el.getAttribute(attr), where: where(el) + ' @' + attr });
  for (const el of document.querySelectorAll('[aria-describedby]'))
    for (const id of el.getAttribute('aria-describedby').split(/\\s+/)) {
      const described = document.getElementById(id);
      if (described && described.textContent.trim()) items.push({ text: described.textContent.trim(), where: where(el) + ' @aria-describedby' });
    }
  if (document.title) items.push({ text: document.title, where: 'document.title' });
  return items;
})()`;

/** Every string of a value, nested anywhere in it. */
function stringsOf(value: unknown, into: Set<string> = new Set()): Set<string> {
  if (typeof value === 'string') into.add(value);
  else if (Array.isArray(value)) for (const item of value) stringsOf(item, into);
  else if (value !== null && typeof value === 'object') for (const item of Object.values(value)) stringsOf(item, into);
  return into;
}

/**
 * The texts users and the drills brought, longest first (so a title is
 * removed before a word in it), with `more` (the texts of a script file being
 * previewed, which the back end does not hold yet).
 */
async function userContentOf(app: ReplayApp, more: Iterable<string> = []): Promise<string[]> {
  const service = app.backend.service();
  const texts = new Set<string>(more);
  const scenarios = (await service.listScenarios({})) as { id: string }[];
  for (const { id } of scenarios) {
    stringsOf(await service.getScenario({ id }), texts);
    for (const run of (await service.listRuns({ scenarioId: id })) as { id: string }[]) {
      stringsOf(await service.getRun({ id: run.id }), texts);
      stringsOf(await service.listAnnotations({ runId: run.id }), texts);
    }
  }
  stringsOf(await service.listBackups({}), texts);
  stringsOf(await service.listFragments({}), texts);
  // Screens also show parts of Chinese texts (a person's unit without the position after it, as the report names units): their words count too.
  const parts = [...texts].flatMap((text) => [text, unitNameOf(text), ...text.split(/\n+/), ...(FOREIGN.en.test(text) ? text.split(/[\s,，、;；]+/) : [])]);
  return [...new Set(parts.map((text) => text.trim()))].filter((text) => text.length >= 2 && !/^[\d\s.:-]+$/.test(text)).sort((a, b) => b.length - a.length);
}

/** The texts of an item that are in the wrong language, with user content and allowed words set aside. */
function foreignIn(item: Item, language: Language, content: readonly string[]): string | null {
  let text = item.text.trim();
  if (text === ENDONYMS[language]) return null;
  // Text cut short with an ellipsis, from the start of a user text.
  const cut = text.replace(/…$/, '');
  if (cut !== text && content.some((entry) => entry.startsWith(cut))) return null;
  for (const entry of content) if (text.includes(entry)) text = text.split(entry).join(' ');
  for (const { pattern } of ALLOWED) text = text.replace(pattern, ' ');
  return FOREIGN[language].test(text) ? text.replace(/\s+/g, ' ').trim() : null;
}

type Walk = { page: Page; language: Language; content: string[]; found: Map<string, Set<string>> };

/** What a script file brought to its import preview: its name, cells, headings, sheet names, roles and people; not the catalogue's words. */
function scriptTextsOf(fileName: string, preview: PlanImportPreview): Set<string> {
  const texts = new Set([fileName, preview.title, preview.location, ...preview.tables.map((table) => table.name)]);
  for (const column of preview.columns) [column.heading, ...column.samples].forEach((text) => texts.add(text));
  for (const row of preview.rows) [row.time, row.phase, row.text].forEach((text) => texts.add(text));
  for (const role of preview.roles) [role.name, ...role.people].forEach((text) => texts.add(text));
  for (const issue of preview.issues) if (issue.text) texts.add(issue.text);
  return texts;
}

/** Chooses a script file from tests/fixtures/scripts with 导入演练脚本 and waits for its preview; its texts count as user content. */
async function openScript(walk: Walk, app: ReplayApp, name: string) {
  const file = path.join('tests/fixtures/scripts', name);
  const preview = await app.backend.service().previewPlanImport({ fileName: name, dataBase64: fs.readFileSync(file).toString('base64') });
  walk.content = await userContentOf(app, scriptTextsOf(name, preview));
  await walk.page.getByTestId('import-plan-file').setInputFiles(file);
  await expect(walk.page.getByTestId('plan-import-rows')).toBeVisible();
}

/** Reads the screen as it is now and notes what is in the wrong language, by screen. */
async function read(walk: Walk, screen: string) {
  const started = Date.now();
  const items = (await walk.page.evaluate(COLLECT)) as Item[];
  if (process.env.WALK_TIMES) console.log(screen, items.length, Date.now() - started, 'ms');
  expect(items.length, `${screen}: something to read`).toBeGreaterThan(5);
  for (const item of items) {
    const foreign = foreignIn(item, walk.language, walk.content);
    if (foreign === null) continue;
    const key = `${item.text.slice(0, 160)}${foreign === item.text.trim() ? '' : `  [left: ${foreign.slice(0, 80)}]`}`;
    if (!walk.found.has(key)) walk.found.set(key, new Set([item.where]));
    walk.found.get(key)!.add(screen);
  }
}

/** Opens a dialog with `open`, reads it, and closes it with Escape. */
async function readDialog(walk: Walk, screen: string, open: () => Promise<unknown>) {
  await open();
  await expect(walk.page.locator('dialog[open]')).toBeVisible();
  await read(walk, screen);
  await walk.page.keyboard.press('Escape');
  await expect(walk.page.locator('dialog[open]')).toHaveCount(0);
}

async function walkTheApp(walk: Walk, app: ReplayApp) {
  const { page } = walk;
  const scenarioId = app.demo.scenario.id;
  const base = app.url.replace(/#.*$/, '');

  // Home, and its dialogs.
  await page.goto(base);
  await expect(page.getByTestId('scenario-card').first()).toBeVisible();
  await read(walk, 'home');
  // A broken drill file: the refusal in the screen's language, the parser's own words folded away under 技术细节 / Technical details.
  await page.getByTestId('import-file-input').setInputFiles({ name: 'broken.drill.json', mimeType: 'application/json', buffer: Buffer.from('{"formatVersion": 2, "scenario": ') });
  await expect(page.getByTestId('toast-error')).toBeVisible();
  await expect(page.getByTestId('error-technical')).toBeVisible();
  await read(walk, 'home: a broken drill file refused');
  await page.getByTestId('toast-error').locator('.toast-close').click();
  await readDialog(walk, 'home: new drill', () => page.getByTestId('new-scenario').click());
  await readDialog(walk, 'home: from a template', async () => {
    await page.getByTestId('new-from-template').click();
    await expect(page.getByTestId('template-dialog').locator('button.template').first()).toBeVisible();
  });
  await readDialog(walk, 'home: delete', () => page.getByTestId('delete-scenario').first().click());
  await readDialog(walk, 'backups', async () => {
    await page.getByTestId('open-backups').click();
    await page.getByTestId('create-backup').click();
    await expect(page.getByTestId('backup-row').first()).toBeVisible();
    walk.content = await userContentOf(app);
  });
  await page.getByTestId('open-backups').click();
  await page.getByTestId('restore-backup').first().click();
  await expect(page.getByTestId('confirm-dialog')).toBeVisible();
  await read(walk, 'backups: restore');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('confirm-dialog')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(page.locator('dialog[open]')).toHaveCount(0);

  // The drill-script import: the preview of a messy script (unreadable times, notes), then a county script with phases, imported.
  await readDialog(walk, 'home: import a script, messy', async () => {
    await openScript(walk, app, 'f12-mixed-notations.csv');
    await expect(page.getByTestId('plan-import-unreadable').first()).toBeVisible();
  });
  await openScript(walk, app, 'f01-flood-county.docx');
  await read(walk, 'home: import a script, phases');
  await page.getByTestId('plan-import-confirm').click();
  await expect(page.getByTestId('editor')).toBeVisible();
  const importedId = new URL(page.url()).hash.split('/')[2];
  walk.content = await userContentOf(app);
  await page.goto(`${base}#/scenario/${importedId}/timeline`);
  await expect(page.getByTestId('timeline-phase').first()).toBeVisible();
  await read(walk, 'timeline: phases');

  // The editor: the overview, each panel, a step of each kind, an edge, several steps, each dialog, the menu and find.
  await page.goto(`${base}#/scenario/${scenarioId}`);
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  await read(walk, 'editor: overview');
  const plan = app.demo.scenario;
  for (const kind of ['inject', 'action', 'decision', 'milestone'] as const) {
    const step = plan.steps.find((s) => s.kind === kind);
    if (!step) continue;
    await page.keyboard.press('Control+f');
    await page.getByTestId('find-input').fill(step.title);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('field-title')).toHaveValue(step.title);
    await read(walk, `editor: inspector, ${kind}`);
  }
  await page.getByTestId('edge-label').first().click();
  await expect(page.getByTestId('edge-inspector')).toBeVisible();
  await read(walk, 'editor: inspector, edge');
  await page.keyboard.press('Control+a');
  await expect(page.getByTestId('multi-inspector')).toBeVisible();
  await read(walk, 'editor: several selected');
  await page.getByTestId('panel-tab-roles').click();
  await read(walk, 'editor: roles');
  await page.getByTestId('role-item').first().locator('.role-item-head').click();
  await read(walk, 'editor: a role open');
  await readDialog(walk, 'editor: delete a role in use', () => page.getByTestId('role-delete').click());
  await page.getByTestId('panel-tab-findings').click();
  await read(walk, 'editor: findings');
  await page.getByTestId('menu-button').click();
  await read(walk, 'editor: menu');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+f');
  await page.getByTestId('find-input').fill('没有这个词');
  await read(walk, 'editor: find');
  await page.keyboard.press('Escape');
  await readDialog(walk, 'editor: drill details', () => page.getByTestId('tool-edit-meta').click());
  await readDialog(walk, 'editor: help', () => page.keyboard.press('?'));
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+a');
  await readDialog(walk, 'editor: save fragment', () => page.getByTestId('menu-button').click().then(() => page.getByTestId('menu-save-fragment').click()));
  await readDialog(walk, 'editor: insert fragment', () => page.getByTestId('menu-button').click().then(() => page.getByTestId('menu-insert-fragment').click()));

  // The timeline, the runs and their dialogs.
  await page.getByTestId('view-tab-timeline').click();
  await expect(page.getByTestId('timeline-bar').first()).toBeVisible();
  await page.getByTestId('timeline-bar').first().click();
  await read(walk, 'timeline');
  await page.getByTestId('view-tab-runs').click();
  await expect(page.getByTestId('run-row').first()).toBeVisible();
  await read(walk, 'runs');
  await readDialog(walk, 'runs: new run', () => page.getByTestId('new-run').click());
  await readDialog(walk, 'runs: import a log', () => page.getByTestId('import-run').click());
  await readDialog(walk, 'runs: delete', () => page.getByTestId('delete-run').first().click());

  // The console of a live run, and each of its dialogs.
  await page.getByTestId('new-run').click();
  await page.getByTestId('run-name').fill('演练检查');
  await page.getByTestId('start-run').click();
  await expect(page.getByTestId('conduct-screen')).toBeVisible();
  const first = page.getByTestId('run-step').filter({ has: page.locator('[data-testid="step-delivered"]') }).first();
  await first.getByTestId('step-delivered').click();
  await page.getByTestId('observation-text').fill('通讯畅通');
  await page.getByTestId('observation-add').click();
  await expect(page.getByTestId('log-item').nth(1)).toBeVisible();
  walk.content = await userContentOf(app);
  await read(walk, 'console');
  await readDialog(walk, 'console: skip', () => page.getByTestId('step-skip').first().click());
  await readDialog(walk, 'console: correct', () => page.getByTestId('log-correct').first().click());
  await readDialog(walk, 'console: shift the plan', () => page.getByTestId('run-shift-plan').click());
  await readDialog(walk, 'console: end', () => page.getByTestId('run-end').click());
  await readDialog(walk, 'console: branch', () => page.getByTestId('step-decide').first().click());
  await page.getByTestId('run-pause').click();
  await expect(page.getByTestId('run-resume')).toBeVisible();
  await read(walk, 'console: paused');

  // The replay, each tab.
  await page.goto(`${base}#/replay/${app.demo.runId}`);
  await expect(page.getByTestId('replay-node').first()).toBeVisible();
  await page.locator('.replay-shortcuts summary').click();
  await read(walk, 'replay');
  await page.locator('.replay-shortcuts summary').click();
  await page.getByTestId('side-annotations').click();
  await read(walk, 'replay: annotations');
  await page.getByTestId('replay-tab-analysis').click();
  await expect(page.getByTestId('analysis-view')).toBeVisible();
  await read(walk, 'replay: plan against reality');
  await page.getByTestId('replay-tab-report').click();
  await expect(page.locator('[data-testid="report-preview"] [data-testid="print-pages"][data-state="ready"]')).toBeVisible();
  await read(walk, 'replay: report');
  await page.getByTestId('replay-tab-replay').click();

  // Print, each document; then the script of the imported drill, with its phase heading rows.
  await page.goto(`${base}#/scenario/${scenarioId}/print`);
  for (const doc of ['sheets', 'roster', 'script'] as const) {
    await page.getByTestId(`print-doc-${doc}`).check();
    await expect(page.locator('[data-testid="print-pages"][data-state="ready"]')).toBeVisible();
  }
  await read(walk, 'print');
  await page.goto(`${base}#/scenario/${importedId}/print`);
  await page.getByTestId('print-doc-script').check();
  await expect(page.locator('[data-testid="print-pages"][data-state="ready"]')).toBeVisible();
  await expect(page.getByTestId('script-phase').first()).toBeVisible();
  await read(walk, 'print: a script with phases');
}

for (const language of ['zh', 'en'] as const) {
  test(`every screen speaks ${language === 'zh' ? 'Chinese' : 'English'}, apart from user content, product names, keys and units`, async ({ page }) => {
    test.setTimeout(600_000);
    const app = await startReplayApp();
    try {
      await page.goto(app.url);
      await page.getByTestId('language').selectOption(language);
      const walk: Walk = { page, language, content: await userContentOf(app), found: new Map() };
      await walkTheApp(walk, app);
      // Each text once: where it was first seen, then the screens that show it.
      const report = [...walk.found].map(([text, [where, ...screens]]) => `${text}  —  ${where}  (${screens.join('; ')})`);
      expect(report, `text in the wrong language:\n${report.join('\n')}`).toEqual([]);
    } finally {
      await app.close();
    }
  });
}
