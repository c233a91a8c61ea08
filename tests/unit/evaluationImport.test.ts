/**
 * Importing evaluation forms from the files bureaus keep, through the same
 * table reader as drill-script import: a messy .xlsx (merged group cells
 * written vertically, numbered items, two items in a cell, points, a √
 * column, a signature line), a Word form (title above the table, a two-row
 * header, vMerge groups), a yes/no CSV (also in GB18030) and a scored CSV
 * with heading rows; refusing a table with no item column and a JSON file;
 * and the blank form DrillDesk exports reading back as the same form.
 * Through the back end's dispatcher, on a real SQLite file.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../shared/api';
import type { EvalForm, Scenario } from '../../shared/model';
import type { Backend } from '../../electron/core/backend';
import { DB_FILE } from '../../electron/storage/dataDir';
import { dumpOf, openTestBackend, refusalOf, removeTempDirs, tempDir, valueOf } from '../support/storage';
import { messyFormXlsx, NO_ITEM_COLUMN_CSV, SCORED_CSV, wordFormDocx, YES_NO_CSV } from '../fixtures/evaluation/forms';
import { encodeGb18030 } from '../support/officeFiles';

let dataDir: string;
let backend: Backend;

beforeAll(() => {
  dataDir = tempDir();
  backend = openTestBackend(dataDir);
});
afterAll(() => {
  backend.close();
  removeTempDirs();
});

const importForm = (fileName: string, bytes: Buffer) =>
  valueOf(backend, 'importEvalForm', { fileName, dataBase64: bytes.toString('base64') });
const outline = (form: EvalForm) => form.sections.map((section) => [section.title, section.items.map((item) => item.content)]);

describe('importing an evaluation form', () => {
  it('reads a messy .xlsx: the title row, vertical merged groups carried down, numbers removed, two items in one cell, points', async () => {
    const { form } = await importForm('内涝评估表.xlsx', await messyFormXlsx());
    expect(form.title).toBe('城区内涝应急演练现场评估表');
    expect(form.scheme).toBe('points');
    expect(outline(form)).toEqual([
      ['预警与信息报告', ['接到暴雨预警后及时通知各成员单位', '按规定时限向上级报告', '预警信息在演练中有效传达到一线人员']],
      ['应急处置', ['排涝泵车20分钟内到达积水点', '设置警戒区并疏导交通', '下穿通道积水超过30厘米时封闭通道']],
      ['后期处置', ['积水退去后清淤消杀']],
    ]);
    expect(form.sections[0].items.map((item) => item.maxPoints)).toEqual([10, 10, 5]);
    expect(form.sections[0].items[0].criterion).toBe('15分钟内通知到位，有记录');
    expect(form.sections[1].items[1].criterion).toBe('到达及时，警戒规范');
    expect(new Set(form.sections.flatMap((s) => s.items.map((i) => i.id))).size).toBe(7);
  });

  it('reads the yes/no variant as a checklist, with its first block on preparation and without the signature line', async () => {
    const { form } = await importForm('是否评估表.csv', Buffer.from(YES_NO_CSV));
    expect(form).toMatchObject({ title: '突发环境事件应急演练评估表', scheme: 'checklist' });
    expect(outline(form)).toEqual([
      ['演练准备', ['演练方案、安全保障方案和脚本是否编制并经审批', '参演人员是否熟悉各自任务']],
      ['接报与信息报告', ['接报后是否在30分钟内派员核实', '是否按时限逐级报告']],
    ]);
  });

  it("reads the scored variant: heading rows make sections, 满分10分 in the header is every item's maximum", async () => {
    const { form } = await importForm('计分评估表.csv', Buffer.from(SCORED_CSV));
    expect(form.title).toBe('计分评估表');
    expect(form.scheme).toBe('points');
    expect(outline(form)).toEqual([
      ['演练策划', ['目标明确', '情景合理']],
      ['应急响应', ['响应及时']],
    ]);
    expect(form.sections.flatMap((s) => s.items.map((i) => i.maxPoints))).toEqual([10, 10, 10]);
  });

  it('reads a Word form: the title from the paragraphs above the table (not the note), a two-row header, groups merged down, the signature row skipped', async () => {
    // Named .xlsx on purpose: the reader tells the format from the bytes, not the name.
    const { form } = await importForm('评估表.xlsx', wordFormDocx());
    expect(form).toMatchObject({ title: '突发水污染事件应急演练评估表', scheme: 'checklist' });
    expect(outline(form)).toEqual([
      ['应急监测', ['监测人员到达现场并布设断面', '首份监测数据报送指挥部']],
      ['污染处置', ['设置拦截坝并投加药剂']],
    ]);
    expect(form.sections[0].items[1].criterion).toBe('2小时内报送，数据有质控');
  });

  it('reads a CSV saved by Chinese Excel (GB18030) as the same form as its UTF-8 twin', async () => {
    const utf8 = (await importForm('是否评估表.csv', Buffer.from(YES_NO_CSV))).form;
    const gb = (await importForm('是否评估表.csv', encodeGb18030(YES_NO_CSV))).form;
    expect(gb.title).toBe(utf8.title);
    expect(outline(gb)).toEqual(outline(utf8));
  });

  it("refuses a table with no recognisable item column, in the screen's language, naming the file, writing nothing", async () => {
    const before = dumpOf(path.join(dataDir, DB_FILE));
    const error = await refusalOf(backend, 'importEvalForm', { fileName: '签到表.csv', dataBase64: Buffer.from(NO_ITEM_COLUMN_CSV).toString('base64') }, 'zh');
    expect(error.code).toBe('invalid-argument');
    expect(error.message).toBe('文件“签到表.csv”：找不到评估内容列：表头（前 12 行内）须有“评估内容”“评估要点”或“检查内容”等列，以及另一列已知的列（如评估项目、评估标准）。');
    expect(dumpOf(path.join(dataDir, DB_FILE))).toBe(before);
  });

  it('refuses a JSON file (a form is a table), and a file whose only table has no items', async () => {
    const json = await refusalOf(backend, 'importEvalForm', { fileName: 'form.json', dataBase64: Buffer.from('{"scenario_name":"x"}').toString('base64') }, 'zh');
    expect(json.message).toMatch(/评估表须为 \.docx、\.xlsx 或 CSV/);
    const empty = await refusalOf(backend, 'importEvalForm', { fileName: '空表.csv', dataBase64: Buffer.from('评估项目,评估内容,评估标准\n').toString('base64') }, 'zh');
    expect(empty.message).toMatch(/表中没有评估内容/);
  });

  it('reads back the blank form DrillDesk exports to Excel as the same sections, items and criteria', async () => {
    const summary = (await valueOf(backend, 'listScenarios', {})).find((s) => s.title === '2026年汛期水环境安全应急实战演练')!;
    const scenario: Scenario = await valueOf(backend, 'getScenario', { id: summary.id });
    const exported = await valueOf(backend, 'exportXlsx', { scenarioId: scenario.id, document: 'evaluation-form', formId: scenario.evaluation.forms[0].id, language: 'zh' });
    expect(exported.fileName).toBe('2026年汛期水环境安全应急实战演练-汛期水环境应急演练评估表.xlsx');
    const { form } = await importForm(exported.fileName, Buffer.from(exported.base64, 'base64'));
    const original = scenario.evaluation.forms[0];
    expect(form.title).toBe(original.title);
    expect(outline(form)).toEqual(outline(original));
    expect(form.sections.flatMap((s) => s.items.map((i) => i.criterion))).toEqual(original.sections.flatMap((s) => s.items.map((i) => i.criterion)));
  });
});
