/**
 * A drill script table turned into a scenario: the one place that decides
 * what rows mean, for every source (Word, Excel, CSV, HSEEP MSEL) and for
 * DrillDesk's own export.
 *
 * - The header is found (or given by a mapping), the rows above it are the
 *   title block (title, 演练时间, 演练地点, 组织单位).
 * - A row that is only a heading (`第一阶段 预警与响应`, `【第一幕】…`,
 *   `一、…`, or one text across the whole row) starts a phase; a row that is
 *   only a footnote (`注：…`) goes to the description.
 * - Every other row becomes steps: an inject for its scene, an action for
 *   its actions, a step per speaker line when a cell holds several
 *   (`总指挥（××）：…` / `监测组：…`). Speakers and the role column become
 *   roles by name; narrators go to the control team.
 * - Rows with times are put in time order when every row has one; rows of
 *   the same time run side by side. Consecutive time groups are linked in
 *   linear time: direct edges when one side has a single row, a join
 *   milestone between them otherwise (never every row to every row).
 * - A row with no time follows the row before it; its duration stays unset.
 *
 * Everything is bounded: rows and steps are counted as they are made, no
 * array is spread into arguments. The work is a pure function, so it can
 * run in a worker.
 */
import type { Language } from '../i18n';
import { catalogues } from '../i18n';
import {
  MAX_MINUTES,
  MAX_NAME,
  MAX_SCENARIO_TIME,
  MAX_TEXT,
  EMPTY_ROSTER_FIELDS,
  ScenarioBodySchema,
  type Edge,
  type Objective,
  type ParticipantCategory,
  type Role,
  type ScenarioBody,
  type Step,
  type StepKind,
} from '../model';
import type { TableRow } from '../runCsv';
import { graphProblemsOf, ruleMessageOf } from '../rules';
import { cyclesOf } from '../schedule';
import { clockTextOf, dateTextOf, pad2, tPlusOf } from '../time';
import { CONTENT_FIELDS, HEADER_SEARCH_ROWS, SCRIPT_VOCABULARY, headerOf, headerSignatureOf, scriptColumnsOf, type ScriptField } from './header';
import { interpolate, issueOf, type ImportIssue } from './issues';
import { isNarrator, speakerLinesOf, type SpeakerLine } from './speakers';
import { halfWidthOf, headingKeyOf, isMaskedName } from './text';
import { durationMinutesOf, scriptTimeOf, scriptTimeTextOf, type ScriptTime } from './times';

/** Most rows a script table may have (checked by the readers while reading, and here). */
export const MAX_IMPORT_ROWS = 5_000;
/** Most columns a script table may have. */
export const MAX_IMPORT_COLUMNS = 64;
/** Most steps an import may make. */
export const MAX_IMPORT_STEPS = 5_000;
/** Rows shown in the preview. */
export const PREVIEW_ROWS = 300;

/** A table as a reader gives it: its rows (merged cells already spread over their span) and any text lines above it. */
export type SourceTable = { name: string; rows: TableRow[]; above: string[] };

/** What each column holds, by column index; columns beyond the list keep what was detected. */
export type ScriptMapping = ScriptField[];

export type BuildOptions = {
  /** The title when the file's header block gives none (usually the file name). */
  fallbackTitle: string;
  language: Language;
  /** A mapping chosen by the user or remembered for this header. */
  mapping?: readonly (ScriptField | null)[];
};

export type PreviewColumn = { index: number; heading: string; detected: ScriptField | null; field: ScriptField; samples: string[] };
export type PreviewRow = {
  row: number;
  kind: 'step' | 'phase' | 'footnote';
  time: string;
  parsedTime: string | null;
  unreadable: boolean;
  phase: string;
  text: string;
};
export type PreviewRole = { name: string; category: ParticipantCategory; people: string[] };
export type ImportCounts = { steps: number; phases: number; edges: number; withoutDuration: number; unreadableTimes: number; roles: number; objectives: number };

export type ScriptImport = {
  /** The scenario, or null when a problem refuses the import. */
  body: ScenarioBody | null;
  headerRows: number[];
  signature: string;
  columns: PreviewColumn[];
  rows: PreviewRow[];
  roles: PreviewRole[];
  counts: ImportCounts;
  issues: ImportIssue[];
  /** Every column was recognised and every time read: one confirmation is enough. */
  confident: boolean;
};

const ROLE_COLORS = ['#0284c7', '#0891b2', '#65a30d', '#d97706', '#db2777', '#4f46e5', '#ca8a04', '#0f766e', '#be123c', '#78716c', '#ea580c', '#15803d'];
const CONTROLLER_COLOR = '#7c3aed';

/** The participant category a role name suggests: 导调组 controls, 评估组 evaluates, narrators are the control team's. */
export function categoryOfName(name: string): ParticipantCategory {
  if (/导调|控制|策划|总导演|exercise ?control|simcell|controller/i.test(name) || isNarrator(name)) return 'controller';
  if (/评估|评价|点评|evaluator/i.test(name)) return 'evaluator';
  if (/模拟|simulat/i.test(name)) return 'simulator';
  if (/观摩|observer/i.test(name)) return 'observer';
  return 'player';
}

/**
 * A short step title from a long cell: its first line, cut at the end of the
 * first sentence when that is short enough, else at 60 characters with an
 * ellipsis. Example: 「暴雨导致水厂停电。值班员立即报告。」 → 「暴雨导致水厂停电」.
 */
