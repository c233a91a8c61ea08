/**
 * Every document DrillDesk prints, as Word sections: the role sheets
 * (岗位任务卡), the roster (角色分工表), the drill script (演练脚本), the blank
 * evaluation forms (评估表), the summary report (演练总结报告) and the
 * evaluation report (演练评估报告). Each is built from the same view-model
 * the print view renders (`shared/sheets.ts`, `shared/evaluationSheets.ts`,
 * `shared/report.ts`, `shared/evaluationReport.ts`) with the same catalogue
 * entries and the same sentences (`shared/docText.ts`); never from HTML.
 */
import { Paragraph } from 'docx';
import {
  abTextOf,
  assemblyTextOf,
  attachmentContextOf,
  attachmentTitleOf,
  headcountTextOf,
  inPlaceTextOf,
  drillWhenOf,
  fieldsLineOf,
  findingTextOf,
  formTotalsTextOf,
  objectiveBasisOf,
  overrunTextOf,
  problemTextOf,
  ratingLabelOf,
  shortCauseTextOf,
  sheetNoticeOf,
  watchLinesOf,
  shortfallLinesOf,
  timelineNoteOf,
  triggerTextOf,
  whenInZone,
  deltaText,
  minutesText,
  type RunClock,
  type Translate,
} from '../../../shared/docText';
import type { EvaluationReport } from '../../../shared/evaluationReport';
import type { BlankForm } from '../../../shared/evaluationSheets';
import { PARTICIPANT_CATEGORIES, type DocFields } from '../../../shared/model';
import type { AfterActionReport } from '../../../shared/report';
import { photoBoxOf } from '../../../shared/images';
import { ROSTER_COLUMNS, scriptGroupsOf, timeRangeOf, type CommandNode, type DrillHeader, type DrillScript, type PlannedTime, type RoleSheet, type Roster, type ScriptRow, type SheetStep } from '../../../shared/sheets';
import { clockAt, dateAt, longDateOf, tPlusOf } from '../../../shared/time';
import {
  factsOf,
  fieldsHeadOf,
  fieldsSignOf,
  gap,
  heading1,
  heading2,
  para,
  photoParagraphOf,
  REPORT_SCALE,
  runsOf,
  SHEET_SCALE,
  SIZE,
  tableOf,
  textWidthOf,
  titleOf,
  type Block,
  type CellText,
  type Scale,
  type SectionSpec,
} from './layout';

/** What every builder is given: the catalogue lookup, the language and the document fields (null: none printed). */
export type DocContext = { t: Translate; language: string; fields: DocFields | null };

const lines = (...parts: (string | false | null | undefined)[]) => parts.filter((part): part is string => !!part && part.trim() !== '').join('\n');
const PORTRAIT = textWidthOf('portrait');
const LANDSCAPE = textWidthOf('landscape');

function drillFactsOf(drill: DrillHeader, ctx: DocContext, extra: { label: string; value: string }[] = []) {
  const { t } = ctx;
  return [
    { label: t('print.header.drillDate'), value: drillWhenOf(drill, t, ctx.language) },
    ...extra,
    { label: t('print.header.location'), value: drill.location },
    { label: t('print.header.organiser'), value: drill.organiser },
  ];
}

const timeText = (time: PlannedTime | null) => (time ? lines(timeRangeOf(time), time.isClock && time.offset) : '—');

// --- 岗位任务卡 ------------------------------------------------------------

function taskCellOf(step: SheetStep, t: Translate): string {
  return lines(
    `${step.kind !== 'action' ? `【${t(`kind.${step.kind}`)}】` : ''}${step.title}`,
    step.description,
    step.deliveryMethod && t('print.script.delivery', { method: step.deliveryMethod }),
    step.question && `${t('print.sheet.question')}${step.question}`,
    ...step.branches.map((branch) => (branch.target ? t('print.sheet.branchTo', { label: branch.label, title: branch.target.title }) : t('print.sheet.branchHidden', { label: branch.label }))),
    step.dialogue && `${t('print.sheet.dialogue')}${step.dialogue}`,
    step.coRoleNames.length > 0 && t('print.sheet.coRoles', { names: step.coRoleNames.join(t('listSep')) }),
  );
}

function factsCellOf(step: SheetStep, t: Translate): string {
  const fact = (label: string, text: string) => text.trim() && `${label}${t('colon')}${text}`;
  return lines(
    fact(t('print.sheet.place'), step.location),
    fact(t('print.sheet.resourcesLabel'), step.resources),
    fact(t('print.sheet.expected'), step.expectedResult),
    ...step.handOvers.map(
      (h) => `${t('print.sheet.handOver')}${t('colon')}→ ${h.roleNames.join(t('listSep'))}${h.condition !== null ? t('print.sheet.handOverIf', { label: h.condition }) : ''}${t('colon')}${h.step.title}`,
    ),
  );
}

