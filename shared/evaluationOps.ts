/**
 * Edits of a scenario's evaluation plan as graph operations (see `ops.ts`):
 * forms, sections, items and assignments added, changed, removed and items
 * moved, each with its exact inverse, so the 评估 tab gets undo, the
 * revision check, autosave, file export and the run's plan snapshot the way
 * the graph does.
 *
 * The rules an edit must keep live in the rulebook (`rules.ts`), which the
 * back end applies too: ids unique across the plan; items link steps and
 * objectives that exist; assignments name roles, forms and sections (of
 * their forms) that exist; a form or section still named by an assignment is
 * not removed (the `…RemovalOpsOf` helpers unassign it first, so undo
 * restores both).
 */
import { z } from 'zod';
import {
  EvalAssignmentSchema,
  EvalFormSchema,
  EvalItemSchema,
  EvalSectionSchema,
  IdSchema,
  patchSchemaOf,
  type EvalItem,
  type EvaluationPlan,
  type ScenarioBody,
} from './model';
import {
  graphViewOf,
  refuse,
  requireAssignmentLinks,
  requireFreshEvalIds,
  requireItemLinks,
  requireUnassigned,
  type EvalLinkTargets,
  type RuleCode,
} from './rules';

const IndexSchema = z.number().int().min(0).max(100_000);

export const EvalFormPatchSchema = patchSchemaOf(EvalFormSchema.omit({ id: true, sections: true }));
export const EvalSectionPatchSchema = patchSchemaOf(EvalSectionSchema.omit({ id: true, items: true }));
export const EvalItemPatchSchema = patchSchemaOf(EvalItemSchema.omit({ id: true }));
export const EvalAssignmentPatchSchema = patchSchemaOf(EvalAssignmentSchema.omit({ id: true }));

/** The schemas of the evaluation operations, joined into `GraphOpSchema`. */
export const EVAL_OP_SCHEMAS = [
  z.strictObject({ op: z.literal('addEvalForm'), form: EvalFormSchema, index: IndexSchema.optional() }),
  z.strictObject({ op: z.literal('updateEvalForm'), id: IdSchema, patch: EvalFormPatchSchema }),
  z.strictObject({ op: z.literal('removeEvalForm'), id: IdSchema }),
  z.strictObject({ op: z.literal('addEvalSection'), formId: IdSchema, section: EvalSectionSchema, index: IndexSchema.optional() }),
  z.strictObject({ op: z.literal('updateEvalSection'), id: IdSchema, patch: EvalSectionPatchSchema }),
  z.strictObject({ op: z.literal('removeEvalSection'), id: IdSchema }),
  z.strictObject({ op: z.literal('addEvalItem'), sectionId: IdSchema, item: EvalItemSchema, index: IndexSchema.optional() }),
  z.strictObject({ op: z.literal('updateEvalItem'), id: IdSchema, patch: EvalItemPatchSchema }),
  z.strictObject({ op: z.literal('removeEvalItem'), id: IdSchema }),
  /** Moves an item to `index` of a section (its own or another of any form). */
  z.strictObject({ op: z.literal('moveEvalItem'), id: IdSchema, sectionId: IdSchema, index: IndexSchema }),
  z.strictObject({ op: z.literal('addEvalAssignment'), assignment: EvalAssignmentSchema, index: IndexSchema.optional() }),
  z.strictObject({ op: z.literal('updateEvalAssignment'), id: IdSchema, patch: EvalAssignmentPatchSchema }),
  z.strictObject({ op: z.literal('removeEvalAssignment'), id: IdSchema }),
] as const;

export type EvalOp = z.infer<(typeof EVAL_OP_SCHEMAS)[number]>;
export const EVAL_OP_KINDS: ReadonlySet<string> = new Set(EVAL_OP_SCHEMAS.map((schema) => schema.shape.op.value));
export const isEvalOp = (op: { op: string }): op is EvalOp => EVAL_OP_KINDS.has(op.op);

type Where = { f: number; s: number; i: number };

function sectionAt(plan: EvaluationPlan, id: string): Where | null {
  for (let f = 0; f < plan.forms.length; f++) {
    const s = plan.forms[f].sections.findIndex((section) => section.id === id);
    if (s >= 0) return { f, s, i: -1 };
  }
  return null;
}

