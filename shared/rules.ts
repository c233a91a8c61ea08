/**
 * The one rulebook for edits of a drill: what makes a graph operation, or a
 * whole scenario body, valid. Each rule has a stable code, a catalogue key
 * (`rules.*` in `shared/i18n`) with its parameters, and the status the
 * contract answers it with.
 *
 * The same functions serve every writer:
 * - the editor (`applyOp` in `ops.ts` checks each operation before it is
 *   applied, so a refused edit is never shown nor sent),
 * - the back end (`electron/storage/scenarios.ts` checks each operation
 *   against a `GraphView` answered from SQLite, then writes),
 * - every import (drill files, drill scripts, fragments, new scenarios:
 *   `graphProblemsOf` over the whole body).
 *
 * An operation is checked against a `GraphView`: a few questions about the
 * scenario it applies to. `graphViewOf` answers them from a body in memory;
 * the back end answers them from its rows, without loading the scenario.
 * Drafting problems (cycles, unowned steps, …) are validation findings, not
 * rules: an editor draft may hold them (`validation.ts`).
 */
import { messageOf, type MessageParams } from './i18n';
import {
  evalItemLabelOf,
  type EvalAssignment,
  type EvalForm,
  type EvalItem,
  type EvaluationPlan,
  type Objective,
  type Role,
  type ScenarioBody,
  type Step,
} from './model';

type Status = 'not-found' | 'conflict';
const rule = (key: string, status: Status = 'conflict') => ({ key, status });

/** Every rule: its stable code, its catalogue key, and the contract's status for a refusal. */
export const RULES = {
  'step-id-taken': rule('rules.stepIdTaken'),
  'step-missing': rule('rules.stepMissing', 'not-found'),
  'step-role-missing': rule('rules.stepRoleMissing'),
  'step-objective-missing': rule('rules.stepObjectiveMissing'),
  'step-linked': rule('rules.stepLinked'),
  'edge-id-taken': rule('rules.edgeIdTaken'),
  'edge-missing': rule('rules.edgeMissing', 'not-found'),
  'edge-start-missing': rule('rules.edgeStartMissing'),
  'edge-end-missing': rule('rules.edgeEndMissing'),
  'role-id-taken': rule('rules.roleIdTaken'),
  'role-missing': rule('rules.roleMissing', 'not-found'),
  'role-reports-to-missing': rule('rules.roleReportsToMissing'),
  'role-reports-to-self': rule('rules.roleReportsToSelf'),
  'role-in-use': rule('rules.roleInUse'),
  'role-evaluates': rule('rules.roleEvaluates'),
  'role-backup-is-holder': rule('rules.roleBackupIsHolder'),
  'objective-id-taken': rule('rules.objectiveIdTaken'),
  'objective-served': rule('rules.objectiveServed'),
  'objective-linked': rule('rules.objectiveLinked'),
  'eval-form-id-taken': rule('rules.evalFormIdTaken'),
  'eval-form-missing': rule('rules.evalFormMissing', 'not-found'),
  'eval-form-assigned': rule('rules.evalFormAssigned'),
  'eval-section-id-taken': rule('rules.evalSectionIdTaken'),
  'eval-section-missing': rule('rules.evalSectionMissing', 'not-found'),
  'eval-section-assigned': rule('rules.evalSectionAssigned'),
  'eval-item-id-taken': rule('rules.evalItemIdTaken'),
  'eval-item-missing': rule('rules.evalItemMissing', 'not-found'),
  'eval-item-step-missing': rule('rules.evalItemStepMissing'),
  'eval-item-objective-missing': rule('rules.evalItemObjectiveMissing'),
  'eval-assignment-id-taken': rule('rules.evalAssignmentIdTaken'),
  'eval-assignment-missing': rule('rules.evalAssignmentMissing', 'not-found'),
  'eval-assignment-role-missing': rule('rules.evalAssignmentRoleMissing'),
  'eval-assignment-form-missing': rule('rules.evalAssignmentFormMissing'),
  'eval-assignment-section-outside': rule('rules.evalAssignmentSectionOutside'),
} as const;