/** One role sheet: title with its variant, role facts, people, tasks, and an evaluator's duties. */
export function roleSheetSection(sheet: RoleSheet, ctx: DocContext): SectionSpec {
  const { t } = ctx;
  const { role } = sheet;
  const scale = SHEET_SCALE;
  const variant = t(`print.variant.${sheet.variant}`);
  const none = t('print.sheet.none');
  const notice = sheetNoticeOf(sheet, t);
  const children: Block[] = [
    ...fieldsHeadOf(ctx.fields, t, ctx.language, scale),
    para(`【${variant}】`, scale, { align: 'right', indent: false, font: 'heading' }),
    ...titleOf(t('print.sheet.title'), sheet.drill.title, t('print.sheet.roleMark', { role: role.name })),
    factsOf(
      drillFactsOf(sheet.drill, ctx, []).concat([
        { label: t('print.sheet.role'), value: role.name },
        { label: t('print.sheet.group'), value: role.group || none },
        { label: t('print.sheet.category'), value: t('print.sheet.categoryVariant', { category: t(`category.${role.category}`), variant }) },
        { label: t('print.sheet.reportsTo'), value: sheet.reportsTo?.name ?? none },
        { label: t('print.sheet.reporters'), value: sheet.reporters.map((r) => r.name).join(t('listSep')) || none },
        { label: t('print.sheet.responsibilities'), value: role.responsibilities || none },
      ]),
      PORTRAIT,
      scale.table,
    ),
    heading1(t('print.sheet.peopleHeading'), scale),
  ];
  if (role.people.length === 0) children.push(para(t('print.sheet.noPeople'), scale));
  else {
    children.push(
      tableOf(
        [t('print.sheet.name'), t('print.sheet.unit'), t('print.sheet.phone'), t('print.sheet.callSign')],
        role.people.map((p) => [p.name, p.unit, p.phone, p.callSign]),
        [26, 78, 38, 32],
        PORTRAIT,
        scale.table,
      ),
      para(t('print.sheet.drillOnly'), scale, { size: SIZE.wuhao }),
    );
  }
  children.push(heading1(t('print.sheet.tasksHeading'), scale));
  if (notice) children.push(para(notice, scale, { size: SIZE.wuhao }));
  const col = (key: string) => t(`print.sheet.col.${key}`);
  children.push(
    tableOf(
      ['no', 'time', 'trigger', 'task', 'facts'].map(col),
      sheet.steps.length === 0
        ? [[{ span: 5, text: t('print.sheet.noSteps') }]]
        : sheet.steps.map((step, i) => [String(i + 1), step.afterInject ? t('print.sheet.afterInject') : timeText(step.time), step.triggers.map((trigger) => triggerTextOf(trigger, t)).join('\n'), taskCellOf(step, t), factsCellOf(step, t)]),
      [9, 16, 27, 75, 47],
      PORTRAIT,
      scale.table,
    ),
  );
  if (sheet.evaluation.length > 0) {
    children.push(heading1(t('print.sheet.evaluationHeading'), scale));
    for (const duty of sheet.evaluation) {
      children.push(
        para(`${duty.who}${duty.lead ? t('print.sheet.evaluationLead') : ''}${duty.sites.length > 0 ? t('print.sheet.evaluationSites', { sites: duty.sites.join(t('listSep')) }) : ''}`, scale, { bold: true }),
      );
      for (const form of duty.forms) {
        children.push(
          heading2(t('print.sheet.evaluationForm', { title: form.title, scheme: t(`evaluation.schemeShort.${form.scheme}`) }), scale),
          tableOf(
            [t('evaluation.form.col.n'), t('evaluation.form.col.content'), t('evaluation.form.col.criterion'), t('print.sheet.evaluationWatch'), t('print.sheet.place')],
            form.items.map((item) => [`${item.number}${item.critical ? t('evaluation.form.criticalMark') : ''}`, item.content, item.criterion, watchLinesOf(item.watch, t), item.site]),
            [12, 50, 50, 40, 22],
            PORTRAIT,
            scale.table,
          ),
        );
      }
    }
  }
  children.push(...fieldsSignOf(ctx.fields, t, scale));
  return { orientation: 'portrait', children, runningHead: t('print.sheet.running', { role: role.name, variant }) };
}

/**
 * The one-page A5 task card of a player with few tasks (`fitsA5Card`), as the
 * print view's card (`renderer/print/roleCardFlow.tsx`): the role, whom it
 * reports to, its people's phones, and each task with its time, what sets it
 * off, where and what it must achieve, from the same player-safe sheet.
 */