function itemAt(plan: EvaluationPlan, id: string): Where | null {
  for (let f = 0; f < plan.forms.length; f++)
    for (let s = 0; s < plan.forms[f].sections.length; s++) {
      const i = plan.forms[f].sections[s].items.findIndex((item) => item.id === id);
      if (i >= 0) return { f, s, i };
    }
  return null;
}

const MISSING = {
  'evaluation form': 'eval-form-missing',
  'evaluation section': 'eval-section-missing',
  'evaluation item': 'eval-item-missing',
  'evaluation assignment': 'eval-assignment-missing',
} as const satisfies Record<string, RuleCode>;

function existing<T>(found: T | null | undefined, what: keyof typeof MISSING, id: string): T {
  if (found === null || found === undefined || (typeof found === 'number' && found < 0)) refuse(MISSING[what], { id });
  return found;
}

const insertAt = <T>(list: readonly T[], value: T, index?: number): T[] =>
  index === undefined || index >= list.length ? [...list, value] : [...list.slice(0, index), value, ...list.slice(index)];
const replaceAt = <T>(list: readonly T[], index: number, value: T): T[] => list.map((old, i) => (i === index ? value : old));
const removeAt = <T>(list: readonly T[], index: number): T[] => list.filter((_, i) => i !== index);

/** The plan with one section replaced through `change`. */
function withSection(plan: EvaluationPlan, at: Where, change: (items: EvalItem[]) => EvalItem[]): EvaluationPlan {
  const form = plan.forms[at.f];
  const section = form.sections[at.s];
  return {
    ...plan,
    forms: replaceAt(plan.forms, at.f, { ...form, sections: replaceAt(form.sections, at.s, { ...section, items: change(section.items) }) }),
  };
}

/** Applies one evaluation operation to a scenario body; the input is not changed. Throws `RuleError` when it does not fit. */
export function applyEvalOp<B extends ScenarioBody>(body: B, op: EvalOp): B {
  return { ...body, evaluation: applyEvalOpToPlan(body.evaluation, op, graphViewOf(body)) };
}

