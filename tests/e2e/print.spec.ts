/**
 * The printed documents in real Chromium: the print view printed to PDF with
 * `page.pdf` (what the command line and Electron's printToPDF do), then read
 * back with poppler's pdftotext and pdfinfo.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import type { Page } from '@playwright/test';
import { parseScenarioFile, scenarioFileTextOf } from '../../shared/scenarioFile';
import { drillScriptOf, fitsA5Card, roleSheetsOf } from '../../shared/sheets';
import { docSignLineOf } from '../../shared/docText';
import { messageOf } from '../../shared/i18n';
import type { ScenarioBody } from '../../shared/model';
import { printSheets } from '../../electron/cli/sheets';
import { readZipEntries } from '../../electron/core/zip';
import { contactListOf, equipmentListOf, SCENARIO_DOCUMENTS } from '../../shared/drillDocuments';
import { INJECT_SECRETS, printDrill } from '../fixtures/printDrill';
import { expect, test, type TestApp } from './fixtures';

const drillScriptRowsOf = (body: ScenarioBody) => drillScriptOf(body).rows;

const pageCountOf = (pdf: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
const textOf = (pdf: string, page?: number) =>
  execFileSync('pdftotext', [...(page ? ['-f', String(page), '-l', String(page)] : []), pdf, '-'], { encoding: 'utf8' });
/** The text in reading order down the page (`-layout`): table rows stay in order when cells span columns. */
const layoutTextOf = (pdf: string) => execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
/** The text of one column of every page, top to bottom; `x` and `width` as fractions of the page's width. */
function columnTextOf(pdf: string, x: number, width: number): string {
  const [pageWidth, pageHeight] = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))!.slice(1).map(Number);
  const crop = ['-x', String(Math.floor(x * pageWidth)), '-y', '0', '-W', String(Math.ceil(width * pageWidth)), '-H', String(Math.ceil(pageHeight))];
  return Array.from({ length: pageCountOf(pdf) }, (_, i) => execFileSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), ...crop, pdf, '-'], { encoding: 'utf8' })).join('\n');
}
/** Page text without any white space, so titles wrapped in a table cell still read as one string. */
const squeezed = (text: string) => text.replace(/\s+/g, '');
/** The role each page's header names: 【总指挥】 on the first page of a sheet, 【总指挥】…（续） on the others. */
const roleHeadersOf = (text: string) => [...text.matchAll(/【([^】]+)】/g)].map((match) => match[1]);

function importScenario(app: TestApp, body: ScenarioBody): string {
  const summary = app.backend.service().importScenario({ text: scenarioFileTextOf(body) }) as { id: string };
  return summary.id;
}

async function openPrintView(page: Page, app: TestApp, scenarioId: string, query = '') {
  await page.goto(`${app.url}${query}#/scenario/${scenarioId}/print`);
  await expect(page.locator('[data-testid="print-pages"][data-state="ready"]')).toBeVisible();
}

async function printToPdf(page: Page, name: string): Promise<string> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'drilldesk-pdf-')), name);
  await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
  return file;
}