export type RuleCode = keyof typeof RULES;
export const RULE_CODES = Object.keys(RULES) as RuleCode[];

/** One broken rule: its code and the parameters of its message. */
export type RuleViolation = { code: RuleCode; params: MessageParams };

/** The catalogue key of a violation, e.g. `rules.stepRoleMissing`. */
export const ruleKeyOf = (violation: Pick<RuleViolation, 'code'>) => RULES[violation.code].key;

/** A violation in English (for logs, the command line and error messages that are not rendered from the catalogue). */
export const ruleMessageOf = (violation: RuleViolation, language: 'zh' | 'en' = 'en') => messageOf(language, ruleKeyOf(violation), violation.params);

/** An operation refused by a rule. Its message is the English text; `key` and `params` render it in any language. */
export class RuleError extends Error {
  readonly key: string;
  constructor(readonly violation: RuleViolation) {
    super(ruleMessageOf(violation));
    this.name = 'RuleError';
    this.key = ruleKeyOf(violation);
  }
  get code(): RuleCode {
    return this.violation.code;
  }
  get params(): MessageParams {
    return this.violation.params;
  }
}

/** Throws the refusal of `code`. */
export function refuse(code: RuleCode, params: MessageParams): never {
  throw new RuleError({ code, params });
}

// ---------------------------------------------------------------------------
// What an operation is checked against

/** What an evaluation edit may link to: the scenario's steps, objectives and roles. */
export type EvalLinkTargets = { hasStep: (id: string) => boolean; hasObjective: (id: string) => boolean; hasRole: (id: string) => boolean };

/** The questions the rules ask about the scenario an operation applies to. */
export type GraphView = EvalLinkTargets & {
  step: (id: string) => Pick<Step, 'id' | 'title'> | null;
  hasEdge: (id: string) => boolean;
  role: (id: string) => Pick<Role, 'id' | 'name' | 'people' | 'backup'> | null;
  objectives: () => readonly Objective[];
  /** A step that names the role, or null. */
  stepUsingRole: (roleId: string) => Pick<Step, 'title'> | null;
  /** A step that serves the objective, or null. */
  stepServingObjective: (objectiveId: string) => Pick<Step, 'title'> | null;
  evaluation: () => EvaluationPlan;
};

/** The view of a scenario body in memory. */
export function graphViewOf(body: Pick<ScenarioBody, 'steps' | 'edges' | 'roles' | 'objectives' | 'evaluation'>): GraphView {
  const step = (id: string) => body.steps.find((candidate) => candidate.id === id) ?? null;
  const role = (id: string) => body.roles.find((candidate) => candidate.id === id) ?? null;
  return {
    step,
    role,
    hasStep: (id) => step(id) !== null,
    hasRole: (id) => role(id) !== null,
    hasObjective: (id) => body.objectives.some((objective) => objective.id === id),
    hasEdge: (id) => body.edges.some((edge) => edge.id === id),
    objectives: () => body.objectives,
    stepUsingRole: (roleId) => body.steps.find((candidate) => candidate.roleIds.includes(roleId)) ?? null,
    stepServingObjective: (objectiveId) => body.steps.find((candidate) => candidate.objectiveIds.includes(objectiveId)) ?? null,
    evaluation: () => body.evaluation,
  };
}

// ---------------------------------------------------------------------------
// The rules of the graph operations (evaluation operations: below)