export function roleCardSection(sheet: RoleSheet, ctx: DocContext): SectionSpec {
  const { t } = ctx;
  const { role } = sheet;
  const scale: Scale = { body: SIZE.wuhao, table: SIZE.xiaowu };
  const width = textWidthOf('a5');
  const variant = t(`print.variant.${sheet.variant}`);
  const notice = sheetNoticeOf(sheet, t);
  const people = role.people.map((person) => [person.name, person.phone, person.callSign].filter(Boolean).join(' ')).join(t('clauseSep'));
  // The document's head fields as on every sheet, but no sign-off line: a pocket card stays one page.
  const children: Block[] = [
    ...fieldsHeadOf(ctx.fields, t, ctx.language, scale),
    para(`【${variant}】`, scale, { align: 'right', indent: false, font: 'heading' }),
    para(sheet.drill.title, scale, { align: 'center', indent: false, font: 'heading', size: SIZE.xiaosi }),
    para(`${t('print.sheet.title')}${t('print.sheet.roleMark', { role: role.name })}`, scale, { align: 'center', indent: false, font: 'title', size: SIZE.sihao }),
    factsOf(
      [
        drillFactsOf(sheet.drill, ctx)[0],
        { label: t('print.sheet.reportsTo'), value: sheet.reportsTo?.name ?? t('print.sheet.none') },
        { label: t('print.sheet.peopleHeading'), value: people || t('print.sheet.noPeople') },
      ],
      width,
      scale.table,
    ),
  ];
  if (notice) children.push(para(notice, scale, { size: SIZE.xiaowu, indent: false }));
  children.push(
    tableOf(
      ['no', 'time', 'task'].map((key) => t(`print.sheet.col.${key}`)),
      sheet.steps.length === 0
        ? [[{ span: 3, text: t('print.sheet.noSteps') }]]
        : sheet.steps.map((step, i) => [
            String(i + 1),
            step.afterInject ? t('print.sheet.afterInject') : timeText(step.time),
            lines(
              step.title,
              step.triggers.map((trigger) => triggerTextOf(trigger, t)).join(t('clauseSep')),
              step.location && `${t('print.script.place')}${step.location}`,
              step.expectedResult && `${t('print.script.expectedLabel')}${step.expectedResult}`,
            ),
          ]),
      [8, 17, 103],
      width,
      scale.table,
    ),
  );
  return { orientation: 'a5', children };
}

// --- 角色分工表 ------------------------------------------------------------

function commandParagraphs(nodes: CommandNode[], t: Translate, scale: Scale, depth = 0): Paragraph[] {
  return nodes.flatMap((node) => [
    new Paragraph({
      indent: { left: depth * 480 },
      children: runsOf(`${depth > 0 ? '└ ' : ''}${node.role.name}${node.people.length > 0 ? `  ${node.people.join(t('listSep'))}` : ''}`, { size: scale.table, bold: depth === 0 }),
    }),
    ...commandParagraphs(node.children, t, scale, depth + 1),
  ]);
}

export function rosterSection(roster: Roster, ctx: DocContext): SectionSpec {
  const { t } = ctx;
  const scale = SHEET_SCALE;
  const col = (key: string) => t(`print.roster.col.${key}`);
  const rows: CellText[][] = roster.roles.map((role, i) => [
    String(i + 1),
    role.group,
    role.name,
    t(`category.${role.category}`),
    role.mark,
    role.people.map((p) => p.name).join('\n'),
    role.people.map((p) => p.unit).join('\n'),
    role.people.map((p) => p.phone).join('\n'),
    role.people.map((p) => p.callSign).join('\n'),
    role.responsibilities,
    assemblyTextOf(role),
    inPlaceTextOf(t, role),
    abTextOf(t, role),
    role.reportsTo?.name ?? '',
  ]);
  const children: Block[] = [
    ...fieldsHeadOf(ctx.fields, t, ctx.language, scale),
    ...titleOf(t('print.roster.title'), roster.drill.title),
    factsOf(drillFactsOf(roster.drill, ctx), LANDSCAPE, scale.table),
    gap(),
    tableOf(
      ROSTER_COLUMNS.map(col),
      rows,
      [8, 18, 20, 12, 14, 14, 30, 22, 12, 40, 22, 22, 16, 17],
      LANDSCAPE,
      SIZE.xiaowu,
    ),
    para(headcountTextOf(t, roster.headcount), scale, { size: SIZE.wuhao }),
    para(t('print.roster.drillOnly'), scale, { size: SIZE.wuhao }),
    heading1(t('print.roster.commandHeading'), scale),
    heading2(t('print.roster.drillCommand'), scale),
    ...commandParagraphs(roster.drillCommand, t, scale),
    heading2(t('print.roster.responseCommand'), scale),
    ...commandParagraphs(roster.responseCommand, t, scale),
    ...fieldsSignOf(ctx.fields, t, scale),
  ];
  return { orientation: 'landscape', children, runningHead: t('print.roster.running', { title: roster.drill.title }) };
}

// --- 演练脚本 --------------------------------------------------------------

