/**
 * The documents a drill office makes around the script, as plain
 * view-models built from the scenario (so they always match the graph and
 * the roster): 演练工作方案 (drill plan), 演练通知 (notice to the
 * participating units), 签到表 (sign-in sheet by unit), 物资装备清单
 * (equipment list from the steps' resources, by role and site), 演练通讯录
 * (drill-only contacts), the 评估方案 (evaluation plan: objectives, items,
 * criteria, evaluators, procedure and the forms with the steps each item
 * watches), the 保障方案 (support plan: safety, equipment, communications,
 * logistics, people and sites) and the 观摩手册 (observer handbook).
 *
 * Each view-model is turned into the same few kinds of block (headings,
 * paragraphs, label/value facts, tables) by `documentBlocksOf`, with the
 * catalogue's words; the print view (`renderer/print/drillDocumentFlow.tsx`)
 * and the Word writer (`electron/core/docx/drillDocuments.ts`) both render
 * those blocks, so the PDF and the .docx say the same thing.
 */
import type { DocxDocument } from './api';
import { drillWhenOf, type Translate } from './docText';
import { assigneeNameOf, blankFormsOf, type BlankFormItem } from './evaluationSheets';
import { PARTICIPANT_CATEGORIES, type DrillArrangements, type EvalScheme, type ParticipantCategory, type ScenarioBody } from './model';
import { drillScriptOf, rosterOf, scriptGroupsOf, timeRangeOf, type CommandNode, type DrillHeader, type Headcount, type PlannedTime, type RosterRole, type ScriptRow } from './sheets';

/** The documents of this module, by the key the print view, the contract and the command line use. */
export const DRILL_DOCUMENTS = ['plan', 'evaluation-plan', 'support-plan', 'notice', 'sign-in', 'equipment', 'contacts'] as const;
export type DrillDocument = (typeof DRILL_DOCUMENTS)[number];

/** The tabular documents of this module, which also export to Excel (.xlsx). */
export const EXCEL_DRILL_DOCUMENTS = ['sign-in', 'equipment', 'contacts'] as const satisfies readonly DrillDocument[];
export type ExcelDrillDocument = (typeof EXCEL_DRILL_DOCUMENTS)[number];

/** Every document made from a scenario, as the print view offers them and `drill sheets` writes them. */
export const SCENARIO_DOCUMENTS = ['sheets', 'roster', 'script', 'evaluation', ...DRILL_DOCUMENTS] as const;
export type ScenarioDocument = (typeof SCENARIO_DOCUMENTS)[number];

/** The Word document (`exportDocx`) of each scenario document. */
export const DOCX_DOCUMENT_OF: Record<ScenarioDocument, DocxDocument> = {
  sheets: 'role-sheets',
  roster: 'roster',
  script: 'script',
  evaluation: 'evaluation-form',
  plan: 'plan',
  'evaluation-plan': 'evaluation-plan',
  'support-plan': 'support-plan',
  notice: 'notice',
  'sign-in': 'sign-in',
  equipment: 'equipment',
  contacts: 'contacts',
};

// ---------------------------------------------------------------------------
// View-models

/** One phase (阶段/科目) of the drill with its planned span and what happens in it. */
export type PhaseSpan = { phase: string; start: string; end: string; stepCount: number; highlights: string[] };

/** One person as the contact list, the sign-in sheet and the notice show them. */
export type PersonEntry = { name: string; unit: string; phone: string; callSign: string; roleName: string; group: string; category: ParticipantCategory };

export type ContactList = { drill: DrillHeader; groups: { group: string; people: PersonEntry[] }[]; contact: string };

export type SignInSheet = { drill: DrillHeader; units: { unit: string; people: PersonEntry[] }[]; total: number };

/** One item of equipment a role uses at a site, with the steps that need it. */
export type EquipmentRow = { item: string; site: string; steps: TimedStep[] };
export type EquipmentList = {
  drill: DrillHeader;
  /** Every item once: the roles and sites using it. */
  summary: { item: string; roles: string[]; sites: string[]; uses: number }[];
  /** By role, then site, each item with its steps. */
  byRole: { role: string; holder: string; rows: EquipmentRow[] }[];
};

export type DrillNotice = {
  drill: DrillHeader;
  units: string[];
  description: string;
  arrangements: DrillArrangements;
  /** Per unit: its roles and how many people it sends. */
  participants: { unit: string; roles: string[]; people: number }[];
  /** Per role that set one: where and when it assembles. */
  assembly: { role: string; place: string; time: string }[];
  headcount: Headcount;
};

export type DrillPlan = {
  drill: DrillHeader;
  description: string;
  arrangements: DrillArrangements;
  drillCommand: CommandNode[];
  responseCommand: CommandNode[];
  roles: RosterRole[];
  phases: PhaseSpan[];
  lengthMin: number | null;
  headcount: Headcount;
  byCategory: { category: ParticipantCategory; roles: string[]; people: number }[];
  evaluation: { forms: { title: string; items: number }[]; evaluators: { who: string; lead: boolean; forms: string[]; sites: string[] }[] };
  equipment: EquipmentList['summary'];
};

export type ObserverHandbook = {
  drill: DrillHeader;
  roleName: string;
  description: string;
  arrangements: DrillArrangements;
  phases: PhaseSpan[];
  /** Where the observers gather and watch: the arrangements' text, the observer roles' assembly and in-place entries. */
  positions: { role: string; assembly: string; inPlace: string }[];
  /** Whom to ask: the control team's and the drill leaders' people. */
  contacts: PersonEntry[];
};

/** A step as the evaluation and support plans name it: its planned start (clock or T+; '' without a schedule) and title. */
export type TimedStep = { title: string; time: string };

/** A script row as a `TimedStep`. */
const timedStepOf = (row: Pick<ScriptRow, 'title' | 'time'>): TimedStep => ({ title: row.title, time: row.time?.start ?? '' });

/** One evaluation item as the evaluation plan lists it: its form and section, and the script steps it watches in time order. */
export type PlanItem = BlankFormItem & { form: string; section: string; watch: TimedStep[] };

