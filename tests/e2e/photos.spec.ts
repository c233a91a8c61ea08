/**
 * Photos on a run's records, in real Chromium against the real back end:
 * chosen in the console's observation form (a thumbnail, one removed before
 * saving), chosen in the replay's debrief-note form, a text file named .jpg
 * refused at once; then the summary report's 附件 section shows them, and
 * its PDF holds the photos (pdfimages) with their captions (pdftotext).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from './fixtures';

const WATERWORKS = '县第一自来水厂停电停产应急演练';
const PHOTOS = path.resolve('tests/fixtures/photos');

test('a photo chosen in the console and one in the debrief are printed in the report’s 附件', async ({ app, page }) => {
  await page.goto(app.url);
  await page.getByTestId('scenario-card').filter({ hasText: WATERWORKS }).getByTestId('open-scenario').click();
  await page.getByTestId('view-tab-runs').click();
  await page.getByTestId('new-run').click();
  await page.getByTestId('run-name').fill('正式演练');
  await page.getByTestId('start-run').click();
  await expect(page.getByTestId('conduct-screen')).toBeVisible();
  const runId = new URL(page.url()).hash.replace('#/run/', '');

  // The observation form: two photos chosen, each with a thumbnail; one removed before saving; a text file named .jpg refused.
  const photos = page.getByTestId('observation-photos');
  await photos.getByTestId('observation-photos-input').setInputFiles([path.join(PHOTOS, 'site-water.jpg'), path.join(PHOTOS, 'pump.png')]);
  await expect(photos.getByTestId('observation-photos-item')).toHaveCount(2);
  await expect(photos.locator('img.photo-thumb').first()).toHaveJSProperty('naturalWidth', 320);
  await photos.getByTestId('observation-photos-remove').nth(1).click();
  await expect(photos.getByTestId('observation-photos-item')).toHaveCount(1);
  await photos.getByTestId('observation-photos-input').setInputFiles(path.join(PHOTOS, 'fake.jpg'));
  await expect(page.locator('.toast').filter({ hasText: 'fake.jpg 不是 JPEG 或 PNG 图片' })).toBeVisible();
  await expect(photos.getByTestId('observation-photos-item')).toHaveCount(1);
  await photos.getByTestId('observation-photos-caption').fill('1号安置点送水车到达');
  await page.getByTestId('observation-text').fill('送水车已到安置点');
  await page.getByTestId('observation-add').click();
  await expect(page.getByTestId('log-item').filter({ hasText: '送水车已到安置点' })).toBeVisible();
  await expect(photos.getByTestId('observation-photos-item')).toHaveCount(0);

  // The replay's debrief-note form: a photo with a went-wrong note.
  await page.goto(`${app.url.replace(/#.*$/, '')}#/replay/${runId}`);
  await page.getByTestId('side-annotations').click();
  await page.getByTestId('annotation-kind-went-wrong').click();
  await page.getByTestId('annotation-text').fill('泵房照明不足');
  await page.getByTestId('annotation-photos-input').setInputFiles(path.join(PHOTOS, 'pump.png'));
  await page.getByTestId('annotation-photos-caption').fill('泵房');
  await page.getByTestId('annotation-save').click();
  await expect(page.getByTestId('annotation-photos-item')).toHaveCount(0);

  // The report: 附件 with both photos, numbered in the order of their records' times (the note was pinned at T+0), captioned, with what they belong to.
  await page.getByTestId('replay-tab-report').click();
  await expect(page.locator('[data-testid="print-pages"][data-state="ready"]')).toBeVisible();
  const figures = page.getByTestId('report-attachment');
  await expect(figures).toHaveCount(2);
  await expect(figures.first()).toContainText('附件1 泵房');
  await expect(figures.first()).toContainText('（T+0）；复盘批注：泵房照明不足');
  await expect(figures.nth(1)).toContainText('附件2 1号安置点送水车到达');
  await expect(figures.nth(1)).toContainText('观察记录：送水车已到安置点');
  await expect(figures.first().locator('img')).toHaveJSProperty('complete', true);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drilldesk-photos-'));
  const file = path.join(dir, 'report.pdf');
  await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  expect(text).toContain('附件1泵房');
  expect(text).toContain('附件21号安置点送水车到达');
  // pdfimages lists the images embedded: the 320×240 JPEG and the 200×150 PNG.
  const images = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .map((line) => line.trim().split(/\s+/))
    .filter((cols) => cols[2] === 'image')
    .map((cols) => `${cols[3]}x${cols[4]}`);
  expect(images).toEqual(expect.arrayContaining(['320x240', '200x150']));
  fs.rmSync(dir, { recursive: true, force: true });
});
