/**
 * Drill runs and their event log, debrief annotations, and fragments.
 * Events are append-only: a correction is a new row that supersedes the old one.
 */
import { ApiError } from '../../shared/api';
import { EMPTY_DOC_FIELDS } from '../../shared/model';
import type {
  DocFields,
  Annotation,
  Fragment,
  FragmentBody,
  Run,
  RunEvent,
  RunEventKind,
  RunStatus,
  RunSummary,
  ScenarioBody,
} from '../../shared/model';
import type { Db } from './db';
import { statementsOf } from './statements';
import { msg } from '../../shared/i18n';

type RunRow = {
  id: string;
  scenario_id: string;
  name: string;
  started_at: string;
  ended_at: string | null;
  status: RunStatus;
  source: 'live' | 'imported';
  plan: string;
  created_at: string;
  participants: number | null;
  /** Absent on a schema before 0005. */
  doc_fields?: string;
};
type EventRow = {
  seq: number;
  run_id: string;
  at: string;
  kind: RunEventKind;
  step_id: string | null;
  role_id: string | null;
  text: string;
  rating: number | null;
  edge_id: string | null;
  shift_min: number | null;
  item_id: string | null;
  value: string | null;
  person: string;
  corrects: number | null;
  superseded_by: number | null;
  recorded_at: string;
  /** Absent on a schema before 0006. */
  seat_id?: string | null;
  client_id?: string | null;
};
type AnnotationRow = {
  id: string;
  run_id: string;
  at: string;
  step_id: string | null;
  kind: Annotation['kind'];
  text: string;
  owner_role_id: string | null;
  due_date: string | null;
  done: number;
  created_at: string;
  unit: string | null;
};

const sql = statementsOf({
  insertRun: `INSERT INTO runs (id, scenario_id, name, started_at, ended_at, status, source, plan, created_at)
              VALUES (@id, @scenarioId, @name, @startedAt, @endedAt, @status, @source, @plan, @now)`,
  getRun: 'SELECT * FROM runs WHERE id = ?',
  listRuns: `SELECT r.id, r.scenario_id, r.name, r.started_at, r.ended_at, r.status, r.source, r.created_at, r.participants,
               json_extract(r.plan, '$.title') AS scenario_title, json_extract(r.plan, '$.timeZone') AS time_zone,
               (SELECT COUNT(*) FROM run_events e WHERE e.run_id = r.id) AS event_count
             FROM runs r WHERE (@scenarioId IS NULL OR r.scenario_id = @scenarioId) ORDER BY r.started_at DESC`,
  setStatus: 'UPDATE runs SET status = @status, ended_at = @endedAt WHERE id = @id',
  deleteRun: 'DELETE FROM runs WHERE id = ?',
  events: 'SELECT * FROM run_events WHERE run_id = ? ORDER BY seq',
  getEvent: 'SELECT * FROM run_events WHERE run_id = ? AND seq = ?',
  supersede: 'UPDATE run_events SET superseded_by = ? WHERE seq = ?',
  eventExtent: 'SELECT COUNT(*) AS count, MAX(at) AS last_at FROM run_events WHERE run_id = ?',
  insertAnnotation: `INSERT INTO annotations (id, run_id, at, step_id, kind, text, owner_role_id, due_date, done, created_at, unit)
                     VALUES (@id, @runId, @at, @stepId, @kind, @text, @ownerRoleId, @dueDate, @done, @createdAt, @unit)`,
  getAnnotation: 'SELECT * FROM annotations WHERE id = ?',
  updateAnnotation: `UPDATE annotations SET at = @at, step_id = @stepId, kind = @kind, text = @text,
                       owner_role_id = @ownerRoleId, due_date = @dueDate, done = @done, unit = @unit WHERE id = @id`,
  setParticipants: 'UPDATE runs SET participants = @participants WHERE id = @id',
  deleteAnnotation: 'DELETE FROM annotations WHERE id = ?',
  annotationsOfRun: 'SELECT * FROM annotations WHERE run_id = ? ORDER BY at, created_at',
  annotationsOfScenario: `SELECT a.* FROM annotations a JOIN runs r ON r.id = a.run_id
                          WHERE r.scenario_id = ? ORDER BY a.at, a.created_at`,
  allAnnotations: 'SELECT * FROM annotations ORDER BY at, created_at',
  insertFragment: 'INSERT INTO fragments (id, name, body, created_at) VALUES (@id, @name, @body, @createdAt)',
  listFragments: 'SELECT * FROM fragments ORDER BY name',
  deleteFragment: 'DELETE FROM fragments WHERE id = ?',
});

/** Prepared apart, on first use: the column comes with migration 0005, and older schemas are still read by the migration tests. */
const docFieldsSql = statementsOf({ setDocFields: 'UPDATE runs SET doc_fields = @docFields WHERE id = @id' });

