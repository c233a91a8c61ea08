/**
 * An OpenAEV (formerly OpenBAS) scenario export read as a drill:
 * `scenario_information` gives the title and description, `scenario_teams`
 * the roles, `scenario_objectives` the objectives, and `scenario_injects`
 * the steps: each inject's `inject_depends_duration` is seconds from the
 * scenario start, `inject_depends_on` (an id, or a list of
 * `{dependency_relationship: {inject_parent_id}}`) its predecessors, and
 * `inject_teams` (or `inject_all_teams`) its roles. Injects without a parent
 * follow each other in time order.
 */
import { z } from 'zod';
import { catalogues, type Language } from '../i18n';
import { EMPTY_ROSTER_FIELDS, InjectStepSchema, MAX_MINUTES, MAX_NAME, MAX_TEXT, ScenarioBodySchema, type Edge, type Role, type ScenarioBody, type Step } from '../model';
import { graphProblemsOf, ruleMessageOf } from '../rules';
import { cyclesOf } from '../schedule';
import { pad2 } from '../time';
import { categoryOfName, MAX_IMPORT_STEPS, stepTitleOf, type ImportCounts, type PreviewRole } from './build';
import { issueOf, type ImportIssue } from './issues';

const text = z.string().max(MAX_TEXT).nullish();
const ParentSchema = z.union([
  z.string().max(200),
  z.array(z.looseObject({ dependency_relationship: z.looseObject({ inject_parent_id: z.string().max(200).nullish() }).nullish() })).max(1_000),
]);
const OpenAevSchema = z.looseObject({
  scenario_information: z.looseObject({ scenario_name: text, scenario_description: text, scenario_subtitle: text }),
  scenario_teams: z.array(z.looseObject({ team_id: z.string().max(200), team_name: z.string().max(MAX_TEXT), team_description: text })).max(500).nullish(),
  scenario_objectives: z.array(z.looseObject({ objective_id: z.string().max(200).nullish(), objective_title: z.string().max(2_000), objective_description: text })).max(200).nullish(),
  scenario_injects: z
    .array(
      z.looseObject({
        inject_id: z.string().max(200),
        inject_title: z.string().max(MAX_TEXT),
        inject_description: text,
        inject_depends_on: ParentSchema.nullish(),
        inject_depends_duration: z.number().finite().min(0).max(MAX_MINUTES * 60).nullish(),
        inject_teams: z.array(z.string().max(200)).max(500).nullish(),
        inject_all_teams: z.boolean().nullish(),
      }),
    )
    .max(MAX_IMPORT_STEPS),
});

/** Whether parsed JSON looks like an OpenAEV scenario export. */
export function isOpenAevExport(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'scenario_information' in value && 'scenario_injects' in value;
}

export type OpenAevImport = { body: ScenarioBody | null; roles: PreviewRole[]; counts: ImportCounts; issues: ImportIssue[] };

const pad3 = (n: number) => String(n).padStart(3, '0');

