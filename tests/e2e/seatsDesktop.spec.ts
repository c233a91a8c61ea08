/**
 * 联网导调 from the desktop app's console, in real Chromium: the page gets a
 * `window.drillDesk` bridge, as the preload gives it (Electron cannot run
 * here, so each operation is relayed to the same back end over the test
 * server's API instead of IPC), so the renderer runs its desktop path: the
 * seats tab is there, sharing starts through the bridge, and with no event
 * stream of its own the console still shows a seat's entry, with the seat's
 * name, by reading the shared run's new events.
 */
import { API_METHODS } from '../../shared/api';
import { expect, test } from './fixtures';

const COMPOSITE = '2026年汛期水环境安全应急实战演练';

test('the desktop console shares a run and shows a seat’s entry with its name', async ({ app, page }) => {
  const service = app.backend.service() as unknown as { listScenarios: (arg: object) => { id: string; title: string }[]; createRun: (arg: object) => { id: string } };
  const run = service.createRun({ scenarioId: service.listScenarios({}).find((s) => s.title === COMPOSITE)!.id, name: '联网演练' });

  // The preload's bridge: one function per contract operation, answering envelopes.
  await page.addInitScript((methods: string[]) => {
    const token = new URLSearchParams(window.location.search).get('token') ?? '';
    const bridge: Record<string, (arg: unknown) => Promise<unknown>> = {};
    for (const method of methods)
      bridge[method] = async (arg) =>
        (await fetch(`/api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'x-drilldesk-token': token }, body: JSON.stringify(arg ?? {}) })).json();
    (window as unknown as { drillDesk: unknown }).drillDesk = bridge;
  }, [...API_METHODS]);
  const streams: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/events/')) streams.push(request.url());
  });

  await page.goto(`${app.url}#/run/${run.id}`);
  await page.getByTestId('console-side-seats').click();
  await page.getByTestId('seats-start').click();
  await expect(page.getByTestId('seats-url')).toContainText('http://127.0.0.1:');
  const seatUrl = /http:\/\/127\.0\.0\.1:\d+\//.exec((await page.getByTestId('seats-url').textContent())!)![0];
  await page.getByTestId('seats-kind').selectOption('field-controller');
  await page.getByTestId('seats-name').fill('污水处理厂现场导调');
  await page.getByTestId('seats-roles').locator('[data-role-id="role-sewage"]').check();
  await page.getByTestId('seats-create').click();
  const code = (await page.getByTestId('seats-code-text').textContent())!.trim();

  const post = async (path: string, body: unknown, token?: string) =>
    (await (await fetch(new URL(path, seatUrl), { method: 'POST', headers: { 'Content-Type': 'application/json', ...(token ? { 'x-drilldesk-seat': token } : {}) }, body: JSON.stringify(body) })).json()) as { ok: boolean; value: any };
  const joined = await post('/seat/join', { code });
  const recorded = await post('/seat/api/recordEvent', { runId: run.id, event: { kind: 'inject-delivered', stepId: 's17' } }, joined.value.token);
  expect(recorded.ok).toBe(true);

  await page.getByTestId('console-side-control').click();
  await expect(page.locator(`[data-testid="log-item"][data-seq="${recorded.value.seq}"]`).getByTestId('log-seat')).toHaveText('污水处理厂现场导调');
  // The desktop path: no event stream was opened.
  expect(streams).toEqual([]);
});
