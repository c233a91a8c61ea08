/**
 * Evaluation through the back end on a real SQLite file: the plan edited
 * with graph operations (the same functions as the editor, with undo by
 * inverse operations), refused with a clear message when it would point at
 * nothing, exported and imported with the scenario, snapshotted by a run;
 * scores recorded, checked against the form's scheme, corrected with the
 * original kept, typed in after the run ended, and refused for items of
 * another scenario; evaluation rows in a run-log CSV.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiMethod, ApiOutputs } from '../../shared/api';
import { itemResultsOf, placedItemsOf } from '../../shared/evaluation';
import { FORM_TEMPLATES, formFromTemplate } from '../../shared/evaluationTemplates';
import { EMPTY_ROSTER_FIELDS, EvalAssignmentSchema, type Scenario, type ScenarioBody } from '../../shared/model';
import { applyOps, inverseOfOps, removalOpsOf, roleRemovalOpsOf, type GraphOp } from '../../shared/ops';
import { openBackend, type Backend } from '../../electron/core/backend';
import { memoryPrefsStore } from '../../electron/core/prefs';
import { DB_FILE } from '../../electron/storage/dataDir';
import { dumpOf, refusalOf, valueOf } from '../support/storage';
import type { Language } from '../../shared/i18n';

const COMPOSITE = '2026年汛期水环境安全应急实战演练';
const RIVER = '资水河石板滩断面突发水污染事件应急演练';

let dataDir: string;
let backend: Backend;
let clock = Date.parse('2026-06-18T01:00:00.000Z');
const minutesLater = (minutes: number) => {
  clock += minutes * 60_000;
};
const call = <M extends ApiMethod>(method: M, arg: unknown): Promise<ApiOutputs[M]> => valueOf(backend, method, arg);
const refusal = (method: ApiMethod, arg: unknown, language: Language = 'en') => refusalOf(backend, method, arg, language);
/** An error's headline and details as one text: a rule check's own words travel as a detail under its code's headline. */
const wordedOf = (error: { message: string; details: string[] }) => [error.message, ...error.details].join('\n');
const dump = (): string => dumpOf(path.join(dataDir, DB_FILE));
const bodyOf = ({ id: _i, revision: _r, createdAt: _c, updatedAt: _u, sourceId: _s, ...body }: Scenario): ScenarioBody => body;

async function sample(title: string): Promise<Scenario> {
  const summary = (await call('listScenarios', {})).find((s) => s.title === title);
  if (!summary) throw new Error(`the sample "${title}" is missing`);
  return call('getScenario', { id: summary.id });
}

/** Sends an edit the way the editor does and returns the scenario as stored. */
async function edit(scenario: Scenario, ops: GraphOp[]): Promise<Scenario> {
  await call('applyGraphOps', { scenarioId: scenario.id, baseRevision: scenario.revision, ops });
  return call('getScenario', { id: scenario.id });
}

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'drilldesk-eval-'));
  clock = Date.parse('2026-06-18T01:00:00.000Z');
  backend = openBackend({ dataDir, templatesDir: path.resolve('scenarios'), prefs: memoryPrefsStore(), now: () => new Date(clock), log: () => {} });
});

