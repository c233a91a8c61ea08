/**
 * The open scenario in the renderer: one zustand store holding the scenario
 * body (the truth the canvas, inspector and panels read), the React Flow
 * node and edge arrays (identity, position, selection only), the selection,
 * the edit history, the save state and the validation findings.
 *
 * Every edit goes through `commit`: the operations are applied here at once
 * (optimistically), their inverse recorded in the history, and the same
 * operations queued for the back end. An edit the rulebook (`shared/rules.ts`)
 * refuses is neither applied nor sent: the user is told why. When a save
 * fails all the same (another window changed the drill, the disk failed) the
 * store reloads the scenario from the back end, so the screen never shows
 * what is not stored, and keeps the history up to the last edit the back end
 * acknowledged.
 *
 * Components subscribe narrowly (`useEditor(selector)`); nodes read their own
 * step by id.
 */
import type { ReactFlowInstance } from '@xyflow/react';
import { create } from 'zustand';
import type { DrillApi } from '../../shared/api';
import { errorTextOf } from '../i18n';
import { stepMatchesOf } from '../../shared/find';
import { EMPTY_HISTORY, historyClosed, historyWithEdit, redoOf, undoOf, type History } from '../../shared/history';
import { EMPTY_ARRANGEMENTS, EMPTY_DOC_FIELDS, type Edge, type Role, type Scenario, type ScenarioBody, type Step } from '../../shared/model';
import { applyOps, inverseOfOps, type GraphOp } from '../../shared/ops';
import { DEFAULT_TIME_ZONE } from '../../shared/time';
import { RuleError } from '../../shared/rules';
import { findingsOf, type Finding, type Severity } from '../../shared/validation';
import { notifyError } from '../components/toasts';
import { edgesOf, nodesOf, viewportToFit, withSelection, type LinkFlowEdge, type StepFlowNode } from './flow';
import { createSaveQueue, type SaveQueue, type SaveStatus } from './saveQueue';

export type Panel = 'inspector' | 'roles' | 'findings';
export type DialogName = 'meta' | 'help' | 'saveFragment' | 'insertFragment';
export type Selection = { stepIds: string[]; edgeIds: string[] };
export type FocusRequest = { field: string; id: string; n: number };

export type EditorState = {
  scenarioId: string | null;
  phase: 'closed' | 'loading' | 'ready' | 'failed';
  loadError: string | null;
  body: ScenarioBody;
  stepById: ReadonlyMap<string, Step>;
  edgeById: ReadonlyMap<string, Edge>;
  roleById: ReadonlyMap<string, Role>;
  nodes: StepFlowNode[];
  edges: LinkFlowEdge[];
  selection: Selection;
  history: History;
  /** True while nodes are being dragged: history and structural edits wait. */
  dragging: boolean;
  save: { status: SaveStatus; error: string | null; details: string[]; reloading: boolean };
  findings: Finding[];
  /** The worst finding per step, for the badge on its node. */
  findingLevels: ReadonlyMap<string, Severity>;
  find: { open: boolean; query: string; matches: string[]; index: number; matchSet: ReadonlySet<string> };
  panel: Panel;
  dialog: DialogName | null;
  /** A request for a field to take the keyboard focus (e.g. the title of a step just added). */
  focus: FocusRequest | null;
  /** The role open in the roles panel. */
  openRoleId: string | null;
  /** Bumped when this window's clipboard changes, so paste buttons re-render. */
  clipboardStamp: number;
};

const EMPTY_BODY: ScenarioBody = {
  docFields: EMPTY_DOC_FIELDS,
  arrangements: EMPTY_ARRANGEMENTS,
  title: '',
  titleEn: '',
  summaryEn: '',
  description: '',
  drillDate: null,
  startTime: null,
  timeZone: DEFAULT_TIME_ZONE,
  location: '',
  organiser: '',
  objectives: [],
  roles: [],
  steps: [],
  edges: [],
  evaluation: { forms: [], assignments: [] },
};

