/**
 * Scenario storage: one row per scenario, role, step and edge, so that an
 * edit touches only the rows it changes. All scenario SQL lives here.
 */
import { ApiError } from '../../shared/api';
import {
  EdgeSchema,
  EvaluationPlanSchema,
  RoleSchema,
  ScenarioMetaSchema,
  StepSchema,
  type Edge,
  type EvaluationPlan,
  type Role,
  type Scenario,
  type ScenarioBody,
  type ScenarioMeta,
  type ScenarioSummary,
  type Step,
} from '../../shared/model';
import { applyEvalOpToPlan, isEvalOp } from '../../shared/evaluationOps';
import { patchStep, type GraphOp } from '../../shared/ops';
import { checkGraphOp, RULES, RuleError, type GraphView } from '../../shared/rules';
import type { Db } from './db';
import { statementsOf } from './statements';
import { msg } from '../../shared/i18n';

type ScenarioRow = {
  id: string;
  meta: string;
  evaluation: string;
  revision: number;
  source_id: string | null;
  created_at: string;
  updated_at: string;
};
type StepRow = { id: string; x: number; y: number; data: string };
type EdgeRow = { id: string; source: string; target: string; data: string };
type RoleRow = { id: string; data: string };

const sql = statementsOf({
  list: `SELECT s.id, s.meta, '' AS evaluation, s.revision, s.source_id, s.created_at, s.updated_at,
           (SELECT COUNT(*) FROM steps WHERE scenario_id = s.id) AS step_count,
           (SELECT COUNT(*) FROM roles WHERE scenario_id = s.id) AS role_count,
           (SELECT COUNT(*) FROM runs WHERE scenario_id = s.id) AS run_count
         FROM scenarios s WHERE @id IS NULL OR s.id = @id ORDER BY s.updated_at DESC`,
  get: 'SELECT id, meta, evaluation, revision, source_id, created_at, updated_at FROM scenarios WHERE id = ?',
  byTitle: 'SELECT id, title FROM scenarios WHERE title = ? ORDER BY updated_at DESC LIMIT 1',
  getEvaluation: 'SELECT evaluation FROM scenarios WHERE id = ?',
  setEvaluation: 'UPDATE scenarios SET evaluation = @evaluation WHERE id = @id',
  // A whole scenario is read as one row per table: the JSON of every row joined in SQLite and parsed
  // once, which is about twice as fast as a row object per step on a 5,000-step drill.
  // SQLite does not promise that an aggregate keeps its input's order, so the order numbers come
  // along and `inOrder` checks them (sorting only if needed).
  steps: `SELECT json_group_array(ord) AS ords, json_group_array(id) AS ids, json_group_array(x) AS xs, json_group_array(y) AS ys,
            '[' || COALESCE(group_concat(data, ','), '') || ']' AS datas
          FROM (SELECT ord, id, x, y, data FROM steps WHERE scenario_id = ? ORDER BY ord)`,
  edges: `SELECT json_group_array(ord) AS ords, json_group_array(id) AS ids, json_group_array(source) AS sources,
            json_group_array(target) AS targets, '[' || COALESCE(group_concat(data, ','), '') || ']' AS datas
          FROM (SELECT ord, id, source, target, data FROM edges WHERE scenario_id = ? ORDER BY ord)`,
  roles: 'SELECT id, data FROM roles WHERE scenario_id = ? ORDER BY ord',
  insertScenario: `INSERT INTO scenarios (id, title, meta, evaluation, revision, source_id, created_at, updated_at)
                   VALUES (@id, @title, @meta, @evaluation, 0, @sourceId, @now, @now)`,
  updateMeta: 'UPDATE scenarios SET title = @title, meta = @meta WHERE id = @id',
  touch: 'UPDATE scenarios SET revision = revision + 1, updated_at = @now WHERE id = @id',
  deleteScenario: 'DELETE FROM scenarios WHERE id = ?',
  nextStepOrd: 'SELECT COALESCE(MAX(ord), 0) + 1 AS ord FROM steps WHERE scenario_id = ?',
  nextEdgeOrd: 'SELECT COALESCE(MAX(ord), 0) + 1 AS ord FROM edges WHERE scenario_id = ?',
  nextRoleOrd: 'SELECT COALESCE(MAX(ord), 0) + 1 AS ord FROM roles WHERE scenario_id = ?',
  insertStep: `INSERT INTO steps (scenario_id, id, ord, kind, title, x, y, data)
               VALUES (@scenarioId, @id, @ord, @kind, @title, @x, @y, @data)`,
  getStep: 'SELECT id, x, y, data FROM steps WHERE scenario_id = ? AND id = ?',
  updateStep: 'UPDATE steps SET title = @title, x = @x, y = @y, data = @data WHERE scenario_id = @scenarioId AND id = @id',
  moveStep: 'UPDATE steps SET x = @x, y = @y WHERE scenario_id = @scenarioId AND id = @id',
  deleteStep: 'DELETE FROM steps WHERE scenario_id = ? AND id = ?',
  deleteEdgesOfStep: 'DELETE FROM edges WHERE scenario_id = ? AND (source = ? OR target = ?)',
  insertEdge: `INSERT INTO edges (scenario_id, id, ord, source, target, data)
               VALUES (@scenarioId, @id, @ord, @source, @target, @data)`,
  getEdge: 'SELECT id, source, target, data FROM edges WHERE scenario_id = ? AND id = ?',
  updateEdge: 'UPDATE edges SET data = @data WHERE scenario_id = @scenarioId AND id = @id',
  deleteEdge: 'DELETE FROM edges WHERE scenario_id = ? AND id = ?',
  insertRole: 'INSERT INTO roles (scenario_id, id, ord, name, data) VALUES (@scenarioId, @id, @ord, @name, @data)',
  getRole: 'SELECT id, data FROM roles WHERE scenario_id = ? AND id = ?',
  updateRole: 'UPDATE roles SET name = @name, data = @data WHERE scenario_id = @scenarioId AND id = @id',
  deleteRole: 'DELETE FROM roles WHERE scenario_id = ? AND id = ?',
  stepTitle: 'SELECT id, title FROM steps WHERE scenario_id = ? AND id = ?',
  stepUsingRole: `SELECT title FROM steps WHERE scenario_id = ?
                  AND EXISTS (SELECT 1 FROM json_each(steps.data, '$.roleIds') WHERE value = ?) ORDER BY ord LIMIT 1`,
  stepUsingObjective: `SELECT title FROM steps WHERE scenario_id = ?
                  AND EXISTS (SELECT 1 FROM json_each(steps.data, '$.objectiveIds') WHERE value = ?) ORDER BY ord LIMIT 1`,
  reportersOf: `SELECT id, data FROM roles WHERE scenario_id = ? AND json_extract(data, '$.reportsTo') = ?`,
});

