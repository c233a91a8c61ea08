/**
 * The after-action report (演练总结报告) of a run as a view-model: the
 * content of each section, in the order Chinese practice lays it out, with
 * names resolved and times as minutes from the run start. Labels and
 * sentences belong to the renderer's message catalogues; this holds only
 * the drill's own data, so the same report prints in Chinese or English.
 *
 *   一、演练基本概要  overview: purpose, time, place, units and people, scenario, objectives achieved
 *                    (达成 / 部分达成 / 未达成 from the evaluation, by the rule in `evaluation.ts`)
 *   二、发现的问题    problems: went-wrong findings, steps that lost time themselves with their causes
 *                    (knock-on delays counted apart), steps never started or unfinished, objectives
 *                    not (fully) achieved with the items that fell short; no step listed twice
 *   三、经验和教训    lessons: what went well
 *   四、改进建议      improvements: improvement actions grouped by owner role, with due dates
 *   附录              run timeline, plan against reality, observations
 *   附件              the photos attached to observations, debrief notes and evaluation entries,
 *                    numbered, with their captions, times and the record they belong to
 */
import { LATE_GRACE_MIN, runAnalysisOf, runEndMsOf, type DelayCause, type RunAnalysis, type StepComparison } from './analysis';
import { itemResultsOf, objectiveEvaluationsOf, type ItemResult, type ObjectiveEvaluation } from './evaluation';
import {
  effectiveEventsOf,
  PARTICIPANT_CATEGORIES,
  type Annotation,
  type Attachment,
  type ParticipantCategory,
  type Person,
  type Role,
  type Run,
  type RunEvent,
  type RunEventKind,
  type Step,
} from './model';
import { dateAt, MINUTE_MS } from './time';


/** One finding pinned in the debrief, with its step and owner resolved. */
export type FindingItem = {
  annotation: Annotation;
  /** Minutes from the run start. */
  atMin: number;
  step: Step | null;
  ownerRole: Role | null;
};

export type ProblemItem =
  /** Went-wrong notes: those on one step together (a step is listed once), or one note on no step. */
  | { kind: 'finding'; findings: FindingItem[] }
  /** A step that lost time itself, with the went-wrong notes on it; `wholeDelay` is its finish delay in whole minutes, as prose gives it. */
  | { kind: 'late-step'; comparison: StepComparison; cause: DelayCause; upstreamStep: Step | null; originSteps: { step: Step; minutes: number }[]; findings: FindingItem[]; wholeDelay: number }
  /** Steps never started (未开展) and steps still under way when the run ended (未完成), in script order. */
  | { kind: 'not-started'; steps: Step[]; unfinished: Step[] }
  /** An objective partly or not achieved by the evaluation, or, never evaluated, with steps serving it missed. */
  | { kind: 'objective-not-met'; result: ObjectiveEvaluation; missedSteps: Step[] };

export type ImprovementGroup = {
  /** The owner role; null for actions nobody owns yet (listed last). */
  role: Role | null;
  items: FindingItem[];
};

/**
 * How the run went against the planned length, in whole minutes as the
 * report's prose says it: `late` (overran by `minutes`), `on-time` (within
 * a minute), `early` (every step done, `minutes` ahead) or `incomplete`
 * (ended with steps never started or unfinished; `minutes` is the distance
 * to the planned length either way, the overrun's sign tells which).
 */
export type RunTiming = {
  kind: 'late' | 'on-time' | 'early' | 'incomplete';
  planned: number;
  actual: number;
  minutes: number;
  notStarted: number;
  unfinished: number;
};

/** Minutes as prose gives them: whole minutes. */
export const wholeMinutesOf = (minutes: number): number => Math.round(minutes) + 0;

/** One improvement action as the report numbers it, with the unit responsible (the owner role's unit) and its due date. */
export type ImprovementLine = { n: number; item: FindingItem; unit: string };

/** An inject delivered, as the report tells the scenario that really played out. */
export type SceneLine = { step: Step; atMs: number };

export type RoleGroup = { group: string; roles: { role: Role; people: Person[] }[] };