export function stepTitleOf(text: string): string {
  const TITLE_LENGTH = 60;
  const line = text.trim().split(/\r?\n/)[0].trim().replace(/^[“"「『‘]+/, '').replace(/[”"」』’]+$/, '');
  const stop = line.search(/[。；;！!？?]/);
  const sentence = stop > 0 && stop <= TITLE_LENGTH ? line.slice(0, stop) : line;
  return sentence.length > TITLE_LENGTH ? `${sentence.slice(0, TITLE_LENGTH - 1)}…` : sentence;
}

const KIND_NAMES: Record<StepKind, readonly string[]> = {
  inject: ['inject', '情景注入', '注入', '情景', '场景', 'contingencyinject', '备用注入', '事件'],
  action: ['action', '处置动作', '处置', '动作', 'expectedaction', '行动', '响应'],
  decision: ['decision', '决策点', '决策', '研判'],
  milestone: ['milestone', '里程碑', '节点', '检查点'],
};
const kindByKey = new Map<string, StepKind>();
for (const kind of Object.keys(KIND_NAMES) as StepKind[]) for (const name of KIND_NAMES[kind]) kindByKey.set(headingKeyOf(name), kind);

/** A row that ends the drill (演练结束, 宣布演练结束, ENDEX): a milestone. */
const END_WORDS = /(?:演练|演习)(?:圆满|正式|到此)?结束|^(?:endex|end of exercise|exercise ends?)\b/i;
const END_OF_DRILL = { test: (text: string) => { const line = text.split('\n')[0].trim(); return line.length <= 40 && END_WORDS.test(line) && !/[未前后]/.test(line.slice(0, line.search(END_WORDS))); } };
/** A heading row: 第一阶段…, 第二幕…, 【第一幕】…, 一、…, （一）…, 阶段一…, Phase 1… */
const PHASE_HEADING =
  /^(?:[【\[]?\s*第\s*[一二三四五六七八九十\d]{1,3}\s*(?:阶段|幕|部分|环节|场|节|科目|步)\s*[】\]]?|[【\[][^】\]]{1,30}[】\]]$|[一二三四五六七八九十]{1,3}\s*[、.．]|[(（][一二三四五六七八九十]{1,3}[)）]|(?:阶段|科目|环节)\s*[一二三四五六七八九十\d]{1,2}|phase\s*\d{1,2}\b|module\s*\d{1,2}\b)/i;
/** A footnote under (or inside) the table. */
const FOOTNOTE = /^(?:※|\*|＊)|^(?:注|备注|说明|附注|note)\s*[：:\d一二三四五六七八九十、.．)）]/i;
/** Lines of the header block. */
const BLOCK_LINES: { field: 'when' | 'location' | 'organiser'; pattern: RegExp }[] = [
  { field: 'when', pattern: /^(?:演练|演习)?(?:时间|日期)\s*[:：]\s*(.+)$/ },
  { field: 'location', pattern: /^(?:演练|演习)?(?:地点|场地|地址)\s*[:：]\s*(.+)$/ },
  { field: 'organiser', pattern: /^(?:组织|主办|承办|牵头)(?:单位|部门)?\s*[:：]\s*(.+)$/ },
];

/** One row of the table read into fields. */
type Entry = {
  row: number;
  phase: string;
  time: ScriptTime | null;
  timeRaw: string;
  /** 情景时间 as written, when the table has a column for it beside the clock time. */
  scenarioTime: string;
  scene: string;
  action: string;
  dialogue: string;
  roleNames: string[];
  fromNames: string[];
  expected: string;
  location: string;
  resources: string;
  notes: string[];
  durationMin: number | null;
  kind: StepKind | null;
  contingency: boolean;
  delivery: string;
  objectives: string[];
  stepId: string;
  next: string;
  people: Map<string, string[]>;
};

/** The day-minute a time starts at, with the date rolled forward past midnight by the caller. */
const startMinutesOf = (time: ScriptTime | null) => (time?.start ? time.start.minutes : null);

/** A role list cell split into names: `导调组、供水保障组`, `总指挥（××）`, one per line. */
function roleNamesOf(cell: string, people: Map<string, string[]>): string[] {
  const names: string[] = [];
  for (const part of cell.split(/[、,，;；/／\n]+|\s{2,}/)) {
    let name = part.trim();
    if (name === '' || isMaskedName(name)) continue;
    const bracket = /^(.+?)\s*[(（]([^()（）]{1,12})[)）]$/.exec(name);
    if (bracket) {
      name = bracket[1].trim();
      if (!isMaskedName(bracket[2])) people.set(name, [...(people.get(name) ?? []), bracket[2].trim()]);
    }
    if (name !== '' && !names.includes(name)) names.push(name);
  }
  return names;
}

/** A control character or broken Unicode, which no field may hold. */
// eslint-disable-next-line no-control-regex
const BAD_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

type NextEdge = { target: string; kind: 'sequence' | 'conditional'; label: string; lagMin: number };

/** The hidden "next" column of DrillDesk's export: a JSON list of `[target, kind, label, lag]`. */
function nextEdgesOf(text: string): NextEdge[] | null {
  if (text.trim() === '') return [];
  try {
    const value: unknown = JSON.parse(text);
    if (!Array.isArray(value) || value.length > 1_000) return null;
    const edges: NextEdge[] = [];
    for (const item of value) {
      if (!Array.isArray(item) || typeof item[0] !== 'string') return null;
      const [target, kind, label, lag] = item as unknown[];
      if ((kind !== 's' && kind !== 'c') || typeof label !== 'string' || typeof lag !== 'number' || !(lag >= 0 && lag <= MAX_MINUTES)) return null;
      edges.push({ target: target as string, kind: kind === 'c' ? 'conditional' : 'sequence', label, lagMin: lag });
    }
    return edges;
  } catch {
    return null;
  }
}

