/**
 * The Excel export, read back with exceljs: through the real back end on
 * SQLite in a temp folder, the same call the print view makes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiOutputs, Envelope } from '../../shared/api';
import { scenarioFileTextOf } from '../../shared/scenarioFile';
import { contactListOf, equipmentListOf, signInSheetOf } from '../../shared/drillDocuments';
import { ScenarioBodySchema } from '../../shared/model';
import { openBackend, type Backend } from '../../electron/core/backend';
import { memoryPrefsStore } from '../../electron/core/prefs';
import { printDrill } from '../fixtures/printDrill';
import { errorTextOf } from '../../shared/api';

let dataDir: string;
let backend: Backend;
let scenarioId: string;

async function exportXlsx(arg: unknown): Promise<ApiOutputs['exportXlsx']> {
  const envelope = (await backend.call('exportXlsx', arg)) as Envelope<ApiOutputs['exportXlsx']>;
  if (!envelope.ok) throw new Error(`exportXlsx failed: ${errorTextOf(envelope.error, 'en').text}`);
  return envelope.value;
}

async function workbookOf(arg: unknown) {
  const { fileName, base64 } = await exportXlsx(arg);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  return { fileName, workbook };
}

/** The text of a row's cells, empty cells as ''. */
function rowText(sheet: ExcelJS.Worksheet, row: number, columns: number): string[] {
  const cells: string[] = [];
  for (let c = 1; c <= columns; c++) {
    const value = sheet.getRow(row).getCell(c).value;
    cells.push(value === null || value === undefined ? '' : String(value));
  }
  return cells;
}

beforeEach(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'drilldesk-xlsx-'));
  backend = openBackend({ dataDir, templatesDir: path.join(dataDir, 'no-templates'), prefs: memoryPrefsStore(), log: () => {} });
  const envelope = (await backend.call('importScenario', { text: scenarioFileTextOf(printDrill()) })) as Envelope<{ id: string }>;
  if (!envelope.ok) throw new Error(errorTextOf(envelope.error, 'en').text);
  scenarioId = envelope.value.id;
});

