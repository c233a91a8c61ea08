/**
 * The printed documents of a drill as plain view-models: one role sheet per
 * role (岗位任务卡), the roster with the command structure (角色分工表) and the
 * drill script (演练脚本). The print view, the Excel export and the command
 * line all render these, so every document says the same thing as the graph.
 *
 * Times come from the planned schedule: a clock time when the drill start is
 * set (`09:05`), else an offset from T0 (`T+5`). A graph with a cycle has no
 * schedule: steps then keep their listed order and carry no time.
 *
 * Who sees what: a sheet for a player (参演人员) or an observer is the
 * player-safe variant. Injects are what the control team delivers, so such a
 * sheet never shows an inject's title, scene text or dialogue: its own inject
 * steps are left out, and a step an inject sets off says only that it starts
 * when the control team delivers a scene (and how: by phone, on site, …).
 * Text a step marks controller-only (仅导调可见: its description, dialogue,
 * expected result, …) is left out of such a sheet, and a step an inject sets
 * off shows 「接导调指令后」 instead of its time, which would tell when the
 * inject comes. Controller, simulator and evaluator sheets are the full variant. An
 * evaluator's sheet also lists its evaluation duties: the forms, items and
 * sites each of its assignments covers.
 */
import { evaluatorDutiesOf, type EvaluatorDuty } from './evaluationSheets';
import type { Person, ParticipantCategory, Role, ScenarioBody, Step, StepKind, StepTextField } from './model';
import { planOrderOf, scheduleOf, type OkSchedule } from './schedule';
import { clockOf, tPlusOf } from './time';

/** `full` shows everything; `player-safe` withholds the injects. */
export type SheetVariant = 'full' | 'player-safe';

/** The variant a role of this category gets. Observers mingle with players, so they get the player-safe one too. */
export function sheetVariantOf(category: ParticipantCategory): SheetVariant {
  return category === 'player' || category === 'observer' ? 'player-safe' : 'full';
}

/** What heads every document. */
export type DrillHeader = {
  title: string;
  drillDate: string | null;
  startTime: string | null;
  /** The zone the date and clock times are wall times of (IANA name). */
  timeZone: string;
  location: string;
  organiser: string;
  objectives: string[];
};

/** A planned time: `start`/`end` are clock times when the drill start is set, else T+ offsets. */
export type PlannedTime = {
  startMin: number;
  endMin: number;
  start: string;
  end: string;
  /** The start as an offset from T0, always (`T+1:05`). */
  offset: string;
  /** True when `start`/`end` are clock times. */
  isClock: boolean;
};

export type RoleRef = { id: string; name: string; group: string };

/** A step named from another step's row: enough to recognise it. */
export type StepRef = { id: string; kind: StepKind; title: string; roleNames: string[]; time: PlannedTime | null };

/** What sets a step off. */
export type Trigger =
  /** No predecessors: the step starts at the drill start. */
  | { kind: 'start' }
  /** A predecessor step finishing (after `lagMin`), on the branch `condition` when it is a decision's alternative. */
  | { kind: 'step'; step: StepRef; lagMin: number; condition: string | null }
  /**
   * Predecessors on alternative branches of one decision: only the branch
   * taken runs, so the step starts when that one finishes. Each option lists
   * the predecessors on one branch (「“A”或“B”完成后」).
   */
  | { kind: 'either'; options: StepRef[][] }
  /** An inject the control team delivers, withheld on a player-safe sheet: only how it comes. */
  | { kind: 'concealed-inject'; deliveryMethod: string };

/** A successor step done by other roles: who takes over. */
export type HandOver = { step: StepRef; roleNames: string[]; condition: string | null };

/** One alternative of a decision; `target` is null when it leads to a withheld inject. */
export type Branch = { label: string; target: StepRef | null };

/** A step as a role's sheet shows it. */
export type SheetStep = {
  id: string;
  kind: StepKind;
  title: string;
  description: string;
  dialogue: string;
  location: string;
  resources: string;
  expectedResult: string;
  notes: string;
  /** Injects only: how the control team delivers it. */
  deliveryMethod: string;
  /** Decisions only. */
  question: string;
  branches: Branch[];
  /** Null without a schedule, and on a player-safe sheet for a step an inject sets off (`afterInject`). */
  time: PlannedTime | null;
  /** Player-safe only: the step follows a withheld inject, so its time is shown as 「接导调指令后」, not as a clock time that tells when the inject comes. */
  afterInject: boolean;
  triggers: Trigger[];
  handOvers: HandOver[];
  /** The other roles on the same step. */
  coRoleNames: string[];
};

