/**
 * The evaluation report (演练评估报告) of a run as a view-model, in the order
 * AQ/T 9009 and GB/T 46792 lay the written evaluation out: the drill, the
 * method and the evaluation team, each form's results with its total and
 * pass/fail, whether each objective was achieved (by the rule in
 * `evaluation.ts`), the items not achieved with their evidence (the
 * entries, the observations on their steps, the steps' plan against reality
 * and why they were late), strengths, problems and recommendations. Labels
 * and sentences belong to the catalogue; this holds the drill's own data.
 */
import type { DelayCause, RunAnalysis, StepComparison } from './analysis';
import {
  formResultsOf,
  itemResultsOf,
  objectiveEvaluationsOf,
  type FormResult,
  type ItemEntry,
  type ItemResult,
  type ObjectiveEvaluation,
} from './evaluation';
import { assigneeNameOf } from './evaluationSheets';
import type { Annotation, Objective, Role, Run, RunEvent, Step } from './model';
import { runContextOf } from './report';

export type TeamMember = {
  who: string;
  role: Role | null;
  lead: boolean;
  /** The forms covered, each with the section numbers covered (empty: the whole form). */
  forms: { title: string; sections: number[] }[];
  sites: string[];
};

/** Evidence about a step an item evaluates: its plan against reality and, when late, why. */
export type StepEvidence = { comparison: StepComparison; cause: DelayCause | null };

export type Observation = { atMs: number; step: Step | null; role: Role | null; text: string; rating: number | null };

/** An item not (fully) achieved, with what shows it. */
export type ShortfallItem = {
  result: ItemResult;
  entries: ItemEntry[];
  observations: Observation[];
  steps: StepEvidence[];
};

export type NoteItem = { annotation: Annotation; atMs: number; step: Step | null; owner: Role | null };

export type HotWashComment = { atMs: number; who: string; role: Role | null; text: string; enteredLater: boolean; corrected: boolean };

export type EvaluationReport = {
  basics: {
    title: string;
    runName: string;
    startedAtMs: number;
    endedAtMs: number | null;
    /** The drill's time zone: every clock time of the report is shown in it. */
    timeZone: string;
    location: string;
    organiser: string;
    objectives: Objective[];
  };
  team: TeamMember[];
  forms: FormResult[];
  objectives: ObjectiveEvaluation[];
  /** Items rated not achieved, then those rated partly, in form order, with evidence. */
  shortfalls: ShortfallItem[];
  hotWash: HotWashComment[];
  strengths: { notes: NoteItem[]; items: ItemResult[] };
  problems: NoteItem[];
  recommendations: NoteItem[];
  analysis: RunAnalysis;
};

/**
 * The evaluation report of a run from its plan, all its events (corrections
 * resolved here) and its debrief notes. Pass `analyzed` (`runAnalysisOf` of
 * the same run, at its end) to reuse an analysis already made.
 */
export function evaluationReportOf(run: Run, events: readonly RunEvent[], annotations: readonly Annotation[], analyzed?: RunAnalysis): EvaluationReport {
  const { plan, startMs, effective, analysis, stepOf, roleOf } = runContextOf(run, events, analyzed);
  const causeOf = new Map(analysis.lateSteps.map((cause) => [cause.stepId, cause]));

  const results = itemResultsOf(plan.evaluation, events, run.endedAt);
  const forms = formResultsOf(plan.evaluation, results);
  const objectives = objectiveEvaluationsOf(plan.objectives, results, analysis.objectives);

  const team: TeamMember[] = plan.evaluation.assignments.map((assignment) => ({
    who: assigneeNameOf(assignment, plan.roles),
    role: roleOf(assignment.roleId),
    lead: assignment.lead,
    forms: plan.evaluation.forms
      .filter((form) => assignment.formIds.includes(form.id))
      .map((form) => ({ title: form.title, sections: form.sections.flatMap((section, s) => (assignment.sectionIds.includes(section.id) ? [s + 1] : [])) })),
    sites: assignment.sites,
  }));

  const observationsOn = (stepIds: readonly string[]): Observation[] =>
    effective
      .filter((event) => event.kind === 'observation' && event.stepId !== null && stepIds.includes(event.stepId))
      .map((event) => ({ atMs: Date.parse(event.at), step: stepOf(event.stepId), role: roleOf(event.roleId), text: event.text, rating: event.rating }));
  const shortfallOf = (result: ItemResult): ShortfallItem => ({
    result,
    entries: result.entries,
    observations: observationsOn(result.item.stepIds),
    steps: result.item.stepIds.flatMap((id) => {
      const comparison = analysis.byStep.get(id);
      return comparison ? [{ comparison, cause: causeOf.get(id) ?? null }] : [];
    }),
  });
  const rated = (outcome: string) => results.filter((result) => result.rating?.outcome === outcome);

  const notes = [...annotations]
    .sort((a, b) => (a.at === b.at ? (a.createdAt < b.createdAt ? -1 : 1) : a.at < b.at ? -1 : 1))
    .map((annotation): NoteItem => ({ annotation, atMs: Date.parse(annotation.at), step: stepOf(annotation.stepId), owner: roleOf(annotation.ownerRoleId) }));
  const notesOf = (kind: Annotation['kind']) => notes.filter((note) => note.annotation.kind === kind);

  const hotWash = effective
    .filter((event) => event.kind === 'hot-wash')
    .map((event) => ({
      atMs: Date.parse(event.at),
      who: event.person || (roleOf(event.roleId)?.name ?? ''),
      role: roleOf(event.roleId),
      text: event.text,
      enteredLater: run.endedAt !== null && Date.parse(event.recordedAt) > Date.parse(run.endedAt),
      corrected: event.corrects !== null,
    }));

  return {
    basics: {
      title: plan.title,
      runName: run.name,
      startedAtMs: startMs,
      endedAtMs: run.endedAt === null ? null : Date.parse(run.endedAt),
      timeZone: plan.timeZone,
      location: plan.location,
      organiser: plan.organiser,
      objectives: plan.objectives,
    },
    team,
    forms,
    objectives,
    shortfalls: [...rated('not-achieved'), ...rated('partly')].map(shortfallOf),
    hotWash,
    strengths: { notes: notesOf('went-well'), items: rated('achieved').filter((result) => result.entries.at(-1)?.event.text.trim()) },
    problems: notesOf('went-wrong'),
    recommendations: notesOf('improvement'),
    analysis,
  };
}