/** Applies one evaluation operation to a plan, checking its links against `known`. */
export function applyEvalOpToPlan(plan: EvaluationPlan, op: EvalOp, known: EvalLinkTargets): EvaluationPlan {
  const next = (evaluation: EvaluationPlan) => evaluation;
  switch (op.op) {
    case 'addEvalForm':
      requireFreshEvalIds(plan, { forms: [op.form] });
      for (const section of op.form.sections) for (const item of section.items) requireItemLinks(known, item);
      return next({ ...plan, forms: insertAt(plan.forms, op.form, op.index) });
    case 'updateEvalForm': {
      const f = existing(plan.forms.findIndex((form) => form.id === op.id), 'evaluation form', op.id);
      return next({ ...plan, forms: replaceAt(plan.forms, f, { ...plan.forms[f], ...op.patch }) });
    }
    case 'removeEvalForm': {
      const f = existing(plan.forms.findIndex((form) => form.id === op.id), 'evaluation form', op.id);
      requireUnassigned(plan, 'form', op.id);
      return next({ ...plan, forms: removeAt(plan.forms, f) });
    }
    case 'addEvalSection': {
      const f = existing(plan.forms.findIndex((form) => form.id === op.formId), 'evaluation form', op.formId);
      requireFreshEvalIds(plan, { sections: [op.section] });
      for (const item of op.section.items) requireItemLinks(known, item);
      const form = plan.forms[f];
      return next({ ...plan, forms: replaceAt(plan.forms, f, { ...form, sections: insertAt(form.sections, op.section, op.index) }) });
    }
    case 'updateEvalSection': {
      const at = existing(sectionAt(plan, op.id), 'evaluation section', op.id);
      const form = plan.forms[at.f];
      return next({ ...plan, forms: replaceAt(plan.forms, at.f, { ...form, sections: replaceAt(form.sections, at.s, { ...form.sections[at.s], ...op.patch }) }) });
    }
    case 'removeEvalSection': {
      const at = existing(sectionAt(plan, op.id), 'evaluation section', op.id);
      requireUnassigned(plan, 'section', op.id);
      const form = plan.forms[at.f];
      return next({ ...plan, forms: replaceAt(plan.forms, at.f, { ...form, sections: removeAt(form.sections, at.s) }) });
    }
    case 'addEvalItem': {
      const at = existing(sectionAt(plan, op.sectionId), 'evaluation section', op.sectionId);
      requireFreshEvalIds(plan, { items: [op.item] });
      requireItemLinks(known, op.item);
      return next(withSection(plan, at, (items) => insertAt(items, op.item, op.index)));
    }
    case 'updateEvalItem': {
      const at = existing(itemAt(plan, op.id), 'evaluation item', op.id);
      const item = { ...plan.forms[at.f].sections[at.s].items[at.i], ...op.patch };
      if (op.patch.stepIds || op.patch.objectiveIds) requireItemLinks(known, item);
      return next(withSection(plan, at, (items) => replaceAt(items, at.i, item)));
    }
    case 'removeEvalItem': {
      const at = existing(itemAt(plan, op.id), 'evaluation item', op.id);
      return next(withSection(plan, at, (items) => removeAt(items, at.i)));
    }
    case 'moveEvalItem': {
      const from = existing(itemAt(plan, op.id), 'evaluation item', op.id);
      existing(sectionAt(plan, op.sectionId), 'evaluation section', op.sectionId);
      const item = plan.forms[from.f].sections[from.s].items[from.i];
      const removed = withSection(plan, from, (items) => removeAt(items, from.i));
      return next(withSection(removed, sectionAt(removed, op.sectionId)!, (items) => insertAt(items, item, op.index)));
    }
    case 'addEvalAssignment':
      if (plan.assignments.some((a) => a.id === op.assignment.id)) refuse('eval-assignment-id-taken', { id: op.assignment.id });
      requireAssignmentLinks(known, plan, op.assignment);
      return next({ ...plan, assignments: insertAt(plan.assignments, op.assignment, op.index) });
    case 'updateEvalAssignment': {
      const a = existing(plan.assignments.findIndex((assignment) => assignment.id === op.id), 'evaluation assignment', op.id);
      const assignment = { ...plan.assignments[a], ...op.patch };
      requireAssignmentLinks(known, plan, assignment);
      return next({ ...plan, assignments: replaceAt(plan.assignments, a, assignment) });
    }
    case 'removeEvalAssignment': {
      const a = existing(plan.assignments.findIndex((assignment) => assignment.id === op.id), 'evaluation assignment', op.id);
      return next({ ...plan, assignments: removeAt(plan.assignments, a) });
    }
  }
}

function pick<T extends object>(source: T, keys: readonly string[]): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const key of keys) out[key] = (source as Record<string, unknown>)[key];
  return out as Partial<T>;
}

/** The operations that undo `op`; `body` is the state before it. */
export function inverseOfEvalOp(body: ScenarioBody, op: EvalOp): EvalOp[] {
  const plan = body.evaluation;
  switch (op.op) {
    case 'addEvalForm':
      return [{ op: 'removeEvalForm', id: op.form.id }];
    case 'updateEvalForm': {
      const form = existing(plan.forms.find((candidate) => candidate.id === op.id), 'evaluation form', op.id);
      return [{ op: 'updateEvalForm', id: op.id, patch: pick(form, Object.keys(op.patch)) }];
    }
    case 'removeEvalForm': {
      const f = existing(plan.forms.findIndex((form) => form.id === op.id), 'evaluation form', op.id);
      return [{ op: 'addEvalForm', form: plan.forms[f], index: f }];
    }
    case 'addEvalSection':
      return [{ op: 'removeEvalSection', id: op.section.id }];
    case 'updateEvalSection': {
      const at = existing(sectionAt(plan, op.id), 'evaluation section', op.id);
      return [{ op: 'updateEvalSection', id: op.id, patch: pick(plan.forms[at.f].sections[at.s], Object.keys(op.patch)) }];
    }
    case 'removeEvalSection': {
      const at = existing(sectionAt(plan, op.id), 'evaluation section', op.id);
      return [{ op: 'addEvalSection', formId: plan.forms[at.f].id, section: plan.forms[at.f].sections[at.s], index: at.s }];
    }
    case 'addEvalItem':
      return [{ op: 'removeEvalItem', id: op.item.id }];
    case 'updateEvalItem': {
      const at = existing(itemAt(plan, op.id), 'evaluation item', op.id);
      return [{ op: 'updateEvalItem', id: op.id, patch: pick(plan.forms[at.f].sections[at.s].items[at.i], Object.keys(op.patch)) }];
    }
    case 'removeEvalItem': {
      const at = existing(itemAt(plan, op.id), 'evaluation item', op.id);
      const section = plan.forms[at.f].sections[at.s];
      return [{ op: 'addEvalItem', sectionId: section.id, item: section.items[at.i], index: at.i }];
    }
    case 'moveEvalItem': {
      const at = existing(itemAt(plan, op.id), 'evaluation item', op.id);
      return [{ op: 'moveEvalItem', id: op.id, sectionId: plan.forms[at.f].sections[at.s].id, index: at.i }];
    }
    case 'addEvalAssignment':
      return [{ op: 'removeEvalAssignment', id: op.assignment.id }];
    case 'updateEvalAssignment': {
      const assignment = existing(plan.assignments.find((candidate) => candidate.id === op.id), 'evaluation assignment', op.id);
      return [{ op: 'updateEvalAssignment', id: op.id, patch: pick(assignment, Object.keys(op.patch)) }];
    }
    case 'removeEvalAssignment': {
      const a = existing(plan.assignments.findIndex((assignment) => assignment.id === op.id), 'evaluation assignment', op.id);
      return [{ op: 'addEvalAssignment', assignment: plan.assignments[a], index: a }];
    }
  }
}