/** The composite sample drill, as its file reads. */
function compositeSample(): ScenarioBody {
  const parsed = parseScenarioFile(fs.readFileSync(fileURLToPath(new URL('../../scenarios/flood-season-composite.drill.json', import.meta.url)), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  return parsed.value;
}

/** Checks that `titles` occur in `text` in this order. */
function expectInOrder(text: string, titles: string[]) {
  let from = 0;
  for (const title of titles) {
    const at = text.indexOf(squeezed(title), from);
    expect(at, `"${title}" after position ${from}`).toBeGreaterThanOrEqual(0);
    from = at + 1;
  }
}

test('role sheets print one page per role, each with its steps in time order, in real Chinese text', async ({ app, page }) => {
  const body = printDrill();
  const id = importScenario(app, body);
  await openPrintView(page, app, id, '&print=sheets');
  const pdf = await printToPdf(page, 'sheets.pdf');

  const sheets = roleSheetsOf(body);
  expect(pageCountOf(pdf)).toBe(sheets.length);
  sheets.forEach((sheet, i) => {
    const text = textOf(pdf, i + 1);
    expect(roleHeadersOf(text)).toEqual([sheet.role.name]);
    expect(text).toContain('岗位任务卡');
    expectInOrder(squeezed(text), sheet.steps.map((step) => step.title));
    if (sheet.variant === 'player-safe') for (const secret of INJECT_SECRETS) expect(squeezed(text)).not.toContain(secret);
  });
  // The controller's sheet is the full variant: it names the injects.
  expect(squeezed(textOf(pdf, 4))).toContain('暴雨红色预警');
  expect(textOf(pdf, 4)).toContain('完整版');
  expect(squeezed(textOf(pdf, 2))).toContain('接到导调组下达的情景信息后（电话）');
  // The footer: page number of the sheet and the revision date.
  const firstPage = squeezed(textOf(pdf, 1));
  expect(firstPage).toContain('第1页/共1页');
  expect(firstPage).toMatch(/\d{4}-\d{2}-\d{2}版·修改\d+次/);
});

test('the composite drill never puts two roles on one page and starts every sheet on a new page', async ({ app, page }) => {
  const drill = compositeSample();
  const id = importScenario(app, drill);
  await openPrintView(page, app, id, '&print=sheets');
  const pdf = await printToPdf(page, 'composite-sheets.pdf');

  const sheets = roleSheetsOf(drill);
  const pages = pageCountOf(pdf);
  expect(pages).toBe(await page.getByTestId('print-page').count());
  const headers: string[] = [];
  for (let p = 1; p <= pages; p++) {
    const found = roleHeadersOf(textOf(pdf, p));
    expect(found, `page ${p}`).toHaveLength(1);
    headers.push(found[0]);
  }
  // Each role's pages come together, in the roles' order, each sheet beginning with its title page.
  expect([...new Set(headers)]).toEqual(sheets.map((sheet) => sheet.role.name));
  expect(pages).toBeGreaterThanOrEqual(sheets.length);
  for (const sheet of sheets) {
    const first = headers.indexOf(sheet.role.name) + 1;
    const last = headers.lastIndexOf(sheet.role.name) + 1;
    const text = squeezed(Array.from({ length: last - first + 1 }, (_, i) => textOf(pdf, first + i)).join(''));
    // An observer's sheet is its 观摩手册 (schedule by phase, no task list).
    if (sheet.role.category === 'observer') {
      expect(squeezed(textOf(pdf, first))).toContain('观摩手册');
      continue;
    }
    expect(squeezed(textOf(pdf, first))).toContain('岗位任务卡');
    expectInOrder(text, sheet.steps.map((step) => step.title.slice(0, 8)));
  }
});

test('the print dialog shows the variant of each sheet and previews A4 pages as printed', async ({ app, page }) => {
  const id = importScenario(app, printDrill());
  await openPrintView(page, app, id);
  const variantOf = (roleId: string) => page.getByTestId(`print-role-${roleId}`).locator('xpath=..').getByTestId('print-role-variant');
  await expect(variantOf('hq')).toHaveText('参演版');
  await expect(variantOf('ctl')).toHaveText('完整版');
  await expect(variantOf('eva')).toHaveText('完整版');
  await expect(page.getByTestId('print-page').first().getByTestId('sheet-variant')).toHaveText('参演版');

  // Only the roster and the script: landscape A4 boxes (297 × 210 mm at 96 px per inch).
  await page.getByTestId('print-doc-sheets').uncheck();
  await expect(page.locator('[data-testid="print-pages"][data-state="ready"]')).toBeVisible();
  const box = await page.getByTestId('print-page').first().boundingBox();
  expect(Math.round(box!.width)).toBe(1123);
  expect(Math.round(box!.height)).toBe(794);
  await expect(page.getByTestId('print-page-count')).toHaveText(`共 ${await page.getByTestId('print-page').count()} 页`);

  // Two roles only: two portrait sheets before the roster.
  await page.getByTestId('print-doc-sheets').check();
  await page.getByRole('button', { name: '全不选' }).click();
  await page.getByTestId('print-role-mon').check();
  await page.getByTestId('print-role-sim').check();
  await expect(page.locator('[data-testid="print-pages"][data-state="ready"]')).toBeVisible();
  const flows = await page.getByTestId('print-page').evaluateAll((pages) => pages.map((p) => p.getAttribute('data-flow')));
  expect(flows.slice(0, 2)).toEqual(['sheet-mon', 'sheet-sim']);
  const portrait = await page.getByTestId('print-page').first().boundingBox();
  expect([Math.round(portrait!.width), Math.round(portrait!.height)]).toEqual([794, 1123]);
});

test('the drill script prints in landscape with a row per step and its decisions branching', async ({ app, page }) => {
  const id = importScenario(app, printDrill());
  await openPrintView(page, app, id, '&print=script');
  const pdf = await printToPdf(page, 'script.pdf');
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  expect(info).toMatch(/Page size:\s+841\.\d+ x 595\.\d+ pts|Page size:\s+841\.\d+ x 594\.\d+ pts/);
  const text = squeezed(textOf(pdf));
  for (const heading of ['时间', '情景内容', '参演角色', '处置动作', '报告指令（对白）', '预期结果', '备注']) expect(text).toContain(heading);
  expectInOrder(squeezed(layoutTextOf(pdf)), ['暴雨红色预警', '会商研判汛情', '水位是否超警戒', '加密水位巡测', '启动Ⅱ级应急响应', '断面采样', '污水处理厂停运', '加密监测', '演练结束']);
  expect(text).toContain('“超警戒”→转第6步');
});

test('Excel export of the roster downloads a workbook that reads back', async ({ app, page }) => {
  const id = importScenario(app, printDrill());
  await openPrintView(page, app, id);
  const download = page.waitForEvent('download');
  await page.getByTestId('xlsx-roster').click();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'drilldesk-xlsx-')), 'roster.xlsx');
  const done = await download;
  expect(done.suggestedFilename()).toBe('汛期水环境应急演练（打印测试）-角色分工表.xlsx');
  await done.saveAs(file);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  expect(workbook.getWorksheet('角色分工表')!.getCell('F4').value).toBe('周建国');
});