/** 评估方案: what is evaluated against which objective, by which standard, by whom, how, on which forms. */
export type EvaluationPlanDoc = {
  drill: DrillHeader;
  lengthMin: number | null;
  /** Every objective with the items linked to it (none when nothing evaluates it). */
  objectives: { text: string; items: PlanItem[] }[];
  /** Items linked to no objective (演练组织与保障 and the like). */
  unlinked: PlanItem[];
  forms: { title: string; description: string; scheme: EvalScheme; passPercent: number; sections: { number: number; title: string; items: PlanItem[] }[]; critical: PlanItem[] }[];
  /** Each assignment: the evaluator, lead or not, the forms, the sections by title (none: whole forms) and sites (none: all). */
  evaluators: { who: string; roleName: string; lead: boolean; forms: string[]; sections: string[]; sites: string[] }[];
  /** The people of the evaluator roles (评估组). */
  team: PersonEntry[];
  /** The script's steps the evaluator roles take part in (现场点评, 总结), with their planned start and site. */
  steps: (TimedStep & { location: string })[];
};

/** 保障方案: the safety, equipment, communications, logistics, people and site arrangements of the drill. */
export type SupportPlan = {
  drill: DrillHeader;
  lengthMin: number | null;
  arrangements: DrillArrangements;
  headcount: Headcount;
  byCategory: DrillPlan['byCategory'];
  equipment: EquipmentList['summary'];
  contacts: ContactList;
  /** Per role: its category, how many people, where and when it assembles and is first in place. */
  assembly: { role: string; category: ParticipantCategory; people: number; place: string; time: string; inPlace: string }[];
  /** Per site of the script, first used first ('' for steps without one): its planned span, steps and roles. */
  sites: { site: string; start: string; end: string; steps: TimedStep[]; roles: string[] }[];
};

function headerOf(body: ScenarioBody): DrillHeader {
  return drillScriptOf(body).drill;
}

function peopleOf(roles: readonly RosterRole[]): PersonEntry[] {
  return roles.flatMap((role) =>
    role.people.map((person) => ({ ...person, roleName: role.name, group: role.group || role.name, category: role.category })),
  );
}

/** Groups in first-seen order. */
function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): { key: string; items: T[] }[] {
  const groups = new Map<string, T[]>();
  for (const item of items) (groups.get(keyOf(item)) ?? groups.set(keyOf(item), []).get(keyOf(item))!).push(item);
  return [...groups].map(([key, list]) => ({ key, items: list }));
}

/** The planned span of some script rows: the earliest start and the latest end ('' without a schedule). */
function spanOf(rows: readonly Pick<ScriptRow, 'time'>[]): { start: string; end: string } {
  const times = rows.flatMap((row) => (row.time ? [row.time] : []));
  const first = times.reduce<PlannedTime | null>((a, b) => (a === null || b.startMin < a.startMin ? b : a), null);
  const last = times.reduce<PlannedTime | null>((a, b) => (a === null || b.endMin > a.endMin ? b : a), null);
  return { start: first?.start ?? '', end: last?.end ?? '' };
}

/** The phases in time order with their span; one phase named '' when the steps have none. Example: 预警与响应 09:00–09:17, 3 steps. */
export function phaseSpansOf(body: ScenarioBody): PhaseSpan[] {
  const script = drillScriptOf(body);
  const spans = new Map<string, { first: PlannedTime | null; last: PlannedTime | null; rows: typeof script.rows }>();
  for (const group of scriptGroupsOf(script.rows)) {
    const span = spans.get(group.phase) ?? spans.set(group.phase, { first: null, last: null, rows: [] }).get(group.phase)!;
    span.rows.push(...group.rows);
  }
  return [...spans].map(([phase, { rows }]) => ({
    phase,
    ...spanOf(rows),
    stepCount: rows.length,
    highlights: rows.filter((row) => row.kind === 'milestone' || row.kind === 'decision').map((row) => row.title),
  }));
}

/** 演练通讯录: everyone with a drill contact, by group. */
export function contactListOf(body: ScenarioBody): ContactList {
  const roster = rosterOf(body);
  const people = peopleOf(roster.roles);
  return { drill: roster.drill, groups: groupBy(people, (p) => p.group).map((g) => ({ group: g.key, people: g.items })), contact: body.arrangements.contact };
}

/** 签到表: everyone by unit (the person's unit, else the role's group), with blank time and signature columns. */
export function signInSheetOf(body: ScenarioBody): SignInSheet {
  const roster = rosterOf(body);
  const people = peopleOf(roster.roles);
  const unitOf = (p: PersonEntry) => p.unit.trim().split(/\s+/)[0] || p.group;
  return { drill: roster.drill, units: groupBy(people, unitOf).map((g) => ({ unit: g.key, people: g.items })), total: people.length };
}

/** The items of a resources text: split at 、，,；;/ and line breaks, trimmed, without repeats. Example: 「采样车、便携式多参数仪；防护服」 → three items. */
export function resourceItemsOf(text: string): string[] {
  return [...new Set(text.split(/[、，,；;\n/]+/).map((item) => item.trim().replace(/[。.]$/, '')).filter(Boolean))];
}

/** 物资装备清单: every item of the steps' resources, by role and site, and once overall. */
export function equipmentListOf(body: ScenarioBody): EquipmentList {
  const script = drillScriptOf(body);
  const roster = rosterOf(body);
  const byRole = new Map<string, Map<string, EquipmentRow>>();
  const summary = new Map<string, { roles: Set<string>; sites: Set<string>; uses: number }>();
  const steps = new Map(body.steps.map((step) => [step.id, step]));
  for (const row of script.rows) {
    const items = resourceItemsOf(row.resources);
    if (items.length === 0) continue;
    const roleIds = steps.get(row.id)!.roleIds;
    const roleNames = row.roleNames.length > 0 ? row.roleNames : [''];
    for (const item of items) {
      const entry = summary.get(item) ?? summary.set(item, { roles: new Set(), sites: new Set(), uses: 0 }).get(item)!;
      entry.uses++;
      if (row.location) entry.sites.add(row.location);
      roleNames.forEach((name, i) => {
        if (name) entry.roles.add(name);
        const key = roleIds[i] ?? '';
        const rows = byRole.get(key) ?? byRole.set(key, new Map()).get(key)!;
        const rowKey = `${item}\n${row.location}`;
        const found = rows.get(rowKey) ?? rows.set(rowKey, { item, site: row.location, steps: [] }).get(rowKey)!;
        found.steps.push(timedStepOf(row));
      });
    }
  }
  const order = [...roster.roles.map((role) => role.id), ''];
  return {
    drill: script.drill,
    summary: [...summary].map(([item, entry]) => ({ item, roles: [...entry.roles], sites: [...entry.sites], uses: entry.uses })),
    byRole: order
      .filter((id) => byRole.has(id))
      .map((id) => {
        const role = roster.roles.find((r) => r.id === id);
        const rows = [...byRole.get(id)!.values()].sort((a, b) => a.site.localeCompare(b.site, 'zh') || 0);
        return { role: role?.name ?? '', holder: role?.people[0]?.name ?? '', rows };
      }),
  };
}

