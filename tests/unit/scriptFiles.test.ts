/**
 * The drill-script fixtures of tests/fixtures/scripts/ (Word, Excel, CSV in
 * UTF-8 and GB18030, HSEEP MSEL, OpenAEV, DrillDesk's own export) through the
 * real readers, the service on a real SQLite file, and the command line.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanImportPreview } from '../../shared/api';
import type { ScenarioBody } from '../../shared/model';
import { parseScenarioFile } from '../../shared/scenarioFile';
import { scheduleOf } from '../../shared/schedule';
import type { Backend } from '../../electron/core/backend';
import { planImportOf } from '../../electron/core/planImport';
import { memoryPrefsStore } from '../../electron/core/prefs';
import { runCli } from '../support/cli';
import { openTestBackend, removeTempDirs, repoRoot, tempDir, valueOf } from '../support/storage';

const FIXTURES = path.join(repoRoot, 'tests/fixtures/scripts');
const fixtureNames = fs.readdirSync(FIXTURES).filter((name) => /^f\d/.test(name));
const fileOf = (name: string) => ({ fileName: name, dataBase64: fs.readFileSync(path.join(FIXTURES, name)).toString('base64') });

async function imported(name: string): Promise<{ preview: PlanImportPreview; body: ScenarioBody }> {
  const { preview, body } = await planImportOf(fileOf(name), { language: 'zh' });
  if (!body) throw new Error(`${name} refused: ${JSON.stringify(preview.issues)}`);
  return { preview, body };
}
const roleNames = (body: ScenarioBody, roleIds: string[]) => roleIds.map((id) => body.roles.find((r) => r.id === id)!.name);

describe('the fixtures', () => {
  it('are at least ten files of every kind the issue names', () => {
    expect(fixtureNames.length).toBeGreaterThanOrEqual(10);
    for (const extension of ['.docx', '.xlsx', '.csv', '.json']) expect(fixtureNames.some((n) => n.endsWith(extension)), extension).toBe(true);
  });

  it('f01: a Word script with a title block, a two-row merged header, merged time cells and phase rows', async () => {
    const { preview, body } = await imported('f01-flood-county.docx');
    expect(preview.format).toBe('docx');
    expect(body).toMatchObject({ title: '××县2023年汛期水环境突发事件应急演练', drillDate: '2023-06-18', startTime: '09:00', location: '××县城区自来水厂、污水处理厂', organiser: '××县生态环境局' });
    expect(preview.columns.map((c) => c.field)).toEqual(['time', 'scene', 'action', 'dialogue', 'notes']);
    expect([...new Set(body.steps.map((s) => s.phase))]).toEqual(['第一阶段 预警与响应', '第二阶段 应急处置', '第三阶段 总结']);
    // The second row of the merged 上午9：00 cell is at 09:00 too.
    const starts = scheduleOf(body);
    if (!starts.ok) throw new Error('cycle');
    const reported = body.steps.find((s) => s.title === '值班员接报后立即向总指挥报告')!;
    expect(starts.byStep.get(reported.id)!.earliestStart).toBe(0);
    expect(body.steps.at(-1)).toMatchObject({ kind: 'milestone', title: '总指挥宣布演练结束' });
    expect(body.description).toContain('注：脚本中人名均以××代替');
    expect(body.roles.every((r) => r.people.length === 0)).toBe(true);
    expect(preview.confident).toBe(true);
  });

  it('f02: phases without any time keep the table order and leave durations to the planner', async () => {
    const { preview, body } = await imported('f02-phases-no-time.docx');
    expect(body.startTime).toBeNull();
    expect(preview.counts).toMatchObject({ steps: 7, phases: 3 });
    expect(preview.counts.withoutDuration).toBe(4);
    expect(body.steps.map((s) => s.phase)[0]).toBe('【第一幕】事故发生与信息报告');
  });

  it('f03: a dialogue-only script becomes steps in order, narrators in the control team, masks dropped', async () => {
    const { body } = await imported('f03-dialogue-only.csv');
    expect(body.steps.map((s) => roleNames(body, s.roleIds)[0])).toEqual(['主持人', '巡检人员', '值长', '总指挥', '应急监测组', '旁白', '总指挥']);
    expect(body.roles.filter((r) => r.category === 'controller').map((r) => r.name)).toEqual(['主持人', '旁白']);
    expect(body.steps.at(-1)!.kind).toBe('milestone');
  });

  it('f04: speakers inside cells, several in one cell, with a 讲话人 column and 场景 as places', async () => {
    const { preview, body } = await imported('f04-speakers-in-cells.docx');
    expect(preview.columns.map((c) => c.field)).toEqual(['number', 'time', 'role', 'dialogue', 'location']);
    const steps = body.steps.map((s) => [roleNames(body, s.roleIds).join('、'), s.title]);
    expect(steps).toContainEqual(['巡检人员', '通知值班长：“取水口发现油膜']);
    expect(steps).toContainEqual(['值班长', '报告镇政府：“取水口水质异常，请求支援']);
    expect(steps).toContainEqual(['总指挥', '应急监测组立即出发']);
    expect(steps).toContainEqual(['应急监测组', '收到']);
    expect(body.steps[0].location).toBe('主会场');
  });

  it('f05: a GB18030 CSV with semicolons and 点/时/full-width notations', async () => {
    const { body } = await imported('f05-gb18030-semicolon.csv');
    expect(body.title).toBe('工业园区污水处理厂超标排放应急演练');
    expect(body.startTime).toBe('08:30');
    expect(body.steps.find((s) => s.title === '应急监测站采样分析')!.durationMin).toBe(30);
  });

  it('f06: every sheet is offered and the script sheet is chosen; merged phase cells fill their rows', async () => {
    const { preview, body } = await imported('f06-two-sheets.xlsx');
    expect(preview.tables.map((t) => [t.name, t.recognised])).toEqual([
      ['角色分工', false],
      ['演练脚本', true],
    ]);
    expect(preview.table).toBe(1);
    expect(body.startTime).toBe('14:00');
    expect(body.steps.map((s) => s.phase)).toEqual(['科目一：信息报告', '科目一：信息报告', '科目一：信息报告', '科目二：应急处置', '科目二：应急处置', '科目三：结束']);
  });

  it('f07: an HSEEP MSEL gives injects from their senders, responses to their receivers, objectives, and ENDEX as a milestone', async () => {
    const { body } = await imported('f07-hseep-msel.xlsx');
    const warning = body.steps[0];
    expect(warning).toMatchObject({ kind: 'inject', deliveryMethod: 'Phone call' });
    expect(roleNames(body, warning.roleIds)).toEqual(['SimCell']);
    expect(body.roles.find((r) => r.name === 'SimCell')!.category).toBe('controller');
    expect(roleNames(body, body.steps[1].roleIds)).toEqual(['County EOC']);
    expect(body.objectives.map((o) => o.text)).toEqual(['Objective 1: alert and notification', 'Objective 2: drinking water assurance', 'Objective 3: sewage handling']);
    expect(body.steps.find((s) => s.notes.includes('备用注入'))?.title).toMatch(/^If the plant has not reported/);
    expect(body.steps.at(-1)).toMatchObject({ kind: 'milestone', title: 'ENDEX' });
  });

  it('f08: an OpenAEV export gives teams as roles, injects with their dependencies and offsets', async () => {
    const { preview, body } = await imported('f08-openaev-export.json');
    expect(preview.format).toBe('json');
    expect(body.roles.map((r) => r.name)).toEqual(['County EOC', 'Monitoring team']);
    const schedule = scheduleOf(body);
    if (!schedule.ok) throw new Error('cycle');
    expect(body.steps.map((s) => [s.title, schedule.byStep.get(s.id)!.earliestStart])).toEqual([
      ['Tanker overturns on the highway', 0],
      ['pH drops downstream', 15],
      ['Press asks for a statement', 30],
      ['End of exercise', 60],
    ]);
    expect(body.objectives[0].text).toBe('Alert within 15 minutes：EOC is told and responds');
  });

  it('f09: DrillDesk’s own export reads back with its decisions, labelled branches, durations, phases and scenario times', async () => {
    const original = parseScenarioFile(fs.readFileSync(path.join(repoRoot, 'scenarios/flood-season-composite.drill.json'), 'utf8'));
    if (!original.ok) throw new Error('sample does not parse');
    const { body, preview } = await imported('f09-drilldesk-export.xlsx');
    expect(preview.confident).toBe(true);
    const keyOf = (b: ScenarioBody) => {
      const title = new Map(b.steps.map((s) => [s.id, `${s.kind}:${s.title}`]));
      return {
        steps: b.steps.map((s) => `${s.kind}|${s.title}|${s.durationMin}|${s.description}|${s.dialogue}|${s.scenarioTime}`).sort(),
        edges: b.edges.map((e) => `${title.get(e.source)} → ${title.get(e.target)}|${e.kind}|${e.label}|${e.lagMin}`).sort(),
      };
    };
    expect(keyOf(body)).toEqual(keyOf(original.value));
    expect(body.edges.filter((e) => e.kind === 'conditional').length).toBeGreaterThan(0);
    expect(body.steps.filter((s) => s.scenarioTime !== '').length).toBe(original.value.steps.filter((s) => s.scenarioTime !== '').length);
    expect(new Set(body.steps.map((s) => s.phase))).toEqual(new Set(['第一阶段 预警与响应', '第二阶段 应急处置', '第三阶段 恢复与总结']));
    expect(preview.counts.withoutDuration).toBe(original.value.steps.filter((s) => s.durationMin === null).length);
  });

  it('f10: offsets from T0 and a duration column', async () => {
    const { body } = await imported('f10-offsets.tsv');
    const schedule = scheduleOf(body);
    if (!schedule.ok) throw new Error('cycle');
    expect(body.steps.map((s) => schedule.byStep.get(s.id)!.earliestStart)).toEqual([0, 0, 15, 65, 65, 100, 150]);
  });

  it('f11: free headings need the mapping dialog', async () => {
    const { preview, body } = await planImportOf(fileOf('f11-crucible-free-columns.xlsx'), { language: 'zh' });
    expect(body).toBeNull();
    expect(preview.issues.map((i) => i.key)).toEqual(['noHeader']);
    const mapped = await planImportOf({ ...fileOf('f11-crucible-free-columns.xlsx'), mapping: ['number', 'time', 'scene', 'role', 'keep'] }, { language: 'zh' });
    expect(mapped.body!.steps.map((s) => s.notes)).toEqual(['Lead：Duty officer', 'Lead：Dam keeper', 'Lead：Supply lead']);
  });

  it('f12: mixed notations in one table, with one time that cannot be read', async () => {
    const { preview, body } = await imported('f12-mixed-notations.csv');
    expect(body.drillDate).toBe('2024-09-12');
    expect(preview.rows.filter((r) => r.unreadable).map((r) => r.time)).toEqual(['视情况']);
    expect(preview.rows.filter((r) => r.kind === 'footnote').map((r) => r.text)).toEqual(['※ 本表时间为计划时间']);
    expect(preview.confident).toBe(false);
  });

  it('import without the mapping dialog being needed: all but the free-column and messy ones', async () => {
    const confident: string[] = [];
    for (const name of fixtureNames) if ((await planImportOf(fileOf(name), { language: 'zh' })).preview.confident) confident.push(name);
    expect(confident.sort()).toEqual(fixtureNames.filter((n) => !/^f1[12]/.test(n)).sort());
  });
});

describe('the service and the command line', () => {
  let dataDir: string;
  let backend: Backend;
  beforeAll(() => {
    dataDir = tempDir();
    backend = openTestBackend(dataDir, { prefs: memoryPrefsStore(), templatesDir: tempDir() });
  });
  afterAll(() => {
    backend.close();
    removeTempDirs();
  });

  it('remembers a confirmed mapping for the next file with the same headings', async () => {
    const file = fileOf('f11-crucible-free-columns.xlsx');
    await valueOf(backend, 'importPlanTable', { ...file, mapping: ['number', 'time', 'scene', 'role', 'ignore'] });
    const next = await valueOf(backend, 'previewPlanImport', file);
    expect(next.remembered).toBe(true);
    expect(next.columns.map((c) => c.field)).toEqual(['number', 'time', 'scene', 'role', 'ignore']);
    expect(next.sameTitle?.title).toBe('f11-crucible-free-columns');
  });

  it('reads a version-1 scenario file as steps without phases, in Asia/Shanghai', async () => {
    const text = JSON.stringify({ formatVersion: 1, scenario: { title: '旧文件', steps: [{ id: 'a', kind: 'action', title: '甲' }] } });
    const summary = await valueOf(backend, 'importScenario', { text });
    const scenario = await valueOf(backend, 'getScenario', { id: summary.id });
    expect([scenario.steps[0].phase, scenario.timeZone]).toEqual(['', 'Asia/Shanghai']);
  });

  it('imports with `drill import-plan`, with a mapping by heading, and prints what it created', () => {
    const dir = tempDir();
    const mapping = path.join(dir, 'mapping.json');
    fs.writeFileSync(mapping, JSON.stringify({ Seq: 'number', Clock: 'time', Storyline: 'scene', Team: 'role', Lead: 'keep' }));
    const run = (...args: string[]) => runCli(args);
    const result = run('import-plan', path.join(FIXTURES, 'f11-crucible-free-columns.xlsx'), '--data', dir, '--mapping', mapping, '--json');
    expect(result.status, result.stderr).toBe(0);
    const output = JSON.parse(result.stdout) as { ok: boolean; created: { steps: number; roles: number; title: string } };
    expect(output).toMatchObject({ ok: true, created: { steps: 3, roles: 2, title: 'f11-crucible-free-columns' } });
    const docx = run('import-plan', path.join(FIXTURES, 'f01-flood-county.docx'), '--data', dir);
    expect(docx.status, docx.stderr).toBe(0);
    expect(docx.stdout).toContain('12 steps, 3 phases');
    const wrong = run('import', path.join(FIXTURES, 'f06-two-sheets.xlsx'), '--data', dir);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('use "npm run drill -- import-plan');
  }, 240_000);
});