export function scriptSection(script: DrillScript, ctx: DocContext): SectionSpec {
  const { t } = ctx;
  const scale = SHEET_SCALE;
  const col = (key: string) => t(`print.script.col.${key}`);
  // A 情景时间 column beside the time when the drill compresses time, its width taken from the text columns.
  const scene = script.hasScenarioTime;
  const sceneCells = (row: ScriptRow): CellText[] => (scene ? [row.scenarioTime] : []);
  const columns = ['no', 'time', ...(scene ? ['sceneTime'] : []), 'scene', 'roles', 'action', 'dialogue', 'expected', 'notes'];
  const widths = scene ? [9, 17, 17, 43, 22, 51, 52, 30, 26] : [9, 17, 47, 22, 56, 57, 31, 28];
  const rows: CellText[][] = [];
  for (const group of scriptGroupsOf(script.rows)) {
    if (group.phase !== '') rows.push([{ span: columns.length, text: group.phase, bold: true }]);
    for (const row of group.rows) {
      const conditions = row.conditions.map((c) => t('print.script.condition', { index: c.decisionIndex, title: c.decisionTitle, label: c.label }));
      if (row.kind === 'milestone') {
        rows.push([
          String(row.index),
          timeText(row.time),
          ...sceneCells(row),
          { span: 6, text: lines(...conditions, `◆ ${t('print.script.milestone')}${t('colon')}${row.title}${row.roleNames.length > 0 ? t('bracketed', { text: row.roleNames.join(t('listSep')) }) : ''}`, row.expectedResult) },
        ]);
        continue;
      }
      const inject = row.kind === 'inject';
      rows.push([
        String(row.index),
        timeText(row.time),
        ...sceneCells(row),
        inject ? lines(...conditions, `【${t('kind.inject')}】${row.title}`, row.description) : '',
        row.roleNames.join(t('listSep')),
        inject
          ? lines(row.deliveryMethod && t('print.script.delivery', { method: row.deliveryMethod }))
          : lines(
              ...conditions,
              `${row.kind === 'decision' ? `【${t('kind.decision')}】` : ''}${row.title}`,
              row.description,
              row.question && `${t('print.script.question')}${row.question}`,
              ...row.branches.map((b) => `▸ ${t('print.script.branchTo', { label: b.label, index: b.targetIndex })}`),
            ),
        row.dialogue,
        row.expectedResult,
        lines(row.location && `${t('print.script.place')}${row.location}`, row.resources && `${t('print.script.resources')}${row.resources}`, row.notes),
      ]);
    }
  }
  const length = script.lengthMin === null ? [] : [{ label: t('print.header.length'), value: t('print.header.minutes', { count: Math.round(script.lengthMin) }) }];
  const objectives = script.drill.objectives.length > 0 ? [{ label: t('print.header.objectives'), value: script.drill.objectives.map((o, i) => `${i + 1}. ${o}`).join('\n') }] : [];
  const children: Block[] = [
    ...fieldsHeadOf(ctx.fields, t, ctx.language, scale),
    ...titleOf(t('print.script.title'), script.drill.title),
    factsOf([...drillFactsOf(script.drill, ctx, length), ...objectives], LANDSCAPE, scale.table),
    gap(),
    tableOf(columns.map(col), rows, widths, LANDSCAPE, scale.table),
    ...fieldsSignOf(ctx.fields, t, scale),
  ];
  return { orientation: 'landscape', children, runningHead: t('print.script.running', { title: script.drill.title }) };
}

// --- 评估表 ----------------------------------------------------------------

export function evaluationFormSection(form: BlankForm, ctx: DocContext): SectionSpec {
  const { t } = ctx;
  const scale = SHEET_SCALE;
  const points = form.scheme === 'points';
  const boxes = form.scheme === 'hseep' ? t('evaluation.form.hseepBoxes') : form.scheme === 'points' ? t('evaluation.form.pointsBlank') : t('evaluation.form.checklistBoxes');
  const headings = [
    t('evaluation.form.col.group'),
    t('evaluation.form.col.n'),
    t('evaluation.form.col.content'),
    t('evaluation.form.col.criterion'),
    ...(points ? [t('evaluation.form.col.points')] : []),
    t('evaluation.form.col.result'),
    t('evaluation.form.col.note'),
  ];
  const rows: CellText[][] = form.sections.flatMap((section) =>
    section.items.map((item, i) => [
      i === 0 ? `${section.number}. ${section.title}` : '',
      `${item.number}${item.critical ? t('evaluation.form.criticalMark') : ''}`,
      item.content,
      item.criterion,
      ...(points ? [String(item.maxPoints)] : []),
      boxes,
      '',
    ]),
  );
  const assigned = form.assignees.map(
    (a) =>
      `${a.who}${a.who !== a.roleName ? t('bracketed', { text: a.roleName }) : ''}${a.lead ? t('evaluation.report.lead') : ''}${t('colon')}${[
        a.sections.length > 0 ? t('evaluation.report.sectionsScope', { list: a.sections.join(t('listSep')) }) : t('evaluation.form.allSections'),
        ...(a.sites.length > 0 ? [t('evaluation.report.sitesScope', { list: a.sites.join(t('listSep')) })] : []),
      ].join(t('comma'))}`,
  );
  const children: Block[] = [
    ...fieldsHeadOf(ctx.fields, t, ctx.language, scale),
    ...titleOf(form.title, form.drill.title, t('evaluation.form.docTitle')),
    factsOf(
      [
        { label: t('evaluation.form.drill'), value: form.drill.title },
        { label: t('evaluation.form.time'), value: drillWhenOf({ ...form.drill, timeZone: 'Asia/Shanghai' }, t, ctx.language) },
        { label: t('evaluation.form.place'), value: '' },
        { label: t('evaluation.form.evaluator'), value: '' },
        ...(assigned.length > 0 ? [{ label: t('evaluation.form.assignedTo'), value: assigned.join('\n') }] : []),
      ],
      LANDSCAPE,
      scale.table,
    ),
    ...(form.description.trim() ? [para(form.description, scale)] : []),
    gap(),
    tableOf(headings, rows, points ? [26, 12, 70, 60, 12, 40, 40] : [26, 12, 76, 66, 40, 40], LANDSCAPE, scale.table),
    para(t(`evaluation.form.schemeNote.${form.scheme}`, { pass: form.passPercent }), scale, { size: SIZE.wuhao }),
    gap(),
    para(fieldsLineOf([`${t('evaluation.form.signature')}${t('colon')}________________`, `${t('evaluation.form.date')}${t('colon')}____________`], t), scale, { align: 'right', indent: false }),
  ];
  return { orientation: 'landscape', children, runningHead: t('evaluation.form.runningHead', { title: form.title }) };
}

