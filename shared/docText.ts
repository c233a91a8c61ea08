/**
 * The sentences and short texts the printed documents share, built from the
 * view-models with the message catalogue: the print view (through i18next's
 * `t`) and the Word export (through `messageOf`) both call these, so a
 * document says the same thing in PDF and in .docx.
 */
import type { DelayCause } from './analysis';
import { NOT_APPLICABLE, type FormResult, type ObjectiveEvaluation } from './evaluation';
import type { ShortfallItem } from './evaluationReport';
import { wholeMinutesOf, type AfterActionReport, type AttachmentRow, type FindingItem, type ProblemItem, type TimelineRow } from './report';
import { PARTICIPANT_CATEGORIES, type DocFields, type EvalScheme } from './model';
import type { DrillHeader, Headcount, RoleSheet, RosterRole, Trigger, WatchedStep } from './sheets';
import { DEFAULT_TIME_ZONE, longDateOf, tPlusOf } from './time';

/** A catalogue lookup: a dotted key and its `{{name}}` values (i18next's `t`, or `messageOf` bound to a language). */
export type Translate = (key: string, params?: Record<string, string | number>) => string;

/** Minutes rounded for people: whole minutes, or one decimal under ten. */
export function minutesText(minutes: number): string {
  const size = Math.abs(minutes);
  return size < 10 && Math.round(size * 10) % 10 !== 0 ? minutes.toFixed(1) : String(Math.round(minutes));
}

/** A signed difference in minutes: `+12`, `−3`, `0`. */
export function deltaText(minutes: number | null): string {
  if (minutes === null) return '—';
  const text = minutesText(Math.abs(minutes));
  if (text === '0') return '0';
  return minutes > 0 ? `+${text}` : `−${text}`;
}

/**
 * Why a step was late, in one sentence: e.g. 「上游“启动应急响应”晚完成，带来 4 分钟；自身起步晚 1 分钟；自身用时超出 7 分钟」.
 * Parts under half a minute are left out; `whole` gives the minutes as whole numbers (the printed report's prose).
 */
export function causeTextOf(t: Translate, cause: DelayCause, titleOf: (stepId: string) => string, whole = false): string {
  // The summary report's prose gives whole minutes; the analysis tab one decimal under ten.
  const text = whole ? (minutes: number) => String(Math.round(minutes)) : minutesText;
  const parts: string[] = [];
  if (cause.upstream && cause.upstream.minutes >= 0.5)
    parts.push(t('replay.cause.upstream', { step: titleOf(cause.upstream.stepId), minutes: text(cause.upstream.minutes) }));
  if (cause.startedLate >= 0.5) parts.push(t('replay.cause.startedLate', { minutes: text(cause.startedLate) }));
  if (cause.overran >= 0.5) parts.push(t('replay.cause.overran', { minutes: text(cause.overran) }));
  if (cause.overran <= -0.5) parts.push(t('replay.cause.quicker', { minutes: text(-cause.overran) }));
  const origins = cause.origins.filter((origin) => origin.stepId !== cause.upstream?.stepId || cause.origins.length > 1);
  if (cause.upstream && origins.length > 0)
    parts.push(t('replay.cause.origins', { steps: origins.map((o) => t('replay.cause.origin', { step: titleOf(o.stepId), minutes: text(o.minutes) })).join(t('listSep')) }));
  return parts.join(t('replay.cause.separator'));
}

/** The same causes in a few words, for table cells: 「上游“启动应急响应”+4；超时 7」. */
export function shortCauseTextOf(t: Translate, cause: DelayCause, titleOf: (stepId: string) => string): string {
  const parts: string[] = [];
  if (cause.upstream && cause.upstream.minutes >= 0.5)
    parts.push(t('replay.cause.short.upstream', { step: titleOf(cause.upstream.stepId), minutes: minutesText(cause.upstream.minutes) }));
  if (cause.startedLate >= 0.5) parts.push(t('replay.cause.short.startedLate', { minutes: minutesText(cause.startedLate) }));
  if (cause.overran >= 0.5) parts.push(t('replay.cause.short.overran', { minutes: minutesText(cause.overran) }));
  if (cause.overran <= -0.5) parts.push(t('replay.cause.short.quicker', { minutes: minutesText(-cause.overran) }));
  return parts.join(t('replay.cause.separator'));
}

