/**
 * 联网导调 in real Chromium against the real back end: the host shares a run
 * from the console on 127.0.0.1 (the tests' interface), creates a seat and
 * reads its join code and QR code; a seat joins with that code over the
 * seats' server and records an event, which arrives in the console's log
 * with the seat's name, live; the host sees it connected and revokes it.
 * An evaluator on a phone scores the items of its form and records
 * observations with photos from the camera input, also offline.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { messageOf } from '../../shared/i18n';
import { expect, test } from './fixtures';

const COMPOSITE = '2026年汛期水环境安全应急实战演练';

async function runOf(app: { backend: { service: () => { listScenarios: Function; createRun: Function } } }) {
  const service = app.backend.service() as unknown as {
    listScenarios: (arg: object) => { id: string; title: string }[];
    createRun: (arg: object) => { id: string };
  };
  const scenario = service.listScenarios({}).find((s) => s.title === COMPOSITE)!;
  return service.createRun({ scenarioId: scenario.id, name: '联网演练' });
}

/** A request to the seats' server as a phone would make it. */
async function seatPost(url: string, path: string, body: unknown, token?: string) {
  const response = await fetch(new URL(path, url), { method: 'POST', headers: { 'Content-Type': 'application/json', ...(token ? { 'x-drilldesk-seat': token } : {}) }, body: JSON.stringify(body) });
  return (await response.json()) as { ok: boolean; value?: any; error?: { key: string } };
}

/** Holds a seat's event stream open (what makes the host show it online). */
function holdStream(url: string, token: string): Promise<http.ClientRequest> {
  return new Promise((resolve, reject) => {
    const target = new URL('/seat/events', url);
    const request = http.request({ host: target.hostname, port: target.port, path: target.pathname, headers: { 'x-drilldesk-seat': token } }, (response) => {
      response.resume();
      resolve(request);
    });
    request.on('error', reject);
    request.end();
  });
}

async function shareFromConsole(page: Page, appUrl: string, runId: string) {
  await page.goto(`${appUrl}#/run/${runId}`);
  await page.getByTestId('console-side-seats').click();
  await expect(page.getByTestId('seats-interface')).toHaveValue('127.0.0.1');
  await page.getByTestId('seats-start').click();
  await expect(page.getByTestId('seats-url')).toContainText('http://127.0.0.1:');
  const text = (await page.getByTestId('seats-url').textContent())!;
  return /http:\/\/127\.0\.0\.1:\d+\//.exec(text)![0];
}

test('the host shares a run, a seat joins with its code, and its event shows in the log with its name', async ({ app, page }) => {
  const run = await runOf(app);
  const seatUrl = await shareFromConsole(page, app.url, run.id);

  await page.getByTestId('seats-kind').selectOption('field-controller');
  await page.getByTestId('seats-name').fill('污水处理厂现场导调');
  await page.getByTestId('seats-roles').locator('[data-role-id="role-sewage"]').check();
  await page.getByTestId('seats-create').click();
  const code = (await page.getByTestId('seats-code-text').textContent())!.trim();
  expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  await expect(page.getByTestId('qr-code')).toHaveAttribute('data-text', `${seatUrl}#/seat?code=${code.replace('-', '')}`);
  const item = page.getByTestId('seat-item').filter({ hasText: '污水处理厂现场导调' });
  await expect(item).toHaveAttribute('data-state', 'waiting');

  const joined = await seatPost(seatUrl, '/seat/join', { code });
  expect(joined.ok).toBe(true);
  const token = joined.value.token as string;
  const stream = await holdStream(seatUrl, token);
  await expect(item).toHaveAttribute('data-state', 'connected');

  // The seat records; the console's log shows it live, with the seat's name (no reload).
  const recorded = await seatPost(seatUrl, '/seat/api/recordEvent', { runId: run.id, event: { kind: 'inject-delivered', stepId: 's17' } }, token);
  expect(recorded.ok).toBe(true);
  await page.getByTestId('console-side-control').click();
  const logItem = page.locator(`[data-testid="log-item"][data-seq="${recorded.value.seq}"]`);
  await expect(logItem.getByTestId('log-seat')).toHaveText('污水处理厂现场导调');
  // Out of its scope (the water works' step): refused by the back end.
  const refused = await seatPost(seatUrl, '/seat/api/recordEvent', { runId: run.id, event: { kind: 'inject-delivered', stepId: 's14' } }, token);
  expect(refused.error?.key).toBe('errors.seat.stepOutOfScope');

  // Revoked at once: its state, its stream ended, its calls refused.
  await page.getByTestId('console-side-seats').click();
  await item.getByTestId('seat-revoke').click();
  await expect(item).toHaveAttribute('data-state', 'revoked');
  const after = await seatPost(seatUrl, '/seat/api/getRun', { id: run.id }, token);
  expect(after.error?.key).toBe('errors.seat.revoked');
  stream.destroy();

  await page.getByTestId('seats-stop').click();
  await expect(page.getByTestId('seats-start')).toBeVisible();
});