/** The graph operations the rules check here (a structural subset of `GraphOp`, so this module does not import `ops.ts`). */
export type CheckedGraphOp =
  | { op: 'addStep'; step: Pick<Step, 'id' | 'title' | 'roleIds' | 'objectiveIds'> }
  | { op: 'updateStep'; id: string; patch: { title?: string; roleIds?: string[]; objectiveIds?: string[] } }
  | { op: 'removeStep'; id: string }
  | { op: 'moveSteps'; moves: { id: string }[] }
  | { op: 'addEdge'; edge: { id: string; source: string; target: string } }
  | { op: 'updateEdge'; id: string }
  | { op: 'removeEdge'; id: string }
  | { op: 'addRole'; role: Pick<Role, 'id' | 'name' | 'reportsTo'> & Partial<Pick<Role, 'people' | 'backup'>> }
  | { op: 'updateRole'; id: string; patch: { name?: string; reportsTo?: string | null; people?: Role['people']; backup?: string } }
  | { op: 'removeRole'; id: string }
  | { op: 'setMeta'; patch: { objectives?: Objective[] } };

function requireStep(view: GraphView, id: string) {
  return view.step(id) ?? refuse('step-missing', { id });
}

function requireStepLinks(view: GraphView, title: string, roleIds: readonly string[] | undefined, objectiveIds: readonly string[] | undefined) {
  for (const role of roleIds ?? []) if (!view.hasRole(role)) refuse('step-role-missing', { title, role });
  for (const objective of objectiveIds ?? []) if (!view.hasObjective(objective)) refuse('step-objective-missing', { title, objective });
}

function requireBoss(view: GraphView, role: Pick<Role, 'id' | 'name' | 'reportsTo'>) {
  if (role.reportsTo === null) return;
  if (role.reportsTo === role.id) refuse('role-reports-to-self', { name: role.name });
  if (!view.hasRole(role.reportsTo)) refuse('role-reports-to-missing', { name: role.name, boss: role.reportsTo });
}

/** The A/B 角 rule: the backup holder (B 角) is someone else than the role's first person (A 角). */
function backupProblemOf(role: { name: string; people?: readonly { name: string }[]; backup?: string }): RuleViolation | null {
  const backup = role.backup?.trim() ?? '';
  const holder = role.people?.[0]?.name.trim() ?? '';
  return backup !== '' && backup === holder ? { code: 'role-backup-is-holder', params: { name: role.name, backup } } : null;
}

function requireBackup(role: { name: string; people?: readonly { name: string }[]; backup?: string }) {
  const problem = backupProblemOf(role);
  if (problem) refuse(problem.code, problem.params);
}

/** Refuses objective lists with a repeated id. */
function requireUniqueObjectives(objectives: readonly Objective[]) {
  const seen = new Set<string>();
  for (const objective of objectives) {
    if (seen.has(objective.id)) refuse('objective-id-taken', { id: objective.id });
    seen.add(objective.id);
  }
}

/**
 * Refuses a graph operation that does not fit the scenario `view` shows
 * (throws `RuleError`); returns when it fits. Example: adding a step that
 * names role "r9" of a drill without it is refused with `step-role-missing`.
 */