export type RoleSheet = {
  drill: DrillHeader;
  variant: SheetVariant;
  role: {
    id: string;
    name: string;
    group: string;
    category: ParticipantCategory;
    responsibilities: string;
    people: Person[];
  };
  reportsTo: RoleRef | null;
  reporters: RoleRef[];
  /** The role's steps in planned time order. */
  steps: SheetStep[];
  /** How many of the role's inject steps this variant leaves out. */
  withheldInjects: number;
  /** How many controller-only texts (仅导调可见) of the shown steps this variant leaves out. */
  withheldTexts: number;
  /** For an evaluator role: what each of its assignments evaluates (forms, items, sites), each item with the steps to watch. */
  evaluation: SheetDuty[];
};

/** Players with at most this many tasks may get the one-page A5 card (岗位任务卡 A5 单页). */
export const A5_MAX_TASKS = 5;

/**
 * Whether a role's sheet may print as the one-page A5 card: a player-safe
 * sheet with few tasks. The one rule for the print view, Word and the command line.
 */
export const fitsA5Card = (sheet: Pick<RoleSheet, 'variant' | 'steps'>) => sheet.variant === 'player-safe' && sheet.steps.length <= A5_MAX_TASKS;

/** A step an evaluation item looks at, with its planned time: when the evaluator must be watching. */
export type WatchedStep = { id: string; title: string; time: PlannedTime | null };

/** An evaluator's duty as the role sheet prints it: each item with the steps it evaluates. */
export type SheetDuty = Omit<EvaluatorDuty, 'forms'> & {
  forms: (Omit<EvaluatorDuty['forms'][number], 'items'> & { items: (EvaluatorDuty['forms'][number]['items'][number] & { watch: WatchedStep[] })[] })[];
};

/**
 * The two organisations of a drill: the drill's own (演练领导小组, 导调组,
 * 评估组, 保障组, 模拟人员, 观摩 — every category but players) and the
 * simulated response command (应急指挥部 and its 工作组: the players).
 */
export type RosterSide = 'drill' | 'response';
export const rosterSideOf = (category: ParticipantCategory): RosterSide => (category === 'player' ? 'response' : 'drill');

/**
 * Where and when a role must first be in place (首次到位): as entered on the
 * role, else its first task; controllers and evaluators are due from the
 * drill start. `time` is a clock or T+ time as the other times, or the text entered.
 */
export type InPlace = { time: string; location: string; source: 'entered' | 'first-task' | 'start' | 'none' };

export type RosterRole = {
  id: string;
  name: string;
  group: string;
  category: ParticipantCategory;
  side: RosterSide;
  variant: SheetVariant;
  responsibilities: string;
  people: Person[];
  reportsTo: RoleRef | null;
  reporters: RoleRef[];
  /** The role's earliest step. */
  firstStep: { title: string; location: string; time: PlannedTime | null } | null;
  inPlace: InPlace;
  /** 标识 (armband or vest). */
  mark: string;
  /** 集合地点 and 集合时间. */
  assembly: { place: string; time: string };
  /** A/B 角: the first person (A) and the backup holder (B), '' when not set. */
  holder: string;
  backup: string;
  stepCount: number;
};

/** The roster's columns (`print.roster.col.*`), in the order the print view, Word and Excel show them. */
export const ROSTER_COLUMNS = ['no', 'group', 'role', 'category', 'mark', 'name', 'unit', 'phone', 'callSign', 'duties', 'assembly', 'firstInPlace', 'ab', 'reportsTo'] as const;

/** One role in the command structure, with the roles that report to it. */
export type CommandNode = { role: RoleRef; people: string[]; children: CommandNode[] };

/** People counted: all, and by organisation and category (a role without people counts none). */
export type Headcount = { total: number; bySide: Record<RosterSide, number>; byCategory: Record<ParticipantCategory, number> };

export type Roster = {
  drill: DrillHeader;
  roles: RosterRole[];
  /** The drill's own organisation as a tree (演练领导小组 at the top when there is one). */
  drillCommand: CommandNode[];
  /** The simulated response command as a tree (应急指挥部 at the top). */
  responseCommand: CommandNode[];
  headcount: Headcount;
};