/** A step from its row; one stored before controller-only marks existed has none. */
const stepOf = (row: StepRow): Step => {
  const stored = JSON.parse(row.data) as Step;
  return { ...stored, controllerOnly: stored.controllerOnly ?? [], id: row.id, position: { x: row.x, y: row.y } };
};
const edgeOf = (row: EdgeRow): Edge => ({ ...(JSON.parse(row.data) as Omit<Edge, 'id' | 'source' | 'target'>), id: row.id, source: row.source, target: row.target });
const roleOf = (row: RoleRow): Role => ({ ...(JSON.parse(row.data) as Role), id: row.id });

function stepDataOf(step: Step): string {
  const { id: _id, position: _position, ...data } = step;
  return JSON.stringify(data);
}
function edgeDataOf(edge: Edge): string {
  const { id: _id, source: _source, target: _target, ...data } = edge;
  return JSON.stringify(data);
}
function roleDataOf(role: Role): string {
  const { id: _id, ...data } = role;
  return JSON.stringify(data);
}

function metaOf(row: ScenarioRow): ScenarioMeta {
  return JSON.parse(row.meta) as ScenarioMeta;
}

type SummaryRow = ScenarioRow & { step_count: number; role_count: number; run_count: number };

/** Summaries of all scenarios, newest edit first; `query` filters by title (either language), case-insensitively. */
export function listScenarios(db: Db, query?: string): ScenarioSummary[] {
  const needle = query?.trim().toLowerCase() ?? '';
  return summariesOf(sql(db).list.all({ id: null }) as SummaryRow[]).filter(
    (summary) =>
      needle === '' ||
      summary.title.toLowerCase().includes(needle) ||
      summary.titleEn.toLowerCase().includes(needle) ||
      summary.location.toLowerCase().includes(needle),
  );
}

