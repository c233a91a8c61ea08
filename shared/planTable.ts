/**
 * Spreadsheet import of a plan: the master event list many planners keep in
 * Excel (时间 | 情景内容 | 参演角色 | 处置动作 | 报告指令(对白) | 预期结果)
 * turned into a new scenario.
 *
 * Each row becomes an inject (its scene) followed by an action (its
 * actions), or just one of them when the other cell is empty. Rows are put
 * in time order and chained by time: every row follows each row of the
 * previous time, with a lag of the time between them less the earlier
 * row's duration, so the planned schedule puts each row at its time. Roles
 * are created from the names in the roles column. A file with any bad row is
 * refused as a whole, every bad row listed with its number and reason.
 */
import {
  MAX_MINUTES,
  MAX_NAME,
  MAX_STEPS,
  ScenarioBodySchema,
  type Edge,
  type ParticipantCategory,
  type Role,
  type ScenarioBody,
  type Step,
  type StepKind,
} from './model';
import { columnsOf, headerKeyOf, type TableProblem, type TableResult, type TableRow } from './runCsv';
import type { Message } from './validation';

const PLAN_COLUMNS = {
  time: ['时间', '时刻', '时间节点', '演练时间', 'time', 'at', 'when'],
  scene: ['情景内容', '情景', '场景', '情景注入', '注入', '注入内容', '演练情景', '情景描述', 'scene', 'inject', 'scenario', 'event'],
  roles: ['参演角色', '角色', '参演单位', '处置单位', '责任单位', '执行单位', '责任人', 'roles', 'role', 'who', 'unit'],
  actions: ['处置动作', '动作', '处置措施', '应对措施', '处置内容', 'actions', 'action', 'response'],
  dialogue: ['报告指令', '对白', '对话', '指令', '报告', 'dialogue', 'script'],
  expected: ['预期结果', '预期效果', '预期', 'expectedresult', 'expected', 'outcome'],
  duration: ['用时', '时长', '持续时间', '历时', 'duration', 'minutes'],
  kind: ['类型', '步骤类型', 'kind', 'type'],
  location: ['地点', '位置', 'location', 'place'],
  notes: ['备注', '说明', 'notes', 'note', 'remarks'],
} as const;
type PlanColumn = keyof typeof PLAN_COLUMNS;

const KIND_NAMES: Record<StepKind, readonly string[]> = {
  inject: ['inject', '情景注入', '注入', '情景'],
  action: ['action', '处置动作', '处置', '动作'],
  decision: ['decision', '决策点', '决策'],
  milestone: ['milestone', '里程碑', '节点'],
};
const kindByName = new Map<string, StepKind>();
for (const kind of Object.keys(KIND_NAMES) as StepKind[]) for (const name of KIND_NAMES[kind]) kindByName.set(headerKeyOf(name), kind);

/** Colours for roles created by name, in order (the sample scenarios' palette). */
const ROLE_COLORS = ['#0284c7', '#0891b2', '#65a30d', '#d97706', '#db2777', '#4f46e5', '#ca8a04', '#0f766e', '#be123c', '#78716c', '#ea580c', '#15803d'];
const CONTROLLER_COLOR = '#7c3aed';

/** The participant category a role name suggests: 导调组 controls, 评估组 evaluates, and so on. */
function categoryOfName(name: string): ParticipantCategory {
  if (/导调|控制|策划/.test(name)) return 'controller';
  if (/评估|评价|点评/.test(name)) return 'evaluator';
  if (/模拟/.test(name)) return 'simulator';
  if (/观摩/.test(name)) return 'observer';
  return 'player';
}

const msg = (zh: string, en: string): Message => ({ zh, en });

/** How many rows at the top may come before the header (a title row, a blank line, a note). */
const HEADER_SEARCH_ROWS = 10;
const TITLE_LENGTH = 60;

/**
 * A short step title from a long cell: its first line, cut at the end of the
 * first sentence when that is short enough, else at 60 characters with an
 * ellipsis. Example: 「暴雨导致水厂停电。值班员立即报告。」 → 「暴雨导致水厂停电」.
 */