/** One row of the drill script, numbered from 1 in time order. */
export type ScriptRow = {
  index: number;
  id: string;
  kind: StepKind;
  time: PlannedTime | null;
  title: string;
  description: string;
  deliveryMethod: string;
  question: string;
  roleNames: string[];
  dialogue: string;
  expectedResult: string;
  location: string;
  resources: string;
  notes: string;
  /** The step's phase (阶段/科目); '' when none. */
  phase: string;
  /** 情景时间: when it happens in the drill's story (compressed time); '' when not given. */
  scenarioTime: string;
  durationMin: number | null;
  /** Every edge out of the step, for exports that must read back exactly. */
  next: { targetId: string; kind: 'sequence' | 'conditional'; label: string; lagMin: number }[];
  /** Decisions: each alternative and the row it continues at. */
  branches: { label: string; targetIndex: number; targetTitle: string }[];
  /** Rows reached by a decision's alternative: which decision, on which answer. */
  conditions: { label: string; decisionIndex: number; decisionTitle: string }[];
};

/** Rows grouped under phase headings: a new group wherever the phase changes in time order. */
export type ScriptGroup = { phase: string; rows: ScriptRow[] };

/** The script's rows in runs of one phase, in order (one group with phase '' when no step has a phase). */
export function scriptGroupsOf(rows: readonly ScriptRow[]): ScriptGroup[] {
  const groups: ScriptGroup[] = [];
  for (const row of rows) {
    const last = groups[groups.length - 1];
    if (last && last.phase === row.phase) last.rows.push(row);
    else groups.push({ phase: row.phase, rows: [row] });
  }
  return groups;
}

export type DrillScript = {
  drill: DrillHeader;
  rows: ScriptRow[];
  /** Planned minutes from T0 to the end; null when the graph has a cycle. */
  lengthMin: number | null;
  /** True when some step gives a scenario time (the drill compresses time): the script then has a 情景时间 column. */
  hasScenarioTime: boolean;
};

/** `09:00–09:10`, or one time for a step that takes no time; `—` without a schedule. */
export function timeRangeOf(time: Pick<PlannedTime, 'start' | 'end'> | null): string {
  if (!time) return '—';
  return time.end === time.start ? time.start : `${time.start}–${time.end}`;
}

// ---------------------------------------------------------------------------

/** The graph indexed once for all the documents of one scenario. */
type Context = {
  body: ScenarioBody;
  roles: Map<string, Role>;
  steps: Map<string, Step>;
  incoming: Map<string, ScenarioBody['edges']>;
  outgoing: Map<string, ScenarioBody['edges']>;
  schedule: OkSchedule | null;
  /** Step ids in planned time order (listed order when there is no schedule). */
  order: string[];
  rank: Map<string, number>;
  /** For each step, the decision branch it lies on (see `branchTagsOf`); absent when on none. */
  branchOf: Map<string, BranchTag>;
};

/** A branch of a decision: the decision and the conditional edge that leaves it. */
type BranchTag = { decisionId: string; edgeId: string };

/**
 * The innermost decision branch each step lies on, in planned order: a step
 * reached by a decision's conditional edge lies on that branch; a step whose
 * predecessors all lie on one branch lies on it too; a step where the
 * alternatives of one decision meet lies where that decision lies. Example:
 * after 「水质是否达标」, 「维持监测」 and 「加密监测」 lie on its two branches, and
 * 「编制快报」, after both, on none.
 */
function branchTagsOf(order: readonly string[], steps: Map<string, Step>, incoming: Map<string, ScenarioBody['edges']>): Map<string, BranchTag> {
  const tags = new Map<string, BranchTag>();
  for (const id of order) {
    const edges = incoming.get(id) ?? [];
    if (edges.length === 0) continue;
    const inTags = edges.map((edge) => edgeBranchOf(edge, steps, tags));
    const first = inTags[0];
    if (!first) continue;
    if (inTags.every((tag) => tag && tag.edgeId === first.edgeId)) tags.set(id, first);
    else if (inTags.every((tag) => tag && tag.decisionId === first.decisionId)) {
      const outer = tags.get(first.decisionId);
      if (outer) tags.set(id, outer);
    }
  }
  return tags;
}

/** The branch an edge lies on: its own when it is a decision's conditional edge, else its source's. */
function edgeBranchOf(edge: ScenarioBody['edges'][number], steps: Map<string, Step>, tags: Map<string, BranchTag>): BranchTag | undefined {
  if (edge.kind === 'conditional' && steps.get(edge.source)?.kind === 'decision') return { decisionId: edge.source, edgeId: edge.id };
  return tags.get(edge.source);
}

