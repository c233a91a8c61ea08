/**
 * Drill evaluation (演练评估): what a rating means under each scoring scheme,
 * a form's total and whether it passes, an item's rating from the run's
 * entries, who covers which items, and whether each objective was achieved.
 *
 * Schemes (one per form):
 * - checklist: 达到 `met` / 基本达到 `partly` / 未达到 `not-met` / 不适用 `na`;
 *   an item counts 1, ½ or 0 of its weight.
 * - points: 0 to the item's `maxPoints` in steps of ½ (or `na`); an item
 *   counts points × weight, the maximum maxPoints × weight.
 * - hseep: P / S / M / U (or `na`), counting 1, ⅔, ⅓ and 0 of the weight.
 * Not applicable items leave the total and its maximum alike.
 *
 * Each rating falls in one of three outcomes, which the objective rule and
 * the reports use: achieved (达到; met, P, S, or at least 80 % of the
 * points), partly (基本达到; partly, M, or 60–80 % of the points) and not
 * achieved (未达到; not-met, U, or under 60 %).
 *
 * A form passes when every item is rated (or not applicable), no critical
 * item is not achieved, and the score reaches its pass mark (percent of the
 * applicable maximum). A critical item not achieved fails it at once; else
 * an unrated item leaves it incomplete.
 *
 * The objective rule: an objective's linked items that were rated decide.
 * All achieved → 达成; none achieved or partly, or a critical one not
 * achieved → 未达成; otherwise 部分达成. A 达成 becomes 部分达成 when a step
 * serving the objective (in the branches taken) was skipped or never
 * finished. With no rated item the objective is 未评估 (not evaluated): step
 * completion alone never makes it achieved.
 */
import { msg, type Message } from './i18n';
import type { ObjectiveResult } from './analysis';
import { plannedTimesOf, type RunStateAt, type StepStatus } from './runState';
import {
  effectiveEventsOf,
  type EvalAssignment,
  type EvalForm,
  type EvalItem,
  type EvalScheme,
  type EvalSection,
  type EvaluationPlan,
  type Objective,
  type RunEvent,
  type ScenarioBody,
} from './model';

export type ItemOutcome = 'achieved' | 'partly' | 'not-achieved' | 'not-applicable';

/** The value meaning "not applicable / not observed", in every scheme. */
export const NOT_APPLICABLE = 'na';

/** The grades of the checklist and HSEEP schemes, best first, with the share of the weight each earns. */
export const SCHEME_GRADES: Record<Exclude<EvalScheme, 'points'>, readonly { value: string; fraction: number; outcome: ItemOutcome }[]> = {
  checklist: [
    { value: 'met', fraction: 1, outcome: 'achieved' },
    { value: 'partly', fraction: 0.5, outcome: 'partly' },
    { value: 'not-met', fraction: 0, outcome: 'not-achieved' },
  ],
  hseep: [
    { value: 'P', fraction: 1, outcome: 'achieved' },
    { value: 'S', fraction: 2 / 3, outcome: 'achieved' },
    { value: 'M', fraction: 1 / 3, outcome: 'partly' },
    { value: 'U', fraction: 0, outcome: 'not-achieved' },
  ],
};

/** Points at or above this share of an item's maximum count as achieved, at or above `PARTLY_SHARE` as partly. */
export const ACHIEVED_SHARE = 0.8;
export const PARTLY_SHARE = 0.6;

/** A rating read under its scheme. `points` only for the points scheme; `fraction` is null when not applicable. */
export type Rating = { value: string; fraction: number | null; points: number | null; outcome: ItemOutcome };

/** Why a rating was refused, for messages: the value and the values the scheme accepts. */
export type RatingProblem = { value: string; scheme: EvalScheme; allowed: string };

/** The values a scheme accepts for an item, for messages and pickers: `met, partly, not-met, na` or `0–10 (steps of 0.5), na`. */
export function allowedValuesOf(scheme: EvalScheme, item: Pick<EvalItem, 'maxPoints'>): string {
  if (scheme === 'points') return `0–${item.maxPoints} (steps of 0.5), ${NOT_APPLICABLE}`;
  return [...SCHEME_GRADES[scheme].map((grade) => grade.value), NOT_APPLICABLE].join(', ');
}