const initialState: EditorState = {
  scenarioId: null,
  phase: 'closed',
  loadError: null,
  body: EMPTY_BODY,
  stepById: new Map(),
  edgeById: new Map(),
  roleById: new Map(),
  nodes: [],
  edges: [],
  selection: { stepIds: [], edgeIds: [] },
  history: EMPTY_HISTORY,
  dragging: false,
  save: { status: 'saved', error: null, details: [], reloading: false },
  findings: [],
  findingLevels: new Map(),
  find: { open: false, query: '', matches: [], index: 0, matchSet: new Set() },
  panel: 'inspector',
  dialog: null,
  focus: null,
  openRoleId: null,
  clipboardStamp: 0,
};

export const useEditor = create<EditorState>(() => initialState);

const get = useEditor.getState;
const set = useEditor.setState;

/** Delay between the last edit and recomputing the findings. */
export const FINDINGS_DELAY_MS = 300;

/** What the editor asks of the back end (the renderer passes its `api`; tests a client of a real back end). */
export type EditorClient = Pick<DrillApi, 'getScenario' | 'applyGraphOps'>;

let client: EditorClient | null = null;
let queue: SaveQueue | null = null;
/** Counts edits (commits, undos, redos) sent to the save queue. */
let editSeq = 0;
/** The history right after each edit not yet acknowledged, by its number. */
const historyAfterEdit = new Map<number, History>();
/** The history right after the last edit the back end acknowledged: what a failed save falls back to. */
let acknowledgedHistory: History = EMPTY_HISTORY;
let findingsTimer: ReturnType<typeof setTimeout> | null = null;
let flow: ReactFlowInstance<StepFlowNode, LinkFlowEdge> | null = null;
let focusCounter = 0;
/** Bumped by every open and close, so a late answer for an earlier open is dropped. */
let loadToken = 0;

/** The canvas registers its React Flow instance here so commands can pan, zoom and centre. */
export function setFlowInstance(instance: ReactFlowInstance<StepFlowNode, LinkFlowEdge> | null) {
  flow = instance;
}
export const flowInstance = () => flow;

const byIdOf = <T extends { id: string }>(items: readonly T[]) => new Map(items.map((item) => [item.id, item]));

const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

function computeFindings() {
  findingsTimer = null;
  const { body, scenarioId } = get();
  if (scenarioId === null) return;
  const findings = findingsOf(body);
  const levels = new Map<string, Severity>();
  for (const finding of findings) {
    if (finding.stepId === undefined) continue;
    const before = levels.get(finding.stepId);
    if (!before || SEVERITY_RANK[finding.severity] > SEVERITY_RANK[before]) levels.set(finding.stepId, finding.severity);
  }
  set({ findings, findingLevels: levels });
}

function scheduleFindings() {
  if (findingsTimer !== null) clearTimeout(findingsTimer);
  findingsTimer = setTimeout(computeFindings, FINDINGS_DELAY_MS);
}

/** The state with a new body: lookups, flow arrays and selection brought up to date as far as the ops need. */
function withBody(state: EditorState, body: ScenarioBody, ops: readonly GraphOp[] | null): Partial<EditorState> {
  const touches = (...kinds: GraphOp['op'][]) => ops === null || ops.some((op) => kinds.includes(op.op));
  const moved = ops === null || ops.some((op) => op.op === 'updateStep' && op.patch.position !== undefined);
  const next: Partial<EditorState> = { body };
  if (touches('addStep', 'updateStep', 'removeStep', 'moveSteps')) next.stepById = byIdOf(body.steps);
  if (touches('addEdge', 'updateEdge', 'removeEdge', 'removeStep')) next.edgeById = byIdOf(body.edges);
  if (touches('addRole', 'updateRole', 'removeRole')) next.roleById = byIdOf(body.roles);
  if (moved || touches('addStep', 'removeStep', 'moveSteps')) next.nodes = nodesOf(body.steps, state.nodes);
  if (touches('addEdge', 'updateEdge', 'removeEdge', 'removeStep')) next.edges = edgesOf(body.edges, state.edges);
  if (touches('removeStep', 'removeEdge')) {
    const steps = next.stepById ?? state.stepById;
    const edges = next.edgeById ?? state.edgeById;
    next.selection = {
      stepIds: state.selection.stepIds.filter((id) => steps.has(id)),
      edgeIds: state.selection.edgeIds.filter((id) => edges.has(id)),
    };
  }
  if (state.find.open && state.find.query !== '') {
    const matches = stepMatchesOf(body, state.find.query).map((match) => match.stepId);
    next.find = { ...state.find, matches, matchSet: new Set(matches), index: Math.min(state.find.index, Math.max(0, matches.length - 1)) };
  }
  return next;
}

