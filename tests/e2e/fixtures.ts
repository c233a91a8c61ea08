/**
 * Each test gets its own DrillDesk in browser mode: a fresh data folder in a
 * temp directory, the real back end on SQLite, the real HTTP server on a free
 * port, and the built renderer. `app.url` opens it with its token.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect } from '@playwright/test';
import { openBackend, type Backend } from '../../electron/core/backend';
import { memoryPrefsStore } from '../../electron/core/prefs';
import { startWebServer, type WebServer } from '../../electron/web/server';
import { liveSharingOf } from '../../electron/web/liveSharing';
import type { SharingHost } from '../../electron/web/sharing';

/** `sharing` is the browser-mode composition; runs are shared on 127.0.0.1 in the tests (the private-range filter is unit-tested). */
export type TestApp = { url: string; dataDir: string; backend: Backend; web: WebServer; sharing: SharingHost };

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function startApp(dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'drilldesk-e2e-'))): Promise<TestApp> {
  const backend = openBackend({ dataDir, templatesDir: path.join(root, 'scenarios'), prefs: memoryPrefsStore(), log: () => {} });
  const rendererDir = path.join(root, 'dist/renderer');
  const { hub, sharing } = liveSharingOf(backend, { rendererDir, dataDir, interfaces: () => [{ name: 'lo', address: '127.0.0.1' }] });
  const web = await startWebServer({ backend: sharing, hub, rendererDir, port: 0 });
  return { url: web.url, dataDir, backend, web, sharing };
}

export async function stopApp(app: TestApp) {
  await app.web.close();
  await app.sharing.close();
  app.backend.close();
  fs.rmSync(app.dataDir, { recursive: true, force: true });
}

export const test = base.extend<{ app: TestApp }>({
  app: async ({}, use) => {
    const app = await startApp();
    await use(app);
    await stopApp(app);
  },
  // Every page fails its test on a Content-Security-Policy violation (an inline style or script the policy refused).
  page: async ({ page }, use) => {
    const violations: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await use(page);
    expect(violations, 'Content-Security-Policy violations').toEqual([]);
  },
});

export { expect };
