/**
 * An evaluation form from a table (a sheet of an .xlsx, a table of a .docx,
 * a CSV, as `electron/core/tableFiles.ts` reads them): the forms bureaus
 * already keep, as they are laid out.
 *
 *   评估项目 | 评估内容 | 评估标准 | 分值 | 效果描述
 *   1.预警与信息报告 | 1.1 接到预警后… | …  | 10   |
 *   (merged)         | 1.2 …          | …  | 10   |
 *
 * The header is found the way the drill-script import finds its own
 * (`scriptImport/header.ts`, with this vocabulary): it must name an item
 * column (评估内容, 评估要点, 检查内容, …) and one more known column. The
 * group (评估项目, often merged down the rows of its items), criterion,
 * points (分值 / 满分), method and site columns are optional; result columns
 * (效果描述, 评估结果（□是□否）, 实际得分, 评估说明, 原因说明, √) are recognised
 * and left blank. Sections come from the group column, or from heading rows
 * such as 「一、预警与信息报告」 when there is none. Item numbers (1.1, 2.3) are
 * removed; a cell holding several numbered items (「1.1 …；1.2 …」) becomes
 * several items. A header 「评分（满分10分）」 or a points column makes a
 * points form; otherwise the form is a checklist (a yes/no form's 是 reads as
 * 达到). The first line above the header (a paragraph above a Word table,
 * or a single-cell row) that is neither labelled (演练时间：…) nor a note in
 * brackets is the title; signature and date lines below are skipped.
 */
import { EvalFormSchema, MAX_NAME, type EvalForm, type EvalScheme } from './model';
import type { SourceTable } from './scriptImport/build';
import { HEADER_SEARCH_ROWS, headerOf, type Vocabulary } from './scriptImport/header';
import { issueOf, type ImportIssue } from './scriptImport/issues';

type FormField = 'group' | 'content' | 'criterion' | 'points' | 'number' | 'guidance' | 'site' | 'result';

export const FORM_VOCABULARY: Vocabulary<FormField> = {
  group: ['评估项目', '项目', '评估类别', '类别', '评估环节', '一级指标', '评估科目', '评估部分', 'section', 'group', 'category'],
  content: ['评估内容', '评估要点', '检查内容', '评估事项', '考核内容', '二级指标', '评价内容', '评估指标', '指标', '检查项目', 'item', 'content'],
  criterion: ['评估标准', '标准', '评分标准', '评价标准', '评估要求', '要求', '考核标准', 'criterion', 'criteria', 'standard'],
  points: ['分值', '满分', '标准分', '配分', 'points', 'maxpoints'],
  number: ['序号', '编号', 'no', 'no.', 'number'],
  guidance: ['评估方法', '方法', '评估方式', '检查方法', 'method', 'guidance'],
  site: ['评估地点', '地点', '分会场', '位置', 'site', 'location'],
  result: ['效果描述', '评估结果', '结果', '评定', '是否达到', '评分', '实际得分', '得分', '评估说明', '原因说明', '说明', '备注', '√', 'result', 'score', 'notes'],
};

/** `一、预警与信息报告`, `1. 预警…`, `(一)预警…` → the title without its number. */
function withoutNumber(text: string): string {
  return text.replace(/^\s*(?:[（(]?[一二三四五六七八九十]+[）)]?|\d+)\s*[、.．:：)）]?\s*/, '').trim();
}

/** Text written down a narrow merged cell one character per line (「预\n警\n与…」) read as one line. */
function joinedVertical(text: string): string {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  return lines.length > 1 && lines.every((line) => line.length <= 2) ? lines.join('') : lines.join(' ');
}

/** A heading row's text in the item column: 「一、预警与信息报告」 or 「2 紧急动员」 (a number not followed by .digit). */
const HEADING = /^\s*(?:[（(]?[一二三四五六七八九十]+[）)]?\s*[、.．]|\d+\s*[、．]|\d+\s*\.(?!\d)|\d+\s+(?=\D))/;
/** An item number at the start of a line: 1.1, 2.10, 1．2. */
const ITEM_NUMBER = /(\d+)\s*[.．]\s*(\d+)\s*[、.．]?\s*/;
/** Lines under a paper form that are not items. */
const FOOTER = /签字|签名|日期|评估人员[:：]|评估人[:：]|^(?:说明|备注)[:：]/;
const MAX_TEXT = 2000;

/** The items in one content cell: one, or several when the cell numbers them (「1.1 …；1.2 …」). */
function itemTextsOf(cell: string): string[] {
  const marker = new RegExp(`(?:^|[\\n；;。])\\s*${ITEM_NUMBER.source}`, 'g');
  const starts = [...cell.matchAll(marker)].map((match) => ({ at: match.index, length: match[0].length }));
  if (starts.length < 2) return [cell.replace(new RegExp(`^\\s*${ITEM_NUMBER.source}`), '').trim()];
  return starts
    .map((start, i) => cell.slice(start.at + start.length, i + 1 < starts.length ? starts[i + 1].at : undefined))
    .map((text) => text.replace(/[；;。\s]+$/, '').trim())
    .filter((text) => text !== '');
}

/** `满分10分` in a header: the maximum of every item. */
function maxFromHeader(cells: readonly string[]): number | null {
  for (const cell of cells) {
    const match = /满分\s*(\d+(?:\.\d+)?)\s*分?/.exec(cell);
    if (match) return Number(match[1]);
  }
  return null;
}

/**
 * A line above the header that can be the title: not a labelled line
 * (演练时间：…, 评估人员：…) and not a note in brackets (（请在…栏打√）).
 */
