/**
 * The scenario editor as a planner uses it, in real Chromium against the
 * browser-mode server and a real SQLite file. What the screen shows is
 * checked against what the back end stored.
 */
import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { parseScenarioFile, scenarioFileTextOf } from '../../shared/scenarioFile';
import { messageOf } from '../../shared/i18n';
import { gb18030Of } from '../support/gb18030';
import { chain, storeScenario, storedScenario, target } from '../fixtures/editor/scenarios';
import { connect, drag, openScenario, saved, stepNode } from './editorPage';
import { expect, test } from './fixtures';

/** Types a new step's title into the inspector (which has the focus after adding) and hands the keyboard back. */
async function title(page: Page, text: string) {
  await expect(page.getByTestId('field-title')).toBeFocused();
  await page.keyboard.type(text);
  await page.keyboard.press('Escape');
}

async function assignNewRole(page: Page, name: string) {
  await page.getByTestId('role-add-inline').click();
  await page.getByTestId('new-role-name').fill(name);
  await page.getByTestId('new-role-name').press('Enter');
}

test('a planner builds a five-step scenario from an empty one, and it is all there after a reload', async ({ app, page }) => {
  await page.goto(app.url);
  await page.getByTestId('new-scenario').click();
  await page.getByTestId('new-scenario-title').fill('城区内涝供水保障演练');
  await page.getByTestId('create-scenario').click();
  await expect(page.getByTestId('canvas-empty')).toBeVisible();

  // 1: an inject, by keyboard.
  await page.keyboard.press('1');
  await title(page, '暴雨导致城区内涝');
  await page.getByTestId('field-description').fill('特大暴雨导致城区大面积积水，水厂取水泵房进水。');
  await page.keyboard.press('Escape');

  // 2: an action following it, by keyboard; a role made on the spot; a duration, first mistyped.
  await page.keyboard.press('2');
  await title(page, '启动应急监测');
  await assignNewRole(page, '应急监测组');
  await page.getByTestId('field-duration').fill('-3');
  await expect(page.getByTestId('field-error')).toHaveText(messageOf('zh', 'errors.invalid.negative'));
  await page.getByTestId('field-duration').fill('15');
  await expect(page.getByTestId('field-error')).toHaveCount(0);
  await page.getByTestId('field-dialogue').fill('指挥长，我是应急监测组，已在取水口布设监测点位。');

  // 3: a decision dragged from the palette, connected by dragging between handles.
  await page.getByTestId('palette-decision').dragTo(page.getByTestId('canvas'), { targetPosition: { x: 300, y: 650 } });
  await title(page, '水位是否超警戒');
  await connect(page, stepNode(page, '启动应急监测'), stepNode(page, '水位是否超警戒'));
  await expect(page.locator('.react-flow__edge')).toHaveCount(2);

  // 4 and 5: two branches out of the decision.
  await stepNode(page, '水位是否超警戒').locator('.step-card-head').click();
  await page.keyboard.press('2');
  await title(page, '调派送水车');
  await assignNewRole(page, '供水保障组');
  await stepNode(page, '水位是否超警戒').locator('.step-card-head').click();
  await page.keyboard.press('4');
  await title(page, '供水恢复');

  // The branches are conditional: name their conditions and give one a lag.
  await expect(page.getByTestId('edge-label')).toHaveCount(2);
  await page.getByTestId('edge-label').nth(0).click();
  await page.getByTestId('field-edge-label').fill('水位超警戒');
  await page.getByTestId('field-edge-lag').fill('5');
  await page.getByTestId('edge-label').nth(1).click();
  await page.getByTestId('field-edge-label').fill('未超警戒');
  await saved(page);

  await page.reload();
  await expect(page.getByTestId('step-node')).toHaveCount(5);
  for (const name of ['暴雨导致城区内涝', '启动应急监测', '水位是否超警戒', '调派送水车', '供水恢复']) await expect(stepNode(page, name)).toHaveCount(1);
  await expect(stepNode(page, '启动应急监测').getByTestId('role-chip')).toHaveText('应急监测组');
  await expect(page.getByTestId('edge-label').filter({ hasText: '水位超警戒' })).toContainText('+5 分钟');
  await expect(page.getByTestId('edge-label').filter({ hasText: '未超警戒' })).toHaveCount(1);

  const [summary] = (await app.backend.service().listScenarios({ query: '城区内涝' })) as { id: string }[];
  const stored = await storedScenario(app, summary.id);
  expect(stored.steps.map((s) => s.kind).sort()).toEqual(['action', 'action', 'decision', 'inject', 'milestone']);
  expect(stored.edges).toHaveLength(4);
  expect(stored.roles.map((r) => r.name).sort()).toEqual(['供水保障组', '应急监测组']);
  const monitor = stored.steps.find((s) => s.title === '启动应急监测')!;
  expect(monitor).toMatchObject({ durationMin: 15, dialogue: '指挥长，我是应急监测组，已在取水口布设监测点位。' });
  expect(monitor.roleIds).toEqual([stored.roles.find((r) => r.name === '应急监测组')!.id]);
  const decision = stored.steps.find((s) => s.kind === 'decision')!;
  const branches = stored.edges.filter((e) => e.source === decision.id);
  expect(branches.map((e) => [e.kind, e.label]).sort()).toEqual([
    ['conditional', '未超警戒'],
    ['conditional', '水位超警戒'],
  ]);
  expect(branches.find((e) => e.label === '水位超警戒')!.lagMin).toBe(5);
});

