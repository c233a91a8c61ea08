/**
 * The keyboard and the view of the editor, in real Chromium: keys pressed
 * after re-selecting a step act on the canvas, not on a field that took the
 * focus earlier; a drill opens readable from its first step; a finding leads
 * to its step in the inspector.
 */
import type { Page } from '@playwright/test';
import { firstStepOf, READABLE_ZOOM, viewportToFit } from '../../shared/viewport';
import { chain, storeScenario, storedScenario } from '../fixtures/editor/scenarios';
import { openScenario, saved, stepNode } from './editorPage';
import { expect, test, type TestApp } from './fixtures';

test('a step re-selected on the canvas after it was added takes 2 and Delete as canvas commands, not as its title', async ({ app, page }) => {
  const id = await storeScenario(app, chain);
  await openScenario(page, app, id);
  await stepNode(page, '报告监测结果').locator('.step-card-head').click();
  await page.keyboard.press('2');
  // The new step's title has the focus, its text selected, ready to be typed over.
  const title = page.getByTestId('field-title');
  await expect(title).toBeFocused();
  await expect(title).toHaveValue('新处置动作');
  await saved(page);
  const added = (await storedScenario(app, id)).steps.find((step) => !['a', 'b', 'c'].includes(step.id))!;

  // Another step, then the new one again, both clicked on the canvas.
  await stepNode(page, '应急监测采样').locator('.step-card-head').click();
  await page.locator(`.react-flow__node[data-id="${added.id}"] .step-card-head`).click();
  await expect(page.getByTestId('field-title')).toHaveValue('新处置动作');
  await expect(page.getByTestId('field-title')).not.toBeFocused();

  // 2 adds an action after it; its title is left alone.
  await page.keyboard.press('2');
  await expect.poll(async () => (await storedScenario(app, id)).steps.length).toBe(5);
  await saved(page);
  let stored = await storedScenario(app, id);
  expect(stored.steps.find((step) => step.id === added.id)!.title).toBe('新处置动作');
  const next = stored.steps.find((step) => ![...'abc', added.id].includes(step.id))!;
  expect(stored.edges.some((edge) => edge.source === added.id && edge.target === next.id)).toBe(true);

  // Re-selected again (after the step just added, which took the focus), Delete removes it.
  await expect(page.getByTestId('field-title')).toBeFocused();
  await page.locator(`.react-flow__node[data-id="${next.id}"] .step-card-head`).click();
  await page.locator(`.react-flow__node[data-id="${added.id}"] .step-card-head`).click();
  await page.keyboard.press('Delete');
  await expect(page.locator(`.react-flow__node[data-id="${added.id}"]`)).toHaveCount(0);
  await saved(page);
  stored = await storedScenario(app, id);
  expect(stored.steps.map((step) => step.id)).not.toContain(added.id);
});

/** The canvas's view (React Flow's transform) and where a step's card is on screen relative to the canvas. */
async function viewOf(page: Page) {
  const transform = await page.locator('.editor-canvas .react-flow__viewport').evaluate((element) => (element as unknown as { style: { transform: string } }).style.transform);
  // translate(xpx, ypx) scale(zoom)
  const [x, y, zoom] = (transform.match(/-?\d+(?:\.\d+)?(?:e[+-]?\d+)?/g) ?? []).map(Number);
  return { x, y, zoom };
}
async function inCanvas(page: Page, stepId: string) {
  const canvas = (await page.getByTestId('canvas').boundingBox())!;
  const card = await page.locator(`.react-flow__node[data-id="${stepId}"]`).boundingBox();
  return card !== null && card.x >= canvas.x && card.y >= canvas.y && card.x + card.width <= canvas.x + canvas.width && card.y + card.height <= canvas.y + canvas.height;
}
/** Waits for the view to stop moving (an animated change of view) and returns it. */
async function settledView(page: Page) {
  let before = await viewOf(page);
  for (;;) {
    await page.waitForTimeout(100);
    const now = await viewOf(page);
    if (now.x === before.x && now.y === before.y && now.zoom === before.zoom) return now;
    before = now;
  }
}

/** Checks the view shows the drill as it should open: readable, its first step in view, and all of it when it fits at a readable zoom. */
async function expectOpeningView(page: Page, app: TestApp, id: string, when: string) {
  const stored = await storedScenario(app, id);
  const first = firstStepOf(stored.steps, stored.edges)!;
  const view = await settledView(page);
  const canvas = (await page.getByTestId('canvas').boundingBox())!;
  expect(view.zoom, `${stored.title} ${when}`).toBeGreaterThanOrEqual(READABLE_ZOOM - 1e-9);
  expect(await inCanvas(page, first.id), `${stored.title} ${when}: first step ${first.id} in view`).toBe(true);
  const whole = viewportToFit(stored.steps, canvas.width, canvas.height).zoom >= READABLE_ZOOM;
  if (whole) for (const step of stored.steps) expect(await inCanvas(page, step.id), `${stored.title} ${when}: ${step.id} in view`).toBe(true);
  return whole;
}

test('a drill opens readable from its first step, whole when it fits, and so again after a reload and after auto-layout', async ({ app, page }) => {
  test.setTimeout(180_000);
  const scenarios = (await app.backend.service().listScenarios({})) as { id: string; title: string }[];
  expect(scenarios.length).toBeGreaterThanOrEqual(5);
  const small = await storeScenario(app, chain);
  for (const { id } of [...scenarios, { id: small }]) {
    await openScenario(page, app, id);
    const whole = await expectOpeningView(page, app, id, 'on opening');
    expect(whole).toBe(id === small);
    await page.reload();
    await expect(page.getByTestId('canvas')).toBeVisible();
    await expectOpeningView(page, app, id, 'after a reload');
  }
  const composite = scenarios.find((scenario) => scenario.title === '2026年汛期水环境安全应急实战演练')!;
  for (const id of [composite.id, small]) {
    await openScenario(page, app, id);
    // Zoomed far out first, so the view after auto-layout is its doing.
    // Each step waits for the animated zoom to settle: a key pressed mid-animation zooms from where the view then is.
    for (let i = 0; i < 12 && (await settledView(page)).zoom >= READABLE_ZOOM; i++) await page.keyboard.press('-');
    expect((await settledView(page)).zoom).toBeLessThan(READABLE_ZOOM);
    await page.keyboard.press('Shift+L');
    await saved(page);
    await expectOpeningView(page, app, id, 'after auto-layout');
  }
});

test('clicking a finding selects its step and opens it in the inspector', async ({ app, page }) => {
  const id = await storeScenario(app, { ...chain, steps: chain.steps.map((step) => (step.id === 'b' ? { ...step, roleIds: [] } : step)) });
  await openScenario(page, app, id);
  await page.getByTestId('panel-tab-findings').click();
  const finding = page.getByTestId('finding').filter({ hasText: '应急监测采样' }).first();
  await finding.click();
  await expect(page.getByTestId('panel-tab-inspector')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('field-title')).toHaveValue('应急监测采样');
  await expect(page.locator('.react-flow__node.selected')).toHaveAttribute('data-id', 'b');
});