export type TimelineRow = {
  seq: number;
  atMin: number;
  atMs: number;
  kind: RunEventKind;
  step: Step | null;
  role: Role | null;
  text: string;
  rating: number | null;
  /** For a branch taken: the condition (edge label) or the step it leads to. */
  branch: string | null;
  shiftMin: number | null;
  /** This entry replaced an earlier one (a correction). */
  corrected: boolean;
  /** The seat that recorded it (联网导调), with its name when known; null when the host's console did. */
  seat: { id: string; name: string | null } | null;
};

export type ObservationRow = {
  source: 'event' | 'annotation';
  atMin: number;
  atMs: number;
  step: Step | null;
  role: Role | null;
  text: string;
  rating: number | null;
};

/** A photo as the report's 附件 section shows it: numbered, with its caption, the record's time and what the record was. */
export type AttachmentRow = {
  /** 附件 1, 2, … in the order of the records' times. */
  n: number;
  attachment: Attachment;
  /** The record's time (for an event, as corrected). */
  atMs: number;
  atMin: number;
  source: 'observation' | 'evaluation' | 'annotation';
  step: Step | null;
  /** The record's own text (the observation, the note, the comment). */
  recordText: string;
};

export type AfterActionReport = {
  overview: {
    title: string;
    titleEn: string;
    runName: string;
    source: Run['source'];
    /** The scenario's description: purpose and situation. */
    description: string;
    /** The day the run really took place (not the planned drill date), in the drill's zone. */
    drillDate: string;
    /** The drill's zone: every clock time of the report is shown in it (`clockAt(ms, timeZone)`). */
    timeZone: string;
    startedAtMs: number;
    endedAtMs: number | null;
    location: string;
    organiser: string;
    /**
     * Distinct units of the people taking part (players, controllers, evaluators, simulators), in order of first
     * appearance: the position after a space and any bracketed note (「（模拟县气象台）」「（计时记录）」) left out,
     * never a role or group name; observers' units are not participating units.
     */
    units: string[];
    roleGroups: RoleGroup[];
    /**
     * People taking part: as entered for the run (`run.participants`), else the roster's players, controllers and
     * evaluators; simulators and observers are counted apart (`peopleByCategory`).
     */
    peopleCount: number;
    /** The count was entered for the run rather than counted from the roster. */
    peopleEntered: boolean;
    /** The injects delivered, in time order: the scenario as it played out. */
    scenes: SceneLine[];
    peopleByCategory: Record<ParticipantCategory, number>;
    /** `late`: steps that lost time themselves (listed under the problems); knock-on delays are `knockOnLateCount`. */
    stepCounts: { total: number; done: number; skipped: number; notTaken: number; unfinished: number; notStarted: number; late: number };
    /** The steps that lost time themselves, in script order. */
    lostTimeSteps: Step[];
    /** Null when the plan has no schedule or nothing was done. */
    timing: RunTiming | null;
    objectives: ObjectiveEvaluation[];
    plannedMinutes: number | null;
    actualMinutes: number | null;
    overrun: number | null;
    pausedMinutes: number;
    contributors: { step: Step; minutes: number; wholeMinutes: number; startedLate: number; overran: number; share: number }[];
  };
  problems: ProblemItem[];
  /** Late steps not listed as problems: late only because the steps before them were. */
  knockOnLateCount: number;
  /** What went well (went-well notes). */
  lessons: FindingItem[];
  /** 经验和教训 from both sides: what went well (notes, items the evaluation found achieved) and what went wrong (notes, items it found short). */
  learned: { wentWell: FindingItem[]; achieved: ItemResult[]; wentWrong: FindingItem[]; shortfalls: ItemResult[] };
  improvements: ImprovementGroup[];
  /** The improvement actions numbered 1, 2, … in the order of `improvements`, each with its 责任单位. */
  improvementLines: ImprovementLine[];
  appendix: {
    timeline: TimelineRow[];
    planVsActual: { comparison: StepComparison; cause: DelayCause | null; roles: Role[] }[];
    observations: ObservationRow[];
  };
  /** 附件: the run's photos, in time order. */
  attachments: AttachmentRow[];
  analysis: RunAnalysis;
};

/**
 * A person's unit as a report names it: the position written after a space
 * and any bracketed note left out. Example: 「县生态环境局（模拟县气象台）」 →
 * 「县生态环境局」, 「县水务局 副局长」 → 「县水务局」.
 */