// ---------------------------------------------------------------------------
// What the rest of the scenario may not remove while the plan uses it

/** Operations that unlink these steps from every item linking them (before the steps are removed). */
export function evalStepUnlinkOpsOf(plan: EvaluationPlan, stepIds: ReadonlySet<string>): EvalOp[] {
  return plan.forms.flatMap((form) =>
    form.sections.flatMap((section) =>
      section.items
        .filter((item) => item.stepIds.some((id) => stepIds.has(id)))
        .map((item): EvalOp => ({ op: 'updateEvalItem', id: item.id, patch: { stepIds: item.stepIds.filter((id) => !stepIds.has(id)) } })),
    ),
  );
}

/** Operations that unlink these objectives from every item linking them. */
export function evalObjectiveUnlinkOpsOf(plan: EvaluationPlan, objectiveIds: ReadonlySet<string>): EvalOp[] {
  return plan.forms.flatMap((form) =>
    form.sections.flatMap((section) =>
      section.items
        .filter((item) => item.objectiveIds.some((id) => objectiveIds.has(id)))
        .map((item): EvalOp => ({ op: 'updateEvalItem', id: item.id, patch: { objectiveIds: item.objectiveIds.filter((id) => !objectiveIds.has(id)) } })),
    ),
  );
}

/** Operations that remove a form: first out of every assignment (with its sections), then the form. */
export function evalFormRemovalOpsOf(plan: EvaluationPlan, formId: string): EvalOp[] {
  const form = plan.forms.find((candidate) => candidate.id === formId);
  if (!form) return [];
  const sections = new Set(form.sections.map((section) => section.id));
  const unassign = plan.assignments
    .filter((a) => a.formIds.includes(formId))
    .map((a): EvalOp => ({
      op: 'updateEvalAssignment',
      id: a.id,
      patch: { formIds: a.formIds.filter((id) => id !== formId), sectionIds: a.sectionIds.filter((id) => !sections.has(id)) },
    }));
  return [...unassign, { op: 'removeEvalForm', id: formId }];
}

/** Operations that remove a section: first out of every assignment, then the section. */
export function evalSectionRemovalOpsOf(plan: EvaluationPlan, sectionId: string): EvalOp[] {
  const unassign = plan.assignments
    .filter((a) => a.sectionIds.includes(sectionId))
    .map((a): EvalOp => ({ op: 'updateEvalAssignment', id: a.id, patch: { sectionIds: a.sectionIds.filter((id) => id !== sectionId) } }));
  return [...unassign, { op: 'removeEvalSection', id: sectionId }];
}

/** Operations that remove every assignment of a role (before the role is removed). */
export function evalRoleRemovalOpsOf(plan: EvaluationPlan, roleId: string): EvalOp[] {
  return plan.assignments.filter((a) => a.roleId === roleId).map((a): EvalOp => ({ op: 'removeEvalAssignment', id: a.id }));
}