function selectionState(state: Pick<EditorState, 'nodes' | 'edges'>, selection: Selection): Partial<EditorState> {
  return {
    nodes: withSelection(state.nodes, new Set(selection.stepIds)),
    edges: withSelection(state.edges, new Set(selection.edgeIds)),
    selection,
  };
}

function loaded(scenario: Scenario, keep: Partial<EditorState> = {}, previous?: Pick<EditorState, 'nodes' | 'edges'>): Partial<EditorState> {
  const { id, revision: _revision, createdAt: _c, updatedAt: _u, sourceId: _s, ...body } = scenario;
  const nodes = nodesOf(body.steps, previous?.nodes);
  const edges = edgesOf(body.edges, previous?.edges);
  return {
    scenarioId: id,
    phase: 'ready',
    loadError: null,
    body,
    stepById: byIdOf(body.steps),
    edgeById: byIdOf(body.edges),
    roleById: byIdOf(body.roles),
    nodes,
    edges,
    selection: { stepIds: [], edgeIds: [] },
    history: EMPTY_HISTORY,
    dragging: false,
    ...keep,
  };
}

/** Records the history after an edit the save queue carries as `seq`. */
function sentEdit(history: History): number {
  const seq = ++editSeq;
  historyAfterEdit.set(seq, history);
  return seq;
}

/** The back end acknowledged every edit up to `seq`: the history after it is the one to keep if a later save fails. */
function acknowledged(seq: number) {
  const history = historyAfterEdit.get(seq);
  if (history) acknowledgedHistory = history;
  for (const key of historyAfterEdit.keys()) if (key <= seq) historyAfterEdit.delete(key);
}

function resetEditLog() {
  historyAfterEdit.clear();
  acknowledgedHistory = EMPTY_HISTORY;
}

/**
 * A save failed: the scenario is reloaded as stored, and the history goes
 * back to what it was after the last acknowledged edit (the edits after it
 * are not stored, so their entries go; the ones before still undo).
 */
async function reloadAfterFailure(error: unknown) {
  const { text, details } = errorTextOf(error);
  const id = get().scenarioId;
  set({ save: { status: 'error', error: text, details, reloading: true } });
  if (id === null || client === null) return;
  const history = historyClosed(acknowledgedHistory);
  historyAfterEdit.clear();
  try {
    const scenario = await client.getScenario({ id });
    if (get().scenarioId !== id) return;
    const selection = get().selection;
    set(loaded(scenario, { panel: get().panel, find: get().find, history }, get()));
    const known = get();
    set(
      selectionState(known, {
        stepIds: selection.stepIds.filter((stepId) => known.stepById.has(stepId)),
        edgeIds: selection.edgeIds.filter((edgeId) => known.edgeById.has(edgeId)),
      }),
    );
    queue?.reset(scenario.revision);
    set({ save: { status: 'error', error: text, details, reloading: false } });
    computeFindings();
  } catch (reloadError) {
    const again = errorTextOf(reloadError);
    set({ save: { status: 'error', error: `${text} / ${again.text}`, details, reloading: false }, phase: 'failed', loadError: again.text });
  }
}

