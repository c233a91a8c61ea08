/**
 * The debrief replay of a recorded run of a sample drill: play, pause, scrub
 * and jump, see each step's state on the canvas, pin an annotation that
 * survives a reload, and print the after-action report to PDF with the late
 * steps in it. The run is the flood-season sample simulated with one step
 * running 12 minutes long and a later one starting 4 minutes late
 * (tests/fixtures/replay/demoRun.ts). The browser runs in New York while
 * the drill is held in Shanghai: every clock time shown and printed is the
 * drill's.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { clockAt, clockSecondsAt, dateTimeAt, longDateOf } from '../../shared/time';
import { startReplayApp, type ReplayApp } from '../fixtures/replay/replayApp';

test.use({ timezoneId: 'America/New_York' });

let app: ReplayApp;
test.beforeEach(async () => {
  app = await startReplayApp();
});
test.afterEach(async () => {
  await app.close();
});

const replayUrl = () => `${app.url.replace(/#.*$/, '')}#/replay/${app.demo.runId}`;
const minutesAfterStart = (min: number) => new Date(app.demo.startedAtMs + min * 60_000);
/** A clock time as the drill's wall clocks show it (the scenario's zone, Asia/Shanghai). */
const clockText = (date: Date) => clockAt(date.getTime(), app.demo.scenario.timeZone);
const node = (page: Page, stepId: string) => page.locator(`[data-testid="replay-node"][data-step-id="${stepId}"]`);
const clockMs = async (page: Page) => Date.parse((await page.getByTestId('replay-clock').getAttribute('data-time'))!);

/** Shows the whole graph, so every node is drawn (the canvas only draws the nodes in view). */
async function showWholeGraph(page: Page) {
  const follow = page.getByTestId('replay-follow');
  if ((await follow.getAttribute('aria-pressed')) === 'true') await follow.click();
  await page.locator('.react-flow__controls-fitview').click();
  await page.waitForTimeout(300);
}

test('plays at 60×, pauses, and shows every step’s state at the moment scrubbed or jumped to', async ({ page }) => {
  const { simulated, overran, scenario } = app.demo;
  await page.goto(replayUrl());
  await expect(page.getByTestId('replay-title')).toHaveText(scenario.title);
  await expect(node(page, scenario.steps[0].id)).toBeVisible();
  const start = await clockMs(page);
  expect(start).toBe(app.demo.startedAtMs);
  // Shown on the drill's clock, not the browser's.
  expect(app.demo.scenario.timeZone).toBe('Asia/Shanghai');
  expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('America/New_York');
  await expect(page.locator('.replay-clock-time')).toHaveText(clockSecondsAt(start, 'Asia/Shanghai'));
  await expect(page.locator('.replay-run-name')).toContainText(dateTimeAt(start, 'Asia/Shanghai'));

  await page.getByTestId('replay-speed-60').click();
  const playFrom = Date.now();
  await page.getByTestId('replay-play').click();
  await expect(page.getByTestId('replay-play')).toHaveAttribute('data-playing', 'true');
  await page.waitForTimeout(1500);
  await page.getByTestId('replay-play').click();
  await expect(page.getByTestId('replay-play')).toHaveAttribute('data-playing', 'false');
  const playedMs = Date.now() - playFrom;
  const paused = await clockMs(page);
  // 1.5 s at 60× is about 90 s of drill time; never more than 60× the wall time it really played
  // (a loaded machine stretches that time, so the bound follows it rather than a fixed figure).
  expect(paused - start).toBeGreaterThan(45_000);
  expect(paused - start).toBeLessThanOrEqual(60 * (playedMs + 1000));
  await page.waitForTimeout(600);
  expect(await clockMs(page)).toBe(paused);

  // Jump to 5 minutes after the long step should have finished: it is still under way, and late.
  const long = simulated.actual.get(overran)!;
  const plannedMinutes = scenario.steps.find((s) => s.id === overran)!.durationMin!;
  const moment = long.start + plannedMinutes + 5;
  await page.getByTestId('replay-jump-input').fill(clockText(minutesAfterStart(moment)));
  await page.getByTestId('replay-jump').click();
  const jumpedTo = minutesAfterStart(moment);
  jumpedTo.setSeconds(0, 0);
  await expect(page.getByTestId('replay-clock')).toHaveAttribute('data-time', jumpedTo.toISOString());
  await showWholeGraph(page);
  const expected = (stepId: string, at: number) => {
    if (simulated.cutOff.has(stepId)) return simulated.cutOff.get(stepId)! <= at ? 'not-taken' : null;
    const a = simulated.actual.get(stepId)!;
    // An inject is done once delivered (the console records only its delivery); its scene's minutes only delay what follows.
    if (scenario.steps.find((s) => s.id === stepId)!.kind === 'inject') return a.start <= at ? 'done' : null;
    return a.finish <= at && (a.finish > a.start || a.start <= at) ? 'done' : a.start <= at ? 'under-way' : null;
  };
  await expect(node(page, overran)).toHaveAttribute('data-status', 'under-way');
  await expect(node(page, overran)).toHaveAttribute('data-late', 'true');
  const checked: string[] = [];
  for (const step of scenario.steps) {
    const status = expected(step.id, Math.floor(moment));
    if (status === null) await expect(node(page, step.id)).toHaveAttribute('data-status', /waiting|ready/);
    else await expect(node(page, step.id)).toHaveAttribute('data-status', status);
    checked.push(step.id);
  }
  expect(checked.length).toBe(scenario.steps.length);

  // Scrub with the mouse to a third of the run: the event list follows and the states change with it.
  const scrubber = page.getByTestId('replay-scrubber');
  const box = (await scrubber.boundingBox())!;
  await page.mouse.click(box.x + box.width / 3, box.y + box.height / 2);
  const scrubbed = (await clockMs(page)) - app.demo.startedAtMs;
  const at = scrubbed / 60_000;
  const running = [...simulated.actual.entries()].filter(([, a]) => a.start < at - 0.5 && a.finish > at + 0.5).map(([id]) => id);
  const finished = [...simulated.actual.entries()].filter(([, a]) => a.finish < at - 0.5).map(([id]) => id);
  expect(finished.length).toBeGreaterThan(3);
  await showWholeGraph(page);
  for (const id of running) await expect(node(page, id)).toHaveAttribute('data-status', 'under-way');
  for (const id of finished) await expect(node(page, id)).toHaveAttribute('data-status', /done|not-taken/);
  await expect(page.locator('[data-testid="replay-event"][data-current="true"]')).toBeVisible();

  // Next and previous event, and the keyboard.
  const before = await clockMs(page);
  await page.getByTestId('replay-next').click();
  const next = await clockMs(page);
  expect(next).toBeGreaterThan(before);
  await page.keyboard.press('ArrowLeft');
  expect(await clockMs(page)).toBeLessThan(next);
  // Space on a focused button presses that button; away from controls it plays and pauses.
  await page.evaluate('document.activeElement && document.activeElement.blur()');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('replay-play')).toHaveAttribute('data-playing', 'true');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('replay-play')).toHaveAttribute('data-playing', 'false');
});

