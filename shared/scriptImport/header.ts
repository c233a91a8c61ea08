/**
 * Finding the header of a script table and what each column holds.
 *
 * The header is looked for in the first rows (a title and 演练时间/地点
 * lines often come first). Headings are compared without spaces,
 * punctuation, full/half-width differences and a trailing remark in
 * brackets (`时间（分钟）`). Two-row headers (a merged `演练内容` above
 * `情景 | 处置动作`) are read as one: the lower heading wins where it is
 * known. The vocabulary is a parameter, so other imports (evaluation forms)
 * can use the same detection with their own fields.
 */
import { z } from 'zod';
import type { TableRow } from '../runCsv';
import { headingKeyOf } from './text';

/** What a column of a drill script can hold. `keep` puts the cell in the step's notes under its heading; `ignore` drops it. */
export const SCRIPT_FIELDS = [
  'number',
  'time',
  'scenarioTime',
  'phase',
  'scene',
  'action',
  'role',
  'from',
  'dialogue',
  'expected',
  'location',
  'resources',
  'notes',
  'duration',
  'kind',
  'delivery',
  'objective',
  'stepId',
  'next',
  'keep',
  'ignore',
] as const;
export const ScriptFieldSchema = z.enum(SCRIPT_FIELDS);
export type ScriptField = z.infer<typeof ScriptFieldSchema>;

/** The headings each field is known by, in Chinese and English (HSEEP MSEL, exercise platforms, DrillDesk's own export). */
export const SCRIPT_VOCABULARY: Partial<Record<ScriptField, readonly string[]>> = {
  number: ['序号', '编号', '序', '顺序', 'no', 'no.', '#', 'eventnumber', 'eventno', 'injectnumber', 'number', 'id'],
  time: ['时间', '演练时间', '演习时间', '时间节点', '时段', '预计时间', '计划时间', '时刻', '起止时间', '时间安排', '实际时间', 'time', 'scheduledtime', 'when'],
  scenarioTime: ['情景时间', '模拟时间', '情景时刻', '情景发生时间', '事件时间', '设定时间', 'scenariotime', 'designatedscenariotime'],
  phase: ['阶段', '演练阶段', '演习阶段', '科目', '演练科目', '演习科目', '环节', '演练环节', '幕', '场次', '演练项目', 'phase', 'stage', 'module'],
  scene: ['情景', '情景内容', '情景描述', '情景设置', '情景注入', '场景', '场景描述', '事件', '事件描述', '演练情景', '模拟情景', '注入内容', '事件情景', 'scene', 'inject', 'message', 'scenario', 'eventdescription', 'injectdescription', 'description'],
  action: ['处置动作', '处置措施', '演练动作', '演习动作', '行动', '演练内容', '内容', '应对措施', '处置内容', '动作', '工作内容', '处置程序', '演练步骤', '响应行动', 'action', 'actions', 'expectedparticipantresponse', 'expectedaction', 'response', 'task'],
  role: ['角色', '参演角色', '讲话人', '发言人', '人员', '执行人', '责任单位', '参演单位', '责任人', '执行单位', '处置单位', '参演人员', '负责人', '演练人员', '岗位', '实施单位', '主体', 'to', 'role', 'roles', 'who', 'responsible', 'participant', 'player'],
  from: ['from', '发出人', '注入人', '注入方', '发送方', '发起人', '导调人员', 'sender', 'source'],
  dialogue: ['报告指令', '报告指令(对白)', '指令', '对白', '台词', '解说词', '内容(音响)', '讲话内容', '对话', '旁白', '解说', '报告内容', '指令内容', '通话内容', '报告用语', 'dialogue', 'script', 'reportororder', 'report/order(dialogue)', 'narration'],
  expected: ['预期结果', '预期效果', '预期', '预期目标', '预期成果', '预期行动', 'expectedresult', 'expectedoutcome', 'expected'],
  location: ['地点', '场地', '位置', '演练地点', '地点位置', '场所', 'location', 'place', 'venue'],
  resources: ['物资', '装备', '保障', '物资装备', '器材', '所需物资', '保障物资', '装备物资', 'resources', 'equipment', 'materials'],
  notes: ['备注', '说明', '附注', 'notes', 'note', 'remarks', 'comments'],
  duration: ['用时', '时长', '持续时间', '历时', '所需时间', '预计用时', '用时(分钟)', 'duration', 'minutes'],
  kind: ['类型', '步骤类型', '事件类型', 'eventtype', 'type', 'kind', 'injecttype'],
  delivery: ['注入方式', '方式', '传递方式', 'injectmode', 'mode', 'method', 'deliverymethod'],
  objective: ['演练目标', '目标', '对应目标', '检验目标', '检验内容', 'exerciseobjective', 'objective', 'objectives', 'corecapability', 'capability'],
  stepId: ['drilldesk编号', 'drilldeskid'],
  next: ['drilldesk后续', 'drilldesknext'],
};

/** Headings that name a speaker rather than a unit: with one of them and no dialogue column, a 内容 column holds the words. */
const SPEAKER_HEADINGS = new Set(['讲话人', '发言人', '角色', '人员'].map(headingKeyOf));
/** Headings of a content column that is dialogue when the table has a speaker column. */
const WORDS_HEADINGS = new Set(['内容', '讲话内容'].map(headingKeyOf));

/** Fields that hold what a step is about: a header must have one. */
export const CONTENT_FIELDS: readonly ScriptField[] = ['scene', 'action', 'dialogue'];

export type Vocabulary<F extends string> = Partial<Record<F, readonly string[]>>;