/** Opens a scenario through `backEnd`: loads it, starts a fresh history and save queue. */
export async function openScenario(id: string, backEnd: EditorClient) {
  if (get().scenarioId === id && get().phase !== 'failed') return;
  closeScenario();
  const token = ++loadToken;
  client = backEnd;
  set({ ...initialState, scenarioId: id, phase: 'loading' });
  try {
    const scenario = await backEnd.getScenario({ id });
    if (token !== loadToken) return;
    set(loaded(scenario));
    resetEditLog();
    queue = createSaveQueue({
      send: (baseRevision, ops) => backEnd.applyGraphOps({ scenarioId: id, baseRevision, ops }),
      revision: scenario.revision,
      onStatus: (status) => {
        if (status === 'error') return;
        // A later successful save clears the error of an earlier one.
        set({ save: { status, error: null, details: [], reloading: false } });
      },
      onFailure: (error) => void reloadAfterFailure(error),
      onSaved: acknowledged,
    });
    // After the first paint: the canvas comes first, the findings a moment later.
    scheduleFindings();
  } catch (error) {
    if (token !== loadToken) return;
    set({ phase: 'failed', loadError: errorTextOf(error).text });
  }
}

/** Closes the open scenario; what waits to be saved is sent first. */
export function closeScenario() {
  loadToken++;
  const closing = queue;
  queue = null;
  if (closing) void closing.flush().finally(() => closing.dispose());
  resetEditLog();
  if (findingsTimer !== null) clearTimeout(findingsTimer);
  findingsTimer = null;
  set({ ...initialState });
}

/** Sends whatever waits and resolves when the back end has it (e.g. before an export). */
export function flushSaves(): Promise<void> {
  return queue?.flush() ?? Promise.resolve();
}

/** True when every edit has reached the back end. */
export const allSaved = () => queue === null || queue.idle();

export type CommitOptions = {
  /** Consecutive commits with this key are one undo entry (a field's keystrokes). */
  mergeKey?: string;
  /** Wait a moment before sending (typing). */
  debounce?: boolean;
  /** The selection after the edit. */
  select?: Selection;
  /** Ask a field to take the focus after the edit, e.g. `{ field: 'title', id: stepId }`. */
  focus?: Omit<FocusRequest, 'n'>;
  /** Pan so this step is in view (a step just added). */
  reveal?: string;
};

/** Why an edit cannot be made now, or null when it can. */
export function editBlockedReason(state: EditorState = get()): 'not-ready' | 'dragging' | 'reloading' | null {
  if (state.phase !== 'ready' || queue === null) return 'not-ready';
  if (state.save.reloading) return 'reloading';
  if (state.dragging) return 'dragging';
  return null;
}

/**
 * Makes one edit: applies `ops` to the body, records their inverse for undo,
 * queues them for saving, and schedules the findings. Returns false (and
 * changes and sends nothing) when editing is paused, or when the rulebook
 * refuses the ops: then the user is told why.
 */
export function commit(ops: GraphOp[], options: CommitOptions = {}): boolean {
  const state = get();
  if (ops.length === 0 || editBlockedReason(state) !== null) return false;
  let inverse: GraphOp[];
  let body: ScenarioBody;
  try {
    inverse = inverseOfOps(state.body, ops);
    body = applyOps(state.body, ops);
  } catch (error) {
    refused(error);
    return false;
  }
  const history = historyWithEdit(state.history, { ops, inverse, mergeKey: options.mergeKey ?? null, at: Date.now() });
  const next: Partial<EditorState> = { ...withBody(state, body, ops), history };
  if (options.focus) next.focus = { ...options.focus, n: ++focusCounter };
  set(next);
  if (options.select) set(selectionState(get(), options.select));
  queue!.push(ops, { debounce: options.debounce, seq: sentEdit(history) });
  scheduleFindings();
  if (options.reveal) {
    const id = options.reveal;
    requestAnimationFrame(() => keepInView(id));
  }
  return true;
}

