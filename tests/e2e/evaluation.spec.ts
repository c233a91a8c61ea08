/**
 * Drill evaluation in real Chromium against the real back end: a planner
 * builds a form from the default one in the 评估 tab, links items to steps
 * (from the search and by picking on the graph) and to an objective, assigns
 * two evaluators, imports a form from Excel (and reads one from Word) and
 * prints the blank form; two evaluators score items in the console, one
 * corrects an entry, the lead records the on-the-spot comments, a paper
 * result is typed in after the end; the evaluation report prints with
 * totals, the unmet items and their evidence (checked with pdftotext), and
 * the summary report's objectives follow the evaluation.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { placedItemsOf } from '../../shared/evaluation';
import type { Scenario } from '../../shared/model';
import { messyFormXlsx, wordFormDocx } from '../fixtures/evaluation/forms';
import { expect, test, type TestApp } from './fixtures';

const WATERWORKS = '县第一自来水厂停电停产应急演练';
const COMPOSITE = '2026年汛期水环境安全应急实战演练';

const squeezed = (text: string) => text.replace(/\s+/g, '');
const textOf = (pdf: string) => execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
async function printToPdf(page: Page, name: string): Promise<string> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'drilldesk-eval-pdf-')), name);
  await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
  return file;
}

async function scenarioTitled(app: TestApp, title: string): Promise<Scenario> {
  const service = app.backend.service();
  const summary = (await service.listScenarios({})).find((s) => s.title === title)!;
  return service.getScenario({ id: summary.id });
}

const row = (page: Page, number: string) => page.getByTestId('eval-item-row').filter({ has: page.locator('td.eval-col-n', { hasText: new RegExp(`^${number.replace('.', '\\.')}`) }) });

test('a planner builds a form from the default, links items to steps (searched and picked on the graph) and an objective, and assigns two evaluators', async ({ app, page }) => {
  test.slow();
  // The waterworks drill's evaluation team gets a second person.
  let scenario = await scenarioTitled(app, WATERWORKS);
  const team = scenario.roles.find((role) => role.id === 'role-eval')!;
  await app.backend.service().applyGraphOps({
    scenarioId: scenario.id,
    baseRevision: scenario.revision,
    ops: [{ op: 'updateRole', id: team.id, patch: { people: [...team.people, { name: '周敏', unit: '县水务局', phone: '', callSign: '评估2号' }] } }],
  });

  await page.goto(`${app.url}#/scenario/${scenario.id}/evaluation`);
  await expect(page.getByTestId('evaluation-view')).toBeVisible();
  await page.getByTestId('eval-new-form').click();
  await page.getByTestId('eval-new-flood-season').click();
  await expect(page.getByTestId('eval-form-tab')).toHaveCount(1);
  await expect(page.getByTestId('eval-item-row')).toHaveCount(26);

  // Item 2.1: a step from the search, an objective.
  await row(page, '2.1').click();
  await page.getByTestId('eval-step-search').fill('停电应急预案');
  await page.getByTestId('eval-step-match').first().click();
  await expect(page.getByTestId('eval-item-steps').locator('li')).toHaveText(['启动水厂停电应急预案×']);
  await page.getByTestId('eval-item-objective').first().check();
  await page.getByTestId('eval-item-criterion').fill('接报后10分钟内启动预案，指令清楚');

  // Item 5.1: steps picked on the graph.
  await row(page, '5.1').click();
  await page.getByTestId('eval-pick-on-graph').click();
  await expect(page.getByTestId('pick-banner')).toBeVisible();
  // The find bar brings each step into view; a click on it links it.
  await page.getByTestId('tool-find').click();
  await page.getByTestId('find-input').fill('调度送水车');
  await page.locator('[data-testid="step-node"][data-step-id="w08"]').click();
  await expect(page.locator('[data-testid="step-node"][data-step-id="w08"]')).toHaveAttribute('data-picked', 'true');
  await page.getByTestId('find-input').fill('答复用户诉求');
  await page.locator('[data-testid="step-node"][data-step-id="w16"]').click();
  await expect(page.getByTestId('pick-banner')).toContainText('已关联 2 个');
  await page.getByTestId('pick-done').click();
  await expect(page.getByTestId('evaluation-view')).toBeVisible();
  await row(page, '5.1').click();
  await expect(page.getByTestId('eval-item-steps').locator('li')).toHaveText(['调度送水车保障重点用户×', '答复用户诉求并安排送水和检测×']);

  // Two evaluators, each on some sections; one of them leads.
  await page.getByTestId('eval-add-assignment').click();
  await page.getByTestId('eval-add-assignment').click();
  const cards = page.getByTestId('eval-assignment');
  await expect(cards).toHaveCount(2);
  await expect(cards.nth(0).getByTestId('eval-assignment-person')).toHaveValue('姜伟');
  await expect(cards.nth(1).getByTestId('eval-assignment-person')).toHaveValue('周敏');
  await cards.nth(0).getByTestId('eval-assignment-section').nth(1).check();
  await cards.nth(0).getByTestId('eval-assignment-lead').check();
  await cards.nth(1).getByTestId('eval-assignment-section').nth(4).check();
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');

  // Undo takes back the last edit, redo brings it again.
  await page.getByTestId('tool-undo').click();
  await expect(cards.nth(1).getByTestId('eval-assignment-section').nth(4)).not.toBeChecked();
  await page.getByTestId('tool-redo').click();
  await expect(cards.nth(1).getByTestId('eval-assignment-section').nth(4)).toBeChecked();
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');

  scenario = await scenarioTitled(app, WATERWORKS);
  const [form] = scenario.evaluation.forms;
  const items = placedItemsOf(scenario.evaluation);
  expect(items.find((p) => p.number === '2.1')!.item).toMatchObject({ stepIds: ['w02'], objectiveIds: ['obj-1'], criterion: '接报后10分钟内启动预案，指令清楚' });
  expect(items.find((p) => p.number === '5.1')!.item.stepIds).toEqual(['w08', 'w16']);
  expect(scenario.evaluation.assignments.map((a) => [a.person, a.sectionIds, a.lead])).toEqual([
    ['姜伟', [form.sections[1].id], true],
    ['周敏', [form.sections[4].id], false],
  ]);

});

test('an Excel form is imported beside the default one, a Word form is read, a file without an item column is refused, and the blank forms print', async ({ app, page }) => {
  test.slow();
  const scenario = await scenarioTitled(app, WATERWORKS);
  await page.goto(`${app.url}#/scenario/${scenario.id}/evaluation`);
  await page.getByTestId('eval-new-form').click();
  await page.getByTestId('eval-new-flood-season').click();
  await expect(page.getByTestId('eval-form-tab')).toHaveCount(1);
  await row(page, '2.1').click();
  await page.getByTestId('eval-item-criterion').fill('接报后10分钟内启动预案，指令清楚');
  await page.getByTestId('eval-add-assignment').click();
  await page.getByTestId('eval-assignment').getByTestId('eval-assignment-section').nth(1).check();
  await page.getByTestId('eval-assignment').getByTestId('eval-assignment-lead').check();
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');

  // An Excel form imported beside it.
  await page.getByTestId('eval-new-form').click();
  await page.getByTestId('eval-new-import').click();
  await page.getByTestId('eval-import-file').setInputFiles({ name: '内涝评估表.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await messyFormXlsx() });
  await expect(page.getByTestId('eval-import-preview')).toContainText('城区内涝应急演练现场评估表');
  await expect(page.getByTestId('eval-import-preview')).toContainText('3 个部分，7 个评估内容');
  await page.getByTestId('eval-import-go').click();
  await expect(page.getByTestId('eval-form-tab')).toHaveCount(2);
  await expect(page.getByTestId('eval-form-title')).toHaveValue('城区内涝应急演练现场评估表');

  // A Word form is read by the same reader; then a file with no item column is refused in words.
  await page.getByTestId('eval-new-form').click();
  await page.getByTestId('eval-new-import').click();
  await page.getByTestId('eval-import-file').setInputFiles({ name: '水污染评估表.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: wordFormDocx() });
  await expect(page.getByTestId('eval-import-preview')).toContainText('将导入“突发水污染事件应急演练评估表”：2 个部分，3 个评估内容');
  await page.getByTestId('eval-import-file').setInputFiles({ name: '签到表.csv', mimeType: 'text/csv', buffer: Buffer.from('序号,姓名,单位\n1,张伟,县水务局\n') });
  await expect(page.getByTestId('eval-import-problem')).toContainText('找不到评估内容列');
  await expect(page.getByTestId('eval-import-preview')).toHaveCount(0);
  await page.getByTestId('eval-import-dialog').getByRole('button', { name: '取消' }).click();

  // The blank form, printed.
  await page.getByTestId('eval-form-tab').first().click();
  await page.getByTestId('eval-print-blank').click();
  await expect(page.locator('[data-testid="print-pages"][data-state="ready"]')).toBeVisible();
  await expect(page.getByTestId('print-doc-evaluation')).toBeChecked();
  await expect(page.getByTestId('print-doc-sheets')).not.toBeChecked();
  const pdf = squeezed(textOf(await printToPdf(page, 'form.pdf')));
  for (const text of ['汛期水环境应急演练评估表', '评估人员签字', '接报后10分钟内启动预案，指令清楚', '□达到□基本达到□未达到□不适用', '姜伟（评估组）（组长）：第2部分', '城区内涝应急演练现场评估表'])
    expect(pdf).toContain(squeezed(text));
});

test('two evaluators score in the console, one corrects an entry, the lead comments, a paper result comes in after the end', async ({ app, page }) => {
  test.slow();
  const scenario = await scenarioTitled(app, COMPOSITE);
  const run = await app.backend.service().createRun({ scenarioId: scenario.id, name: '正式演练' });
  await app.backend.service().recordEvent({ runId: run.id, event: { kind: 'inject-delivered', stepId: 's01', roleId: null, text: '', rating: null, edgeId: null, shiftMin: null, itemId: null, value: null, person: '', clientId: null } });
  await page.goto(`${app.url}#/run/${run.id}`);
  await page.getByTestId('console-side-evaluation').click();
  const panel = page.getByTestId('eval-panel');
  await expect(panel).toBeVisible();

  // 袁志华 (lead) covers 17 items; he rates 1.1 partly with a comment.
  await panel.getByTestId('eval-who').selectOption({ label: '袁志华（评估组）' });
  await expect(panel.getByTestId('eval-progress')).toHaveText('已评 0 / 17');
  const card11 = panel.locator('[data-testid="eval-card"][data-item-id="item-flood-season-01"]');
  await card11.getByTestId('eval-comment').fill('通知用时14分钟，超过10分钟');
  await card11.getByTestId('eval-rate-partly').click();
  await expect(card11.getByTestId('eval-card-state')).toHaveText('已评：基本');
  await expect(panel.getByTestId('eval-progress')).toHaveText('已评 1 / 17');

  // 彭丽 covers the monitoring and response sections: she rates 4.3 (critical) met, by mistake.
  await panel.getByTestId('eval-who').selectOption({ label: '彭丽（评估组）' });
  await expect(panel.getByTestId('eval-progress')).toHaveText('已评 0 / 9');
  const card43 = panel.locator('[data-testid="eval-card"][data-item-id="item-flood-season-11"]');
  await card43.getByTestId('eval-rate-met').click();
  await expect(card43.getByTestId('eval-card-state')).toHaveText('已评：达到');
  // She is not the lead: no on-the-spot comments for her.
  await expect(panel.getByTestId('hot-wash')).toHaveCount(0);

  // The correction: 达到 → 未达到, with the reason; the original stays, struck through.
  const log = page.getByTestId('eval-log');
  await log.getByTestId('eval-log-item').first().getByTestId('eval-log-correct').click();
  await page.getByTestId('correct-value').selectOption('not-met');
  await page.getByTestId('correct-text').fill('监测快报未按时报送');
  await page.getByTestId('correct-save').click();
  await expect(log.locator('.log-superseded')).toHaveCount(1);
  await expect(log.getByTestId('eval-log-item').first()).toContainText('未达到');
  await expect(card43.getByTestId('eval-card-state')).toHaveText('已评：未达到');

  // The lead's on-the-spot comments.
  await panel.getByTestId('eval-who').selectOption({ label: '袁志华（评估组）' });
  await page.getByTestId('hot-wash-text').fill('响应迅速，监测信息报送偏慢');
  await page.getByTestId('hot-wash-add').click();
  await expect(log).toContainText('响应迅速，监测信息报送偏慢');

  // After the end, a paper result typed in, marked as entered later.
  await page.getByTestId('run-end').click();
  await page.getByTestId('confirm-ok').click();
  await expect(page.getByTestId('run-status')).toHaveText('已结束');
  await expect(page.getByTestId('eval-after-run')).toBeVisible();
  const card12 = panel.locator('[data-testid="eval-card"][data-item-id="item-flood-season-02"]');
  await card12.getByTestId('eval-rate-met').click();
  await expect(card12.getByTestId('eval-card-state')).toHaveText('已评：达到');
  await expect(log.getByTestId('eval-log-item').filter({ hasText: '1.2' })).toContainText('事后录入');

  // All of it is stored: after a reload the panel shows the same.
  await page.reload();
  await expect(page.getByTestId('eval-panel')).toBeVisible();
  await expect(page.getByTestId('eval-log').getByTestId('eval-log-item')).toHaveCount(5);
  const { events } = await app.backend.service().getRun({ id: run.id });
  expect(events.filter((e) => e.kind === 'evaluation-scored' && e.supersededBy === null).map((e) => [e.itemId, e.value, e.person])).toEqual([
    ['item-flood-season-01', 'partly', '袁志华'],
    ['item-flood-season-11', 'not-met', '彭丽'],
    ['item-flood-season-02', 'met', '袁志华'],
  ]);

  // The replay marks the entries on the scrubber.
  await page.goto(`${app.url}#/replay/${run.id}`);
  await expect(page.getByTestId('scrub-eval-mark')).toHaveCount(4);
});

test('the evaluation report prints with totals, unmet items and their evidence, and the summary report follows the evaluation', async ({ app, page }) => {
  test.slow();
  const scenario = await scenarioTitled(app, COMPOSITE);
  const service = app.backend.service();
  const run = await service.createRun({ scenarioId: scenario.id, name: '正式演练' });
  const at = (minutes: number) => new Date(Date.parse(run.startedAt) + minutes * 60_000).toISOString();
  const record = (event: Record<string, unknown>) =>
    service.recordEvent({ runId: run.id, event: { stepId: null, roleId: null, text: '', rating: null, edgeId: null, shiftMin: null, itemId: null, value: null, person: '', ...event } as never });
  await record({ kind: 'inject-delivered', stepId: 's01', at: at(0) });
  await record({ kind: 'observation', stepId: 's33', text: '第一轮监测结果18分钟后才报指挥部', at: at(1) });
  await record({ kind: 'evaluation-scored', itemId: 'item-flood-season-11', value: 'not-met', text: '监测快报未按时报送', person: '彭丽', roleId: 'role-eval', at: at(2) });
  await record({ kind: 'evaluation-scored', itemId: 'item-flood-season-09', value: 'met', text: '方案覆盖全部断面', person: '彭丽', roleId: 'role-eval', at: at(2) });
  await record({ kind: 'evaluation-scored', itemId: 'item-flood-season-10', value: 'met', person: '彭丽', roleId: 'role-eval', at: at(2) });
  await record({ kind: 'evaluation-scored', itemId: 'item-flood-season-12', value: 'met', person: '彭丽', roleId: 'role-eval', at: at(3) });
  await record({ kind: 'hot-wash', text: '总体组织有序，监测报送偏慢', person: '袁志华', roleId: 'role-eval', at: at(4) });
  await record({ kind: 'ended', at: at(5) });

  await page.goto(`${app.url}#/replay/${run.id}`);
  await page.getByTestId('replay-tab-evaluation').click();
  await expect(page.getByTestId('evaluation-report-view')).toBeVisible();
  await expect(page.locator('[data-testid="print-pages"][data-state="ready"]')).toBeVisible();
  const pdf = squeezed(textOf(await printToPdf(page, 'evaluation-report.pdf')));
  for (const text of [
    '演练评估报告',
    '二、评估方法与评估组',
    '袁志华（组长）',
    '达到3项，基本达到0项，未达到1项，不适用0项，未评22项',
    '合格线80%：不合格。关键项未达到1项，整表不合格。',
    '五、未达到的评估内容及依据',
    '4.3监测结果及时报送并据此加密或溯源',
    '彭丽评定“未达到”：监测快报未按时报送',
    '观察记录（考核断面水质是否达到Ⅲ类）：第一轮监测结果18分钟后才报指挥部',
    '总体组织有序，监测报送偏慢',
    '判定规则',
  ])
    expect(pdf, text).toContain(squeezed(text));
  // The objective of the monitoring items is not achieved; the one with no rated item is not evaluated.
  await expect(page.locator('[data-testid="evaluation-objective"][data-status="not-achieved"]')).toContainText('应急监测组');
  await expect(page.locator('[data-testid="evaluation-objective"][data-status="not-evaluated"]').first()).toBeVisible();

  // The summary report follows.
  await page.getByTestId('replay-tab-report').click();
  await expect(page.getByTestId('report-view')).toBeVisible();
  await expect(page.locator('[data-testid="report-objective"][data-status="not-achieved"]')).toContainText('应急监测组');
  await expect(page.getByTestId('report-objective-problem').filter({ hasText: '应急监测组' })).toContainText('未达成');
});