test('the sign-in sheet, the equipment list and the contacts download as workbooks, and the A5 cards as Word, from the print view', async ({ app, page }) => {
  const drill = compositeSample();
  const id = importScenario(app, drill);
  await openPrintView(page, app, id, '&print=sheets');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drilldesk-office-'));
  const downloadOf = async (testId: string) => {
    const download = page.waitForEvent('download');
    await page.getByTestId(testId).click();
    const done = await download;
    const saved = path.join(dir, done.suggestedFilename());
    await done.saveAs(saved);
    return saved;
  };
  const title = drill.title;
  const contacts = contactListOf(drill);
  const people = contacts.groups.flatMap((group) => group.people);
  expect(people.length).toBeGreaterThan(10);
  for (const [kind, document, sheetName] of [
    ['sign-in', '签到表', '签到表'],
    ['equipment', '物资装备清单', '物资装备汇总'],
    ['contacts', '演练通讯录', '演练通讯录'],
  ] as const) {
    const saved = await downloadOf(`xlsx-${kind}`);
    expect(path.basename(saved)).toBe(`${title}-${document}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(saved);
    const sheet = workbook.getWorksheet(sheetName);
    expect(sheet, `${kind}: a sheet named ${sheetName}`).toBeDefined();
    const cells = new Set<string>();
    sheet!.eachRow((row) => row.eachCell((cell) => cells.add(String(cell.value ?? ''))));
    // The sign-in sheet and the contacts name everyone; the equipment list every item of the steps' resources.
    if (kind === 'equipment') for (const { item } of equipmentListOf(drill).summary) expect(cells, item).toContain(item);
    else for (const person of people) expect(cells, person.name).toContain(person.name);
  }

  // The panel offers the evaluation plan and the support plan; ticked, they print with their sections, items and contacts.
  await page.getByTestId('print-doc-sheets').uncheck();
  await page.getByTestId('print-doc-evaluation-plan').check();
  await page.getByTestId('print-doc-support-plan').check();
  await expect(page.getByTestId('print-page').first()).toHaveAttribute('data-flow', 'evaluation-plan');
  await expect(page.locator('[data-testid="print-pages"][data-state="ready"]')).toBeVisible();
  const plans = squeezed(textOf(await printToPdf(page, 'composite-plans.pdf')));
  expectInOrder(plans, ['评估方案', '一、演练信息', '二、评估内容', '三、评估标准', '四、评估组织与分工', '五、评估程序', '六、评估表', '七、评估报告', '保障方案', '一、总体要求', '二、安全保障', '三、物资装备保障', '四、通信保障', '五、后勤保障', '六、人员保障', '七、场地保障']);
  for (const item of drill.evaluation.forms[0].sections.flatMap((section) => section.items)) expect(plans).toContain(squeezed(item.content));
  for (const person of people) expect(plans).toContain(person.phone);
  await page.getByTestId('print-doc-sheets').check();

  // With the A5 option the Word role sheets give each player with few tasks an A5 section, the others A4.
  await page.getByTestId('print-a5').check();
  const saved = await downloadOf('docx-sheets');
  expect(path.basename(saved)).toBe(`${title}-岗位任务卡.docx`);
  const parts = await readZipEntries(fs.readFileSync(saved), { wanted: (name) => name === 'word/document.xml' });
  const xml = parts.get('word/document.xml')!.toString('utf8');
  const cards = roleSheetsOf(drill).filter((sheet) => sheet.role.category !== 'observer' && fitsA5Card(sheet));
  expect(cards.length).toBeGreaterThan(0);
  expect(xml.match(/<w:pgSz w:w="8391" w:h="11906" w:orient="portrait"\/>/g)?.length).toBe(cards.length);
  const { value: text } = await mammoth.extractRawText({ path: saved });
  for (const card of cards) expect(text).toContain(`【${card.role.name}】`);
});

test('Word export of the script downloads from the print view by keyboard, and the PDF and .docx carry the document fields', async ({ app, page }) => {
  const body: ScenarioBody = {
    ...printDrill(),
    docFields: { unit: '县生态环境局', drafter: '张伟', reviewer: '李强', approver: '王芳', version: '2', date: '2026-06-01', classification: '内部资料 注意保存', recipients: '', copyTo: '', signOff: '' },
  };
  const id = importScenario(app, body);
  await openPrintView(page, app, id, '&print=script');
  // The PDF: the mark and the fields at the head, the sign-off line at the end, the foot line instead of the bare revision.
  const pdf = squeezed(textOf(await printToPdf(page, 'script.pdf')));
  for (const text of ['内部资料注意保存', '编制单位：县生态环境局', '编制：张伟', '审核：李强', '签发：王芳', '县生态环境局·第2版·2026年6月1日']) expect(pdf).toContain(text);
  expect(pdf).not.toContain('修订');

  const button = page.getByTestId('docx-script');
  await button.focus();
  const download = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  const done = await download;
  expect(done.suggestedFilename()).toBe('汛期水环境应急演练（打印测试）-演练脚本.docx');
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'drilldesk-docx-')), 'script.docx');
  await done.saveAs(file);
  const { value: text } = await mammoth.extractRawText({ path: file });
  for (const step of body.steps) expect(text).toContain(step.title);
  expect(text).toContain('内部资料 注意保存');
  expect(text).toContain('编制：张伟\u3000审核：李强\u3000签发：王芳');
});

test('drill sheets writes one PDF per document', async () => {
  // Ten documents, each laid out in its own page of headless Chromium on a shared two-core machine.
  test.setTimeout(300_000);
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'drilldesk-cli-'));
  const printed = await printSheets({ text: scenarioFileTextOf(printDrill()), outDir, build: false });
  expect(printed.map((p) => [p.document, path.basename(p.file), pageCountOf(p.file)])).toEqual([
    ['sheets', '汛期水环境应急演练（打印测试）-岗位任务卡.pdf', 6],
    ['roster', '汛期水环境应急演练（打印测试）-角色分工表.pdf', printed[1].pages],
    ['script', '汛期水环境应急演练（打印测试）-演练脚本.pdf', printed[2].pages],
    ['plan', '汛期水环境应急演练（打印测试）-演练工作方案.pdf', printed[3].pages],
    ['evaluation-plan', '汛期水环境应急演练（打印测试）-评估方案.pdf', printed[4].pages],
    ['support-plan', '汛期水环境应急演练（打印测试）-保障方案.pdf', printed[5].pages],
    ['notice', '汛期水环境应急演练（打印测试）-演练通知.pdf', printed[6].pages],
    ['sign-in', '汛期水环境应急演练（打印测试）-签到表.pdf', printed[7].pages],
    ['equipment', '汛期水环境应急演练（打印测试）-物资装备清单.pdf', printed[8].pages],
    ['contacts', '汛期水环境应急演练（打印测试）-演练通讯录.pdf', printed[9].pages],
  ]);
  expect(squeezed(textOf(printed[1].file))).toContain('指挥体系');
  // The drill has no evaluation forms: its evaluation plan says so instead of printing empty tables.
  expect(squeezed(textOf(printed[4].file))).toContain(squeezed(messageOf('zh', 'print.docs.evalPlan.noForms')));
  expect(squeezed(textOf(printed[5].file))).toContain('七、场地保障');
  expect(squeezed(textOf(printed[6].file))).toContain('关于开展汛期水环境应急演练（打印测试）的通知');
  fs.rmSync(outDir, { recursive: true, force: true });
});

test('the drill plan, the sign-in sheet and an observer handbook print from the print view, and the roster carries its new columns', async ({ app, page }) => {
  const body = printDrill();
  const id = importScenario(app, {
    ...body,
    arrangements: { ...body.arrangements, basis: '《县突发环境事件应急预案》', safety: '演练区域设警戒线', viewing: '观摩台设在资水河大桥东侧' },
    roles: [
      ...body.roles.map((role) => (role.id === 'mon' ? { ...role, mark: '蓝色袖标', assemblyPlace: '监测站门口', assemblyTime: '08:00', backup: '赵磊' } : role)),
      { ...body.roles[0], id: 'obs', name: '观摩嘉宾', group: '观摩人员', category: 'observer' as const, reportsTo: null, people: [{ name: '市局来宾', unit: '市生态环境局', phone: '', callSign: '' }] },
    ],
  });
  await openPrintView(page, app, id, '&print=plan,sign-in');
  const plan = squeezed(textOf(await printToPdf(page, 'plan.pdf')));
  for (const heading of ['演练工作方案', '一、演练目的', '二、编制依据', '《县突发环境事件应急预案》', '（一）演练组织机构', '（二）应急指挥体系（模拟）', '六、演练阶段及时间安排', '八、安全保障', '演练区域设警戒线', '签到表', '签名'])
    expect(plan).toContain(squeezed(heading));
  for (const person of ['周建国', '王晓东', '李娜', '袁志华', '市局来宾']) expect(plan).toContain(person);

  await openPrintView(page, app, id, '&print=sheets&roles=obs');
  const handbook = squeezed(textOf(await printToPdf(page, 'handbook.pdf')));
  for (const text of ['观摩手册', '【观摩嘉宾】', '二、演练日程', '三、观摩位置', '观摩台设在资水河大桥东侧', '四、注意事项', '五、联系方式', '郑凯']) expect(handbook).toContain(squeezed(text));

  await openPrintView(page, app, id, '&print=roster');
  const roster = squeezed(textOf(await printToPdf(page, 'roster.pdf')));
  for (const text of ['标识', '集合地点/时间', 'A/B角', '蓝色袖标', '监测站门口', 'B：赵磊', '参加人员共8人', '（一）演练组织机构', '（二）应急指挥体系（模拟）']) expect(roster).toContain(squeezed(text));
});

test('the composite drill script fits seven landscape pages: long rows split with the header repeated and （续） marked', async ({ app, page }) => {
  const drill = compositeSample();
  const id = importScenario(app, drill);
  await openPrintView(page, app, id, '&print=script');
  const pdf = await printToPdf(page, 'composite-script.pdf');
  const pages = pageCountOf(pdf);
  expect(pages).toBe(await page.getByTestId('print-page').count());
  // Was 16 pages with rows that never split, 11 with only the dialogue splitting; the target is 7 at the same
  // 9 pt type (about 12,000 characters in 56 steps of 3 to 9 paragraphs each), the sign-off line on the last.
  expect(pages).toBeLessThanOrEqual(7);
  await expect(page.getByTestId('print-page').last().getByTestId('doc-fields-sign')).toHaveText(docSignLineOf(drill.docFields, (key, params) => messageOf('zh', key, params)));
  for (const signed of ['编制：周晓峰', '审核：何建国', '签发：李志刚']) expect(squeezed(textOf(pdf, pages))).toContain(signed);
  // The footer and the repeated header row say what a later page is: no running head takes its room.
  await expect(page.getByTestId('print-running-head')).toHaveCount(0);
  // The composite compresses time: each step's scenario time under its clock time, explained once in the head table.
  const sceneTimes = drillScriptRowsOf(drill).filter((row) => row.scenarioTime !== '');
  expect(sceneTimes.length).toBeGreaterThan(5);
  await expect(page.getByTestId('script-scene-time')).toHaveText(sceneTimes.map((row) => row.scenarioTime));
  expect(squeezed(textOf(pdf, 1))).toContain(squeezed(`情景时间按压缩时序推进，时间栏中褐色楷体的时间为情景时间（${sceneTimes[0].scenarioTime}至${sceneTimes.at(-1)!.scenarioTime}）`));
  // The header row on every page; a row carried over is marked 续 on the next page.
  for (let p = 1; p <= pages; p++) {
    const text = squeezed(textOf(pdf, p));
    for (const heading of ['序号', '情景内容', '处置动作', '预期结果']) expect(text, `page ${p}`).toContain(heading);
  }
  const continued = await page.getByTestId('script-row-continued').count();
  expect(continued).toBeGreaterThan(0);
  expect(squeezed(textOf(pdf))).toContain('（续）');
  // A step broken across pages: its part carried over is the first row of the next page, under the same step number
  // as the last row of the page before.
  const breaks = await page.getByTestId('script-row-continued').evaluateAll((rows) =>
    rows.map((row) => {
      const previous = row.closest('[data-testid="print-page"]')!.previousElementSibling;
      const before = previous ? Array.from(previous.querySelectorAll('[data-testid="script-row"]')).at(-1) : undefined;
      return { number: row.children[0].textContent, opensPage: row.closest('table')!.tBodies[0].contains(row), numberBefore: before?.children[0].textContent };
    }),
  );
  expect(breaks).toHaveLength(continued);
  for (const carried of breaks) expect(carried).toEqual({ number: carried.numberBefore, opensPage: true, numberBefore: carried.number });
  // Every step still there, in order, and no text lost at a split: each turn of each row's dialogue reads whole in the
  // wide column that prints it (read on its own, as the columns beside it wrap on lines of their own), across the break.
  const script = squeezed(layoutTextOf(pdf));
  expectInOrder(script, drillScriptRowsOf(drill).map((row) => row.title.slice(0, 8)));
  const [x, width] = await page.getByTestId('print-page').first().evaluate((box) => {
    const cell = box.querySelectorAll('thead th')[2].getBoundingClientRect();
    const whole = box.getBoundingClientRect();
    return [(cell.left - whole.left) / whole.width, cell.width / whole.width];
  });
  const wide = squeezed(columnTextOf(pdf, x, width));
  for (const row of drillScriptRowsOf(drill)) for (const line of row.dialogue.split('\n').filter((l) => l.length > 0)) expect(wide, row.title).toContain(squeezed(line));
});

test('the A5 option prints a one-page A5 card for each player with few tasks and keeps A4 sheets for the others', async ({ app, page }) => {
  const drill = compositeSample();
  const id = importScenario(app, drill);
  await openPrintView(page, app, id, '&print=sheets');
  await page.getByTestId('print-a5').check();
  await expect(page.locator('[data-testid="print-pages"][data-state="ready"]')).toBeVisible();
  const pdf = await printToPdf(page, 'composite-a5.pdf');
  const pages = pageCountOf(pdf);
  const sizes = [...execFileSync('pdfinfo', ['-f', '1', '-l', String(pages), pdf], { encoding: 'utf8' }).matchAll(/Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+)/g)].map((m) => [Math.round(Number(m[2])), Math.round(Number(m[3]))]);
  expect(sizes).toHaveLength(pages);
  const sheets = roleSheetsOf(drill);
  const small = sheets.filter(fitsA5Card);
  expect(small.length).toBeGreaterThan(0);
  // Which role each page is for, and its size: every small player's card is exactly one A5 page (420 × 595 pt).
  const flows = await page.getByTestId('print-page').evaluateAll((boxes) => boxes.map((box) => box.getAttribute('data-flow')));
  expect(flows).toHaveLength(pages);
  for (const sheet of small) {
    const at = flows.flatMap((flow, i) => (flow === `card-${sheet.role.id}` ? [i] : []));
    expect(at, sheet.role.name).toHaveLength(1);
    expect(sizes[at[0]], sheet.role.name).toEqual([420, 595]);
    const text = squeezed(textOf(pdf, at[0] + 1));
    expect(text).toContain(`【${sheet.role.name}】`);
    expect(text).toContain(squeezed(drill.docFields.classification));
    for (const step of sheet.steps) expect(text).toContain(squeezed(step.title));
  }
  // The others keep the A4 sheet.
  const big = sheets.find((sheet) => !small.includes(sheet))!;
  const bigAt = flows.indexOf(`sheet-${big.role.id}`);
  expect(sizes[bigAt]).toEqual([595, 842]);
});

test('no page of the composite drill’s documents is left with only a note or a sign-off line', async ({ app, page }) => {
  const id = importScenario(app, compositeSample());
  await openPrintView(page, app, id, `&print=${SCENARIO_DOCUMENTS.join(',')}`);
  // Each page's parts (running head left out), and whether each is only a closing note or the sign-off line.
  const pages = await page.getByTestId('print-page').evaluateAll((boxes) =>
    boxes.map((box) => {
      const parts = Array.from(box.querySelectorAll('.sheet-content > .doc-part'));
      const closing = (part: Element) => Array.from(part.children).every((child) => child.matches('.doc-note, [data-testid="doc-fields-sign"]'));
      return {
        flow: box.getAttribute('data-flow')!,
        page: Number(box.getAttribute('data-page')),
        parts: parts.length,
        onlyClosing: parts.length > 0 && parts.every(closing),
        text: parts.map((part) => part.textContent ?? '').join(' ').slice(0, 40),
      };
    }),
  );
  const flows = new Set(pages.map((p) => p.flow));
  expect(flows.size).toBeGreaterThan(SCENARIO_DOCUMENTS.length);
  expect(pages.every((p) => p.parts > 0)).toBe(true);
  const pagesOf = (flow: string) => pages.filter((p) => p.flow === flow).length;
  expect(pages.filter((p) => pagesOf(p.flow) > 1 && p.onlyClosing).map((p) => `${p.flow} page ${p.page}: ${p.text}`)).toEqual([]);
});
