/**
 * Excel workbooks of the drill script (演练脚本), the roster (角色分工表), the
 * blank evaluation forms, and the drill office's tabular documents: the
 * sign-in sheet (签到表), the equipment list (物资装备清单) and the drill
 * contacts (演练通讯录), built with exceljs from the same view-models the
 * print view renders (`shared/sheets.ts`, `shared/drillDocuments.ts`), so
 * the team can edit and circulate the tables in Excel. Each sheet prints on
 * A4 with its header row repeated on every page and a footer with the page
 * number and the scenario's revision.
 */
import ExcelJS from 'exceljs';
import { ApiError, type XlsxDocument } from '../../shared/api';
import { blankFormsOf, type BlankForm } from '../../shared/evaluationSheets';
import { contactListOf, equipmentListOf, signInSheetOf } from '../../shared/drillDocuments';
import { catalogues, messageOf, msg, type MessageKey, type MessageParams } from '../../shared/i18n';
import type { Scenario } from '../../shared/model';
import { abTextOf, assemblyTextOf, headcountTextOf, inPlaceTextOf, type Translate } from '../../shared/docText';
import { drillScriptOf, ROSTER_COLUMNS, rosterOf, scriptGroupsOf, timeRangeOf, type CommandNode, type DrillHeader, type ScriptRow } from '../../shared/sheets';
import { dateAt, DEFAULT_TIME_ZONE } from '../../shared/time';

export type { XlsxDocument };
export type XlsxLanguage = 'zh' | 'en';

/** The workbook's words, all from the catalogue (`print.*`, `common.category`), so the workbook says what the printed documents say. */
function labelsOf(language: XlsxLanguage) {
  const words = catalogues[language];
  const say = (key: MessageKey, params: MessageParams = {}) => messageOf(language, key, params);
  const script = words.print.script.col;
  const roster = words.print.roster.col;
  return {
    script: words.print.doc.script,
    roster: words.print.doc.roster,
    command: words.print.roster.commandHeading,
    drillCommand: words.print.roster.drillCommand,
    responseCommand: words.print.roster.responseCommand,
    /** The catalogue lookup the shared document sentences (`shared/docText.ts`) take. */
    t: ((key: string, params?: Record<string, string | number>) => messageOf(language, key, params)) as Translate,
    scriptColumns: [script.no, script.time, script.scene, script.roles, script.action, script.dialogue, script.expected, script.notes],
    sceneTimeColumn: script.sceneTime,
    /** Hidden columns that let DrillDesk read its own export back exactly (kinds, durations, branches). */
    roundTripColumns: [words.print.xlsx.id, words.print.xlsx.kind, words.print.xlsx.duration, words.print.xlsx.next],
    rosterColumns: ROSTER_COLUMNS.map((key) => roster[key]),
    date: words.print.header.drillDate,
    location: words.print.header.location,
    organiser: words.print.header.organiser,
    inject: words.print.xlsx.inject,
    decision: words.print.xlsx.decision,
    milestone: words.print.xlsx.milestone,
    delivery: words.print.xlsx.delivery,
    question: words.print.script.question,
    branch: (label: string, index: number) => say('print.xlsx.branch', { label: label || words.print.xlsx.branchName, index }),
    condition: (label: string, index: number, title: string) => say('print.xlsx.condition', { label: label || words.print.xlsx.branchName, index, title }),
    place: words.print.script.place,
    resources: words.print.script.resources,
    footer: (page: string, pages: string) => say('print.footer.page', { page, pages }),
    revision: (revision: number, date: string) => say('print.footer.revision', { revision, date }),
    labelColon: words.colon,
    drillOnly: words.print.xlsx.drillOnly,
    categories: words.category,
  };
}
type Labels = ReturnType<typeof labelsOf>;

