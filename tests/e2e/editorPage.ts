/** Steps of the editor's end-to-end tests: finding a step on the canvas, opening a scenario, waiting for the save, connecting and dragging by mouse. */
import type { Locator, Page } from '@playwright/test';
import { expect, type TestApp } from './fixtures';

export const stepNode = (page: Page, title: string) => page.getByTestId('step-node').filter({ has: page.getByTestId('step-title').getByText(title, { exact: true }) });

export async function openScenario(page: Page, app: TestApp, id: string) {
  await page.goto(`${app.url}#/scenario/${id}`);
  await expect(page.getByTestId('canvas')).toBeVisible();
}

export async function saved(page: Page) {
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
}

export async function centreOf(locator: Locator) {
  const box = (await locator.boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Drags from the output handle of one step to the input handle of another, as a person connects them. */
export async function connect(page: Page, from: Locator, to: Locator) {
  const start = await centreOf(from.locator('.react-flow__handle.source'));
  const end = await centreOf(to.locator('.react-flow__handle.target'));
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move((start.x + end.x) / 2, (start.y + end.y) / 2, { steps: 5 });
  await page.mouse.move(end.x, end.y, { steps: 5 });
  await page.mouse.up();
}

/** Drags a step by its header. */
export async function drag(page: Page, node: Locator, dx: number, dy: number) {
  const box = (await node.locator('.step-card-head').boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx / 2, y + dy / 2, { steps: 5 });
  await page.mouse.move(x + dx, y + dy, { steps: 5 });
  await page.mouse.up();
}