afterEach(() => {
  backend.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the evaluation plan of a scenario', () => {
  it('ships with the flood-season and incident samples, every item linked to steps and objectives that exist', async () => {
    for (const title of [COMPOSITE, RIVER]) {
      const scenario = await sample(title);
      const items = placedItemsOf(scenario.evaluation);
      expect(items.length, title).toBeGreaterThan(15);
      const steps = new Set(scenario.steps.map((s) => s.id));
      expect(items.every((p) => p.item.stepIds.length > 0 && p.item.stepIds.every((id) => steps.has(id))), title).toBe(true);
      expect(scenario.evaluation.assignments.length, title).toBeGreaterThan(0);
    }
  });

  it('is built from the default form, linked and assigned with graph operations the back end commits as the editor applies them, and undone exactly', async () => {
    const created = await call('createScenario', { meta: { title: '防汛演练' } });
    let scenario = await edit(created, [
      { op: 'setMeta', patch: { objectives: [{ id: 'o1', text: '检验应急供水' }] } },
      { op: 'addRole', role: { ...EMPTY_ROSTER_FIELDS, id: 'r-eval', name: '评估组', group: '评估组', category: 'evaluator', color: '#475569', responsibilities: '', reportsTo: null, people: [{ name: '袁志华', unit: '', phone: '', callSign: '' }, { name: '彭丽', unit: '', phone: '', callSign: '' }] } },
      { op: 'addStep', step: { id: 's1', kind: 'action', title: '启动应急供水', description: '', roleIds: [], dialogue: '', location: '', durationMin: 10, resources: '', expectedResult: '', objectiveIds: ['o1'], notes: '', phase: '', scenarioTime: '', controllerOnly: [], position: { x: 0, y: 0 } } },
    ]);
    let n = 0;
    const { form } = formFromTemplate(FORM_TEMPLATES[0], (prefix) => `${prefix}-${++n}`);
    const [firstItem] = placedItemsOf({ forms: [form], assignments: [] });
    const ops: GraphOp[] = [
      { op: 'addEvalForm', form },
      { op: 'updateEvalItem', id: firstItem.item.id, patch: { stepIds: ['s1'], objectiveIds: ['o1'] } },
      { op: 'updateEvalForm', id: form.id, patch: { scheme: 'points', passPercent: 60 } },
      { op: 'addEvalAssignment', assignment: EvalAssignmentSchema.parse({ id: 'a1', roleId: 'r-eval', person: '袁志华', formIds: [form.id], sectionIds: [form.sections[0].id], lead: true }) },
      { op: 'addEvalAssignment', assignment: EvalAssignmentSchema.parse({ id: 'a2', roleId: 'r-eval', person: '彭丽', formIds: [form.id], sectionIds: [form.sections[3].id] }) },
      { op: 'moveEvalItem', id: firstItem.item.id, sectionId: form.sections[1].id, index: 1 },
    ];
    const before = bodyOf(scenario);
    const expected = applyOps(before, ops);
    scenario = await edit(scenario, ops);
    expect(bodyOf(scenario)).toEqual(expected);
    expect(scenario.evaluation.forms[0].sections[1].items[1]).toMatchObject({ id: firstItem.item.id, stepIds: ['s1'] });

    // Undo: the inverse operations, committed the same way, bring back the plan before.
    scenario = await edit(scenario, inverseOfOps(before, ops));
    expect(bodyOf(scenario)).toEqual(before);
  });

  it('refuses an item linking a missing step or objective, and an assignment of a missing role, naming them; nothing written', async () => {
    const scenario = await sample(COMPOSITE);
    const [placed] = placedItemsOf(scenario.evaluation);
    const untouched = dump();
    const step = await refusal('applyGraphOps', { scenarioId: scenario.id, baseRevision: scenario.revision, ops: [{ op: 'updateEvalItem', id: placed.item.id, patch: { stepIds: ['s999'] } }] });
    expect(step).toMatchObject({ code: 'conflict' });
    expect(wordedOf(step)).toMatch(/evaluation item "收到气象预警后及时转达指挥部和各工作组" links missing step "s999"/);
    const objective = await refusal('applyGraphOps', { scenarioId: scenario.id, baseRevision: scenario.revision, ops: [{ op: 'updateEvalItem', id: placed.item.id, patch: { objectiveIds: ['obj-9'] } }] });
    expect(wordedOf(objective)).toMatch(/links missing objective "obj-9"/);
    const role = await refusal('applyGraphOps', {
      scenarioId: scenario.id,
      baseRevision: scenario.revision,
      ops: [{ op: 'addEvalAssignment', assignment: { id: 'a9', roleId: 'role-ghost', formIds: [] } }],
    });
    expect(wordedOf(role)).toMatch(/evaluation assignment names missing role "role-ghost"/);
    // The editor's own applyOps refuses the same edits, so it never shows what the back end will not keep.
    expect(() => applyOps(bodyOf(scenario), [{ op: 'updateEvalItem', id: placed.item.id, patch: { stepIds: ['s999'] } }])).toThrow(/links missing step "s999"/);
    expect(dump()).toBe(untouched);
  });

  it('will not lose a link silently: removing a linked step, objective or assigned role is refused, and the editor removes them with the links (undoable)', async () => {
    const scenario = await sample(COMPOSITE);
    const body = bodyOf(scenario);
    const refused = await refusal('applyGraphOps', { scenarioId: scenario.id, baseRevision: scenario.revision, ops: [{ op: 'removeStep', id: 's18' }] });
    expect(wordedOf(refused)).toMatch(/step ".+" is linked by evaluation item "污水处理厂停运后截流和封堵溢流口"/);
    expect(refused).toMatchObject({ code: 'conflict', key: 'rules.stepLinked', params: { item: '污水处理厂停运后截流和封堵溢流口' } });
    const role = await refusal('applyGraphOps', { scenarioId: scenario.id, baseRevision: scenario.revision, ops: roleRemovalOpsOf(body, 'role-eval').filter((op) => op.op !== 'removeEvalAssignment') });
    expect(wordedOf(role)).toMatch(/role ".+" still has evaluation assignments/);
    expect(role).toMatchObject({ key: 'rules.roleEvaluates' });
    const objective = await refusal('updateScenarioMeta', { id: scenario.id, patch: { objectives: body.objectives.filter((o) => o.id !== 'obj-4') } });
    expect(wordedOf(objective)).toMatch(/is still (served by step|linked by evaluation item)/);

    const removal = removalOpsOf(body, ['s18']);
    const after = await edit(scenario, removal);
    expect(placedItemsOf(after.evaluation).some((p) => p.item.stepIds.includes('s18'))).toBe(false);
    const restored = await edit(after, inverseOfOps(body, removal));
    // The step comes back (at the end of the list, as any re-added step) with its edges and links.
    const byId = <T extends { id: string }>(list: T[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(restored.steps)).toEqual(byId(body.steps));
    expect(byId(restored.edges)).toEqual(byId(body.edges));
    expect(restored.evaluation).toEqual(body.evaluation);
  });

  it('travels with the scenario file and into a run plan', async () => {
    const scenario = await sample(RIVER);
    const file = await call('exportScenario', { id: scenario.id });
    expect(JSON.parse(file.text).scenario.evaluation.forms[0].title).toBe('突发环境事件应急演练评估表');
    const copy = await call('getScenario', { id: (await call('importScenario', { text: file.text })).id });
    expect(copy.evaluation).toEqual(scenario.evaluation);
    const run = await call('createRun', { scenarioId: scenario.id, name: '预演' });
    expect(run.plan.evaluation).toEqual(scenario.evaluation);
  });
});

describe('scores during and after a run', () => {
  async function runOfComposite() {
    const scenario = await sample(COMPOSITE);
    const run = await call('createRun', { scenarioId: scenario.id, name: '正式演练' });
    const items = placedItemsOf(scenario.evaluation);
    return { scenario, run, items };
  }

  it("records a score tied to its item and the item's first step, by an evaluator in person", async () => {
    const { run, items } = await runOfComposite();
    minutesLater(12);
    const stored = await call('recordEvent', { runId: run.id, event: { kind: 'evaluation-scored', itemId: items[0].item.id, value: 'partly', roleId: 'role-eval', person: '袁志华', text: '通知用时14分钟' } });
    expect(stored).toMatchObject({ kind: 'evaluation-scored', itemId: items[0].item.id, value: 'partly', stepId: 's03', roleId: 'role-eval', person: '袁志华', at: '2026-06-18T01:12:00.000Z' });
    const hotWash = await call('recordEvent', { runId: run.id, event: { kind: 'hot-wash', roleId: 'role-eval', person: '袁志华', text: '响应迅速，信息报送偏慢' } });
    expect(hotWash.kind).toBe('hot-wash');
    expect(wordedOf(await refusal('recordEvent', { runId: run.id, event: { kind: 'hot-wash', text: '  ' } }))).toContain('event.text: a "hot-wash" comment must have its text');
    expect(wordedOf(await refusal('recordEvent', { runId: run.id, event: { kind: 'observation', itemId: items[0].item.id, text: '到位' } }))).toContain(
      'event.itemId: only an "evaluation-scored" event names an item and a rating',
    );
  });

  it("refuses a rating outside the form's scheme, naming what it accepts; nothing written", async () => {
    const { run, items } = await runOfComposite();
    const untouched = dump();
    const error = await refusal('recordEvent', { runId: run.id, event: { kind: 'evaluation-scored', itemId: items[0].item.id, value: '9' } });
    expect(error.code).toBe('invalid-argument');
    expect(error.message).toBe('the rating "9" does not fit form "汛期水环境应急演练评估表"; item 1.1 accepts met, partly, not-met, na');
    expect((await refusal('recordEvent', { runId: run.id, event: { kind: 'evaluation-scored', itemId: items[0].item.id, value: '9' } }, 'zh')).message).toBe(
      '评估结果“9”不符合评估表“汛期水环境应急演练评估表”的评分方式；第 1.1 项可填：达到、基本达到、未达到、不适用。',
    );
    const missing = await refusal('recordEvent', { runId: run.id, event: { kind: 'evaluation-scored', itemId: items[0].item.id } });
    expect(missing.message).toMatch(/must give the rating/);
    expect(dump()).toBe(untouched);
  });

  it('refuses a score for an item of another scenario', async () => {
    const { run, items } = await runOfComposite();
    const river = await sample(RIVER);
    const foreign = placedItemsOf(river.evaluation).find((p) => !items.some((q) => q.item.id === p.item.id));
    const untouched = dump();
    const error = await refusal('recordEvent', { runId: run.id, event: { kind: 'evaluation-scored', itemId: foreign!.item.id, value: 'met' } });
    expect(error.message).toBe(`evaluation item "${foreign!.item.id}" is not part of this run's plan ("${COMPOSITE}")`);
    expect(dump()).toBe(untouched);
  });

  it('corrects a score with a new entry, the original kept and superseded; a value is refused on other events', async () => {
    const { run, items } = await runOfComposite();
    const first = await call('recordEvent', { runId: run.id, event: { kind: 'evaluation-scored', itemId: items[1].item.id, value: 'met' } });
    const corrected = await call('correctEvent', { runId: run.id, seq: first.seq, value: 'partly', text: '研判未引用风险源清单' });
    expect(corrected).toMatchObject({ value: 'partly', corrects: first.seq, text: '研判未引用风险源清单', itemId: items[1].item.id });
    const { events } = await call('getRun', { id: run.id });
    expect(events.find((e) => e.seq === first.seq)).toMatchObject({ value: 'met', supersededBy: corrected.seq });
    const results = itemResultsOf(run.plan.evaluation, events, null);
    expect(results.find((r) => r.item.id === items[1].item.id)!.rating?.value).toBe('partly');

    const bad = await refusal('correctEvent', { runId: run.id, seq: corrected.seq, value: 'S' });
    expect(bad.message).toMatch(/the rating "S" does not fit/);
    const observation = await call('recordEvent', { runId: run.id, event: { kind: 'observation', text: '到位' } });
    expect((await refusal('correctEvent', { runId: run.id, seq: observation.seq, value: 'met' })).message).toMatch(/is not an evaluation score/);
  });

  it('takes scores typed in from paper after the run ended, marked as entered later; other step events stay refused', async () => {
    const { run, items } = await runOfComposite();
    minutesLater(200);
    await call('recordEvent', { runId: run.id, event: { kind: 'ended' } });
    minutesLater(120);
    const paper = await call('recordEvent', { runId: run.id, event: { kind: 'evaluation-scored', itemId: items[2].item.id, value: 'not-met', at: '2026-06-18T01:40:00.000Z' } });
    expect(paper).toMatchObject({ at: '2026-06-18T01:40:00.000Z', recordedAt: '2026-06-18T06:20:00.000Z' });
    const { run: ended, events } = await call('getRun', { id: run.id });
    expect(itemResultsOf(ended.plan.evaluation, events, ended.endedAt).find((r) => r.item.id === items[2].item.id)!.entries[0].enteredLater).toBe(true);
    expect((await refusal('recordEvent', { runId: run.id, event: { kind: 'started', stepId: 's01' } })).message).toMatch(/the run has ended/);
  });

  it('reads evaluation rows and on-the-spot comments from a run-log CSV, by item number and in words', async () => {
    const scenario = await sample(COMPOSITE);
    const csv = [
      '时间,步骤,事件类型,角色,内容,评分,评估项,评估结果,评估人员',
      '09:00,s01,注入,导调组,,,,,',
      '09:14,,评估,评估组,通知用时14分钟,,1.1,基本达到,袁志华',
      '09:20,,评估,评估组,,,会商研判汛情和环境风险,√,袁志华',
      '12:50,,点评,评估组,供水保障组响应迅速,,,,袁志华',
    ].join('\n');
    const summary = await call('importRunCsv', { scenarioId: scenario.id, name: '纸质补录', csv });
    const { events } = await call('getRun', { id: summary.id });
    const items = placedItemsOf(scenario.evaluation);
    expect(events.filter((e) => e.kind === 'evaluation-scored').map((e) => [e.itemId, e.value, e.stepId, e.person])).toEqual([
      [items[0].item.id, 'partly', 's03', '袁志华'],
      [items[1].item.id, 'met', 's04', '袁志华'],
    ]);
    expect(events.find((e) => e.kind === 'hot-wash')).toMatchObject({ text: '供水保障组响应迅速', roleId: 'role-eval' });

    const untouched = dump();
    const bad = await refusal('importRunCsv', { scenarioId: scenario.id, name: 'x', csv: '时间,事件类型,评估项,评估结果\n09:14,评估,1.1,优秀\n09:15,评估,9.9,达到' }, 'zh');
    expect(bad.details).toEqual([
      '第 2 行：评估结果“优秀”不符合评估表“汛期水环境应急演练评估表”的评分方式（可填 达到、基本达到、未达到、不适用）。',
      '第 3 行：演练的评估表中没有评估项“9.9”。',
    ]);
    expect(dump()).toBe(untouched);
  });

  it('exports the run log with its evaluation entries as CSV, which imports back into the same effective log', async () => {
    const { scenario, run, items } = await runOfComposite();
    minutesLater(1);
    await call('recordEvent', { runId: run.id, event: { kind: 'inject-delivered', stepId: 's01' } });
    minutesLater(5);
    const scored = await call('recordEvent', { runId: run.id, event: { kind: 'evaluation-scored', itemId: items[0].item.id, value: 'met', person: '袁志华', roleId: 'role-eval', text: '通知及时, "有记录"' } });
    await call('correctEvent', { runId: run.id, seq: scored.seq, value: 'partly' });
    minutesLater(1);
    await call('recordEvent', { runId: run.id, event: { kind: 'observation', text: '=HYPERLINK("x")', rating: 3 } });
    minutesLater(1);
    await call('recordEvent', { runId: run.id, event: { kind: 'hot-wash', text: '总体有序\n报送偏慢', person: '袁志华' } });
    const file = await call('exportRunCsv', { id: run.id });
    expect(file.fileName).toBe(`${COMPOSITE}-正式演练-2026-06-18.csv`);
    expect(file.text.split('\r\n')[0]).toBe('\uFEFF时间,步骤,事件类型,角色,内容,评分,评估项,评估结果,评估人员');
    const imported = await call('importRunCsv', { scenarioId: scenario.id, name: '导回', csv: file.text });
    const shape = (events: { kind: string; at: string; stepId: string | null; itemId: string | null; value: string | null; person: string; text: string; rating: number | null; supersededBy: number | null }[]) =>
      events.filter((e) => e.supersededBy === null).map((e) => [e.kind, e.at, e.stepId, e.itemId, e.value, e.person, e.text, e.rating]);
    expect(shape((await call('getRun', { id: imported.id })).events)).toEqual(shape((await call('getRun', { id: run.id })).events));
  });
});
