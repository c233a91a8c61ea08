/// <reference lib="dom" />
/**
 * Importing drill scripts in real Chromium against the real back end: the
 * preview dialog for a file whose columns nobody recognises (the user maps
 * them, imports, and the mapping is offered again for the next file with
 * the same headings), a Word script that imports after one confirmation,
 * a spreadsheet chosen with 导入文件 routed to the same dialog, and a
 * legacy .doc refused with its reason.
 * Set SHOTS=1 to write screenshots to /tmp/drilldesk-shots.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const shots = process.env.SHOTS ? '/tmp/drilldesk-shots' : null;
const shot = async (page: Page, name: string) => {
  if (shots) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
};
const fixture = (name: string) => ({ name, mimeType: 'application/octet-stream', buffer: fs.readFileSync(path.join('tests/fixtures/scripts', name)) });

test('the mapping dialog: correct the columns, import, and the mapping is remembered next time', async ({ app, page }) => {
  await page.goto(app.url);
  await page.getByTestId('import-plan-file').setInputFiles(fixture('f11-crucible-free-columns.xlsx'));
  const dialog = page.getByTestId('plan-import-dialog');
  await expect(dialog.getByTestId('plan-import-problems')).toContainText('找不到表头');
  await expect(dialog.getByTestId('plan-import-confirm')).toBeDisabled();
  await shot(page, 'script-import-unmapped');

  await dialog.getByTestId('plan-import-field-0').selectOption('number');
  await expect(dialog.getByTestId('plan-import-field-0')).toBeEnabled();
  await dialog.getByTestId('plan-import-field-1').selectOption('time');
  await expect(dialog.getByTestId('plan-import-field-1')).toBeEnabled();
  await dialog.getByTestId('plan-import-field-2').selectOption('scene');
  await expect(dialog.getByTestId('plan-import-field-2')).toBeEnabled();
  await dialog.getByTestId('plan-import-field-3').selectOption('role');
  await expect(dialog.getByTestId('plan-import-counts')).toContainText('将创建 3 个步骤');
  await expect(dialog.getByTestId('plan-import-roles')).toContainText('Ops cell');
  await expect(dialog.getByTestId('plan-import-rows')).toContainText('09:20');
  await shot(page, 'script-import-mapped');
  await dialog.getByTestId('plan-import-confirm').click();
  await expect(page.getByTestId('scenario-title')).toHaveText('f11-crucible-free-columns');

  // The same headings again: the mapping is offered as chosen, and the same title asks for a copy.
  await page.goto(app.url);
  await page.getByTestId('import-plan-file').setInputFiles(fixture('f11-crucible-free-columns.xlsx'));
  await expect(dialog.getByTestId('plan-import-remembered')).toBeVisible();
  await expect(dialog.getByTestId('plan-import-field-2')).toHaveValue('scene');
  await expect(dialog.getByTestId('plan-import-counts')).toContainText('将创建 3 个步骤');
  await dialog.getByTestId('plan-import-confirm').click();
  await expect(dialog.getByTestId('plan-import-same-title')).toContainText('已有同名演练“f11-crucible-free-columns”');
  await dialog.getByTestId('plan-import-copy').click();
  await expect(page.getByTestId('scenario-title')).toHaveText('f11-crucible-free-columns（副本）');
});

test('a Word script with every column recognised imports after one confirmation; 导入文件 routes a spreadsheet there too', async ({ app, page }) => {
  await page.goto(app.url);
  await page.getByTestId('import-plan-file').setInputFiles(fixture('f01-flood-county.docx'));
  const dialog = page.getByTestId('plan-import-dialog');
  await expect(dialog.getByTestId('plan-import-confident')).toBeVisible();
  await expect(dialog.getByTestId('plan-import-counts')).toContainText('12 个步骤、3 个阶段');
  await expect(dialog).toContainText('标题：××县2023年汛期水环境突发事件应急演练');
  await shot(page, 'script-import-docx');
  await dialog.getByTestId('plan-import-confirm').click();
  await expect(page.getByTestId('scenario-title')).toHaveText('××县2023年汛期水环境突发事件应急演练');
  // Its phases: bands on the timeline, heading rows in the printed script.
  await page.getByTestId('view-tab-timeline').click();
  await expect(page.getByTestId('timeline-phase')).toHaveText(['第一阶段 预警与响应', '第二阶段 应急处置', '第三阶段 总结']);
  await shot(page, 'script-import-timeline-phases');
  const scenarioId = /#\/scenario\/([^/]+)/.exec(page.url())![1];
  await page.goto(`${app.url}#/scenario/${scenarioId}/print`);
  await expect(page.getByTestId('script-phase')).toHaveText(['第一阶段 预警与响应', '第二阶段 应急处置', '第三阶段 总结']);
  await shot(page, 'script-import-print-phases');

  // A spreadsheet dropped on the home screen goes to the same preview.
  await page.goto(app.url);
  const csv = fs.readFileSync(path.join('tests/fixtures/scripts', 'f12-mixed-notations.csv'), 'utf8');
  const drop = await page.evaluateHandle((text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], 'f12-mixed-notations.csv', { type: 'text/csv' }));
    return transfer;
  }, csv);
  await page.getByTestId('home').dispatchEvent('drop', { dataTransfer: drop });
  await expect(dialog.getByTestId('plan-import-unreadable')).toContainText('视情况');
  await expect(dialog.getByTestId('plan-import-warnings')).toContainText('第 9 行');
  await shot(page, 'script-import-unreadable');
  await dialog.getByTestId('plan-import-confirm').click();
  await expect(page.getByTestId('scenario-title')).toHaveText('２０２４年度化工园区联合应急演练');
});

test('a legacy .doc is refused with its reason and nothing is imported', async ({ app, page }) => {
  await page.goto(app.url);
  await expect(page.getByTestId('scenario-card').first()).toBeVisible();
  const cards = await page.getByTestId('scenario-card').count();
  const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504), Buffer.from('WordDocument', 'utf16le')]);
  await page.getByTestId('import-plan-file').setInputFiles({ name: '演练脚本.doc', mimeType: 'application/msword', buffer: ole });
  const dialog = page.getByTestId('plan-import-dialog');
  await expect(dialog.getByTestId('plan-import-problems')).toContainText('另存为” .docx');
  await expect(dialog.getByTestId('plan-import-confirm')).toBeDisabled();
  await shot(page, 'script-import-refused');
  await dialog.getByRole('button', { name: '取消' }).click();
  await expect(page.getByTestId('scenario-card')).toHaveCount(cards);
});