// --- 演练总结报告 ----------------------------------------------------------

/** The head block of a report sent up the line: 主送 before the body. */
function recipientsOf(fields: DocFields | null, t: Translate, scale: Scale): Paragraph[] {
  return fields?.recipients.trim() ? [para(`${t('docFields.recipients')}${t('colon')}${fields.recipients}`, scale, { indent: false })] : [];
}

/** The foot of a report: 落款 and date at the right, then 抄送 under a rule, then who drafted, reviewed and signed it off. */
function reportFootOf(fields: DocFields | null, ctx: DocContext, scale: Scale): Paragraph[] {
  const { t } = ctx;
  if (!fields) return [];
  const out: Paragraph[] = [];
  const signer = fields.signOff.trim() || fields.unit.trim();
  if (signer || fields.date) {
    out.push(gap());
    if (signer) out.push(para(signer, scale, { align: 'right', indent: false }));
    if (fields.date) out.push(para(longDateOf(fields.date, ctx.language), scale, { align: 'right', indent: false }));
  }
  if (fields.copyTo.trim()) out.push(gap(), para(`${t('docFields.copyTo')}${t('colon')}${fields.copyTo}`, scale, { indent: false, size: SIZE.sihao }));
  out.push(...fieldsSignOf(fields, t, scale));
  return out;
}