const PHOTO = path.join(process.cwd(), 'tests/fixtures/photos/site-water.jpg');

type Stored = {
  getRun: (arg: object) => { events: { seq: number; kind: string; stepId: string | null; itemId: string | null; value: string | null; text: string; seatId: string | null; at: string; recordedAt: string }[] };
  listAttachments: (arg: object) => { eventSeq: number | null; mime: string; width: number; height: number; size: number; caption: string; dataBase64: string }[];
  listSeats: (arg: object) => { id: string; name: string }[];
};
const storedOf = (app: { backend: { service: () => unknown } }) => app.backend.service() as Stored;

/** Makes a seat from the host's panel and returns its join code (as typed, XXXX-XXXX); `scope` is a role (field controller) or a form (evaluator). */
async function makeSeat(page: Page, kind: string, name: string, scope?: string) {
  await page.getByTestId('seats-kind').selectOption(kind);
  await page.getByTestId('seats-name').fill(name);
  if (scope && kind === 'evaluator') await page.getByTestId('seats-forms').locator(`[data-form-id="${scope}"]`).check();
  else if (scope) await page.getByTestId('seats-roles').locator(`[data-role-id="${scope}"]`).check();
  await page.getByTestId('seats-create').click();
  await expect(page.getByTestId('seats-code')).toContainText(name);
  return (await page.getByTestId('seats-code-text').textContent())!.trim();
}

