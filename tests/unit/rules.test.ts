/**
 * The one rulebook (`shared/rules.ts`): the editor's `applyOps` and the back
 * end's storage decide every edit the same way. Random edits (valid and
 * invalid operations, alone and in sequences) are generated against random
 * drills; each is decided by the shared rules in memory and sent to the real
 * back end on SQLite in a temp folder. An accepted edit commits and the
 * stored drill equals the one in memory; a refused edit is refused by the
 * back end with the same rule (catalogue key and parameters) and the
 * database is byte-for-byte the same.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../shared/api';
import { catalogues, messageOf } from '../../shared/i18n';
import { EvalAssignmentSchema, EvalFormSchema, EvalItemSchema, RoleSchema, StepSchema, type Scenario, type ScenarioBody } from '../../shared/model';
import { applyOps, GraphOpsSchema, type GraphOp, type GraphOpInput } from '../../shared/ops';
import { graphProblemsOf, graphViewOf, RULE_CODES, RULES, RuleError, checkGraphOp, type RuleCode } from '../../shared/rules';
import { rngOf } from '../../bench/generate';
import type { Backend } from '../../electron/core/backend';
import { DB_FILE } from '../../electron/storage/dataDir';
import { dumpOf, openTestBackend, removeTempDirs, tempDir, valueOf } from '../support/storage';

/** Draws from the shared seeded generator (`rngOf`): the same seed gives the same drills and edits. */
function randomOf(seed: number) {
  const next = rngOf(seed);
  const int = (n: number) => Math.floor(next() * n);
  const chance = (p: number) => next() < p;
  const pick = <T,>(items: readonly T[]): T | undefined => (items.length === 0 ? undefined : items[int(items.length)]);
  const some = <T,>(items: readonly T[], max = 2): T[] => [...new Set(Array.from({ length: int(max + 1) }, () => pick(items)).filter((x): x is T => x !== undefined))];
  return { int, chance, pick, some };
}
type Random = ReturnType<typeof randomOf>;

const GHOST = { step: 'ghost-step', role: 'ghost-role', objective: 'ghost-objective', edge: 'ghost-edge', item: 'ghost-item', form: 'ghost-form' };

let counter = 0;
const fresh = (prefix: string) => `${prefix}${++counter}`;

/** The ops that build a random drill from nothing: roles (some reporting to earlier ones), objectives, steps, edges, an evaluation form and assignment. */
function buildOpsOf(random: Random): GraphOpInput[] {
  const roles = Array.from({ length: 2 + random.int(4) }, () => fresh('r'));
  const objectives = Array.from({ length: 1 + random.int(3) }, (_, i) => ({ id: fresh('o'), text: `目标 ${i + 1}` }));
  const steps = Array.from({ length: 3 + random.int(6) }, () => fresh('s'));
  const ops: GraphOpInput[] = [{ op: 'setMeta', patch: { objectives } }];
  roles.forEach((id, i) => ops.push({ op: 'addRole', role: { id, name: `角色${id}`, reportsTo: i > 0 && random.chance(0.6) ? random.pick(roles.slice(0, i))! : null } }));
  for (const id of steps)
    ops.push({
      op: 'addStep',
      step: { id, kind: random.pick(['inject', 'action', 'decision', 'milestone'] as const)!, title: `步骤${id}`, roleIds: random.some(roles), objectiveIds: random.some(objectives.map((o) => o.id), 1) },
    });
  for (let i = 0; i < steps.length; i++) if (i > 0) ops.push({ op: 'addEdge', edge: { id: fresh('e'), source: random.pick(steps.slice(0, i))!, target: steps[i] } });
  const formId = fresh('f');
  ops.push({
    op: 'addEvalForm',
    form: EvalFormSchema.parse({
      id: formId,
      title: '评估表',
      sections: [{ id: fresh('sec'), title: '处置', items: [{ id: fresh('i'), content: '处置及时', stepIds: random.some(steps, 1), objectiveIds: random.some(objectives.map((o) => o.id), 1) }] }],
    }),
  });
  ops.push({ op: 'addEvalAssignment', assignment: EvalAssignmentSchema.parse({ id: fresh('a'), roleId: random.pick(roles)!, formIds: [formId] }) });
  return ops;
}