export function checkGraphOp(view: GraphView, op: CheckedGraphOp): void {
  switch (op.op) {
    case 'addStep':
      if (view.hasStep(op.step.id)) refuse('step-id-taken', { id: op.step.id });
      requireStepLinks(view, op.step.title, op.step.roleIds, op.step.objectiveIds);
      return;
    case 'updateStep': {
      const step = requireStep(view, op.id);
      requireStepLinks(view, op.patch.title ?? step.title, op.patch.roleIds, op.patch.objectiveIds);
      return;
    }
    case 'removeStep': {
      const step = requireStep(view, op.id);
      const linking = evalItemLinkingStep(view.evaluation(), op.id);
      if (linking) refuse('step-linked', { title: step.title, item: evalItemLabelOf(linking) });
      return;
    }
    case 'moveSteps':
      for (const move of op.moves) requireStep(view, move.id);
      return;
    case 'addEdge':
      if (view.hasEdge(op.edge.id)) refuse('edge-id-taken', { id: op.edge.id });
      if (!view.hasStep(op.edge.source)) refuse('edge-start-missing', { id: op.edge.id, step: op.edge.source });
      if (!view.hasStep(op.edge.target)) refuse('edge-end-missing', { id: op.edge.id, step: op.edge.target });
      return;
    case 'updateEdge':
    case 'removeEdge':
      if (!view.hasEdge(op.id)) refuse('edge-missing', { id: op.id });
      return;
    case 'addRole':
      if (view.hasRole(op.role.id)) refuse('role-id-taken', { id: op.role.id });
      requireBoss(view, op.role);
      requireBackup(op.role);
      return;
    case 'updateRole': {
      const role = view.role(op.id) ?? refuse('role-missing', { id: op.id });
      if (op.patch.reportsTo !== undefined) requireBoss(view, { id: role.id, name: op.patch.name ?? role.name, reportsTo: op.patch.reportsTo });
      if (op.patch.people !== undefined || op.patch.backup !== undefined)
        requireBackup({ name: op.patch.name ?? role.name, people: op.patch.people ?? role.people, backup: op.patch.backup ?? role.backup });
      return;
    }
    case 'removeRole': {
      const role = view.role(op.id) ?? refuse('role-missing', { id: op.id });
      const user = view.stepUsingRole(op.id);
      if (user) refuse('role-in-use', { name: role.name, title: user.title });
      if (view.evaluation().assignments.some((assignment) => assignment.roleId === op.id)) refuse('role-evaluates', { name: role.name });
      return;
    }
    case 'setMeta': {
      if (!op.patch.objectives) return;
      requireUniqueObjectives(op.patch.objectives);
      const kept = new Set(op.patch.objectives.map((objective) => objective.id));
      for (const objective of view.objectives()) {
        if (kept.has(objective.id)) continue;
        const user = view.stepServingObjective(objective.id);
        if (user) refuse('objective-served', { text: objective.text, title: user.title });
        const linking = evalItemLinkingObjective(view.evaluation(), objective.id);
        if (linking) refuse('objective-linked', { text: objective.text, item: evalItemLabelOf(linking) });
      }
      return;
    }
  }
}

// ---------------------------------------------------------------------------
// The rules of the evaluation plan (the plan's edits live in `evaluationOps.ts` and call these)

/** The first item linking a step, for the refusal of removing that step. */
export function evalItemLinkingStep(plan: EvaluationPlan, stepId: string): EvalItem | null {
  for (const form of plan.forms) for (const section of form.sections) for (const item of section.items) if (item.stepIds.includes(stepId)) return item;
  return null;
}

/** The first item linking an objective. */
export function evalItemLinkingObjective(plan: EvaluationPlan, objectiveId: string): EvalItem | null {
  for (const form of plan.forms) for (const section of form.sections) for (const item of section.items) if (item.objectiveIds.includes(objectiveId)) return item;
  return null;
}

/** Refuses an item whose links point at nothing. */
export function requireItemLinks(known: EvalLinkTargets, item: Pick<EvalItem, 'content' | 'stepIds' | 'objectiveIds'>) {
  for (const step of item.stepIds) if (!known.hasStep(step)) refuse('eval-item-step-missing', { item: evalItemLabelOf(item), step });
  for (const objective of item.objectiveIds)
    if (!known.hasObjective(objective)) refuse('eval-item-objective-missing', { item: evalItemLabelOf(item), objective });
}

/** Refuses an assignment naming a role, form or section (of its forms) that does not exist. */
export function requireAssignmentLinks(known: EvalLinkTargets, plan: EvaluationPlan, assignment: Pick<EvalAssignment, 'roleId' | 'formIds' | 'sectionIds'>) {
  if (!known.hasRole(assignment.roleId)) refuse('eval-assignment-role-missing', { role: assignment.roleId });
  const forms = assignment.formIds.map((form) => plan.forms.find((candidate) => candidate.id === form) ?? refuse('eval-assignment-form-missing', { form }));
  for (const section of assignment.sectionIds)
    if (!forms.some((form) => form.sections.some((candidate) => candidate.id === section))) refuse('eval-assignment-section-outside', { section });
}