function contextOf(body: ScenarioBody): Context {
  const steps = new Map(body.steps.map((step) => [step.id, step]));
  const incoming = new Map<string, ScenarioBody['edges']>();
  const outgoing = new Map<string, ScenarioBody['edges']>();
  for (const edge of body.edges) {
    if (!steps.has(edge.source) || !steps.has(edge.target)) continue;
    (incoming.get(edge.target) ?? incoming.set(edge.target, []).get(edge.target)!).push(edge);
    (outgoing.get(edge.source) ?? outgoing.set(edge.source, []).get(edge.source)!).push(edge);
  }
  const computed = scheduleOf(body);
  const schedule = computed.ok ? computed : null;
  const order = schedule ? planOrderOf(body, schedule) : [...steps.keys()];
  const rank = new Map(order.map((id, i) => [id, i]));
  // Triggers are listed in time order; successors and branches as the author drew them.
  for (const edges of incoming.values()) edges.sort((a, b) => rank.get(a.source)! - rank.get(b.source)!);
  const branchOf = branchTagsOf(order, steps, incoming);
  return { body, roles: new Map(body.roles.map((role) => [role.id, role])), steps, incoming, outgoing, schedule, order, rank, branchOf };
}

function drillHeaderOf(body: ScenarioBody): DrillHeader {
  return {
    title: body.title,
    drillDate: body.drillDate,
    startTime: body.startTime,
    timeZone: body.timeZone,
    location: body.location,
    organiser: body.organiser,
    objectives: body.objectives.map((objective) => objective.text),
  };
}

function timeOf(ctx: Context, stepId: string): PlannedTime | null {
  const planned = ctx.schedule?.byStep.get(stepId);
  if (!planned) return null;
  const startTime = ctx.body.startTime;
  const show = (minutes: number) => (startTime ? clockOf(startTime, minutes) : tPlusOf(minutes));
  return {
    startMin: planned.earliestStart,
    endMin: planned.earliestFinish,
    start: show(planned.earliestStart),
    end: show(planned.earliestFinish),
    offset: tPlusOf(planned.earliestStart),
    isClock: startTime !== null,
  };
}

const roleRefOf = (role: Role): RoleRef => ({ id: role.id, name: role.name, group: role.group });

function roleNamesOf(ctx: Context, step: Step, except?: string): string[] {
  return step.roleIds.flatMap((id) => {
    const role = ctx.roles.get(id);
    return role && id !== except ? [role.name] : [];
  });
}

function stepRefOf(ctx: Context, step: Step): StepRef {
  return { id: step.id, kind: step.kind, title: step.title, roleNames: roleNamesOf(ctx, step), time: timeOf(ctx, step.id) };
}

const conditionOf = (edge: ScenarioBody['edges'][number]) => (edge.kind === 'conditional' ? edge.label : null);

function reportersOf(ctx: Context, roleId: string): RoleRef[] {
  return ctx.body.roles.filter((role) => role.reportsTo === roleId && role.id !== roleId).map(roleRefOf);
}

function reportsToOf(ctx: Context, role: Role): RoleRef | null {
  const boss = role.reportsTo === null ? undefined : ctx.roles.get(role.reportsTo);
  return boss && boss.id !== role.id ? roleRefOf(boss) : null;
}

/** Whether a sheet of this variant withholds the step: every inject, on a player-safe sheet. */
const isWithheld = (step: Step, variant: SheetVariant) => variant === 'player-safe' && step.kind === 'inject';

/** The text fields of a step a sheet of this variant leaves out: those marked controller-only, on a player-safe sheet. */
export function withheldFieldsOf(step: Pick<Step, 'controllerOnly'>, variant: SheetVariant): ReadonlySet<StepTextField> {
  return new Set(variant === 'player-safe' ? step.controllerOnly : []);
}

/**
 * What sets a step off, in time order: the drill start, each predecessor, a
 * withheld inject (once per way of delivery); predecessors on alternative
 * branches of one decision come as one `either` trigger where the first of
 * them stood.
 */
