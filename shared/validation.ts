/**
 * Drafting checks for a scenario, in the spirit of bpmnlint: a list of named
 * rules, each looking at the whole scenario and returning findings.
 *
 * Findings never block saving: a draft with errors can still be saved, the
 * editor shows them so the author can fix them. `error` marks what makes the
 * plan meaningless (a cycle, a reference to nothing), `warning` what a drill
 * script should not go out with, `info` what is worth a look.
 *
 * The context is built once per check (adjacency, role lookup, the planned
 * schedule computed lazily and at most once) and shared by all rules, so a
 * 2,000-step scenario is checked in a few milliseconds.
 */
import { inEveryLanguage, messageOf, type Language, type MessageParams } from './i18n';
import { type Edge, type ParticipantCategory, type Role, type ScenarioBody, type Step, type StepKind } from './model';
import { graphProblemsOf, ruleMessageOf, type GraphProblem } from './rules';
import { cyclesOf, scheduleOf, type Schedule, type StepSchedule } from './schedule';
import { tPlusOf } from './time';
// Domain checks (what a bureau would not sign) live apart from the drafting rules.
import { domainRules } from './domainChecks';

export type Severity = 'error' | 'warning' | 'info';

/** A finding's or rule's text in every language, worded from the catalogue. */
export type Message = Record<Language, string>;

export type Finding = {
  ruleId: string;
  severity: Severity;
  message: Message;
  stepId?: string;
  edgeId?: string;
  roleId?: string;
  objectiveId?: string;
};

/** What every rule can look at, computed once per `findingsOf`. */
export type RuleContext = {
  body: ScenarioBody;
  stepById: ReadonlyMap<string, Step>;
  roleById: ReadonlyMap<string, Role>;
  /** Edges whose two ends exist, by source step id (self-edges included). */
  outgoing: ReadonlyMap<string, readonly Edge[]>;
  /** Steps each role is responsible for, by role id. */
  stepsByRole: ReadonlyMap<string, readonly Step[]>;
  /** The planned schedule with self-edges left out (they are findings of their own); computed on first use. */
  schedule: () => Schedule;
  /** A step's title, or its id when there is no such step. */
  titleOf: (stepId: string) => string;
};

export type Rule = {
  id: string;
  severity: Severity;
  description: Message;
  check: (ctx: RuleContext) => Finding[];
};

/** Step kinds that do work and so need a responsible role and a duration. Milestones are checkpoints. */
const WORKING_KINDS: readonly StepKind[] = ['inject', 'action', 'decision'];

/** Participant categories that watch rather than act, so owning no step is normal. */
const NON_ACTING_CATEGORIES: readonly ParticipantCategory[] = ['observer', 'evaluator'];

/** A drafting rule's statement or finding from the catalogue (`editor.validation.*`), in both languages. */
const say = (key: string, params: MessageParams = {}): Message => inEveryLanguage(`editor.validation.${key}`, params);

/** Builds the shared context of a check. */
export function ruleContextOf(body: ScenarioBody): RuleContext {
  const stepById = new Map<string, Step>();
  for (const step of body.steps) if (!stepById.has(step.id)) stepById.set(step.id, step);
  const roleById = new Map<string, Role>();
  for (const role of body.roles) if (!roleById.has(role.id)) roleById.set(role.id, role);
  const outgoing = new Map<string, Edge[]>();
  for (const edge of body.edges) {
    if (!stepById.has(edge.source) || !stepById.has(edge.target)) continue;
    const list = outgoing.get(edge.source);
    if (list) list.push(edge);
    else outgoing.set(edge.source, [edge]);
  }
  const stepsByRole = new Map<string, Step[]>();
  for (const step of stepById.values()) {
    for (const roleId of new Set(step.roleIds)) {
      const list = stepsByRole.get(roleId);
      if (list) list.push(step);
      else stepsByRole.set(roleId, [step]);
    }
  }
  let schedule: Schedule | undefined;
  return {
    body,
    stepById,
    roleById,
    outgoing,
    stepsByRole,
    schedule: () =>
      (schedule ??= scheduleOf({ steps: body.steps, edges: body.edges.filter((edge) => edge.source !== edge.target) })),
    titleOf: (stepId) => stepById.get(stepId)?.title ?? stepId,
  };
}

