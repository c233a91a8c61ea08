import crypto from 'node:crypto';
import fs from 'node:fs';
import { expect, test } from './fixtures';

const templateFile = 'scenarios/waterworks-outage.drill.json';
const hashOf = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

test('"New from template" creates an editable copy and editing it leaves the template unchanged', async ({ app, page }) => {
  const service = app.backend.service();
  const fileBefore = hashOf(templateFile);
  const seeded = (await service.listScenarios({})).length;

  await page.goto(app.url);
  await page.getByTestId('new-from-template').click();
  await page.getByTestId('template-waterworks-outage').click();
  await expect(page.getByTestId('canvas')).toBeVisible();
  const copyId = /#\/scenario\/([A-Za-z0-9_-]+)/.exec(page.url())![1];
  expect((await service.listScenarios({})).length).toBe(seeded + 1);

  const copy = await service.getScenario({ id: copyId });
  const first = copy.steps[0];
  await service.applyGraphOps({ scenarioId: copyId, baseRevision: copy.revision, ops: [{ op: 'updateStep', id: first.id, patch: { title: '改过的第一步' } }] });
  await page.reload();
  await expect(page.getByTestId('step-node').filter({ hasText: '改过的第一步' })).toHaveCount(1);

  expect(hashOf(templateFile)).toBe(fileBefore);
  const fresh = await service.createFromTemplate({ templateId: 'waterworks-outage' });
  const freshCopy = await service.getScenario({ id: fresh.id });
  expect(freshCopy.steps[0].title).toBe(first.title);
  expect(freshCopy.steps[0].title).not.toBe('改过的第一步');
});