/** A scenario with exactly this title (the newest), or null. */
export function scenarioWithTitle(db: Db, title: string): { id: string; title: string } | null {
  return (sql(db).byTitle.get(title) as { id: string; title: string } | undefined) ?? null;
}

/** One scenario's summary, or null when there is none with that id. */
export function getScenarioSummary(db: Db, id: string): ScenarioSummary | null {
  return summariesOf(sql(db).list.all({ id }) as SummaryRow[])[0] ?? null;
}

function summariesOf(rows: SummaryRow[]): ScenarioSummary[] {
  return rows.map((row) => {
    const meta = metaOf(row);
    return {
      id: row.id,
      title: meta.title,
      titleEn: meta.titleEn,
      drillDate: meta.drillDate,
      timeZone: meta.timeZone,
      location: meta.location,
      revision: row.revision,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      sourceId: row.source_id,
      stepCount: row.step_count,
      roleCount: row.role_count,
      runCount: row.run_count,
    };
  });
}

/** The whole scenario, or null when there is none with that id. */
export function getScenario(db: Db, id: string): Scenario | null {
  const statements = sql(db);
  const row = statements.get.get(id) as ScenarioRow | undefined;
  if (!row) return null;
  return {
    ...metaOf(row),
    id: row.id,
    revision: row.revision,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    sourceId: row.source_id,
    roles: (statements.roles.all(id) as RoleRow[]).map(roleOf),
    steps: stepsOf(statements.steps.get(id) as StepColumns),
    edges: edgesOf(statements.edges.get(id) as EdgeColumns),
    evaluation: JSON.parse(row.evaluation) as EvaluationPlan,
  };
}

type StepColumns = { ords: string; ids: string; xs: string; ys: string; datas: string };
type EdgeColumns = { ords: string; ids: string; sources: string; targets: string; datas: string };

/** The items in the order of their `ord` numbers (already so in practice; sorted when not). */
function inOrder<T>(items: T[], ordsText: string): T[] {
  const ords = JSON.parse(ordsText) as number[];
  for (let i = 1; i < ords.length; i++) {
    if (ords[i - 1] > ords[i]) {
      const order = ords.map((ord, index) => ({ ord, index })).sort((a, b) => a.ord - b.ord);
      return order.map(({ index }) => items[index]);
    }
  }
  return items;
}

/** A scenario's steps from the one-row read: each step's stored fields with its id and position put back. */
function stepsOf(columns: StepColumns): Step[] {
  const ids = JSON.parse(columns.ids) as string[];
  const xs = JSON.parse(columns.xs) as number[];
  const ys = JSON.parse(columns.ys) as number[];
  const steps = JSON.parse(columns.datas) as Step[];
  for (let i = 0; i < steps.length; i++) {
    steps[i].id = ids[i];
    steps[i].position = { x: xs[i], y: ys[i] };
  }
  return inOrder(steps, columns.ords);
}

function edgesOf(columns: EdgeColumns): Edge[] {
  const ids = JSON.parse(columns.ids) as string[];
  const sources = JSON.parse(columns.sources) as string[];
  const targets = JSON.parse(columns.targets) as string[];
  const edges = JSON.parse(columns.datas) as Edge[];
  for (let i = 0; i < edges.length; i++) {
    edges[i].id = ids[i];
    edges[i].source = sources[i];
    edges[i].target = targets[i];
  }
  return inOrder(edges, columns.ords);
}

export function requireScenario(db: Db, id: string): Scenario {
  const scenario = getScenario(db, id);
  if (!scenario) throw new ApiError('not-found', msg('errors.scenario.notFound', { id }));
  return scenario;
}

function metaFieldsOf(body: ScenarioMeta): ScenarioMeta {
  const { title, titleEn, summaryEn, description, drillDate, startTime, timeZone, location, organiser, objectives, docFields, arrangements } = body;
  return { title, titleEn, summaryEn, description, drillDate, startTime, timeZone, location, organiser, objectives, docFields, arrangements };
}