/** The values a scheme accepts, as a catalogue message for refusals: `达到、基本达到、未达到、不适用` / `met, partly, not-met, na`. */
export function allowedValuesMessageOf(scheme: EvalScheme, item: Pick<EvalItem, 'maxPoints'>): Message {
  return scheme === 'points' ? msg('errors.runLog.allowed.points', { max: item.maxPoints }) : msg(`errors.runLog.allowed.${scheme}`);
}

/**
 * A rating of `item` under `scheme`, or the problem with it. Examples:
 * `ratingOf('checklist', item, 'partly')` → ½ of the weight, partly;
 * `ratingOf('points', item, '7.5')` on an item worth 10 → 7.5 points, partly;
 * `ratingOf('hseep', item, 'X')` → a problem naming P, S, M, U, na.
 */
export function ratingOf(scheme: EvalScheme, item: Pick<EvalItem, 'maxPoints'>, raw: string): Rating | RatingProblem {
  const value = raw.trim();
  if (value === NOT_APPLICABLE) return { value, fraction: null, points: null, outcome: 'not-applicable' };
  if (scheme === 'points') {
    const points = /^\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
    if (!Number.isFinite(points) || points > item.maxPoints || !Number.isInteger(points * 2))
      return { value, scheme, allowed: allowedValuesOf(scheme, item) };
    const fraction = points / item.maxPoints;
    return { value: String(points), fraction, points, outcome: outcomeOfShare(fraction) };
  }
  const grade = SCHEME_GRADES[scheme].find((candidate) => candidate.value === value);
  if (!grade) return { value, scheme, allowed: allowedValuesOf(scheme, item) };
  return { value, fraction: grade.fraction, points: null, outcome: grade.outcome };
}

export const isRatingProblem = (rating: Rating | RatingProblem): rating is RatingProblem => 'allowed' in rating;

/** What people write on paper for each checklist grade and for not applicable (compared without spaces, lower case). */
const WRITTEN_GRADES: Record<string, readonly string[]> = {
  met: ['met', '达到', '符合', '是', '好', '√', '✓', '✔', 'y', 'yes'],
  partly: ['partly', '基本达到', '基本符合', '部分达到', '一般'],
  'not-met': ['not-met', 'notmet', '未达到', '不符合', '否', '差', '×', '✗', '✘', 'x', 'n', 'no'],
  [NOT_APPLICABLE]: [NOT_APPLICABLE, 'n/a', '不适用', '未观察', '未涉及', '无', '—', '-', '/'],
};
const writtenGrade = new Map(Object.entries(WRITTEN_GRADES).flatMap(([value, names]) => names.map((name) => [name, value] as const)));

/**
 * The scheme value of a rating as written on a form or in a log: 达到 / √ →
 * `met`, 基本达到 → `partly`, 未达到 / × → `not-met`, 不适用 → `na`; `p`
 * → `P` under HSEEP; `8分` → `8` under points. Anything else is returned as
 * written, for `ratingOf` to refuse with the values it accepts.
 */
export function evalValueOfText(scheme: EvalScheme, text: string): string {
  const written = text.trim().toLowerCase().replace(/\s+/g, '');
  const grade = writtenGrade.get(written);
  if (grade === NOT_APPLICABLE) return NOT_APPLICABLE;
  if (scheme === 'checklist' && grade) return grade;
  if (scheme === 'hseep' && /^[psmu]$/.test(written)) return written.toUpperCase();
  if (scheme === 'points') {
    const points = /^(\d+(?:\.\d+)?)分?$/.exec(written);
    if (points) return points[1];
  }
  return text.trim();
}

/** The outcome of a share of the maximum (points): 80 % and more achieved, 60 % and more partly. */
export function outcomeOfShare(share: number): ItemOutcome {
  return share >= ACHIEVED_SHARE ? 'achieved' : share >= PARTLY_SHARE ? 'partly' : 'not-achieved';
}

// ---------------------------------------------------------------------------
// Finding things in a plan

/** An item with where it sits: its form, its section, and its number on the form (`2.3`). */
export type PlacedItem = { item: EvalItem; section: EvalSection; form: EvalForm; number: string };

/** Every item of a plan with its form, section and number, in form order. */
export function placedItemsOf(plan: EvaluationPlan): PlacedItem[] {
  return plan.forms.flatMap((form) =>
    form.sections.flatMap((section, s) => section.items.map((item, i) => ({ item, section, form, number: `${s + 1}.${i + 1}` }))),
  );
}