/** The scenario of an OpenAEV export, or the problems that refuse it. */
export function openAevImportOf(value: unknown, language: Language): OpenAevImport {
  const issues: ImportIssue[] = [];
  const none: ImportCounts = { steps: 0, phases: 0, edges: 0, withoutDuration: 0, unreadableTimes: 0, roles: 0, objectives: 0 };
  if (!isOpenAevExport(value)) return { body: null, roles: [], counts: none, issues: [issueOf('problem', 'notOpenAev')] };
  const parsed = OpenAevSchema.safeParse(value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues.slice(0, 20))
      issues.push(issueOf('problem', 'openAevField', {}, { field: issue.path.map(String).join('.'), detail: issue.message }));
    return { body: null, roles: [], counts: none, issues };
  }
  const data = parsed.data;
  const roles: Role[] = (data.scenario_teams ?? []).map((team, i) => {
    const category = categoryOfName(team.team_name);
    return {
      ...EMPTY_ROSTER_FIELDS,
      id: `role-${pad2(i + 1)}`,
      name: team.team_name.trim().slice(0, MAX_NAME) || `Team ${i + 1}`,
      group: '',
      category,
      color: category === 'controller' ? '#7c3aed' : '#0284c7',
      responsibilities: team.team_description ?? '',
      reportsTo: null,
      people: [],
    };
  });
  const roleByTeam = new Map((data.scenario_teams ?? []).map((team, i) => [team.team_id, roles[i].id]));
  const objectives = (data.scenario_objectives ?? []).map((o, i) => ({
    id: `obj-${i + 1}`,
    text: [o.objective_title, o.objective_description].filter((t) => t && t.trim() !== '').join('：').slice(0, 2_000) || `Objective ${i + 1}`,
  }));
  const injects = data.scenario_injects;
  const order = injects.map((_, i) => i).sort((a, b) => (injects[a].inject_depends_duration ?? 0) - (injects[b].inject_depends_duration ?? 0) || a - b);
  const stepOfInject = new Map<string, Step>();
  const offsetOf = new Map<string, number>();
  const steps: Step[] = [];
  for (const i of order) {
    const inject = injects[i];
    const title = stepTitleOf(inject.inject_title) || `Inject ${steps.length + 1}`;
    const teamRoles = inject.inject_all_teams ? roles.map((r) => r.id) : (inject.inject_teams ?? []).flatMap((id) => roleByTeam.get(id) ?? []);
    const parsedStep = InjectStepSchema.safeParse({
      id: `s${pad3(steps.length + 1)}`,
      kind: 'inject',
      title,
      description: [title === inject.inject_title.trim() ? '' : inject.inject_title, inject.inject_description ?? ''].filter((t) => t.trim() !== '').join('\n'),
      roleIds: [...new Set(teamRoles)],
      durationMin: 0,
    });
    if (!parsedStep.success) {
      const issue = parsedStep.error.issues[0];
      issues.push(issueOf('problem', 'openAevField', {}, { field: `scenario_injects.${i}.${issue.path.map(String).join('.')}`, detail: issue.message }));
      continue;
    }
    const step = parsedStep.data;
    steps.push(step);
    stepOfInject.set(inject.inject_id, step);
    offsetOf.set(step.id, Math.round((inject.inject_depends_duration ?? 0) / 60));
  }
  if (issues.length > 0) return { body: null, roles: roles.map((r) => ({ name: r.name, category: r.category, people: [] })), counts: none, issues };
  const edges: Edge[] = [];
  const addEdge = (source: Step, target: Step) =>
    edges.push({ id: `e${pad3(edges.length + 1)}`, source: source.id, target: target.id, kind: 'sequence', label: '', lagMin: Math.max(0, offsetOf.get(target.id)! - offsetOf.get(source.id)!) });
  let previousRoot: Step | null = null;
  for (const i of order) {
    const inject = injects[i];
    const step = stepOfInject.get(inject.inject_id)!;
    const parents = parentIdsOf(inject.inject_depends_on).flatMap((id) => stepOfInject.get(id) ?? []);
    if (parents.length > 0) for (const parent of parents) addEdge(parent, step);
    else {
      if (previousRoot) addEdge(previousRoot, step);
      previousRoot = step;
    }
  }
  const information = data.scenario_information;
  const body = {
    title: (information.scenario_name ?? '').trim().slice(0, MAX_NAME) || catalogues[language].scriptImport.generated.untitled,
    description: [information.scenario_subtitle, information.scenario_description].filter((t) => t && t.trim() !== '').join('\n').slice(0, MAX_TEXT),
    objectives,
    roles,
    steps,
    edges,
  };
  const result = ScenarioBodySchema.safeParse(body);
  const counts: ImportCounts = { ...none, steps: steps.length, edges: edges.length, roles: roles.length, objectives: objectives.length };
  const previewRoles = roles.map((r) => ({ name: r.name, category: r.category, people: [] }));
  if (!result.success) {
    for (const issue of result.error.issues.slice(0, 20)) issues.push(issueOf('problem', 'invalid', {}, { detail: `${issue.path.map(String).join('.')}: ${issue.message}` }));
    return { body: null, roles: previewRoles, counts, issues };
  }
  for (const problem of graphProblemsOf(result.data).slice(0, 20))
    issues.push(issueOf('problem', 'invalid', {}, { detail: `${problem.path}: ${ruleMessageOf(problem, language)}` }));
  const titles = new Map(steps.map((s) => [s.id, s.title]));
  for (const cycle of cyclesOf(result.data).slice(0, 5))
    issues.push(issueOf('problem', 'cycle', {}, { detail: [...cycle, cycle[0]].map((id) => `“${titles.get(id) ?? id}”`).join(' → ') }));
  return { body: issues.length > 0 ? null : result.data, roles: previewRoles, counts, issues };
}

function parentIdsOf(dependsOn: z.infer<typeof ParentSchema> | null | undefined): string[] {
  if (!dependsOn) return [];
  if (typeof dependsOn === 'string') return [dependsOn];
  return dependsOn.flatMap((d) => (d.dependency_relationship?.inject_parent_id ? [d.dependency_relationship.inject_parent_id] : []));
}