/** One random operation against `body`: about half of them break a rule (a missing or taken id, a self-report, a served objective, …). */
function opOf(random: Random, body: ScenarioBody): GraphOpInput {
  const stepIds = body.steps.map((s) => s.id);
  const roleIds = body.roles.map((r) => r.id);
  const objectiveIds = body.objectives.map((o) => o.id);
  const edgeIds = body.edges.map((e) => e.id);
  const items = body.evaluation.forms.flatMap((f) => f.sections.flatMap((s) => s.items));
  const sections = body.evaluation.forms.flatMap((f) => f.sections);
  const bad = () => random.chance(0.25);
  const stepId = () => (bad() ? GHOST.step : (random.pick(stepIds) ?? GHOST.step));
  const roleId = () => (bad() ? GHOST.role : (random.pick(roleIds) ?? GHOST.role));
  const linkRoles = () => [...random.some(roleIds), ...(bad() ? [GHOST.role] : [])];
  const linkObjectives = () => [...random.some(objectiveIds, 1), ...(bad() ? [GHOST.objective] : [])];
  switch (random.int(15)) {
    case 0:
      return { op: 'addStep', step: { id: random.chance(0.15) && stepIds.length ? random.pick(stepIds)! : fresh('s'), kind: 'action', title: '新步骤', roleIds: linkRoles(), objectiveIds: linkObjectives() } };
    case 1: {
      const patch = random.pick([{ title: '改名' }, { roleIds: linkRoles() }, { objectiveIds: linkObjectives() }, { durationMin: random.int(60) }])!;
      return { op: 'updateStep', id: stepId(), patch };
    }
    case 2:
      return { op: 'removeStep', id: stepId() };
    case 3:
      return { op: 'moveSteps', moves: [{ id: stepId(), position: { x: random.int(900), y: random.int(900) } }] };
    case 4:
      // Edges may close a cycle or loop on one step: a draft may hold that (a validation finding, not a rule).
      return { op: 'addEdge', edge: { id: random.chance(0.15) && edgeIds.length ? random.pick(edgeIds)! : fresh('e'), source: stepId(), target: stepId() } };
    case 5:
      return { op: 'updateEdge', id: bad() ? GHOST.edge : (random.pick(edgeIds) ?? GHOST.edge), patch: { lagMin: random.int(30), label: '条件' } };
    case 6:
      return { op: 'removeEdge', id: bad() ? GHOST.edge : (random.pick(edgeIds) ?? GHOST.edge) };
    case 7: {
      const id = random.chance(0.15) && roleIds.length ? random.pick(roleIds)! : fresh('r');
      const reportsTo = random.pick([null, random.pick(roleIds) ?? null, GHOST.role, id])!;
      return { op: 'addRole', role: { id, name: `角色${id}`, reportsTo } };
    }
    case 8: {
      const id = roleId();
      return { op: 'updateRole', id, patch: random.pick([{ name: '改名组' }, { people: [{ name: '甲' }], backup: random.pick(['甲', '乙'])! }, { backup: '甲' }, { reportsTo: id }, { reportsTo: GHOST.role }, { reportsTo: random.pick(roleIds) ?? null }, { reportsTo: null }])! };
    }
    case 9:
      return { op: 'removeRole', id: roleId() };
    case 10: {
      // Drop one objective (maybe still served or linked), add one, or repeat an id.
      const kept = body.objectives.filter(() => random.chance(0.7));
      const extra = random.chance(0.5) ? [{ id: random.chance(0.3) && objectiveIds.length ? random.pick(objectiveIds)! : fresh('o'), text: '新目标' }] : [];
      return { op: 'setMeta', patch: { objectives: [...kept, ...extra] } };
    }
    case 11: {
      const section = random.pick(sections);
      return {
        op: 'addEvalItem',
        sectionId: bad() || !section ? 'ghost-section' : section.id,
        item: EvalItemSchema.parse({ id: random.chance(0.1) && items.length ? random.pick(items)!.id : fresh('i'), content: '评估内容', stepIds: [stepId()], objectiveIds: random.some(objectiveIds, 1) }),
      };
    }
    case 12:
      return { op: 'removeEvalItem', id: bad() ? GHOST.item : (random.pick(items)?.id ?? GHOST.item) };
    case 13: {
      const assignment = random.pick(body.evaluation.assignments);
      if (!assignment || random.chance(0.3))
        return { op: 'addEvalAssignment', assignment: EvalAssignmentSchema.parse({ id: fresh('a'), roleId: roleId(), formIds: random.some(body.evaluation.forms.map((f) => f.id), 1) }) };
      return { op: 'updateEvalAssignment', id: assignment.id, patch: { roleId: roleId() } };
    }
    default: {
      const form = random.pick(body.evaluation.forms);
      return { op: 'removeEvalForm', id: bad() || !form ? GHOST.form : form.id };
    }
  }
}

/** The shared rules' verdict on an edit: the body after it, or the rule it breaks. */
function verdictOf(body: ScenarioBody, ops: GraphOp[]): { ok: true; body: ScenarioBody } | { ok: false; error: RuleError } {
  try {
    return { ok: true, body: applyOps(body, ops) };
  } catch (error) {
    if (error instanceof RuleError) return { ok: false, error };
    throw error;
  }
}

function bodyOfScenario(scenario: Scenario): ScenarioBody {
  const { id: _id, revision: _revision, createdAt: _c, updatedAt: _u, sourceId: _s, ...body } = scenario;
  return body;
}

let backend: Backend;
let dataDir: string;

beforeAll(() => {
  dataDir = tempDir();
  backend = openTestBackend(dataDir, { templatesDir: tempDir() });
});

afterAll(() => {
  backend.close();
  removeTempDirs();
});