/**
 * Prepared apart, on first use: the seat and client columns come with migration 0006, and the migration tests
 * still write events on older schemas (an event with neither is written without naming them; their default is null).
 */
const eventSql = statementsOf({
  insertEvent: `INSERT INTO run_events (run_id, at, kind, step_id, role_id, text, rating, edge_id, shift_min, item_id, value, person, corrects, recorded_at)
                VALUES (@runId, @at, @kind, @stepId, @roleId, @text, @rating, @edgeId, @shiftMin, @itemId, @value, @person, @corrects, @recordedAt)`,
});
const seatEventSql = statementsOf({
  insertEvent: `INSERT INTO run_events (run_id, at, kind, step_id, role_id, text, rating, edge_id, shift_min, item_id, value, person, corrects, recorded_at, seat_id, client_id)
                VALUES (@runId, @at, @kind, @stepId, @roleId, @text, @rating, @edgeId, @shiftMin, @itemId, @value, @person, @corrects, @recordedAt, @seatId, @clientId)`,
  eventByClient: 'SELECT * FROM run_events WHERE run_id = ? AND client_id = ?',
});

/** A run's own fields from its row, all but the plan (which listing leaves unread). */
const runFieldsOf = (row: Omit<RunRow, 'plan' | 'doc_fields'>): Omit<Run, 'plan' | 'docFields'> => ({
  id: row.id,
  scenarioId: row.scenario_id,
  name: row.name,
  startedAt: row.started_at,
  endedAt: row.ended_at,
  status: row.status,
  source: row.source,
  createdAt: row.created_at,
  participants: row.participants ?? null,
});

/** A run from its row; a plan stored before evaluation (or controller-only text) existed gets an empty evaluation plan (and no marks). */
const runOf = (row: RunRow): Run => {
  const plan = JSON.parse(row.plan) as ScenarioBody;
  plan.evaluation ??= { forms: [], assignments: [] };
  for (const step of plan.steps) step.controllerOnly ??= [];
  return { ...runFieldsOf(row), plan, docFields: { ...EMPTY_DOC_FIELDS, ...(JSON.parse(row.doc_fields ?? '{}') as Partial<DocFields>) } };
};

const eventOf = (row: EventRow): RunEvent => ({
  seq: row.seq,
  runId: row.run_id,
  at: row.at,
  kind: row.kind,
  stepId: row.step_id,
  roleId: row.role_id,
  text: row.text,
  rating: row.rating,
  edgeId: row.edge_id,
  shiftMin: row.shift_min,
  itemId: row.item_id,
  value: row.value,
  person: row.person,
  corrects: row.corrects,
  supersededBy: row.superseded_by,
  recordedAt: row.recorded_at,
  seatId: row.seat_id ?? null,
  clientId: row.client_id ?? null,
});

const annotationOf = (row: AnnotationRow): Annotation => ({
  id: row.id,
  runId: row.run_id,
  at: row.at,
  stepId: row.step_id,
  kind: row.kind,
  text: row.text,
  ownerRoleId: row.owner_role_id,
  dueDate: row.due_date,
  done: row.done === 1,
  createdAt: row.created_at,
  unit: row.unit ?? null,
});

export function insertRun(
  db: Db,
  run: Omit<Run, 'createdAt' | 'docFields'>,
  now: string,
): Run {
  sql(db).insertRun.run({
    id: run.id,
    scenarioId: run.scenarioId,
    name: run.name,
    startedAt: run.startedAt,
    endedAt: run.endedAt,
    status: run.status,
    source: run.source,
    plan: JSON.stringify(run.plan),
    now,
  });
  return { ...run, createdAt: now, docFields: EMPTY_DOC_FIELDS };
}

export function listRuns(db: Db, scenarioId?: string): RunSummary[] {
  const rows = sql(db).listRuns.all({ scenarioId: scenarioId ?? null }) as (Omit<RunRow, 'plan'> & {
    scenario_title: string;
    time_zone: string;
    event_count: number;
  })[];
  return rows.map((row) => ({
    ...runFieldsOf(row),
    scenarioTitle: row.scenario_title,
    timeZone: row.time_zone,
    eventCount: row.event_count,
  }));
}

export function requireRun(db: Db, id: string): Run {
  const row = sql(db).getRun.get(id) as RunRow | undefined;
  if (!row) throw new ApiError('not-found', msg('errors.run.notFound', { id }));
  return runOf(row);
}

/** Every event of a run in the order recorded, superseded ones included (marked). */
export function eventsOf(db: Db, runId: string): RunEvent[] {
  return (sql(db).events.all(runId) as EventRow[]).map(eventOf);
}

/** The number of people who took part, as entered for the report (null: counted from the roster). */
export function setRunParticipants(db: Db, id: string, participants: number | null) {
  if (sql(db).setParticipants.run({ id, participants }).changes === 0) throw new ApiError('not-found', msg('errors.run.notFound', { id }));
}