function rule(
  id: string,
  severity: Severity,
  description: Message,
  check: (ctx: RuleContext, finding: (message: Message, about?: Omit<Finding, 'ruleId' | 'severity' | 'message'>) => Finding) => Finding[],
): Rule {
  return {
    id,
    severity,
    description,
    check: (ctx) => check(ctx, (message, about = {}) => ({ ruleId: id, severity, message, ...about })),
  };
}

/** A broken rule of the rulebook as a finding: the object it is about, and the rule's message in both languages. */
function referenceFindingOf(
  body: ScenarioBody,
  problem: GraphProblem,
  finding: (message: Message, about?: Omit<Finding, 'ruleId' | 'severity' | 'message'>) => Finding,
): Finding {
  const message = { zh: ruleMessageOf(problem, 'zh'), en: ruleMessageOf(problem, 'en') };
  const match = /^(roles|steps|edges|objectives)\[(\d+)\]/.exec(problem.path);
  if (!match) return finding(message);
  const id = body[match[1] as 'roles' | 'steps' | 'edges' | 'objectives'][Number(match[2])].id;
  const about = { roles: { roleId: id }, steps: { stepId: id }, edges: { edgeId: id }, objectives: { objectiveId: id } }[match[1] as 'roles'];
  return finding(message, about);
}

const danglingReference = rule(
  'dangling-reference',
  'error',
  say('rule.danglingReference'),
  (ctx, finding) => graphProblemsOf(ctx.body).map((problem) => referenceFindingOf(ctx.body, problem, finding)),
);

const noCycle = rule(
  'no-cycle',
  'error',
  say('rule.noCycle'),
  (ctx, finding) => {
    if (ctx.schedule().ok) return [];
    const edges = ctx.body.edges.filter((edge) => edge.source !== edge.target);
    return cyclesOf({ steps: ctx.body.steps, edges }).map((cycle) => {
      const titles = [...cycle, cycle[0]].map(ctx.titleOf);
      // The titles joined by arrows, each quoted as the language quotes.
      const worded = (language: Language) => messageOf(language, 'editor.validation.cycle', { steps: titles.map((text) => messageOf(language, 'editor.validation.quoted', { text })).join(' → ') });
      return finding({ zh: worded('zh'), en: worded('en') }, { stepId: cycle[0] });
    });
  },
);

const noSelfEdge = rule(
  'no-self-edge',
  'error',
  say('rule.noSelfEdge'),
  (ctx, finding) =>
    ctx.body.edges
      .filter((edge) => edge.source === edge.target)
      .map((edge) => finding(say('selfEdge', { title: ctx.titleOf(edge.source) }), { stepId: edge.source, edgeId: edge.id })),
);

const stepHasRole = rule(
  'step-has-role',
  'warning',
  say('rule.stepHasRole'),
  (ctx, finding) =>
    [...ctx.stepById.values()]
      .filter((step) => step.kind !== 'milestone' && step.roleIds.length === 0)
      .map((step) => finding(say('noRole', { title: step.title }), { stepId: step.id })),
);

const reachableFromInject = rule(
  'reachable-from-inject',
  'warning',
  say('rule.reachableFromInject'),
  (ctx, finding) => {
    const steps = [...ctx.stepById.values()];
    if (steps.length === 0) return [];
    const injects = steps.filter((step) => step.kind === 'inject');
    if (injects.length === 0)
      return [finding(say('noInject'))];
    const reached = new Set(injects.map((step) => step.id));
    const queue = injects.map((step) => step.id);
    for (let head = 0; head < queue.length; head++) {
      for (const edge of ctx.outgoing.get(queue[head]) ?? []) {
        if (reached.has(edge.target)) continue;
        reached.add(edge.target);
        queue.push(edge.target);
      }
    }
    return steps
      .filter((step) => !reached.has(step.id))
      .map((step) => finding(say('unreachable', { title: step.title }), { stepId: step.id }));
  },
);

