/**
 * 联网导调 over HTTPS in real Chromium: the host ticks HTTPS before sharing;
 * the panel shows an https address and the certificate's SHA-256 fingerprint
 * beside the QR code; a phone (a context that accepts the self-signed
 * certificate, as a person does after the warning) opens the QR code's
 * address, sees the same fingerprint on the join page, and joins.
 */
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';

const COMPOSITE = '2026年汛期水环境安全应急实战演练';

test('the host shares over HTTPS; the join page shows the certificate’s fingerprint, and a seat joins', async ({ app, page, browser }) => {
  const service = app.backend.service() as unknown as { listScenarios: (arg: object) => { id: string; title: string }[]; createRun: (arg: object) => { id: string } };
  const run = service.createRun({ scenarioId: service.listScenarios({}).find((s) => s.title === COMPOSITE)!.id, name: '联网演练' });

  await page.goto(`${app.url}#/run/${run.id}`);
  await page.getByTestId('console-side-seats').click();
  await expect(page.getByTestId('seats-interface')).toHaveValue('127.0.0.1');
  await page.getByTestId('seats-https').check();
  await page.getByTestId('seats-start').click();
  await expect(page.getByTestId('seats-url')).toContainText('https://127.0.0.1:');
  const seatUrl = /https:\/\/127\.0\.0\.1:\d+\//.exec((await page.getByTestId('seats-url').textContent())!)![0];

  // The fingerprint is the served certificate's, as kept in the data folder.
  const served = new X509Certificate(fs.readFileSync(path.join(app.dataDir, 'seat-certificate', 'cert.pem'))).fingerprint256;
  await expect(page.getByTestId('seats-fingerprint-value')).toHaveText(served);

  await page.getByTestId('seats-kind').selectOption('observer');
  await page.getByTestId('seats-name').fill('观摩席');
  await page.getByTestId('seats-create').click();
  const code = (await page.getByTestId('seats-code-text').textContent())!.trim().replace('-', '');
  await expect(page.getByTestId('qr-code')).toHaveAttribute('data-text', `${seatUrl}#/seat?code=${code}`);
  await expect(page.getByTestId('seats-code').getByTestId('seats-fingerprint-value')).toHaveText(served);

  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, ignoreHTTPSErrors: true, locale: 'zh-CN' });
  const seat = await phone.newPage();
  await seat.goto(`${seatUrl}#/seat?code=${code}`);
  await expect(seat.getByTestId('seat-fingerprint-value')).toHaveText(served);
  await expect(seat.getByTestId('seat-fingerprint')).toContainText('主控端');
  await seat.getByTestId('seat-join-button').click();
  await expect(seat.getByTestId('summary-board')).toBeVisible();
  await expect(page.getByTestId('seat-item').filter({ hasText: '观摩席' })).toHaveAttribute('data-state', 'connected');
  await phone.close();
});