export function reportSection(report: AfterActionReport, ctx: DocContext): SectionSpec {
  const { t, language } = ctx;
  const scale = REPORT_SCALE;
  const { overview } = report;
  const start = overview.startedAtMs;
  const clock = (ms: number) => clockAt(ms, overview.timeZone);
  const atMin = (minutes: number) => clock(start + minutes * 60_000);
  const span = (from: number | null, to: number | null) => (from === null ? '—' : `${atMin(from)}–${atMin(to ?? from)}`);
  const titleById = new Map(report.analysis.steps.map((c) => [c.step.id, c.step.title]));
  const stepTitle = (id: string) => titleById.get(id) ?? id;
  const minutes = (value: number | null) => (value === null ? '—' : t('replay.report.minutes', { value: minutesText(value) }));
  const people = PARTICIPANT_CATEGORIES.filter((c) => overview.peopleByCategory[c] > 0)
    .map((c) => `${t(`category.${c}`)} ${overview.peopleByCategory[c]}`)
    .join(t('listSep'));
  const children: Block[] = [
    ...fieldsHeadOf(ctx.fields && { ...ctx.fields, unit: '', version: '', date: null }, t, language, scale),
    ...titleOf(t('replay.report.docTitle'), overview.title),
    ...recipientsOf(ctx.fields, t, scale),
    factsOf(
      [
        { label: t('replay.report.runName'), value: overview.runName },
        {
          label: t('replay.report.time'),
          value: whenInZone(`${longDateOf(overview.drillDate, language)} ${clock(start)}–${overview.endedAtMs === null ? t('replay.report.notEnded') : clock(overview.endedAtMs)}`, overview.timeZone, t),
        },
        { label: t('replay.report.place'), value: overview.location },
        { label: t('replay.report.organiser'), value: overview.organiser },
        { label: t('replay.report.source'), value: t(`replay.report.source_${overview.source}`) },
        { label: t('replay.report.units'), value: overview.units.join(t('listSep')) },
        { label: t('replay.report.people'), value: overview.peopleCount > 0 ? t('replay.report.peopleCount', { count: overview.peopleCount }) + t('bracketed', { text: people }) : '—' },
        {
          label: t('replay.report.length'),
          value: t('replay.report.lengthValue', { planned: minutes(overview.plannedMinutes), actual: minutes(overview.actualMinutes), overrun: overview.overrun === null ? '—' : deltaText(overview.overrun) }),
        },
      ],
      PORTRAIT,
      scale.table,
    ),
    heading1(t('replay.report.section1'), scale),
    heading2(t('replay.report.purpose'), scale),
    ...(overview.objectives.length > 0 ? overview.objectives.map((o, i) => para(`${i + 1}. ${o.objective.text}`, scale)) : [para(t('replay.report.noObjectives'), scale)]),
    heading2(t('replay.report.scenario'), scale),
    para(overview.description.trim() || '—', scale),
    para(
      t('replay.report.stepSummary', {
        total: overview.stepCounts.total,
        done: overview.stepCounts.done,
        skipped: overview.stepCounts.skipped,
        notTaken: overview.stepCounts.notTaken,
        open: overview.stepCounts.unfinished + overview.stepCounts.notStarted,
        late: overview.stepCounts.late,
      }),
      scale,
    ),
    heading2(t('replay.report.unitsAndPeople'), scale),
    tableOf(
      [t('replay.report.col.group'), t('replay.report.col.role'), t('replay.report.col.category'), t('replay.report.col.people')],
      overview.roleGroups.flatMap((group) =>
        group.roles.map(({ role, people: ps }, i) => [
          i === 0 ? group.group : '',
          role.name,
          t(`category.${role.category}`),
          ps.map((p) => (p.unit ? p.name + t('bracketed', { text: p.unit }) : p.name)).join(t('listSep')) || '—',
        ]),
      ),
      [28, 30, 14, 60],
      PORTRAIT,
      scale.table,
    ),
    heading2(t('replay.report.objectivesMet'), scale),
    tableOf(
      [t('replay.report.col.objective'), t('replay.report.col.met'), t('replay.report.col.evidence')],
      overview.objectives.length === 0
        ? [[{ span: 3, text: t('replay.report.noObjectives') }]]
        : overview.objectives.map((o) => [o.objective.text, t(`evaluation.objective.${o.status}`), objectiveBasisOf(t, o)]),
      [70, 18, 40],
      PORTRAIT,
      scale.table,
    ),
    ...(overview.objectives.length > 0 ? [para(t('evaluation.report.rule'), scale, { size: SIZE.wuhao })] : []),
    heading1(t('replay.report.section2'), scale),
    para(overrunTextOf(t, report), scale),
    ...(report.problems.length === 0 ? [para(t('replay.report.noProblems'), scale)] : []),
    ...report.problems.map((problem, i) => para(`${i + 1}. ${problemTextOf(t, problem, { span, stepTitle, atMin })}`, scale)),
    ...(report.knockOnLateCount > 0 ? [para(t('replay.report.knockOn', { count: report.knockOnLateCount }), scale, { size: SIZE.wuhao })] : []),
    heading1(t('replay.report.section3'), scale),
    ...(report.lessons.length === 0 ? [para(t('replay.report.noLessons'), scale)] : report.lessons.map((item, i) => para(`${i + 1}. ${findingTextOf(t, item, atMin)}`, scale))),
    heading1(t('replay.report.section4'), scale),
  ];
  if (report.improvements.length === 0) children.push(para(t('replay.report.noImprovements'), scale));
  else
    children.push(
      tableOf(
        ['owner', 'n', 'action', 'step', 'due', 'state'].map((key) => t(`replay.report.col.${key}`)),
        report.improvements.flatMap((group) =>
          group.items.map((item, i) => [
            i === 0 ? (group.role?.name ?? t('replay.report.unowned')) : '',
            String(i + 1),
            item.annotation.text,
            item.step?.title ?? '—',
            item.annotation.dueDate ? longDateOf(item.annotation.dueDate, language) : t('replay.report.noDue'),
            item.annotation.done ? t('replay.report.done') : t('replay.report.open'),
          ]),
        ),
        [24, 9, 66, 30, 26, 14],
        PORTRAIT,
        scale.table,
      ),
    );
  children.push(...reportFootOf(ctx.fields, ctx, scale));

  // 附录 (evidence), in the smaller table size.
  const timeline = report.appendix.timeline.filter((row) => row.kind !== 'observation');
  children.push(
    heading1(t('replay.report.appendix'), scale),
    heading2(t('replay.report.appendixTimeline'), scale),
    tableOf(
      [t('replay.report.col.time'), 'T+', t('replay.report.col.event'), t('replay.report.col.step'), t('replay.report.col.role'), t('replay.report.col.note')],
      timeline.map((row) => [
        clock(row.atMs),
        tPlusOf(Math.floor(row.atMin)),
        t(`replay.eventKind.${row.kind}`),
        row.step?.title ?? '—',
        row.role?.name ?? '',
        timelineNoteOf(t, row),
      ]),
      [14, 13, 17, 40, 22, 50],
      PORTRAIT,
      SIZE.wuhao,
    ),
    heading2(t('replay.report.appendixPlan'), scale),
    tableOf(
      [t('replay.analysis.col.step'), t('replay.analysis.col.planned'), t('replay.analysis.col.actual'), t('replay.report.col.startDelta'), t('replay.report.col.finishDelta'), t('replay.report.col.cause')],
      report.appendix.planVsActual.map(({ comparison: c, cause }) => [
        `${c.step.title}${c.onActualCriticalPath ? ' ◆' : ''}`,
        span(c.plannedStart, c.plannedFinish),
        c.outcome === 'done' || c.outcome === 'unfinished' ? span(c.actualStart, c.actualFinish) : t(`replay.outcome.${c.outcome}`),
        deltaText(c.startDelay),
        deltaText(c.finishDelay),
        cause ? shortCauseTextOf(t, cause, stepTitle) : c.outcome === 'skipped' ? c.skippedReason : '',
      ]),
      [30, 18, 18, 13, 13, 58],
      PORTRAIT,
      SIZE.wuhao,
    ),
    para(t('replay.report.planNote'), scale, { size: SIZE.wuhao }),
    heading2(t('replay.report.appendixObservations'), scale),
    tableOf(
      [t('replay.report.col.time'), t('replay.report.col.step'), t('replay.report.col.role'), t('replay.report.col.observation'), t('replay.report.col.rating')],
      report.appendix.observations.length === 0
        ? [[{ span: 5, text: t('replay.report.noObservations') }]]
        : report.appendix.observations.map((o) => [clock(o.atMs), o.step?.title ?? '—', o.role?.name ?? '', o.text, o.rating === null ? '' : String(o.rating)]),
      [14, 30, 22, 80, 10],
      PORTRAIT,
      SIZE.wuhao,
    ),
  );
  // 附件: each photo at the size the print view gives it, its title and what it belongs to below.
  if (report.attachments.length > 0) {
    children.push(heading1(t('replay.report.attachments'), scale));
    for (const row of report.attachments) {
      const box = photoBoxOf(row.attachment.width, row.attachment.height);
      const title = attachmentTitleOf(t, row);
      children.push(
        photoParagraphOf({ data: Buffer.from(row.attachment.dataBase64, 'base64'), mime: row.attachment.mime, widthMm: box.width, heightMm: box.height, name: title }),
        para(title, scale, { align: 'center', size: SIZE.wuhao, bold: true }),
        para(attachmentContextOf(t, row, clock(row.atMs)), scale, { align: 'center', size: SIZE.xiaowu }),
      );
    }
    children.push(para(t('replay.report.attachmentsNote'), scale, { size: SIZE.wuhao }));
  }
  return { orientation: 'portrait', children, runningHead: t('replay.report.runningHead', { title: overview.title }) };
}

