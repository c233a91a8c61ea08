/**
 * The control console and the planned timeline, in real Chromium against
 * the real back end: a run of a sample scenario conducted click by click
 * and found intact after a reload; corrections, pause, plan shift and end;
 * the timeline with its critical path. (Importing drill scripts: scriptImport.spec.ts.)
 * Set SHOTS=1 to write screenshots to /tmp/drilldesk-shots.
 */
import type { Page } from '@playwright/test';
import { messageOf } from '../../shared/i18n';
import { expect, test } from './fixtures';

const WATERWORKS = '县第一自来水厂停电停产应急演练';
const shots = process.env.SHOTS ? '/tmp/drilldesk-shots' : null;
const shot = async (page: Page, name: string) => {
  if (shots) await page.screenshot({ path: `${shots}/${name}.png` });
};

async function openScenario(page: Page, url: string, title: string) {
  await page.goto(url);
  await page.getByTestId('scenario-card').filter({ hasText: title }).getByTestId('open-scenario').click();
  await expect(page.getByTestId('scenario-title')).toHaveText(title);
}

async function startRun(page: Page, url: string, name: string) {
  await openScenario(page, url, WATERWORKS);
  await page.getByTestId('view-tab-runs').click();
  await expect(page.getByTestId('runs-view')).toBeVisible();
  await page.getByTestId('new-run').click();
  await page.getByTestId('run-name').fill(name);
  await shot(page, 'runs-new');
  await page.getByTestId('start-run').click();
  await expect(page.getByTestId('conduct-screen')).toBeVisible();
  await expect(page.getByTestId('run-name')).toContainText(name);
}

const stepCard = (page: Page, stepId: string) => page.locator(`[data-testid="run-step"][data-step-id="${stepId}"]`);

async function click(page: Page, stepId: string, action: 'delivered' | 'start' | 'complete') {
  await stepCard(page, stepId).getByTestId(`step-${action}`).click();
}

test('a run is conducted click by click and found intact after a reload', async ({ app, page }) => {
  await startRun(page, app.url, '正式演练');
  await expect(stepCard(page, 'w01')).toHaveAttribute('data-status', 'ready');
  await expect(stepCard(page, 'w02')).toHaveAttribute('data-status', 'waiting');
  await expect(page.getByTestId('due-injects')).toContainText('水厂两路外部电源中断');
  await shot(page, 'console-start');

  await click(page, 'w01', 'delivered');
  await expect(stepCard(page, 'w01')).toHaveAttribute('data-status', 'done');
  await expect(stepCard(page, 'w02')).toHaveAttribute('data-status', 'ready');
  await click(page, 'w02', 'start');
  await expect(stepCard(page, 'w02')).toHaveAttribute('data-status', 'under-way');
  await click(page, 'w02', 'complete');
  await expect(stepCard(page, 'w02')).toHaveAttribute('data-status', 'done');
  await click(page, 'w03', 'start');
  await expect(stepCard(page, 'w03')).toHaveAttribute('data-status', 'under-way');
  await click(page, 'w03', 'complete');
  await expect(stepCard(page, 'w03')).toHaveAttribute('data-status', 'done');
  await expect(stepCard(page, 'w04')).toHaveAttribute('data-status', 'ready');

  await page.getByTestId('observation-text').fill('值班长接报后复述确认，报告要素齐全');
  await page.getByTestId('rating-4').click();
  await page.getByTestId('observation-step').selectOption('w02');
  await page.getByTestId('observation-add').click();
  await expect(page.getByTestId('log-item').filter({ hasText: '值班长接报后复述确认' })).toBeVisible();
  await expect(page.getByTestId('log-item')).toHaveCount(6);
  await shot(page, 'console-running');

  await page.reload();
  await expect(page.getByTestId('conduct-screen')).toBeVisible();
  for (const id of ['w01', 'w02', 'w03']) await expect(stepCard(page, id)).toHaveAttribute('data-status', 'done');
  await expect(stepCard(page, 'w04')).toHaveAttribute('data-status', 'ready');
  await expect(stepCard(page, 'w07')).toHaveAttribute('data-status', 'ready');
  await expect(page.getByTestId('run-status')).toHaveText('进行中');
  await expect(page.getByTestId('log-item')).toHaveCount(6);
  const observation = page.getByTestId('log-item').filter({ hasText: '值班长接报后复述确认' });
  await expect(observation).toContainText('★★★★');
  await expect(observation).toContainText('启动水厂停电应急预案');
});

