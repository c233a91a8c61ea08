/**
 * What an import found wrong or worth saying, as catalogue keys with
 * parameters (the `scriptImport.issue` namespace), so the renderer, the back
 * end and the command line word it in the user's language.
 */
import { messageTextOf, msg, type catalogues, type Language, type Message } from '../i18n';

/** A `problem` refuses the import; a `warning` is shown in the preview and the import goes on. */
export type ImportIssue = {
  severity: 'problem' | 'warning';
  key: IssueKey;
  /** The sheet or table row (1 = first row), when the issue is about one. */
  row: number | null;
  /** The column's heading (or letter), when the issue is about one. */
  column: string | null;
  /** The text that could not be read, quoted in the message (cut to 60 characters). */
  text: string | null;
  params: Record<string, string | number>;
};

export type IssueKey = keyof (typeof catalogues)['zh']['scriptImport']['issue'];

const QUOTE_LENGTH = 60;

/** An issue; `text` is cut to what a message can quote. */
export function issueOf(
  severity: ImportIssue['severity'],
  key: IssueKey,
  where: { row?: number | null; column?: string | null; text?: string | null } = {},
  params: Record<string, string | number> = {},
): ImportIssue {
  const text = where.text ?? null;
  return {
    severity,
    key,
    row: where.row ?? null,
    column: where.column ?? null,
    text: text === null ? null : text.length > QUOTE_LENGTH ? `${text.slice(0, QUOTE_LENGTH - 1)}…` : text,
    params,
  };
}

/** Fills `{{name}}` placeholders the way i18next does. */
export function interpolate(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => (name in params ? String(params[name]) : `{{${name}}}`));
}

/**
 * An issue as a message: where (file, row, column), what, and the text
 * quoted. Worded in Chinese: `第 5 行，“时间”列：无法识别时间“九点钟左右”。`
 */
export function issueMessageOf(issue: ImportIssue, fileName?: string): Message {
  const what = msg(`scriptImport.issue.${issue.key}`, { ...issue.params, text: issue.text ?? '', row: issue.row ?? '', column: issue.column ?? '' });
  const places: Message[] = [];
  if (fileName) places.push(msg('scriptImport.where.file', { file: fileName }));
  if (issue.row !== null) places.push(msg('scriptImport.where.row', { row: issue.row }));
  if (issue.column !== null) places.push(msg('scriptImport.where.column', { column: issue.column }));
  if (places.length === 0) return what;
  const where = places.reduce((first, second) => msg('scriptImport.where.pair', { first, second }));
  return msg('scriptImport.where.located', { where, what });
}

/** An issue as one line in a language (see `issueMessageOf`). */
export function issueTextOf(issue: ImportIssue, language: Language, fileName?: string): string {
  return messageTextOf(language, issueMessageOf(issue, fileName));
}

/** Thrown by a reader that must stop: the file is refused for this one reason. */
export class ImportRefusal extends Error {
  constructor(readonly issue: ImportIssue) {
    super(issue.key);
    this.name = 'ImportRefusal';
  }
}

/** A refusal for a problem key. */
export const refusalOf = (key: IssueKey, params: Record<string, string | number> = {}, where: { row?: number | null; column?: string | null; text?: string | null } = {}) =>
  new ImportRefusal(issueOf('problem', key, where, params));
