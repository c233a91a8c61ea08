/**
 * The Word export, read back: through the real back end on SQLite in a temp
 * folder (the call the print view and the replay make), each .docx is read
 * as text with mammoth and as XML through the project's zip reader, and must
 * hold every role, step, phase and heading of its view-model, in real Word
 * tables whose header row repeats, on A4 with the GB/T 9704 margins and the
 * official fonts named by their East Asian names.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiOutputs, Envelope } from '../../shared/api';
import { messageOf } from '../../shared/i18n';
import { EMPTY_DOC_FIELDS, NewRunEventSchema, ScenarioBodySchema, type DocFields, type Run, type Scenario } from '../../shared/model';
import { A5_MAX_TASKS, drillScriptOf, fitsA5Card, roleSheetsOf } from '../../shared/sheets';
import { openBackend, type Backend } from '../../electron/core/backend';
import { memoryPrefsStore } from '../../electron/core/prefs';
import { readZipEntries } from '../../electron/core/zip';
import { wordedErrorOf } from '../support/storage';

const SAMPLE = path.join(__dirname, '../../scenarios/flood-season-composite.drill.json');
const FIELDS: DocFields = {
  ...EMPTY_DOC_FIELDS,
  unit: '县生态环境局',
  drafter: '张伟',
  reviewer: '李强',
  approver: '王芳',
  version: '3',
  date: '2026-06-01',
  classification: '内部资料 注意保存',
};

const PHASES = ['第一阶段 预警与响应', '第二阶段 应急处置', '第三阶段 后期处置'];

let dataDir: string;
let backend: Backend;
let scenario: Scenario;
let run: Run;

async function call<M extends keyof ApiOutputs>(method: M, arg: unknown): Promise<ApiOutputs[M]> {
  const envelope = (await backend.call(method, arg)) as Envelope<ApiOutputs[M]>;
  if (!envelope.ok) throw new Error(`${method} failed: ${envelope.error.code} ${envelope.error.key}`);
  return envelope.value;
}

type Read = { fileName: string; text: string; xml: string; footer: string; fonts: string };

async function exportDocx(arg: Record<string, unknown>): Promise<Read> {
  const { fileName, base64 } = await call('exportDocx', arg);
  const bytes = Buffer.from(base64, 'base64');
  const { value: text } = await mammoth.extractRawText({ buffer: bytes });
  const parts = await readZipEntries(bytes, { wanted: (name) => name.startsWith('word/') && name.endsWith('.xml') });
  const footer = [...parts].filter(([name]) => name.startsWith('word/footer')).map(([, data]) => data.toString('utf8')).join('');
  return { fileName, text, xml: parts.get('word/document.xml')!.toString('utf8'), footer, fonts: parts.get('word/fontTable.xml')!.toString('utf8') };
}

const count = (text: string, part: string) => text.split(part).length - 1;
/** Every table's first row is a repeating header row. */
const tablesWithRepeatingHeaders = (xml: string) => {
  const tables = xml.split('<w:tbl>').slice(1);
  return tables.filter((table) => /^.*?<w:tr>.*?<w:trPr>.*?<w:tblHeader\/>/s.test(table.split('</w:tr>')[0] + '</w:tr>')).length;
};

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'drilldesk-docx-'));
  backend = openBackend({ dataDir, templatesDir: path.join(dataDir, 'no-templates'), prefs: memoryPrefsStore(), log: () => {} });
  // The composite sample, its steps in three phases by planned order (as an imported script would have them).
  const file = JSON.parse(fs.readFileSync(SAMPLE, 'utf8')) as { scenario: { steps: { id: string; phase: string }[] } };
  const order = drillScriptOf(ScenarioBodySchema.parse(file.scenario)).rows.map((row) => row.id);
  for (const step of file.scenario.steps) step.phase = PHASES[Math.floor((order.indexOf(step.id) * PHASES.length) / order.length)];
  const summary = await call('importScenario', { text: JSON.stringify(file) });
  scenario = await call('updateScenarioMeta', { id: summary.id, patch: { docFields: FIELDS } });

  // A short run: an inject, a step started and finished, an evaluation score, on-the-spot comments and debrief notes.
  const created = await call('createRun', { scenarioId: scenario.id, name: '正式演练' });
  const [first, second] = drillScriptOf(scenario).rows;
  const record = (event: Record<string, unknown>) => call('recordEvent', { runId: created.id, event: NewRunEventSchema.parse(event) });
  await record({ kind: first.kind === 'inject' ? 'inject-delivered' : 'started', stepId: first.id });
  await record({ kind: 'started', stepId: second.id });
  await record({ kind: 'observation', stepId: second.id, text: '供水保障组 5 分钟内到位', rating: 4 });
  const item = scenario.evaluation.forms[0].sections[0].items[0];
  await record({ kind: 'evaluation-scored', itemId: item.id, value: 'not-met', person: '袁志华', text: '未在10分钟内通知到位' });
  await record({ kind: 'hot-wash', person: '袁志华', text: '预警传递偏慢，处置总体有序' });
  await record({ kind: 'ended' });
  for (const [kind, text] of [['went-well', '各组协同顺畅'], ['went-wrong', '备用发电机启动偏慢'], ['improvement', '每季度试机备用发电机']] as const)
    await call('addAnnotation', { runId: created.id, fields: { at: created.startedAt, stepId: second.id, kind, text, ownerRoleId: null, dueDate: null, done: false } });
  run = await call('updateRunDocFields', { id: created.id, docFields: { ...EMPTY_DOC_FIELDS, unit: '县应急办', recipients: '市生态环境局', copyTo: '县应急管理局', signOff: '县生态环境局', date: '2026-06-20' } });
});