/** The text of a DrillDesk export cell without its markers: kind tags, branch lines, conditions, labelled lines. */
function exportedCellsOf(scene: string, action: string, notes: string) {
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
  let markedKind: StepKind | null = null;
  let sceneText = stripConditions(scene);
  const injectMark = /^(?:【情景注入】|\[Inject\] )/.exec(sceneText);
  if (injectMark) {
    sceneText = sceneText.slice(injectMark[0].length);
    markedKind = 'inject';
  }
  let actionText = stripConditions(action)
    .split('\n')
    .filter((line) => !line.startsWith('▸ '))
    .join('\n');
  const actionMark = /^(?:【决策】|\[Decision\] |◆ 里程碑：|◆ Milestone: )/.exec(actionText);
  if (actionMark) {
    markedKind = /决策|Decision/.test(actionMark[0]) ? 'decision' : 'milestone';
    actionText = actionText.slice(actionMark[0].length);
  }
  const delivery = labelled(actionText, ['注入方式：', 'Delivered by: ']);
  const question = labelled(delivery.rest, ['研判：', 'Question: ']);
  const location = labelled(notes, ['地点：', 'Location: ']);
  const resources = labelled(location.rest, ['物资：', 'Resources: ']);
  return {
    markedKind,
    scene: sceneText.trim(),
    action: question.rest,
    delivery: delivery.found,
    question: question.found,
    location: location.found,
    resources: resources.found,
    notes: resources.rest,
  };
}

/** The header block above the table: title, date and time, location, organiser, anything else as description. */
function headerBlockOf(lines: readonly string[]) {
  let title = '';
  let when = '';
  let location = '';
  let organiser = '';
  const other: string[] = [];
  // `演练时间：…    演练地点：…` on one line: each part on its own.
  for (const raw of lines.flatMap((l) => l.split(/\s{2,}|\t|　+/))) {
    const line = raw.replace(/\s+/g, ' ').trim();
    if (line === '') continue;
    const known = BLOCK_LINES.find((b) => b.pattern.test(line));
    if (known) {
      const value = known.pattern.exec(line)![1].trim();
      if (known.field === 'when' && when === '') when = value;
      if (known.field === 'location' && location === '') location = value;
      if (known.field === 'organiser' && organiser === '') organiser = value;
      // 演练时间：… 演练地点：… on one line.
      const rest = /(?:演练|演习)?(?:地点|场地)\s*[:：]\s*(.+)$/.exec(value);
      if (known.field === 'when' && rest) {
        when = value.slice(0, rest.index).trim();
        location = location || rest[1].trim();
      }
    } else if (title === '' && line.length <= MAX_NAME && !/[:：]/.test(line)) title = raw.trim();
    else other.push(raw.trim());
  }
  when = halfWidthOf(when);
  const date = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})/.exec(when);
  let clock: number | null = null;
  const timeText = when.replace(/^.*?(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s*[(（]?(?:星期|周)[一二三四五六日天][)）]?)?/, '').trim();
  const time = timeText === '' ? null : scriptTimeOf(timeText.split(/[，,;；]/)[0]);
  if (time?.start?.kind === 'clock') clock = time.start.minutes % 1440;
  return {
    title: title.replace(/\s+(?:演练脚本|drill script)$/i, '').replace(/\s*脚本$/, '').trim(),
    drillDate: date ? dateTextOf(+date[1], +date[2], +date[3]) : null,
    startClock: clock,
    location,
    organiser,
    description: other.join('\n'),
  };
}

/** Cells of a row that hold text, each distinct text once. */
const distinctTextsOf = (cells: readonly string[]) => [...new Set(cells.map((c) => c.trim()).filter((c) => c !== ''))];

type Labels = (typeof catalogues)['zh']['scriptImport'];

/**
 * The scenario a script table describes, with everything the preview shows.
 * Example: a table 时间 | 情景内容 | 处置动作 with rows at 09:30 and 09:40
 * gives an inject and an action at T+0 and an action at T+10, the first
 * row's action lasting 10 minutes.
 */
