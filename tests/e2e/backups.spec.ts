/**
 * "Restore from backup" in the app, and hostile text shown as text: the
 * backups dialog from the home screen, a restore with confirmation, the
 * offer of the latest backup after the database was found damaged, and a
 * drill whose labels hold markup rendered inert.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openBackend } from '../../electron/core/backend';
import { memoryPrefsStore } from '../../electron/core/prefs';
import { expect, startApp, stopApp, test } from './fixtures';
import { errorTextOf, type Envelope } from '../../shared/api';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function value<T>(call: (method: string, arg: unknown) => Promise<Envelope<unknown>>, method: string, arg: unknown): Promise<T> {
  const envelope = await call(method, arg);
  if (!envelope.ok) throw new Error(`${method}: ${errorTextOf(envelope.error, 'en').text}`);
  return envelope.value as T;
}

test('a backup made from the home screen restores the drills as they were, after confirmation', async ({ app, page }) => {
  await page.goto(app.url);
  await page.getByTestId('open-backups').click();
  const dialog = page.getByTestId('backups-dialog');
  await expect(dialog.getByTestId('backups-empty')).toBeVisible();
  await dialog.getByTestId('create-backup').click();
  await expect(dialog.getByTestId('backup-row')).toHaveCount(1);
  await expect(dialog.getByTestId('backup-row')).toContainText('手动备份');

  // A drill created after the backup.
  await value(app.backend.call, 'createScenario', { meta: { title: '备份之后新建的演练' } });
  await page.reload();
  await expect(page.getByTestId('scenario-card').filter({ hasText: '备份之后新建的演练' })).toHaveCount(1);

  await page.getByTestId('open-backups').click();
  await page.getByTestId('backup-row').first().getByTestId('restore-backup').click();
  await page.getByRole('button', { name: '取消' }).last().click();
  await expect(page.getByTestId('scenario-card').filter({ hasText: '备份之后新建的演练' })).toHaveCount(1);

  await page.getByTestId('backup-row').first().getByTestId('restore-backup').click();
  await page.getByTestId('confirm-ok').click();
  await expect(page.getByTestId('toast-info')).toContainText('已恢复');
  await expect(page.getByTestId('scenario-card').first()).toBeVisible();
  await expect(page.getByTestId('scenario-card').filter({ hasText: '备份之后新建的演练' })).toHaveCount(0);
  // What was replaced was backed up first.
  await page.getByTestId('open-backups').click();
  await expect(page.getByTestId('backup-row').filter({ hasText: '恢复前的自动备份' })).toHaveCount(1);
});

test('after the database was found damaged, the app says so and offers the latest backup', async ({ page }) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'drilldesk-e2e-damaged-'));
  const first = openBackend({ dataDir, templatesDir: path.join(root, 'scenarios'), prefs: memoryPrefsStore(), log: () => {} });
  await value(first.call, 'createScenario', { meta: { title: '损坏前的演练' } });
  await value(first.call, 'createBackup', {});
  first.close();
  fs.writeFileSync(path.join(dataDir, 'drilldesk.sqlite'), 'a disk sector went bad here');

  const app = await startApp(dataDir);
  try {
    await page.goto(app.url);
    await expect(page.getByTestId('storage-recovered')).toBeVisible();
    const dialog = page.getByTestId('backups-dialog');
    await expect(dialog).toBeVisible(); // opened by itself
    await expect(dialog.getByTestId('backups-damaged')).toContainText('drilldesk.sqlite.damaged-');
    await expect(page.getByTestId('scenario-card').filter({ hasText: '损坏前的演练' })).toHaveCount(0);
    // The backup from before the damage is shown apart, kept from rotation, and offered.
    const kept = dialog.getByTestId('backups-kept').getByTestId('backup-row');
    await expect(kept).toHaveCount(1);
    await expect(kept).toContainText('损坏前的备份');
    await expect(kept.getByTestId('restore-backup')).toHaveClass(/primary/);
    await dialog.getByTestId('backup-row').first().getByTestId('restore-backup').click();
    await page.getByTestId('confirm-ok').click();
    await expect(page.getByTestId('scenario-card').filter({ hasText: '损坏前的演练' })).toHaveCount(1);
    await expect(page.getByTestId('storage-recovered')).toHaveCount(0);
    expect(fs.readdirSync(dataDir).some((name) => name.startsWith('drilldesk.sqlite.damaged-'))).toBe(true);
  } finally {
    await stopApp(app);
  }
});

test('a pinned backup is shown apart from the rotating ones, and goes back when unpinned', async ({ app, page }) => {
  await value(app.backend.call, 'createBackup', {});
  await page.goto(app.url);
  await page.getByTestId('open-backups').click();
  const dialog = page.getByTestId('backups-dialog');
  await expect(dialog.getByTestId('backups-kept')).toHaveCount(0);
  await dialog.getByTestId('backups-rotating').getByTestId('pin-backup').click();
  await expect(page.getByTestId('toast-info')).toContainText('已固定');
  const kept = dialog.getByTestId('backups-kept').getByTestId('backup-row');
  await expect(kept).toHaveCount(1);
  await expect(kept).toContainText('已固定');
  await expect(dialog.getByTestId('backups-rotating')).toContainText('还没有自动轮换的备份');
  expect((await value<{ kept: string | null }[]>(app.backend.call, 'listBackups', {}))[0].kept).toBe('pinned');

  await kept.getByTestId('unpin-backup').click();
  await expect(dialog.getByTestId('backups-kept')).toHaveCount(0);
  await expect(dialog.getByTestId('backups-rotating').getByTestId('backup-row')).toHaveCount(1);
  expect((await value<{ kept: string | null }[]>(app.backend.call, 'listBackups', {}))[0].kept).toBeNull();
});

test('markup in a drill file is shown as text and never runs', async ({ app, page }) => {
  const text = fs.readFileSync(path.join(root, 'tests/fixtures/hostile/s16-markup-in-labels.drill.json'), 'utf8');
  const summary = await value<{ id: string; title: string }>(app.backend.call, 'importScenario', { text });
  await page.goto(app.url);
  const card = page.getByTestId('scenario-card').filter({ hasText: '汛期演练' });
  await expect(card.getByText('<img src=x onerror="window.pwned=1">汛期演练')).toBeVisible();
  await card.getByTestId('open-scenario').click();
  await expect(page.getByTestId('step-node').first()).toBeVisible();
  await expect(page.getByText('<script>window.pwned=1</script>停电')).toBeVisible();
  expect(await page.evaluate(() => (globalThis as { pwned?: number }).pwned)).toBeUndefined();
  expect(await page.locator('img[src="x"], iframe, svg[onload], script:not([src])').count()).toBe(0);
  expect(summary.title).toContain('<img');
});