const decisionBranches = rule(
  'decision-branches',
  'warning',
  say('rule.decisionBranches'),
  (ctx, finding) => {
    const findings: Finding[] = [];
    for (const step of ctx.stepById.values()) {
      if (step.kind !== 'decision') continue;
      const branches = (ctx.outgoing.get(step.id) ?? []).filter((edge) => edge.target !== step.id);
      if (branches.length < 2)
        findings.push(finding(say('fewBranches', { title: step.title, count: branches.length }), { stepId: step.id }));
      for (const edge of branches) {
        if (edge.kind === 'conditional') continue;
        findings.push(finding(say('unconditionalBranch', { title: step.title, target: ctx.titleOf(edge.target) }), { stepId: step.id, edgeId: edge.id }));
      }
    }
    return findings;
  },
);

const conditionalFromDecision = rule(
  'conditional-from-decision',
  'warning',
  say('rule.conditionalFromDecision'),
  (ctx, finding) => {
    const findings: Finding[] = [];
    for (const edge of ctx.body.edges) {
      if (edge.kind !== 'conditional') continue;
      const source = ctx.stepById.get(edge.source);
      const from = ctx.titleOf(edge.source);
      const to = ctx.titleOf(edge.target);
      if (source && source.kind !== 'decision')
        findings.push(finding(say('conditionalNotFromDecision', { from, to }), { stepId: edge.source, edgeId: edge.id }));
      if (edge.label.trim() === '')
        findings.push(finding(say('conditionWithoutLabel', { from, to }), { stepId: edge.source, edgeId: edge.id }));
    }
    return findings;
  },
);

const hasDuration = rule(
  'has-duration',
  'warning',
  say('rule.hasDuration'),
  (ctx, finding) =>
    [...ctx.stepById.values()]
      .filter((step) => WORKING_KINDS.includes(step.kind) && step.durationMin === null)
      .map((step) => finding(say('noDuration', { title: step.title }), { stepId: step.id })),
);

const objectiveServed = rule(
  'objective-served',
  'warning',
  say('rule.objectiveServed'),
  (ctx, finding) => {
    const served = new Set<string>();
    for (const step of ctx.stepById.values()) for (const id of step.objectiveIds) served.add(id);
    return ctx.body.objectives
      .filter((objective) => !served.has(objective.id))
      .map((objective) => finding(say('objectiveUnserved', { text: objective.text }), { objectiveId: objective.id }));
  },
);

const roleHasStep = rule(
  'role-has-step',
  'info',
  say('rule.roleHasStep'),
  (ctx, finding) =>
    [...ctx.roleById.values()]
      .filter((role) => !NON_ACTING_CATEGORIES.includes(role.category) && !ctx.stepsByRole.has(role.id))
      .map((role) => finding(say('roleWithoutStep', { name: role.name }), { roleId: role.id })),
);

/** A person's name as compared across roles: trimmed, inner spaces collapsed, Latin letters lower-cased. */
const personNameKey = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();
/** A phone number as compared across roles: digits only. */
const phoneKey = (phone: string) => phone.replace(/\D/g, '');

/**
 * Pairs of different roles that list the same person: same name, and the
 * phone numbers do not contradict (equal, or at least one missing).
 */
