/**
 * Controller-only text (仅导调可见): every players' role sheet of every sample,
 * as the print view's view-model and as the .docx read back with mammoth,
 * holds none of the texts the sample marks controller-only, and shows a step
 * an inject sets off as 「接导调指令后」 rather than its clock time. The mark is
 * part of the scenario: it loads from older files, edits and undoes.
 */
import fs from 'node:fs';
import path from 'node:path';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { docxOf } from '../../electron/core/docx';
import { messageOf } from '../../shared/i18n';
import { STEP_TEXT_FIELDS, StepSchema, type ScenarioBody, type Step } from '../../shared/model';
import { applyOps, GraphOpSchema, inverseOfOps } from '../../shared/ops';
import { parseScenarioFile } from '../../shared/scenarioFile';
import { roleSheetsOf, textOfField } from '../../shared/sheets';

const SAMPLES_DIR = path.join(__dirname, '../../scenarios');
const samples = fs
  .readdirSync(SAMPLES_DIR)
  .filter((name) => name.endsWith('.drill.json'))
  .map((name) => {
    const parsed = parseScenarioFile(fs.readFileSync(path.join(SAMPLES_DIR, name), 'utf8'));
    if (!parsed.ok) throw new Error(`${name}: ${parsed.problems.join('; ')}`);
    return { name, body: parsed.value };
  });

const linesOf = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length >= 6);

/**
 * The lines of every text a step marks controller-only, long enough to
 * recognise, less those some unmarked text of the drill also holds (a
 * stock line such as 「专家组：指挥长，我是专家组，建议……」 may be printed elsewhere).
 */
function secretLinesOf(body: ScenarioBody): { step: Step; line: string }[] {
  const open = new Set(
    body.steps.flatMap((step) => STEP_TEXT_FIELDS.filter((field) => !step.controllerOnly.includes(field)).flatMap((field) => linesOf(textOfField(step, field)))),
  );
  return body.steps.flatMap((step) => step.controllerOnly.flatMap((field) => linesOf(textOfField(step, field)).filter((line) => !open.has(line)).map((line) => ({ step, line }))));
}

async function docxTextOf(body: ScenarioBody, roleId: string): Promise<string> {
  const { bytes } = await docxOf('role-sheets', { kind: 'scenario', body, roleIds: [roleId] }, 'zh');
  return (await mammoth.extractRawText({ buffer: bytes })).value;
}

describe('the players\u2019 role sheets of the samples', () => {
  it('mark what would give each sample away', () => {
    for (const { name, body } of samples) expect(secretLinesOf(body).length, name).toBeGreaterThan(0);
  });

  for (const { name, body } of samples) {
    it(`${name}: no players' card holds controller-only text, in the view-model or the .docx`, async () => {
      const secrets = secretLinesOf(body);
      const sheets = roleSheetsOf(body).filter((sheet) => sheet.variant === 'player-safe');
      let withheld = 0;
      for (const sheet of sheets) {
        const model = JSON.stringify(sheet);
        const docx = await docxTextOf(body, sheet.role.id);
        expect(docx).toContain(sheet.role.name);
        for (const { step, line } of secrets) {
          expect(model.includes(line), `${sheet.role.name} / ${step.title}: ${line}`).toBe(false);
          expect(docx.includes(line), `${sheet.role.name} / ${step.title} (.docx): ${line}`).toBe(false);
        }
        withheld += sheet.withheldTexts;
      }
      // The marked steps are on players' cards, so the filter has something to do.
      expect(withheld).toBeGreaterThan(0);
    });
  }

  it('keeps controller-only text on the full sheets', () => {
    const { body } = samples.find((sample) => sample.name.startsWith('flood-season'))!;
    const tracing = body.steps.find((step) => step.id === 's35')!;
    const full = roleSheetsOf(body).filter((sheet) => sheet.variant === 'full');
    const expert = roleSheetsOf(body).find((sheet) => sheet.role.name === '应急监测组')!;
    expect(expert.variant).toBe('player-safe');
    expect(JSON.stringify(expert)).not.toContain('养殖场粪污随雨水漫溢入河');
    expect(tracing.dialogue).toContain('养殖场粪污随雨水漫溢入河');
    // A controller sheet holding the tracing step would print it; the script (for controllers) always does.
    expect(full.length).toBeGreaterThan(0);
    for (const sheet of full) expect(sheet.withheldTexts).toBe(0);
  });

  it('shows a step an inject sets off as 接导调指令后, not as its clock time', async () => {
    const { body } = samples.find((sample) => sample.name.startsWith('flood-season'))!;
    const monitor = roleSheetsOf(body).find((sheet) => sheet.role.name === '应急监测组')!;
    const sampling = monitor.steps.find((step) => step.id === 's25')!;
    expect(sampling.afterInject).toBe(true);
    expect(sampling.time).toBeNull();
    const docx = await docxTextOf(body, monitor.role.id);
    expect(docx).toContain(messageOf('zh', 'print.sheet.afterInject'));
    // A step set off by another step keeps its time.
    expect(monitor.steps.find((step) => step.id === 's30')!.time).not.toBeNull();
  });
});

describe('the controller-only mark', () => {
  const base = samples.find((sample) => sample.name.startsWith('waterworks'))!.body;

  it('defaults to none in a file written before it existed', () => {
    const { controllerOnly: _dropped, ...old } = base.steps[0];
    expect(StepSchema.parse(old).controllerOnly).toEqual([]);
  });

  it('names only text fields', () => {
    expect(() => StepSchema.parse({ ...base.steps[0], controllerOnly: ['title'] })).toThrow();
  });

  it('is an edit that undoes', () => {
    const step = base.steps.find((s) => s.kind === 'action')!;
    const ops = [GraphOpSchema.parse({ op: 'updateStep', id: step.id, patch: { controllerOnly: ['expectedResult'] } })];
    const edited = applyOps(base, ops);
    expect(edited.steps.find((s) => s.id === step.id)!.controllerOnly).toEqual(['expectedResult']);
    const undone = applyOps(edited, inverseOfOps(base, ops));
    expect(undone.steps.find((s) => s.id === step.id)!.controllerOnly).toEqual(step.controllerOnly);
  });
});