/** Tells the user why an edit was refused here (a rule of the rulebook), without sending it. */
function refused(error: unknown) {
  if (error instanceof RuleError) notifyError(error);
  else console.warn('DrillDesk: edit refused', error);
}

/** Ends a burst of merged edits, so the next edit is its own undo entry (a field lost focus). */
export function closeEditBurst() {
  set({ history: historyClosed(get().history) });
}

function replay(direction: 'undo' | 'redo'): boolean {
  const state = get();
  if (editBlockedReason(state) !== null) return false;
  const step = direction === 'undo' ? undoOf(state.history) : redoOf(state.history);
  if (!step) return false;
  let body: ScenarioBody;
  try {
    body = applyOps(state.body, step.ops);
  } catch (error) {
    // The drill changed under this entry (reloaded after another window's edit): the entry goes, the rest of the history stays.
    refused(error);
    const history = direction === 'undo' ? { ...step.history, redo: step.history.redo.slice(0, -1) } : { ...step.history, undo: step.history.undo.slice(0, -1) };
    set({ history });
    return false;
  }
  set({ ...withBody(state, body, step.ops), history: step.history });
  // Show what changed: select the steps the edit touched, when there are any left.
  const touched = new Set<string>();
  for (const op of step.ops) {
    if (op.op === 'addStep') touched.add(op.step.id);
    if (op.op === 'updateStep') touched.add(op.id);
    if (op.op === 'moveSteps') for (const move of op.moves) touched.add(move.id);
  }
  const after = get();
  const stepIds = [...touched].filter((id) => after.stepById.has(id));
  if (stepIds.length > 0) set(selectionState(after, { stepIds, edgeIds: [] }));
  queue!.push(step.ops, { seq: sentEdit(step.history) });
  scheduleFindings();
  return true;
}

/** Undoes the last edit (refused while dragging). */
export const undo = () => replay('undo');
/** Redoes the last undone edit. */
export const redo = () => replay('redo');

/** Selects exactly these steps and edges (never part of the history). */
export function select(selection: Selection) {
  set(selectionState(get(), selection));
}

/** Applies React Flow's node changes: selection, measured sizes, drag positions; a finished drag becomes one move. */
export function applyFlowNodeChanges(nodes: StepFlowNode[], changes: { type: string; id?: string; position?: { x: number; y: number }; dragging?: boolean }[]) {
  const state = get();
  const selectChanged = changes.some((change) => change.type === 'select');
  const dragging = changes.some((change) => change.type === 'position' && change.dragging === true);
  const finished = changes.filter((change) => change.type === 'position' && change.dragging === false && change.position && change.id);
  const next: Partial<EditorState> = { nodes };
  if (selectChanged) next.selection = { ...state.selection, stepIds: nodes.filter((node) => node.selected).map((node) => node.id) };
  if (dragging) next.dragging = true;
  if (finished.length > 0) next.dragging = false;
  set(next);
  if (finished.length > 0) {
    const moves = finished
      .map((change) => ({ id: change.id!, position: { x: Math.round(change.position!.x), y: Math.round(change.position!.y) } }))
      .filter((move) => {
        const step = get().stepById.get(move.id);
        return step && (step.position.x !== move.position.x || step.position.y !== move.position.y);
      });
    if (moves.length > 0) commit([{ op: 'moveSteps', moves }]);
  }
}

/** A drag ended (React Flow's drag-stop callbacks): editing and undo may go on. */
export function endDrag() {
  if (get().dragging) set({ dragging: false });
}

/** Applies React Flow's edge changes (selection only: deleting goes through the commands). */
export function applyFlowEdgeChanges(edges: LinkFlowEdge[], selectChanged: boolean) {
  const next: Partial<EditorState> = { edges };
  if (selectChanged) next.selection = { ...get().selection, edgeIds: edges.filter((edge) => edge.selected).map((edge) => edge.id) };
  set(next);
}

