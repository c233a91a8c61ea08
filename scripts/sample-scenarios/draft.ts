/**
 * A small builder for the sample scenarios in `scenarios/*.drill.json`.
 *
 * It keeps ids, edges and phone numbers consistent while the drill is written
 * as readable TypeScript: roles, then steps in script order, then edges.
 * Only `scripts/build-scenarios.ts` uses it; the app reads the JSON files.
 */
import { FORM_TEMPLATES, formFromTemplate } from '../../shared/evaluationTemplates';
import { ScenarioBodySchema, type EvalAssignment, type EvalForm, type ParticipantCategory, type ScenarioBody, type StepTextField } from '../../shared/model';

/** How one template item is linked in a sample: the steps and objectives it evaluates, and its site there. */
export type ItemLinks = { steps: string[]; obj: string[]; site?: string };

/** An evaluator of a sample: a person of an evaluator role, the template sections (by title) they cover, and whether they lead. */
export type EvaluatorDef = { role: string; person: string; sections: string[] | 'all'; lead?: boolean };

/** One person on a role: name, unit and post, call sign. The phone number is assigned. */
export type PersonRow = [name: string, unit: string, callSign: string];

export type RoleDef = {
  id: string;
  name: string;
  group: string;
  category?: ParticipantCategory;
  color: string;
  responsibilities: string;
  reportsTo: string | null;
  people: PersonRow[];
};

/** The fields every step is written with; dialogue lines are joined with newlines. */
export type StepFields = {
  roles: string[];
  desc: string;
  say?: string[];
  at: string;
  min: number | null;
  res?: string;
  expect: string;
  obj: string[];
  notes?: string;
  /** The texts only the control side sees (仅导调可见): left out of the players' role sheets. */
  hide?: StepTextField[];
  /** 情景时间: when it happens in the story, for a drill that compresses time. */
  scene?: string;
};

export type Meta = Pick<
  ScenarioBody,
  'title' | 'titleEn' | 'summaryEn' | 'description' | 'drillDate' | 'startTime' | 'location' | 'organiser' | 'objectives' | 'docFields' | 'arrangements'
>;

/** A role's roster fields as the sample's office sets them (`rosterMarksOf` in documents.ts). */
export type RosterMarks = Partial<Record<string, { mark: string; assemblyPlace: string; assemblyTime: string }>>;

type RawStep = Record<string, unknown> & { id: string };
type RawEdge = { id: string; source: string; target: string; kind: 'sequence' | 'conditional'; label: string; lagMin: number };

export class Draft {
  private readonly roles: Record<string, unknown>[] = [];
  private readonly steps: RawStep[] = [];
  private readonly edges: RawEdge[] = [];
  private readonly forms: EvalForm[] = [];
  private readonly assignments: EvalAssignment[] = [];
  private phone = 0;

  constructor(
    private readonly meta: Meta,
    private readonly marks: RosterMarks = {},
  ) {}

  /**
   * Adds a role; its people get fictional drill phone numbers 138-0000-00NN in
   * order, its mark and gathering point from the sample's roster marks, and
   * its second person stands in for the first (B 角).
   */
  role(def: RoleDef): this {
    this.roles.push({
      id: def.id,
      name: def.name,
      group: def.group,
      category: def.category ?? 'player',
      color: def.color,
      responsibilities: def.responsibilities,
      reportsTo: def.reportsTo,
      people: def.people.map(([name, unit, callSign]) => {
        this.phone++;
        return { name, unit, phone: `138-0000-${String(this.phone).padStart(4, '0')}`, callSign };
      }),
      ...this.marks[def.id],
      backup: def.people[1]?.[0] ?? '',
    });
    return this;
  }

  private step(kind: string, id: string, title: string, f: StepFields, extra: Record<string, unknown>): this {
    this.steps.push({
      id,
      kind,
      title,
      description: f.desc,
      roleIds: f.roles,
      dialogue: (f.say ?? []).join('\n'),
      location: f.at,
      durationMin: f.min,
      resources: f.res ?? '',
      expectedResult: f.expect,
      objectiveIds: f.obj,
      notes: f.notes ?? '',
      scenarioTime: f.scene ?? '',
      controllerOnly: f.hide ?? [],
      ...extra,
    });
    return this;
  }

