/**
 * Graph edits as small operations.
 *
 * Every edit of a scenario is a list of operations. The renderer applies
 * them to its copy at once (optimistically) and sends the same list to the
 * back end, which commits it to SQLite in one transaction. Undo keeps the
 * inverse list, computed from the state before the edit. Whether an
 * operation may apply is decided by the rulebook (`rules.ts`), here and in
 * the back end alike.
 */
import { z } from 'zod';
import {
  EdgeSchema,
  IdSchema,
  patchSchemaOf,
  PositionSchema,
  RoleSchema,
  ScenarioMetaSchema,
  StepSchema,
  type Edge,
  type Role,
  type ScenarioBody,
  type Step,
} from './model';
import { applyEvalOp, EVAL_OP_SCHEMAS, evalRoleRemovalOpsOf, evalStepUnlinkOpsOf, inverseOfEvalOp, isEvalOp } from './evaluationOps';
import { checkGraphOp, graphViewOf, refuse } from './rules';


/** Step fields a patch may change: all but identity and kind. A patch changes only the fields it names. */
const StepPatchSchema = patchSchemaOf(
  z.strictObject({
    title: StepSchema.options[0].shape.title,
    description: StepSchema.options[0].shape.description,
    roleIds: StepSchema.options[0].shape.roleIds,
    dialogue: StepSchema.options[0].shape.dialogue,
    location: StepSchema.options[0].shape.location,
    durationMin: StepSchema.options[0].shape.durationMin,
    resources: StepSchema.options[0].shape.resources,
    expectedResult: StepSchema.options[0].shape.expectedResult,
    objectiveIds: StepSchema.options[0].shape.objectiveIds,
    notes: StepSchema.options[0].shape.notes,
    phase: StepSchema.options[0].shape.phase,
    scenarioTime: StepSchema.options[0].shape.scenarioTime,
    controllerOnly: StepSchema.options[0].shape.controllerOnly,
    position: PositionSchema,
    deliveryMethod: StepSchema.options[0].shape.deliveryMethod,
    question: StepSchema.options[2].shape.question,
  }),
);
export type StepPatch = z.infer<typeof StepPatchSchema>;

const EdgePatchSchema = patchSchemaOf(EdgeSchema.omit({ id: true, source: true, target: true }));
const RolePatchSchema = patchSchemaOf(RoleSchema.omit({ id: true }));
const MetaPatchSchema = patchSchemaOf(ScenarioMetaSchema);

export const GraphOpSchema = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('addStep'), step: StepSchema }),
  z.strictObject({ op: z.literal('updateStep'), id: IdSchema, patch: StepPatchSchema }),
  z.strictObject({ op: z.literal('removeStep'), id: IdSchema }),
  z.strictObject({
    op: z.literal('moveSteps'),
    moves: z.array(z.strictObject({ id: IdSchema, position: PositionSchema })).min(1).max(20_000),
  }),
  z.strictObject({ op: z.literal('addEdge'), edge: EdgeSchema }),
  z.strictObject({ op: z.literal('updateEdge'), id: IdSchema, patch: EdgePatchSchema }),
  z.strictObject({ op: z.literal('removeEdge'), id: IdSchema }),
  z.strictObject({ op: z.literal('addRole'), role: RoleSchema }),
  z.strictObject({ op: z.literal('updateRole'), id: IdSchema, patch: RolePatchSchema }),
  z.strictObject({ op: z.literal('removeRole'), id: IdSchema }),
  z.strictObject({ op: z.literal('setMeta'), patch: MetaPatchSchema }),
  ...EVAL_OP_SCHEMAS,
]);
export type GraphOp = z.infer<typeof GraphOpSchema>;
export type GraphOpInput = z.input<typeof GraphOpSchema>;

export const GraphOpsSchema = z.array(GraphOpSchema).min(1).max(50_000);

const byId = <T extends { id: string }>(items: readonly T[], id: string) => items.findIndex((item) => item.id === id);

