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
import { type Edge, type ParticipantCategory, type Role, type ScenarioBody, type Step, type StepKind } from './model';
import { graphProblemsOf, ruleMessageOf, type GraphProblem } from './rules';
import { cyclesOf, scheduleOf, type Schedule, type StepSchedule } from './schedule';
import { tPlusOf } from './time';
// Domain checks (what a bureau would not sign) live apart from the drafting rules.
import { domainRules } from './domainChecks';

export type Severity = 'error' | 'warning' | 'info';

export type Message = { zh: string; en: string };

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

const zhQuote = (text: string) => `“${text}”`;
const enQuote = (text: string) => `"${text}"`;

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
  {
    zh: '编号唯一，连线、角色、目标的引用都指向存在的对象',
    en: 'Ids are unique and edges, roles and objectives refer to things that exist',
  },
  (ctx, finding) => graphProblemsOf(ctx.body).map((problem) => referenceFindingOf(ctx.body, problem, finding)),
);

const noCycle = rule(
  'no-cycle',
  'error',
  { zh: '步骤之间不能形成循环依赖', en: 'Steps must not depend on each other in a cycle' },
  (ctx, finding) => {
    if (ctx.schedule().ok) return [];
    const edges = ctx.body.edges.filter((edge) => edge.source !== edge.target);
    return cyclesOf({ steps: ctx.body.steps, edges }).map((cycle) => {
      const titles = [...cycle, cycle[0]].map(ctx.titleOf);
      return finding(
        {
          zh: `步骤形成循环：${titles.map(zhQuote).join(' → ')}`,
          en: `Steps form a cycle: ${titles.map(enQuote).join(' → ')}`,
        },
        { stepId: cycle[0] },
      );
    });
  },
);

const noSelfEdge = rule(
  'no-self-edge',
  'error',
  { zh: '连线不能从步骤指回它自己', en: 'An edge must not lead from a step back to itself' },
  (ctx, finding) =>
    ctx.body.edges
      .filter((edge) => edge.source === edge.target)
      .map((edge) => {
        const title = ctx.titleOf(edge.source);
        return finding(
          { zh: `连线从步骤${zhQuote(title)}指回它自己`, en: `An edge leads from step ${enQuote(title)} back to itself` },
          { stepId: edge.source, edgeId: edge.id },
        );
      }),
);

const stepHasRole = rule(
  'step-has-role',
  'warning',
  {
    zh: '除里程碑外，每个步骤至少有一个负责角色',
    en: 'Every step except milestones has at least one responsible role',
  },
  (ctx, finding) =>
    [...ctx.stepById.values()]
      .filter((step) => step.kind !== 'milestone' && step.roleIds.length === 0)
      .map((step) =>
        finding(
          { zh: `步骤${zhQuote(step.title)}没有负责角色`, en: `Step ${enQuote(step.title)} has no responsible role` },
          { stepId: step.id },
        ),
      ),
);

const reachableFromInject = rule(
  'reachable-from-inject',
  'warning',
  {
    zh: '每个步骤都能从某个情景注入沿连线到达',
    en: 'Every step can be reached along edges from some inject',
  },
  (ctx, finding) => {
    const steps = [...ctx.stepById.values()];
    if (steps.length === 0) return [];
    const injects = steps.filter((step) => step.kind === 'inject');
    if (injects.length === 0)
      return [finding({ zh: '剧本中没有情景注入步骤', en: 'The scenario has no inject step' })];
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
      .map((step) =>
        finding(
          {
            zh: `步骤${zhQuote(step.title)}无法从任何情景注入到达`,
            en: `Step ${enQuote(step.title)} cannot be reached from any inject`,
          },
          { stepId: step.id },
        ),
      );
  },
);

const decisionBranches = rule(
  'decision-branches',
  'warning',
  {
    zh: '决策点至少有两条出发的连线，且都是条件连线',
    en: 'A decision has at least two outgoing edges, all of them conditional',
  },
  (ctx, finding) => {
    const findings: Finding[] = [];
    for (const step of ctx.stepById.values()) {
      if (step.kind !== 'decision') continue;
      const branches = (ctx.outgoing.get(step.id) ?? []).filter((edge) => edge.target !== step.id);
      if (branches.length < 2)
        findings.push(
          finding(
            {
              zh: `决策点${zhQuote(step.title)}只有 ${branches.length} 个分支，至少需要两个`,
              en: `Decision ${enQuote(step.title)} has ${branches.length} branch${branches.length === 1 ? '' : 'es'}; it needs at least two`,
            },
            { stepId: step.id },
          ),
        );
      for (const edge of branches) {
        if (edge.kind === 'conditional') continue;
        const target = ctx.titleOf(edge.target);
        findings.push(
          finding(
            {
              zh: `决策点${zhQuote(step.title)}到${zhQuote(target)}的连线应为条件连线`,
              en: `The edge from decision ${enQuote(step.title)} to ${enQuote(target)} should be conditional`,
            },
            { stepId: step.id, edgeId: edge.id },
          ),
        );
      }
    }
    return findings;
  },
);