export function stepTitleOf(text: string): string {
  const line = text.trim().split(/\r?\n/)[0].trim();
  const stop = line.search(/[。；;！!？?]/);
  const sentence = stop > 0 && stop <= TITLE_LENGTH ? line.slice(0, stop) : line;
  return sentence.length > TITLE_LENGTH ? `${sentence.slice(0, TITLE_LENGTH - 1)}…` : sentence;
}

/**
 * A row as DrillDesk's own script export writes it, read back: the kind
 * markers (【情景注入】, 【决策】, ◆ 里程碑：, and their English forms) give
 * the kind, the branch lines (▸ …) and the conditions (〔…〕) are dropped (the
 * import chains by time), and the labelled lines (注入方式：, 研判：, 地点：,
 * 物资：) go back to their fields.
 */
function exportedRowOf(cells: { scene: string; actions: string; notes: string }) {
  const stripConditions = (text: string) => text.replace(/^(?:〔[^〕]*〕|\[No\. \d+ "[^"]*": [^\]]*\] )+/, '');
  const labelled = (text: string, labels: readonly string[]) => {
    const found: string[] = [];
    const rest = text.split('\n').filter((line) => {
      const label = labels.find((l) => line.startsWith(l));
      if (label) found.push(line.slice(label.length).trim());
      return !label;
    });
    return { found: found.join('\n'), rest: rest.join('\n').trim() };
  };
  let kind: StepKind | null = null;
  let scene = stripConditions(cells.scene);
  const injectMark = /^(?:【情景注入】|\[Inject\] )/.exec(scene);
  if (injectMark) {
    scene = scene.slice(injectMark[0].length);
    kind = 'inject';
  }
  let actions = stripConditions(cells.actions)
    .split('\n')
    .filter((line) => !line.startsWith('▸ '))
    .join('\n');
  const actionMark = /^(?:【决策】|\[Decision\] |◆ 里程碑：|◆ Milestone: )/.exec(actions);
  if (actionMark) {
    kind = actionMark[0].includes('决策') || actionMark[0].includes('Decision') ? 'decision' : 'milestone';
    actions = actions.slice(actionMark[0].length);
  }
  const delivery = labelled(actions, ['注入方式：', 'Delivered by: ']);
  const question = labelled(delivery.rest, ['研判：', 'Question: ']);
  const location = labelled(cells.notes, ['地点：', 'Location: ']);
  const resources = labelled(location.rest, ['物资：', 'Resources: ']);
  return {
    kind,
    scene: scene.trim(),
    actions: question.rest,
    deliveryMethod: delivery.found,
    question: question.found,
    location: location.found,
    resources: resources.found,
    notes: resources.rest,
  };
}

/** Minutes in a time cell: clock (`09:30`, with or without a date) or offset (`T+15`, `15`). */
type CellTime = { kind: 'clock'; minutes: number; date: string | null } | { kind: 'offset'; minutes: number };

const pad2 = (value: number) => String(value).padStart(2, '0');

function cellTimeOf(text: string): CellTime | null {
  const value = text.trim().replace(/：/g, ':');
  let match = /^(?:(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (match) {
    const hours = +match[4];
    const minutes = +match[5];
    if (hours > 23 || minutes > 59) return null;
    const date = match[1] ? `${match[1]}-${pad2(+match[2])}-${pad2(+match[3])}` : null;
    return { kind: 'clock', minutes: hours * 60 + minutes, date };
  }
  match = /^(?:T\s*\+\s*)?(\d{1,4})(?::(\d{2}))?$/i.exec(value);
  if (match && (/^T/i.test(value) || match[2] === undefined)) {
    const minutes = match[2] === undefined ? +match[1] : +match[1] * 60 + +match[2];
    return minutes <= MAX_MINUTES ? { kind: 'offset', minutes } : null;
  }
  return null;
}

/** A time cell, or a range such as `09:30-09:45` / `9:30—9:45` / `T+5~T+20` (whose length is a duration). */
function timeRangeOf(text: string): { start: CellTime; end: CellTime | null } | null {
  const single = cellTimeOf(text);
  if (single) return { start: single, end: null };
  const parts = text.trim().split(/\s*(?:-|–|—|~|～|至|到)+\s*/);
  if (parts.length !== 2) return null;
  const start = cellTimeOf(parts[0]);
  const end = cellTimeOf(parts[1]);
  return start && end && start.kind === end.kind ? { start, end } : null;
}

type PlanRow = {
  row: number;
  time: { start: CellTime; end: CellTime | null };
  scene: string;
  actions: string;
  roleNames: string[];
  dialogue: string;
  expected: string;
  durationMin: number | null;
  kind: StepKind | null;
  location: string;
  resources: string;
  deliveryMethod: string;
  question: string;
  notes: string;
};

/** Options: the title to give the scenario when the sheet has no title row above its header. */
export type PlanTableOptions = { title: string };

/**
 * The scenario a plan table describes. `rows` are the sheet's non-blank
 * rows with their numbers (from `csvRowsOf` or an xlsx reader). The header
 * is found in the first rows (a title row above it becomes the scenario's
 * title); it needs a time column and a scene or actions column, in Chinese
 * or English, in any order. Times are clock times (`09:30`; the earliest
 * becomes the drill's start time; past midnight when they go back by more
 * than 12 hours) or offsets from T0 (`T+15`); a range (`09:30-09:45`) or a
 * duration column gives a step's planned minutes.
 */
export function planTableOf(rows: readonly TableRow[], options: PlanTableOptions): TableResult<ScenarioBody> {
  const problems: TableProblem[] = [];
  let headerIndex = -1;
  let columns: Partial<Record<PlanColumn, number>> | null = null;
  for (let k = 0; k < Math.min(rows.length, HEADER_SEARCH_ROWS); k++) {
    const found = columnsOf(rows[k].cells, PLAN_COLUMNS);
    if (found && found.time !== undefined && (found.scene !== undefined || found.actions !== undefined)) {
      headerIndex = k;
      columns = found;
      break;
    }
  }
  if (!columns)
    return {
      ok: false,
      problems: [
        {
          row: 0,
          message: msg(
            '找不到表头：前 10 行中需要有“时间”列，以及“情景内容”或“处置动作”列。',
            'no header found: one of the first 10 rows must name a "time" column and a "scene" or "actions" column',
          ),
        },
      ],
    };
  // A title row holds one text (repeated across merged cells in some readers); DrillDesk's export appends 「 演练脚本」.
  const titleRow = rows.slice(0, headerIndex).find((r) => new Set(r.cells.map((c) => c.trim()).filter((c) => c !== '')).size === 1);
  const titleText = titleRow?.cells.find((c) => c.trim() !== '')?.trim().replace(/\s+(演练脚本|drill script)$/i, '');
  const title = (titleText ?? options.title).slice(0, MAX_NAME).trim() || '导入的演练';
  const cellOf = (cells: readonly string[], column: PlanColumn) => {
    const index = columns![column];
    return index === undefined ? '' : (cells[index] ?? '').trim();
  };

  const planRows: PlanRow[] = [];
  for (const { row, cells } of rows.slice(headerIndex + 1)) {
    const fail = (message: Message) => problems.push({ row, message });
    const before = problems.length;
    const timeText = cellOf(cells, 'time');
    const time = timeText === '' ? null : timeRangeOf(timeText);
    if (timeText === '') fail(msg('缺少时间。', 'the time is missing'));
    else if (!time) fail(msg(`无法识别时间“${timeText}”（可写 09:30、09:30-09:45 或 T+15）。`, `cannot read the time "${timeText}" (write 09:30, 09:30-09:45 or T+15)`));
    const exported = exportedRowOf({ scene: cellOf(cells, 'scene'), actions: cellOf(cells, 'actions'), notes: cellOf(cells, 'notes') });
    const { scene, actions } = exported;
    if (scene === '' && actions === '') fail(msg('这一行既没有情景内容也没有处置动作。', 'the row has neither a scene nor actions'));
    const roleNames = [...new Set(cellOf(cells, 'roles').split(/[、,，;；/／\n]+/).map((name) => name.trim()).filter((name) => name !== ''))];
    for (const name of roleNames)
      if (name.length > MAX_NAME) fail(msg(`角色名称过长（超过 ${MAX_NAME} 字）：“${name.slice(0, 20)}…”。`, `a role name is longer than ${MAX_NAME} characters: "${name.slice(0, 20)}…"`));
    const durationText = cellOf(cells, 'duration').replace(/\s*(分钟|分|min|mins|minutes)$/i, '');
    let durationMin: number | null = null;
    if (durationText !== '') {
      durationMin = Number(durationText);
      if (!Number.isFinite(durationMin) || durationMin < 0 || durationMin > MAX_MINUTES)
        fail(msg(`用时“${cellOf(cells, 'duration')}”须为 0 到 ${MAX_MINUTES} 之间的分钟数。`, `the duration "${cellOf(cells, 'duration')}" must be minutes from 0 to ${MAX_MINUTES}`));
    }
    const kindText = cellOf(cells, 'kind');
    const kind = kindText === '' ? exported.kind : (kindByName.get(headerKeyOf(kindText)) ?? null);
    if (kindText !== '' && kind === null)
      fail(msg(`无法识别步骤类型“${kindText}”（可写 情景注入、处置动作、决策点、里程碑）。`, `unknown step kind "${kindText}" (use inject, action, decision, milestone)`));
    if (problems.length > before || !time) continue;
    planRows.push({
      row,
      time,
      scene,
      actions,
      roleNames,
      dialogue: cellOf(cells, 'dialogue'),
      expected: cellOf(cells, 'expected'),
      durationMin,
      kind,
      location: cellOf(cells, 'location') || exported.location,
      resources: exported.resources,
      deliveryMethod: exported.deliveryMethod,
      question: exported.question,
      notes: exported.notes,
    });
  }
  if (problems.length === 0 && planRows.length === 0)
    problems.push({ row: rows[headerIndex].row, message: msg('表头下面没有任何步骤。', 'there are no steps below the header') });
  if (problems.length > 0) return { ok: false, problems };

  // Clock times become minutes from the earliest; going back by more than 12 hours means the next day.
  const clockRows = planRows.filter((r) => r.time.start.kind === 'clock');
  let dayOffset = 0;
  let previousClock = -Infinity;
  const absolute = new Map<PlanRow, number>();
  for (const r of clockRows) {
    let minutes = r.time.start.minutes + dayOffset;
    if (minutes < previousClock - 12 * 60) {
      dayOffset += 24 * 60;
      minutes += 24 * 60;
    }
    previousClock = minutes;
    absolute.set(r, minutes);
  }
  const startClock = clockRows.length > 0 ? Math.min(...absolute.values()) : null;
  const startOf = (r: PlanRow) => (r.time.start.kind === 'clock' ? absolute.get(r)! - startClock! : r.time.start.minutes);
  const durationOfRow = (r: PlanRow): number | null => {
    if (r.durationMin !== null) return r.durationMin;
    if (!r.time.end) return null;
    let length = r.time.end.minutes - r.time.start.minutes;
    if (length < 0 && r.time.end.kind === 'clock') length += 24 * 60;
    return length >= 0 ? length : null;
  };

  const ordered = planRows.map((r, index) => ({ r, index, start: startOf(r) })).sort((a, b) => a.start - b.start || a.index - b.index);
  const roleIdByName = new Map<string, string>();
  const roles: Role[] = [];
  const roleIdsOf = (names: string[]) =>
    names.map((name) => {
      let id = roleIdByName.get(name);
      if (!id) {
        id = `role-${pad2(roles.length + 1)}`;
        roleIdByName.set(name, id);
        const category = categoryOfName(name);
        roles.push({
          id,
          name,
          group: name,
          category,
          color: category === 'controller' ? CONTROLLER_COLOR : ROLE_COLORS[roles.length % ROLE_COLORS.length],
          responsibilities: '',
          reportsTo: null,
          people: [],
        });
      }
      return id;
    });

  const steps: Step[] = [];
  const edges: Edge[] = [];
  const rowOfStep: number[] = [];
  const addStep = (r: PlanRow, kind: StepKind, text: string, fields: Partial<Step>): Step => {
    const title = stepTitleOf(text);
    const [firstLine, ...otherLines] = text.split(/\r?\n/);
    const description = title === text ? '' : title === firstLine.trim() ? otherLines.join('\n').trim() : text;
    const step = {
      id: `s${String(steps.length + 1).padStart(3, '0')}`,
      kind,
      title,
      description,
      roleIds: roleIdsOf(r.roleNames),
      dialogue: '',
      location: r.location,
      durationMin: null,
      resources: r.resources,
      expectedResult: '',
      objectiveIds: [],
      notes: '',
      position: { x: 0, y: 0 },
      ...(kind === 'inject' ? { deliveryMethod: r.deliveryMethod } : kind === 'decision' ? { question: r.question } : {}),
      ...fields,
    } as Step;
    steps.push(step);
    rowOfStep.push(r.row);
    return step;
  };
  const addEdge = (source: Step, target: Step, lagMin: number) =>
    edges.push({ id: `e${String(edges.length + 1).padStart(3, '0')}`, source: source.id, target: target.id, kind: 'sequence', label: '', lagMin });

  type Placed = { start: number; first: Step; last: Step; length: number };
  const groups: Placed[][] = [];
  for (const { r, start } of ordered) {
    const duration = durationOfRow(r);
    const tail = { dialogue: r.dialogue, expectedResult: r.expected, notes: r.notes, durationMin: duration };
    let first: Step;
    let last: Step;
    if (r.scene !== '' && r.actions !== '') {
      first = addStep(r, 'inject', r.scene, { durationMin: 0 });
      last = addStep(r, r.kind && r.kind !== 'inject' ? r.kind : 'action', r.actions, tail);
      addEdge(first, last, 0);
    } else {
      first = last = addStep(r, r.kind ?? (r.scene !== '' ? 'inject' : 'action'), r.scene || r.actions, r.kind === 'milestone' ? { ...tail, durationMin: tail.durationMin ?? 0 } : tail);
    }
    const placed = { start, first, last, length: duration ?? 0 };
    const group = groups.at(-1);
    if (group && group[0].start === start) group.push(placed);
    else groups.push([placed]);
  }
  for (let k = 1; k < groups.length; k++)
    for (const previous of groups[k - 1])
      for (const next of groups[k]) addEdge(previous.last, next.first, Math.max(0, next.start - previous.start - previous.length));

  if (steps.length > MAX_STEPS)
    return { ok: false, problems: [{ row: 0, message: msg(`步骤太多（${steps.length}，上限 ${MAX_STEPS}）。`, `too many steps (${steps.length}, at most ${MAX_STEPS})`) }] };

  const dateAbove = rows
    .slice(0, headerIndex)
    .flatMap((r) => r.cells)
    .map((cell) => /(\d{4})-(\d{2})-(\d{2})/.exec(cell)?.[0])
    .find((date) => date !== undefined);
  const firstDate = planRows.map((r) => (r.time.start.kind === 'clock' ? r.time.start.date : null)).find((date) => date !== null) ?? dateAbove ?? null;
  const body = {
    title,
    drillDate: firstDate,
    startTime: startClock === null ? null : `${pad2(Math.floor((startClock % 1440) / 60))}:${pad2(startClock % 60)}`,
    roles,
    steps,
    edges,
  };
  const parsed = ScenarioBodySchema.safeParse(body);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [collection, index] = issue.path;
      const row = collection === 'steps' && typeof index === 'number' ? rowOfStep[index] : 0;
      const where = `${issue.path.slice(2).map(String).join('.')}: ${issue.message}`;
      problems.push({ row, message: msg(`内容不合要求：${where}`, `not acceptable: ${where}`) });
    }
    return { ok: false, problems: problems.sort((a, b) => a.row - b.row) };
  }
  return { ok: true, value: parsed.data };
}