/** The item with this id and its place, or null. */
export function placedItemOf(plan: EvaluationPlan, itemId: string): PlacedItem | null {
  for (const form of plan.forms)
    for (let s = 0; s < form.sections.length; s++) {
      const index = form.sections[s].items.findIndex((item) => item.id === itemId);
      if (index >= 0) return { item: form.sections[s].items[index], section: form.sections[s], form, number: `${s + 1}.${index + 1}` };
    }
  return null;
}

/** The evaluation plan of a scenario or run plan; runs made before evaluation existed have none. */
export const evaluationOf = (body: Pick<ScenarioBody, 'evaluation'> | { evaluation?: EvaluationPlan }): EvaluationPlan =>
  body.evaluation ?? { forms: [], assignments: [] };

/** Whether an assignment covers an item: its form is assigned, and its section and site are among those named (none named: all). */
export function coversItem(assignment: EvalAssignment, placed: Pick<PlacedItem, 'form' | 'section' | 'item'>): boolean {
  if (!assignment.formIds.includes(placed.form.id)) return false;
  const formSections = new Set(placed.form.sections.map((section) => section.id));
  const narrowed = assignment.sectionIds.filter((id) => formSections.has(id));
  if (narrowed.length > 0 && !narrowed.includes(placed.section.id)) return false;
  return assignment.sites.length === 0 || placed.item.site === '' || assignment.sites.includes(placed.item.site);
}

/** The items an assignment covers, in form order. */
export function itemsOfAssignment(plan: EvaluationPlan, assignment: EvalAssignment): PlacedItem[] {
  return placedItemsOf(plan).filter((placed) => coversItem(assignment, placed));
}

/** The assignments of one evaluator: those of the role for the whole role, and those naming this person. */
export function assignmentsOfEvaluator(plan: EvaluationPlan, roleId: string, person = ''): EvalAssignment[] {
  return plan.assignments.filter((a) => a.roleId === roleId && (a.person === '' || person === '' || a.person === person));
}

// ---------------------------------------------------------------------------
// Results of a run

/** One entry about an item, as recorded (the effective one, after corrections). */
export type ItemEntry = { event: RunEvent; rating: Rating; enteredLater: boolean };

export type ItemResult = PlacedItem & {
  /** The rating that counts: the latest entry's (by time, then record order); null when unrated. */
  rating: Rating | null;
  /** Every effective entry for the item, in time order. */
  entries: ItemEntry[];
};

export type FormStatus = 'pass' | 'fail' | 'incomplete';

export type FormTotals = {
  itemCount: number;
  rated: number;
  notApplicable: number;
  unrated: number;
  /** How many ratings of each value (grades, or each outcome for points). */
  byValue: Record<string, number>;
  byOutcome: Record<ItemOutcome, number>;
  /** Points scheme: the weighted points and their maximum over the applicable rated items. */
  points: number | null;
  maxPoints: number | null;
  /** Weighted share of the applicable maximum, 0–100; null when nothing applicable was rated. */
  percent: number | null;
  /** HSEEP: the rating nearest the weighted mean. */
  overall: string | null;
  criticalFailures: number;
  status: FormStatus;
};

export type FormResult = { form: EvalForm; items: ItemResult[]; totals: FormTotals };

/** Whether an entry was recorded after the run ended (typed in later from paper): 事后录入. */
export function enteredLaterOf(event: Pick<RunEvent, 'recordedAt'>, runEndedAt: string | null): boolean {
  return runEndedAt !== null && Date.parse(event.recordedAt) > Date.parse(runEndedAt);
}

const byTime = (a: RunEvent, b: RunEvent) => (a.at === b.at ? a.seq - b.seq : a.at < b.at ? -1 : 1);

/**
 * Each item's entries and its rating from a run's events (all of them:
 * corrections are resolved here). Entries whose value does not fit the
 * item's scheme (never stored: the back end refuses them) are left out.
 */