/** The lookup from heading key to field. */
function lookupOf<F extends string>(vocabulary: Vocabulary<F>): Map<string, F> {
  const lookup = new Map<string, F>();
  for (const field of Object.keys(vocabulary) as F[]) for (const name of vocabulary[field] ?? []) lookup.set(headingKeyOf(name), field);
  return lookup;
}

const lookups = new WeakMap<object, Map<string, string>>();

/**
 * The field a heading names, or null. Tried in turn: the whole heading
 * (`内容（音响）`), without a trailing bracket (`时间（分钟）` → 时间), the
 * part in brackets (`Time（时间）`), and each side of a slash (`角色/Role`).
 */
export function fieldOfHeading<F extends string>(heading: string, vocabulary: Vocabulary<F>): F | null {
  let lookup = lookups.get(vocabulary) as Map<string, F> | undefined;
  if (!lookup) {
    lookup = lookupOf(vocabulary);
    lookups.set(vocabulary, lookup);
  }
  const key = headingKeyOf(heading);
  if (key === '') return null;
  const candidates = [key, key.replace(/\([^()]*\)$/, ''), key.replace(/^\(|\)$/g, '').replace(/^[^(]*\(([^()]*)\)$/, '$1'), ...heading.split(/[/／]/).map(headingKeyOf)];
  for (const candidate of candidates) {
    const field = lookup.get(candidate);
    if (field !== undefined) return field;
  }
  return null;
}

export type HeaderColumn<F extends string> = { index: number; heading: string; field: F | null };

export type Header<F extends string> = {
  /** Indexes into the rows given, one or two (a two-row header). */
  rowIndexes: number[];
  columns: HeaderColumn<F>[];
};

/** How many rows at the top may come before the header. */
export const HEADER_SEARCH_ROWS = 12;

function columnsOfRow<F extends string>(cells: readonly string[], vocabulary: Vocabulary<F>): HeaderColumn<F>[] {
  return cells.map((cell, index) => ({ index, heading: cell.trim(), field: fieldOfHeading(cell, vocabulary) }));
}

const scoreOf = <F extends string>(columns: HeaderColumn<F>[]) => new Set(columns.flatMap((c) => (c.field ? [c.field] : []))).size;

/**
 * The header of a table: the first of its first rows whose cells name at
 * least two known fields, one of them in `required` (for a script: scene,
 * action or dialogue), combined with the row below when that row names more
 * (a two-row header). A field named twice keeps its first column; the other
 * is left unknown. Null when no row qualifies.
 */
export function headerOf<F extends string>(rows: readonly TableRow[], vocabulary: Vocabulary<F>, required: readonly F[]): Header<F> | null {
  const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
  for (let k = 0; k < limit; k++) {
    const single = columnsOfRow(rows[k].cells, vocabulary);
    if (scoreOf(single) < 1) continue;
    let best: Header<F> = { rowIndexes: [k], columns: single };
    if (k + 1 < rows.length) {
      const below = columnsOfRow(rows[k + 1].cells, vocabulary);
      const width = Math.max(single.length, below.length);
      const combined: HeaderColumn<F>[] = [];
      for (let c = 0; c < width; c++) {
        const lower = below[c];
        const upper = single[c];
        combined.push(lower?.field ? lower : (upper ?? { index: c, heading: '', field: null }));
      }
      const belowKnown = scoreOf(below);
      if (belowKnown >= 1 && scoreOf(combined) > scoreOf(single) && below.filter((c) => c.heading !== '' && !c.field).length <= belowKnown)
        best = { rowIndexes: [k, k + 1], columns: combined };
    }
    const fields = best.columns.flatMap((c) => (c.field ? [c.field] : []));
    if (new Set(fields).size >= 2 && fields.some((f) => required.includes(f))) return { ...best, columns: dedupe(best.columns) };
  }
  return null;
}

/** A field claimed by several columns stays with the first; the others become unknown. */
function dedupe<F extends string>(columns: HeaderColumn<F>[]): HeaderColumn<F>[] {
  const seen = new Set<F>();
  return columns.map((column) => {
    if (!column.field) return column;
    if (seen.has(column.field)) return { ...column, field: null };
    seen.add(column.field);
    return column;
  });
}

/**
 * The script fields of a header's columns, with two rules no vocabulary can
 * hold: a scenario-time column (情景时间, an MSEL's Designated Scenario Time)
 * in a table with no other time column is the steps' time, as such scripts
 * mean it (T+15min, 09:30); beside a clock column it is the time in the
 * story of a drill that compresses time. And beside a speaker column (讲话人,
 * 发言人) with no dialogue column, a 内容 column holds the words spoken.
 */
export function scriptColumnsOf(header: Header<ScriptField>): HeaderColumn<ScriptField>[] {
  const hasTime = header.columns.some((c) => c.field === 'time');
  const columns = hasTime ? header.columns : header.columns.map((c): HeaderColumn<ScriptField> => (c.field === 'scenarioTime' ? { ...c, field: 'time' } : c));
  const speaker = columns.some((c) => c.field === 'role' && SPEAKER_HEADINGS.has(headingKeyOf(c.heading)));
  const hasDialogue = columns.some((c) => c.field === 'dialogue');
  if (!speaker || hasDialogue) return columns;
  return columns.map((c) => (c.field === 'action' && WORDS_HEADINGS.has(headingKeyOf(c.heading)) ? { ...c, field: 'dialogue' } : c));
}

/**
 * The signature of a header: its headings made comparable, joined. Two
 * files with the same headings in the same order share a signature, so a
 * mapping chosen for one is offered for the other.
 */
export function headerSignatureOf(headings: readonly string[]): string {
  return headings.map(headingKeyOf).join('|').slice(0, 500);
}
