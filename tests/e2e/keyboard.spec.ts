/**
 * The keyboard and the view of the editor, in real Chromium: keys pressed
 * after re-selecting a step act on the canvas, not on a field that took the
 * focus earlier.
 */
import type { Page } from '@playwright/test';
import { chain, storeScenario, storedScenario } from '../fixtures/editor/scenarios';
import { expect, test, type TestApp } from './fixtures';

const stepNode = (page: Page, title: string) => page.getByTestId('step-node').filter({ has: page.getByTestId('step-title').getByText(title, { exact: true }) });

async function openScenario(page: Page, app: TestApp, id: string) {
  await page.goto(`${app.url}#/scenario/${id}`);
  await expect(page.getByTestId('canvas')).toBeVisible();
}

async function saved(page: Page) {
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
}

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
