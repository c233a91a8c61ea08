/**
 * The drill office's documents (演练工作方案, 评估方案, 保障方案, 演练通知,
 * 签到表, 物资装备清单, 演练通讯录) and the observers' 观摩手册: their view-models over the small
 * print drill and the composite sample, and their Word files made through the
 * real back end on SQLite and read back with mammoth.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiOutputs, Envelope } from '../../shared/api';
import {
  contactListOf,
  documentBlocksOf,
  DRILL_DOCUMENTS,
  handbookBlocksOf,
  type DocBlock,
  drillNoticeOf,
  drillPlanOf,
  equipmentListOf,
  evaluationPlanDocOf,
  observerHandbookOf,
  phaseSpansOf,
  resourceItemsOf,
  signInSheetOf,
  supportPlanOf,
} from '../../shared/drillDocuments';
import { readZipEntries } from '../../electron/core/zip';
import { messageOf, type Language } from '../../shared/i18n';
import { EMPTY_ARRANGEMENTS, ScenarioBodySchema, type DrillArrangements, type Scenario, type ScenarioBody } from '../../shared/model';
import { openBackend, type Backend } from '../../electron/core/backend';
import { memoryPrefsStore } from '../../electron/core/prefs';
import { printDrill } from '../fixtures/printDrill';

const SAMPLE = path.join(__dirname, '../../scenarios/flood-season-composite.drill.json');
const composite = (): ScenarioBody => ScenarioBodySchema.parse((JSON.parse(fs.readFileSync(SAMPLE, 'utf8')) as { scenario: unknown }).scenario);

const ARRANGEMENTS: DrillArrangements = {
  ...EMPTY_ARRANGEMENTS,
  basis: '《国家突发环境事件应急预案》\n《县突发环境事件应急预案》',
  safety: '演练区域设警戒线，配备救生衣和急救箱。',
  support: '应急监测车 2 辆，卫星电话 1 部，午餐由后勤保障组统一安排。',
  preparation: '6月1日前 完成演练脚本\n6月10日 预演',
  reportingPoint: '县应急指挥中心一楼大厅，08:00 前报到',
  contact: '县生态环境局办公室 郑凯 138-0000-0005',
  viewing: '观摩台设在资水河大桥东侧',
};

describe('the documents as view-models', () => {
  it('reads the items of a resources text, however they are separated', () => {
    expect(resourceItemsOf('采样车、便携式多参数仪；防护服\n采样车。')).toEqual(['采样车', '便携式多参数仪', '防护服']);
    expect(resourceItemsOf('  ')).toEqual([]);
  });

  it('aggregates the equipment from the steps, once overall and by role and site', () => {
    const body = printDrill();
    const withResources = printDrill({
      steps: body.steps.map((step) =>
        step.id === 'a4' ? { ...step, resources: '采样瓶、便携式多参数仪' } : step.id === 'a5' ? { ...step, resources: '便携式多参数仪', location: '污水处理厂排口' } : { ...step, resources: '' },
      ),
    });
    const list = equipmentListOf(withResources);
    expect(list.summary).toEqual([
      { item: '采样瓶', roles: ['应急监测组'], sites: ['资水河城区断面'], uses: 1 },
      { item: '便携式多参数仪', roles: ['应急监测组'], sites: ['资水河城区断面', '污水处理厂排口'], uses: 2 },
    ]);
    expect(list.byRole).toHaveLength(1);
    expect(list.byRole[0]).toMatchObject({ role: '应急监测组', holder: '王晓东' });
    expect(list.byRole[0].rows.map((row) => `${row.item}@${row.site}:${row.steps.map((s) => s.time).join(',')}`).sort()).toEqual(
      ['便携式多参数仪@污水处理厂排口:09:30', '便携式多参数仪@资水河城区断面:09:22', '采样瓶@资水河城区断面:09:22'].sort(),
    );
  });

  it('lists everyone by unit on the sign-in sheet and by group in the contacts', () => {
    const sheet = signInSheetOf(printDrill());
    expect(sheet.total).toBe(7);
    expect(sheet.units.map((unit) => `${unit.unit}:${unit.people.map((p) => p.name).join('/')}`)).toEqual([
      '县人民政府:周建国',
      '县生态环境局:何志强/郑凯/蒋浩',
      '县生态环境监测站:王晓东/李娜',
      '省环境应急与事故调查中心:袁志华',
    ]);
    const contacts = contactListOf(printDrill());
    expect(contacts.groups.find((group) => group.group === '应急监测组')!.people.map((p) => p.phone)).toEqual(['138-0000-0003', '138-0000-0004']);
  });

  it('gives each phase its span from the planned schedule', () => {
    const body = printDrill();
    const phased = printDrill({ steps: body.steps.map((step) => ({ ...step, phase: ['i1', 'a1', 'd1'].includes(step.id) ? '预警与响应' : '应急处置' })) });
    expect(phaseSpansOf(phased).map((p) => [p.phase, p.start, p.end, p.stepCount])).toEqual([
      ['预警与响应', '09:00', '09:17', 3],
      ['应急处置', '09:05', '09:45', 7],
    ]);
  });

  it('builds the notice and the plan from the roster, the arrangements and the evaluation plan', () => {
    const body = { ...composite(), arrangements: ARRANGEMENTS };
    const notice = drillNoticeOf(body);
    expect(notice.participants.reduce((sum, unit) => sum + unit.people, 0)).toBe(notice.headcount.total);
    expect(notice.arrangements.reportingPoint).toContain('08:00');
    const plan = drillPlanOf(body);
    expect(plan.drillCommand.map((node) => node.role.name)).toEqual(['演练领导小组']);
    expect(plan.responseCommand.map((node) => node.role.name)).toEqual(['总指挥']);
    expect(plan.evaluation.forms.length).toBe(body.evaluation.forms.length);
    expect(plan.byCategory.map((c) => c.category)).toEqual(['player', 'controller', 'simulator', 'evaluator', 'observer']);
  });

  it("gives an observer a handbook with the schedule, viewing positions and the control team's contacts", () => {
    const body = { ...composite(), arrangements: ARRANGEMENTS };
    const book = observerHandbookOf(body, 'role-observer')!;
    expect(book.roleName).toBe('观摩人员');
    expect(book.phases.length).toBeGreaterThan(0);
    expect(book.contacts.length).toBeGreaterThan(0);
    expect(book.contacts.every((person) => body.roles.find((role) => role.name === person.roleName)!.category === 'controller')).toBe(true);
    const t = (key: string, params?: Record<string, string | number>) => messageOf('zh', key, params);
    const blocks = documentBlocksOf('contacts', body, t, 'zh').blocks;
    expect(blocks[0]).toEqual({ kind: 'mark', text: '仅限本次演练使用' });
  });
});

const textOfBlocks = (blocks: DocBlock[]) =>
  blocks
    .flatMap((block) => {
      if (block.kind === 'facts') return block.rows.map((row) => `${row.label} ${row.value}`);
      if (block.kind === 'table') return [...block.headings, ...block.rows.flat().map((cell) => (typeof cell === 'string' ? cell : cell.text))];
      return [block.text];
    })
    .join('\n');
const translate = (language: Language) => (key: string, params?: Record<string, string | number>) => messageOf(language, key, params);

describe('the evaluation plan and the support plan', () => {
  const zh = translate('zh');
  const body = { ...composite(), arrangements: ARRANGEMENTS };

  it('puts every objective, every item with its standard and the steps it watches, and every evaluator in the evaluation plan', () => {
    const doc = documentBlocksOf('evaluation-plan', body, zh, 'zh');
    expect(doc.title).toBe('评估方案');
    expect(doc.scale).toBe('report');
    const text = textOfBlocks(doc.blocks);
    const headings = doc.blocks.filter((block) => block.kind === 'heading1').map((block) => (block as { text: string }).text);
    expect(headings).toEqual(['一、演练信息', '二、评估内容', '三、评估标准', '四、评估组织与分工', '五、评估程序', '六、评估表', '七、评估报告']);
    for (const objective of body.objectives) expect(text).toContain(objective.text);
    const items = body.evaluation.forms.flatMap((form) => form.sections.flatMap((section) => section.items));
    expect(items.length).toBeGreaterThan(20);
    for (const item of items) {
      expect(text).toContain(item.content);
      if (item.criterion) expect(text).toContain(item.criterion);
    }
    for (const assignment of body.evaluation.assignments) expect(text).toContain(assignment.person);
    expect(text).toContain('袁志华（组长）');
    // Each objective lists exactly the items linked to it; the items linked to none are listed apart.
    const plan = evaluationPlanDocOf(body);
    body.objectives.forEach((objective, i) => expect(plan.objectives[i].items.map((item) => item.content)).toEqual(items.filter((item) => item.objectiveIds.includes(objective.id)).map((item) => item.content)));
    expect(plan.unlinked.map((item) => item.content)).toEqual(items.filter((item) => item.objectiveIds.length === 0).map((item) => item.content));
    const table = doc.blocks.find((block) => block.kind === 'table' && block.key === 'evaluation-plan-objectives') as Extract<DocBlock, { kind: 'table' }>;
    const linked = [...plan.objectives.map((o) => o.items), plan.unlinked];
    expect(table.rows.map((row) => row[1])).toEqual([...body.objectives.map((o) => o.text), '其他（未关联演练目标）']);
    table.rows.forEach((row, r) => {
      for (const item of linked[r]) expect(row[2], item.content).toContain(`${item.number} ${item.content}`);
      expect(row[3]).toBe(String(linked[r].length));
    });
    // The scheme with its rating words, the pass mark and every critical item by number.
    const form = body.evaluation.forms[0];
    expect(text).toContain(messageOf('zh', `evaluation.form.schemeNote.${form.scheme}`, { pass: form.passPercent }));
    expect(text).toContain(`合格线：得分率不低于 ${form.passPercent}%`);
    for (const critical of plan.forms[0].critical) expect(text).toContain(`${critical.number} ${critical.content}`);
    expect(plan.forms[0].critical.length).toBe(items.filter((item) => item.critical).length);
    // An item watches its linked steps in planned order, with their planned start.
    const monitoring = plan.forms[0].sections.flatMap((section) => section.items).find((item) => item.content === '制定应急监测方案')!;
    expect(monitoring.watch).toEqual([{ title: '制定应急监测方案', time: '09:21' }]);
    expect(text).toContain('09:21 制定应急监测方案');
    // The evaluator roles' own script steps (现场点评, 总结) with their times, and the evaluation team by name.
    expect(plan.steps.map((step) => step.title)).toEqual(['现场点评', '总结讲话与演练总结']);
    for (const person of body.roles.filter((role) => role.category === 'evaluator').flatMap((role) => role.people)) expect(text).toContain(person.name);
    // One table per form, each section a bold row over its items.
    const formTables = doc.blocks.filter((block) => block.kind === 'table' && block.key.startsWith('evaluation-plan-form-'));
    expect(formTables).toHaveLength(body.evaluation.forms.length);
  });

  it('says plainly that there are no forms yet, rather than printing empty tables', () => {
    const body = printDrill();
    expect(body.evaluation.forms).toEqual([]);
    const doc = documentBlocksOf('evaluation-plan', body, zh, 'zh');
    const text = textOfBlocks(doc.blocks);
    expect(text.split(messageOf('zh', 'print.docs.evalPlan.noForms')).length - 1).toBe(3);
    expect(text).toContain(messageOf('zh', 'print.docs.evalPlan.noAssignments'));
    expect(doc.blocks.filter((block) => block.kind === 'table')).toEqual([]);
    expect(text).toContain('检验应急监测和信息报送能力。');
    // The 评估组 is still named from the roster, and its own step with its time.
    expect(text).toContain('袁志华');
    expect(text).toContain('09:05 现场评估记录');
  });

  it('puts the safety and logistics texts, every equipment item, every contact, every role\'s assembly and every site in the support plan', () => {
    const doc = documentBlocksOf('support-plan', body, zh, 'zh');
    expect(doc.title).toBe('保障方案');
    const text = textOfBlocks(doc.blocks);
    const headings = doc.blocks.filter((block) => block.kind === 'heading1').map((block) => (block as { text: string }).text);
    expect(headings).toEqual(['一、总体要求', '二、安全保障', '三、物资装备保障', '四、通信保障', '五、后勤保障', '六、人员保障', '七、场地保障']);
    expect(text).toContain(ARRANGEMENTS.safety);
    expect(text).toContain(ARRANGEMENTS.support);
    expect(text).toContain(ARRANGEMENTS.contact);
    const equipment = equipmentListOf(body).summary;
    expect(equipment.length).toBeGreaterThan(50);
    for (const entry of equipment) expect(text).toContain(entry.item);
    for (const person of contactListOf(body).groups.flatMap((group) => group.people)) {
      expect(text).toContain(person.name);
      expect(text).toContain(person.phone);
      expect(text).toContain(person.callSign);
    }
    for (const role of body.roles) expect(text).toContain(`${role.name}\n${messageOf('zh', `category.${role.category}`)}\n${role.people.length}\n${role.assemblyPlace}\n${role.assemblyTime}`);
    const plan = supportPlanOf(body);
    const locations = [...new Set(body.steps.map((step) => step.location.trim()))];
    expect(plan.sites.map((site) => site.site).sort()).toEqual(locations.sort());
    expect(plan.sites.reduce((sum, site) => sum + site.steps.length, 0)).toBe(body.steps.length);
    const works = plan.sites.find((site) => site.site === '县第一自来水厂')!;
    expect([works.start, works.end]).toEqual(['09:25', '10:30']);
  });

  it('reads "not written" for arrangements left empty, as the plan does', () => {
    const text = textOfBlocks(documentBlocksOf('support-plan', { ...body, arrangements: EMPTY_ARRANGEMENTS }, zh, 'zh').blocks);
    expect(text.split(messageOf('zh', 'print.docs.notWritten')).length - 1).toBe(3);
  });

  it.each(['zh', 'en'] as const)('finds every word of both documents in the %s catalogue, and the English ones in English', (language) => {
    const t = translate(language);
    for (const scenario of [body, printDrill()])
      for (const document of ['evaluation-plan', 'support-plan'] as const) {
        const doc = documentBlocksOf(document, scenario, t, language);
        const text = `${doc.title}\n${doc.running}\n${textOfBlocks(doc.blocks)}`;
        expect(text, document).not.toMatch(/\b(print|evaluation|category)\.[\w.-]+/);
        if (language === 'en') {
          const catalogueWords = [doc.title, ...doc.blocks.flatMap((block) => (block.kind === 'heading1' ? [block.text] : block.kind === 'table' ? block.headings : block.kind === 'facts' ? block.rows.map((row) => row.label) : []))];
          for (const words of catalogueWords) expect(words, document).not.toMatch(/\p{Script=Han}/u);
        }
      }
  });
});

describe('the samples as a drill office would send them', () => {
  const t = translate('zh');
  const samples = fs.readdirSync(path.dirname(SAMPLE)).filter((name) => name.endsWith('.drill.json'));

  it.each(samples)('%s: every document filled in, nothing left （未填写）, and the header fields and roster marks set', (name) => {
    const body = ScenarioBodySchema.parse((JSON.parse(fs.readFileSync(path.join(path.dirname(SAMPLE), name), 'utf8')) as { scenario: unknown }).scenario);
    const notWritten = messageOf('zh', 'print.docs.notWritten');
    for (const document of DRILL_DOCUMENTS) expect(textOfBlocks(documentBlocksOf(document, body, t, 'zh').blocks), document).not.toContain(notWritten);
    for (const role of body.roles.filter((r) => r.category === 'observer')) expect(textOfBlocks(handbookBlocksOf(body, role.id, t, 'zh')!.blocks), role.name).not.toContain(notWritten);
    for (const [field, value] of Object.entries(body.docFields).filter(([key]) => key !== 'date')) expect(value, field).not.toBe('');
    expect(body.docFields.date).not.toBeNull();
    for (const [field, value] of Object.entries(body.arrangements)) expect(value.trim(), field).not.toBe('');
    for (const role of body.roles) expect([role.mark, role.assemblyPlace, role.assemblyTime], role.name).not.toContain('');
  });
});

let dataDir: string;
let backend: Backend;
let scenario: Scenario;

async function call<M extends keyof ApiOutputs>(method: M, arg: unknown): Promise<ApiOutputs[M]> {
  const envelope = (await backend.call(method, arg)) as Envelope<ApiOutputs[M]>;
  if (!envelope.ok) throw new Error(`${method} failed: ${envelope.error.code} ${envelope.error.key}`);
  return envelope.value;
}

async function wordText(document: string, extra: Record<string, unknown> = {}): Promise<{ fileName: string; text: string }> {
  const { fileName, base64 } = await call('exportDocx', { document, scenarioId: scenario.id, ...extra });
  return { fileName, text: (await mammoth.extractRawText({ buffer: Buffer.from(base64, 'base64') })).value };
}

describe('the documents in Word', () => {
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'drilldesk-drilldocs-'));
    backend = openBackend({ dataDir, templatesDir: path.join(dataDir, 'no-templates'), prefs: memoryPrefsStore(), log: () => {} });
    const summary = await call('importScenario', { text: fs.readFileSync(SAMPLE, 'utf8') });
    scenario = await call('updateScenarioMeta', { id: summary.id, patch: { arrangements: ARRANGEMENTS } });
  });
  afterAll(() => {
    backend.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes the drill plan with every section, the basis and arrangements as entered, and the organisation', async () => {
    const { fileName, text } = await wordText('plan');
    expect(fileName).toBe(`${scenario.title}-演练工作方案.docx`);
    for (const heading of ['一、演练目的', '二、编制依据', '三、演练时间、地点和规模', '四、组织机构及职责', '五、演练情景概要', '六、演练阶段及时间安排', '七、参演人员', '八、安全保障', '九、物资、通讯和后勤保障', '十、演练评估', '十一、筹备工作安排'])
      expect(text).toContain(heading);
    for (const entered of ['《国家突发环境事件应急预案》', '演练区域设警戒线', '卫星电话 1 部', '6月10日 预演']) expect(text).toContain(entered);
    for (const role of scenario.roles) expect(text).toContain(role.name);
    for (const objective of scenario.objectives) expect(text).toContain(objective.text);
    expect(text).toContain('（一）演练组织机构');
    expect(text).toContain('（二）应急指挥体系（模拟）');
  });

  it('writes the notice to the participating units with time, place, reporting point and contact', async () => {
    const { text } = await wordText('notice');
    expect(text).toContain(`关于开展${scenario.title}的通知`);
    expect(text).toContain('县应急指挥中心一楼大厅，08:00 前报到');
    expect(text).toContain('县生态环境局办公室 郑凯 138-0000-0005');
    expect(text).toContain(scenario.location);
    for (const unit of drillNoticeOf(scenario).units) expect(text).toContain(unit);
  });

  it('writes the sign-in sheet, the equipment list and the contacts from the same data', async () => {
    const people = scenario.roles.flatMap((role) => role.people);
    const signIn = (await wordText('sign-in')).text;
    for (const person of people) expect(signIn).toContain(person.name);
    expect(signIn).toContain('签名');
    const contacts = (await wordText('contacts')).text;
    expect(contacts).toContain('【仅限本次演练使用】');
    for (const person of people.filter((p) => p.phone)) expect(contacts).toContain(person.phone);
    const equipment = (await wordText('equipment')).text;
    const items = equipmentListOf(scenario).summary;
    expect(items.length).toBeGreaterThan(3);
    for (const item of items) expect(equipment).toContain(item.item);
  });

  it('writes the roster with its new columns, the headcount and the two command trees', async () => {
    const monitor = scenario.roles.find((role) => role.id === 'role-monitor')!;
    const holder = monitor.people[0].name;
    await call('applyGraphOps', {
      scenarioId: scenario.id,
      baseRevision: scenario.revision,
      ops: [{ op: 'updateRole', id: monitor.id, patch: { mark: '蓝色袖标', assemblyPlace: '监测站门口', assemblyTime: '07:30', backup: '赵磊' } }],
    });
    const { text } = await wordText('roster');
    for (const heading of ['标识', '集合地点/时间', '首次到位', 'A/B 角', '蓝色袖标', '监测站门口', `A：${holder}`, 'B：赵磊', '（一）演练组织机构', '（二）应急指挥体系（模拟）'])
      expect(text).toContain(heading);
    expect(text).toMatch(/参加人员共 \d+ 人/);
    // The rulebook refuses a B 角 who is the A 角, with its catalogue message.
    const refused = (await backend.call('applyGraphOps', { scenarioId: scenario.id, baseRevision: scenario.revision + 1, ops: [{ op: 'updateRole', id: monitor.id, patch: { backup: holder } }] })) as Envelope<unknown>;
    expect(refused).toMatchObject({ ok: false, error: { key: 'rules.roleBackupIsHolder' } });
  });

  it('writes the evaluation plan and the support plan as report-scale documents like the plan: same page, fields, sign-off, and header rows that repeat', async () => {
    const xmlOf = async (document: string) => {
      const { base64 } = await call('exportDocx', { document, scenarioId: scenario.id });
      return (await readZipEntries(Buffer.from(base64, 'base64'), { wanted: (name) => name === 'word/document.xml' })).get('word/document.xml')!.toString('utf8');
    };
    const planXml = await xmlOf('plan');
    const pageOf = (xml: string) => [/<w:pgSz [^>]*\/>/.exec(xml)![0], /<w:pgMar [^>]*\/>/.exec(xml)![0]];
    expect(pageOf(planXml)[0]).toBe('<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>');
    const zh = translate('zh');
    for (const [document, name, headings] of [
      ['evaluation-plan', '评估方案', ['一、演练信息', '二、评估内容', '三、评估标准', '四、评估组织与分工', '五、评估程序', '六、评估表', '七、评估报告']],
      ['support-plan', '保障方案', ['一、总体要求', '二、安全保障', '三、物资装备保障', '四、通信保障', '五、后勤保障', '六、人员保障', '七、场地保障']],
    ] as const) {
      const { fileName, text } = await wordText(document);
      expect(fileName).toBe(`${scenario.title}-${name}.docx`);
      for (const heading of [name, ...headings]) expect(text, document).toContain(heading);
      // The scenario's document fields at the head and the sign-off line at the end, as on the plan.
      for (const field of [scenario.docFields.classification, scenario.docFields.drafter, scenario.docFields.approver]) expect(text, document).toContain(field);
      const xml = await xmlOf(document);
      expect(pageOf(xml), document).toEqual(pageOf(planXml));
      expect(xml, document).toContain('<w:sz w:val="32"/>');
      // Every table of blocks has a first row that repeats on each page (the drill facts are label/value rows without one).
      const tables = xml.split('<w:tbl>').slice(1);
      const withHeader = tables.filter((table) => /<w:trPr>(?:(?!<\/w:trPr>).)*<w:tblHeader\/>/s.test(table.split('</w:tr>')[0]));
      expect(withHeader.length, document).toBe(documentBlocksOf(document, scenario, zh, 'zh').blocks.filter((block) => block.kind === 'table').length);
      expect(withHeader.length, document).toBeGreaterThanOrEqual(3);
    }
    // Each section row of the evaluation plan's form table stays with its first item.
    const sectionRows = (await xmlOf('evaluation-plan')).split('<w:tr>').filter((row) => row.includes('<w:gridSpan'));
    expect(sectionRows.length).toBe(scenario.evaluation.forms.reduce((sum, form) => sum + form.sections.length, 0));
    for (const row of sectionRows) expect(row).toContain('<w:keepNext/>');
    const evaluation = (await wordText('evaluation-plan')).text;
    for (const item of scenario.evaluation.forms.flatMap((form) => form.sections.flatMap((section) => section.items))) expect(evaluation).toContain(item.content);
    for (const objective of scenario.objectives) expect(evaluation).toContain(objective.text);
    const support = (await wordText('support-plan')).text;
    for (const entered of ['演练区域设警戒线', '卫星电话 1 部', '县生态环境局办公室 郑凯 138-0000-0005']) expect(support).toContain(entered);
    for (const person of scenario.roles.flatMap((role) => role.people)) expect(support).toContain(person.phone);
  });

  it("makes an observer's role sheet its handbook", async () => {
    const { text } = await wordText('role-sheets', { roleIds: ['role-observer'] });
    expect(text).toContain('观摩手册');
    expect(text).toContain('【观摩人员】');
    for (const heading of ['一、演练概况', '二、演练日程', '三、观摩位置', '四、注意事项', '五、联系方式']) expect(text).toContain(heading);
    expect(text).toContain('观摩台设在资水河大桥东侧');
    expect(text).not.toContain('岗位任务卡');
  });
});