test('a decision asks for its branch; events are corrected, the plan shifted, the run paused and ended', async ({ app, page }) => {
  await startRun(page, app.url, '预演');
  await click(page, 'w01', 'delivered');
  await click(page, 'w02', 'complete');
  await click(page, 'w03', 'complete');
  await stepCard(page, 'w04').getByTestId('step-decide').click();
  await page.getByTestId('branch-option').nth(1).check();
  await shot(page, 'console-branch');
  await page.getByTestId('branch-confirm').click();
  await expect(stepCard(page, 'w04')).toHaveAttribute('data-status', 'done');
  await expect(stepCard(page, 'w05')).toHaveAttribute('data-status', 'not-taken');
  await expect(stepCard(page, 'w06')).toHaveAttribute('data-status', 'ready');

  await stepCard(page, 'w07').getByTestId('step-skip').click();
  await page.getByTestId('skip-reason').fill('公告由宣传部门另行发布');
  await page.getByTestId('skip-confirm').click();
  await expect(stepCard(page, 'w07')).toHaveAttribute('data-status', 'skipped');
  await expect(stepCard(page, 'w07')).toContainText('公告由宣传部门另行发布');

  const delivered = page.locator('[data-testid="log-item"][data-kind="inject-delivered"]');
  await delivered.getByTestId('log-correct').click();
  await page.getByTestId('correct-text').fill('电话通知中控室（补记）');
  await page.getByTestId('correct-save').click();
  await expect(delivered).toHaveCount(2);
  await expect(page.locator('.log-superseded')).toHaveCount(1);
  await expect(page.locator('.log-superseded')).toContainText('已被第');
  await expect(delivered.filter({ hasText: '电话通知中控室（补记）' })).toContainText('更正第 1 条');

  await page.getByTestId('run-pause').click();
  await expect(page.getByTestId('run-status')).toHaveText('已暂停');
  await page.getByTestId('run-resume').click();
  await expect(page.getByTestId('run-status')).toHaveText('进行中');
  await page.getByTestId('run-shift-plan').click();
  await page.getByTestId('shift-minutes').fill('15');
  await page.getByTestId('shift-reason').fill('发电车到场晚');
  await shot(page, 'console-shift');
  await page.getByTestId('shift-confirm').click();
  await expect(page.getByTestId('run-shift')).toHaveText('计划已顺延 15 分钟');

  await page.getByTestId('run-end').click();
  await page.getByTestId('confirm-ok').click();
  await expect(page.getByTestId('run-status')).toHaveText('已结束');
  await expect(page.getByTestId('step-start')).toHaveCount(0);
  await shot(page, 'console-ended');

  await page.reload();
  await expect(page.getByTestId('run-status')).toHaveText('已结束');
  await expect(page.locator('.log-superseded')).toHaveCount(1);
  await expect(stepCard(page, 'w05')).toHaveAttribute('data-status', 'not-taken');
  await page.getByTestId('language').selectOption('en');
  await expect(page.getByTestId('run-status')).toHaveText('Ended');
  await shot(page, 'console-ended-en');
});

test('the timeline shows the plan by role with its critical path and shares the selection with the graph', async ({ app, page }) => {
  await openScenario(page, app.url, WATERWORKS);
  await page.getByTestId('view-tab-timeline').click();
  await expect(page.getByTestId('timeline-view')).toBeVisible();
  await expect(page.getByTestId('timeline-length')).toContainText('T+1:57');
  await expect(page.getByTestId('timeline-length')).toContainText('09:30–11:27');
  const lanes = page.getByTestId('timeline-lane');
  expect(await lanes.count()).toBeGreaterThanOrEqual(8);
  // A step with three roles shows in each of their lanes.
  await expect(page.locator('[data-testid="timeline-bar"][data-step-id="w01"]')).toHaveCount(3);
  await expect(page.locator('[data-testid="timeline-bar"][data-step-id="w03"]')).toHaveAttribute('data-critical', 'true');
  await expect(page.locator('[data-testid="timeline-bar"][data-step-id="w07"]')).toHaveAttribute('data-critical', 'false');
  const path = page.getByTestId('timeline-critical-path');
  await expect(path).toContainText('水厂两路外部电源中断');
  await expect(path).toContainText('演练结束');
  await expect(path).not.toContainText('发布停水、限水公告');
  await shot(page, 'timeline');

  await page.locator('[data-testid="timeline-bar"][data-step-id="w07"]').click();
  await expect(page.getByTestId('timeline-selection')).toContainText('发布停水、限水公告');
  await expect(page.getByTestId('timeline-selection')).toContainText('机动 56 分钟');
  await shot(page, 'timeline-selected');
  await page.getByTestId('show-in-graph').click();
  await expect(page.getByTestId('canvas')).toBeVisible();
  await expect(page.locator('.react-flow__node.selected')).toHaveAttribute('data-id', 'w07');

  await page.getByTestId('language').selectOption('en');
  await page.getByTestId('view-tab-timeline').click();
  await expect(page.locator('[data-testid="timeline-bar"][data-step-id="w07"]').first()).toHaveAttribute('aria-pressed', 'true');
  await shot(page, 'timeline-en');
});

