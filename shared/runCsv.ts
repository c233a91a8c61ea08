/**
 * CSV: a small RFC 4180 reader shared by every spreadsheet import, and the
 * run-log import that turns a log typed in from paper forms into run events.
 *
 * A run log has the columns time, step (id or title), event kind, role and
 * text (and optionally a rating for observations), with or without a header
 * row (Chinese or English headers, in any order). Every row is checked
 * against the plan; a file with any bad row is refused as a whole, with the
 * row numbers and reasons, so nothing half-imported ever reaches the log.
 */
import { allowedValuesMessageOf, evalValueOfText, isRatingProblem, placedItemsOf, ratingOf, type PlacedItem } from './evaluation';
import { NewRunEventSchema, type RunEvent, type RunEventKind, type ScenarioBody, type Step } from './model';
import { clockAt, clockTimeOf, instantAt, isZonedInstantText, wallTimeOfText } from './time';
import { eventTimeProblemOf, MAX_RUN_EVENTS, runSizeProblemOf, stepOrderConflictOf, stepOrderProblemOf } from './runBounds';
import { issuesOf } from './api';
import { msg, type Message } from './i18n';

// ---------------------------------------------------------------------------
// The CSV reader

/** One record of a table, with its row number as a spreadsheet shows it (1 = first row). */
export type TableRow = { row: number; cells: string[] };

export type TableProblem = { row: number; message: Message; /** Set when a size limit stopped the reading. */ limit?: 'rows' | 'columns' };

export type TableResult<T> = { ok: true; value: T } | { ok: false; problems: TableProblem[] };


/**
 * The delimiter of a CSV text: comma, tab or semicolon, whichever the first
 * line holding any of them has most of (comma when none), so a title line
 * above the header does not hide it.
 */