const isTitleLine = (line: string) => line !== '' && line.length <= MAX_NAME && !/[:：]/.test(line) && !/^[（(【\[]/.test(line);

/** Whether a table has an item column: the test for which table of a file is the form. */
export const isFormTable = (table: SourceTable) => headerOf<FormField>(table.rows, FORM_VOCABULARY, ['content']) !== null;

type Draft = { title: string; items: { content: string; criterion: string; guidance: string; site: string; maxPoints: number | null }[] };

/**
 * The form in a table, or the issues that refuse it (no item column, bad
 * points, text too long, no items). `newId(prefix)` gives fresh ids;
 * `fallbackTitle` is used when the table has no title.
 */
export function evalFormOfTable(table: SourceTable, options: { fallbackTitle: string; newId: (prefix: string) => string }): { form: EvalForm } | { issues: ImportIssue[] } {
  const { rows } = table;
  const header = headerOf<FormField>(rows, FORM_VOCABULARY, ['content']);
  if (!header) return { issues: [issueOf('problem', 'noItemColumn', {}, { rows: HEADER_SEARCH_ROWS })] };
  const fieldColumn = new Map(header.columns.flatMap((column) => (column.field ? [[column.field, column.index] as const] : [])));
  const cellOf = (cells: readonly string[], field: FormField) => {
    const index = fieldColumn.get(field);
    return index === undefined ? '' : (cells[index] ?? '').trim();
  };
  const headerAt = header.rowIndexes[header.rowIndexes.length - 1];
  const contentHeading = header.columns.find((column) => column.field === 'content')?.heading ?? '';
  const firstHeaderRow = header.rowIndexes[0];
  const singleCells = rows.slice(0, firstHeaderRow).flatMap((row) => {
    const texts = [...new Set(row.cells.map((cell) => cell.trim()).filter((cell) => cell !== ''))];
    return texts.length === 1 ? texts : [];
  });
  const titleText = [...table.above, ...singleCells].map((line) => line.trim()).find(isTitleLine);
  const title = (titleText || options.fallbackTitle).slice(0, MAX_NAME);
  const headerMax = maxFromHeader(header.rowIndexes.flatMap((i) => rows[i].cells));
  const scheme: EvalScheme = headerMax !== null || fieldColumn.has('points') ? 'points' : 'checklist';
  const groupColumn = fieldColumn.has('group');

  const issues: ImportIssue[] = [];
  const sections: Draft[] = [];
  const current = () => sections.at(-1) ?? (sections.push({ title, items: [] }), sections[0]);
  for (const { row, cells } of rows.slice(headerAt + 1)) {
    const filled = [...new Set(cells.map((cell) => cell.trim()).filter((cell) => cell !== ''))];
    if (filled.length === 1 && FOOTER.test(filled[0])) continue;
    const content = cellOf(cells, 'content');
    // The header again: a header cell merged down (a two-row header in Word), or repeated on each page.
    if (content !== '' && content === contentHeading) continue;
    // One text merged across the row: a heading (一、预警与信息报告) starts a section; a note (评定：…) is skipped.
    if (filled.length === 1 && cells.filter((cell) => cell.trim() !== '').length >= 2) {
      if (HEADING.test(filled[0]) || isTitleLine(filled[0])) sections.push({ title: (withoutNumber(filled[0]) || filled[0]).slice(0, MAX_NAME), items: [] });
      continue;
    }
    const group = joinedVertical(cellOf(cells, 'group'));
    const criterion = cellOf(cells, 'criterion');
    const pointsText = cellOf(cells, 'points');
    if (group !== '') {
      const sectionTitle = (withoutNumber(group) || group).slice(0, MAX_NAME);
      if (sections.at(-1)?.title !== sectionTitle) sections.push({ title: sectionTitle, items: [] });
    } else if (!groupColumn && content !== '' && criterion === '' && pointsText === '' && HEADING.test(content)) {
      sections.push({ title: (withoutNumber(content) || content).slice(0, MAX_NAME), items: [] });
      continue;
    }
    if (content === '') continue;
    let maxPoints = headerMax;
    if (pointsText !== '') {
      const points = Number(pointsText.replace(/分$/, ''));
      if (!Number.isFinite(points) || points < 1 || points > 1000) {
        issues.push(issueOf('problem', 'badPoints', { row, text: pointsText }));
        continue;
      }
      maxPoints = points;
    }
    for (const text of itemTextsOf(content)) {
      const tooLong = [text, criterion].find((value) => value.length > MAX_TEXT);
      if (tooLong !== undefined) {
        issues.push(issueOf('problem', 'cellTooLong', { row, text: tooLong }, { max: MAX_TEXT }));
        continue;
      }
      current().items.push({ content: text, criterion, guidance: cellOf(cells, 'guidance').slice(0, MAX_TEXT), site: cellOf(cells, 'site').slice(0, MAX_NAME), maxPoints });
    }
  }
  if (issues.length > 0) return { issues };
  const withItems = sections.filter((section) => section.items.length > 0);
  if (withItems.length === 0) return { issues: [issueOf('problem', 'noItems')] };
  const parsed = EvalFormSchema.safeParse({
    id: options.newId('form'),
    title,
    scheme,
    sections: withItems.map((section) => ({
      id: options.newId('sec'),
      title: section.title,
      items: section.items.map((item) => ({
        id: options.newId('item'),
        content: item.content,
        criterion: item.criterion,
        guidance: item.guidance,
        site: item.site,
        ...(item.maxPoints !== null ? { maxPoints: item.maxPoints } : {}),
      })),
    })),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { issues: [issueOf('problem', 'invalid', {}, { detail: `${issue.path.join('.')} ${issue.message}` })] };
  }
  return { form: parsed.data };
}