export function unitNameOf(text: string): string {
  return (text.replace(/[（(][^）)]*[）)]/g, ' ').trim().split(/\s+/)[0] ?? '').trim();
}

/** The run's length against the plan in whole minutes; see `RunTiming`. */
function timingOf(analysis: RunAnalysis, notStarted: number, unfinished: number): RunTiming | null {
  if (analysis.plannedLength === null || analysis.actualLength === null || analysis.overrun === null) return null;
  const minutes = Math.abs(wholeMinutesOf(analysis.overrun));
  const kind = notStarted + unfinished > 0 ? 'incomplete' : analysis.overrun > LATE_GRACE_MIN ? 'late' : analysis.overrun < -LATE_GRACE_MIN ? 'early' : 'on-time';
  return { kind, planned: wholeMinutesOf(analysis.plannedLength), actual: wholeMinutesOf(analysis.actualLength), minutes: kind === 'on-time' ? 0 : minutes, notStarted, unfinished };
}

const byDueDate = (a: FindingItem, b: FindingItem) =>
  (a.annotation.dueDate ?? '9999') < (b.annotation.dueDate ?? '9999') ? -1 : (a.annotation.dueDate ?? '9999') > (b.annotation.dueDate ?? '9999') ? 1 : a.atMin - b.atMin;

/** What every report of a run starts from: its plan, start, effective events, analysis at its end, and steps and roles by id. */
export type RunContext = {
  plan: Run['plan'];
  startMs: number;
  effective: RunEvent[];
  analysis: RunAnalysis;
  stepOf: (id: string | null) => Step | null;
  roleOf: (id: string | null) => Role | null;
};

/** The context of a run's reports; `analyzed` reuses an analysis already made (`runAnalysisOf` of the same run, at its end). */
export function runContextOf(run: Run, events: readonly RunEvent[], analyzed?: RunAnalysis): RunContext {
  const plan = run.plan;
  const startMs = Date.parse(run.startedAt);
  const effective = effectiveEventsOf(events);
  const analysis = analyzed ?? runAnalysisOf(plan, effective, startMs, runEndMsOf(effective, startMs, run.endedAt === null ? null : Date.parse(run.endedAt)));
  const stepById = new Map(plan.steps.map((step) => [step.id, step]));
  const roleById = new Map(plan.roles.map((role) => [role.id, role]));
  return {
    plan,
    startMs,
    effective,
    analysis,
    stepOf: (id) => (id === null ? null : (stepById.get(id) ?? null)),
    roleOf: (id) => (id === null ? null : (roleById.get(id) ?? null)),
  };
}

/**
 * An event as it stands after its corrections (a correction is a new event
 * that supersedes the old one), by the seq it was recorded under; null when
 * it is not in the log. A photo stays with its record through corrections.
 */
export function currentEventOf(events: readonly RunEvent[]): (seq: number) => RunEvent | null {
  const eventBySeq = new Map(events.map((event) => [event.seq, event]));
  return (seq) => {
    let event = eventBySeq.get(seq) ?? null;
    for (let hops = 0; event && event.supersededBy !== null && hops < events.length; hops++) event = eventBySeq.get(event.supersededBy) ?? null;
    return event;
  };
}

/** How many photos each record of the log holds, by the seq of the record as corrected (the replay's list marks them). */
export function photoCountsOf(events: readonly RunEvent[], attachments: readonly Pick<Attachment, 'eventSeq'>[]): Map<number, number> {
  const currentOf = currentEventOf(events);
  const counts = new Map<number, number>();
  for (const attachment of attachments) {
    const event = attachment.eventSeq === null ? null : currentOf(attachment.eventSeq);
    if (event) counts.set(event.seq, (counts.get(event.seq) ?? 0) + 1);
  }
  return counts;
}

/**
 * The run's photos as the 附件 section lists them: each with the time and
 * text of the record it belongs to (an event as corrected, a note), in the
 * order of those times; photos of records no longer in the log are left out.
 */