function sharedPeopleOf(roles: Iterable<Role>): { name: string; roleA: Role; roleB: Role }[] {
  const byName = new Map<string, { role: Role; name: string; phone: string }[]>();
  for (const role of roles) {
    for (const person of role.people) {
      const key = personNameKey(person.name);
      if (key === '') continue;
      const entry = { role, name: person.name.trim(), phone: phoneKey(person.phone) };
      const list = byName.get(key);
      if (list) list.push(entry);
      else byName.set(key, [entry]);
    }
  }
  const pairs: { name: string; roleA: Role; roleB: Role }[] = [];
  for (const entries of byName.values()) {
    const seen = new Set<string>();
    for (let i = 0; i < entries.length; i++) {
      for (let j = i + 1; j < entries.length; j++) {
        const a = entries[i];
        const b = entries[j];
        if (a.role.id === b.role.id) continue;
        if (a.phone !== '' && b.phone !== '' && a.phone !== b.phone) continue;
        const key = a.role.id < b.role.id ? `${a.role.id}\n${b.role.id}` : `${b.role.id}\n${a.role.id}`;
        if (seen.has(key)) continue;
        seen.add(key);
        pairs.push({ name: a.name, roleA: a.role, roleB: b.role });
      }
    }
  }
  return pairs;
}

const span = (s: StepSchedule) => `${tPlusOf(s.earliestStart)}–${tPlusOf(s.earliestFinish)}`;

const personDoubleBooked = rule(
  'person-double-booked',
  'warning',
  say('rule.personDoubleBooked'),
  (ctx, finding) => {
    const schedule = ctx.schedule();
    if (!schedule.ok) return [];
    const findings: Finding[] = [];
    const timed = (role: Role) =>
      (ctx.stepsByRole.get(role.id) ?? [])
        .map((step) => schedule.byStep.get(step.id)!)
        .sort((a, b) => a.earliestStart - b.earliestStart);
    // One finding per step of the second role that overlaps some step of the
    // first, naming the first such step: linear in steps, however crowded.
    for (const { name, roleA, roleB } of sharedPeopleOf(ctx.roleById.values())) {
      const stepsA = timed(roleA);
      for (const b of timed(roleB)) {
        let a: StepSchedule | undefined;
        for (const candidate of stepsA) {
          if (candidate.earliestStart >= b.earliestFinish) break;
          if (candidate.stepId !== b.stepId && b.earliestStart < candidate.earliestFinish) {
            a = candidate;
            break;
          }
        }
        if (!a) continue;
        const about = { name, roleA: roleA.name, roleB: roleB.name, titleA: ctx.titleOf(a.stepId), spanA: span(a), titleB: ctx.titleOf(b.stepId), spanB: span(b) };
        findings.push(finding(say('doubleBooked', about), { stepId: b.stepId, roleId: roleB.id }));
      }
    }
    return findings;
  },
);

/** All rules, in the order their findings are listed: errors first. */
export const rules: readonly Rule[] = [
  danglingReference,
  noCycle,
  noSelfEdge,
  stepHasRole,
  reachableFromInject,
  decisionBranches,
  conditionalFromDecision,
  hasDuration,
  objectiveServed,
  personDoubleBooked,
  roleHasStep,
  // What a bureau would not sign (shared/domainChecks.ts), all warnings.
  ...domainRules,
];

/**
 * Every finding of every rule for a scenario body, grouped by rule in the
 * order of `rules`. Example: a scenario whose only step is an action without
 * a role gives 'step-has-role', 'reachable-from-inject' (no inject) and,
 * without a duration, 'has-duration'.
 */
export function findingsOf(body: ScenarioBody): Finding[] {
  const ctx = ruleContextOf(body);
  return rules.flatMap((r) => r.check(ctx));
}

/** Findings that name a step, grouped by step id (for badges on nodes). */
export function findingsByStepOf(findings: readonly Finding[]): Map<string, Finding[]> {
  const byStep = new Map<string, Finding[]>();
  for (const finding of findings) {
    if (finding.stepId === undefined) continue;
    const list = byStep.get(finding.stepId);
    if (list) list.push(finding);
    else byStep.set(finding.stepId, [finding]);
  }
  return byStep;
}