/** 演练通知: to every unit taking part: when, where, where to report, who to call, and who each unit sends. */
export function drillNoticeOf(body: ScenarioBody): DrillNotice {
  const roster = rosterOf(body);
  const sheet = signInSheetOf(body);
  return {
    drill: roster.drill,
    units: sheet.units.map((unit) => unit.unit),
    description: body.description,
    arrangements: body.arrangements,
    participants: sheet.units.map((unit) => ({ unit: unit.unit, roles: [...new Set(unit.people.map((p) => p.roleName))], people: unit.people.length })),
    assembly: roster.roles.filter((role) => role.assembly.place || role.assembly.time).map((role) => ({ role: role.name, place: role.assembly.place, time: role.assembly.time })),
    headcount: roster.headcount,
  };
}

/** 演练工作方案: purpose, basis, organisation, scenario, phases and schedule, participants, safety and support, evaluation, preparation. */
export function drillPlanOf(body: ScenarioBody): DrillPlan {
  const roster = rosterOf(body);
  const script = drillScriptOf(body);
  const forms = blankFormsOf(body);
  return {
    drill: roster.drill,
    description: body.description,
    arrangements: body.arrangements,
    drillCommand: roster.drillCommand,
    responseCommand: roster.responseCommand,
    roles: roster.roles,
    phases: phaseSpansOf(body),
    lengthMin: script.lengthMin,
    headcount: roster.headcount,
    byCategory: PARTICIPANT_CATEGORIES.map((category) => {
      const roles = roster.roles.filter((role) => role.category === category);
      return { category, roles: roles.map((role) => role.name), people: roster.headcount.byCategory[category] };
    }).filter((entry) => entry.roles.length > 0),
    evaluation: {
      forms: forms.map((form) => ({ title: form.title, items: form.sections.reduce((sum, section) => sum + section.items.length, 0) })),
      evaluators: body.evaluation.assignments.map((assignment) => ({
        who: assigneeNameOf(assignment, body.roles),
        lead: assignment.lead,
        forms: assignment.formIds.flatMap((id) => body.evaluation.forms.find((form) => form.id === id)?.title ?? []),
        sites: assignment.sites,
      })),
    },
    equipment: equipmentListOf(body).summary,
  };
}

/**
 * 评估方案: every objective with the evaluation items linked to it, each
 * form's scheme, pass mark and critical items, the evaluators' assignments,
 * the evaluator roles' people and steps, and each item with the steps it
 * watches. Example: the composite's 应急监测 items sit under objective 4 and
 * watch 「制定应急监测方案」 at its planned time.
 */
export function evaluationPlanDocOf(body: ScenarioBody): EvaluationPlanDoc {
  const script = drillScriptOf(body);
  const roster = rosterOf(body);
  const rows = new Map(script.rows.map((row) => [row.id, row]));
  const forms = blankFormsOf(body).map((form) => {
    const sections = form.sections.map((section) => ({
      number: section.number,
      title: section.title,
      items: section.items.map(
        (item): PlanItem => ({
          ...item,
          form: form.title,
          section: section.title,
          watch: item.stepIds
            .flatMap((id) => rows.get(id) ?? [])
            .sort((a, b) => a.index - b.index)
            .map(timedStepOf),
        }),
      ),
    }));
    const items = sections.flatMap((section) => section.items);
    return { title: form.title, description: form.description, scheme: form.scheme, passPercent: form.passPercent, sections, critical: items.filter((item) => item.critical) };
  });
  const placed = forms.flatMap((form, f) => form.sections.flatMap((section, s) => section.items.map((item, i) => ({ item, objectiveIds: body.evaluation.forms[f].sections[s].items[i].objectiveIds }))));
  const known = new Set(body.objectives.map((objective) => objective.id));
  const evaluatorRoles = roster.roles.filter((role) => role.category === 'evaluator');
  const evaluatorIds = new Set(evaluatorRoles.map((role) => role.id));
  const evaluatorSteps = new Set(body.steps.filter((step) => step.roleIds.some((id) => evaluatorIds.has(id))).map((step) => step.id));
  return {
    drill: script.drill,
    lengthMin: script.lengthMin,
    objectives: body.objectives.map((objective) => ({ text: objective.text, items: placed.filter((p) => p.objectiveIds.includes(objective.id)).map((p) => p.item) })),
    unlinked: placed.filter((p) => !p.objectiveIds.some((id) => known.has(id))).map((p) => p.item),
    forms,
    evaluators: body.evaluation.assignments.map((assignment) => {
      const assigned = body.evaluation.forms.filter((form) => assignment.formIds.includes(form.id));
      return {
        who: assigneeNameOf(assignment, body.roles),
        roleName: body.roles.find((role) => role.id === assignment.roleId)?.name ?? assignment.roleId,
        lead: assignment.lead,
        forms: assigned.map((form) => form.title),
        sections: assigned.flatMap((form) => form.sections.filter((section) => assignment.sectionIds.includes(section.id)).map((section) => section.title)),
        sites: assignment.sites,
      };
    }),
    team: peopleOf(evaluatorRoles),
    steps: script.rows.filter((row) => evaluatorSteps.has(row.id)).map((row) => ({ ...timedStepOf(row), location: row.location })),
  };
}

/**
 * 保障方案: the arrangements' safety and logistics texts, the equipment from
 * the steps, everyone's drill contacts, the participants by category with
 * each role's assembly, and the sites of the script with what happens there
 * and when. Example: 县第一自来水厂 lists its steps from 09:20 to 11:05.
 */