afterEach(() => {
  backend.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('Excel export of the drill script', () => {
  it('writes one row per step in time order under the Chinese column headings', async () => {
    const { fileName, workbook } = await workbookOf({ scenarioId, document: 'script' });
    expect(fileName).toBe('汛期水环境应急演练（打印测试）-演练脚本.xlsx');
    const sheet = workbook.getWorksheet('演练脚本')!;
    expect(String(sheet.getCell(1, 1).value)).toBe('汛期水环境应急演练（打印测试） 演练脚本');
    expect(rowText(sheet, 3, 8)).toEqual(['序号', '时间', '情景内容', '参演角色', '处置动作', '报告指令（对白）', '预期结果', '备注']);
    const rows = Array.from({ length: 10 }, (_, i) => rowText(sheet, 4 + i, 8));
    expect(rows.map((cells) => cells[1])).toEqual([
      '09:00–09:05',
      '09:05–09:15',
      '09:05–09:45',
      '09:15–09:17',
      '09:17–09:22',
      '09:17–09:20',
      '09:22–09:32',
      '09:25–09:30',
      '09:30–09:45',
      '09:45',
    ]);
    expect(sheet.rowCount).toBe(13);
  });

  it('puts the inject in the scene column and the decision with its branches in the action column', async () => {
    const { workbook } = await workbookOf({ scenarioId, document: 'script' });
    const sheet = workbook.getWorksheet('演练脚本')!;
    const [, , scene, roles, action] = rowText(sheet, 4, 8);
    expect(scene).toContain('【情景注入】暴雨红色预警');
    expect(scene).toContain('过去3小时降雨量达120毫米');
    expect(roles).toBe('导调组、模拟人员、现场指挥部');
    expect(action).toBe('注入方式：电话');
    const decision = rowText(sheet, 7, 8)[4];
    expect(decision.split('\n')).toEqual(['【决策】水位是否超警戒', '研判：资水河城区段水位是否超过警戒水位？', '▸ 超警戒 → 转第6步', '▸ 未超警戒 → 转第5步']);
    expect(rowText(sheet, 8, 8)[4]).toBe('〔第4步“水位是否超警戒”：未超警戒〕加密水位巡测');
    const sampling = rowText(sheet, 10, 8);
    expect(sampling[5]).toBe('应急监测组：报告指挥长，采样已完成。');
    expect(sampling[7]).toBe('地点：资水河城区断面\n物资：采样船、便携式多参数仪');
  });

  it('repeats the heading row on every printed page of an A4 landscape sheet', async () => {
    const { workbook } = await workbookOf({ scenarioId, document: 'script' });
    const sheet = workbook.getWorksheet('演练脚本')!;
    expect(sheet.pageSetup.printTitlesRow).toBe('3:3');
    expect(sheet.pageSetup.orientation).toBe('landscape');
    expect(sheet.pageSetup.paperSize).toBe(9);
    expect(sheet.headerFooter.oddFooter).toContain('第 &P 页 / 共 &N 页');
  });

  it('speaks English when asked', async () => {
    const { fileName, workbook } = await workbookOf({ scenarioId, document: 'script', language: 'en' });
    expect(fileName).toBe('汛期水环境应急演练（打印测试）-Drill_script.xlsx');
    const sheet = workbook.getWorksheet('Drill script')!;
    expect(rowText(sheet, 3, 3)).toEqual(['No.', 'Time', 'Scene']);
  });
});

describe('Excel export of the roster', () => {
  it('lists every person under their role, with the role cells merged across its people', async () => {
    const { fileName, workbook } = await workbookOf({ scenarioId, document: 'roster' });
    expect(fileName).toBe('汛期水环境应急演练（打印测试）-角色分工表.xlsx');
    const sheet = workbook.getWorksheet('角色分工表')!;
    expect(rowText(sheet, 3, 14)).toEqual(['序号', '组别', '角色/岗位', '人员类别', '标识', '姓名', '单位及职务', '联系电话', '呼号', '主要职责', '集合地点/时间', '首次到位', 'A/B 角', '上级']);
    const names = Array.from({ length: 7 }, (_, i) => rowText(sheet, 4 + i, 14)[5]);
    expect(names).toEqual(['周建国', '何志强', '王晓东', '李娜', '郑凯', '蒋浩', '袁志华']);
    const monitor = rowText(sheet, 6, 14);
    expect(monitor).toEqual(['3', '应急监测组', '应急监测组', '参演人员', '', '王晓东', '县生态环境监测站 站长', '138-0000-0003', '监测1号', '采样监测，编报监测快报。', '', '09:22\n资水河城区断面', '', '现场指挥部']);
    expect(rowText(sheet, 8, 14)[11]).toBe('09:00（演练开始）\n值班室');
    expect(sheet.getCell(7, 3).isMerged).toBe(true);
    expect(sheet.getCell(7, 3).master.address).toBe('C6');
    expect(rowText(sheet, 7, 14)[7]).toBe('138-0000-0004');
    expect(String(sheet.getCell(11, 1).value)).toBe('参加人员共 7 人：演练组织 3 人，应急指挥与处置 4 人（参演人员 4 人、控制人员 1 人、模拟人员 1 人、评估人员 1 人）。');
  });

  it('adds the two command structures as indented trees, the drill organisation apart from the response command', async () => {
    const { workbook } = await workbookOf({ scenarioId, document: 'roster' });
    const tree = workbook.getWorksheet('指挥体系')!;
    const rows = Array.from({ length: 8 }, (_, i) => tree.getRow(4 + i));
    expect(rows.map((row) => [String(row.getCell(1).value), row.getCell(1).alignment?.indent ?? 0])).toEqual([
      ['（一）演练组织机构', 0],
      ['导调组', 0],
      ['模拟人员', 2],
      ['评估组', 0],
      ['（二）应急指挥体系（模拟）', 0],
      ['总指挥', 0],
      ['现场指挥部', 2],
      ['应急监测组', 4],
    ]);
  });

  it('refuses a scenario that does not exist', async () => {
    const envelope = await backend.call('exportXlsx', { scenarioId: 'nope', document: 'roster' });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});

describe('Excel export of the sign-in sheet, the equipment list and the contacts', () => {
  const body = () => ScenarioBodySchema.parse(printDrill());
  /** The body rows under the header row (row 3) that number a table, until the first note. */
  const tableRows = (sheet: ExcelJS.Worksheet, columns: number) => {
    const rows: string[][] = [];
    for (let r = 4; r <= sheet.rowCount; r++) {
      const cells = rowText(sheet, r, columns);
      if (!/^\d+$/.test(cells[0])) break;
      rows.push(cells);
    }
    return rows;
  };
  const a4Portrait = (sheet: ExcelJS.Worksheet) => {
    expect(sheet.pageSetup.paperSize).toBe(9);
    expect(sheet.pageSetup.orientation).toBe('portrait');
    expect(sheet.pageSetup.printTitlesRow).toBe('3:3');
  };

  it('writes the sign-in sheet: everyone by unit with blank time and signature cells, the unit merged down its people', async () => {
    const { fileName, workbook } = await workbookOf({ scenarioId, document: 'sign-in' });
    expect(fileName).toBe('汛期水环境应急演练（打印测试）-签到表.xlsx');
    const sheet = workbook.getWorksheet('签到表')!;
    a4Portrait(sheet);
    expect(rowText(sheet, 3, 7)).toEqual(['序号', '单位', '姓名', '角色/岗位', '联系电话', '签到时间', '签名']);
    const list = signInSheetOf(body());
    const expected = list.units.flatMap((unit) => unit.people.map((p) => [unit.unit, p.name, p.roleName, p.phone, '', '']));
    const rows = tableRows(sheet, 7);
    expect(rows.map((row) => row.slice(2))).toEqual(expected.map((row) => row.slice(1)));
    expect(rows.map((row) => row[0])).toEqual(expected.map((_, i) => String(i + 1)));
    const shared = list.units.findIndex((unit) => unit.people.length > 1);
    expect(shared).toBeGreaterThanOrEqual(0);
    const first = 4 + list.units.slice(0, shared).reduce((n, unit) => n + unit.people.length, 0);
    expect(sheet.getCell(first + 1, 2).isMerged).toBe(true);
    expect(sheet.getCell(first + 1, 2).master.address).toBe(`B${first}`);
    expect(String(sheet.getCell(4 + rows.length, 1).value)).toBe(`应到人数：${list.total} 人`);
  });

  it('writes the equipment list: every item once with blank quantity and ready columns, then by role and site', async () => {
    const { fileName, workbook } = await workbookOf({ scenarioId, document: 'equipment' });
    expect(fileName).toBe('汛期水环境应急演练（打印测试）-物资装备清单.xlsx');
    const list = equipmentListOf(body());
    expect(list.summary.length).toBeGreaterThan(0);
    const summary = workbook.getWorksheet('物资装备汇总')!;
    a4Portrait(summary);
    expect(rowText(summary, 3, 7)).toEqual(['序号', '物资装备', '使用角色', '使用地点', '用次', '数量', '到位确认']);
    expect(tableRows(summary, 7)).toEqual(list.summary.map((e, i) => [String(i + 1), e.item, e.roles.join('、'), e.sites.join('、'), String(e.uses), '', '']));
    const byRole = workbook.getWorksheet('按角色和地点')!;
    a4Portrait(byRole);
    expect(rowText(byRole, 3, 5)).toEqual(['序号', '角色/岗位', '物资装备', '地点', '用于（时间 步骤）']);
    expect(tableRows(byRole, 5).map((row) => row[2])).toEqual(list.byRole.flatMap((group) => group.rows.map((row) => row.item)));
  });

  it('writes the contacts by group, marked for this drill only on every page', async () => {
    const { fileName, workbook } = await workbookOf({ scenarioId, document: 'contacts' });
    expect(fileName).toBe('汛期水环境应急演练（打印测试）-演练通讯录.xlsx');
    const sheet = workbook.getWorksheet('演练通讯录')!;
    a4Portrait(sheet);
    expect(sheet.headerFooter.oddHeader).toContain('仅限本次演练使用');
    expect(rowText(sheet, 3, 7)).toEqual(['序号', '组别', '角色/岗位', '姓名', '单位', '联系电话', '呼号']);
    const list = contactListOf(body());
    expect(tableRows(sheet, 7).map((row) => row.slice(2))).toEqual(list.groups.flatMap((group) => group.people.map((p) => [p.roleName, p.name, p.unit, p.phone, p.callSign])));
    const texts = Array.from({ length: sheet.rowCount }, (_, i) => String(sheet.getCell(i + 1, 1).value ?? ''));
    expect(texts).toContain('本通讯录仅限本次演练使用，演练结束后收回或销毁，不得外传。');
  });

  it('speaks English when asked, and refuses a document that has no Excel form', async () => {
    const { fileName, workbook } = await workbookOf({ scenarioId, document: 'contacts', language: 'en' });
    expect(fileName).toBe('汛期水环境应急演练（打印测试）-Drill_contacts.xlsx');
    expect(rowText(workbook.getWorksheet('Drill contacts')!, 3, 2)[0]).toBe('No.');
    const refused = await backend.call('exportXlsx', { scenarioId, document: 'plan' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
  });
});