export function attachmentRowsOf(events: readonly RunEvent[], annotations: readonly Annotation[], attachments: readonly Attachment[], context: Pick<RunContext, 'startMs' | 'stepOf'>): AttachmentRow[] {
  const currentOf = currentEventOf(events);
  const annotationById = new Map(annotations.map((annotation) => [annotation.id, annotation]));
  const rows = attachments.flatMap((attachment): Omit<AttachmentRow, 'n'>[] => {
    if (attachment.eventSeq !== null) {
      const event = currentOf(attachment.eventSeq);
      if (!event) return [];
      const atMs = Date.parse(event.at);
      return [{ attachment, atMs, atMin: (atMs - context.startMs) / MINUTE_MS, source: event.kind === 'observation' ? 'observation' : 'evaluation', step: context.stepOf(event.stepId), recordText: event.text }];
    }
    const annotation = attachment.annotationId === null ? undefined : annotationById.get(attachment.annotationId);
    if (!annotation) return [];
    const atMs = Date.parse(annotation.at);
    return [{ attachment, atMs, atMin: (atMs - context.startMs) / MINUTE_MS, source: 'annotation', step: context.stepOf(annotation.stepId), recordText: annotation.text }];
  });
  return rows
    .sort((a, b) => a.atMs - b.atMs || (a.attachment.createdAt < b.attachment.createdAt ? -1 : a.attachment.createdAt > b.attachment.createdAt ? 1 : a.attachment.ord - b.attachment.ord))
    .map((row, i) => ({ ...row, n: i + 1 }));
}

/**
 * The after-action report of a run from everything recorded about it: the
 * run (with its plan), all its events (corrections are resolved here) and
 * its debrief annotations. Example: a run whose monitoring step finished 12
 * minutes late because the response started late lists that step under
 * 发现的问题 with "12 min late, 10 of them from 启动应急响应". Pass `analyzed`
 * (`runAnalysisOf` of the same run, at its end) to reuse an analysis
 * already made; `attachments` (the run's photos) fill the 附件 section.
 */