const THIN = { style: 'thin' as const, color: { argb: 'FF333333' } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const FONT = 'Microsoft YaHei';
const HEAD_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7ECF3' } };
const MILESTONE_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F5F9' } };

const lines = (...parts: (string | false | null | undefined)[]) => parts.filter((part): part is string => !!part && part.trim() !== '').join('\n');

/** The text of each script column for one row, as the printed script shows it. */
export function scriptCellsOf(row: ScriptRow, labels: Labels = labelsOf('zh'), withSceneTime = false): string[] {
  const conditions = row.conditions.map((c) => labels.condition(c.label, c.decisionIndex, c.decisionTitle)).join('');
  const scene = row.kind === 'inject' ? lines(`${conditions}${labels.inject}${row.title}`, row.description) : '';
  const action =
    row.kind === 'inject'
      ? lines(row.deliveryMethod && `${labels.delivery}${row.deliveryMethod}`)
      : lines(
          `${conditions}${row.kind === 'decision' ? labels.decision : row.kind === 'milestone' ? labels.milestone : ''}${row.title}`,
          row.description,
          row.question && `${labels.question}${row.question}`,
          ...row.branches.map((b) => labels.branch(b.label, b.targetIndex)),
        );
  const notes = lines(row.location && `${labels.place}${row.location}`, row.resources && `${labels.resources}${row.resources}`, row.notes);
  return [String(row.index), timeRangeOf(row.time), ...(withSceneTime ? [row.scenarioTime] : []), scene, row.roleNames.join('、'), action, row.dialogue, row.expectedResult, notes];
}

function drillLineOf(drill: DrillHeader, labels: Labels): string {
  // The zone is named when it is not the usual one (China's).
  const when = [drill.drillDate, drill.startTime, drill.timeZone !== DEFAULT_TIME_ZONE && `(${drill.timeZone})`].filter(Boolean).join(' ');
  return [when && `${labels.date}${labels.labelColon}${when}`, drill.location && `${labels.location}${labels.labelColon}${drill.location}`, drill.organiser && `${labels.organiser}${labels.labelColon}${drill.organiser}`]
    .filter(Boolean)
    .join('    ');
}

function newSheet(workbook: ExcelJS.Workbook, name: string, scenario: Scenario, labels: Labels, landscape: boolean) {
  return workbook.addWorksheet(name, {
    pageSetup: {
      paperSize: 9, // A4
      orientation: landscape ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.7, header: 0.3, footer: 0.3 },
    },
    headerFooter: {
      oddFooter: `&L${labels.revision(scenario.revision, dateAt(Date.parse(scenario.updatedAt), scenario.timeZone))}&C${labels.footer('&P', '&N')}`,
    },
    views: [{ state: 'frozen', ySplit: 3 }],
  });
}