/** The index of an item the rules have already found to exist. */
function requireIndex<T extends { id: string }>(items: readonly T[], id: string, code: 'step-missing' | 'edge-missing' | 'role-missing'): number {
  const index = byId(items, id);
  if (index < 0) refuse(code, { id });
  return index;
}

function replaceAt<T>(items: readonly T[], index: number, item: T): T[] {
  const copy = items.slice();
  copy[index] = item;
  return copy;
}

/** A step with a patch applied; fields that do not belong to its kind are dropped. */
export function patchStep(step: Step, patch: StepPatch): Step {
  const next = { ...step, ...patch } as Record<string, unknown>;
  if (step.kind !== 'inject') delete next.deliveryMethod;
  if (step.kind !== 'decision') delete next.question;
  return next as Step;
}

/**
 * Applies one operation to a scenario body and returns the new body; the
 * input is not changed. Throws `RuleError` when the rulebook refuses it
 * (a missing id, a duplicate id, an edge to a missing step, a role still in
 * use, …).
 */
export function applyOp<B extends ScenarioBody>(body: B, op: GraphOp): B {
  if (isEvalOp(op)) return applyEvalOp(body, op);
  checkGraphOp(graphViewOf(body), op);
  switch (op.op) {
    case 'addStep':
      return { ...body, steps: [...body.steps, op.step] };
    case 'updateStep': {
      const index = byId(body.steps, op.id);
      return { ...body, steps: replaceAt(body.steps, index, patchStep(body.steps[index], op.patch)) };
    }
    case 'removeStep':
      return {
        ...body,
        steps: body.steps.filter((step) => step.id !== op.id),
        edges: body.edges.filter((edge) => edge.source !== op.id && edge.target !== op.id),
      };
    case 'moveSteps': {
      const moves = new Map(op.moves.map((move) => [move.id, move.position]));
      return {
        ...body,
        steps: body.steps.map((step) => {
          const position = moves.get(step.id);
          return position ? { ...step, position } : step;
        }),
      };
    }
    case 'addEdge':
      return { ...body, edges: [...body.edges, op.edge] };
    case 'updateEdge': {
      const index = byId(body.edges, op.id);
      return { ...body, edges: replaceAt(body.edges, index, { ...body.edges[index], ...op.patch }) };
    }
    case 'removeEdge':
      return { ...body, edges: body.edges.filter((edge) => edge.id !== op.id) };
    case 'addRole':
      return { ...body, roles: [...body.roles, op.role] };
    case 'updateRole': {
      const index = byId(body.roles, op.id);
      return { ...body, roles: replaceAt(body.roles, index, { ...body.roles[index], ...op.patch }) };
    }
    case 'removeRole':
      return {
        ...body,
        roles: body.roles
          .filter((role) => role.id !== op.id)
          .map((role) => (role.reportsTo === op.id ? { ...role, reportsTo: null } : role)),
      };
    case 'setMeta':
      return { ...body, ...op.patch };
  }
}

/** Applies operations in order; all or nothing. */
export function applyOps<B extends ScenarioBody>(body: B, ops: readonly GraphOp[]): B {
  return ops.reduce(applyOp, body);
}

function pick<T extends object>(source: T, keys: readonly string[]): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const key of keys) out[key] = (source as Record<string, unknown>)[key];
  return out as Partial<T>;
}

/**
 * The operations that undo `op` when applied to the body that results from
 * it. `body` is the state *before* `op`. Example: the inverse of removing a
 * step re-adds the step and then every edge that touched it.
 */