export function reportOf(
  run: Run,
  events: readonly RunEvent[],
  annotations: readonly Annotation[],
  analyzed?: RunAnalysis,
  attachments: readonly Attachment[] = [],
  /** The names of the run's seats by id, for the records they made. */
  seatNames: Readonly<Record<string, string>> = {},
): AfterActionReport {
  const { plan, startMs, effective, analysis, stepOf, roleOf } = runContextOf(run, events, analyzed);
  const minutesOf = (ms: number) => (ms - startMs) / MINUTE_MS;

  const findings = [...annotations]
    .sort((a, b) => (a.at === b.at ? (a.createdAt < b.createdAt ? -1 : 1) : a.at < b.at ? -1 : 1))
    .map((annotation): FindingItem => ({
      annotation,
      atMin: minutesOf(Date.parse(annotation.at)),
      step: stepOf(annotation.stepId),
      ownerRole: roleOf(annotation.ownerRoleId),
    }));
  const ofKind = (kind: Annotation['kind']) => findings.filter((item) => item.annotation.kind === kind);

  // Overview: who took part.
  const units: string[] = [];
  const peopleByCategory = Object.fromEntries(PARTICIPANT_CATEGORIES.map((c) => [c, 0])) as Record<ParticipantCategory, number>;
  const groups = new Map<string, RoleGroup>();
  let peopleCount = 0;
  const roleNames = new Set(plan.roles.flatMap((role) => [role.name.trim(), role.group.trim()]));
  for (const role of plan.roles) {
    const name = role.group.trim() || role.name;
    const group = groups.get(name) ?? { group: name, roles: [] };
    group.roles.push({ role, people: role.people });
    groups.set(name, group);
    if (role.category !== 'observer' && role.category !== 'simulator') peopleCount += role.people.length;
    peopleByCategory[role.category] += role.people.length;
    if (role.category === 'observer') continue;
    for (const person of role.people) {
      const unit = unitNameOf(person.unit);
      if (unit && !roleNames.has(unit) && !units.includes(unit)) units.push(unit);
    }
  }

  const scenes: SceneLine[] = analysis.steps
    .filter((c) => c.step.kind === 'inject' && c.actualStart !== null)
    .map((c) => ({ step: c.step, atMs: startMs + c.actualStart! * MINUTE_MS }))
    .sort((a, b) => a.atMs - b.atMs);
  const count = (outcome: StepComparison['outcome']) => analysis.steps.filter((c) => c.outcome === outcome).length;
  const itemResults = itemResultsOf(plan.evaluation ?? { forms: [], assignments: [] }, events, run.endedAt);
  const objectives = objectiveEvaluationsOf(plan.objectives, itemResults, analysis.objectives);

  // Problems: findings first (what people saw), then the late steps that lost time themselves, most lost
  // first, then objectives not met. Steps late only because their predecessors were are counted, not listed.
  const causeByStep = new Map(analysis.lateSteps.map((cause) => [cause.stepId, cause]));
  const ownLoss = (cause: DelayCause) => cause.startedLate + Math.max(cause.overran, 0);
  const losing = analysis.lateSteps.filter((cause) => ownLoss(cause) > LATE_GRACE_MIN);
  const losingIds = new Set(losing.map((cause) => cause.stepId));
  // Went-wrong notes: those on a late step go with it; the others together per step, so no step is listed twice.
  const wrong = ofKind('went-wrong');
  const findingsOn = (stepId: string) => wrong.filter((item) => item.step?.id === stepId);
  const findingItems: ProblemItem[] = [];
  const findingSteps = new Set<string>();
  for (const item of wrong) {
    const stepId = item.step?.id ?? null;
    if (stepId === null) findingItems.push({ kind: 'finding', findings: [item] });
    else if (!losingIds.has(stepId) && !findingSteps.has(stepId)) {
      findingSteps.add(stepId);
      findingItems.push({ kind: 'finding', findings: findingsOn(stepId) });
    }
  }
  const lateItems: ProblemItem[] = [...losing]
    .sort((a, b) => ownLoss(b) - ownLoss(a))
    .map((cause) => ({
      kind: 'late-step',
      comparison: analysis.byStep.get(cause.stepId)!,
      cause,
      upstreamStep: cause.upstream ? stepOf(cause.upstream.stepId) : null,
      originSteps: cause.origins.flatMap((origin) => {
        const step = stepOf(origin.stepId);
        return step ? [{ step, minutes: origin.minutes }] : [];
      }),
      findings: findingsOn(cause.stepId),
      wholeDelay: wholeMinutesOf(cause.finishDelay),
    }));
  // Steps never started and still under way: once the run ended or anything was done (a run not yet begun has none to report).
  const begun = run.endedAt !== null || analysis.actualLength !== null;
  const notStartedSteps = begun ? analysis.steps.filter((c) => c.outcome === 'not-started').map((c) => c.step) : [];
  const unfinishedSteps = begun ? analysis.steps.filter((c) => c.outcome === 'unfinished').map((c) => c.step) : [];
  const problems: ProblemItem[] = [
    ...findingItems,
    ...lateItems,
    ...(notStartedSteps.length + unfinishedSteps.length > 0 ? [{ kind: 'not-started', steps: notStartedSteps, unfinished: unfinishedSteps } satisfies ProblemItem] : []),
    ...objectives
      .filter((result) => result.status === 'not-achieved' || result.status === 'partly' || (result.status === 'not-evaluated' && (result.steps?.missedStepIds.length ?? 0) > 0))
      .map((result): ProblemItem => ({ kind: 'objective-not-met', result, missedSteps: (result.steps?.missedStepIds ?? []).flatMap((id) => stepOf(id) ?? []) })),
  ];

  // Improvements grouped by owner role, in the plan's role order; unowned last.
  const improvements: ImprovementGroup[] = [];
  const actions = ofKind('improvement');
  for (const role of plan.roles) {
    const items = actions.filter((item) => item.ownerRole?.id === role.id).sort(byDueDate);
    if (items.length > 0) improvements.push({ role, items });
  }
  const unowned = actions.filter((item) => item.ownerRole === null).sort(byDueDate);
  if (unowned.length > 0) improvements.push({ role: null, items: unowned });
  // 责任单位: the unit of the owner role's first person with one, else the role's name.
  const unitOfRole = (role: Role | null) => (role ? (role.people.map((person) => unitNameOf(person.unit)).find(Boolean) ?? role.name) : '');
  const improvementLines: ImprovementLine[] = improvements
    .flatMap((group) => group.items)
    .map((item, i) => ({ n: i + 1, item, unit: item.annotation.unit?.trim() || unitOfRole(item.ownerRole) }));

  const edgeById = new Map(plan.edges.map((edge) => [edge.id, edge]));
  const timeline: TimelineRow[] = effective.map((event) => {
    const atMs = Date.parse(event.at);
    const edge = event.edgeId === null ? undefined : edgeById.get(event.edgeId);
    return {
      seq: event.seq,
      atMin: minutesOf(atMs),
      atMs,
      kind: event.kind,
      step: stepOf(event.stepId),
      role: roleOf(event.roleId),
      text: event.text,
      rating: event.rating,
      branch: edge ? edge.label || (stepOf(edge.target)?.title ?? edge.target) : null,
      shiftMin: event.shiftMin,
      corrected: event.corrects !== null,
      seat: event.seatId ? { id: event.seatId, name: seatNames[event.seatId] ?? null } : null,
    };
  });

  const observations: ObservationRow[] = [
    ...timeline
      .filter((row) => row.kind === 'observation')
      .map((row): ObservationRow => ({ source: 'event', atMin: row.atMin, atMs: row.atMs, step: row.step, role: row.role, text: row.text, rating: row.rating })),
    ...ofKind('note').map(
      (item): ObservationRow => ({
        source: 'annotation',
        atMin: item.atMin,
        atMs: Date.parse(item.annotation.at),
        step: item.step,
        role: item.ownerRole,
        text: item.annotation.text,
        rating: null,
      }),
    ),
  ].sort((a, b) => a.atMs - b.atMs);

  return {
    overview: {
      title: plan.title,
      titleEn: plan.titleEn,
      runName: run.name,
      source: run.source,
      description: plan.description,
      drillDate: dateAt(startMs, plan.timeZone),
      timeZone: plan.timeZone,
      startedAtMs: startMs,
      endedAtMs: run.endedAt === null ? null : Date.parse(run.endedAt),
      location: plan.location,
      organiser: plan.organiser,
      units,
      roleGroups: [...groups.values()],
      peopleCount: run.participants ?? peopleCount,
      peopleEntered: run.participants !== null && run.participants !== undefined,
      scenes,
      peopleByCategory,
      stepCounts: {
        total: analysis.steps.length,
        done: count('done'),
        skipped: count('skipped'),
        notTaken: count('not-taken'),
        unfinished: count('unfinished'),
        notStarted: count('not-started'),
        late: losing.length,
      },
      lostTimeSteps: analysis.lateSteps.filter((cause) => losingIds.has(cause.stepId)).flatMap((cause) => stepOf(cause.stepId) ?? []),
      timing: timingOf(analysis, notStartedSteps.length, unfinishedSteps.length),
      objectives,
      plannedMinutes: analysis.plannedLength,
      actualMinutes: analysis.actualLength,
      overrun: analysis.overrun,
      pausedMinutes: analysis.pausedMinutes,
      contributors: analysis.contributors.flatMap((c) => {
        const step = stepOf(c.stepId);
        return step ? [{ step, minutes: c.minutes, wholeMinutes: wholeMinutesOf(c.minutes), startedLate: c.startedLate, overran: c.overran, share: c.share }] : [];
      }),
    },
    problems,
    knockOnLateCount: analysis.lateSteps.length - losing.length,
    lessons: ofKind('went-well'),
    learned: {
      wentWell: ofKind('went-well'),
      achieved: itemResults.filter((result) => result.rating?.outcome === 'achieved'),
      wentWrong: ofKind('went-wrong'),
      shortfalls: itemResults.filter((result) => result.rating?.outcome === 'not-achieved' || result.rating?.outcome === 'partly'),
    },
    improvements,
    improvementLines,
    appendix: {
      timeline,
      planVsActual: analysis.steps.map((comparison) => ({
        comparison,
        cause: causeByStep.get(comparison.step.id) ?? null,
        roles: comparison.step.roleIds.flatMap((id) => roleOf(id) ?? []),
      })),
      observations,
    },
    attachments: attachmentRowsOf(events, annotations, attachments, { startMs, stepOf }),
    analysis,
  };
}