test('undo and redo go back and forth across a move and a delete, in the database too', async ({ app, page }) => {
  const id = await storeScenario(app, chain);
  await openScenario(page, app, id);
  const position = async (stepId: string) => (await storedScenario(app, id)).steps.find((s) => s.id === stepId)?.position;

  await drag(page, stepNode(page, '自来水厂停水'), 0, 180);
  await saved(page);
  const moved = await position('a');
  expect(moved!.y).toBeGreaterThan(50);

  await stepNode(page, '应急监测采样').locator('.step-card-head').click();
  await page.keyboard.press('Delete');
  await expect(stepNode(page, '应急监测采样')).toHaveCount(0);
  await saved(page);
  expect(await position('b')).toBeUndefined();
  expect((await storedScenario(app, id)).edges).toHaveLength(0);

  await page.keyboard.press('Control+z');
  await expect(stepNode(page, '应急监测采样')).toHaveCount(1);
  await saved(page);
  const restored = await storedScenario(app, id);
  expect(restored.edges.map((e) => e.id).sort()).toEqual(['ab', 'bc']);
  expect(restored.edges.find((e) => e.id === 'bc')!.lagMin).toBe(5);

  await page.keyboard.press('Control+z');
  await saved(page);
  expect(await position('a')).toEqual({ x: 0, y: 0 });

  await page.keyboard.press('Control+Shift+z');
  await saved(page);
  expect(await position('a')).toEqual(moved);

  await page.keyboard.press('Control+y');
  await expect(stepNode(page, '应急监测采样')).toHaveCount(0);
  await saved(page);
  expect(await position('b')).toBeUndefined();
});

test('a cycle shows up as a finding, and clicking the finding selects the step', async ({ app, page }) => {
  const id = await storeScenario(app, chain);
  await openScenario(page, app, id);
  await expect(page.getByTestId('findings-badge')).toHaveCount(0);
  await connect(page, stepNode(page, '报告监测结果'), stepNode(page, '自来水厂停水'));
  await saved(page);
  await expect(page.getByTestId('findings-badge')).toBeVisible();
  await expect(page.getByTestId('step-finding')).toHaveCount(1);

  await page.getByTestId('panel-tab-findings').click();
  const finding = page.locator('[data-testid="finding"][data-rule="no-cycle"]');
  await expect(finding).toContainText('步骤形成循环');
  await finding.click();
  const selected = page.locator('.react-flow__node.selected');
  await expect(selected).toHaveCount(1);
  expect(['a', 'b', 'c']).toContain(await selected.getAttribute('data-id'));
  await page.getByTestId('panel-tab-inspector').click();
  const selectedTitle = await selected.getByTestId('step-title').textContent();
  await expect(page.getByTestId('field-title')).toHaveValue(selectedTitle!);
});

