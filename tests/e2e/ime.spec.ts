/**
 * Chinese input: the Enter that confirms a pinyin candidate (and the Escape
 * that drops a composition) belongs to the input method, never to the form.
 * Compositions are made by Chromium itself through the DevTools protocol
 * (`Input.imeSetComposition`, `Input.insertText`), so the page sees what a
 * real input method produces: compositionstart/update, a keydown Enter with
 * `isComposing` true and keyCode 229, compositionend.
 */
import type { CDPSession, Locator, Page } from '@playwright/test';
import { chain, storeScenario, storedScenario } from '../fixtures/editor/scenarios';
import { startReplayApp } from '../fixtures/replay/replayApp';
import { expect, test } from './fixtures';

/** Keydowns the page saw while composing, so each test proves its Enter really was a composing one. */
async function watchComposingKeys(page: Page) {
  await page.evaluate(`(() => {
    const seen = [];
    window.composingKeys = seen;
    window.addEventListener('keydown', (event) => event.isComposing && seen.push(event.key + '/' + event.keyCode), true);
  })()`);
}
const composingKeys = (page: Page) => page.evaluate('window.composingKeys') as Promise<string[]>;

/**
 * Types `text` into the focused field as a pinyin input method does: the
 * letters compose, the candidate shows, and `confirm` ends the composition
 * (Enter commits the candidate; Escape drops it).
 */
async function compose(cdp: CDPSession, pinyin: string, text: string, confirm: 'Enter' | 'Escape' = 'Enter') {
  for (let i = 1; i <= pinyin.length; i++) await cdp.send('Input.imeSetComposition', { text: pinyin.slice(0, i), selectionStart: i, selectionEnd: i });
  await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
  const code = confirm === 'Enter' ? 13 : 27;
  await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: confirm, code: confirm, windowsVirtualKeyCode: 229, nativeVirtualKeyCode: 229 });
  if (confirm === 'Enter') await cdp.send('Input.insertText', { text });
  else await cdp.send('Input.imeSetComposition', { text: '', selectionStart: 0, selectionEnd: 0 });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: confirm, code: confirm, windowsVirtualKeyCode: code, nativeVirtualKeyCode: code });
}

async function imeOn(page: Page, field: Locator) {
  await field.focus();
  await watchComposingKeys(page);
  return page.context().newCDPSession(page);
}

test('confirming a pinyin candidate with Enter never submits the new-scenario, metadata or run form', async ({ app, page }) => {
  // New scenario, on the home screen.
  await page.goto(app.url);
  await page.getByTestId('new-scenario').click();
  const title = page.getByTestId('new-scenario-title');
  await title.fill('');
  let cdp = await imeOn(page, title);
  await compose(cdp, 'neilao', '内涝');
  await expect(page.getByTestId('new-scenario-dialog')).toBeVisible();
  await compose(cdp, 'yanlian', '演练');
  await expect(page.getByTestId('new-scenario-dialog')).toBeVisible();
  await expect(title).toHaveValue('内涝演练');
  expect(await composingKeys(page)).toEqual(['Enter/229', 'Enter/229']);
  await title.press('Enter');
  await expect(page.getByTestId('editor')).toBeVisible();
  await expect(page.getByTestId('scenario-title')).toHaveText('内涝演练');

  // The metadata dialog of the editor.
  await page.getByTestId('tool-edit-meta').click();
  const location = page.getByTestId('meta-location');
  cdp = await imeOn(page, location);
  await compose(cdp, 'shuichang', '水厂');
  await expect(page.getByTestId('meta-dialog')).toBeVisible();
  await expect(location).toHaveValue('水厂');
  expect(await composingKeys(page)).toEqual(['Enter/229']);
  // Escape while composing drops the composition, not the dialog.
  await compose(cdp, 'bengfang', '泵房', 'Escape');
  await expect(page.getByTestId('meta-dialog')).toBeVisible();
  await expect(location).toHaveValue('水厂');
  await location.press('Enter');
  await expect(page.getByTestId('meta-dialog')).toBeHidden();
  const id = new URL(page.url()).hash.split('/')[2];
  expect((await storedScenario(app, id)).location).toBe('水厂');

  // A new run, on the runs tab.
  await page.getByTestId('view-tab-runs').click();
  await page.getByTestId('new-run').click();
  const name = page.getByTestId('run-name');
  await name.fill('');
  cdp = await imeOn(page, name);
  await compose(cdp, 'yulian', '预演');
  await expect(page.getByTestId('new-run-dialog')).toBeVisible();
  expect(await composingKeys(page)).toEqual(['Enter/229']);
  expect(await app.backend.service().listRuns({ scenarioId: id })).toHaveLength(0);
  await name.press('Enter');
  await expect(page.getByTestId('conduct-screen')).toBeVisible();
  await expect(page.getByTestId('run-name')).toContainText('预演');
});

test('a role named with pinyin in the picker is added on the Enter after the composition, and Escape while composing keeps the picker open', async ({ app, page }) => {
  const id = await storeScenario(app, chain);
  await page.goto(`${app.url}#/scenario/${id}`);
  await page.getByTestId('step-node').filter({ hasText: '报告监测结果' }).click();
  await page.getByTestId('role-add-inline').click();
  const input = page.getByTestId('new-role-name');
  const cdp = await imeOn(page, input);
  await compose(cdp, 'gongshui', '供水');
  await expect(input).toBeVisible();
  await compose(cdp, 'zu', '组', 'Escape');
  await expect(input).toBeVisible();
  await compose(cdp, 'baozhangzu', '保障组');
  await expect(input).toBeVisible();
  await expect(input).toHaveValue('供水保障组');
  expect(await composingKeys(page)).toEqual(['Enter/229', 'Escape/229', 'Enter/229']);
  expect((await storedScenario(app, id)).roles.map((role) => role.name)).not.toContain('供水保障组');

  await input.press('Enter');
  await expect(page.getByTestId('role-option').filter({ hasText: '供水保障组' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  const stored = await storedScenario(app, id);
  const role = stored.roles.find((r) => r.name === '供水保障组');
  expect(role).toBeDefined();
  expect(stored.steps.find((step) => step.id === 'c')!.roleIds).toContain(role!.id);
});

test('the replay’s jump-to-time form is not submitted by the Enter that confirms a candidate', async ({ page }) => {
  const app = await startReplayApp();
  try {
    await page.goto(`${app.url.replace(/#.*$/, '')}#/replay/${app.demo.runId}`);
    const input = page.getByTestId('replay-jump-input');
    const cdp = await imeOn(page, input);
    await compose(cdp, 'shidian', '十点');
    expect(await composingKeys(page)).toEqual(['Enter/229']);
    await expect(input).toHaveValue('十点');
    await expect(input).toHaveAttribute('aria-invalid', 'false');
    // The Enter after the composition submits the form: 十点 is not a clock time, and it says so.
    await input.press('Enter');
    await expect(input).toHaveAttribute('aria-invalid', 'true');
  } finally {
    await app.close();
  }
});