export function setRunStatus(db: Db, id: string, status: RunStatus, endedAt: string | null) {
  sql(db).setStatus.run({ id, status, endedAt });
}

/** Replaces a run's own document fields (its summary report's head and foot). */
export function setRunDocFields(db: Db, id: string, docFields: DocFields) {
  docFieldsSql(db).setDocFields.run({ id, docFields: JSON.stringify(docFields) });
}

export function deleteRun(db: Db, id: string) {
  if (sql(db).deleteRun.run(id).changes === 0) throw new ApiError('not-found', msg('errors.run.notFound', { id }));
}

export type EventFields = Omit<RunEvent, 'seq' | 'supersededBy' | 'runId' | 'seatId' | 'clientId'> & Partial<Pick<RunEvent, 'seatId' | 'clientId'>>;

export function insertEvent(db: Db, runId: string, fields: EventFields): RunEvent {
  const seatId = fields.seatId ?? null;
  const clientId = fields.clientId ?? null;
  const { seatId: _seat, clientId: _client, ...plain } = fields;
  const result =
    seatId === null && clientId === null ? eventSql(db).insertEvent.run({ runId, ...plain }) : seatEventSql(db).insertEvent.run({ runId, ...plain, seatId, clientId });
  return eventOf(sql(db).getEvent.get(runId, Number(result.lastInsertRowid)) as EventRow);
}

/** The event a device recorded under `clientId` in this run, if it was recorded already. */
export function eventOfClient(db: Db, runId: string, clientId: string): RunEvent | null {
  const row = seatEventSql(db).eventByClient.get(runId, clientId) as EventRow | undefined;
  return row ? eventOf(row) : null;
}

/** How many events a run holds and the instant of its latest one (null when it has none). */
export function eventExtentOf(db: Db, runId: string): { count: number; lastAt: string | null } {
  const row = sql(db).eventExtent.get(runId) as { count: number; last_at: string | null };
  return { count: row.count, lastAt: row.last_at };
}

export function requireEvent(db: Db, runId: string, seq: number): RunEvent {
  const row = sql(db).getEvent.get(runId, seq) as EventRow | undefined;
  if (!row) throw new ApiError('not-found', msg('errors.run.eventNotFound', { seq }));
  return eventOf(row);
}

/** Marks `seq` as replaced by `bySeq`. */
export function supersedeEvent(db: Db, seq: number, bySeq: number) {
  sql(db).supersede.run(bySeq, seq);
}

export function insertAnnotation(db: Db, annotation: Annotation): Annotation {
  sql(db).insertAnnotation.run({ ...annotation, done: annotation.done ? 1 : 0 });
  return annotation;
}

export function requireAnnotation(db: Db, id: string): Annotation {
  const row = sql(db).getAnnotation.get(id) as AnnotationRow | undefined;
  if (!row) throw new ApiError('not-found', msg('errors.annotation.notFound', { id }));
  return annotationOf(row);
}

export function updateAnnotation(db: Db, annotation: Annotation) {
  sql(db).updateAnnotation.run({ ...annotation, done: annotation.done ? 1 : 0 });
}

export function deleteAnnotation(db: Db, id: string) {
  if (sql(db).deleteAnnotation.run(id).changes === 0) throw new ApiError('not-found', msg('errors.annotation.notFound', { id }));
}

export function listAnnotations(db: Db, filter: { runId?: string; scenarioId?: string }): Annotation[] {
  const statements = sql(db);
  const rows = filter.runId
    ? statements.annotationsOfRun.all(filter.runId)
    : filter.scenarioId
      ? statements.annotationsOfScenario.all(filter.scenarioId)
      : statements.allAnnotations.all();
  return (rows as AnnotationRow[]).map(annotationOf);
}

export function insertFragment(db: Db, fragment: Fragment): Fragment {
  sql(db).insertFragment.run({ id: fragment.id, name: fragment.name, body: JSON.stringify(fragment.body), createdAt: fragment.createdAt });
  return fragment;
}

/** A fragment's body from its row; steps saved before controller-only marks existed have none. */
function fragmentBodyOf(text: string): FragmentBody {
  const body = JSON.parse(text) as FragmentBody;
  for (const step of body.steps) step.controllerOnly ??= [];
  return body;
}

export function listFragments(db: Db): Fragment[] {
  return (sql(db).listFragments.all() as { id: string; name: string; body: string; created_at: string }[]).map((row) => ({
    id: row.id,
    name: row.name,
    body: fragmentBodyOf(row.body),
    createdAt: row.created_at,
  }));
}

export function deleteFragment(db: Db, id: string) {
  if (sql(db).deleteFragment.run(id).changes === 0) throw new ApiError('not-found', msg('errors.fragment.notFound', { id }));
}