export function inverseOf(body: ScenarioBody, op: GraphOp): GraphOp[] {
  if (isEvalOp(op)) return inverseOfEvalOp(body, op);
  switch (op.op) {
    case 'addStep':
      return [{ op: 'removeStep', id: op.step.id }];
    case 'updateStep': {
      const step = body.steps[requireIndex(body.steps, op.id, 'step-missing')];
      return [{ op: 'updateStep', id: op.id, patch: pick(step as StepPatch, Object.keys(op.patch)) }];
    }
    case 'removeStep': {
      const step = body.steps[requireIndex(body.steps, op.id, 'step-missing')];
      const edges = body.edges.filter((edge) => edge.source === op.id || edge.target === op.id);
      return [{ op: 'addStep', step }, ...edges.map((edge): GraphOp => ({ op: 'addEdge', edge }))];
    }
    case 'moveSteps': {
      const positions = new Map(body.steps.map((step) => [step.id, step.position]));
      return [
        {
          op: 'moveSteps',
          moves: op.moves.map((move) => ({ id: move.id, position: positions.get(move.id) ?? move.position })),
        },
      ];
    }
    case 'addEdge':
      return [{ op: 'removeEdge', id: op.edge.id }];
    case 'updateEdge': {
      const edge = body.edges[requireIndex(body.edges, op.id, 'edge-missing')];
      return [{ op: 'updateEdge', id: op.id, patch: pick(edge, Object.keys(op.patch)) }];
    }
    case 'removeEdge':
      return [{ op: 'addEdge', edge: body.edges[requireIndex(body.edges, op.id, 'edge-missing')] }];
    case 'addRole':
      return [{ op: 'removeRole', id: op.role.id }];
    case 'updateRole': {
      const role = body.roles[requireIndex(body.roles, op.id, 'role-missing')];
      return [{ op: 'updateRole', id: op.id, patch: pick(role, Object.keys(op.patch)) }];
    }
    case 'removeRole': {
      const role = body.roles[requireIndex(body.roles, op.id, 'role-missing')];
      const reporters = body.roles.filter((other) => other.reportsTo === op.id);
      return [
        { op: 'addRole', role },
        ...reporters.map((other): GraphOp => ({ op: 'updateRole', id: other.id, patch: { reportsTo: op.id } })),
      ];
    }
    case 'setMeta':
      return [{ op: 'setMeta', patch: pick(body, Object.keys(op.patch)) }];
  }
}

/**
 * The inverse of a whole edit: each operation's inverse computed against the
 * state it applied to, in reverse order.
 */
export function inverseOfOps(body: ScenarioBody, ops: readonly GraphOp[]): GraphOp[] {
  const inverses: GraphOp[][] = [];
  let state = body;
  for (const op of ops) {
    const next = applyOp(state, op); // the rules first: a refused operation is refused with its rule's code
    inverses.push(inverseOf(state, op));
    state = next;
  }
  return inverses.reverse().flat();
}

/** Operations that remove steps together with their edges and role references first, so the inverse is exact. */
export function removalOpsOf(body: ScenarioBody, stepIds: readonly string[], edgeIds: readonly string[] = []): GraphOp[] {
  const steps = new Set(stepIds);
  const edges = new Set(edgeIds);
  for (const edge of body.edges) if (steps.has(edge.source) || steps.has(edge.target)) edges.add(edge.id);
  return [
    ...evalStepUnlinkOpsOf(body.evaluation, steps),
    ...[...edges].map((id): GraphOp => ({ op: 'removeEdge', id })),
    ...[...steps].map((id): GraphOp => ({ op: 'removeStep', id })),
  ];
}

/** Operations that unassign a role from every step that uses it, then remove it. */
export function roleRemovalOpsOf(body: ScenarioBody, roleId: string): GraphOp[] {
  const unassign = body.steps
    .filter((step) => step.roleIds.includes(roleId))
    .map((step): GraphOp => ({ op: 'updateStep', id: step.id, patch: { roleIds: step.roleIds.filter((id) => id !== roleId) } }));
  return [...unassign, ...evalRoleRemovalOpsOf(body.evaluation, roleId), { op: 'removeRole', id: roleId }];
}

export type { Edge, Role, Step };