afterAll(() => {
  backend.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the drill script in Word', () => {
  it('holds every step and every phase heading, in one table whose header row repeats on each page', async () => {
    const doc = await exportDocx({ document: 'script', scenarioId: scenario.id });
    expect(doc.fileName).toBe(`${scenario.title}-演练脚本.docx`);
    const script = drillScriptOf(scenario);
    for (const row of script.rows) expect(doc.text).toContain(row.title);
    expect([...new Set(script.rows.map((row) => row.phase))]).toEqual(PHASES);
    // Each phase heads its rows once, as a row across the table.
    for (const phase of PHASES) expect(count(doc.text, phase)).toBe(1);
    // The composite compresses time: a 情景时间 column beside the time (nine columns), every scenario time in it.
    expect(script.hasScenarioTime).toBe(true);
    expect(count(doc.xml, '<w:gridSpan w:val="9"/>')).toBe(PHASES.length);
    for (const heading of ['序号', '情景时间', '情景内容', '处置动作', '报告指令（对白）', '预期结果']) expect(doc.text).toContain(heading);
    for (const row of script.rows) if (row.scenarioTime) expect(doc.text).toContain(row.scenarioTime);
    expect(tablesWithRepeatingHeaders(doc.xml)).toBe(count(doc.xml, '<w:tbl>') - 1); // all but the drill facts
    expect(count(doc.xml, '<w:tblHeader/>')).toBe(1);
    // Rows may break across pages: in the script's table only the header row is kept whole.
    const rows = doc.xml.split('<w:tbl>').at(-1)!.split('<w:tr>').slice(1);
    expect(rows).toHaveLength(1 + script.rows.length + PHASES.length);
    expect(rows.filter((row) => row.includes('<w:cantSplit/>'))).toEqual([rows[0]]);
  });

  it('is A4 landscape with the official margins, fonts and page numbers', async () => {
    const doc = await exportDocx({ document: 'script', scenarioId: scenario.id });
    expect(doc.xml).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
    expect(doc.xml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    for (const font of ['方正小标宋简体', '仿宋_GB2312', '黑体']) expect(doc.xml).toContain(`w:eastAsia="${font}"`);
    expect(doc.fonts).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>');
    expect(doc.fonts).toContain('<w:font w:name="方正小标宋简体"><w:altName w:val="黑体"/>');
    expect(doc.footer).toMatch(/— <\/w:t>.*PAGE.*<w:t xml:space="preserve"> —/s);
  });

  it('carries the scenario\'s document fields: mark, unit, version, date and who signed it off', async () => {
    const doc = await exportDocx({ document: 'script', scenarioId: scenario.id });
    expect(doc.text).toContain('内部资料 注意保存');
    expect(doc.text).toContain('编制单位：县生态环境局');
    expect(doc.text).toContain('版本：3');
    expect(doc.text).toContain('编制：张伟\u3000审核：李强\u3000签发：王芳');
    expect(doc.footer).toContain('县生态环境局 · 第 3 版 · 2026年6月1日');
  });
});

describe('the role sheets in Word', () => {
  it('gives every role its own section with its tasks, and keeps injects off the players\' sheets', async () => {
    const doc = await exportDocx({ document: 'role-sheets', scenarioId: scenario.id });
    const sheets = roleSheetsOf(scenario);
    expect(count(doc.xml, '<w:sectPr')).toBe(sheets.length);
    for (const sheet of sheets) {
      expect(doc.text).toContain(`【${sheet.role.name}】`);
      for (const step of sheet.steps) expect(doc.text).toContain(step.title);
    }
    expect(doc.text).toContain('【参演版】');
    expect(doc.text).toContain('【完整版】');
    // The evaluators' card: its notice, and each item with the steps to watch at their planned times.
    expect(doc.text).toContain(messageOf('zh', 'print.sheet.evaluatorNotice'));
    expect(doc.text).toContain(messageOf('zh', 'print.sheet.evaluationWatch'));
    const watched = sheets.flatMap((sheet) => sheet.evaluation.flatMap((duty) => duty.forms.flatMap((form) => form.items.flatMap((item) => item.watch))));
    expect(watched.length).toBeGreaterThan(0);
    for (const step of watched) expect(doc.text).toContain(`${step.time!.start} ${step.title}`);
    expect(doc.xml).toMatch(/<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"\/>/);
    expect(tablesWithRepeatingHeaders(doc.xml)).toBeGreaterThanOrEqual(sheets.length);
  });

  it('prints one player\'s sheet without any inject\'s title', async () => {
    const player = scenario.roles.find((role) => role.category === 'player' && scenario.steps.some((step) => step.roleIds.includes(role.id) && step.kind === 'inject'));
    expect(player).toBeDefined();
    const doc = await exportDocx({ document: 'role-sheets', scenarioId: scenario.id, roleIds: [player!.id] });
    expect(doc.fileName).toBe(`${scenario.title}-岗位任务卡-${player!.name}.docx`);
    for (const step of scenario.steps.filter((s) => s.kind === 'inject' && s.roleIds.includes(player!.id))) expect(doc.text).not.toContain(step.title);
  });
});

describe('the one-page A5 task cards in Word', () => {
  const A5 = /<w:pgSz w:w="8391" w:h="11906" w:orient="portrait"\/>/g;
  const A4 = /<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"\/>/g;

  it('gives each player with few tasks an A5 section of its own, by the print view\'s rule, and the others their A4 sheet', async () => {
    const sheets = roleSheetsOf(scenario);
    const cards = sheets.filter((sheet) => sheet.role.category !== 'observer' && fitsA5Card(sheet));
    expect(cards.length).toBeGreaterThan(0);
    expect(cards.length).toBeLessThan(sheets.length);
    const doc = await exportDocx({ document: 'role-sheets', scenarioId: scenario.id, a5: true });
    expect(count(doc.xml, '<w:sectPr')).toBe(sheets.length);
    expect(doc.xml.match(A5)?.length).toBe(cards.length);
    expect(doc.xml.match(A4)?.length).toBe(sheets.length - cards.length);
    for (const card of cards) {
      expect(card.steps.length).toBeLessThanOrEqual(A5_MAX_TASKS);
      expect(doc.text).toContain(`【${card.role.name}】`);
      for (const step of card.steps) expect(doc.text).toContain(step.title);
    }
    // The full sheets (controllers, evaluators) never become cards, whatever their task count.
    for (const sheet of sheets.filter((s) => s.variant === 'full')) expect(cards).not.toContain(sheet);
  });

  it('prints one chosen card on A5 and nothing on A5 without the option', async () => {
    const card = roleSheetsOf(scenario).find((sheet) => sheet.role.category !== 'observer' && fitsA5Card(sheet))!;
    const one = await exportDocx({ document: 'role-sheets', scenarioId: scenario.id, roleIds: [card.role.id], a5: true });
    expect(one.xml.match(A5)?.length).toBe(1);
    expect(one.text).toContain(messageOf('zh', 'print.sheet.col.task'));
    const plain = await exportDocx({ document: 'role-sheets', scenarioId: scenario.id });
    expect(plain.xml.match(A5)).toBeNull();
  });

  it('refuses an option that is not a yes or no', async () => {
    const envelope = (await backend.call('exportDocx', { document: 'role-sheets', scenarioId: scenario.id, a5: 'yes' })) as Envelope<unknown>;
    expect(envelope.ok).toBe(false);
  });
});

describe('the roster and the evaluation forms in Word', () => {
  it('lists every role and person in the roster, and the command structure', async () => {
    const doc = await exportDocx({ document: 'roster', scenarioId: scenario.id });
    for (const role of scenario.roles) {
      expect(doc.text).toContain(role.name);
      for (const person of role.people) expect(doc.text).toContain(person.name);
    }
    expect(doc.text).toContain('指挥体系');
    expect(tablesWithRepeatingHeaders(doc.xml)).toBe(1);
  });

  it('lists every item of every blank form, with its criterion', async () => {
    const doc = await exportDocx({ document: 'evaluation-form', scenarioId: scenario.id });
    for (const form of scenario.evaluation.forms)
      for (const section of form.sections) {
        expect(doc.text).toContain(section.title);
        for (const item of section.items) expect(doc.text).toContain(item.content);
      }
    expect(count(doc.xml, '<w:sectPr')).toBe(scenario.evaluation.forms.length);
  });
});

describe('the run\'s reports in Word', () => {
  it('writes the summary report at 三号 with its four sections, the debrief notes and the run\'s own head fields', async () => {
    const doc = await exportDocx({ document: 'report', runId: run.id });
    expect(doc.fileName).toBe(`${scenario.title}-演练总结报告-正式演练.docx`);
    for (const key of ['section1', 'section2', 'section3', 'section4', 'appendix']) expect(doc.text).toContain(messageOf('zh', `replay.report.${key}`));
    for (const note of ['各组协同顺畅', '备用发电机启动偏慢', '每季度试机备用发电机', '供水保障组 5 分钟内到位']) expect(doc.text).toContain(note);
    expect(doc.text).toContain('主送：市生态环境局');
    expect(doc.text).toContain('抄送：县应急管理局');
    expect(doc.text).toContain('2026年6月20日');
    // The run leaves the signatories empty: the scenario's are printed.
    expect(doc.text).toContain('编制：张伟');
    expect(doc.xml).toContain('<w:sz w:val="32"/>');
    expect(doc.xml).toContain('w:eastAsia="楷体_GB2312"');
  });

  it('writes the evaluation report with its eight sections, the item not met and its evidence', async () => {
    const doc = await exportDocx({ document: 'evaluation-report', runId: run.id });
    for (let n = 1; n <= 8; n++) expect(doc.text).toContain(messageOf('zh', `evaluation.report.section${n}`));
    expect(doc.text).toContain(scenario.evaluation.forms[0].sections[0].items[0].content);
    expect(doc.text).toContain('未在10分钟内通知到位');
    expect(doc.text).toContain('预警传递偏慢，处置总体有序');
  });

  it('writes English labels when asked', async () => {
    const doc = await exportDocx({ document: 'report', runId: run.id, language: 'en' });
    expect(doc.text).toContain(messageOf('en', 'replay.report.section1'));
    expect(doc.text).toContain('To: 市生态环境局');
  });
});

describe('refusals', () => {
  it('refuses a report asked of a scenario, a sheet asked of a run, an unknown form, and unknown roles, naming the problem', async () => {
    const refusal = async (arg: unknown) => {
      const envelope = (await backend.call('exportDocx', arg)) as Envelope<unknown>;
      return envelope.ok ? null : wordedErrorOf(envelope.error);
    };
    expect(await refusal({ document: 'report', scenarioId: scenario.id })).toMatchObject({ code: 'invalid-argument', message: 'exportDocx: "report" is a run\'s report: give "runId"' });
    expect(await refusal({ document: 'script', runId: run.id })).toMatchObject({ code: 'invalid-argument' });
    expect(await refusal({ document: 'evaluation-form', scenarioId: scenario.id, formId: 'nope' })).toMatchObject({ code: 'not-found', key: 'errors.scenario.formNotFound', message: 'no evaluation form "nope"' });
    expect(await refusal({ document: 'role-sheets', scenarioId: scenario.id, roleIds: ['nobody'] })).toMatchObject({ code: 'invalid-argument' });
    expect(await refusal({ document: 'script', scenarioId: 'missing' })).toMatchObject({ code: 'not-found' });
  });
});