test('an imported run log is listed, refused row by row when wrong, and opens with its late steps marked', async ({ app, page }) => {
  await openScenario(page, app.url, WATERWORKS);
  await page.getByTestId('view-tab-runs').click();
  await page.getByTestId('import-run').click();
  await page.getByTestId('import-run-file').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('时间,步骤,事件类型\nT+0,w01,注入\nT+4,启动预案,开始\n') });
  await page.getByTestId('import-run-go').click();
  await expect(page.getByTestId('import-run-problem')).toContainText('第 3 行：演练中没有步骤“启动预案”。');

  const log = ['时间,步骤,事件类型,角色,内容', 'T+0,w01,注入,导调组,', 'T+4,w02,开始,,', 'T+9,w02,完成,,', 'T+20,w03,开始,,发电机房钥匙未找到', 'T+31,w03,完成,,', 'T+40,,结束,,'].join('\n');
  await page.getByTestId('import-run-file').setInputFiles({ name: 'paper.csv', mimeType: 'text/csv', buffer: Buffer.from(log) });
  await page.getByTestId('import-run-name').fill('纸质记录补录');
  await page.getByTestId('import-run-go').click();
  const row = page.getByTestId('run-row').filter({ hasText: '纸质记录补录' });
  await expect(row).toContainText('导入');
  await expect(row).toContainText('已结束');
  await expect(row).toContainText('6');
  await row.getByTestId('open-run').click();
  await expect(page.getByTestId('run-status')).toHaveText('已结束');
  await expect(stepCard(page, 'w02')).toHaveAttribute('data-late', 'false');
  await expect(stepCard(page, 'w03')).toHaveAttribute('data-late', 'true');
  await expect(stepCard(page, 'w03')).toContainText('延误');
  await shot(page, 'console-imported-late');
});

test('a click the back end refuses is taken back and its error shown', async ({ app, page }) => {
  await startRun(page, app.url, '预演');
  const runId = /#\/run\/([\w-]+)/.exec(page.url())![1];
  // Another window ends the run behind this console's back.
  const ended = await app.backend.call('recordEvent', { runId, event: { kind: 'ended' } });
  expect(ended.ok).toBe(true);
  await click(page, 'w01', 'delivered');
  await expect(page.getByTestId('toast-error')).toContainText(messageOf('zh', 'errors.run.ended'));
  await expect(stepCard(page, 'w01')).toHaveAttribute('data-status', 'ready');
  await expect(page.getByTestId('log-item')).toHaveCount(0);
});

test.describe('on a computer in another time zone', () => {
  // The browser runs in New York; the waterworks drill is held in Shanghai (its scenario's zone), 12 hours ahead in May.
  test.use({ timezoneId: 'America/New_York' });

  test("the console, its log and its corrections show and take the drill's wall clock", async ({ app, page }) => {
    await openScenario(page, app.url, WATERWORKS);
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('America/New_York');
    await page.getByTestId('view-tab-runs').click();
    await page.getByTestId('import-run').click();
    // Bare clock times are the drill's: 09:34 in Shanghai on the drill date, 01:34 UTC.
    const log = ['时间,步骤,事件类型', '09:30,w01,注入', '09:34,w02,开始', '09:41:20,w02,完成', '10:10,,结束'].join('\n');
    await page.getByTestId('import-run-file').setInputFiles({ name: 'paper.csv', mimeType: 'text/csv', buffer: Buffer.from(log) });
    await page.getByTestId('import-run-name').fill('外地电脑补录');
    await page.getByTestId('import-run-go').click();
    const row = page.getByTestId('run-row').filter({ hasText: '外地电脑补录' });
    await expect(row).toContainText('2026年5月20日 09:30');
    await row.getByTestId('open-run').click();
    await expect(page.getByTestId('run-status')).toHaveText('已结束');
    await expect(stepCard(page, 'w02')).toContainText('开始 09:34');
    await expect(stepCard(page, 'w02')).toContainText('完成 09:41');
    await expect(page.getByTestId('live-clock')).toHaveText(/^\d\d:\d\d:\d\d$/);
    const started = page.locator('[data-testid="log-item"][data-kind="started"]');
    await expect(started.locator('.log-time')).toHaveText('09:34:00');

    // A correction is typed on the drill's clock too.
    await started.getByTestId('log-correct').click();
    await expect(page.getByTestId('correct-time')).toHaveValue(/^2026-05-20T09:34(:00)?$/);
    await page.getByTestId('correct-time').fill('2026-05-20T09:36:30');
    await page.getByTestId('correct-save').click();
    const corrected = page.locator('[data-testid="log-item"][data-kind="started"]:not(.log-superseded)');
    await expect(corrected.locator('.log-time')).toHaveText('09:36:30');
    const runId = /#\/run\/([\w-]+)/.exec(page.url())![1];
    const { events } = (await app.backend.service().getRun({ id: runId })) as { events: { kind: string; at: string; supersededBy: number | null }[] };
    expect(events.filter((e) => e.kind === 'started' && e.supersededBy === null).map((e) => e.at)).toEqual(['2026-05-20T01:36:30.000Z']);
  });

  test("a live run's clock is the drill's wall clock", async ({ app, page }) => {
    await startRun(page, app.url, '预演');
    const shanghai = (ms: number) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);
    const before = shanghai(Date.now());
    const shown = (await page.getByTestId('live-clock').textContent())!.slice(0, 5);
    const after = shanghai(Date.now());
    expect([before, after]).toContain(shown);
    const newYork = new Intl.DateTimeFormat('en-GB', { timeZone: 'America/New_York', hour: '2-digit', hourCycle: 'h23' }).format(Date.now());
    expect(shown.slice(0, 2)).not.toBe(newYork);
  });
});