function triggersOf(ctx: Context, step: Step, variant: SheetVariant): Trigger[] {
  const edges = ctx.incoming.get(step.id) ?? [];
  // Edges by the decision whose alternatives they come along, where two or more of its branches meet here.
  const byDecision = new Map<string, Map<string, ScenarioBody['edges']>>();
  for (const edge of edges) {
    if (isWithheld(ctx.steps.get(edge.source)!, variant)) continue;
    const tag = edgeBranchOf(edge, ctx.steps, ctx.branchOf);
    if (!tag) continue;
    const branches = byDecision.get(tag.decisionId) ?? byDecision.set(tag.decisionId, new Map()).get(tag.decisionId)!;
    (branches.get(tag.edgeId) ?? branches.set(tag.edgeId, []).get(tag.edgeId)!).push(edge);
  }
  const grouped = new Map<string, Map<string, ScenarioBody['edges']>>();
  for (const branches of byDecision.values()) if (branches.size >= 2) for (const list of branches.values()) for (const edge of list) grouped.set(edge.id, branches);

  const triggers: Trigger[] = [];
  const withheldMethods = new Set<string>();
  const placed = new Set<Map<string, ScenarioBody['edges']>>();
  for (const edge of edges) {
    const source = ctx.steps.get(edge.source)!;
    const group = grouped.get(edge.id);
    if (group) {
      if (placed.has(group)) continue;
      placed.add(group);
      triggers.push({ kind: 'either', options: [...group.values()].map((list) => list.map((e) => stepRefOf(ctx, ctx.steps.get(e.source)!))) });
    } else if (isWithheld(source, variant)) {
      const method = source.kind === 'inject' ? source.deliveryMethod : '';
      if (!withheldMethods.has(method)) triggers.push({ kind: 'concealed-inject', deliveryMethod: method });
      withheldMethods.add(method);
    } else triggers.push({ kind: 'step', step: stepRefOf(ctx, source), lagMin: edge.lagMin, condition: conditionOf(edge) });
  }
  if (triggers.length === 0) triggers.push({ kind: 'start' });
  return triggers;
}

function sheetStepOf(ctx: Context, step: Step, roleId: string, variant: SheetVariant): SheetStep {
  const triggers = triggersOf(ctx, step, variant);

  const handOvers: HandOver[] = [];
  const branches: Branch[] = [];
  for (const edge of ctx.outgoing.get(step.id) ?? []) {
    const target = ctx.steps.get(edge.target)!;
    const hidden = isWithheld(target, variant);
    if (step.kind === 'decision' && edge.kind === 'conditional')
      branches.push({ label: edge.label, target: hidden ? null : stepRefOf(ctx, target) });
    if (hidden) continue;
    const others = roleNamesOf(ctx, target, roleId);
    if (others.length > 0) handOvers.push({ step: stepRefOf(ctx, target), roleNames: others, condition: conditionOf(edge) });
  }

  const withheld = withheldFieldsOf(step, variant);
  const shown = (field: StepTextField, value: string) => (withheld.has(field) ? '' : value);
  const afterInject = triggers.some((trigger) => trigger.kind === 'concealed-inject');
  return {
    id: step.id,
    kind: step.kind,
    title: step.title,
    description: shown('description', step.description),
    dialogue: shown('dialogue', step.dialogue),
    location: step.location,
    resources: shown('resources', step.resources),
    expectedResult: shown('expectedResult', step.expectedResult),
    notes: shown('notes', step.notes),
    deliveryMethod: step.kind === 'inject' ? step.deliveryMethod : '',
    question: step.kind === 'decision' ? shown('question', step.question) : '',
    branches,
    time: afterInject ? null : timeOf(ctx, step.id),
    afterInject,
    triggers,
    handOvers,
    coRoleNames: roleNamesOf(ctx, step, roleId),
  };
}

/** A step's text in one of its text fields ('' for a field its kind does not have). */
export const textOfField = (step: Step, field: StepTextField): string => (field === 'question' ? (step.kind === 'decision' ? step.question : '') : step[field]);