/** `达到`, `P`, `7.5 分`, `不适用`: a rating under its form's scheme; `long` for documents (`基本达到`, `P 顺利完成`). */
export function ratingLabelOf(t: Translate, scheme: EvalScheme, value: string, long = false): string {
  if (scheme === 'points' && value !== NOT_APPLICABLE) return t('evaluation.points', { value });
  return t(`evaluation.${long ? 'value' : 'valueShort'}.${value}`);
}

/** Why an objective has its status, in one line: the rated linked items, the shortfalls by number, the steps serving it. */
export function objectiveBasisOf(t: Translate, o: ObjectiveEvaluation): string {
  const parts = [o.ratedCount > 0 ? t('evaluation.report.objectiveBasis', { rated: o.ratedCount, achieved: o.achievedCount }) : t('evaluation.report.notEvaluatedBasis')];
  if (o.shortfalls.length > 0) parts.push(t('evaluation.report.shortfallNumbers', { list: o.shortfalls.map((r) => r.number).join(t('listSep')) }));
  if (o.steps && o.steps.stepIds.length > 0) parts.push(t('evaluation.report.objectiveSteps', { done: o.steps.doneCount, total: o.steps.stepIds.length }));
  return parts.join(t('comma')) + (o.loweredBySteps ? t('evaluation.report.lowered') : '');
}

/** What sets a step off, as a role sheet prints it: 「演练开始」, 「“…”完成 5 分钟后」, 「“A”或“B”完成后」, 「接到导调组下达的情景信息后（电话）」. */
export function triggerTextOf(trigger: Trigger, t: Translate): string {
  switch (trigger.kind) {
    case 'start':
      return t('print.sheet.trigger.start');
    case 'concealed-inject':
      return trigger.deliveryMethod ? t('print.sheet.trigger.concealedBy', { method: trigger.deliveryMethod }) : t('print.sheet.trigger.concealed');
    case 'either':
      return t('print.sheet.trigger.either', {
        steps: trigger.options.map((option) => option.map((step) => t('print.sheet.trigger.quoted', { title: step.title })).join(t('listSep'))).join(t('print.sheet.trigger.or')),
      });
    case 'step':
      if (trigger.condition !== null) return t('print.sheet.trigger.branch', { title: trigger.step.title, label: trigger.condition });
      return trigger.lagMin > 0 ? t('print.sheet.trigger.afterLag', { title: trigger.step.title, count: trigger.lagMin }) : t('print.sheet.trigger.after', { title: trigger.step.title });
  }
}

/** The notice over a role sheet's tasks: what the player-safe version leaves out, or that the full one must not reach players; null when nothing to say. */
export function sheetNoticeOf(sheet: Pick<RoleSheet, 'variant' | 'withheldInjects' | 'withheldTexts' | 'evaluation'>, t: Translate): string | null {
  if (sheet.variant === 'full') return sheet.evaluation.length > 0 ? t('print.sheet.evaluatorNotice') : t('print.sheet.full');
  const injects = sheet.withheldInjects > 0 ? t('print.sheet.withheld', { count: sheet.withheldInjects }) : null;
  const texts = sheet.withheldTexts > 0 ? t('print.sheet.withheldTexts', { count: sheet.withheldTexts }) : null;
  return injects && texts ? t('twoSentences', { first: injects, second: texts }) : (injects ?? texts);
}