function delimiterOf(text: string): string {
  const lines = text.slice(0, 8_192).split(/\r\n|\r|\n/).slice(0, 12);
  const line = lines.find((l) => /[,\t;]/.test(l)) ?? '';
  let best = ',';
  let bestCount = 0;
  for (const candidate of [',', '\t', ';']) {
    const count = line.split(candidate).length - 1;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

/**
 * The rows of a CSV text (RFC 4180: quoted fields may hold delimiters,
 * doubled quotes and line breaks). A byte-order mark is dropped; CRLF, LF
 * and CR all end a row; the delimiter (comma, tab or semicolon) is taken
 * from the first line. Rows whose cells are all blank are left out but keep
 * their numbers counted. An unclosed quote is reported with the row it
 * opened in. Example: `'a,"b,c"\n1,2'` → rows `[a, b,c]` (row 1), `[1, 2]` (row 2).
 */
export function csvRowsOf(text: string, limits: { maxRows: number; maxColumns: number } = { maxRows: Infinity, maxColumns: Infinity }): TableResult<TableRow[]> {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (source.includes('\uFFFD'))
    return {
      ok: false,
      problems: [
        {
          row: 0,
          message: msg('errors.runLog.notUtf8'),
        },
      ],
    };
  const delimiter = delimiterOf(source);
  const rows: TableRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let row = 1;
  let quoted = false;
  let quoteRow = 0;
  let over = null as 'rows' | 'columns' | null;
  const endRow = () => {
    cells.push(cell);
    if (cells.some((value) => value.trim() !== '')) rows.push({ row, cells });
    if (rows.length > limits.maxRows) over = 'rows';
    cells = [];
    cell = '';
    row++;
  };
  for (let i = 0; i < source.length && over === null; i++) {
    const c = source[i];
    if (quoted) {
      if (c === '"') {
        if (source[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += c;
    } else if (c === '"' && cell.trim() === '') {
      quoted = true;
      quoteRow = row;
      cell = '';
    } else if (c === delimiter) {
      cells.push(cell);
      cell = '';
      if (cells.length > limits.maxColumns) over = 'columns';
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && source[i + 1] === '\n') i++;
      endRow();
    } else cell += c;
  }
  // The last row when the text does not end with a line break counts against the limits too.
  if (over === null && !quoted && (cell !== '' || cells.length > 0)) endRow();
  if (over === 'rows') return { ok: false, problems: [{ row, limit: 'rows', message: msg('errors.runLog.tooManyRows', { max: limits.maxRows }) }] };
  if (over === 'columns') return { ok: false, problems: [{ row, limit: 'columns', message: msg('errors.runLog.tooManyColumns', { max: limits.maxColumns }) }] };
  if (quoted)
    return { ok: false, problems: [{ row: quoteRow, message: msg('errors.runLog.unclosedQuote') }] };
  return { ok: true, value: rows };
}

/** Header text made comparable: lower case, no spaces, dashes, underscores or colons. */
export function headerKeyOf(text: string): string {
  return text.toLowerCase().replace(/[\s_\-:：*]/g, '');
}

/**
 * Which column holds each field, from a header row: a cell matches when its
 * text, or a part of it in brackets or around a slash (「时间(Time)」,
 * 「角色/Role」), is one of the field's names. Null when fewer than
 * `minimum` fields are found (so the row is data, not a header).
 */
export function columnsOf<F extends string>(cells: readonly string[], names: Record<F, readonly string[]>, minimum = 2): Partial<Record<F, number>> | null {
  const lookup = new Map<string, F>();
  for (const field of Object.keys(names) as F[]) for (const name of names[field]) lookup.set(headerKeyOf(name), field);
  const columns: Partial<Record<F, number>> = {};
  let found = 0;
  cells.forEach((cell, index) => {
    const parts = [cell, ...cell.split(/[()（）/／]/)].map(headerKeyOf).filter((part) => part !== '');
    const field = parts.map((part) => lookup.get(part)).find((f) => f !== undefined);
    if (field !== undefined && columns[field] === undefined) {
      columns[field] = index;
      found++;
    }
  });
  return found >= minimum ? columns : null;
}

// ---------------------------------------------------------------------------
// Times in a log

/** The context a time cell is read in: the date for bare clock times, the T0 for `T+` offsets, the drill's zone for wall times. */
export type TimeContext = { date: string | null; t0Ms: number | null; zone: string };

/**
 * A time cell as epoch ms: an ISO instant with zone (`2026-05-20T09:31:00+08:00`),
 * a date and time (`2026-05-20 09:31`, `2026/5/20 9:31:05`), a clock time
 * on the context's date (`09:31`), or an offset from T0 (`T+15`, `T+1:05`).
 * Dates and clock times are wall times in the drill's zone (`context.zone`),
 * whatever the zone of the computer reading the file.
 */
export function timeOfCell(cell: string, context: TimeContext): { ms: number; relative: boolean } | Message {
  const text = cell.trim();
  if (text === '') return msg('errors.runLog.timeMissing');
  if (isZonedInstantText(text)) {
    const ms = Date.parse(text);
    return Number.isNaN(ms) ? msg('errors.runLog.timeUnreadable', { text }) : { ms, relative: false };
  }
  const wall = wallTimeOfText(text);
  if (wall && wall.date !== null) {
    const ms = instantAt(wall.date, wall.clock, context.zone);
    return ms === null ? msg('errors.runLog.notDateTime', { text }) : { ms, relative: false };
  }
  if (wall) {
    if (context.date === null)
      return msg('errors.runLog.noDate', { text });
    const ms = instantAt(context.date, wall.clock, context.zone);
    return ms === null ? msg('errors.runLog.notTime', { text }) : { ms, relative: false };
  }
  const match = /^T\s*([+-])\s*(\d{1,4})(?::(\d{2}))?$/i.exec(text);
  if (match) {
    if (context.t0Ms === null)
      return msg('errors.runLog.relativeNoStart', { text });
    const minutes = match[3] === undefined ? +match[2] : +match[2] * 60 + +match[3];
    return { ms: context.t0Ms + (match[1] === '-' ? -minutes : minutes) * 60_000, relative: true };
  }
  return msg('errors.runLog.timeHint', { text });
}

/** The planned T0 of a scenario as epoch ms (its date and start time in its zone), when it has a date and a start time. */
export function plannedStartMsOf(plan: Pick<ScenarioBody, 'drillDate' | 'startTime' | 'timeZone'>): number | null {
  if (plan.drillDate === null || plan.startTime === null) return null;
  const clock = clockTimeOf(plan.startTime);
  return clock && instantAt(plan.drillDate, clock, plan.timeZone);
}

// ---------------------------------------------------------------------------
// The run log

const LOG_COLUMNS = {
  time: ['time', 'at', '时间', '时刻', '记录时间', '发生时间'],
  step: ['step', 'stepid', 'steptitle', '步骤', '环节', '步骤名称', '科目', '情景'],
  kind: ['event', 'kind', 'eventkind', 'type', '事件', '事件类型', '类型', '记录类型'],
  role: ['role', '角色', '小组', '组别', '记录角色'],
  text: ['text', 'note', 'notes', 'comment', 'reason', '内容', '说明', '备注', '记录内容', '原因'],
  rating: ['rating', 'score', '评分', '打分'],
  item: ['item', 'itemid', 'evaluationitem', '评估项', '评估项目编号', '评估内容', '评估项编号'],
  value: ['value', 'result', 'grade', '评估结果', '评定', '结果', '得分', '实际得分'],
  person: ['person', 'evaluator', 'by', '评估人员', '评估人', '记录人'],
} as const;
type LogColumn = keyof typeof LOG_COLUMNS;
const FIXED_ORDER: Record<LogColumn, number> = { time: 0, step: 1, kind: 2, role: 3, text: 4, rating: 5, item: 6, value: 7, person: 8 };

/** The names each kind is read by. A log names no voids: it holds the events that count (`effectiveEventsOf`). */
const KIND_NAMES: Record<Exclude<RunEventKind, 'voided'>, readonly string[]> = {
  'inject-delivered': ['inject-delivered', 'inject', 'delivered', '注入', '情景注入', '已注入', '注入完成', '下达'],
  started: ['started', 'start', '开始', '已开始', '开始处置', '启动'],
  completed: ['completed', 'complete', 'done', 'finished', '完成', '已完成', '处置完成', '到达'],
  skipped: ['skipped', 'skip', '跳过', '略过', '取消'],
  'branch-taken': ['branch-taken', 'branch', 'decision', '分支', '决策', '选择分支', '决策分支'],
  observation: ['observation', 'note', 'observe', '观察', '观察记录', '评估记录', '记录'],
  paused: ['paused', 'pause', '暂停'],
  resumed: ['resumed', 'resume', '恢复', '继续'],
  ended: ['ended', 'end', '演练结束', '结束'],
  'plan-shifted': ['plan-shifted', 'shift', 'shifted', '顺延', '计划顺延', '调整计划', '时间调整'],
  'evaluation-scored': ['evaluation-scored', 'evaluation', 'evaluate', '评估', '评估打分', '评估评分'],
  'hot-wash': ['hot-wash', 'hotwash', '现场点评', '点评'],
};
const kindByName = new Map<string, RunEventKind>();
for (const kind of Object.keys(KIND_NAMES) as (keyof typeof KIND_NAMES)[]) for (const name of KIND_NAMES[kind]) kindByName.set(headerKeyOf(name), kind);

const STEP_KINDS: ReadonlySet<RunEventKind> = new Set(['inject-delivered', 'started', 'completed', 'skipped', 'branch-taken']);

/** An event read from a log: what the service stores, less the bookkeeping it adds. */
export type RunLogEvent = Omit<RunEvent, 'seq' | 'runId' | 'supersededBy' | 'corrects' | 'recordedAt' | 'seatId' | 'clientId'>;
export type RunLog = { startedAt: string; events: RunLogEvent[] };

/** Finds a thing by id first, then by exact name; several with the name is a problem of its own. Built once per log. */
function lookupOf<T extends { id: string }>(items: readonly T[], nameOf: (item: T) => string): (key: string) => T | 'ambiguous' | null {
  const byId = new Map<string, T>();
  const byName = new Map<string, T[]>();
  for (const item of items) {
    if (!byId.has(item.id)) byId.set(item.id, item);
    const name = nameOf(item).trim();
    const list = byName.get(name);
    if (list) list.push(item);
    else byName.set(name, [item]);
  }
  return (key) => {
    const found = byId.get(key);
    if (found) return found;
    const named = byName.get(key);
    return !named ? null : named.length === 1 ? named[0] : 'ambiguous';
  };
}

/**
 * Finds an evaluation item by id, by its number on the form (`1.2`, or
 * `表名 1.2` when several forms have it) or by its exact content.
 */
function itemLookupOf(plan: ScenarioBody): (key: string) => PlacedItem | 'ambiguous' | null {
  const placed = placedItemsOf(plan.evaluation ?? { forms: [], assignments: [] });
  const byContent = lookupOf(
    placed.map((p) => ({ ...p, id: p.item.id })),
    (p) => p.item.content,
  );
  const byNumber = new Map<string, PlacedItem[]>();
  for (const p of placed)
    for (const key of [p.number, `${p.form.title} ${p.number}`, `${p.form.title}${p.number}`]) byNumber.set(key, [...(byNumber.get(key) ?? []), p]);
  return (key) => {
    const found = byContent(key);
    if (found !== null) return found;
    const numbered = byNumber.get(key.replace(/\s+/g, ' '));
    return !numbered ? null : numbered.length === 1 ? numbered[0] : 'ambiguous';
  };
}

/**
 * Reads a CSV run log against the plan it was recorded on. Returns the
 * events in time order (rows with equal times keep their order) and the run
 * start: `options.startedAt` if given, the plan's T0 when the log uses
 * `T+` times, otherwise the first event's time. Bare clock times fall on
 * `options.date` or the plan's drill date. Any bad row makes the whole log
 * refused: the result lists every bad row with its number and reason.
 * The bounds of `runBounds.ts` hold: more than `MAX_RUN_EVENTS` rows stop
 * the reading at once, and each time must follow the one before it within
 * a day and lie between 2000 and `options.nowMs` (the clock) plus a day.
 */
export function parseRunCsv(plan: ScenarioBody, text: string, options: { startedAt?: string; date?: string; nowMs?: number } = {}): TableResult<RunLog> {
  const read = csvRowsOf(text, { maxRows: MAX_RUN_EVENTS + 1, maxColumns: 64 });
  if (!read.ok && read.problems[0].limit === 'rows') return { ok: false, problems: [{ ...read.problems[0], message: runSizeProblemOf(MAX_RUN_EVENTS, 1)! }] };
  if (!read.ok) return read;
  const rows = read.value;
  const header = rows.length > 0 ? columnsOf(rows[0].cells, LOG_COLUMNS) : null;
  const columns: Partial<Record<LogColumn, number>> = header ?? FIXED_ORDER;
  const dataRows = header ? rows.slice(1) : rows;
  if (header && (header.time === undefined || header.kind === undefined))
    return {
      ok: false,
      problems: [{ row: rows[0].row, message: msg('errors.runLog.noHeader') }],
    };
  if (dataRows.length === 0) return { ok: false, problems: [{ row: 0, message: msg('errors.runLog.noEvents') }] };

  const t0Ms = options.startedAt ? Date.parse(options.startedAt) : plannedStartMsOf(plan);
  const context: TimeContext = { date: options.date ?? plan.drillDate, t0Ms, zone: plan.timeZone };
  const problems: TableProblem[] = [];
  const events: (RunLogEvent & { ms: number; row: number })[] = [];
  const findStep = lookupOf(plan.steps, (s) => s.title);
  const findRole = lookupOf(plan.roles, (r) => r.name);
  const findItem = itemLookupOf(plan);
  const titleOfStep = new Map(plan.steps.map((s) => [s.id, s.title]));
  let usedRelative = false;
  const cellOf = (cells: string[], column: LogColumn) => {
    const index = columns[column];
    return index === undefined ? '' : (cells[index] ?? '').trim();
  };

  for (const { row, cells } of dataRows) {
    const fail = (message: Message) => problems.push({ row, message });
    const time = timeOfCell(cellOf(cells, 'time'), context);
    const kindText = cellOf(cells, 'kind');
    const kind = kindByName.get(headerKeyOf(kindText));
    const stepKey = cellOf(cells, 'step');
    const roleKey = cellOf(cells, 'role');
    const note = cellOf(cells, 'text');
    const ratingText = cellOf(cells, 'rating');
    const itemKey = cellOf(cells, 'item');
    const person = cellOf(cells, 'person');
    const before = problems.length;

    if ('key' in time) fail(time);
    if (kind === undefined)
      fail(
        kindText === ''
          ? msg('errors.runLog.kindMissing')
          : msg('errors.runLog.kindUnknown', { text: kindText }),
      );

    let step: Step | null = null;
    if (stepKey !== '') {
      const found = findStep(stepKey);
      if (found === 'ambiguous') fail(msg('errors.runLog.stepAmbiguous', { text: stepKey }));
      else if (found === null) fail(msg('errors.runLog.stepUnknown', { text: stepKey }));
      else step = found;
    } else if (kind !== undefined && STEP_KINDS.has(kind)) fail(msg('errors.runLog.stepNeeded'));

    let roleId: string | null = null;
    if (roleKey !== '') {
      const found = findRole(roleKey);
      if (found === 'ambiguous') fail(msg('errors.runLog.roleAmbiguous', { text: roleKey }));
      else if (found === null) fail(msg('errors.runLog.roleUnknown', { text: roleKey }));
      else roleId = found.id;
    }

    let edgeId: string | null = null;
    if (kind === 'branch-taken' && step !== null) {
      const out = plan.edges.filter((e) => e.source === step!.id);
      const targetTitle = (id: string) => titleOfStep.get(id) ?? '';
      const matches = out.filter((e) => note !== '' && (e.id === note || e.label.trim() === note || e.target === note || targetTitle(e.target).trim() === note));
      if (matches.length === 1) edgeId = matches[0].id;
      else
        fail(
          out.length === 0
            ? msg('errors.runLog.noBranches')
            : msg('errors.runLog.branchNeeded', { choices: out.map((e) => `“${e.label || targetTitle(e.target)}”`).join(' / ') }),
        );
    }

    let shiftMin: number | null = null;
    if (kind === 'plan-shifted') {
      const number = /[+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(note); // "-1e12" is -1e12, not -1
      if (number) shiftMin = Number(number[0]);
      else fail(msg('errors.runLog.shiftMinutes'));
    }

    let itemId: string | null = null;
    let value: string | null = null;
    if (kind === 'evaluation-scored') {
      const found = itemKey === '' ? null : findItem(itemKey);
      if (itemKey === '') fail(msg('errors.runLog.itemNeeded'));
      else if (found === 'ambiguous') fail(msg('errors.runLog.itemAmbiguous', { text: itemKey }));
      else if (found === null) fail(msg('errors.runLog.itemUnknown', { text: itemKey }));
      else {
        itemId = found.item.id;
        const written = cellOf(cells, 'value') || ratingText;
        const rating = ratingOf(found.form.scheme, found.item, evalValueOfText(found.form.scheme, written));
        if (written === '') fail(msg('errors.runLog.ratingNeeded'));
        else if (isRatingProblem(rating))
          fail(msg('errors.runLog.ratingDoesNotFit', { value: written, form: found.form.title, allowed: allowedValuesMessageOf(found.form.scheme, found.item) }));
        else value = rating.value;
        if (step === null && found.item.stepIds.length > 0) step = plan.steps.find((candidate) => candidate.id === found.item.stepIds[0]) ?? null;
      }
    } else if (kind === 'hot-wash' && note === '') fail(msg('errors.runLog.hotWashText'));

    let rating: number | null = null;
    if (ratingText !== '' && kind !== 'evaluation-scored') {
      rating = Number(ratingText);
      if (!Number.isInteger(rating) || rating < 1 || rating > 5) fail(msg('errors.runLog.ratingRange', { text: ratingText }));
    }

    if (problems.length > before || 'key' in time || kind === undefined) continue;
    const checked = NewRunEventSchema.safeParse({ kind, stepId: step?.id ?? null, roleId, text: note, rating, edgeId, shiftMin, itemId, value, person });
    if (!checked.success) {
      fail(msg('errors.runLog.notAcceptable', { problem: issuesOf(checked.error)[0] }));
      continue;
    }
    usedRelative ||= time.relative;
    events.push({ ms: time.ms, row, at: new Date(time.ms).toISOString(), kind, stepId: step?.id ?? null, roleId, text: note, rating, edgeId, shiftMin, itemId, value, person });
  }

  const firstMs = events.reduce((first, event) => Math.min(first, event.ms), Infinity);
  const startMs = options.startedAt ? Date.parse(options.startedAt) : usedRelative && t0Ms !== null ? t0Ms : firstMs;
  for (const event of events)
    if (event.ms < startMs)
      problems.push({ row: event.row, message: msg('errors.runLog.beforeStart', { time: clockAt(startMs, plan.timeZone) }) });
  const ordered = events.map((event, index) => ({ event, index })).sort((a, b) => a.event.ms - b.event.ms || a.index - b.index);
  for (const { event } of ordered) {
    const problem = eventTimeProblemOf(event.ms, { startMs, nowMs: options.nowMs ?? Infinity });
    if (problem) problems.push({ row: event.row, message: problem });
  }
  // A step's completion before its start: refused on the later row, naming the other.
  const titleOf = new Map(plan.steps.map((step) => [step.id, step.title]));
  const earlierOfStep = new Map<string, typeof events>();
  for (const event of events) {
    if (event.stepId === null) continue;
    const earlier = earlierOfStep.get(event.stepId) ?? [];
    const conflict = stepOrderConflictOf(event, earlier);
    earlier.push(event);
    earlierOfStep.set(event.stepId, earlier);
    if (conflict)
      problems.push({
        row: event.row,
        message: stepOrderProblemOf(event, conflict, { step: titleOf.get(event.stepId!) ?? event.stepId!, conflict: msg('errors.run.row', { row: conflict.row }), zone: plan.timeZone }),
      });
  }
  if (problems.length > 0) return { ok: false, problems: problems.sort((a, b) => a.row - b.row) };

  return {
    ok: true,
    value: {
      startedAt: new Date(startMs).toISOString(),
      events: ordered.map(({ event: { ms: _ms, row: _row, ...event } }) => event),
    },
  };
}

/** A table problem as one message, e.g. `第 3 行：演练中没有步骤“启动预案”。` once worded. */
export function tableProblemMessageOf(problem: TableProblem): Message {
  return problem.row <= 0 ? problem.message : msg('errors.table.row', { row: problem.row, problem: problem.message });
}