export function scriptImportOf(table: SourceTable, options: BuildOptions): ScriptImport {
  const labels: Labels = catalogues[options.language].scriptImport;
  const issues: ImportIssue[] = [];
  const rows = table.rows;
  const empty = (): ScriptImport => ({
    body: null,
    headerRows: [],
    signature: '',
    columns: [],
    rows: [],
    roles: [],
    counts: { steps: 0, phases: 0, edges: 0, withoutDuration: 0, unreadableTimes: 0, roles: 0, objectives: 0 },
    issues,
    confident: false,
  });
  if (rows.length > MAX_IMPORT_ROWS + HEADER_SEARCH_ROWS) {
    issues.push(issueOf('problem', 'tooManyRows', {}, { max: MAX_IMPORT_ROWS }));
    return empty();
  }
  let width = 0;
  for (const row of rows) width = Math.max(width, row.cells.length);
  if (width > MAX_IMPORT_COLUMNS) {
    issues.push(issueOf('problem', 'tooManyColumns', {}, { max: MAX_IMPORT_COLUMNS }));
    return empty();
  }

  // The header: detected, or the first row with two cells when none is recognised.
  const found = headerOf(rows, SCRIPT_VOCABULARY, CONTENT_FIELDS);
  let headerIndexes: number[];
  let detected: (ScriptField | null)[];
  let headings: string[];
  if (found) {
    headerIndexes = found.rowIndexes;
    const columns = scriptColumnsOf(found);
    detected = Array.from({ length: width }, (_, i) => columns[i]?.field ?? null);
    headings = Array.from({ length: width }, (_, i) => columns[i]?.heading ?? '');
  } else {
    const first = rows.findIndex((r, i) => i < HEADER_SEARCH_ROWS && distinctTextsOf(r.cells).length >= 2);
    headerIndexes = first >= 0 ? [first] : [];
    detected = Array.from({ length: width }, () => null);
    headings = Array.from({ length: width }, (_, i) => (first >= 0 ? (rows[first].cells[i] ?? '').trim() : ''));
    if (!options.mapping) issues.push(issueOf('problem', 'noHeader', {}, { rows: HEADER_SEARCH_ROWS }));
  }
  // A 场景 column of short names (主会场, 取水口) beside another content column says where, not what happens.
  const sceneIndex = detected.indexOf('scene');
  if (sceneIndex >= 0 && !detected.includes('location') && detected.some((f, i) => i !== sceneIndex && f !== null && CONTENT_FIELDS.includes(f))) {
    const values = rows.slice((headerIndexes[headerIndexes.length - 1] ?? -1) + 1).map((r) => (r.cells[sceneIndex] ?? '').trim()).filter((v) => v !== '');
    const short = values.filter((v) => v.length <= 10 && !/[，。；;,！!？?\n]/.test(v)).length;
    if (values.length > 0 && short >= values.length * 0.8 && headingKeyOf(headings[sceneIndex]) === headingKeyOf('场景')) detected[sceneIndex] = 'location';
  }
  const fields: ScriptField[] = detected.map((field, i) => options.mapping?.[i] ?? field ?? (headings[i] === '' ? 'ignore' : 'keep'));
  const headingOf = (index: number) => headings[index] || columnLetterOf(index);
  const lastHeader = headerIndexes.length > 0 ? headerIndexes[headerIndexes.length - 1] : -1;
  const dataRows = rows.slice(lastHeader + 1);
  const columns: PreviewColumn[] = fields.map((field, index) => ({
    index,
    heading: headings[index],
    detected: detected[index],
    field,
    samples: dataRows
      .slice(0, 12)
      .map((r) => (r.cells[index] ?? '').trim())
      .filter((c) => c !== '')
      .slice(0, 3)
      .map((c) => (c.length > 80 ? `${c.slice(0, 79)}…` : c)),
  }));
  const signature = headerSignatureOf(headings);
  const result = (body: ScenarioBody | null, rest: Partial<ScriptImport>): ScriptImport => ({
    ...empty(),
    headerRows: headerIndexes.map((i) => rows[i].row),
    signature,
    columns,
    ...rest,
    body: issues.some((i) => i.severity === 'problem') ? null : body,
  });
  if (!fields.some((f) => CONTENT_FIELDS.includes(f))) {
    if (found || options.mapping) issues.push(issueOf('problem', 'noContentColumn'));
    return result(null, {});
  }

  const columnOf = (field: ScriptField) => fields.indexOf(field);
  const cellAt = (cells: readonly string[], field: ScriptField) => {
    const index = columnOf(field);
    return index < 0 ? '' : (cells[index] ?? '').trim();
  };
  const block = headerBlockOf([...table.above, ...rows.slice(0, headerIndexes[0] ?? 0).flatMap((r) => distinctTextsOf(r.cells))]);

  // Rows into entries, phase headings and footnotes.
  const entries: Entry[] = [];
  const previewRows: PreviewRow[] = [];
  const footnotes: string[] = [];
  const phases: string[] = [];
  let phase = '';
  let unreadableTimes = 0;
  for (const { row, cells } of dataRows) {
    const texts = distinctTextsOf(cells);
    if (texts.length === 0) continue;
    // Every cell's text must fit a field and be clean text.
    let bad = false;
    cells.forEach((cell, index) => {
      if (fields[index] === 'ignore') return;
      if (cell.length > MAX_TEXT) {
        issues.push(issueOf('problem', 'cellTooLong', { row, column: headingOf(index), text: cell }, { max: MAX_TEXT }));
        bad = true;
      } else if (BAD_CHARACTERS.test(cell) || !cell.isWellFormed()) {
        issues.push(issueOf('problem', 'badCharacters', { row, column: headingOf(index), text: cell.replace(BAD_CHARACTERS, '�') }));
        bad = true;
      }
    });
    if (bad) continue;
    const contentTexts = distinctTextsOf(cells.filter((_, i) => CONTENT_FIELDS.includes(fields[i])));
    const single = texts.length === 1 ? texts[0] : null;
    const spread = single !== null && cells.filter((c) => c.trim() === single).length >= 2;
    const phaseCell = cellAt(cells, 'phase');
    if (single !== null && END_OF_DRILL.test(halfWidthOf(single))) {
      // handled as a step below
    } else if (single !== null && FOOTNOTE.test(halfWidthOf(single)) && (spread || contentTexts.length <= 1)) {
      footnotes.push(single);
      previewRows.push({ row, kind: 'footnote', time: '', parsedTime: null, unreadable: false, phase, text: single });
      continue;
    } else if (single !== null && (spread || PHASE_HEADING.test(halfWidthOf(single)) || single === phaseCell) && (spread || contentTexts.length <= 1 || single === phaseCell)) {
      phase = single.replace(/\s+/g, ' ').slice(0, MAX_NAME);
      if (!phases.includes(phase)) phases.push(phase);
      previewRows.push({ row, kind: 'phase', time: '', parsedTime: null, unreadable: false, phase, text: single });
      continue;
    }
    if (phaseCell !== '') {
      phase = phaseCell.replace(/\s+/g, ' ').slice(0, MAX_NAME);
      if (!phases.includes(phase)) phases.push(phase);
    }
    const notes: string[] = [];
    const people = new Map<string, string[]>();
    const timeRaw = cellAt(cells, 'time');
    let time: ScriptTime | null = null;
    if (timeRaw !== '') {
      time = scriptTimeOf(timeRaw) ?? plainMinutesOf(timeRaw);
      if (!time) {
        unreadableTimes++;
        issues.push(issueOf('warning', 'unreadableTime', { row, column: headingOf(columnOf('time')), text: timeRaw }));
        notes.push(interpolate(labels.generated.rawTime, { text: timeRaw }));
      }
    }
    const durationRaw = cellAt(cells, 'duration');
    let durationMin = time?.durationMin ?? null;
    if (durationRaw !== '') {
      const minutes = durationMinutesOf(durationRaw) ?? (/^\d+(\.\d+)?$/.test(durationRaw) ? Number(durationRaw) : null);
      if (minutes === null || minutes > MAX_MINUTES) {
        issues.push(issueOf('warning', 'unreadableDuration', { row, column: headingOf(columnOf('duration')), text: durationRaw }));
        notes.push(interpolate(labels.generated.rawDuration, { text: durationRaw }));
      } else durationMin = minutes;
    }
    const kindRaw = cellAt(cells, 'kind');
    let kind: StepKind | null = null;
    let contingency = false;
    if (kindRaw !== '') {
      kind = kindByKey.get(headingKeyOf(kindRaw)) ?? null;
      contingency = /contingency|备用/i.test(kindRaw);
      if (!kind) issues.push(issueOf('warning', 'unknownKind', { row, column: headingOf(columnOf('kind')), text: kindRaw }));
    }
    let location = cellAt(cells, 'location');
    if (location.length > MAX_NAME) {
      issues.push(issueOf('warning', 'longLocation', { row, column: headingOf(columnOf('location')), text: location }, { max: MAX_NAME }));
      notes.push(location);
      location = '';
    }
    fields.forEach((field, index) => {
      const value = (cells[index] ?? '').trim();
      if (field === 'keep' && value !== '') notes.push(headings[index] ? `${headings[index]}：${value}` : value);
    });
    const notesCell = cellAt(cells, 'notes');
    if (notesCell !== '') notes.unshift(notesCell);
    const roleNames = roleNamesOf(cellAt(cells, 'role'), people);
    const fromNames = roleNamesOf(cellAt(cells, 'from'), people);
    for (const name of [...roleNames, ...fromNames])
      if (name.length > MAX_NAME) issues.push(issueOf('problem', 'roleNameTooLong', { row, column: headingOf(columnOf('role')), text: name }, { max: MAX_NAME }));
    const entry: Entry = {
      row,
      phase,
      time,
      timeRaw,
      scenarioTime: cellAt(cells, 'scenarioTime').replace(/\s+/g, ' ').slice(0, MAX_SCENARIO_TIME),
      scene: cellAt(cells, 'scene'),
      action: cellAt(cells, 'action'),
      dialogue: cellAt(cells, 'dialogue'),
      roleNames,
      fromNames,
      expected: cellAt(cells, 'expected'),
      location,
      resources: cellAt(cells, 'resources'),
      notes,
      durationMin,
      kind,
      contingency,
      delivery: cellAt(cells, 'delivery'),
      objectives: cellAt(cells, 'objective')
        .split(/\r?\n|[;；]/)
        .map((o) => o.trim())
        .filter((o) => o !== ''),
      stepId: cellAt(cells, 'stepId'),
      next: cellAt(cells, 'next'),
      people,
    };
    if (entry.scene === '' && entry.action === '' && entry.dialogue === '') {
      // A row with no content: its other cells still count (a time alone is a milestone-less gap, so it is kept as notes of nothing): skip it visibly.
      if (texts.length > 0 && single !== null && END_OF_DRILL.test(halfWidthOf(single))) entry.action = single;
      else continue;
    }
    entries.push(entry);
    previewRows.push({
      row,
      kind: 'step',
      time: timeRaw,
      parsedTime: time ? scriptTimeTextOf(time) : null,
      unreadable: timeRaw !== '' && !time,
      phase,
      text: (entry.scene || entry.action || entry.dialogue).split('\n')[0].slice(0, 80),
    });
  }
  if (issues.some((i) => i.severity === 'problem')) return result(null, { rows: previewRows.slice(0, PREVIEW_ROWS) });
  if (entries.length === 0) {
    issues.push(issueOf('problem', 'noRows', { row: headerIndexes.length > 0 ? rows[lastHeader].row : null }));
    return result(null, { rows: previewRows.slice(0, PREVIEW_ROWS) });
  }

  const graph = buildGraph(entries, { labels, exact: columnOf('stepId') >= 0 && columnOf('next') >= 0, issues, headingOf, columnOf });
  const { steps, edges, roles, objectives, startClock, date } = graph;
  const title = (block.title || options.fallbackTitle).slice(0, MAX_NAME).trim() || labels.generated.untitled;
  const description = [block.description, footnotes.length > 0 ? `${labels.generated.footnotes}\n${footnotes.join('\n')}` : ''].filter((t) => t !== '').join('\n\n');
  const startMinute = startClock ?? block.startClock;
  const body = {
    title,
    description: description.slice(0, MAX_TEXT),
    drillDate: date ?? block.drillDate,
    startTime: startMinute === null ? null : clockTextOf(startMinute),
    location: block.location.slice(0, MAX_NAME),
    organiser: block.organiser.slice(0, MAX_NAME),
    objectives,
    roles,
    steps,
    edges,
  };
  const counts: ImportCounts = {
    steps: steps.length,
    phases: new Set(steps.map((s) => s.phase).filter((p) => p !== '')).size,
    edges: edges.length,
    withoutDuration: steps.filter((s) => s.durationMin === null).length,
    unreadableTimes,
    roles: roles.length,
    objectives: objectives.length,
  };
  const previewRoles = roles.map((r) => ({ name: r.name, category: r.category, people: r.people.map((p) => p.name) }));
  if (issues.some((i) => i.severity === 'problem')) return result(null, { rows: previewRows.slice(0, PREVIEW_ROWS), roles: previewRoles, counts });
  const parsed = ScenarioBodySchema.safeParse(body);
  if (!parsed.success) {
    for (const issue of parsed.error.issues.slice(0, 50)) {
      const [collection, index] = issue.path;
      const row = collection === 'steps' && typeof index === 'number' ? graph.rowOfStep[index] : null;
      issues.push(issueOf('problem', 'invalid', { row }, { detail: `${issue.path.map(String).join('.')}: ${issue.message}` }));
    }
  } else {
    for (const problem of graphProblemsOf(parsed.data)) issues.push(issueOf('problem', 'invalid', {}, { detail: `${problem.path}: ${ruleMessageOf(problem, options.language)}` }));
    const titles = new Map(steps.map((s) => [s.id, s.title]));
    for (const cycle of cyclesOf(parsed.data).slice(0, 5))
      issues.push(issueOf('problem', 'cycle', {}, { detail: [...cycle, cycle[0]].map((id) => `“${titles.get(id) ?? id}”`).join(' → ') }));
  }
  const confident =
    found !== null &&
    columns.every((c) => c.detected !== null || c.heading === '') &&
    unreadableTimes === 0 &&
    !issues.some((i) => i.severity === 'problem' || i.key === 'unknownKind' || i.key === 'unreadableDuration');
  return result(parsed.success ? parsed.data : null, { rows: previewRows.slice(0, PREVIEW_ROWS), roles: previewRoles, counts, confident });
}