/** Inserts a whole scenario (new, imported, copied). The caller has checked its integrity and runs this in a transaction. */
export function insertScenario(db: Db, args: { id: string; body: ScenarioBody; sourceId: string | null; now: string }) {
  const statements = sql(db);
  const meta = metaFieldsOf(args.body);
  statements.insertScenario.run({
    id: args.id,
    title: meta.title,
    meta: JSON.stringify(meta),
    evaluation: JSON.stringify(EvaluationPlanSchema.parse(args.body.evaluation ?? {})),
    sourceId: args.sourceId,
    now: args.now,
  });
  args.body.roles.forEach((role, i) =>
    statements.insertRole.run({ scenarioId: args.id, id: role.id, ord: i + 1, name: role.name, data: roleDataOf(role) }),
  );
  args.body.steps.forEach((step, i) =>
    statements.insertStep.run({
      scenarioId: args.id,
      id: step.id,
      ord: i + 1,
      kind: step.kind,
      title: step.title,
      x: step.position.x,
      y: step.position.y,
      data: stepDataOf(step),
    }),
  );
  args.body.edges.forEach((edge, i) =>
    statements.insertEdge.run({ scenarioId: args.id, id: edge.id, ord: i + 1, source: edge.source, target: edge.target, data: edgeDataOf(edge) }),
  );
}

export function deleteScenario(db: Db, id: string) {
  const result = sql(db).deleteScenario.run(id);
  if (result.changes === 0) throw new ApiError('not-found', msg('errors.scenario.notFound', { id }));
}

/** Bumps the revision after an edit; returns the new revision and time. */
function touch(db: Db, id: string, now: string): { revision: number; updatedAt: string } {
  sql(db).touch.run({ id, now });
  const row = sql(db).get.get(id) as ScenarioRow;
  return { revision: row.revision, updatedAt: row.updated_at };
}

/** Replaces metadata fields and bumps the revision. */
export function updateMeta(db: Db, id: string, patch: Partial<ScenarioMeta>, now: string) {
  writeMeta(db, id, patch);
  return touch(db, id, now);
}

/** Writes metadata fields; the rulebook first (an objective a step still serves is not dropped). */
function writeMeta(db: Db, id: string, patch: Partial<ScenarioMeta>) {
  const statements = sql(db);
  const row = statements.get.get(id) as ScenarioRow | undefined;
  if (!row) throw new ApiError('not-found', msg('errors.scenario.notFound', { id }));
  checked(() => checkGraphOp(graphViewIn(db, id), { op: 'setMeta', patch }));
  const meta = ScenarioMetaSchema.parse({ ...metaOf(row), ...patch });
  statements.updateMeta.run({ id, title: meta.title, meta: JSON.stringify(meta) });
}

/** The stored evaluation plan of a scenario. */
function evaluationOf(db: Db, scenarioId: string): EvaluationPlan {
  const row = sql(db).getEvaluation.get(scenarioId) as { evaluation: string } | undefined;
  return row ? (JSON.parse(row.evaluation) as EvaluationPlan) : { forms: [], assignments: [] };
}

/** What the rulebook asks about a stored scenario, answered from its rows (the scenario is not loaded whole). */
function graphViewIn(db: Db, scenarioId: string): GraphView {
  const statements = sql(db);
  const step = (id: string) => (statements.stepTitle.get(scenarioId, id) as { id: string; title: string } | undefined) ?? null;
  const role = (id: string) => {
    const row = statements.getRole.get(scenarioId, id) as RoleRow | undefined;
    return row ? roleOf(row) : null;
  };
  const objectives = () => metaOf(statements.get.get(scenarioId) as ScenarioRow).objectives;
  return {
    step,
    role,
    hasStep: (id) => step(id) !== null,
    hasRole: (id) => role(id) !== null,
    hasObjective: (id) => objectives().some((objective) => objective.id === id),
    hasEdge: (id) => statements.getEdge.get(scenarioId, id) !== undefined,
    objectives,
    stepUsingRole: (roleId) => (statements.stepUsingRole.get(scenarioId, roleId) as { title: string } | undefined) ?? null,
    stepServingObjective: (objectiveId) => (statements.stepUsingObjective.get(scenarioId, objectiveId) as { title: string } | undefined) ?? null,
    evaluation: () => evaluationOf(db, scenarioId),
  };
}

/** Runs `work`, turning the rulebook's refusal into the contract's error with the rule's status, catalogue key and parameters. */
function checked<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof RuleError) throw new ApiError(RULES[error.code].status, { key: error.key, params: { ...error.params } });
    throw error;
  }
}