/** Centres the canvas on a step without changing the zoom much. */
export function centreOnStep(id: string) {
  if (!flow) return;
  const node = flow.getInternalNode(id);
  const step = get().stepById.get(id);
  if (!step) return;
  const width = node?.measured.width ?? 220;
  const height = node?.measured.height ?? 96;
  const position = node?.internals.positionAbsolute ?? step.position;
  void flow.setCenter(position.x + width / 2, position.y + height / 2, { zoom: Math.max(flow.getZoom(), 0.9), duration: 250 });
}

/** Fits every step into view (React Flow's own fitView waits for nodes that are never drawn off screen). */
export function fitAll(duration = 250) {
  const element = document.querySelector('.editor-canvas .react-flow');
  if (!flow || !element) return;
  const { width, height } = element.getBoundingClientRect();
  const sizeOf = (id: string) => {
    const measured = flow?.getInternalNode(id)?.measured;
    return measured?.width && measured.height ? { width: measured.width, height: measured.height } : undefined;
  };
  void flow.setViewport(viewportToFit(get().body.steps, width, height, sizeOf), { duration });
}

/** Pans (keeping the zoom) just enough to bring a step fully into view, so what it follows stays in sight. */
export function keepInView(id: string) {
  const step = get().stepById.get(id);
  const element = document.querySelector('.editor-canvas .react-flow');
  if (!flow || !step || !element) return;
  const { width, height } = element.getBoundingClientRect();
  const { x, y, zoom } = flow.getViewport();
  const node = flow.getInternalNode(id);
  const w = (node?.measured.width ?? 220) * zoom;
  const h = (node?.measured.height ?? 96) * zoom;
  const left = step.position.x * zoom + x;
  const top = step.position.y * zoom + y;
  const margin = 60;
  const dx = left < margin ? margin - left : left + w > width - margin ? width - margin - (left + w) : 0;
  const dy = top < margin ? margin - top : top + h > height - margin ? height - margin - (top + h) : 0;
  if (dx !== 0 || dy !== 0) void flow.setViewport({ x: x + dx, y: y + dy, zoom }, { duration: 200 });
}

/** Selects a step, shows it in the inspector and brings it into view. */
export function revealStep(id: string) {
  if (!get().stepById.has(id)) return;
  select({ stepIds: [id], edgeIds: [] });
  set({ panel: get().panel === 'findings' ? 'findings' : 'inspector' });
  centreOnStep(id);
}

export function setPanel(panel: Panel) {
  set({ panel });
}
export function openDialog(dialog: DialogName | null) {
  set({ dialog });
}
export function openRole(roleId: string | null) {
  set({ openRoleId: roleId, panel: 'roles' });
}
export function requestFocus(field: string, id: string) {
  set({ focus: { field, id, n: ++focusCounter } });
}
/**
 * A field took the focus it was asked to take: the request is spent, so the
 * same field shown again later (its step re-selected on the canvas) leaves
 * the keyboard to the canvas.
 */
export function focusTaken(n: number) {
  if (get().focus?.n === n) set({ focus: null });
}

/** Opens the find bar (or refocuses it). */
export function openFind() {
  set({ find: { ...get().find, open: true } });
  requestFocus('find', 'find');
}
export function closeFind() {
  set({ find: { open: false, query: '', matches: [], index: 0, matchSet: new Set() } });
}
/** Searches and jumps to the first match. */
export function setFindQuery(query: string) {
  const matches = stepMatchesOf(get().body, query).map((match) => match.stepId);
  set({ find: { open: true, query, matches, index: 0, matchSet: new Set(matches) } });
  if (matches.length > 0) revealStep(matches[0]);
}
/** Jumps to the next (or previous) match, wrapping around. */
export function findNext(delta: 1 | -1) {
  const { find } = get();
  if (find.matches.length === 0) return;
  const index = (find.index + delta + find.matches.length) % find.matches.length;
  set({ find: { ...find, index } });
  revealStep(find.matches[index]);
}

/** Used by tests and the benchmark: recompute the findings now. */
export const computeFindingsNow = computeFindings;