test('an annotation pinned at t with its step, owner and due date is still there after a reload', async ({ page }) => {
  const { simulated, startedLate, scenario } = app.demo;
  await page.goto(replayUrl());
  await expect(page.getByTestId('scrub-mark')).toHaveCount(3);
  const moment = simulated.actual.get(startedLate)!.start;
  await page.getByTestId('replay-jump-input').fill(clockText(minutesAfterStart(moment)));
  await page.getByTestId('replay-jump').click();
  await page.getByTestId('side-annotations').click();
  await page.getByTestId('annotation-kind-improvement').click();
  await page.getByTestId('annotation-text').fill('明确各工作组报到时限，导调组提前 5 分钟提醒');
  await page.getByTestId('annotation-step').selectOption(startedLate);
  const owner = scenario.roles[0];
  await page.getByTestId('annotation-owner').selectOption(owner.id);
  await page.getByTestId('annotation-due').fill('2026-08-15');
  await page.getByTestId('annotation-save').click();
  const item = page.getByTestId('annotation-item').filter({ hasText: '明确各工作组报到时限' });
  await expect(item).toBeVisible();
  await expect(page.getByTestId('scrub-mark')).toHaveCount(4);

  await page.reload();
  await page.getByTestId('side-annotations').click();
  const reloaded = page.getByTestId('annotation-item').filter({ hasText: '明确各工作组报到时限' });
  await expect(reloaded).toBeVisible();
  await expect(reloaded).toContainText(scenario.steps.find((s) => s.id === startedLate)!.title);
  await expect(reloaded).toContainText(owner.name);
  await expect(reloaded).toContainText('2026-08-15');
  await expect(page.getByTestId('scrub-mark')).toHaveCount(4);

  // The open improvement actions show on the scenario's editor until marked done.
  await page.goto(`${app.url.replace(/#.*$/, '')}#/scenario/${scenario.id}`);
  await page.getByTestId('open-improvements-toggle').click();
  await expect(page.getByTestId('open-improvement')).toHaveCount(2);
  await page.getByTestId('open-improvement').filter({ hasText: '明确各工作组报到时限' }).getByTestId('open-improvement-done').click();
  await expect(page.getByTestId('open-improvement')).toHaveCount(1);
});

test('the after-action report prints to PDF with the late steps and their causes', async ({ page }) => {
  const { overran, startedLate, scenario } = app.demo;
  await page.goto(replayUrl());
  await page.getByTestId('replay-tab-analysis').click();
  await expect(page.locator(`[data-testid="analysis-row"][data-step-id="${overran}"]`)).toHaveAttribute('data-late', 'true');
  await page.getByTestId('replay-tab-report').click();
  await expect(page.locator('[data-testid="print-pages"][data-state="ready"]')).toBeVisible();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'drilldesk-aar-')), 'report.pdf');
  await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
  expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Page size:.*\(A4\)/);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  const title = (id: string) => scenario.steps.find((s) => s.id === id)!.title.replace(/\s+/g, '');
  for (const heading of ['演练总结报告', '一、演练基本概要', '二、发现的问题', '三、经验和教训', '四、改进建议', '附录二计划与实际对照']) expect(text).toContain(heading);
  expect(text).toContain(`【${title(overran)}】`);
  expect(text).toContain(`【${title(startedLate)}】`);
  expect(text).toContain('自身用时比计划多12分钟');
  expect(text).toContain('具备开始条件后延迟4分钟开始');
  expect(text).toContain('提前准备会商研判模板和水文、水质基础资料');
  // The run's date and start time as the drill's clocks showed them.
  const start = app.demo.startedAtMs;
  expect(text).toContain(`${longDateOf(dateTimeAt(start, 'Asia/Shanghai').slice(0, 10), 'zh')}${clockAt(start, 'Asia/Shanghai')}–`);
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
});
