/**
 * Pieces of graph that travel: copy and paste, duplicate, and saved
 * fragments all use the same shape (`FragmentBody`: steps, the edges between
 * them, the roles they use) and the same insertion, which gives every step
 * and edge a fresh id and matches roles by name (adding the missing ones),
 * so a piece copied from one scenario fits into any other.
 */
import { FragmentBodySchema, type Edge, type FragmentBody, type Position, type Role, type ScenarioBody, type Step } from './model';
import { graphProblemsOf } from './rules';
import type { GraphOp } from './ops';

/** Marks clipboard text as DrillDesk steps, so ordinary text is never pasted as a graph. */
export const CLIPBOARD_TYPE = 'drilldesk/steps';

/**
 * The selected steps as a self-contained piece: those steps (in scenario
 * order), the edges with both ends among them, and the roles they name.
 * A role's `reportsTo` is kept only when that role travels too. Null when
 * no step is selected.
 */
export function fragmentOf(body: Pick<ScenarioBody, 'steps' | 'edges' | 'roles'>, stepIds: Iterable<string>): FragmentBody | null {
  const wanted = new Set(stepIds);
  const steps = body.steps.filter((step) => wanted.has(step.id));
  if (steps.length === 0) return null;
  const kept = new Set(steps.map((step) => step.id));
  const edges = body.edges.filter((edge) => kept.has(edge.source) && kept.has(edge.target));
  const used = new Set(steps.flatMap((step) => step.roleIds));
  const roles = body.roles
    .filter((role) => used.has(role.id))
    .map((role) => (role.reportsTo !== null && !used.has(role.reportsTo) ? { ...role, reportsTo: null } : role));
  return { roles, steps, edges };
}

/** The clipboard text of a fragment: JSON with a type marker. */
export function clipboardTextOf(fragment: FragmentBody): string {
  return JSON.stringify({ type: CLIPBOARD_TYPE, version: 1, fragment });
}

/**
 * The fragment in clipboard text, or null when the text is anything else
 * (plain text, another app's JSON, a damaged or inconsistent fragment).
 */
export function fragmentFromClipboardText(text: string): FragmentBody | null {
  if (text.length > 20 * 1024 * 1024 || !text.trimStart().startsWith('{')) return null;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof data !== 'object' || data === null || (data as { type?: unknown }).type !== CLIPBOARD_TYPE) return null;
  const parsed = FragmentBodySchema.safeParse((data as { fragment?: unknown }).fragment);
  if (!parsed.success) return null;
  const problems = graphProblemsOf({ ...parsed.data, objectives: [] }).filter((p) => p.code !== 'step-objective-missing');
  return problems.length === 0 ? parsed.data : null;
}

/** The top-left corner of the box around some steps. */
export function boundsOriginOf(steps: readonly Pick<Step, 'position'>[]): Position {
  if (steps.length === 0) return { x: 0, y: 0 };
  return {
    x: Math.min(...steps.map((step) => step.position.x)),
    y: Math.min(...steps.map((step) => step.position.y)),
  };
}

export type InsertionOptions = {
  /** Makes a fresh id; called once per step, edge and added role. */
  newId: () => string;
  /** Where the top-left of the piece goes; by default it keeps its positions. */
  at?: Position;
  /** Added to every position after `at` (e.g. 40,40 for a duplicate). */
  offset?: Position;
};

export type Insertion = { ops: GraphOp[]; stepIds: string[]; edgeIds: string[]; addedRoleIds: string[] };

const nameKey = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * The operations that insert a fragment into a scenario: roles first (each
 * matched by name to an existing role, or added with a fresh id; reporting
 * lines set once all are there), then the steps with fresh ids, their roles
 * remapped and objectives the scenario does not have dropped, then the
 * edges between the new steps. Example: pasting a step of 应急监测组 into a
 * scenario that already has a 应急监测组 role assigns that role and adds none.
 */
export function insertionOpsOf(body: Pick<ScenarioBody, 'roles' | 'objectives'>, fragment: FragmentBody, options: InsertionOptions): Insertion {
  const byName = new Map<string, Role>();
  for (const role of body.roles) if (!byName.has(nameKey(role.name))) byName.set(nameKey(role.name), role);
  const roleIdMap = new Map<string, string>();
  const added: Role[] = [];
  for (const role of fragment.roles) {
    const existing = byName.get(nameKey(role.name));
    if (existing) {
      roleIdMap.set(role.id, existing.id);
      continue;
    }
    const copy: Role = { ...role, id: options.newId() };
    roleIdMap.set(role.id, copy.id);
    byName.set(nameKey(role.name), copy);
    added.push(copy);
  }
  const sourceOf = new Map(fragment.roles.map((role) => [role.id, role]));
  const ops: GraphOp[] = added.map((role): GraphOp => ({ op: 'addRole', role: { ...role, reportsTo: null } }));
  for (const [oldId, role] of sourceOf) {
    const newRoleId = roleIdMap.get(oldId)!;
    const copy = added.find((candidate) => candidate.id === newRoleId);
    if (!copy || role.reportsTo === null) continue;
    const boss = roleIdMap.get(role.reportsTo);
    if (boss && boss !== copy.id) ops.push({ op: 'updateRole', id: copy.id, patch: { reportsTo: boss } });
  }

  const origin = boundsOriginOf(fragment.steps);
  const shiftX = (options.at ? options.at.x - origin.x : 0) + (options.offset?.x ?? 0);
  const shiftY = (options.at ? options.at.y - origin.y : 0) + (options.offset?.y ?? 0);
  const objectives = new Set(body.objectives.map((objective) => objective.id));
  const stepIdMap = new Map<string, string>();
  const stepIds: string[] = [];
  for (const step of fragment.steps) {
    const id = options.newId();
    stepIdMap.set(step.id, id);
    stepIds.push(id);
    const roleIds = [...new Set(step.roleIds.flatMap((roleId) => (roleIdMap.has(roleId) ? [roleIdMap.get(roleId)!] : [])))];
    const copy: Step = {
      ...step,
      id,
      roleIds,
      objectiveIds: step.objectiveIds.filter((objectiveId) => objectives.has(objectiveId)),
      position: { x: Math.round(step.position.x + shiftX), y: Math.round(step.position.y + shiftY) },
    };
    ops.push({ op: 'addStep', step: copy });
  }
  const edgeIds: string[] = [];
  for (const edge of fragment.edges) {
    const source = stepIdMap.get(edge.source);
    const target = stepIdMap.get(edge.target);
    if (!source || !target) continue;
    const copy: Edge = { ...edge, id: options.newId(), source, target };
    edgeIds.push(copy.id);
    ops.push({ op: 'addEdge', edge: copy });
  }
  return { ops, stepIds, edgeIds, addedRoleIds: added.map((role) => role.id) };
}