test('importing a broken file shows what is wrong and leaves the database unchanged', async ({ app, page }) => {
  const count = async () => ((await app.backend.service().listScenarios({})) as unknown[]).length;
  const before = await count();
  await page.goto(app.url);
  await expect(page.getByTestId('scenario-card').first()).toBeVisible();

  await page.getByTestId('import-file-input').setInputFiles({ name: 'broken.drill.json', mimeType: 'application/json', buffer: Buffer.from('{"formatVersion": 1, "scenario": ') });
  await expect(page.getByTestId('toast-error')).toContainText(messageOf('zh', 'errors.scenarioFile.notJson'));

  const dangling = { formatVersion: 1, scenario: { ...chain, edges: [{ id: 'x', source: 'a', target: 'nowhere', kind: 'sequence', label: '', lagMin: 0 }] } };
  await page.getByTestId('import-file-input').setInputFiles({ name: 'dangling.drill.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(dangling)) });
  await expect(page.getByTestId('toast-error').last()).toContainText('scenario.edges[0].target');
  await expect(page.getByTestId('toast-error').last()).toContainText('nowhere');
  expect(await count()).toBe(before);
});

test('export and re-import give the same graph', async ({ app, page }) => {
  const id = await storeScenario(app, chain);
  await openScenario(page, app, id);
  await page.getByTestId('field-title').waitFor({ state: 'detached' });
  const download = page.waitForEvent('download');
  await page.getByTestId('tool-export').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('三步链.drill.json');
  const text = fs.readFileSync((await file.path())!, 'utf8');
  const parsed = parseScenarioFile(text);
  expect(parsed.ok).toBe(true);

  await page.getByTestId('back-home').click();
  const before = new Set(((await app.backend.service().listScenarios({})) as { id: string }[]).map((s) => s.id));
  await page.getByTestId('import-file-input').setInputFiles({ name: file.suggestedFilename(), mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(page.getByTestId('toast-info').last()).toContainText('已导入');
  const after = (await app.backend.service().listScenarios({})) as { id: string }[];
  const imported = after.find((s) => !before.has(s.id))!;
  const strip = ({ id: _i, revision: _r, createdAt: _c, updatedAt: _u, sourceId: _s, ...body }: Awaited<ReturnType<typeof storedScenario>>) => body;
  expect(strip(await storedScenario(app, imported.id))).toEqual(strip(await storedScenario(app, id)));
});

test('a drill file saved in GB18030 or with a byte-order mark is imported with its Chinese intact', async ({ app, page }) => {
  const text = scenarioFileTextOf({ ...chain, title: '国标编码的三步链' });
  await page.goto(app.url);
  await expect(page.getByTestId('scenario-card').first()).toBeVisible();
  for (const [name, bytes] of [
    ['国标.drill.json', gb18030Of(text)],
    ['带BOM.drill.json', Buffer.from(`\uFEFF${text}`)],
  ] as const) {
    const before = new Set(((await app.backend.service().listScenarios({})) as { id: string }[]).map((s) => s.id));
    await page.getByTestId('import-file-input').setInputFiles({ name, mimeType: 'application/json', buffer: bytes });
    // The toast of the first file may still show: wait for this file's drill itself.
    const newDrill = async () => ((await app.backend.service().listScenarios({})) as { id: string; title: string }[]).find((s) => !before.has(s.id));
    await expect.poll(async () => (await newDrill())?.title, { message: name }).toBe('国标编码的三步链');
    await expect(page.getByTestId('toast-info').last()).toContainText('国标编码的三步链');
    const imported = (await newDrill())!;
    expect(JSON.stringify(await storedScenario(app, imported.id))).not.toContain('\uFFFD');
  }
});

test('an invalid field is shown and not sent; a failed save says so and reloads what is stored', async ({ app, page }) => {
  const id = await storeScenario(app, chain);
  await openScenario(page, app, id);
  await stepNode(page, '应急监测采样').locator('.step-card-head').click();
  await page.getByTestId('field-title').fill('');
  await expect(page.getByTestId('field-error')).toHaveText('不能为空');
  await page.getByTestId('field-title').fill('   ');
  await expect(page.getByTestId('field-error')).toHaveText('不能为空');
  await expect(stepNode(page, '应急监测采样')).toHaveCount(1);
  await saved(page);
  expect((await storedScenario(app, id)).steps.find((s) => s.id === 'b')!.title).toBe('应急监测采样');

  // Someone else changes the scenario behind this window's back: the next save is refused.
  const { revision } = await storedScenario(app, id);
  await app.backend.service().applyGraphOps({ scenarioId: id, baseRevision: revision, ops: [{ op: 'updateStep', id: 'a', patch: { title: '另一窗口改的标题' } }] });
  await page.getByTestId('field-title').fill('这次修改不会保存');
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'error');
  await expect(page.getByTestId('save-status')).toContainText('未保存');
  // The screen shows what is stored, not the lost edit.
  await expect(stepNode(page, '另一窗口改的标题')).toHaveCount(1);
  await expect(stepNode(page, '这次修改不会保存')).toHaveCount(0);
  await page.getByTestId('save-status').getByRole('button').click();
  await expect(page.getByTestId('save-error')).toContainText(messageOf('zh', 'errors.scenario.staleRevision', { revision: 1, base: 0 }));

  // Editing goes on from the stored state.
  await stepNode(page, '报告监测结果').locator('.step-card-head').click();
  await page.getByTestId('field-location').fill('县环境监测站');
  await saved(page);
  expect((await storedScenario(app, id)).steps.find((s) => s.id === 'c')!.location).toBe('县环境监测站');
  // The scenario time of a drill that compresses time: stored as written, refused past its length, undone in one step.
  await page.getByTestId('field-scenario-time').fill('6月18日 06:30');
  await saved(page);
  expect((await storedScenario(app, id)).steps.find((s) => s.id === 'c')!.scenarioTime).toBe('6月18日 06:30');
  await page.getByTestId('field-scenario-time').fill('时'.repeat(41));
  await expect(page.getByTestId('field-scenario-time')).toHaveAttribute('aria-invalid', 'true');
  await page.getByTestId('field-scenario-time').fill('6月18日 06:30');
  await page.getByTestId('canvas').click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('Control+z');
  await saved(page);
  expect((await storedScenario(app, id)).steps.find((s) => s.id === 'c')!.scenarioTime).toBe('');
});

test('steps copied in one scenario paste into another with their roles matched by name', async ({ app, page }) => {
  const source = await storeScenario(app, chain);
  const into = await storeScenario(app, target);
  await openScenario(page, app, source);
  await stepNode(page, '应急监测采样').locator('.step-card-head').click();
  await stepNode(page, '报告监测结果').locator('.step-card-head').click({ modifiers: ['Shift'] });
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(2);
  await page.keyboard.press('Control+c');

  await openScenario(page, app, into);
  await expect(page.getByTestId('step-node')).toHaveCount(1);
  await page.getByTestId('canvas').click({ position: { x: 300, y: 500 } });
  await page.keyboard.press('Control+v');
  await expect(page.getByTestId('step-node')).toHaveCount(3);
  await saved(page);
  const stored = await storedScenario(app, into);
  expect(stored.roles.map((r) => r.id)).toEqual(['t-monitor']);
  const pasted = stored.steps.filter((s) => s.id !== 't1');
  expect(pasted.map((s) => s.title).sort()).toEqual(['应急监测采样', '报告监测结果']);
  expect(pasted.every((s) => s.roleIds.join() === 't-monitor' && !['b', 'c'].includes(s.id))).toBe(true);
  expect(stored.edges).toHaveLength(1);
  expect(stored.edges[0].lagMin).toBe(5);

  // Find walks the matches: a title, and a step whose role's name matches.
  await page.keyboard.press('Control+f');
  await page.getByTestId('find-input').fill('监测');
  await expect(page.getByTestId('find-count')).toHaveText('1 / 3');
  await page.getByTestId('find-input').press('Enter');
  await expect(page.getByTestId('find-count')).toHaveText('2 / 3');
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(1);
});

test('a selection saved as a fragment is inserted into another scenario', async ({ app, page }) => {
  const source = await storeScenario(app, chain);
  const into = await storeScenario(app, target);
  await openScenario(page, app, source);
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Shift+S');
  await page.getByTestId('fragment-name').fill('停水监测');
  await page.getByTestId('fragment-name').press('Enter');
  await expect(page.getByTestId('palette-fragment')).toHaveText(/停水监测/);

  await openScenario(page, app, into);
  await page.keyboard.press('Shift+F');
  await page.getByTestId('fragment-filter').fill('停水');
  await page.getByTestId('fragment-filter').press('Enter');
  await expect(page.getByTestId('step-node')).toHaveCount(4);
  await saved(page);
  const stored = await storedScenario(app, into);
  // 应急监测组 matched, 总指挥 added.
  expect(stored.roles.map((r) => r.name).sort()).toEqual(['应急监测组', '总指挥']);
  expect(stored.edges).toHaveLength(2);
});

test('deleting a role in use asks first, names the steps, and can be undone', async ({ app, page }) => {
  const id = await storeScenario(app, chain);
  await openScenario(page, app, id);
  await page.getByTestId('panel-tab-roles').click();
  await page.getByTestId('role-item').filter({ hasText: '应急监测组' }).getByRole('button').first().click();
  await page.getByTestId('role-delete').click();
  await expect(page.getByTestId('confirm-dialog')).toContainText('“应急监测采样”、“报告监测结果”');
  await page.getByTestId('confirm-ok').click();
  await expect(page.getByTestId('role-item')).toHaveCount(1);
  await saved(page);
  let stored = await storedScenario(app, id);
  expect(stored.roles.map((r) => r.name)).toEqual(['总指挥']);
  expect(stored.steps.find((s) => s.id === 'b')!.roleIds).toEqual([]);

  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('role-item')).toHaveCount(2);
  await saved(page);
  stored = await storedScenario(app, id);
  expect(stored.steps.find((s) => s.id === 'b')!.roleIds).toEqual(['r-monitor']);
});

test('the role editor keeps the roster fields, refuses a B 角 who is the A 角, and 演练信息 keeps the plan texts', async ({ app, page }) => {
  const id = await storeScenario(app, chain);
  await openScenario(page, app, id);
  await page.getByTestId('panel-tab-roles').click();
  await page.getByTestId('role-item').filter({ hasText: '应急监测组' }).getByRole('button').first().click();
  await page.getByTestId('role-mark').fill('蓝色袖标');
  await page.getByTestId('role-assemblyPlace').fill('监测站门口');
  await page.getByTestId('role-inPlaceTime').fill('08:40');
  await page.getByTestId('role-backup').fill('王晓东');
  await page.getByTestId('role-backup').blur();
  await saved(page);
  expect((await storedScenario(app, id)).roles.find((r) => r.id === 'r-monitor')).toMatchObject({ mark: '蓝色袖标', assemblyPlace: '监测站门口', inPlaceTime: '08:40', backup: '王晓东' });
  // 李娜 is the A 角 (first person): the rulebook refuses her as B 角, and nothing is stored.
  await page.getByTestId('role-backup').fill('李娜');
  await page.getByTestId('role-backup').blur();
  await expect(page.getByText('已是其 A 角').first()).toBeVisible();
  await saved(page);
  expect((await storedScenario(app, id)).roles.find((r) => r.id === 'r-monitor')!.backup).toBe('王晓东');

  await page.keyboard.press('Escape');
  await page.keyboard.press('Alt+Enter');
  const dialog = page.getByTestId('meta-dialog');
  await dialog.getByTestId('arrangement-basis').fill('《县突发环境事件应急预案》');
  await dialog.getByTestId('arrangement-reportingPoint').fill('县应急指挥中心一楼大厅，08:00 前报到');
  await dialog.getByTestId('meta-save').click();
  await saved(page);
  expect((await storedScenario(app, id)).arrangements).toMatchObject({ basis: '《县突发环境事件应急预案》', reportingPoint: '县应急指挥中心一楼大厅，08:00 前报到', safety: '' });
});

test('auto-layout is one undoable move, and the metadata dialog edits title, date and objectives', async ({ app, page }) => {
  const id = await storeScenario(app, { ...chain, steps: chain.steps.map((s, i) => ({ ...s, position: { x: i * 40, y: i * 300 } })) });
  await openScenario(page, app, id);
  await page.keyboard.press('Shift+L');
  await saved(page);
  const laidOut = (await storedScenario(app, id)).steps.map((s) => s.position);
  expect(new Set(laidOut.map((p) => p.y)).size).toBe(1);
  await page.keyboard.press('Control+z');
  await saved(page);
  expect((await storedScenario(app, id)).steps.map((s) => s.position)).toEqual([0, 1, 2].map((i) => ({ x: i * 40, y: i * 300 })));

  await page.keyboard.press('Alt+Enter');
  const dialog = page.getByTestId('meta-dialog');
  await dialog.getByTestId('meta-title').fill('');
  await expect(dialog.getByTestId('meta-save')).toBeDisabled();
  await dialog.getByTestId('meta-title').fill('汛期水环境应急演练');
  await dialog.getByTestId('meta-drillDate').fill('2026-06-18');
  await dialog.getByTestId('meta-startTime').fill('09:30');
  await dialog.getByTestId('meta-location').fill('县城南区安置点');
  // The time zone: a name that is no zone is refused in place; a real one is shown with its current time.
  await expect(dialog.getByTestId('meta-timeZone')).toHaveValue('Asia/Shanghai');
  await dialog.getByTestId('meta-timeZone').fill('Asia/Beijing');
  await expect(dialog).toContainText('不是时区名称（如 Asia/Shanghai）');
  await expect(dialog.getByTestId('meta-save')).toBeDisabled();
  await dialog.getByTestId('meta-timeZone').fill('Asia/Urumqi');
  await expect(dialog).toContainText('该时区现在是');
  await dialog.getByTestId('meta-objective-add').click();
  await dialog.getByTestId('meta-objective').last().fill('检验安置点饮用水保障能力');
  await dialog.getByTestId('meta-save').click();
  await expect(page.getByTestId('scenario-title')).toHaveText('汛期水环境应急演练');
  await saved(page);
  const stored = await storedScenario(app, id);
  expect(stored).toMatchObject({ title: '汛期水环境应急演练', drillDate: '2026-06-18', startTime: '09:30', timeZone: 'Asia/Urumqi', location: '县城南区安置点' });
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('overview')).toContainText('Asia/Urumqi');
  expect(stored.objectives.map((o) => o.text)).toEqual(['检验安置点饮用水保障能力']);
});

test('the help overlay lists every command with its shortcut, in English too', async ({ app, page }) => {
  const id = await storeScenario(app, chain);
  await page.goto(app.url);
  await page.getByTestId('language').selectOption('en');
  await openScenario(page, app, id);
  await expect(page.getByTestId('palette-inject')).toContainText('Inject');
  await page.keyboard.press('?');
  const help = page.getByTestId('help-overlay');
  await expect(help).toContainText('Shortcuts and help');
  await expect(help).toContainText('Undo');
  await expect(help).toContainText('Ctrl+Shift+Z');
  await expect(help).toContainText('Auto layout');
  expect(await help.getByTestId('help-command').count()).toBeGreaterThan(25);
});

test('Shift+drag box-selects steps, and undo is refused while a drag is under way', async ({ app, page }) => {
  const id = await storeScenario(app, chain);
  await openScenario(page, app, id);
  const a = (await stepNode(page, '自来水厂停水').boundingBox())!;
  const b = (await stepNode(page, '应急监测采样').boundingBox())!;
  await page.keyboard.down('Shift');
  await page.mouse.move(a.x - 30, a.y - 40);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width + 10, b.y + b.height + 40, { steps: 8 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(2);
  await expect(page.getByTestId('multi-inspector')).toContainText('2');

  // Delete the two, then start dragging the third and press Ctrl+Z mid-drag: nothing is undone.
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('step-node')).toHaveCount(1);
  const head = (await stepNode(page, '报告监测结果').locator('.step-card-head').boundingBox())!;
  await page.mouse.move(head.x + 20, head.y + 5);
  await page.mouse.down();
  await page.mouse.move(head.x + 60, head.y + 80, { steps: 5 });
  await page.keyboard.press('Control+z');
  await page.mouse.move(head.x + 100, head.y + 160, { steps: 5 });
  await page.mouse.up();
  await expect(page.getByTestId('step-node')).toHaveCount(1);
  await saved(page);
  expect((await storedScenario(app, id)).steps.map((s) => s.id)).toEqual(['c']);
  expect((await storedScenario(app, id)).steps[0].position.y).toBeGreaterThan(50);

  // After the drag, undo works again: first the move, then the delete.
  await page.keyboard.press('Control+z');
  await saved(page);
  expect((await storedScenario(app, id)).steps[0].position).toEqual({ x: 640, y: 0 });
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('step-node')).toHaveCount(3);
});

test('a text field of a step is marked 仅导调可见 in the inspector, saved with the scenario and undone', async ({ app, page }) => {
  const id = await storeScenario(app, chain);
  const step = chain.steps[1];
  await openScenario(page, app, id);
  await stepNode(page, step.title).locator('.step-card-head').click();
  const mark = page.getByTestId('controller-only-dialogue');
  await expect(mark).not.toBeChecked();
  await expect(mark.locator('xpath=..')).toHaveText(messageOf('zh', 'editor.inspector.controllerOnly'));
  await mark.check();
  await saved(page);
  expect((await storedScenario(app, id)).steps.find((s) => s.id === step.id)!.controllerOnly).toEqual(['dialogue']);
  await page.keyboard.press('Control+z');
  await expect(mark).not.toBeChecked();
  await saved(page);
  expect((await storedScenario(app, id)).steps.find((s) => s.id === step.id)!.controllerOnly).toEqual([]);
});