function roleSheetIn(ctx: Context, role: Role): RoleSheet {
  const variant = sheetVariantOf(role.category);
  const own = ctx.order.map((id) => ctx.steps.get(id)!).filter((step) => step.roleIds.includes(role.id));
  const shown = own.filter((step) => !isWithheld(step, variant));
  return {
    drill: drillHeaderOf(ctx.body),
    variant,
    role: {
      id: role.id,
      name: role.name,
      group: role.group,
      category: role.category,
      responsibilities: role.responsibilities,
      people: role.people,
    },
    reportsTo: reportsToOf(ctx, role),
    reporters: reportersOf(ctx, role.id),
    steps: shown.map((step) => sheetStepOf(ctx, step, role.id, variant)),
    withheldInjects: own.length - shown.length,
    withheldTexts: shown.reduce((sum, step) => sum + [...withheldFieldsOf(step, variant)].filter((field) => textOfField(step, field).trim() !== '').length, 0),
    evaluation: evaluatorDutiesOf(ctx.body, role.id).map((duty) => ({
      ...duty,
      forms: duty.forms.map((form) => ({
        ...form,
        items: form.items.map((item) => ({
          ...item,
          watch: item.stepIds
            .flatMap((id) => {
              const step = ctx.steps.get(id);
              return step ? [{ id, title: step.title, time: timeOf(ctx, id) }] : [];
            })
            .sort((a, b) => (ctx.rank.get(a.id) ?? 0) - (ctx.rank.get(b.id) ?? 0)),
        })),
      })),
    })),
  };
}

/**
 * The sheet of one role, or null when there is no such role. Example: the
 * 应急监测组 (a player) gets its 采样 and 快报 steps at 09:40 and 10:05, the
 * first triggered by 「制定应急监测方案」 and handing over to 现场指挥部; an
 * inject that sets it off shows only as "delivered by phone".
 */
export function roleSheetOf(body: ScenarioBody, roleId: string): RoleSheet | null {
  const ctx = contextOf(body);
  const role = ctx.roles.get(roleId);
  return role ? roleSheetIn(ctx, role) : null;
}

/** The sheets of every role, in the roles' listed order (or of the given roles, in that order). */
export function roleSheetsOf(body: ScenarioBody, roleIds?: readonly string[]): RoleSheet[] {
  const ctx = contextOf(body);
  const roles = roleIds ? roleIds.flatMap((id) => ctx.roles.get(id) ?? []) : body.roles;
  return roles.map((role) => roleSheetIn(ctx, role));
}

/** Where and when a role is first needed: as entered, else the drill start (controllers, evaluators) or its first task. */
function inPlaceOf(ctx: Context, role: Role, first: Step | undefined): InPlace {
  const start = ctx.body.startTime ? clockOf(ctx.body.startTime, 0) : tPlusOf(0);
  const dueAtStart = role.category === 'controller' || role.category === 'evaluator';
  const firstTime = first ? timeOf(ctx, first.id)?.start ?? '' : '';
  const time = role.inPlaceTime.trim() || (dueAtStart ? start : firstTime);
  const location = role.inPlaceLocation.trim() || first?.location || (dueAtStart ? ctx.body.location : '');
  const source = role.inPlaceTime.trim() || role.inPlaceLocation.trim() ? 'entered' : dueAtStart ? 'start' : first ? 'first-task' : 'none';
  return { time, location, source };
}

/**
 * A role's boss in the command tree: only within its own organisation; an
 * observer only under the head of the drill's organisation (a role that
 * reports to nobody at all, as 演练领导小组 does), never under 导调组 or 评估组.
 */
function treeBossOf(ctx: Context, role: Role): Role | null {
  const ref = reportsToOf(ctx, role);
  const boss = ref ? ctx.roles.get(ref.id)! : null;
  if (!boss || rosterSideOf(boss.category) !== rosterSideOf(role.category)) return null;
  if (role.category === 'observer' && (boss.category === 'observer' || reportsToOf(ctx, boss) !== null)) return null;
  return boss;
}

/** Trees of the roles of one side from those with no boss there (a role caught in a reporting loop is shown once, under the first role of the loop reached). */
function commandTreeOf(ctx: Context, side: RosterSide): CommandNode[] {
  const roles = ctx.body.roles.filter((role) => rosterSideOf(role.category) === side);
  const bosses = new Map(roles.map((role) => [role.id, treeBossOf(ctx, role)?.id ?? null]));
  const visited = new Set<string>();
  const nodeOf = (role: Role): CommandNode => {
    visited.add(role.id);
    const children: CommandNode[] = [];
    for (const child of roles) if (bosses.get(child.id) === role.id && !visited.has(child.id)) children.push(nodeOf(child));
    return { role: roleRefOf(role), people: role.people.map((person) => person.name), children };
  };
  const trees: CommandNode[] = [];
  for (const role of roles) if (bosses.get(role.id) === null && !visited.has(role.id)) trees.push(nodeOf(role));
  for (const role of roles) if (!visited.has(role.id)) trees.push(nodeOf(role));
  return trees;
}

