/**
 * Drill-day details that once corrupted the log, and the debrief's opening
 * (issue 15), in real Chromium against the real back end: a step not ready
 * asks before it is acted on and says what it waits for; the branch dialog
 * chooses nothing by itself; the observation form starts empty after
 * saving; each run numbers its records from 1; the replay opens at T+0.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const WATERWORKS = '县第一自来水厂停电停产应急演练';
const stepCard = (page: Page, stepId: string) => page.locator(`[data-testid="run-step"][data-step-id="${stepId}"]`);

async function startRun(page: Page, url: string, name: string): Promise<string> {
  await page.goto(url);
  await page.getByTestId('scenario-card').filter({ hasText: WATERWORKS }).getByTestId('open-scenario').click();
  await expect(page.getByTestId('scenario-title')).toHaveText(WATERWORKS);
  await page.getByTestId('view-tab-runs').click();
  await page.getByTestId('new-run').click();
  await page.getByTestId('run-name').fill(name);
  await page.getByTestId('start-run').click();
  await expect(page.getByTestId('conduct-screen')).toBeVisible();
  await expect(page).toHaveURL(/#\/run\//);
  return new URL(page.url()).hash.replace('#/run/', '');
}

test('a step not ready asks first and says why; the branch dialog chooses nothing; the observation form starts empty again', async ({ app, page }) => {
  await startRun(page, app.url, '正式演练');
  await expect(stepCard(page, 'w02')).toHaveAttribute('data-status', 'waiting');

  // 开始 on a waiting step: asked, with the step it waits for; cancelling records nothing.
  await stepCard(page, 'w02').getByTestId('step-start').click();
  const confirm = page.getByTestId('confirm-dialog');
  await expect(confirm).toContainText('启动水厂停电应急预案');
  await expect(confirm).toContainText('水厂两路外部电源中断');
  await confirm.getByRole('button', { name: '取消' }).click();
  await expect(confirm).toBeHidden();
  await expect(stepCard(page, 'w02')).toHaveAttribute('data-status', 'waiting');
  await expect(page.getByTestId('log-item')).toHaveCount(0);
  // Confirmed, it is recorded.
  await stepCard(page, 'w02').getByTestId('step-start').click();
  await page.getByTestId('confirm-ok').click();
  await expect(stepCard(page, 'w02')).toHaveAttribute('data-status', 'under-way');
  await expect(page.getByTestId('log-item')).toHaveCount(1);

  // A ready step is one click, as before.
  await stepCard(page, 'w01').getByTestId('step-delivered').click();
  await expect(stepCard(page, 'w01')).toHaveAttribute('data-status', 'done');
  await expect(page.getByTestId('confirm-dialog')).toBeHidden();
  await stepCard(page, 'w02').getByTestId('step-complete').click();
  await stepCard(page, 'w03').getByTestId('step-complete').click();
  await expect(stepCard(page, 'w03')).toHaveAttribute('data-status', 'done');

  // The branch dialog: no branch chosen until one is.
  await stepCard(page, 'w04').getByTestId('step-decide').click();
  const options = page.getByTestId('branch-option');
  await expect(options).toHaveCount(2);
  for (const option of await options.all()) await expect(option).not.toBeChecked();
  await expect(page.getByTestId('branch-confirm')).toBeDisabled();
  await options.nth(1).check();
  await page.getByTestId('branch-confirm').click();
  await expect(stepCard(page, 'w04')).toHaveAttribute('data-status', 'done');

  // An observation saved: the form is empty again, step and role included.
  await page.getByTestId('observation-text').fill('发电机启动后电压稳定');
  await page.getByTestId('observation-step').selectOption('w03');
  await page.getByTestId('observation-role').selectOption({ index: 1 });
  await page.getByTestId('observation-add').click();
  await expect(page.getByTestId('log-item').filter({ hasText: '发电机启动后电压稳定' })).toBeVisible();
  await expect(page.getByTestId('observation-text')).toHaveValue('');
  await expect(page.getByTestId('observation-step')).toHaveValue('');
  await expect(page.getByTestId('observation-role')).toHaveValue('');
});

test('each run numbers its records from 1', async ({ app, page }) => {
  await startRun(page, app.url, '预演');
  await stepCard(page, 'w01').getByTestId('step-delivered').click();
  await stepCard(page, 'w02').getByTestId('step-start').click();
  await expect(page.locator('[data-testid="log-item"][data-record="2"]')).toBeVisible();

  const runId = await startRun(page, app.url, '正式演练');
  await stepCard(page, 'w01').getByTestId('step-delivered').click();
  const first = page.getByTestId('log-item');
  await expect(first).toHaveCount(1);
  await expect(first).toHaveAttribute('data-record', '1');
  await expect(first.locator('.log-seq')).toHaveText('#1');
  // The stored sequence counts over every run; the number shown does not.
  expect(Number(await first.getAttribute('data-seq'))).toBeGreaterThan(1);
});

test('the replay of a run started from the console opens at T+0', async ({ app, page }) => {
  // A run started now begins part-way through a second (its start has milliseconds), as on drill day.
  const runId = await startRun(page, app.url, '正式演练');
  await stepCard(page, 'w01').getByTestId('step-delivered').click();
  await expect(page.getByTestId('log-item')).toHaveCount(1);
  await page.goto(`${app.url.replace(/#.*$/, '')}#/replay/${runId}`);
  await expect(page.getByTestId('replay-clock')).toBeVisible();
  await expect(page.locator('.replay-clock-offset')).toHaveText('T+0');
});

test('the number of people taking part is entered for the run in its report, and kept', async ({ app, page }) => {
  const runId = await startRun(page, app.url, '正式演练');
  await stepCard(page, 'w01').getByTestId('step-delivered').click();
  await expect(page.getByTestId('log-item')).toHaveCount(1);
  await page.goto(`${app.url.replace(/#.*$/, '')}#/replay/${runId}`);
  await page.getByTestId('replay-tab-report').click();
  const preview = page.locator('[data-testid="report-view"] [data-testid="print-pages"][data-state="ready"]');
  await expect(preview).toBeVisible();
  // The run's name on its own line under the drill's title; no internal metadata in the body.
  await expect(preview).toContainText('县第一自来水厂停电停产应急演练正式演练');
  await expect(preview).not.toContainText('记录方式');
  await page.getByTestId('report-participants').fill('35');
  await page.getByTestId('report-participants').press('Enter');
  await expect(preview).toContainText('共 35 人');
  await page.reload();
  await page.getByTestId('replay-tab-report').click();
  await expect(page.locator('[data-testid="report-view"] [data-testid="print-pages"][data-state="ready"]')).toContainText('共 35 人');
  await expect(page.getByTestId('report-participants')).toHaveValue('35');
});