/** A plain whole number in a time column: minutes from the start (the old plan format). */
function plainMinutesOf(text: string): ScriptTime | null {
  const value = halfWidthOf(text).trim();
  if (!/^\d{1,5}$/.test(value) || Number(value) > MAX_MINUTES) return null;
  return { start: { kind: 'offset', minutes: Number(value) }, end: null, durationMin: null };
}

/** A spreadsheet column letter: 0 → A, 27 → AB. */
export function columnLetterOf(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

type GraphContext = {
  labels: Labels;
  exact: boolean;
  issues: ImportIssue[];
  headingOf: (index: number) => string;
  columnOf: (field: ScriptField) => number;
};

/** Steps, edges, roles and objectives from the entries, in linear time. */
function buildGraph(entries: Entry[], ctx: GraphContext) {
  const { labels, issues } = ctx;
  const roles: Role[] = [];
  const roleIdByName = new Map<string, string>();
  const roleIdOf = (name: string, fallback: ParticipantCategory = 'player') => {
    let id = roleIdByName.get(name);
    if (!id) {
      id = `role-${pad2(roles.length + 1)}`;
      roleIdByName.set(name, id);
      const guessed = categoryOfName(name);
      const category = guessed === 'player' ? fallback : guessed;
      roles.push({
        ...EMPTY_ROSTER_FIELDS,
        id,
        name,
        group: isNarrator(name) ? labels.generated.controlGroup : name,
        category,
        color: category === 'controller' ? CONTROLLER_COLOR : ROLE_COLORS[roles.length % ROLE_COLORS.length],
        responsibilities: '',
        reportsTo: null,
        people: [],
      });
    }
    return id;
  };
  const addPeople = (people: Map<string, string[]>) => {
    for (const [name, persons] of people) {
      const role = roles.find((r) => r.id === roleIdByName.get(name));
      if (!role) continue;
      for (const person of persons) if (!role.people.some((p) => p.name === person)) role.people.push({ name: person.slice(0, MAX_NAME), unit: '', phone: '', callSign: '' });
    }
  };
  const objectives: Objective[] = [];
  const objectiveIdOf = (text: string) => {
    let objective = objectives.find((o) => o.text === text);
    if (!objective) {
      objective = { id: `obj-${objectives.length + 1}`, text: text.slice(0, 2_000) };
      objectives.push(objective);
    }
    return objective.id;
  };

  // Time order: clock times become minutes from the earliest, rolling past midnight when the clock goes back by more than 12 hours.
  let dayOffset = 0;
  let previousClock = -Infinity;
  const absolute: (number | null)[] = entries.map((entry) => {
    const start = entry.time?.start;
    if (!start) return null;
    if (start.kind === 'offset') return null;
    let minutes = start.minutes + dayOffset;
    // `2点半` after `下午2点`: a 12-hour reading without 上午/下午 stays in the afternoon when the table is there.
    if (start.twelveHour && previousClock >= dayOffset + 12 * 60 && minutes + 12 * 60 >= previousClock && minutes < previousClock) minutes += 12 * 60;
    if (minutes < previousClock - 12 * 60) {
      dayOffset += 24 * 60;
      minutes += 24 * 60;
    }
    previousClock = minutes;
    return minutes;
  });
  let startClock: number | null = null;
  for (const minutes of absolute) if (minutes !== null && (startClock === null || minutes < startClock)) startClock = minutes;
  const startOf = (k: number): number | null => {
    const start = entries[k].time?.start;
    if (!start) return null;
    return start.kind === 'clock' ? absolute[k]! - startClock! : start.minutes;
  };
  const order = entries.map((_, k) => k);
  const untimed = entries.filter((e) => !e.time?.start).length;
  if (!ctx.exact && untimed === 0) {
    const starts = order.map(startOf) as number[];
    let sorted = true;
    for (let k = 1; k < starts.length; k++) if (starts[k] < starts[k - 1]) sorted = false;
    if (!sorted) {
      order.sort((a, b) => starts[a] - starts[b] || a - b);
      issues.push(issueOf('warning', 'sorted'));
    }
  } else if (!ctx.exact && untimed < entries.length) {
    const starts = order.map(startOf).filter((s): s is number => s !== null);
    if (starts.some((s, k) => k > 0 && s < starts[k - 1])) issues.push(issueOf('warning', 'notSorted', {}, { count: untimed }));
  }
  const firstDate = entries.find((e) => e.time?.start?.kind === 'clock' && e.time.start.date)?.time?.start;
  const date = firstDate && firstDate.kind === 'clock' ? firstDate.date : null;

  const steps: Step[] = [];
  const edges: Edge[] = [];
  const rowOfStep: number[] = [];
  let tooMany = false;
  const addStep = (entry: Entry, kind: StepKind, text: string, fields: Partial<Step> & { roleIds: string[] }): Step | null => {
    if (steps.length >= MAX_IMPORT_STEPS) {
      if (!tooMany) issues.push(issueOf('problem', 'tooManySteps', {}, { max: MAX_IMPORT_STEPS }));
      tooMany = true;
      return null;
    }
    const title = stepTitleOf(text) || '—';
    const [firstLine, ...otherLines] = text.split(/\r?\n/);
    const description = title === text ? '' : title === firstLine.trim() ? otherLines.join('\n').trim() : text;
    const step = {
      id: `s${String(steps.length + 1).padStart(3, '0')}`,
      kind,
      title,
      description,
      dialogue: '',
      location: entry.location,
      durationMin: null,
      resources: entry.resources,
      expectedResult: '',
      objectiveIds: entry.objectives.map(objectiveIdOf),
      notes: '',
      phase: entry.phase,
      scenarioTime: entry.scenarioTime,
      position: { x: 0, y: 0 },
      ...(kind === 'inject' ? { deliveryMethod: entry.delivery.slice(0, MAX_NAME) } : kind === 'decision' ? { question: '' } : {}),
      ...fields,
    } as Step;
    steps.push(step);
    rowOfStep.push(entry.row);
    return step;
  };
  let edgeCount = 0;
  const addEdge = (source: Step, target: Step, lagMin: number, kind: Edge['kind'] = 'sequence', label = '') =>
    edges.push({ id: `e${String(++edgeCount).padStart(3, '0')}`, source: source.id, target: target.id, kind, label, lagMin });

  if (ctx.exact) return exactGraph();

  /** The steps of one entry, chained; null when the step limit was reached. */
  const stepsOfEntry = (entry: Entry): Step[] | null => {
    const made: Step[] = [];
    const push = (step: Step | null) => {
      if (step) made.push(step);
      return step !== null;
    };
    const rolesOf = (names: string[], fallback?: ParticipantCategory) => names.map((n) => roleIdOf(n, fallback));
    const playerRoles = rolesOf(entry.roleNames);
    const notes = entry.notes.join('\n');
    const endOfDrill = END_OF_DRILL.test(halfWidthOf(entry.action || entry.scene || entry.dialogue));
    const explicitKind = endOfDrill ? 'milestone' : entry.kind;
    const sceneLines = entry.scene && !entry.action ? speakerLinesOf(entry.scene, true) : [];
    const actionLines = entry.action ? speakerLinesOf(entry.action, true) : [];
    // Beside a role column, only what looks like a post is read as a speaker (`各位领导、各位来宾：…` is words).
    const dialogueLines = entry.dialogue ? speakerLinesOf(entry.dialogue, entry.roleNames.length > 0) : [];
    const lineStep = (line: SpeakerLine, kind: StepKind) => {
      const speakerRole = line.speaker ? [roleIdOf(line.speaker)] : playerRoles;
      if (line.speaker && line.person) entry.people.set(line.speaker, [...(entry.people.get(line.speaker) ?? []), line.person]);
      return addStep(entry, kind, line.words, { roleIds: speakerRole, dialogue: line.words });
    };
    if (entry.scene) {
      const injectRoles = entry.fromNames.length > 0 ? rolesOf(entry.fromNames, 'simulator') : playerRoles;
      const kind = explicitKind && !entry.action && explicitKind !== 'action' ? explicitKind : 'inject';
      if (sceneLines.length >= 2) {
        for (const line of sceneLines) if (!push(lineStep(line, 'inject'))) return null;
      } else if (
        !push(
          addStep(entry, kind, entry.scene, {
            roleIds: injectRoles,
            durationMin: entry.action || entry.dialogue ? 0 : null,
            notes: entry.contingency ? labels.generated.contingency : '',
          }),
        )
      )
        return null;
    }
    if (entry.action) {
      const kind: StepKind = explicitKind && explicitKind !== 'inject' ? explicitKind : 'action';
      if (actionLines.length >= 2) {
        for (const line of actionLines) if (!push(lineStep(line, 'action'))) return null;
      } else if (!push(addStep(entry, kind, entry.action, { roleIds: playerRoles }))) return null;
    }
    if (entry.dialogue) {
      const onlyDialogue = !entry.scene && !entry.action;
      const narration = dialogueLines.length === 1 && isNarrator(dialogueLines[0].speaker);
      if (dialogueLines.length >= 2 || (onlyDialogue && dialogueLines.length === 1) || narration) {
        for (const line of dialogueLines) if (!push(lineStep(line, explicitKind && onlyDialogue ? explicitKind : 'action'))) return null;
      } else if (onlyDialogue) {
        if (!push(addStep(entry, explicitKind ?? 'action', entry.dialogue, { roleIds: playerRoles, dialogue: entry.dialogue }))) return null;
      } else {
        const last = made[made.length - 1];
        const line = dialogueLines[0];
        last.dialogue = line ? line.words : entry.dialogue;
        if (line?.speaker && last.roleIds.length === 0) last.roleIds.push(roleIdOf(line.speaker));
        if (line?.person) entry.people.set(line.speaker, [...(entry.people.get(line.speaker) ?? []), line.person]);
      }
    }
    for (let k = 1; k < made.length; k++) addEdge(made[k - 1], made[k], 0);
    const last = made[made.length - 1];
    last.expectedResult = entry.expected;
    last.notes = [last.notes, notes].filter((n) => n !== '').join('\n');
    if (entry.durationMin !== null) last.durationMin = entry.durationMin;
    if (last.kind === 'milestone' && last.durationMin === null) last.durationMin = 0;
    addPeople(entry.people);
    return made;
  };

  type Group = { start: number | null; firsts: Step[]; lasts: Step[]; entries: Entry[] };
  const groups: Group[] = [];
  for (const k of order) {
    const made = stepsOfEntry(entries[k]);
    if (!made) break;
    const start = startOf(k);
    const group = groups[groups.length - 1];
    if (group && start !== null && group.start === start) {
      group.firsts.push(made[0]);
      group.lasts.push(made[made.length - 1]);
      group.entries.push(entries[k]);
    } else groups.push({ start, firsts: [made[0]], lasts: [made[made.length - 1]], entries: [entries[k]] });
  }
  // Durations: a timed row lasts until the next time in the table unless the table says otherwise.
  for (let g = 0; g + 1 < groups.length; g++) {
    const here = groups[g];
    const next = groups[g + 1];
    if (here.start === null || next.start === null) continue;
    here.lasts.forEach((last, i) => {
      if (last.durationMin === null && here.entries[i].durationMin === null && last.kind !== 'milestone') last.durationMin = Math.max(0, next.start! - here.start!);
    });
  }
  // Links between consecutive groups: direct when one side has one step, through a join milestone otherwise.
  for (let g = 1; g < groups.length && !tooMany; g++) {
    const before = groups[g - 1];
    const here = groups[g];
    const gap = before.start !== null && here.start !== null ? here.start - before.start : null;
    const lagOf = (last: Step) => (gap === null ? 0 : Math.max(0, gap - (last.durationMin ?? 0)));
    if (before.lasts.length > 1 && here.firsts.length > 1) {
      const at = here.start === null ? '' : startClock === null ? tPlusOf(here.start) : clockTextOf(startClock + here.start);
      const join = addStep(here.entries[0], 'milestone', interpolate(labels.generated.join, { time: at }), { roleIds: [], durationMin: 0 });
      if (!join) break;
      for (const last of before.lasts) addEdge(last, join, lagOf(last));
      for (const first of here.firsts) addEdge(join, first, 0);
    } else for (const last of before.lasts) for (const first of here.firsts) addEdge(last, first, lagOf(last));
  }
  return { steps, edges, roles, objectives, startClock, date, rowOfStep };

  /** DrillDesk's own export: one step per row, edges from the hidden "next" column. */
  function exactGraph() {
    const idOfRow = new Map<string, Step>();
    const pending: { step: Step; next: NextEdge[]; row: number }[] = [];
    for (const entry of entries) {
      const cells = exportedCellsOf(entry.scene, entry.action, entry.notes.join('\n'));
      const kind = entry.kind ?? cells.markedKind ?? (cells.scene ? 'inject' : 'action');
      const text = cells.scene || cells.action || entry.dialogue || '—';
      const step = addStep({ ...entry, delivery: cells.delivery || entry.delivery, location: entry.location || cells.location, resources: entry.resources || cells.resources }, kind, text, {
        roleIds: entry.roleNames.map((n) => roleIdOf(n)),
        dialogue: entry.dialogue,
        expectedResult: entry.expected,
        notes: cells.notes,
        durationMin: entry.durationMin,
        ...(kind === 'decision' ? { question: cells.question } : {}),
      });
      if (!step) break;
      addPeople(entry.people);
      if (idOfRow.has(entry.stepId) || entry.stepId === '') {
        issues.push(issueOf('problem', 'duplicateStepId', { row: entry.row, column: ctx.headingOf(ctx.columnOf('stepId')), text: entry.stepId }));
        continue;
      }
      idOfRow.set(entry.stepId, step);
      const next = nextEdgesOf(entry.next);
      if (!next) issues.push(issueOf('problem', 'badNext', { row: entry.row, column: ctx.headingOf(ctx.columnOf('next')), text: entry.next }));
      else pending.push({ step, next, row: entry.row });
    }
    for (const { step, next, row } of pending)
      for (const edge of next) {
        const target = idOfRow.get(edge.target);
        if (!target) issues.push(issueOf('problem', 'unknownNext', { row, column: ctx.headingOf(ctx.columnOf('next')), text: edge.target }));
        else addEdge(step, target, edge.lagMin, edge.kind, edge.label);
      }
    return { steps, edges, roles, objectives, startClock, date, rowOfStep };
  }
}