export function supportPlanOf(body: ScenarioBody): SupportPlan {
  const plan = drillPlanOf(body);
  const script = drillScriptOf(body);
  const roster = rosterOf(body);
  const sites = groupBy(script.rows, (row) => row.location.trim());
  return {
    drill: plan.drill,
    lengthMin: plan.lengthMin,
    arrangements: body.arrangements,
    headcount: plan.headcount,
    byCategory: plan.byCategory,
    equipment: plan.equipment,
    contacts: contactListOf(body),
    assembly: roster.roles.map((role) => ({
      role: role.name,
      category: role.category,
      people: role.people.length,
      place: role.assembly.place,
      time: role.assembly.time,
      inPlace: [role.inPlace.time, role.inPlace.location].filter(Boolean).join(' '),
    })),
    sites: sites.map(({ key, items }) => ({
      site: key,
      ...spanOf(items),
      steps: items.map(timedStepOf),
      roles: [...new Set(items.flatMap((row) => row.roleNames))],
    })),
  };
}

/** 观摩手册 of an observer role: overview, schedule by phase, viewing positions, safety notes, contacts. */
export function observerHandbookOf(body: ScenarioBody, roleId: string): ObserverHandbook | null {
  const roster = rosterOf(body);
  const role = roster.roles.find((r) => r.id === roleId);
  if (!role) return null;
  const observers = roster.roles.filter((r) => r.category === 'observer');
  const contactRoles = roster.roles.filter((r) => r.category === 'controller');
  return {
    drill: roster.drill,
    roleName: role.name,
    description: body.description,
    arrangements: body.arrangements,
    phases: phaseSpansOf(body),
    positions: (observers.includes(role) ? observers : [role])
      .map((r) => ({ role: r.name, assembly: [r.assembly.place, r.assembly.time].filter(Boolean).join(' '), inPlace: [r.inPlace.time, r.inPlace.location].filter(Boolean).join(' ') }))
      .filter((p) => p.assembly || p.inPlace),
    contacts: peopleOf(contactRoles),
  };
}

// ---------------------------------------------------------------------------
// Blocks: what the print view and the Word writer render

export type DocCell = string | { span: number; text: string; bold?: boolean };
export type DocBlock =
  | { kind: 'heading1'; text: string }
  | { kind: 'heading2'; text: string }
  | { kind: 'para'; text: string; small?: boolean; align?: 'right' | 'left' }
  | { kind: 'mark'; text: string }
  | { kind: 'facts'; rows: { label: string; value: string }[] }
  /** `widths` in millimetres of the printed page's text width (they are made relative for Word). */
  | { kind: 'table'; key: string; headings: string[]; widths: number[]; rows: DocCell[][] };

/** A whole document as blocks, with its page, title and running head. */
export type DocumentBlocks = {
  key: string;
  orientation: 'portrait' | 'landscape';
  /** Reports (the plan, the notice, the handbook) in 三号, lists in 小四. */
  scale: 'report' | 'sheet';
  title: string;
  /** The drill's name above the title, or null (the notice names it in its title). */
  drillTitle: string | null;
  /** A line under the title (the handbook's 「【观摩人员】」), or ''. */
  subtitle: string;
  running: string;
  footer: string;
  blocks: DocBlock[];
};

/** 「一、…」 in Chinese, 「1. …」 in English (`print.docs.section`, numbered by `print.docs.numerals`). */
const sectionOf = (t: Translate, n: number, text: string) => t('print.docs.section', { n: t('print.docs.numerals').split(/[,、]/)[n - 1] ?? String(n), text });
const textOr = (t: Translate, text: string) => (text.trim() ? text : t('print.docs.notWritten'));
const paras = (t: Translate, text: string): DocBlock[] => textOr(t, text).split(/\n+/).filter((line) => line.trim()).map((line) => ({ kind: 'para', text: line.trim() }));

/** `09:20 断面采样`, or the title alone without a schedule. */
const timedText = (step: TimedStep) => (step.time ? `${step.time} ${step.title}` : step.title);
/** A planned span as the script prints a step's time: `09:00–09:40`, one time, or — without a schedule. */
const spanText = (span: { start: string; end: string }) => timeRangeOf(span.start ? span : null);

function drillFactRows(drill: DrillHeader, t: Translate, language: string) {
  return [
    { label: t('print.header.drillDate'), value: drillWhenOf(drill, t, language) },
    { label: t('print.header.location'), value: drill.location || '—' },
    { label: t('print.header.organiser'), value: drill.organiser || '—' },
  ];
}

/** The drill's facts with its planned length, as the plans open. */
function drillFactsWithLength(doc: { drill: DrillHeader; lengthMin: number | null }, t: Translate, language: string): DocBlock {
  const length = doc.lengthMin === null ? '—' : t('print.header.minutes', { count: Math.round(doc.lengthMin) });
  return { kind: 'facts', rows: [...drillFactRows(doc.drill, t, language), { label: t('print.header.length'), value: length }] };
}

function phaseTable(t: Translate, phases: PhaseSpan[], key: string): DocBlock {
  return {
    kind: 'table',
    key,
    headings: [t('print.docs.col.no'), t('print.docs.col.phase'), t('print.docs.col.time'), t('print.docs.col.steps'), t('print.docs.col.highlights')],
    widths: [10, 50, 30, 18, 66],
    rows: phases.map((p, i) => [String(i + 1), p.phase || t('print.docs.wholeDrill'), spanText(p), String(p.stepCount), p.highlights.join(t('listSep'))]),
  };
}

function treeLines(nodes: CommandNode[], t: Translate, depth = 0): string[] {
  return nodes.flatMap((node) => [`${'\u3000'.repeat(depth)}${depth > 0 ? '└ ' : ''}${node.role.name}${node.people.length > 0 ? `：${node.people.join(t('listSep'))}` : ''}`, ...treeLines(node.children, t, depth + 1)]);
}

/** Everyone of a contact list as table rows, numbered through, the group named on its first person's row; `unit` adds 单位及职务. */
function contactRowsOf(list: ContactList, withUnit: boolean): DocCell[][] {
  let n = 0;
  return list.groups.flatMap((group) =>
    group.people.map((p, i): DocCell[] => [String(++n), i === 0 ? group.group : '', p.roleName, p.name, ...(withUnit ? [p.unit] : []), p.phone, p.callSign]),
  );
}