const ID_TAKEN = { form: 'eval-form-id-taken', section: 'eval-section-id-taken', item: 'eval-item-id-taken' } as const;

/** Refuses ids the plan already has (or that repeat within what is added): forms, sections and items are each unique across the plan. */
export function requireFreshEvalIds(plan: EvaluationPlan, added: { forms?: EvalForm[]; sections?: EvalForm['sections']; items?: EvalItem[] }) {
  const taken = {
    form: new Set(plan.forms.map((form) => form.id)),
    section: new Set(plan.forms.flatMap((form) => form.sections.map((section) => section.id))),
    item: new Set(plan.forms.flatMap((form) => form.sections.flatMap((section) => section.items.map((item) => item.id)))),
  };
  const claim = (kind: keyof typeof taken, id: string) => {
    if (taken[kind].has(id)) refuse(ID_TAKEN[kind], { id });
    taken[kind].add(id);
  };
  for (const form of added.forms ?? []) {
    claim('form', form.id);
    for (const section of form.sections) {
      claim('section', section.id);
      for (const item of section.items) claim('item', item.id);
    }
  }
  for (const section of added.sections ?? []) {
    claim('section', section.id);
    for (const item of section.items) claim('item', item.id);
  }
  for (const item of added.items ?? []) claim('item', item.id);
}

/** Refuses removing a form or section an assignment still names. */
export function requireUnassigned(plan: EvaluationPlan, kind: 'form' | 'section', id: string) {
  const user = plan.assignments.find((assignment) => (kind === 'form' ? assignment.formIds : assignment.sectionIds).includes(id));
  if (user) refuse(kind === 'form' ? 'eval-form-assigned' : 'eval-section-assigned', { id, assignment: user.id });
}

// ---------------------------------------------------------------------------
// The same rules over a whole body (imports, new scenarios, fragments)

/** A broken rule in a whole scenario body, where it is (`steps[2].roleIds[0]`), and its English message. */
export type GraphProblem = RuleViolation & { path: string; message: string };

/**
 * The rules over a whole scenario body: unique ids, and steps, edges, roles
 * and the evaluation plan referring to things that exist. Returns an empty
 * list when all is well. A body built by operations the rules accepted has
 * no problem here. Example: an edge to step "b" of a drill without it gives
 * `{ path: 'edges[0].target', code: 'edge-end-missing', … }`.
 */
export function graphProblemsOf(
  body: Pick<ScenarioBody, 'roles' | 'steps' | 'edges' | 'objectives'> & { evaluation?: EvaluationPlan },
): GraphProblem[] {
  const problems: GraphProblem[] = [];
  const problem = (path: string, code: RuleCode, params: MessageParams) => problems.push({ path, code, params, message: ruleMessageOf({ code, params }) });
  const unique = (items: readonly { id: string }[], where: string, code: RuleCode) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(item.id)) problem(`${where}[${i}].id`, code, { id: item.id });
      seen.add(item.id);
    });
    return seen;
  };
  const roleIds = unique(body.roles, 'roles', 'role-id-taken');
  const stepIds = unique(body.steps, 'steps', 'step-id-taken');
  const objectiveIds = unique(body.objectives, 'objectives', 'objective-id-taken');
  unique(body.edges, 'edges', 'edge-id-taken');
  body.roles.forEach((role, i) => {
    const backup = backupProblemOf(role);
    if (backup) problem(`roles[${i}].backup`, backup.code, backup.params);
    if (role.reportsTo === role.id) problem(`roles[${i}].reportsTo`, 'role-reports-to-self', { name: role.name });
    else if (role.reportsTo !== null && !roleIds.has(role.reportsTo))
      problem(`roles[${i}].reportsTo`, 'role-reports-to-missing', { name: role.name, boss: role.reportsTo });
  });
  body.steps.forEach((step, i) => {
    step.roleIds.forEach((role, j) => {
      if (!roleIds.has(role)) problem(`steps[${i}].roleIds[${j}]`, 'step-role-missing', { title: step.title, role });
    });
    step.objectiveIds.forEach((objective, j) => {
      if (!objectiveIds.has(objective)) problem(`steps[${i}].objectiveIds[${j}]`, 'step-objective-missing', { title: step.title, objective });
    });
  });
  body.edges.forEach((edge, i) => {
    if (!stepIds.has(edge.source)) problem(`edges[${i}].source`, 'edge-start-missing', { id: edge.id, step: edge.source });
    if (!stepIds.has(edge.target)) problem(`edges[${i}].target`, 'edge-end-missing', { id: edge.id, step: edge.target });
  });
  if (body.evaluation) evaluationProblemsInto(problem, body.evaluation, { stepIds, objectiveIds, roleIds });
  return problems;
}