export function itemResultsOf(plan: EvaluationPlan, events: readonly RunEvent[], runEndedAt: string | null): ItemResult[] {
  const entriesOf = new Map<string, ItemEntry[]>();
  const placed = placedItemsOf(plan);
  const byId = new Map(placed.map((p) => [p.item.id, p]));
  for (const event of effectiveEventsOf(events)) {
    if (event.kind !== 'evaluation-scored' || event.itemId === null || event.value === null) continue;
    const where = byId.get(event.itemId);
    if (!where) continue;
    const rating = ratingOf(where.form.scheme, where.item, event.value);
    if (isRatingProblem(rating)) continue;
    const list = entriesOf.get(event.itemId) ?? [];
    list.push({ event, rating, enteredLater: enteredLaterOf(event, runEndedAt) });
    entriesOf.set(event.itemId, list);
  }
  return placed.map((p) => {
    const entries = (entriesOf.get(p.item.id) ?? []).sort((a, b) => byTime(a.event, b.event));
    return { ...p, entries, rating: entries.at(-1)?.rating ?? null };
  });
}

/** The weight an item carries in its form's total: its weight, times its maximum under the points scheme. */
const weightOf = (scheme: EvalScheme, item: EvalItem) => (scheme === 'points' ? item.weight * item.maxPoints : item.weight);

/**
 * A form's totals and whether it passes. Example (checklist, pass mark 80,
 * four items of weight 1): met, met, partly, na → 2.5 of 3 = 83.3 %, pass;
 * met, not-met (critical), met, met → fail whatever the percentage.
 */
export function formTotalsOf(form: EvalForm, items: readonly Pick<ItemResult, 'item' | 'rating'>[]): FormTotals {
  const byOutcome: Record<ItemOutcome, number> = { achieved: 0, partly: 0, 'not-achieved': 0, 'not-applicable': 0 };
  const byValue: Record<string, number> = {};
  let weighted = 0;
  let weightSum = 0;
  let points = 0;
  let maxPoints = 0;
  let unrated = 0;
  let criticalFailures = 0;
  for (const { item, rating } of items) {
    if (rating === null) {
      unrated++;
      continue;
    }
    byOutcome[rating.outcome]++;
    const key = form.scheme === 'points' ? rating.outcome : rating.value;
    byValue[key] = (byValue[key] ?? 0) + 1;
    if (rating.fraction === null) continue;
    const weight = weightOf(form.scheme, item);
    weighted += weight * rating.fraction;
    weightSum += weight;
    if (rating.points !== null) {
      points += rating.points * item.weight;
      maxPoints += item.maxPoints * item.weight;
    }
    if (item.critical && rating.outcome === 'not-achieved') criticalFailures++;
  }
  const percent = weightSum > 0 ? (weighted / weightSum) * 100 : null;
  const overall = form.scheme === 'hseep' && percent !== null ? (['U', 'M', 'S', 'P'] as const)[Math.round((percent / 100) * 3)] : null;
  const status: FormStatus =
    criticalFailures > 0 ? 'fail' : unrated > 0 || percent === null ? 'incomplete' : percent + 1e-9 >= form.passPercent ? 'pass' : 'fail';
  return {
    itemCount: items.length,
    rated: items.length - unrated - byOutcome['not-applicable'],
    notApplicable: byOutcome['not-applicable'],
    unrated,
    byValue,
    byOutcome,
    points: form.scheme === 'points' ? points : null,
    maxPoints: form.scheme === 'points' ? maxPoints : null,
    percent,
    overall,
    criticalFailures,
    status,
  };
}

/** Every form of a plan with its items' results and totals. */
export function formResultsOf(plan: EvaluationPlan, results: readonly ItemResult[]): FormResult[] {
  return plan.forms.map((form) => {
    const items = results.filter((result) => result.form.id === form.id);
    return { form, items, totals: formTotalsOf(form, items) };
  });
}

// ---------------------------------------------------------------------------
// The objective rule

export type ObjectiveStatus = 'achieved' | 'partly' | 'not-achieved' | 'not-evaluated';

export type ObjectiveEvaluation = {
  objective: Objective;
  status: ObjectiveStatus;
  /** Items linked to the objective, rated or not. */
  items: ItemResult[];
  /** How many linked items were rated (not applicable and unrated left out), and how many of them were achieved. */
  ratedCount: number;
  achievedCount: number;
  /** Linked items rated partly or not achieved: the evidence of a shortfall. */
  shortfalls: ItemResult[];
  /** Step evidence from the run: steps serving the objective in the branches taken, how many done, which missed. */
  steps: ObjectiveResult | null;
  /** True when the items alone said 达成 and missed steps lowered it to 部分达成. */
  loweredBySteps: boolean;
};

/**
 * Whether each objective was achieved, by the objective rule (see the top of
 * this file). `stepResults` are the run's step-based results per objective
 * (`runAnalysisOf(...).objectives`). Example: two linked items, one 达到
 * and one 基本达到 → 部分达成; both 达到 but a serving step skipped → 部分达成.
 */