test('a field controller and an evaluator on phones, a big screen and an observer follow and record the run live; the replay names every seat', async ({ app, page, browser }) => {
  test.slow();
  const run = await runOf(app);
  const seatUrl = await shareFromConsole(page, app.url, run.id);
  const fieldCode = await makeSeat(page, 'field-controller', '污水处理厂现场导调', 'role-sewage');
  const evaluatorCode = await makeSeat(page, 'evaluator', '评估组袁志华', 'form-flood-season');
  const screenCode = await makeSeat(page, 'big-screen', '主会场大屏');
  const observerCode = await makeSeat(page, 'observer', '观摩席');

  // The field controller scans the QR code: the code comes in the address.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  const field = await phone.newPage();
  await field.goto(`${seatUrl}#/seat?code=${fieldCode.replace('-', '')}`);
  await expect(field.getByTestId('seat-code')).toHaveValue(fieldCode.replace('-', ''));
  await field.getByTestId('seat-join-button').click();
  await expect(field.getByTestId('seat-name')).toHaveText('污水处理厂现场导调');
  await expect(field.getByTestId('seat-live')).toHaveAttribute('data-state', 'live');
  // Only its steps: the sewage plant's s17, not the water works' s14.
  await expect(field.locator('[data-testid="run-step"][data-step-id="s17"]')).toBeVisible();
  await expect(field.locator('[data-testid="run-step"][data-step-id="s14"]')).toHaveCount(0);

  // The big screen at 1920×1080 types its code.
  const wall = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' });
  const screen = await wall.newPage();
  await screen.goto(`${seatUrl}#/seat`);
  await screen.getByTestId('seat-code').fill(screenCode.toLowerCase());
  await screen.getByTestId('seat-join-button').click();
  await expect(screen.getByTestId('big-screen')).toBeVisible();
  await expect(screen.getByTestId('big-clock')).toHaveText(/^\d{2}:\d{2}:\d{2}$/);
  await expect(screen.getByTestId('big-cursor')).toBeAttached();

  const watcher = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
  const observer = await watcher.newPage();
  await observer.goto(`${seatUrl}#/seat?code=${observerCode}`);
  await observer.getByTestId('seat-join-button').click();
  await expect(observer.getByTestId('summary-board')).toBeVisible();

  // The field controller delivers the sewage plant's inject and starts its action.
  await field.locator('[data-testid="run-step"][data-step-id="s17"]').getByTestId('step-delivered').click();
  await expect(field.locator('[data-testid="run-step"][data-step-id="s17"]')).toHaveAttribute('data-status', 'done');
  await field.locator('[data-testid="run-step"][data-step-id="s18"]').getByTestId('step-start').click();
  await expect(field.locator('[data-testid="run-step"][data-step-id="s18"]')).toHaveAttribute('data-status', 'under-way');

  // Everyone sees it, live: the big screen's under-way column, the observer's count, the host's log with the seat's name.
  await expect(screen.getByTestId('big-under-way').locator('[data-step-id="s18"]')).toBeVisible();
  await expect(observer.getByTestId('summary-under-way')).toHaveText('1');
  await page.getByTestId('console-side-control').click();
  await expect(page.getByTestId('log-seat')).toHaveText(['污水处理厂现场导调', '污水处理厂现场导调']);
  await expect(page.locator('[data-testid="run-step"][data-step-id="s18"]')).toHaveAttribute('data-status', 'under-way');

  // The evaluator, on its phone, rates an item of its form and records an observation with a photo from the camera input.
  const pocket = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  const evaluator = await pocket.newPage();
  await evaluator.goto(`${seatUrl}#/seat?code=${evaluatorCode.replace('-', '')}`);
  await evaluator.getByTestId('seat-join-button').click();
  await expect(evaluator.getByTestId('seat-live')).toHaveAttribute('data-state', 'live');
  const item = evaluator.locator('[data-testid="eval-card"][data-item-id="item-flood-season-01"]');
  await item.getByTestId('eval-comment').fill('预警转达及时');
  await item.getByTestId('eval-rate-met').click();
  await expect(item.getByTestId('eval-card-state')).toHaveText('已评：达到');
  await evaluator.getByTestId('seat-tab-observation').click();
  await evaluator.getByTestId('observation-text').fill('1号安置点送水车到达');
  await evaluator.getByTestId('observation-step').selectOption('s03');
  await evaluator.getByTestId('observation-photos-input').setInputFiles(PHOTO);
  await expect(evaluator.getByTestId('observation-photos-item')).toHaveCount(1);
  await evaluator.getByTestId('observation-add').click();
  await expect(evaluator.getByTestId('observation-photos-item')).toHaveCount(0);
  await expect(evaluator.getByTestId('seat-unsent')).toHaveAttribute('data-count', '0');
  // The host's log names the evaluator on both, live; its evaluation tab shows the rating with the seat's name.
  await expect(page.getByTestId('log-seat')).toHaveText(['评估组袁志华', '评估组袁志华', '污水处理厂现场导调', '污水处理厂现场导调']);
  await page.getByTestId('console-side-evaluation').click();
  const entry = page.getByTestId('eval-log-item').filter({ hasText: '预警转达及时' });
  await expect(entry).toContainText('达到');
  await expect(entry.getByTestId('log-seat')).toHaveText('评估组袁志华');

  if (process.env.SHOTS) {
    await screen.screenshot({ path: '/tmp/drilldesk-shots/seat-big-screen.png' });
    await field.screenshot({ path: '/tmp/drilldesk-shots/seat-phone.png' });
    await evaluator.screenshot({ path: '/tmp/drilldesk-shots/seat-evaluator.png' });
    await page.screenshot({ path: '/tmp/drilldesk-shots/seat-host.png' });
  }
  // The host revokes the phone: it is told so, and can only join again with a new code.
  await page.getByTestId('console-side-seats').click();
  await page.getByTestId('seat-item').filter({ hasText: '污水处理厂现场导调' }).getByTestId('seat-revoke').click();
  await expect(field.getByTestId('seat-refused')).toContainText('收回');
  await expect(field.getByTestId('seat-join')).toBeVisible();

  // The replay lists every event with the seat that recorded it, and the evaluator's photo on its observation.
  await page.goto(`${app.url}#/replay/${run.id}`);
  const rows = page.getByTestId('replay-event');
  await expect(rows).toHaveCount(4);
  await expect(page.getByTestId('replay-event-seat')).toHaveText(['污水处理厂现场导调', '污水处理厂现场导调', '评估组袁志华', '评估组袁志华']);
  await expect(page.locator('[data-testid="replay-event"][data-kind="evaluation-scored"]')).toContainText('达到');
  const observed = page.locator('[data-testid="replay-event"][data-kind="observation"]');
  await expect(observed.getByTestId('replay-event-seat')).toHaveText('评估组袁志华');
  await expect(observed.getByTestId('replay-event-photos')).toHaveAttribute('data-count', '1');
  // The photo itself, byte for byte, on the observation the evaluator recorded.
  const stored = storedOf(app);
  const evaluatorId = stored.listSeats({ runId: run.id }).find((seat) => seat.name === '评估组袁志华')!.id;
  const [photo] = stored.listAttachments({ runId: run.id });
  const owner = stored.getRun({ id: run.id }).events.find((event) => event.seq === photo!.eventSeq)!;
  expect([owner.kind, owner.seatId, owner.text]).toEqual(['observation', evaluatorId, '1号安置点送水车到达']);
  expect(photo!.dataBase64).toBe(fs.readFileSync(PHOTO).toString('base64'));
  // And in the summary report's 附件.
  await page.getByTestId('replay-tab-report').click();
  await expect(page.getByTestId('report-attachment')).toHaveCount(1);
  await Promise.all([phone.close(), pocket.close(), wall.close(), watcher.close()]);
});