/**
 * The rules over an evaluation plan against its scenario: ids unique
 * (sections and items across the whole plan, since edits name them by id
 * alone), items linking steps and objectives that exist, assignments naming
 * roles, forms and sections (of those forms) that exist.
 */
function evaluationProblemsInto(
  problem: (path: string, code: RuleCode, params: MessageParams) => void,
  plan: EvaluationPlan,
  known: { stepIds: ReadonlySet<string>; objectiveIds: ReadonlySet<string>; roleIds: ReadonlySet<string> },
) {
  const seen = { form: new Set<string>(), section: new Set<string>(), item: new Set<string>(), assignment: new Set<string>() };
  const unique = (kind: keyof typeof seen, id: string, path: string) => {
    if (seen[kind].has(id)) problem(`${path}.id`, kind === 'assignment' ? 'eval-assignment-id-taken' : ID_TAKEN[kind], { id });
    seen[kind].add(id);
  };
  const sectionsOfForm = new Map<string, Set<string>>();
  plan.forms.forEach((form, f) => {
    const formPath = `evaluation.forms[${f}]`;
    unique('form', form.id, formPath);
    const sections = new Set<string>();
    sectionsOfForm.set(form.id, sections);
    form.sections.forEach((section, s) => {
      const sectionPath = `${formPath}.sections[${s}]`;
      unique('section', section.id, sectionPath);
      sections.add(section.id);
      section.items.forEach((item, i) => {
        const itemPath = `${sectionPath}.items[${i}]`;
        unique('item', item.id, itemPath);
        item.stepIds.forEach((step, j) => {
          if (!known.stepIds.has(step)) problem(`${itemPath}.stepIds[${j}]`, 'eval-item-step-missing', { item: evalItemLabelOf(item), step });
        });
        item.objectiveIds.forEach((objective, j) => {
          if (!known.objectiveIds.has(objective))
            problem(`${itemPath}.objectiveIds[${j}]`, 'eval-item-objective-missing', { item: evalItemLabelOf(item), objective });
        });
      });
    });
  });
  plan.assignments.forEach((assignment, a) => {
    const path = `evaluation.assignments[${a}]`;
    unique('assignment', assignment.id, path);
    if (!known.roleIds.has(assignment.roleId)) problem(`${path}.roleId`, 'eval-assignment-role-missing', { role: assignment.roleId });
    assignment.formIds.forEach((form, j) => {
      if (!sectionsOfForm.has(form)) problem(`${path}.formIds[${j}]`, 'eval-assignment-form-missing', { form });
    });
    assignment.sectionIds.forEach((section, j) => {
      if (!assignment.formIds.some((form) => sectionsOfForm.get(form)?.has(section)))
        problem(`${path}.sectionIds[${j}]`, 'eval-assignment-section-outside', { section });
    });
  });
}