function contactsBlocks(list: ContactList, t: Translate, language: string): DocBlock[] {
  return [
    { kind: 'mark', text: t('print.docs.contacts.mark') },
    { kind: 'facts', rows: drillFactRows(list.drill, t, language) },
    {
      kind: 'table',
      key: 'contacts',
      headings: ['no', 'group', 'role', 'name', 'unit', 'phone', 'callSign'].map((k) => t(`print.docs.col.${k}`)),
      widths: [10, 26, 26, 18, 44, 28, 22],
      rows: contactRowsOf(list, true),
    },
    ...(list.contact.trim() ? [{ kind: 'para', text: t('print.docs.contacts.office', { contact: list.contact }) } as DocBlock] : []),
    { kind: 'para', text: t('print.docs.contacts.note'), small: true },
  ];
}

function signInBlocks(sheet: SignInSheet, t: Translate, language: string): DocBlock[] {
  const blocks: DocBlock[] = [{ kind: 'facts', rows: [...drillFactRows(sheet.drill, t, language), { label: t('print.docs.signIn.expected'), value: t('print.docs.people', { count: sheet.total }) }] }];
  sheet.units.forEach((unit, u) => {
    blocks.push({ kind: 'heading2', text: t('print.docs.signIn.unit', { n: u + 1, unit: unit.unit, count: unit.people.length }) });
    blocks.push({
      kind: 'table',
      key: `sign-in-${u}`,
      headings: ['no', 'name', 'role', 'phone', 'signInTime', 'signature'].map((k) => t(`print.docs.col.${k}`)),
      widths: [10, 24, 40, 30, 24, 46],
      rows: unit.people.map((p, i) => [String(i + 1), p.name, p.roleName, p.phone, '', '']),
    });
  });
  if (sheet.units.length === 0) blocks.push({ kind: 'para', text: t('print.docs.noPeople') });
  return blocks;
}

function equipmentBlocks(list: EquipmentList, t: Translate, language: string): DocBlock[] {
  const blocks: DocBlock[] = [
    { kind: 'facts', rows: drillFactRows(list.drill, t, language) },
    { kind: 'heading1', text: sectionOf(t, 1, t('print.docs.equipment.summary')) },
  ];
  if (list.summary.length === 0) return [...blocks, { kind: 'para', text: t('print.docs.equipment.none') }];
  blocks.push(
    {
      kind: 'table',
      key: 'equipment-summary',
      headings: ['no', 'item', 'roles', 'sites', 'uses', 'quantity', 'ready'].map((k) => t(`print.docs.col.${k}`)),
      widths: [10, 44, 44, 44, 14, 14, 14],
      rows: list.summary.map((e, i) => [String(i + 1), e.item, e.roles.join(t('listSep')), e.sites.join(t('listSep')), String(e.uses), '', '']),
    },
    { kind: 'heading1', text: sectionOf(t, 2, t('print.docs.equipment.byRole')) },
  );
  list.byRole.forEach((group, g) => {
    blocks.push({ kind: 'heading2', text: t('print.docs.equipment.role', { n: g + 1, role: group.role || t('print.docs.equipment.noRole'), holder: group.holder || '—' }) });
    blocks.push({
      kind: 'table',
      key: `equipment-role-${g}`,
      headings: ['no', 'item', 'site', 'usedIn'].map((k) => t(`print.docs.col.${k}`)),
      widths: [10, 50, 46, 78],
      rows: group.rows.map((row, i) => [String(i + 1), row.item, row.site || '—', row.steps.map(timedText).join('\n')]),
    });
  });
  blocks.push({ kind: 'para', text: t('print.docs.equipment.note'), small: true });
  return blocks;
}

function noticeBlocks(notice: DrillNotice, t: Translate, language: string): DocBlock[] {
  const a = notice.arrangements;
  const blocks: DocBlock[] = [
    { kind: 'para', text: `${notice.units.length > 0 ? notice.units.join(t('listSep')) : t('print.docs.notice.allUnits')}${t('colon')}` },
    { kind: 'para', text: t('print.docs.notice.opening', { title: notice.drill.title, organiser: notice.drill.organiser || t('print.docs.notice.we') }) },
    { kind: 'heading1', text: sectionOf(t, 1, t('print.docs.notice.time')) },
    { kind: 'para', text: drillWhenOf(notice.drill, t, language) },
    { kind: 'heading1', text: sectionOf(t, 2, t('print.docs.notice.place')) },
    { kind: 'para', text: notice.drill.location || t('print.docs.notWritten') },
    { kind: 'heading1', text: sectionOf(t, 3, t('print.docs.notice.reporting')) },
    ...paras(t, a.reportingPoint),
    ...notice.assembly.map((x): DocBlock => ({ kind: 'para', text: t('print.docs.notice.assembly', { role: x.role, place: x.place || '—', time: x.time || '—' }) })),
    { kind: 'heading1', text: sectionOf(t, 4, t('print.docs.notice.participants')) },
    {
      kind: 'table',
      key: 'notice-units',
      headings: ['no', 'unit', 'roles', 'people'].map((k) => t(`print.docs.col.${k}`)),
      widths: [12, 60, 80, 22],
      rows: notice.participants.map((p, i) => [String(i + 1), p.unit, p.roles.join(t('listSep')), String(p.people)]),
    },
    { kind: 'para', text: t('print.docs.notice.total', { count: notice.headcount.total }) },
  ];
  if (notice.description.trim()) blocks.push({ kind: 'heading1', text: sectionOf(t, 5, t('print.docs.notice.scenario')) }, ...paras(t, notice.description));
  const next = notice.description.trim() ? 6 : 5;
  blocks.push(
    { kind: 'heading1', text: sectionOf(t, next, t('print.docs.notice.requirements')) },
    { kind: 'para', text: t('print.docs.notice.requirementsText') },
    ...(a.safety.trim() ? paras(t, a.safety) : []),
    { kind: 'heading1', text: sectionOf(t, next + 1, t('print.docs.notice.contact')) },
    ...paras(t, a.contact),
  );
  return blocks;
}