describe('the rulebook', () => {
  it('has a message in both catalogues for every rule, with the same parameters', () => {
    for (const code of RULE_CODES) {
      const key = RULES[code].key;
      for (const language of ['zh', 'en'] as const) expect(messageOf(language, key), `${language} ${key}`).not.toBe(key);
    }
    expect(Object.keys(catalogues.zh.rules).length).toBe(RULE_CODES.length);
  });

  it('refuses in the editor what the back end refuses, with the same code, and commits what it accepts (seeded random edits on real SQLite)', async () => {
    const random = randomOf(20_261_205);
    const seen = new Map<RuleCode | 'accepted', number>();
    const count = (key: RuleCode | 'accepted') => seen.set(key, (seen.get(key) ?? 0) + 1);
    const dbFile = path.join(dataDir, DB_FILE);
    for (let drill = 0; drill < 8; drill++) {
      const created = await valueOf(backend, 'createScenario', { meta: { title: `随机演练 ${drill}` } });
      const build = GraphOpsSchema.parse(buildOpsOf(random));
      const built = verdictOf(bodyOfScenario(created), build);
      if (!built.ok) throw built.error;
      let scenario = await valueOf(backend, 'applyGraphOps', { scenarioId: created.id, baseRevision: created.revision, ops: build }).then(() =>
        valueOf(backend, 'getScenario', { id: created.id }),
      );
      expect(bodyOfScenario(scenario)).toEqual(built.body);
      for (let edit = 0; edit < 45; edit++) {
        const ops = GraphOpsSchema.parse(Array.from({ length: 1 + random.int(3) }, () => opOf(random, bodyOfScenario(scenario))));
        const shared = verdictOf(bodyOfScenario(scenario), ops);
        const before = dumpOf(dbFile);
        const envelope = (await backend.call('applyGraphOps', { scenarioId: scenario.id, baseRevision: scenario.revision, ops })) as Envelope<unknown>;
        const what = JSON.stringify(ops);
        if (shared.ok) {
          expect(envelope.ok ? null : envelope.error, what).toBeNull();
          scenario = await valueOf(backend, 'getScenario', { id: scenario.id });
          expect(bodyOfScenario(scenario), what).toEqual(shared.body);
          // What the operation rules let through keeps the rules over the whole body (what imports check).
          expect(graphProblemsOf(shared.body), what).toEqual([]);
          count('accepted');
        } else {
          expect(envelope.ok, what).toBe(false);
          if (envelope.ok) continue;
          expect({ code: envelope.error.code, key: envelope.error.key, params: envelope.error.params }, what).toEqual({
            code: RULES[shared.error.code].status,
            key: shared.error.key,
            params: shared.error.params,
          });
          expect(dumpOf(dbFile), what).toBe(before);
          count(shared.error.code);
        }
      }
    }
    console.log('rulebook property test:', Object.fromEntries([...seen].sort(([a], [b]) => String(a).localeCompare(String(b)))));
    // The generator reaches the rules it is meant to exercise (a generator that stopped breaking them would prove nothing).
    for (const code of [
      'step-id-taken',
      'step-missing',
      'step-role-missing',
      'step-objective-missing',
      'step-linked',
      'edge-start-missing',
      'edge-missing',
      'role-missing',
      'role-reports-to-missing',
      'role-reports-to-self',
      'role-in-use',
      'objective-served',
      'objective-id-taken',
    ] as RuleCode[])
      expect(seen.get(code) ?? 0, code).toBeGreaterThan(0);
    expect(seen.get('accepted') ?? 0).toBeGreaterThan(60);
  });

  it('checks an operation against a body in memory without applying it', () => {
    const body = {
      roles: [RoleSchema.parse({ id: 'chief', name: '总指挥' })],
      steps: [StepSchema.parse({ id: 's1', kind: 'inject', title: '暴雨预警', roleIds: ['chief'] })],
      edges: [],
      objectives: [],
      evaluation: { forms: [], assignments: [] },
    };
    expect(() => checkGraphOp(graphViewOf(body), { op: 'updateRole', id: 'chief', patch: { reportsTo: 'chief' } })).toThrow(/reports to itself/);
    expect(() => checkGraphOp(graphViewOf(body), { op: 'removeRole', id: 'chief' })).toThrow(/still assigned to step "暴雨预警"/);
    const person = { name: '周建国', unit: '', phone: '', callSign: '' };
    expect(() => checkGraphOp(graphViewOf(body), { op: 'updateRole', id: 'chief', patch: { people: [person], backup: '周建国' } })).toThrow(/already its first holder/);
    expect(() => checkGraphOp(graphViewOf(body), { op: 'updateRole', id: 'chief', patch: { people: [person], backup: '何志强' } })).not.toThrow();
    expect(graphProblemsOf({ ...body, roles: [RoleSchema.parse({ id: 'chief', name: '总指挥', people: [person], backup: '周建国' })] }).map((p) => p.path)).toEqual(['roles[0].backup']);
    expect(() => checkGraphOp(graphViewOf(body), { op: 'addStep', step: { id: 's2', title: '处置', roleIds: ['nobody'], objectiveIds: [] } })).toThrow(RuleError);
  });
});