/** The steps an evaluation item looks at, one line each with its planned start: 「09:43 安置点饮用水采样快检」. */
export function watchLinesOf(watch: readonly WatchedStep[], t: Translate): string {
  return watch.map((step) => t('print.sheet.watchLine', { time: step.time ? step.time.start : '—', title: step.title })).join('\n');
}

/** A date and time of a drill, followed by its zone when that is not the usual one (China's): `… (America/New_York time)`. */
export function whenInZone(when: string, zone: string, t: Translate): string {
  return when !== '—' && zone !== DEFAULT_TIME_ZONE ? t('print.header.inZone', { when, zone }) : when;
}

/** When the drill starts, as the documents' facts print it: 「2026年6月18日 09:00 开始」, in the drill's zone. */
export function drillWhenOf(drill: Pick<DrillHeader, 'drillDate' | 'startTime' | 'timeZone'>, t: Translate, language: string): string {
  const when = drill.drillDate
    ? drill.startTime
      ? t('print.header.dateTime', { date: longDateOf(drill.drillDate, language), time: drill.startTime })
      : longDateOf(drill.drillDate, language)
    : (drill.startTime ?? '—');
  return whenInZone(when, drill.timeZone, t);
}

/**
 * The document fields a run's summary report carries: the run's own fields
 * over its plan's, field by field (a field the run leaves empty keeps the
 * scenario's).
 */
export function docFieldsOf(base: DocFields, override?: DocFields): DocFields {
  if (!override) return base;
  const merged = { ...base };
  for (const key of Object.keys(base) as (keyof DocFields)[]) {
    const value = override[key];
    if (value !== null && value !== '') (merged as Record<string, unknown>)[key] = value;
  }
  return merged;
}

/** Label and value of each document field that is set, in print order: 编制单位, 版本, 日期. */
export function docHeadLinesOf(fields: DocFields, t: Translate, language: string): { label: string; value: string }[] {
  return [
    { label: t('docFields.unit'), value: fields.unit },
    { label: t('docFields.version'), value: fields.version },
    { label: t('docFields.date'), value: fields.date ? longDateOf(fields.date, language) : '' },
  ].filter((line) => line.value.trim() !== '');
}

/** Labelled fields on one line, 「编制：张伟　审核：李强」: an ideographic space between them in Chinese, spaces in English. */
export function fieldsLineOf(fields: readonly string[], t: Translate): string {
  return fields.length === 0 ? '' : fields.reduce((line, field) => t('twoFields', { first: line, second: field }));
}

/** The gap between two labelled fields on one line, for a screen that sets them apart in its own elements. */
export const fieldGapOf = (t: Translate) => t('twoFields', { first: '', second: '' });

/** The head fields on one line, 「编制单位：县生态环境局　版本：第1版　日期：2026年6月5日」. */
export function docHeadTextOf(fields: DocFields, t: Translate, language: string): string {
  return fieldsLineOf(
    docHeadLinesOf(fields, t, language).map((line) => `${line.label}${t('colon')}${line.value}`),
    t,
  );
}

/** The sign-off line, 「编制：张伟　审核：李强　签发：王芳」, or '' when nobody is named. */
export function docSignLineOf(fields: DocFields, t: Translate): string {
  const signed = [
    [t('docFields.drafter'), fields.drafter],
    [t('docFields.reviewer'), fields.reviewer],
    [t('docFields.approver'), fields.approver],
  ].filter(([, name]) => name.trim() !== '');
  return fieldsLineOf(
    signed.map(([label, name]) => `${label}${t('colon')}${name}`),
    t,
  );
}

/**
 * A version as the foot of a page names it: a bare number (「2」, 「1.1」) as 「第 2 版」, anything else
 * as entered (「第1版」, 「试行稿」, 「2026年修订版」), never 「第 第1版 版」.
 */
export const versionShortOf = (version: string, t: Translate) => (/^\d+(\.\d+)*$/.test(version.trim()) ? t('docFields.versionShort', { version: version.trim() }) : version);