function planBlocks(plan: DrillPlan, t: Translate, language: string): DocBlock[] {
  const a = plan.arrangements;
  const blocks: DocBlock[] = [
    { kind: 'heading1', text: sectionOf(t, 1, t('print.docs.plan.purpose')) },
    ...(plan.drill.objectives.length > 0 ? plan.drill.objectives.map((o, i): DocBlock => ({ kind: 'para', text: `${i + 1}. ${o}` })) : [{ kind: 'para', text: t('print.docs.notWritten') } as DocBlock]),
    { kind: 'heading1', text: sectionOf(t, 2, t('print.docs.plan.basis')) },
    ...paras(t, a.basis),
    { kind: 'heading1', text: sectionOf(t, 3, t('print.docs.plan.basics')) },
    drillFactsWithLength(plan, t, language),
    { kind: 'heading1', text: sectionOf(t, 4, t('print.docs.plan.organisation')) },
    { kind: 'heading2', text: t('print.roster.drillCommand') },
    ...treeLines(plan.drillCommand, t).map((text): DocBlock => ({ kind: 'para', text })),
    { kind: 'heading2', text: t('print.roster.responseCommand') },
    ...treeLines(plan.responseCommand, t).map((text): DocBlock => ({ kind: 'para', text })),
    { kind: 'heading2', text: t('print.docs.plan.duties') },
    {
      kind: 'table',
      key: 'plan-duties',
      headings: ['group', 'role', 'duties'].map((k) => t(`print.docs.col.${k}`)),
      widths: [36, 36, 102],
      rows: plan.roles.map((role) => [role.group, role.name, role.responsibilities]),
    },
    { kind: 'heading1', text: sectionOf(t, 5, t('print.docs.plan.scenario')) },
    ...paras(t, plan.description),
    { kind: 'heading1', text: sectionOf(t, 6, t('print.docs.plan.phases')) },
    phaseTable(t, plan.phases, 'plan-phases'),
    { kind: 'heading1', text: sectionOf(t, 7, t('print.docs.plan.participants')) },
    {
      kind: 'table',
      key: 'plan-categories',
      headings: ['category', 'roles', 'people'].map((k) => t(`print.docs.col.${k}`)),
      widths: [30, 120, 24],
      rows: plan.byCategory.map((c) => [t(`category.${c.category}`), c.roles.join(t('listSep')), String(c.people)]),
    },
    { kind: 'para', text: t('print.docs.plan.headcount', { count: plan.headcount.total }) },
    { kind: 'heading1', text: sectionOf(t, 8, t('print.docs.plan.safety')) },
    ...paras(t, a.safety),
    { kind: 'heading1', text: sectionOf(t, 9, t('print.docs.plan.support')) },
    ...paras(t, a.support),
    ...(plan.equipment.length > 0 ? [{ kind: 'para', text: t('print.docs.plan.equipment', { count: plan.equipment.length, items: plan.equipment.slice(0, 12).map((e) => e.item).join(t('listSep')) }) } as DocBlock] : []),
    { kind: 'heading1', text: sectionOf(t, 10, t('print.docs.plan.evaluation')) },
  ];
  if (plan.evaluation.forms.length === 0) blocks.push({ kind: 'para', text: t('print.docs.plan.noEvaluation') });
  else
    blocks.push(
      { kind: 'para', text: t('print.docs.plan.forms', { list: plan.evaluation.forms.map((f) => t('print.docs.plan.form', { title: f.title, count: f.items })).join(t('listSep')) }) },
      ...plan.evaluation.evaluators.map(
        (e): DocBlock => ({
          kind: 'para',
          text: `${e.who}${e.lead ? t('evaluation.report.lead') : ''}${t('colon')}${e.forms.join(t('listSep'))}${e.sites.length > 0 ? t('bracketed', { text: e.sites.join(t('listSep')) }) : ''}`,
        }),
      ),
    );
  blocks.push({ kind: 'heading1', text: sectionOf(t, 11, t('print.docs.plan.preparation')) }, ...paras(t, a.preparation));
  return blocks;
}


/** An item as the evaluation plan names it: `1.3 按规定报送信息★`, with its form when the drill has several. */
function itemLine(item: PlanItem, t: Translate, withForm: boolean): string {
  return `${withForm ? `${t('print.docs.evalPlan.formName', { title: item.form })} ` : ''}${item.number} ${item.content}${item.critical ? t('evaluation.form.criticalMark') : ''}`;
}

