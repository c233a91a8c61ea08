import { expect, test } from './fixtures';

test('the home screen lists the sample scenarios and one opens with its nodes on the canvas', async ({ app, page }) => {
  await page.goto(app.url);
  const cards = page.getByTestId('scenario-card');
  await expect(cards.first()).toBeVisible();
  expect(await cards.count()).toBeGreaterThanOrEqual(1);
  await cards.first().getByTestId('open-scenario').click();
  await expect(page.getByTestId('canvas')).toBeVisible();
  await expect(page.getByTestId('step-node').first()).toBeVisible();
  expect(await page.getByTestId('step-node').count()).toBeGreaterThan(3);
});

test('switching to English changes the labels and survives a reload', async ({ app, page }) => {
  await page.goto(app.url);
  await expect(page.getByTestId('new-scenario')).toHaveText('新建演练');
  await page.getByTestId('language').selectOption('en');
  await expect(page.getByTestId('new-scenario')).toHaveText('New drill');
  await page.reload();
  await expect(page.getByTestId('new-scenario')).toHaveText('New drill');
});

test('a drill card shows its English title and counts in English only', async ({ app, page }) => {
  await page.goto(app.url);
  const card = page.getByTestId('scenario-card').filter({ hasText: '2026年汛期水环境安全应急实战演练' });
  await expect(card).toHaveCount(1);
  await expect(card.locator('.scenario-title-en')).toHaveCount(0);
  await expect(card).not.toContainText('Flood-Season');
  await page.getByTestId('language').selectOption('en');
  await expect(card.locator('.scenario-title-en')).toHaveText(/^2026 Flood-Season Water-Environment Emergency Drill/);
  await expect(card).toContainText('56 steps');
  await expect(card).not.toContainText(/\b1 steps\b|\b1 runs\b|\(s\)/);
});

test('a scenario is created, and deleted only after confirmation', async ({ app, page }) => {
  await page.goto(app.url);
  await expect(page.getByTestId('scenario-card').first()).toBeVisible();
  const before = await page.getByTestId('scenario-card').count();
  await page.getByTestId('new-scenario').click();
  await page.getByTestId('new-scenario-title').fill('测试演练');
  await page.getByTestId('create-scenario').click();
  await expect(page.getByTestId('scenario-title')).toHaveText('测试演练');
  await page.goto(app.url);
  const card = page.getByTestId('scenario-card').filter({ hasText: '测试演练' });
  await expect(card).toHaveCount(1);
  await card.getByTestId('delete-scenario').click();
  await page.getByRole('button', { name: '取消' }).click();
  await expect(card).toHaveCount(1);
  await card.getByTestId('delete-scenario').click();
  await page.getByTestId('confirm-ok').click();
  await expect(card).toHaveCount(0);
  await expect(page.getByTestId('scenario-card')).toHaveCount(before);
});