// --- 演练评估报告 ----------------------------------------------------------

export function evaluationReportSection(report: EvaluationReport, ctx: DocContext): SectionSpec {
  const { t, language } = ctx;
  const scale = REPORT_SCALE;
  const { basics } = report;
  const clock = (ms: number) => clockAt(ms, basics.timeZone);
  const atMin = (minutes: number) => clock(basics.startedAtMs + minutes * 60_000);
  const titleById = new Map(report.analysis.steps.map((c) => [c.step.id, c.step.title]));
  const at: RunClock = {
    clock,
    span: (from, to) => (from === null ? '—' : `${atMin(from)}–${atMin(to ?? from)}`),
    stepTitle: (id) => titleById.get(id) ?? id,
  };
  const noteText = (note: EvaluationReport['problems'][number], withOwner = false) =>
    `${note.step ? t('replay.report.stepMark', { step: note.step.title }) : ''}${note.annotation.text}${
      withOwner && (note.owner || note.annotation.dueDate)
        ? t('evaluation.report.recommendationOwner', {
            owner: note.owner?.name ?? t('replay.report.unowned'),
            due: note.annotation.dueDate ? longDateOf(note.annotation.dueDate, language) : t('evaluation.report.noDue'),
          })
        : ''
    }`;
  const children: Block[] = [
    ...fieldsHeadOf(ctx.fields, t, language, scale),
    ...titleOf(t('evaluation.report.docTitle'), basics.title),
    factsOf(
      [
        { label: t('evaluation.report.runName'), value: basics.runName },
        {
          label: t('evaluation.report.time'),
          value: `${longDateOf(dateAt(basics.startedAtMs, basics.timeZone), language)} ${clock(basics.startedAtMs)}–${basics.endedAtMs === null ? t('replay.report.notEnded') : clock(basics.endedAtMs)}`,
        },
        { label: t('evaluation.report.place'), value: basics.location },
        { label: t('evaluation.report.organiser'), value: basics.organiser },
      ],
      PORTRAIT,
      scale.table,
    ),
    heading1(t('evaluation.report.section1'), scale),
    heading2(t('evaluation.report.objectives'), scale),
    ...(basics.objectives.length > 0 ? basics.objectives.map((o, i) => para(`${i + 1}. ${o.text}`, scale)) : [para(t('replay.report.noObjectives'), scale)]),
    heading1(t('evaluation.report.section2'), scale),
    para(t('evaluation.report.method'), scale),
  ];
  if (report.team.length > 0)
    children.push(
      tableOf(
        [t('evaluation.report.col.evaluator'), t('evaluation.report.col.role'), t('evaluation.report.col.forms'), t('evaluation.report.col.scope')],
        report.team.map((m) => [
          `${m.who}${m.lead ? t('evaluation.report.lead') : ''}`,
          m.role?.name ?? '',
          m.forms.map((f) => f.title).join(t('listSep')),
          [
            ...m.forms.map((f) => (f.sections.length > 0 ? t('evaluation.report.sectionsScope', { list: f.sections.join(t('listSep')) }) : t('evaluation.report.wholeForm'))),
            ...(m.sites.length > 0 ? [t('evaluation.report.sitesScope', { list: m.sites.join(t('listSep')) })] : []),
          ].join(t('comma')),
        ]),
        [30, 26, 50, 40],
        PORTRAIT,
        scale.table,
      ),
    );
  children.push(heading1(t('evaluation.report.section3'), scale));
  for (const result of report.forms) {
    children.push(
      heading2(t('evaluation.report.formHeading', { title: result.form.title, scheme: t(`evaluation.schemeShort.${result.form.scheme}`) }), scale),
      para(`${formTotalsTextOf(t, result)}${result.totals.criticalFailures > 0 ? ` ${t('evaluation.report.criticalFailed', { count: result.totals.criticalFailures })}` : ''}`, scale),
      tableOf(
        ['n', 'content', 'result', 'by', 'note'].map((key) => t(`evaluation.report.col.${key}`)),
        result.items.map((item) => {
          const latest = item.entries.at(-1);
          return [
            `${item.number}${item.item.critical ? t('evaluation.form.criticalMark') : ''}`,
            item.item.content,
            item.rating ? ratingLabelOf(t, result.form.scheme, item.rating.value, true) : t('evaluation.console.unrated'),
            latest?.event.person ?? '',
            `${latest?.event.text ?? ''}${latest?.enteredLater ? t('bracketed', { text: t('evaluation.enteredLater') }) : ''}`,
          ];
        }),
        [11, 70, 16, 18, 50],
        PORTRAIT,
        SIZE.wuhao,
      ),
    );
  }
  children.push(heading2(t('evaluation.report.hotWash'), scale));
  if (report.hotWash.length === 0) children.push(para(t('evaluation.report.noHotWash'), scale));
  report.hotWash.forEach((c, i) => children.push(para(`${i + 1}. ${c.who ? `${c.who}${t('colon')}` : ''}${c.text}${t('bracketed', { text: clock(c.atMs) })}`, scale)));

  children.push(
    heading1(t('evaluation.report.section4'), scale),
    tableOf(
      [t('evaluation.report.col.objective'), t('evaluation.report.col.status'), t('evaluation.report.col.basis')],
      report.objectives.length === 0
        ? [[{ span: 3, text: t('replay.report.noObjectives') }]]
        : report.objectives.map((o) => [o.objective.text, t(`evaluation.objective.${o.status}`), objectiveBasisOf(t, o)]),
      [64, 18, 48],
      PORTRAIT,
      scale.table,
    ),
    para(t('evaluation.report.rule'), scale, { size: SIZE.wuhao }),
    heading1(t('evaluation.report.section5'), scale),
  );
  if (report.shortfalls.length === 0) children.push(para(t('evaluation.report.noUnmet'), scale));
  for (const item of report.shortfalls) {
    const { result } = item;
    children.push(
      para(fieldsLineOf([t('evaluation.report.unmetHeading', { n: result.number, content: result.item.content }), result.rating ? ratingLabelOf(t, result.form.scheme, result.rating.value, true) : ''], t), scale, { bold: true }),
      ...(result.item.criterion ? [para(t('evaluation.report.criterion', { text: result.item.criterion }), scale, { size: SIZE.sihao })] : []),
      ...shortfallLinesOf(t, item, at).map((line) => para(`· ${line}`, scale, { size: SIZE.sihao })),
    );
  }
  children.push(heading1(t('evaluation.report.section6'), scale));
  if (report.strengths.notes.length === 0 && report.strengths.items.length === 0) children.push(para(t('evaluation.report.noStrengths'), scale));
  report.strengths.notes.forEach((note, i) => children.push(para(`${i + 1}. ${noteText(note)}`, scale)));
  if (report.strengths.items.length > 0) {
    children.push(para(t('evaluation.report.strengthsFromItems'), scale));
    report.strengths.items.forEach((item) => children.push(para(`${item.number} ${item.item.content}${t('colon')}${item.entries.at(-1)?.event.text ?? ''}`, scale)));
  }
  children.push(heading1(t('evaluation.report.section7'), scale));
  const problems = [
    ...report.problems.map((note) => noteText(note)),
    ...report.shortfalls.map(
      (item) =>
        `${item.result.number} ${item.result.item.content}${t('colon')}${item.result.rating ? ratingLabelOf(t, item.result.form.scheme, item.result.rating.value, true) : ''}${
          item.entries.at(-1)?.event.text ? t('bracketed', { text: item.entries.at(-1)!.event.text }) : ''
        }`,
    ),
  ];
  if (problems.length === 0) children.push(para(t('evaluation.report.noProblems'), scale));
  problems.forEach((text, i) => children.push(para(`${i + 1}. ${text}`, scale)));
  children.push(heading1(t('evaluation.report.section8'), scale));
  if (report.recommendations.length === 0) children.push(para(t('evaluation.report.noRecommendations'), scale));
  report.recommendations.forEach((note, i) => children.push(para(`${i + 1}. ${noteText(note, true)}`, scale)));
  children.push(...fieldsSignOf(ctx.fields, t, scale));
  return { orientation: 'portrait', children, runningHead: t('evaluation.report.runningHead', { title: basics.title }) };
}