export function objectiveEvaluationsOf(
  objectives: readonly Objective[],
  results: readonly ItemResult[],
  stepResults: readonly ObjectiveResult[] = [],
): ObjectiveEvaluation[] {
  const stepsOf = new Map(stepResults.map((result) => [result.objective.id, result]));
  return objectives.map((objective) => {
    const items = results.filter((result) => result.item.objectiveIds.includes(objective.id));
    const rated = items.filter((result) => result.rating !== null && result.rating.outcome !== 'not-applicable');
    const achieved = rated.filter((result) => result.rating!.outcome === 'achieved');
    const none = rated.filter((result) => result.rating!.outcome === 'not-achieved');
    const criticalMissed = none.some((result) => result.item.critical);
    const steps = stepsOf.get(objective.id) ?? null;
    let status: ObjectiveStatus =
      rated.length === 0
        ? 'not-evaluated'
        : achieved.length === rated.length
          ? 'achieved'
          : none.length === rated.length || criticalMissed
            ? 'not-achieved'
            : 'partly';
    const loweredBySteps = status === 'achieved' && steps !== null && steps.missedStepIds.length > 0;
    if (loweredBySteps) status = 'partly';
    return {
      objective,
      status,
      items,
      ratedCount: rated.length,
      achievedCount: achieved.length,
      shortfalls: rated.filter((result) => result.rating!.outcome !== 'achieved'),
      steps,
      loweredBySteps,
    };
  });
}

// ---------------------------------------------------------------------------
// What an evaluator rates next

/** An item with the step that makes it due now: the step, its state, and the moment that counts (epoch ms). */
export type DueItem = { placed: PlacedItem; stepId: string | null; stepStatus: StepStatus | null; atMs: number | null };

/**
 * Items in the order an evaluator should look at them at `nowMs`: by how
 * close their linked step's moment is to now — a step under way counts from
 * its start, a finished one from its finish, one still to come from its
 * planned start (shift included). Of several linked steps, the one under way
 * counts, else the next to come, else the last finished. Steps on a branch
 * not taken or skipped do not count; items with no step that counts come
 * last, in form order.
 * Example: at 09:40, an item whose step finished at 09:38 comes before one
 * whose step is planned for 09:55, which comes before one done at 09:10.
 */
export function dueItemsOf(items: readonly PlacedItem[], state: RunStateAt, nowMs: number): DueItem[] {
  const due = items.map((placed): DueItem => {
    let chosen: DueItem | null = null;
    let chosenOrder = Infinity;
    for (const stepId of placed.item.stepIds) {
      const step = state.steps.get(stepId);
      if (!step || step.status === 'not-taken' || step.status === 'skipped') continue;
      // Under way first (from its start), then still to come (from its planned start), then finished (from its finish).
      const order = step.status === 'under-way' ? 0 : step.status === 'done' ? 2 : 1;
      const atMs = order === 0 ? step.startedAt : order === 2 ? step.finishedAt : (plannedTimesOf(state, stepId)?.start ?? null);
      const better =
        chosen === null ||
        order < chosenOrder ||
        (order === chosenOrder && atMs !== null && (chosen.atMs === null || (order === 2 ? atMs > chosen.atMs : atMs < chosen.atMs)));
      if (better) {
        chosen = { placed, stepId, stepStatus: step.status, atMs };
        chosenOrder = order;
      }
    }
    return chosen ?? { placed, stepId: null, stepStatus: null, atMs: null };
  });
  const distance = (item: DueItem) => (item.atMs === null ? Infinity : Math.abs(item.atMs - nowMs));
  return due
    .map((item, index) => ({ item, index }))
    .sort((a, b) => distance(a.item) - distance(b.item) || a.index - b.index)
    .map(({ item }) => item);
}

/** The items an evaluator covers: the union of their assignments in form order, or every item when they have none. */
export function itemsOfEvaluator(plan: EvaluationPlan, roleId: string, person: string): { items: PlacedItem[]; assigned: boolean } {
  const assignments = assignmentsOfEvaluator(plan, roleId, person);
  const all = placedItemsOf(plan);
  if (assignments.length === 0) return { items: all, assigned: false };
  return { items: all.filter((placed) => assignments.some((assignment) => coversItem(assignment, placed))), assigned: true };
}