function evaluationPlanBlocks(doc: EvaluationPlanDoc, t: Translate, language: string): DocBlock[] {
  const noForms: DocBlock = { kind: 'para', text: t('print.docs.evalPlan.noForms') };
  const several = doc.forms.length > 1;
  const blocks: DocBlock[] = [
    { kind: 'heading1', text: sectionOf(t, 1, t('print.docs.evalPlan.info')) },
    drillFactsWithLength(doc, t, language),
    { kind: 'heading2', text: t('print.docs.evalPlan.objectives') },
    ...(doc.objectives.length > 0 ? doc.objectives.map((o, i): DocBlock => ({ kind: 'para', text: `${i + 1}. ${o.text}` })) : [{ kind: 'para', text: t('print.docs.notWritten') } as DocBlock]),
    { kind: 'heading1', text: sectionOf(t, 2, t('print.docs.evalPlan.content')) },
  ];
  if (doc.forms.length === 0) blocks.push(noForms);
  else
    blocks.push(
      { kind: 'para', text: t('print.docs.evalPlan.contentText') },
      {
        kind: 'table',
        key: 'evaluation-plan-objectives',
        headings: ['no', 'objective', 'content', 'count'].map((k) => t(`print.docs.col.${k}`)),
        widths: [10, 62, 90, 12],
        rows: [
          ...doc.objectives.map((o, i): DocCell[] => [String(i + 1), o.text, o.items.length > 0 ? o.items.map((item) => itemLine(item, t, several)).join('\n') : t('print.docs.evalPlan.noItems'), String(o.items.length)]),
          ...(doc.unlinked.length > 0 ? [['', t('print.docs.evalPlan.unlinked'), doc.unlinked.map((item) => itemLine(item, t, several)).join('\n'), String(doc.unlinked.length)]] : []),
        ],
      },
    );

  blocks.push({ kind: 'heading1', text: sectionOf(t, 3, t('print.docs.evalPlan.standards')) });
  if (doc.forms.length === 0) blocks.push(noForms);
  doc.forms.forEach((form, f) => {
    const count = form.sections.reduce((sum, section) => sum + section.items.length, 0);
    blocks.push(
      { kind: 'heading2', text: t('print.docs.evalPlan.form', { n: f + 1, title: form.title, sections: form.sections.length, count }) },
      ...(form.description.trim() ? paras(t, form.description) : []),
      { kind: 'para', text: t('print.docs.evalPlan.scheme', { scheme: t(`evaluation.scheme.${form.scheme}`), pass: form.passPercent }) },
      { kind: 'para', text: t(`evaluation.form.schemeNote.${form.scheme}`, { pass: form.passPercent }) },
      {
        kind: 'para',
        text: form.critical.length > 0 ? t('print.docs.evalPlan.critical', { count: form.critical.length, list: form.critical.map((item) => `${item.number} ${item.content}`).join(t('listSep')) }) : t('print.docs.evalPlan.noCritical'),
      },
    );
  });

  blocks.push({ kind: 'heading1', text: sectionOf(t, 4, t('print.docs.evalPlan.organisation')) });
  blocks.push(
    doc.team.length > 0
      ? { kind: 'para', text: t('print.docs.evalPlan.team', { list: doc.team.map((p) => (p.unit ? `${p.name}${t('bracketed', { text: p.unit })}` : p.name)).join(t('listSep')) }) }
      : { kind: 'para', text: t('print.docs.evalPlan.noTeam') },
  );
  if (doc.evaluators.length === 0) blocks.push({ kind: 'para', text: t('print.docs.evalPlan.noAssignments') });
  else
    blocks.push({
      kind: 'table',
      key: 'evaluation-plan-evaluators',
      headings: ['no', 'evaluator', 'role', 'forms', 'sections', 'evalSites'].map((k) => t(`print.docs.col.${k}`)),
      widths: [10, 28, 24, 40, 50, 22],
      rows: doc.evaluators.map((e, i) => [
        String(i + 1),
        `${e.who}${e.lead ? t('evaluation.report.lead') : ''}`,
        e.roleName,
        e.forms.join('\n'),
        e.sections.length > 0 ? e.sections.join(t('listSep')) : t('evaluation.form.allSections'),
        e.sites.length > 0 ? e.sites.join(t('listSep')) : t('print.docs.evalPlan.allSites'),
      ]),
    });
  blocks.push({ kind: 'para', text: t('print.docs.evalPlan.leadText') });

  blocks.push(
    { kind: 'heading1', text: sectionOf(t, 5, t('print.docs.evalPlan.procedure')) },
    ...(['before', 'during', 'after'] as const).map((stage): DocBlock => ({ kind: 'para', text: t(`print.docs.evalPlan.${stage}`) })),
    ...(doc.steps.length > 0 ? [{ kind: 'para', text: t('print.docs.evalPlan.steps', { list: doc.steps.map((step) => timedText(step) + (step.location ? t('bracketed', { text: step.location }) : '')).join(t('listSep')) }) } as DocBlock] : []),
    { kind: 'heading1', text: sectionOf(t, 6, t('print.docs.evalPlan.forms')) },
  );
  if (doc.forms.length === 0) blocks.push(noForms);
  doc.forms.forEach((form, f) => {
    const points = form.scheme === 'points';
    const columns = ['no', 'content', 'criterion', 'critical', ...(points ? ['points'] : []), 'watch', 'site'];
    blocks.push(
      { kind: 'heading2', text: t('print.docs.evalPlan.formTable', { n: f + 1, title: form.title }) },
      {
        kind: 'table',
        key: `evaluation-plan-form-${f}`,
        headings: columns.map((k) => t(`print.docs.col.${k}`)),
        widths: points ? [11, 37, 40, 13, 11, 38, 22] : [11, 41, 45, 13, 40, 22],
        rows: form.sections.flatMap((section): DocCell[][] => [
          [{ span: columns.length, text: `${section.number}. ${section.title}`, bold: true }],
          ...section.items.map((item): DocCell[] => [
            item.number,
            item.content,
            item.criterion,
            item.critical ? t('evaluation.form.criticalMark') : '',
            ...(points ? [String(item.maxPoints)] : []),
            item.watch.map(timedText).join('\n'),
            item.site,
          ]),
        ]),
      },
    );
  });
  blocks.push(
    { kind: 'heading1', text: sectionOf(t, 7, t('print.docs.evalPlan.report')) },
    {
      kind: 'para',
      text: t('print.docs.evalPlan.reportText', {
        list: [1, 2, 3, 4, 5, 6, 7, 8].map((n) => t(`evaluation.report.section${n}`).replace(/^[^\s、.]+[、.]\s*/, '')).join(t('listSep')),
      }),
    },
  );
  return blocks;
}

function supportPlanBlocks(plan: SupportPlan, t: Translate, language: string): DocBlock[] {
  const a = plan.arrangements;
  const people = plan.contacts.groups.flatMap((group) => group.people);
  return [
    { kind: 'heading1', text: sectionOf(t, 1, t('print.docs.supportPlan.general')) },
    drillFactsWithLength(plan, t, language),
    { kind: 'para', text: t('print.docs.supportPlan.generalText') },
    { kind: 'heading1', text: sectionOf(t, 2, t('print.docs.supportPlan.safety')) },
    ...paras(t, a.safety),
    { kind: 'heading1', text: sectionOf(t, 3, t('print.docs.supportPlan.equipment')) },
    ...(plan.equipment.length === 0
      ? [{ kind: 'para', text: t('print.docs.equipment.none') } as DocBlock]
      : [
          { kind: 'para', text: t('print.docs.supportPlan.equipmentText', { count: plan.equipment.length }) } as DocBlock,
          {
            kind: 'table',
            key: 'support-plan-equipment',
            headings: ['no', 'item', 'sites', 'roles', 'uses'].map((k) => t(`print.docs.col.${k}`)),
            widths: [10, 44, 58, 50, 12],
            rows: plan.equipment.map((e, i) => [String(i + 1), e.item, e.sites.join(t('listSep')), e.roles.join(t('listSep')), String(e.uses)]),
          } as DocBlock,
        ]),
    { kind: 'heading1', text: sectionOf(t, 4, t('print.docs.supportPlan.communication')) },
    { kind: 'para', text: t('print.docs.contacts.office', { contact: textOr(t, a.contact) }) },
    {
      kind: 'table',
      key: 'support-plan-contacts',
      headings: ['no', 'group', 'role', 'name', 'phone', 'callSign'].map((k) => t(`print.docs.col.${k}`)),
      widths: [10, 34, 34, 22, 42, 32],
      rows: people.length > 0 ? contactRowsOf(plan.contacts, false) : [[{ span: 6, text: t('print.docs.noPeople') }]],
    },
    { kind: 'para', text: t('print.docs.contacts.note'), small: true },
    { kind: 'heading1', text: sectionOf(t, 5, t('print.docs.supportPlan.logistics')) },
    ...paras(t, a.support),
    { kind: 'heading1', text: sectionOf(t, 6, t('print.docs.supportPlan.people')) },
    {
      kind: 'table',
      key: 'support-plan-categories',
      headings: ['category', 'role', 'people'].map((k) => t(`print.docs.col.${k}`)),
      widths: [30, 120, 24],
      rows: plan.byCategory.map((c) => [t(`category.${c.category}`), c.roles.join(t('listSep')), String(c.people)]),
    },
    { kind: 'para', text: t('print.docs.plan.headcount', { count: plan.headcount.total }) },
    {
      kind: 'table',
      key: 'support-plan-assembly',
      headings: ['no', 'role', 'category', 'people', 'assemblyPlace', 'assemblyTime', 'inPlace'].map((k) => t(`print.docs.col.${k}`)),
      widths: [10, 28, 18, 11, 38, 24, 45],
      rows: plan.assembly.map((r, i) => [String(i + 1), r.role, t(`category.${r.category}`), String(r.people), r.place || '—', r.time || '—', r.inPlace || '—']),
    },
    { kind: 'heading1', text: sectionOf(t, 7, t('print.docs.supportPlan.sites')) },
    {
      kind: 'table',
      key: 'support-plan-sites',
      headings: ['no', 'site', 'time', 'stepsAt', 'role'].map((k) => t(`print.docs.col.${k}`)),
      widths: [10, 38, 24, 64, 38],
      rows: plan.sites.map((site, i) => [String(i + 1), site.site || t('print.docs.supportPlan.noSite'), spanText(site), site.steps.map(timedText).join('\n'), site.roles.join(t('listSep'))]),
    },
    { kind: 'para', text: t('print.docs.supportPlan.sitesNote'), small: true },
  ];
}

