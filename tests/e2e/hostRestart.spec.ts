/**
 * A host crash seen from a phone: browser mode runs as a child process
 * (`npm run web`), shares a run on 127.0.0.1, and a field controller joins
 * in Chromium. The host is SIGKILLed: the phone shows it has lost the host
 * and keeps what it records queued; started again on the same data folder,
 * the host shares the run again at the same address, and the phone is live
 * again without joining again, its queued entry stored once.
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { SharingStatus } from '../../shared/api';
import type { Run, RunEvent, Scenario } from '../../shared/model';
import { hostCall, startBrowserMode } from '../support/browserMode';

const COMPOSITE = '2026年汛期水环境安全应急实战演练';
const children: ChildProcess[] = [];
let dataDir = '';

test.afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

test('a phone reconnects to the restarted host without joining again', async ({ browser }) => {
  test.slow();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'drilldesk-e2e-restart-'));
  const first = await startBrowserMode(dataDir, children);
  const summary = (await hostCall<{ id: string; title: string }[]>(first, 'listScenarios', {})).find((s) => s.title === COMPOSITE)!;
  const scenario = await hostCall<Scenario>(first, 'getScenario', { id: summary.id });
  const run = await hostCall<Run>(first, 'createRun', { scenarioId: scenario.id, name: '断电重启' });
  const shared = (await hostCall<SharingStatus>(first, 'startSharing', { runId: run.id, address: '127.0.0.1' })).shared!;
  const { code } = await hostCall<{ code: string }>(first, 'createSeat', { runId: run.id, seat: { kind: 'field-controller', name: '污水厂现场', scope: { roleIds: ['role-sewage'] } } });

  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  const phone = await context.newPage();
  await phone.goto(`${shared.url}#/seat?code=${code}`);
  await phone.getByTestId('seat-join-button').click();
  await expect(phone.getByTestId('seat-live')).toHaveAttribute('data-state', 'live');
  const card = (stepId: string) => phone.locator(`[data-testid="run-step"][data-step-id="${stepId}"]`);
  await card('s17').getByTestId('step-delivered').click();
  await expect(card('s17')).toHaveAttribute('data-status', 'done');
  // Stored by the host (acknowledged) before the crash.
  await expect.poll(async () => (await hostCall<{ events: RunEvent[] }>(first, 'getRun', { id: run.id })).events.length).toBe(1);
  await expect(phone.getByTestId('seat-unsent')).toHaveAttribute('data-count', '0');

  first.child.kill('SIGKILL');
  await first.exited;
  await expect(phone.getByTestId('seat-live')).not.toHaveAttribute('data-state', 'live');
  // Recorded while the host is down: queued on the phone.
  await card('s18').getByTestId('step-start').click();
  await expect(phone.getByTestId('seat-unsent')).toHaveAttribute('data-count', '1');

  const second = await startBrowserMode(dataDir, children);
  expect(second.lines).toContain(`Sharing resumed at ${shared.url}`);
  await expect(phone.getByTestId('seat-live')).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
  await expect(phone.getByTestId('seat-unsent')).toHaveAttribute('data-count', '0', { timeout: 30_000 });
  await expect(phone.getByTestId('seat-join')).toHaveCount(0);
  const events = (await hostCall<{ events: RunEvent[] }>(second, 'getRun', { id: run.id })).events;
  expect(events.map((event) => [event.kind, event.stepId])).toEqual([
    ['inject-delivered', 's17'],
    ['started', 's18'],
  ]);
  // An entry from the restarted host reaches the phone live.
  await hostCall(second, 'recordEvent', { runId: run.id, event: { kind: 'completed', stepId: 's18' } });
  await expect(card('s18')).toHaveAttribute('data-status', 'done');
  await context.close();
});