/**
 * The roster: every role with its people, whom it reports to, its mark,
 * assembly, A/B holders and where and when it is first in place; the
 * headcount; and the two command structures as trees, the drill's own
 * organisation apart from the simulated response command. Example: 导调组
 * reporting to the in-play 总指挥 shows at the top of the drill's
 * organisation, not under 总指挥.
 */
export function rosterOf(body: ScenarioBody): Roster {
  const ctx = contextOf(body);
  const headcount: Headcount = {
    total: 0,
    bySide: { drill: 0, response: 0 },
    byCategory: { player: 0, controller: 0, simulator: 0, evaluator: 0, observer: 0 },
  };
  const roles = body.roles.map((role): RosterRole => {
    const first = ctx.order.find((id) => ctx.steps.get(id)!.roleIds.includes(role.id));
    const firstStep = first === undefined ? undefined : ctx.steps.get(first)!;
    headcount.total += role.people.length;
    headcount.bySide[rosterSideOf(role.category)] += role.people.length;
    headcount.byCategory[role.category] += role.people.length;
    return {
      id: role.id,
      name: role.name,
      group: role.group,
      category: role.category,
      side: rosterSideOf(role.category),
      variant: sheetVariantOf(role.category),
      responsibilities: role.responsibilities,
      people: role.people,
      reportsTo: reportsToOf(ctx, role),
      reporters: reportersOf(ctx, role.id),
      firstStep: firstStep ? { title: firstStep.title, location: firstStep.location, time: timeOf(ctx, firstStep.id) } : null,
      inPlace: inPlaceOf(ctx, role, firstStep),
      mark: role.mark,
      assembly: { place: role.assemblyPlace, time: role.assemblyTime },
      holder: role.backup.trim() ? (role.people[0]?.name ?? '') : '',
      backup: role.backup,
      stepCount: body.steps.filter((step) => step.roleIds.includes(role.id)).length,
    };
  });
  return { drill: drillHeaderOf(body), roles, drillCommand: commandTreeOf(ctx, 'drill'), responseCommand: commandTreeOf(ctx, 'response'), headcount };
}

/**
 * The drill script: every step in planned time order, numbered, with its
 * roles, and with each decision's alternatives pointing at the rows they
 * continue at. Example: row 5 「资水河水位是否超警戒」 lists 「超警戒 → 6」 and
 * 「未超警戒 → 7」, and rows 6 and 7 each name row 5 as their condition.
 */
export function drillScriptOf(body: ScenarioBody): DrillScript {
  const ctx = contextOf(body);
  const indexOf = new Map(ctx.order.map((id, i) => [id, i + 1]));
  const rows = ctx.order.map((id, i): ScriptRow => {
    const step = ctx.steps.get(id)!;
    return {
      index: i + 1,
      id,
      kind: step.kind,
      time: timeOf(ctx, id),
      title: step.title,
      description: step.description,
      deliveryMethod: step.kind === 'inject' ? step.deliveryMethod : '',
      question: step.kind === 'decision' ? step.question : '',
      roleNames: roleNamesOf(ctx, step),
      dialogue: step.dialogue,
      expectedResult: step.expectedResult,
      location: step.location,
      resources: step.resources,
      notes: step.notes,
      phase: step.phase,
      scenarioTime: step.scenarioTime.trim(),
      durationMin: step.durationMin,
      next: (ctx.outgoing.get(id) ?? []).map((edge) => ({ targetId: edge.target, kind: edge.kind, label: edge.label, lagMin: edge.lagMin })),
      branches: (ctx.outgoing.get(id) ?? [])
        .filter((edge) => step.kind === 'decision' && edge.kind === 'conditional')
        .map((edge) => ({ label: edge.label, targetIndex: indexOf.get(edge.target)!, targetTitle: ctx.steps.get(edge.target)!.title })),
      conditions: (ctx.incoming.get(id) ?? [])
        .filter((edge) => edge.kind === 'conditional' && ctx.steps.get(edge.source)!.kind === 'decision')
        .map((edge) => ({ label: edge.label, decisionIndex: indexOf.get(edge.source)!, decisionTitle: ctx.steps.get(edge.source)!.title })),
    };
  });
  return { drill: drillHeaderOf(body), rows, lengthMin: ctx.schedule ? ctx.schedule.length : null, hasScenarioTime: rows.some((row) => row.scenarioTime !== '') };
}