/** The one-line foot of a document's pages: 「县生态环境局 · 第 2 版 · 2026年6月1日」 ('' when no field is set). */
export function docFootOf(fields: DocFields, t: Translate, language: string): string {
  return docHeadLinesOf(fields, t, language)
    .map((line) => (line.label === t('docFields.version') ? versionShortOf(line.value, t) : line.value))
    .join(' · ');
}

/** A form's totals in one sentence, by its scheme: counts per rating, the share against the pass mark, the status. */
export function formTotalsTextOf(t: Translate, result: FormResult): string {
  const { totals, form } = result;
  const common = {
    na: totals.notApplicable,
    unrated: totals.unrated,
    percent: totals.percent === null ? '—' : t('evaluation.percent', { value: totals.percent.toFixed(1) }),
    pass: form.passPercent,
    status: t(`evaluation.status.${totals.status}`),
  };
  if (form.scheme === 'points')
    return t('evaluation.report.totals.points', { ...common, points: minutesText(totals.points ?? 0), max: minutesText(totals.maxPoints ?? 0) });
  if (form.scheme === 'hseep')
    return t('evaluation.report.totals.hseep', { ...common, P: totals.byValue.P ?? 0, S: totals.byValue.S ?? 0, M: totals.byValue.M ?? 0, U: totals.byValue.U ?? 0, overall: totals.overall ?? '—' });
  return t('evaluation.report.totals.checklist', { ...common, met: totals.byValue.met ?? 0, partly: totals.byValue.partly ?? 0, notMet: totals.byValue['not-met'] ?? 0 });
}

/** Clock texts of a run's report: `clock(ms)` on the drill's wall clocks, `span(from, to)` of minutes from the run start. */
export type RunClock = { clock: (ms: number) => string; span: (from: number | null, to: number | null) => string; stepTitle: (id: string) => string };

/** The evidence under an item not achieved, one line each: its entries, the observations on its steps, its steps' plan against reality. */
export function shortfallLinesOf(t: Translate, item: ShortfallItem, at: RunClock): string[] {
  const scheme = item.result.form.scheme;
  const lines: string[] = [];
  for (const entry of item.entries) {
    lines.push(
      t('evaluation.report.entry', { time: at.clock(Date.parse(entry.event.at)), by: entry.event.person || '', value: ratingLabelOf(t, scheme, entry.rating.value, true) }) +
        (entry.event.text ? t('evaluation.report.entryNote', { text: entry.event.text }) : '') +
        (entry.enteredLater ? t('bracketed', { text: t('evaluation.enteredLater') }) : '') +
        (entry.event.corrects !== null ? t('bracketed', { text: t('evaluation.corrected') }) : ''),
    );
  }
  for (const o of item.observations) lines.push(t('evaluation.report.observation', { time: at.clock(o.atMs), step: o.step?.title ?? '', text: o.text }));
  for (const { comparison: c, cause } of item.steps) {
    if (c.outcome !== 'done' && c.outcome !== 'unfinished') {
      lines.push(t('evaluation.report.stepOutcome', { step: c.step.title, outcome: t(`replay.outcome.${c.outcome}`) }));
      continue;
    }
    const delay =
      c.finishDelay === null || Math.abs(c.finishDelay) < 1
        ? t('evaluation.report.onTime')
        : c.finishDelay > 0
          ? t('evaluation.report.late', { minutes: Math.round(c.finishDelay) })
          : t('evaluation.report.early', { minutes: Math.round(-c.finishDelay) });
    lines.push(
      t('evaluation.report.stepDelay', { step: c.step.title, planned: at.span(c.plannedStart, c.plannedFinish), actual: at.span(c.actualStart, c.actualFinish), delay }) +
        (cause ? t('bracketed', { text: causeTextOf(t, cause, at.stepTitle) }) : ''),
    );
  }
  return lines;
}

