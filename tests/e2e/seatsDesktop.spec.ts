/**
 * 联网导调 from the desktop app's console, in real Chromium: the page gets a
 * `window.drillDesk` bridge, as the preload gives it (Electron cannot run
 * here, so each operation is relayed to the same back end over the test
 * server's API instead of IPC), and a `window.drillDeskDesktop.onRunEvent`
 * standing in for the main process's push (relayed from the test server's
 * event stream), so the renderer runs its desktop path: the seats tab is
 * there, sharing starts through the bridge, and a seat's entry reaches the
 * log, with the seat's name, through the push — the page opens no stream of
 * its own.
 */
import { API_METHODS } from '../../shared/api';
import { expect, test } from './fixtures';

const COMPOSITE = '2026年汛期水环境安全应急实战演练';

test('the desktop console shares a run and shows a seat’s entry with its name', async ({ app, page }) => {
  const service = app.backend.service() as unknown as { listScenarios: (arg: object) => { id: string; title: string }[]; createRun: (arg: object) => { id: string } };
  const run = service.createRun({ scenarioId: service.listScenarios({}).find((s) => s.title === COMPOSITE)!.id, name: '联网演练' });

  // The preload's bridges: one function per contract operation, answering envelopes; and the main process's push of committed
  // events, which the main process takes from the event hub (here: from the test server's stream, read by the bridge).
  await page.addInitScript((methods: string[]) => {
    const token = new URLSearchParams(window.location.search).get('token') ?? '';
    const bridge: Record<string, (arg: unknown) => Promise<unknown>> = {};
    for (const method of methods)
      bridge[method] = async (arg) =>
        (await fetch(`/api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'x-drilldesk-token': token }, body: JSON.stringify(arg ?? {}) })).json();
    const subscribed: string[] = [];
    const onRunEvent = (runId: string, listener: (event: unknown) => void) => {
      subscribed.push(runId);
      const controller = new AbortController();
      void (async () => {
        const response = await fetch(`/events/${runId}?bridge=1`, { headers: { 'x-drilldesk-token': token }, signal: controller.signal });
        const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const data = buffer.slice(0, end).split('\n').find((line) => line.startsWith('data: '));
            buffer = buffer.slice(end + 2);
            if (data) listener(JSON.parse(data.slice(6)));
          }
        }
      })().catch(() => {});
      return () => controller.abort();
    };
    Object.assign(window, { drillDesk: bridge, drillDeskDesktop: { printToPdf: async () => ({ saved: false, path: null }), print: async () => ({ printed: false }), onRunEvent }, subscribed });
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
  // The desktop path: the console subscribed through the bridge, and opened no event stream of its own.
  expect(await page.evaluate(() => (window as unknown as { subscribed: string[] }).subscribed)).toContain(run.id);
  expect(streams.filter((url) => !url.includes('bridge=1'))).toEqual([]);
});