  inject(id: string, title: string, deliveryMethod: string, f: StepFields): this {
    return this.step('inject', id, title, f, { deliveryMethod });
  }
  action(id: string, title: string, f: StepFields): this {
    return this.step('action', id, title, f, {});
  }
  decision(id: string, title: string, question: string, f: StepFields): this {
    return this.step('decision', id, title, f, { question });
  }
  milestone(id: string, title: string, f: StepFields): this {
    return this.step('milestone', id, title, f, {});
  }

  private edge(source: string, target: string, kind: RawEdge['kind'], label: string, lagMin: number): this {
    const id = `e${String(this.edges.length + 1).padStart(2, '0')}`;
    this.edges.push({ id, source, target, kind, label, lagMin });
    return this;
  }

  /** A sequence edge; `lagMin` is the wait after `source` finishes. */
  seq(source: string, target: string, lagMin = 0): this {
    return this.edge(source, target, 'sequence', '', lagMin);
  }
  /** Sequence edges along a path of steps, without lags. */
  chain(...ids: string[]): this {
    for (let i = 1; i < ids.length; i++) this.seq(ids[i - 1], ids[i]);
    return this;
  }
  /** The labelled conditional edges out of a decision. */
  branch(decision: string, options: [label: string, target: string][]): this {
    for (const [label, target] of options) this.edge(decision, target, 'conditional', label, 0);
    return this;
  }

  /**
   * Adds an evaluation form made from a default template, its items linked
   * to this drill's steps and objectives by template key (every key must be
   * linked, so a template change cannot leave a sample half-linked), and
   * the evaluators who cover it. Ids are stable: `form-flood-season`, `sec-flood-season-02`, `item-flood-season-07`.
   */
  evaluation(templateId: string, links: Record<string, ItemLinks>, evaluators: EvaluatorDef[]): this {
    const template = FORM_TEMPLATES.find((candidate) => candidate.id === templateId);
    if (!template) throw new Error(`no evaluation template "${templateId}"`);
    const counters: Record<string, number> = {};
    const { form, keys } = formFromTemplate(template, (prefix) => {
      counters[prefix] = (counters[prefix] ?? 0) + 1;
      return prefix === 'form' ? `form-${templateId}` : `${prefix}-${templateId}-${String(counters[prefix]).padStart(2, '0')}`;
    });
    const missing = [...keys.keys()].filter((key) => !links[key]);
    if (missing.length > 0) throw new Error(`evaluation items not linked: ${missing.join(', ')}`);
    const keyOf = new Map([...keys].map(([key, id]) => [id, key]));
    for (const section of form.sections)
      section.items = section.items.map((item) => {
        const link = links[keyOf.get(item.id)!];
        return { ...item, stepIds: link.steps, objectiveIds: link.obj, site: link.site ?? item.site };
      });
    this.forms.push(form);
    for (const evaluator of evaluators) {
      const sectionIds =
        evaluator.sections === 'all'
          ? []
          : evaluator.sections.map((title) => {
              const section = form.sections.find((candidate) => candidate.title === title);
              if (!section) throw new Error(`no section "${title}" in ${template.title}`);
              return section.id;
            });
      this.assignments.push({
        id: `assign-${this.assignments.length + 1}`,
        roleId: evaluator.role,
        person: evaluator.person,
        formIds: [form.id],
        sectionIds,
        sites: [],
        lead: evaluator.lead ?? false,
      });
    }
    return this;
  }

  /** The finished body, with schema defaults filled in. */
  body(): ScenarioBody {
    return ScenarioBodySchema.parse({
      ...this.meta,
      roles: this.roles,
      steps: this.steps,
      edges: this.edges,
      evaluation: { forms: this.forms, assignments: this.assignments },
    });
  }
}