/** One problem of the summary report in one sentence (without its number): findings on one step, steps never started, a late step and why, an objective not met. */
export function problemTextOf(t: Translate, problem: ProblemItem, at: Pick<RunClock, 'span' | 'stepTitle'> & { atMin: (minutes: number) => string }): string {
  const findingsText = (findings: readonly FindingItem[]) => findings.map((item) => `${item.annotation.text}${t('bracketed', { text: at.atMin(item.atMin) })}`).join(t('replay.report.clauseSep'));
  if (problem.kind === 'finding')
    return problem.findings.length === 1
      ? findingTextOf(t, problem.findings[0], at.atMin)
      : `${problem.findings[0].step ? t('replay.report.stepMark', { step: problem.findings[0].step.title }) : ''}${findingsText(problem.findings)}`;
  if (problem.kind === 'not-started')
    return (
      (problem.steps.length > 0 ? t('replay.report.notStarted', { steps: problem.steps.map((s) => s.title).join(t('listSep')) }) : '') +
      (problem.unfinished.length > 0 ? t('replay.report.unfinished', { steps: problem.unfinished.map((s) => s.title).join(t('listSep')) }) : '')
    );
  if (problem.kind === 'objective-not-met') {
    const { result } = problem;
    return result.status === 'not-evaluated'
      ? t('replay.report.objectiveMissed', { objective: result.objective.text, steps: problem.missedSteps.map((s) => s.title).join(t('listSep')) })
      : `${t('evaluation.report.objectiveProblem', { objective: result.objective.text, status: t(`evaluation.objective.${result.status}`) })}${t('colon')}${objectiveBasisOf(t, result)}${t('replay.report.period')}`;
  }
  const c = problem.comparison;
  return (
    t('replay.report.stepMark', { step: c.step.title }) +
    t('replay.report.lateLine', { planned: at.span(c.plannedStart, c.plannedFinish), actual: at.span(c.actualStart, c.actualFinish), minutes: problem.wholeDelay }) +
    t('replay.report.because') +
    causeTextOf(t, problem.cause, at.stepTitle, true) +
    t('replay.report.period') +
    findingsText(problem.findings)
  );
}

export function findingTextOf(t: Translate, item: FindingItem, atMin: (minutes: number) => string): string {
  return `${item.step ? t('replay.report.stepMark', { step: item.step.title }) : ''}${item.annotation.text}${t('bracketed', { text: atMin(item.atMin) })}`;
}

/** The summary report's timing paragraph: planned against actual length in whole minutes, late, early or incomplete, where the time was lost, pauses. */
export function overrunTextOf(t: Translate, report: AfterActionReport): string {
  const { overview } = report;
  const timing = overview.timing;
  // Prose gives whole minutes (the appendix tables keep the exact differences).
  const contributors = overview.contributors
    .filter((c) => c.wholeMinutes > 0)
    .map((c) => t('replay.report.contributor', { step: c.step.title, minutes: c.wholeMinutes, share: Math.round(c.share * 100) }))
    .join(t('listSep'));
  const lost = wholeMinutesOf(report.analysis.lostMinutes);
  const recovered = timing && overview.overrun !== null ? lost - wholeMinutesOf(overview.overrun) : 0;
  const paused = wholeMinutesOf(overview.pausedMinutes);
  const pausedText = paused >= 1 ? t('replay.report.paused', { minutes: paused }) : '';
  if (timing === null) return t('replay.report.noTiming') + pausedText;
  const numbers = { planned: timing.planned, actual: timing.actual, minutes: timing.minutes, notStarted: timing.notStarted, unfinished: timing.unfinished };
  const late = (overview.overrun ?? 0) > 0;
  const lostText =
    late && timing.minutes > 0
      ? (contributors ? t('replay.report.lostIn', { list: contributors }) : '') + (recovered >= 1 ? t('replay.analysis.recovered', { lost, recovered }) : '')
      : '';
  const main =
    timing.kind === 'late'
      ? t('replay.report.overrunSummary', { ...numbers, overrun: timing.minutes }) + lostText
      : timing.kind === 'early'
        ? t('replay.report.earlySummary', numbers)
        : timing.kind === 'incomplete'
          ? t(late ? 'replay.report.incompleteLateSummary' : 'replay.report.incompleteEarlySummary', numbers) + lostText
          : t('replay.report.onTimeSummary', numbers);
  return main + pausedText;
}