function handbookBlocks(book: ObserverHandbook, t: Translate, language: string): DocBlock[] {
  const a = book.arrangements;
  return [
    { kind: 'heading1', text: sectionOf(t, 1, t('print.docs.handbook.overview')) },
    { kind: 'facts', rows: drillFactRows(book.drill, t, language) },
    ...(book.drill.objectives.length > 0 ? [{ kind: 'para', text: `${t('print.header.objectives')}${t('colon')}${book.drill.objectives.join(t('listSep'))}` } as DocBlock] : []),
    ...(book.description.trim() ? paras(t, book.description) : []),
    { kind: 'heading1', text: sectionOf(t, 2, t('print.docs.handbook.schedule')) },
    phaseTable(t, book.phases, 'handbook-phases'),
    { kind: 'heading1', text: sectionOf(t, 3, t('print.docs.handbook.positions')) },
    ...(a.viewing.trim() ? paras(t, a.viewing) : []),
    ...book.positions.map((p): DocBlock => ({ kind: 'para', text: t('print.docs.handbook.position', { role: p.role, assembly: p.assembly || '—', inPlace: p.inPlace || '—' }) })),
    ...(a.viewing.trim() || book.positions.length > 0 ? [] : [{ kind: 'para', text: t('print.docs.notWritten') } as DocBlock]),
    { kind: 'heading1', text: sectionOf(t, 4, t('print.docs.handbook.safety')) },
    { kind: 'para', text: t('print.docs.handbook.rules') },
    ...(a.safety.trim() ? paras(t, a.safety) : []),
    { kind: 'heading1', text: sectionOf(t, 5, t('print.docs.handbook.contacts')) },
    ...(a.contact.trim() ? paras(t, a.contact) : []),
    {
      kind: 'table',
      key: 'handbook-contacts',
      headings: ['role', 'name', 'phone', 'callSign'].map((k) => t(`print.docs.col.${k}`)),
      widths: [50, 40, 50, 34],
      rows: book.contacts.length > 0 ? book.contacts.map((p) => [p.roleName, p.name, p.phone, p.callSign]) : [[{ span: 4, text: t('print.docs.noPeople') }]],
    },
    { kind: 'para', text: t('print.docs.contacts.note'), small: true },
  ];
}

/** The blocks of one document of this module. */
export function documentBlocksOf(document: DrillDocument, body: ScenarioBody, t: Translate, language: string): DocumentBlocks {
  const title = body.title;
  const head = (key: string, scale: 'report' | 'sheet', orientation: 'portrait' | 'landscape' = 'portrait') => {
    const name = t(`print.doc.${key}`);
    return { key, orientation, scale, title: name, drillTitle: title as string | null, subtitle: '', running: t('print.docs.running', { title, document: name }), footer: `${title} · ${name}` };
  };
  switch (document) {
    case 'contacts':
      return { ...head('contacts', 'sheet'), blocks: contactsBlocks(contactListOf(body), t, language) };
    case 'sign-in':
      return { ...head('sign-in', 'sheet'), blocks: signInBlocks(signInSheetOf(body), t, language) };
    case 'equipment':
      return { ...head('equipment', 'sheet'), blocks: equipmentBlocks(equipmentListOf(body), t, language) };
    case 'notice':
      return { ...head('notice', 'report'), title: t('print.docs.notice.title', { title }), drillTitle: null, blocks: noticeBlocks(drillNoticeOf(body), t, language) };
    case 'plan':
      return { ...head('plan', 'report'), blocks: planBlocks(drillPlanOf(body), t, language) };
    case 'evaluation-plan':
      return { ...head('evaluation-plan', 'report'), blocks: evaluationPlanBlocks(evaluationPlanDocOf(body), t, language) };
    case 'support-plan':
      return { ...head('support-plan', 'report'), blocks: supportPlanBlocks(supportPlanOf(body), t, language) };
  }
}

/** The 观摩手册 of an observer role as blocks, or null when there is no such role. */
export function handbookBlocksOf(body: ScenarioBody, roleId: string, t: Translate, language: string): DocumentBlocks | null {
  const book = observerHandbookOf(body, roleId);
  if (!book) return null;
  const name = t('print.docs.handbook.title');
  const mark = t('print.sheet.roleMark', { role: book.roleName });
  return {
    key: `handbook-${roleId}`,
    orientation: 'portrait',
    scale: 'report',
    title: name,
    drillTitle: body.title,
    subtitle: mark,
    running: t('print.docs.running', { title: body.title, document: `${name}${mark}` }),
    footer: `${body.title} · ${name} · ${book.roleName}`,
    blocks: handbookBlocks(book, t, language),
  };
}

