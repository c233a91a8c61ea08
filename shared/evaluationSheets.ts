/**
 * The evaluation plan as printed documents, in plain view-models that the
 * print view, the Excel export and the role sheets render:
 * - the blank form (评估表) for paper use: the drill's facts, the form's
 *   sections and numbered items with their criteria, and who is assigned;
 * - an evaluator's duties for their role sheet: the forms, items and sites
 *   each assignment of the role covers.
 */
import { itemsOfAssignment, type PlacedItem } from './evaluation';
import type { EvalAssignment, EvalForm, EvalScheme, Role, ScenarioBody } from './model';

export type BlankFormItem = { number: string; content: string; criterion: string; guidance: string; site: string; maxPoints: number; weight: number; critical: boolean; stepIds: string[] };
export type BlankFormSection = { number: number; title: string; items: BlankFormItem[] };

/** Who is assigned to a form: the evaluator (person or role) and the sections (numbers) and sites covered; empty lists mean all. */
export type FormAssignee = { who: string; roleName: string; sections: number[]; sites: string[]; lead: boolean };

export type BlankForm = {
  drill: { title: string; drillDate: string | null; startTime: string | null; location: string; organiser: string };
  id: string;
  title: string;
  description: string;
  scheme: EvalScheme;
  passPercent: number;
  sections: BlankFormSection[];
  assignees: FormAssignee[];
};

const itemOf = (placed: Pick<PlacedItem, 'item' | 'number'>): BlankFormItem => ({
  number: placed.number,
  content: placed.item.content,
  criterion: placed.item.criterion,
  guidance: placed.item.guidance,
  site: placed.item.site,
  maxPoints: placed.item.maxPoints,
  weight: placed.item.weight,
  critical: placed.item.critical,
  stepIds: placed.item.stepIds,
});

/** The evaluator an assignment names: the person, or the role when it is the whole role. */
export const assigneeNameOf = (assignment: EvalAssignment, roles: readonly Role[]) =>
  assignment.person || (roles.find((role) => role.id === assignment.roleId)?.name ?? assignment.roleId);

function assigneesOf(body: Pick<ScenarioBody, 'roles' | 'evaluation'>, form: EvalForm): FormAssignee[] {
  return body.evaluation.assignments
    .filter((assignment) => assignment.formIds.includes(form.id))
    .map((assignment) => ({
      who: assigneeNameOf(assignment, body.roles),
      roleName: body.roles.find((role) => role.id === assignment.roleId)?.name ?? assignment.roleId,
      sections: form.sections.flatMap((section, s) => (assignment.sectionIds.includes(section.id) ? [s + 1] : [])),
      sites: assignment.sites,
      lead: assignment.lead,
    }));
}

/** Every form of a scenario as a blank paper form, in plan order. */
export function blankFormsOf(body: Pick<ScenarioBody, 'title' | 'drillDate' | 'startTime' | 'location' | 'organiser' | 'roles' | 'evaluation'>): BlankForm[] {
  const drill = { title: body.title, drillDate: body.drillDate, startTime: body.startTime, location: body.location, organiser: body.organiser };
  return body.evaluation.forms.map((form) => ({
    drill,
    id: form.id,
    title: form.title,
    description: form.description,
    scheme: form.scheme,
    passPercent: form.passPercent,
    sections: form.sections.map((section, s) => ({
      number: s + 1,
      title: section.title,
      items: section.items.map((item, i) => itemOf({ item, number: `${s + 1}.${i + 1}` })),
    })),
    assignees: assigneesOf(body, form),
  }));
}

/** One assignment on an evaluator's role sheet: who, whether lead, the sites, and the items covered by form. */
export type EvaluatorDuty = {
  who: string;
  lead: boolean;
  sites: string[];
  forms: { title: string; scheme: EvalScheme; items: (BlankFormItem & { section: string })[] }[];
};

/** What a role evaluates: one entry per assignment of the role, in plan order (none for a role without assignments). */
export function evaluatorDutiesOf(body: Pick<ScenarioBody, 'roles' | 'evaluation'>, roleId: string): EvaluatorDuty[] {
  return body.evaluation.assignments
    .filter((assignment) => assignment.roleId === roleId)
    .map((assignment) => {
      const covered = itemsOfAssignment(body.evaluation, assignment);
      return {
        who: assigneeNameOf(assignment, body.roles),
        lead: assignment.lead,
        sites: assignment.sites,
        forms: body.evaluation.forms
          .filter((form) => covered.some((placed) => placed.form.id === form.id))
          .map((form) => ({
            title: form.title,
            scheme: form.scheme,
            items: covered.filter((placed) => placed.form.id === form.id).map((placed) => ({ ...itemOf(placed), section: placed.section.title })),
          })),
      };
    });
}