test('a field controller that loses the network keeps recording; its three entries arrive once when it is back', async ({ app, page, browser }) => {
  const run = await runOf(app);
  const seatUrl = await shareFromConsole(page, app.url, run.id);
  const code = await makeSeat(page, 'field-controller', '污水处理厂现场导调', 'role-sewage');
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  const field = await phone.newPage();
  await field.goto(`${seatUrl}#/seat?code=${code}`);
  await field.getByTestId('seat-join-button').click();
  await expect(field.getByTestId('seat-live')).toHaveAttribute('data-state', 'live');
  const card = (stepId: string) => field.locator(`[data-testid="run-step"][data-step-id="${stepId}"]`);

  await phone.setOffline(true);
  await expect(field.getByTestId('seat-live')).toHaveAttribute('data-state', 'offline');
  await card('s17').getByTestId('step-delivered').click();
  await expect(field.getByTestId('seat-unsent')).toHaveAttribute('data-count', '1');
  await card('s18').getByTestId('step-start').click();
  await expect(field.getByTestId('seat-unsent')).toHaveAttribute('data-count', '2');
  await card('s18').getByTestId('step-complete').click();
  await expect(field.getByTestId('seat-unsent')).toHaveAttribute('data-count', '3');
  // Shown at once on the phone, though not yet stored.
  await expect(card('s18')).toHaveAttribute('data-status', 'done');
  const service = app.backend.service() as unknown as { getRun: (arg: object) => { events: { seq: number; kind: string; stepId: string | null; seatId: string | null; at: string; recordedAt: string }[] } };
  expect(service.getRun({ id: run.id }).events).toEqual([]);

  await phone.setOffline(false);
  await expect(field.getByTestId('seat-unsent')).toHaveAttribute('data-count', '0');
  await expect(field.getByTestId('seat-live')).toHaveAttribute('data-state', 'live');
  const events = service.getRun({ id: run.id }).events;
  expect(events.map((event) => [event.kind, event.stepId])).toEqual([
    ['inject-delivered', 's17'],
    ['started', 's18'],
    ['completed', 's18'],
  ]);
  expect(events.every((event) => event.seatId !== null)).toBe(true);
  // Their original times: recorded while offline, before they were stored.
  for (const event of events) expect(Date.parse(event.at)).toBeLessThan(Date.parse(event.recordedAt));
  // The host's console shows each once.
  await page.getByTestId('console-side-control').click();
  await expect(page.getByTestId('log-seat')).toHaveCount(3);
  // And the replay lists each with its seat.
  await page.goto(`${app.url}#/replay/${run.id}`);
  await expect(page.getByTestId('replay-event-seat')).toHaveText(['污水处理厂现场导调', '污水处理厂现场导调', '污水处理厂现场导调']);
  await phone.close();
});

