/**
 * Long imports in browser mode with the back end in workers (issue 18 §1):
 * the window shows the import with its progress and a cancel button while
 * it runs, cancelling really stops it (nothing is imported), and the app
 * keeps answering meanwhile.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect } from '@playwright/test';
import { scenarioOf } from '../../bench/generate';
import { openNodeWorkerBackend } from '../../electron/core/nodeBackend';
import { memoryPrefsStore } from '../../electron/core/prefs';
import type { WorkerBackend } from '../../electron/core/workerBackend';
import { startWebServer, type WebServer } from '../../electron/web/server';
import { scenarioFileTextOf } from '../../shared/scenarioFile';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

type WorkerApp = { url: string; dataDir: string; backend: WorkerBackend; web: WebServer };

const test = base.extend<{ app: WorkerApp }>({
  app: async ({}, use) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'drilldesk-e2e-tasks-'));
    const backend = await openNodeWorkerBackend(dataDir, { prefs: memoryPrefsStore(), log: () => {} });
    const web = await startWebServer({ backend, rendererDir: path.join(root, 'dist/renderer'), port: 0 });
    await use({ url: web.url, dataDir, backend, web });
    await web.close();
    await backend.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  },
});

/** A 4,000-step drill file with no positions: importing it means laying it out, which takes seconds. */
function bigDrillFile(): Buffer {
  const body = scenarioOf({ steps: 4000, edges: 6000, seed: 18, text: 'full' });
  const unplaced = { ...body, title: '超大演练', steps: body.steps.map((step) => ({ ...step, position: { x: 0, y: 0 } })) };
  return Buffer.from(scenarioFileTextOf(unplaced));
}

test('a long import shows its progress and a cancel button, and cancelling stops it with nothing imported', async ({ page, app }) => {
  test.setTimeout(120_000);
  await page.goto(app.url);
  const cards = page.getByTestId('scenario-card');
  await expect(cards.first()).toBeVisible();
  const before = await cards.count();

  await page.getByTestId('import-file-input').setInputFiles({ name: '超大演练.drill.json', mimeType: 'application/json', buffer: bigDrillFile() });
  const task = page.getByTestId('task');
  // The page reads and sends a 4,000-step file first: on a loaded machine that alone takes seconds.
  await expect(task).toBeVisible({ timeout: 60_000 });
  await expect(task).toContainText('导入演练文件');
  await expect(task.locator('progress')).toHaveAttribute('max', '30000');
  await expect(task).toContainText('最长 30 秒');
  await page.screenshot({ path: test.info().outputPath('task-bar.png') });

  // The app answers while the import runs: the language switch saves a preference through the back end.
  await page.getByTestId('language').selectOption('en');
  await expect(page.getByTestId('import-scenario')).toHaveText(/Import/);
  await expect(task).toContainText('Importing a drill file');

  await page.getByTestId('task-cancel').click();
  await expect(page.getByTestId('task-bar')).toHaveCount(0);
  await expect(page.getByText('Cancelled; nothing was changed.').or(page.getByText('the import was cancelled; nothing was changed'))).toBeVisible();
  await page.reload();
  await expect(cards.first()).toBeVisible();
  expect(await cards.count()).toBe(before);
  expect(await app.backend.call('listTasks', {})).toEqual({ ok: true, value: [] });
});