// --- 角色分工表 (roster) cells, shared by the print view, Word and Excel ---

/** 「参加人员共 41 人：演练组织 11 人，应急指挥与处置 30 人（参演人员 30 人、…）」, categories with nobody left out. */
export function headcountTextOf(t: Translate, headcount: Headcount): string {
  const byCategory = PARTICIPANT_CATEGORIES.filter((category) => headcount.byCategory[category] > 0)
    .map((category) => t('print.roster.headcountPart', { category: t(`category.${category}`), count: headcount.byCategory[category] }))
    .join(t('listSep'));
  return t('print.roster.headcount', { total: headcount.total, drill: headcount.bySide.drill, response: headcount.bySide.response, byCategory });
}

/** 集合地点/时间 as one cell: place, then time. */
export const assemblyTextOf = (role: Pick<RosterRole, 'assembly'>) => [role.assembly.place, role.assembly.time].filter((part) => part.trim()).join('\n');

/** 首次到位 as one cell: time (marked when it is the drill start), then place. */
export const inPlaceTextOf = (t: Translate, role: Pick<RosterRole, 'inPlace'>) =>
  [role.inPlace.time && `${role.inPlace.time}${role.inPlace.source === 'start' ? t('print.roster.inPlaceStart') : ''}`, role.inPlace.location].filter(Boolean).join('\n');

/** A/B 角 as one cell: 「A：张三 / B：李四」 when a backup is set, else ''. */
export const abTextOf = (t: Translate, role: Pick<RosterRole, 'holder' | 'backup'>) => (role.backup.trim() ? t('print.roster.ab', { a: role.holder || '—', b: role.backup }) : '');
/** A photo's title line in the report's 附件: 「附件1 1号安置点送水」. */
export function attachmentTitleOf(t: Translate, row: AttachmentRow): string {
  const number = t('replay.report.attachmentNumber', { n: row.n });
  return row.attachment.caption ? `${number} ${row.attachment.caption}` : number;
}

/** What a photo belongs to and when: 「14:32（T+12）；观察记录（启动应急响应）：送水车到达」; `clock` is the record's clock time in the drill's zone. */
export function attachmentContextOf(t: Translate, row: AttachmentRow, clock: string): string {
  const source = t(`replay.report.attachmentSource.${row.source}`) + (row.step ? t('bracketed', { text: row.step.title }) : '');
  const text = row.recordText.trim() ? `${t('colon')}${row.recordText.trim()}` : '';
  // Whole minutes after rounding to the second: a note pinned at the start's second is T+0, not T-1.
  const minute = Math.floor(Math.round(row.atMin * 60) / 60);
  return `${clock}${t('bracketed', { text: tPlusOf(minute) })}${t('replay.report.clauseSep')}${source}${text}`;
}

/** The note cell of a record in the report's 附录一: the branch taken, the shift, its text, a correction mark, and the seat that recorded it. */
export function timelineNoteOf(t: Translate, row: TimelineRow): string {
  return [
    row.branch ? `→ ${row.branch}` : null,
    row.shiftMin !== null ? t('replay.events.shift', { minutes: row.shiftMin }) : null,
    row.text && row.text !== row.branch ? row.text : null,
    row.corrected ? t('replay.report.correctedMark') : null,
    row.seat ? t('replay.report.bySeat', { seat: row.seat.name ?? t('conduct.seats.unknownSeat') }) : null,
  ]
    .filter(Boolean)
    .join(t('replay.report.clauseSep'));
}