test('an evaluator on a phone sees only its form, and its camera photos are scaled down on the phone and wait with their observation while offline', async ({ app, page, browser }) => {
  test.slow();
  // A second form in the plan, not assigned to the seat.
  const service = app.backend.service() as unknown as {
    listScenarios: (arg: object) => { id: string; title: string }[];
    getScenario: (arg: object) => { id: string; revision: number };
    createRun: (arg: object) => { id: string };
  };
  const scenario = service.getScenario({ id: service.listScenarios({}).find((s) => s.title === COMPOSITE)!.id });
  // Through the dispatcher, so the form is parsed (its defaults filled) as the editor's edit would be.
  const added = await app.backend.call('applyGraphOps', {
    scenarioId: scenario.id,
    baseRevision: scenario.revision,
    ops: [{ op: 'addEvalForm', form: { id: 'form-other', title: '另一张评估表', scheme: 'checklist', sections: [{ id: 'sec-other', title: '其他', items: [{ id: 'item-other-01', content: '其他评估项' }] }] } }],
  });
  expect(added.ok).toBe(true);
  const run = service.createRun({ scenarioId: scenario.id, name: '联网演练' });
  const seatUrl = await shareFromConsole(page, app.url, run.id);
  const code = await makeSeat(page, 'evaluator', '评估组彭丽', 'form-flood-season');

  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  const evaluator = await phone.newPage();
  await evaluator.goto(`${seatUrl}#/seat?code=${code}`);
  await evaluator.getByTestId('seat-join-button').click();
  await expect(evaluator.getByTestId('seat-live')).toHaveAttribute('data-state', 'live');
  // Its form's 26 items, not the other form's; the page fits the phone's width.
  await expect(evaluator.getByTestId('eval-card')).toHaveCount(26);
  await expect(evaluator.locator('[data-item-id="item-other-01"]')).toHaveCount(0);
  expect(await evaluator.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  // Rating buttons are touch-sized.
  const met = evaluator.locator('[data-testid="eval-card"][data-item-id="item-flood-season-01"]').getByTestId('eval-rate-met');
  expect((await met.boundingBox())!.height).toBeGreaterThanOrEqual(44);
  if (process.env.SHOTS) await evaluator.screenshot({ path: '/tmp/drilldesk-shots/seat-evaluator-form.png' });

  // The camera input: any image, the rear camera.
  await evaluator.getByTestId('seat-tab-observation').click();
  const input = evaluator.getByTestId('observation-photos-input');
  await expect(input).toHaveAttribute('accept', 'image/*');
  await expect(input).toHaveAttribute('capture', 'environment');
  // Only the steps its form's items link (s03 is item 01's; s24, a report from a shelter, is no item's).
  await expect(evaluator.getByTestId('observation-step').locator('option[value="s03"]')).toHaveCount(1);
  await expect(evaluator.getByTestId('observation-step').locator('option[value="s24"]')).toHaveCount(0);

  // A 4000×3000 camera-sized JPEG, made in the page.
  const bigBase64 = await evaluator.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 4000;
    canvas.height = 3000;
    const context = canvas.getContext('2d')!;
    const gradient = context.createLinearGradient(0, 0, 4000, 3000);
    gradient.addColorStop(0, '#0ea5e9');
    gradient.addColorStop(1, '#166534');
    context.fillStyle = gradient;
    context.fillRect(0, 0, 4000, 3000);
    for (let i = 0; i < 4000; i++) {
      context.fillStyle = `hsl(${i % 360} 70% 50%)`;
      context.fillRect((i * 97) % 4000, (i * 61) % 3000, 40, 40);
    }
    return canvas.toDataURL('image/jpeg', 0.95).split(',')[1]!;
  });
  const big = Buffer.from(bigBase64, 'base64');

  // Offline: the observation and its two photos wait on the phone.
  await phone.setOffline(true);
  await expect(evaluator.getByTestId('seat-live')).toHaveAttribute('data-state', 'offline');
  await evaluator.getByTestId('observation-text').fill('围堰外侧水体浑浊');
  await evaluator.getByTestId('observation-step').selectOption('s03');
  await input.setInputFiles([
    { name: 'site-water.jpg', mimeType: 'image/jpeg', buffer: fs.readFileSync(PHOTO) },
    { name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: big },
  ]);
  await expect(evaluator.getByTestId('observation-photos-item')).toHaveCount(2);
  await evaluator.getByTestId('observation-photos-caption').first().fill('取样点');
  await evaluator.getByTestId('observation-add').click();
  // The phone says the entry is kept on it, never that it was recorded.
  await expect(evaluator.getByTestId('toast-info').last()).toContainText(messageOf('zh', 'conduct.seatPage.queued'));
  await expect(evaluator.getByTestId('toast-info').filter({ hasText: messageOf('zh', 'conduct.observation.added') })).toHaveCount(0);
  await expect(evaluator.getByTestId('seat-unsent')).toHaveAttribute('data-count', '3');
  await expect(evaluator.getByTestId('seat-unsent')).toContainText('其中 2 张照片');
  const stored = storedOf(app);
  expect(stored.getRun({ id: run.id }).events).toEqual([]);

  await phone.setOffline(false);
  await expect(evaluator.getByTestId('seat-unsent')).toHaveAttribute('data-count', '0');
  const [observation] = stored.getRun({ id: run.id }).events;
  expect([observation!.kind, observation!.text, observation!.stepId]).toEqual(['observation', '围堰外侧水体浑浊', 's03']);
  expect(Date.parse(observation!.at)).toBeLessThan(Date.parse(observation!.recordedAt));
  const photos = stored.listAttachments({ runId: run.id });
  expect(photos.map((p) => [p.eventSeq, p.caption, p.mime])).toEqual([
    [observation!.seq, '取样点', 'image/jpeg'],
    [observation!.seq, '', 'image/jpeg'],
  ]);
  // The small photo as it was; the camera-sized one scaled down on the phone to 1600 px on its long side.
  expect(photos[0]!.dataBase64).toBe(fs.readFileSync(PHOTO).toString('base64'));
  expect([photos[1]!.width, photos[1]!.height]).toEqual([1600, 1200]);
  expect(photos[1]!.size).toBeLessThan(big.length);
  await phone.close();
});