function applyOneOp(db: Db, scenarioId: string, op: GraphOp) {
  const statements = sql(db);
  if (isEvalOp(op)) {
    const plan = checked(() => applyEvalOpToPlan(evaluationOf(db, scenarioId), op, graphViewIn(db, scenarioId)));
    statements.setEvaluation.run({ id: scenarioId, evaluation: JSON.stringify(plan) });
    return;
  }
  if (op.op === 'setMeta') return writeMeta(db, scenarioId, op.patch);
  checked(() => checkGraphOp(graphViewIn(db, scenarioId), op));
  switch (op.op) {
    case 'addStep': {
      const { ord } = statements.nextStepOrd.get(scenarioId) as { ord: number };
      statements.insertStep.run({
        scenarioId,
        id: op.step.id,
        ord,
        kind: op.step.kind,
        title: op.step.title,
        x: op.step.position.x,
        y: op.step.position.y,
        data: stepDataOf(op.step),
      });
      return;
    }
    case 'updateStep': {
      const step = StepSchema.parse(patchStep(stepOf(statements.getStep.get(scenarioId, op.id) as StepRow), op.patch));
      statements.updateStep.run({ scenarioId, id: op.id, title: step.title, x: step.position.x, y: step.position.y, data: stepDataOf(step) });
      return;
    }
    case 'removeStep':
      statements.deleteEdgesOfStep.run(scenarioId, op.id, op.id);
      statements.deleteStep.run(scenarioId, op.id);
      return;
    case 'moveSteps':
      for (const move of op.moves) statements.moveStep.run({ scenarioId, id: move.id, x: move.position.x, y: move.position.y });
      return;
    case 'addEdge': {
      const { ord } = statements.nextEdgeOrd.get(scenarioId) as { ord: number };
      statements.insertEdge.run({ scenarioId, id: op.edge.id, ord, source: op.edge.source, target: op.edge.target, data: edgeDataOf(op.edge) });
      return;
    }
    case 'updateEdge': {
      const edge = EdgeSchema.parse({ ...edgeOf(statements.getEdge.get(scenarioId, op.id) as EdgeRow), ...op.patch });
      statements.updateEdge.run({ scenarioId, id: op.id, data: edgeDataOf(edge) });
      return;
    }
    case 'removeEdge':
      statements.deleteEdge.run(scenarioId, op.id);
      return;
    case 'addRole': {
      const { ord } = statements.nextRoleOrd.get(scenarioId) as { ord: number };
      statements.insertRole.run({ scenarioId, id: op.role.id, ord, name: op.role.name, data: roleDataOf(op.role) });
      return;
    }
    case 'updateRole': {
      const role = RoleSchema.parse({ ...roleOf(statements.getRole.get(scenarioId, op.id) as RoleRow), ...op.patch });
      statements.updateRole.run({ scenarioId, id: op.id, name: role.name, data: roleDataOf(role) });
      return;
    }
    case 'removeRole':
      for (const reporter of statements.reportersOf.all(scenarioId, op.id) as RoleRow[]) {
        const role = { ...roleOf(reporter), reportsTo: null };
        statements.updateRole.run({ scenarioId, id: role.id, name: role.name, data: roleDataOf(role) });
      }
      statements.deleteRole.run(scenarioId, op.id);
      return;
  }
}

/**
 * Commits one edit (a list of operations) in a single transaction: all of it
 * or none. Refused with `conflict` when the scenario moved on since
 * `baseRevision` (another window edited it).
 */
export function applyGraphOps(db: Db, args: { scenarioId: string; baseRevision: number; ops: readonly GraphOp[]; now: string }) {
  const row = sql(db).get.get(args.scenarioId) as ScenarioRow | undefined;
  if (!row) throw new ApiError('not-found', msg('errors.scenario.notFound', { id: args.scenarioId }));
  if (row.revision !== args.baseRevision)
    throw new ApiError('conflict', msg('errors.scenario.staleRevision', { revision: row.revision, base: args.baseRevision }));
  args.ops.forEach((op, i) => {
    try {
      applyOneOp(db, args.scenarioId, op);
    } catch (error) {
      if (error instanceof ApiError && args.ops.length > 1)
        // The rule's own message stays the headline (the same the editor shows); which operation it was follows.
        throw new ApiError(error.code, { key: error.key, params: error.params }, [msg('errors.scenario.atOperation', { n: i + 1, op: op.op }), ...error.details]);
      throw error;
    }
  });
  return touch(db, args.scenarioId, args.now);
}