/** Title row and the one-line drill facts above a table of `columns` columns; the header row is row 3. */
function writeHeading(sheet: ExcelJS.Worksheet, title: string, drill: DrillHeader, columns: string[], labels: Labels) {
  sheet.mergeCells(1, 1, 1, columns.length);
  const titleCell = sheet.getCell(1, 1);
  titleCell.value = title;
  titleCell.font = { name: FONT, size: 16, bold: true };
  titleCell.alignment = { horizontal: 'center', vertical: 'middle' };
  sheet.getRow(1).height = 30;
  sheet.mergeCells(2, 1, 2, columns.length);
  const facts = sheet.getCell(2, 1);
  facts.value = drillLineOf(drill, labels);
  facts.font = { name: FONT, size: 10 };
  facts.alignment = { wrapText: true, vertical: 'middle' };
  sheet.getRow(2).height = 32;
  const head = sheet.getRow(3);
  head.values = columns;
  head.height = 22;
  head.eachCell((cell) => {
    cell.font = { name: FONT, size: 10, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = HEAD_FILL;
    cell.border = BORDER;
  });
  sheet.pageSetup.printTitlesRow = '3:3';
}

function styleBody(row: ExcelJS.Row, columns: number) {
  for (let c = 1; c <= columns; c++) {
    const cell = row.getCell(c);
    cell.font = { name: FONT, size: 9 };
    cell.alignment = { vertical: 'top', wrapText: true };
    cell.border = BORDER;
  }
}

/** The hidden cells of a row: id, kind, planned minutes and every edge out of it as JSON `[target, s|c, label, lag]`. */
export function roundTripCellsOf(row: ScriptRow): (string | number)[] {
  return [row.id, row.kind, row.durationMin ?? '', JSON.stringify(row.next.map((e) => [e.targetId, e.kind === 'conditional' ? 'c' : 's', e.label, e.lagMin]))];
}

const PHASE_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE2E8F0' } };

function scriptSheet(workbook: ExcelJS.Workbook, scenario: Scenario, labels: Labels) {
  const script = drillScriptOf(scenario);
  const sheet = newSheet(workbook, labels.script, scenario, labels, true);
  // A 情景时间 column beside the time when the drill compresses time (the import reads it back by its heading).
  const scene = script.hasScenarioTime;
  const [no, time, ...rest] = labels.scriptColumns;
  const visibleColumns = scene ? [no, time, labels.sceneTimeColumn, ...rest] : labels.scriptColumns;
  const visible = visibleColumns.length;
  const columns = [...visibleColumns, ...labels.roundTripColumns];
  sheet.columns = [6, 13, ...(scene ? [14] : []), 34, 16, 40, 40, 24, 22, 12, 10, 10, 30].map((width) => ({ width }));
  writeHeading(sheet, `${script.drill.title} ${labels.script}`, script.drill, columns, labels);
  for (let c = visible + 1; c <= columns.length; c++) sheet.getColumn(c).hidden = true;
  for (const group of scriptGroupsOf(script.rows)) {
    if (group.phase !== '') {
      // A phase heading row across the table, as printed scripts group their rows.
      const heading = sheet.addRow([group.phase]);
      sheet.mergeCells(heading.number, 1, heading.number, columns.length);
      heading.getCell(1).font = { name: FONT, size: 10, bold: true };
      heading.getCell(1).fill = PHASE_FILL;
      heading.getCell(1).border = BORDER;
    }
    for (const row of group.rows) {
      const added = sheet.addRow([...scriptCellsOf(row, labels, scene), ...roundTripCellsOf(row)]);
      styleBody(added, visible);
      added.getCell(1).alignment = { horizontal: 'center', vertical: 'top' };
      if (row.kind === 'milestone') for (let c = 1; c <= visible; c++) added.getCell(c).fill = MILESTONE_FILL;
    }
  }
  sheet.autoFilter = { from: { row: 3, column: 1 }, to: { row: 3, column: visible } };
}

function rosterSheets(workbook: ExcelJS.Workbook, scenario: Scenario, labels: Labels) {
  const roster = rosterOf(scenario);
  const sheet = newSheet(workbook, labels.roster, scenario, labels, true);
  sheet.columns = [6, 14, 14, 10, 10, 10, 28, 15, 10, 40, 18, 18, 14, 12].map((width) => ({ width }));
  writeHeading(sheet, `${roster.drill.title} ${labels.roster}`, roster.drill, labels.rosterColumns, labels);
  roster.roles.forEach((role, i) => {
    const people = role.people.length > 0 ? role.people : [null];
    const first = sheet.rowCount + 1;
    people.forEach((person) => {
      const added = sheet.addRow([
        i + 1,
        role.group,
        role.name,
        labels.categories[role.category],
        role.mark,
        person?.name ?? '',
        person?.unit ?? '',
        person?.phone ?? '',
        person?.callSign ?? '',
        role.responsibilities,
        assemblyTextOf(role),
        inPlaceTextOf(labels.t, role),
        abTextOf(labels.t, role),
        role.reportsTo?.name ?? '',
      ]);
      styleBody(added, labels.rosterColumns.length);
    });
    const last = sheet.rowCount;
    if (last > first) for (const column of [1, 2, 3, 4, 5, 10, 11, 12, 13, 14]) sheet.mergeCells(first, column, last, column);
  });
  const total = sheet.addRow([headcountTextOf(labels.t, roster.headcount)]);
  total.getCell(1).font = { name: FONT, size: 9 };
  const note = sheet.addRow([labels.drillOnly]);
  note.getCell(1).font = { name: FONT, size: 9, italic: true };

  const tree = newSheet(workbook, labels.command, scenario, labels, false);
  tree.columns = [{ width: 60 }, { width: 40 }];
  writeHeading(tree, `${roster.drill.title} ${labels.command}`, roster.drill, [labels.rosterColumns[2], labels.rosterColumns[4]], labels);
  const walk = (nodes: CommandNode[], depth: number) => {
    for (const node of nodes) {
      const added = tree.addRow([node.role.name, node.people.join('、')]);
      styleBody(added, 2);
      added.getCell(1).alignment = { indent: depth * 2, vertical: 'top' };
      if (depth === 0) added.getCell(1).font = { name: FONT, size: 9, bold: true };
      walk(node.children, depth + 1);
    }
  };
  for (const [heading, nodes] of [[labels.drillCommand, roster.drillCommand], [labels.responseCommand, roster.responseCommand]] as const) {
    const added = tree.addRow([heading]);
    added.getCell(1).font = { name: FONT, size: 10, bold: true };
    walk(nodes, 0);
  }
}

/**
 * A blank evaluation form for paper use, laid out as bureaus keep them and
 * as the form import reads them back: 评估项目 (merged down its items) |
 * 序号 (★ for a critical item) | 评估内容 | 评估标准 | 分值 (points forms) |
 * 评估结果 (boxes to tick) | 说明, with the drill facts above and the scoring
 * rule and a signature line below.
 */
function evaluationFormSheet(workbook: ExcelJS.Workbook, scenario: Scenario, form: BlankForm, labels: Labels, language: XlsxLanguage) {
  const words = catalogues[language].evaluation.form;
  const points = form.scheme === 'points';
  const headings = [words.col.group, words.col.n, words.col.content, words.col.criterion, ...(points ? [words.col.points] : []), words.col.result, words.col.note];
  const sheet = newSheet(workbook, form.title.replace(/[\\/*?:[\]]/g, '_').slice(0, 31), scenario, labels, true);
  sheet.columns = [16, 7, 40, 40, ...(points ? [8] : []), 24, 24].map((width) => ({ width }));
  const when = [form.drill.drillDate, form.drill.startTime].filter(Boolean).join(' ');
  writeHeading(sheet, form.title, { ...form.drill, timeZone: scenario.timeZone, objectives: [] }, headings, labels);
  sheet.getCell(2, 1).value = [
    `${words.drill}${catalogues[language].colon}${form.drill.title}`,
    `${words.time}${catalogues[language].colon}${when || '____'}`,
    `${words.place}${catalogues[language].colon}________`,
    `${words.evaluator}${catalogues[language].colon}________`,
  ].join('    ');
  const result = form.scheme === 'checklist' ? words.checklistBoxes : form.scheme === 'hseep' ? words.hseepBoxes : words.pointsBlank;
  for (const section of form.sections) {
    const first = sheet.rowCount + 1;
    for (const item of section.items) {
      const added = sheet.addRow([
        `${section.number}.${section.title}`,
        `${item.number}${item.critical ? words.criticalMark : ''}`,
        item.content,
        item.criterion,
        ...(points ? [item.maxPoints] : []),
        result,
        '',
      ]);
      styleBody(added, headings.length);
      added.getCell(2).alignment = { horizontal: 'center', vertical: 'top' };
    }
    const last = sheet.rowCount;
    if (last > first) sheet.mergeCells(first, 1, last, 1);
    sheet.getCell(first, 1).alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  }
  for (const line of [words.schemeNote[form.scheme].replace('{{pass}}', String(form.passPercent)), `${words.signature}${catalogues[language].colon}                ${words.date}${catalogues[language].colon}`]) {
    const row = sheet.addRow([line]);
    sheet.mergeCells(row.number, 1, row.number, headings.length);
    row.getCell(1).font = { name: FONT, size: 9 };
    row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    row.height = 30;
  }
}

/** A sheet of one of the drill office's tables: title, drill facts, a header row of catalogue column titles (`print.docs.col.*`) repeated on every page. */
function docTableSheet(workbook: ExcelJS.Workbook, name: string, title: string, drill: DrillHeader, scenario: Scenario, labels: Labels, keys: string[], widths: number[]) {
  const sheet = newSheet(workbook, name.replace(/[\\/*?:[\]]/g, '_').slice(0, 31), scenario, labels, false);
  sheet.columns = widths.map((width) => ({ width }));
  writeHeading(sheet, title, drill, keys.map((key) => labels.t(`print.docs.col.${key}`)), labels);
  return sheet;
}

/** A note under a table, across all its columns. */
function noteRow(sheet: ExcelJS.Worksheet, text: string, columns: number) {
  const row = sheet.addRow([text]);
  sheet.mergeCells(row.number, 1, row.number, columns);
  row.getCell(1).font = { name: FONT, size: 9, italic: true };
  row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
  row.height = 28;
}

/** Merges a column's cells over rows `first`..`last` (one unit's or group's people). */
function mergeDown(sheet: ExcelJS.Worksheet, first: number, last: number, column: number) {
  if (last > first) sheet.mergeCells(first, column, last, column);
  sheet.getCell(first, column).alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
}

/** 签到表: everyone by unit, with blank 签到时间 and 签名 cells tall enough to sign in. */
function signInSheet(workbook: ExcelJS.Workbook, scenario: Scenario, labels: Labels) {
  const list = signInSheetOf(scenario);
  const name = labels.t('print.doc.sign-in');
  const keys = ['no', 'unit', 'name', 'role', 'phone', 'signInTime', 'signature'];
  const sheet = docTableSheet(workbook, name, `${list.drill.title} ${name}`, list.drill, scenario, labels, keys, [6, 26, 12, 20, 16, 12, 20]);
  let n = 0;
  for (const unit of list.units) {
    const first = sheet.rowCount + 1;
    for (const person of unit.people) {
      const added = sheet.addRow([++n, unit.unit, person.name, person.roleName, person.phone, '', '']);
      styleBody(added, keys.length);
      added.height = 26;
    }
    mergeDown(sheet, first, sheet.rowCount, 2);
  }
  noteRow(sheet, `${labels.t('print.docs.signIn.expected')}${labels.labelColon}${labels.t('print.docs.people', { count: list.total })}`, keys.length);
}

/** 物资装备清单: every item once (with blank 数量 and 到位确认), then by role and site with the steps that use it. */
function equipmentSheets(workbook: ExcelJS.Workbook, scenario: Scenario, labels: Labels) {
  const list = equipmentListOf(scenario);
  const name = labels.t('print.doc.equipment');
  const summaryKeys = ['no', 'item', 'roles', 'sites', 'uses', 'quantity', 'ready'];
  const summary = docTableSheet(workbook, labels.t('print.docs.equipment.summary'), `${list.drill.title} ${name}`, list.drill, scenario, labels, summaryKeys, [6, 26, 24, 30, 7, 9, 11]);
  list.summary.forEach((entry, i) => styleBody(summary.addRow([i + 1, entry.item, entry.roles.join(labels.t('listSep')), entry.sites.join(labels.t('listSep')), entry.uses, '', '']), summaryKeys.length));
  if (list.summary.length === 0) noteRow(summary, labels.t('print.docs.equipment.none'), summaryKeys.length);
  noteRow(summary, labels.t('print.docs.equipment.note'), summaryKeys.length);
  const byRoleKeys = ['no', 'role', 'item', 'site', 'usedIn'];
  const byRole = docTableSheet(workbook, labels.t('print.docs.equipment.byRole'), `${list.drill.title} ${name}`, list.drill, scenario, labels, byRoleKeys, [6, 18, 26, 28, 40]);
  let n = 0;
  for (const group of list.byRole) {
    const first = byRole.rowCount + 1;
    for (const row of group.rows)
      styleBody(byRole.addRow([++n, group.role || labels.t('print.docs.equipment.noRole'), row.item, row.site, row.steps.map((step) => (step.time ? `${step.time} ${step.title}` : step.title)).join('\n')]), byRoleKeys.length);
    mergeDown(byRole, first, byRole.rowCount, 2);
  }
}

/** 演练通讯录: everyone with a drill contact by group, marked 仅限本次演练使用 at the head of every page. */
function contactsSheet(workbook: ExcelJS.Workbook, scenario: Scenario, labels: Labels) {
  const list = contactListOf(scenario);
  const name = labels.t('print.doc.contacts');
  const keys = ['no', 'group', 'role', 'name', 'unit', 'phone', 'callSign'];
  const sheet = docTableSheet(workbook, name, `${list.drill.title} ${name}`, list.drill, scenario, labels, keys, [6, 20, 16, 10, 30, 16, 12]);
  sheet.headerFooter.oddHeader = `&R${labels.t('print.docs.contacts.mark')}`;
  let n = 0;
  for (const group of list.groups) {
    const first = sheet.rowCount + 1;
    for (const person of group.people) styleBody(sheet.addRow([++n, group.group, person.roleName, person.name, person.unit, person.phone, person.callSign]), keys.length);
    mergeDown(sheet, first, sheet.rowCount, 2);
  }
  if (list.contact.trim()) noteRow(sheet, labels.t('print.docs.contacts.office', { contact: list.contact }), keys.length);
  noteRow(sheet, labels.t('print.docs.contacts.note'), keys.length);
}

/** A file name for an export, e.g. `汛期水环境应急演练-演练脚本.xlsx`; an evaluation form is named after the form. */
export function xlsxFileNameOf(title: string, document: XlsxDocument, language: XlsxLanguage = 'zh', formTitle = ''): string {
  const safe = (text: string, fallback: string) => text.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 80) || fallback;
  const labels = labelsOf(language);
  const name =
    document === 'script'
      ? labels.script
      : document === 'roster'
        ? labels.roster
        : document === 'evaluation-form'
          ? safe(formTitle, catalogues[language].evaluation.form.docTitle)
          : safe(labels.t(`print.doc.${document}`), document);
  return `${safe(title, 'drill')}-${name}.xlsx`.replace(/\s+/g, '_');
}

/** The workbook of one document as bytes; `formId` picks the evaluation form (the first when not given). */
export async function xlsxOf(scenario: Scenario, document: XlsxDocument, language: XlsxLanguage = 'zh', formId?: string): Promise<Buffer> {
  const labels = labelsOf(language);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'DrillDesk';
  workbook.title = scenario.title;
  workbook.created = new Date(scenario.updatedAt);
  workbook.modified = new Date(scenario.updatedAt);
  if (document === 'script') scriptSheet(workbook, scenario, labels);
  else if (document === 'roster') rosterSheets(workbook, scenario, labels);
  else if (document === 'sign-in') signInSheet(workbook, scenario, labels);
  else if (document === 'equipment') equipmentSheets(workbook, scenario, labels);
  else if (document === 'contacts') contactsSheet(workbook, scenario, labels);
  else {
    const form = blankFormsOf(scenario).find((candidate) => formId === undefined || candidate.id === formId);
    if (!form) throw new ApiError('not-found', formId ? msg('errors.scenario.formNotFound', { id: formId }) : msg('errors.scenario.noForm'));
    evaluationFormSheet(workbook, scenario, form, labels, language);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