const conditionalFromDecision = rule(
  'conditional-from-decision',
  'warning',
  {
    zh: '条件连线只能从决策点出发，并写明条件',
    en: 'Conditional edges leave decisions only and state their condition',
  },
  (ctx, finding) => {
    const findings: Finding[] = [];
    for (const edge of ctx.body.edges) {
      if (edge.kind !== 'conditional') continue;
      const source = ctx.stepById.get(edge.source);
      const from = ctx.titleOf(edge.source);
      const to = ctx.titleOf(edge.target);
      if (source && source.kind !== 'decision')
        findings.push(
          finding(
            {
              zh: `条件连线从${zhQuote(from)}到${zhQuote(to)}，但${zhQuote(from)}不是决策点`,
              en: `The conditional edge from ${enQuote(from)} to ${enQuote(to)} does not leave a decision`,
            },
            { stepId: edge.source, edgeId: edge.id },
          ),
        );
      if (edge.label.trim() === '')
        findings.push(
          finding(
            {
              zh: `从${zhQuote(from)}到${zhQuote(to)}的条件连线没有写明条件`,
              en: `The conditional edge from ${enQuote(from)} to ${enQuote(to)} has no condition label`,
            },
            { stepId: edge.source, edgeId: edge.id },
          ),
        );
    }
    return findings;
  },
);

const hasDuration = rule(
  'has-duration',
  'warning',
  {
    zh: '情景注入、处置动作和决策点设定了预计时长',
    en: 'Injects, actions and decisions have a planned duration',
  },
  (ctx, finding) =>
    [...ctx.stepById.values()]
      .filter((step) => WORKING_KINDS.includes(step.kind) && step.durationMin === null)
      .map((step) =>
        finding(
          {
            zh: `步骤${zhQuote(step.title)}没有设定预计时长（按 0 分钟排期）`,
            en: `Step ${enQuote(step.title)} has no planned duration (scheduled as 0 minutes)`,
          },
          { stepId: step.id },
        ),
      ),
);

const objectiveServed = rule(
  'objective-served',
  'warning',
  { zh: '每个演练目标至少有一个步骤服务于它', en: 'Every objective is served by at least one step' },
  (ctx, finding) => {
    const served = new Set<string>();
    for (const step of ctx.stepById.values()) for (const id of step.objectiveIds) served.add(id);
    return ctx.body.objectives
      .filter((objective) => !served.has(objective.id))
      .map((objective) =>
        finding(
          {
            zh: `演练目标${zhQuote(objective.text)}没有对应的步骤`,
            en: `Objective ${enQuote(objective.text)} is not served by any step`,
          },
          { objectiveId: objective.id },
        ),
      );
  },
);

const roleHasStep = rule(
  'role-has-step',
  'info',
  {
    zh: '每个角色至少负责一个步骤（评估人员和观摩人员除外）',
    en: 'Every role is responsible for at least one step (evaluators and observers excepted)',
  },
  (ctx, finding) =>
    [...ctx.roleById.values()]
      .filter((role) => !NON_ACTING_CATEGORIES.includes(role.category) && !ctx.stepsByRole.has(role.id))
      .map((role) =>
        finding(
          { zh: `角色${zhQuote(role.name)}没有负责任何步骤`, en: `Role ${enQuote(role.name)} is not responsible for any step` },
          { roleId: role.id },
        ),
      ),
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
  {
    zh: '同一人员不能在两个角色中同时负责时间重叠的步骤',
    en: 'One person is not in two roles whose steps overlap in planned time',
  },
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
        const titleA = ctx.titleOf(a.stepId);
        const titleB = ctx.titleOf(b.stepId);
        findings.push(
          finding(
            {
              zh: `${zhQuote(name)}同时在角色${zhQuote(roleA.name)}和${zhQuote(roleB.name)}中，步骤${zhQuote(titleA)}（${span(a)}）与${zhQuote(titleB)}（${span(b)}）时间重叠`,
              en: `${enQuote(name)} is in both roles ${enQuote(roleA.name)} and ${enQuote(roleB.name)}, whose steps ${enQuote(titleA)} (${span(a)}) and ${enQuote(titleB)} (${span(b)}) overlap`,
            },
            { stepId: b.stepId, roleId: roleB.id },
          ),
        );
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