test('two field controllers deliver the same inject: both records kept, the later shown as a duplicate naming both, resolved in one click', async ({ app, page, browser }) => {
  test.slow();
  const run = await runOf(app);
  const seatUrl = await shareFromConsole(page, app.url, run.id);
  const codes = [await makeSeat(page, 'field-controller', '污水厂一组', 'role-sewage'), await makeSeat(page, 'field-controller', '污水厂二组', 'role-sewage')];
  const contexts = await Promise.all(codes.map(() => browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' })));
  const [first, second] = await Promise.all(contexts.map((context) => context.newPage()));
  for (const [i, phone] of [first, second].entries()) {
    await phone.goto(`${seatUrl}#/seat?code=${codes[i]}`);
    await phone.getByTestId('seat-join-button').click();
    await expect(phone.getByTestId('seat-live')).toHaveAttribute('data-state', 'live');
  }
  const inject = (phone: Page) => phone.locator('[data-testid="run-step"][data-step-id="s17"]');

  // The second phone is out of coverage; meanwhile the first delivers the inject, then the second does too, not knowing.
  await contexts[1].setOffline(true);
  await expect(second.getByTestId('seat-live')).toHaveAttribute('data-state', 'offline');
  await inject(first).getByTestId('step-delivered').click();
  await expect(inject(first)).toHaveAttribute('data-status', 'done');
  await inject(second).getByTestId('step-delivered').click();
  await expect(second.getByTestId('seat-unsent')).toHaveAttribute('data-count', '1');
  await contexts[1].setOffline(false);
  await expect(second.getByTestId('seat-unsent')).toHaveAttribute('data-count', '0');

  const service = app.backend.service() as unknown as { getRun: (arg: object) => { events: { seq: number; kind: string; stepId: string | null }[] } };
  const [kept, repeat] = service.getRun({ id: run.id }).events;
  expect([kept.kind, repeat.kind]).toEqual(['inject-delivered', 'inject-delivered']);

  // The console's log: both records, the later marked 重复 and naming both seats.
  await page.getByTestId('console-side-control').click();
  const later = page.locator(`[data-testid="log-item"][data-seq="${repeat.seq}"]`);
  await expect(later).toHaveAttribute('data-duplicate-of', String(kept.seq));
  await expect(later.getByTestId('log-duplicate')).toContainText('重复');
  await expect(later.getByTestId('log-duplicate')).toContainText('污水厂一组 与 污水厂二组 都记录了“情景注入”');
  await expect(page.locator(`[data-testid="log-item"][data-seq="${kept.seq}"]`).getByTestId('log-duplicate')).toHaveCount(0);

  if (process.env.SHOTS) await later.screenshot({ path: '/tmp/drilldesk-shots/seat-duplicate.png' });
  // One click keeps the earlier record: the later is voided by a recorded event, not deleted.
  await later.getByTestId('log-keep-earlier').click();
  await expect(page.getByTestId('log-duplicate')).toHaveCount(0);
  await expect(later).toHaveClass(/log-superseded/);
  await expect(later.locator('.log-note')).toContainText('已作废');
  await expect(page.locator('[data-testid="log-item"][data-kind="voided"]')).toContainText('作废第 2 条（重复记录）');
  expect(service.getRun({ id: run.id }).events.map((event) => event.kind)).toEqual(['inject-delivered', 'inject-delivered', 'voided']);

  // The replay uses the kept record: one delivery, by the first seat.
  await page.goto(`${app.url}#/replay/${run.id}`);
  await expect(page.getByTestId('replay-event-seat')).toHaveText(['污水厂一组']);
  await Promise.all(contexts.map((context) => context.close()));
});
