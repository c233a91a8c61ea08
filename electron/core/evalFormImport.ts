/**
 * An evaluation form from a file on the back end: the bytes go through the
 * one table reader every import uses (`tableFiles.ts`: .xlsx, .docx, CSV;
 * format from the bytes, merged cells spread, sizes and zip bombs refused),
 * the first table with an item column is read as the form
 * (`shared/evaluationImport.ts`), and nothing is stored: the 评估 tab adds
 * the form as one undoable edit. Every refusal is an `ApiError` whose
 * message and details name the file, row and reason in the user's language.
 */
import { randomUUID } from 'node:crypto';
import type { ApiInput } from '../../shared/api';
import { evalFormOfTable, isFormTable } from '../../shared/evaluationImport';
import type { Language } from '../../shared/i18n';
import { catalogues } from '../../shared/i18n';
import type { EvalForm } from '../../shared/model';
import { ImportRefusal, issueOf, type ImportIssue } from '../../shared/scriptImport/issues';
import { baseNameOf, importErrorOf, titleOfFileName } from './planImport';
import { tableFileOf } from './tableFiles';

/** The form in an uploaded file, or an `ApiError` naming the problem. */
export async function evalFormOfFile(file: ApiInput<'importEvalForm'>, language: Language): Promise<EvalForm> {
  const fileName = baseNameOf(file.fileName) || 'file';
  const refuse = (issues: ImportIssue[]) => importErrorOf({ fileName, issues });
  let read;
  try {
    read = await tableFileOf(Buffer.from(file.dataBase64, 'base64'));
  } catch (error) {
    if (error instanceof ImportRefusal) throw refuse([error.issue]);
    throw error;
  }
  if (read.format === 'json') throw refuse([issueOf('problem', 'formNotTable')]);
  const table = read.tables.find(isFormTable) ?? read.tables[0];
  if (!table) throw refuse([issueOf('problem', 'noTables')]);
  const fallbackTitle = titleOfFileName(fileName) || catalogues[language].evaluation.form.docTitle;
  const result = evalFormOfTable(table, { fallbackTitle, newId: (prefix) => `${prefix}-${randomUUID()}` });
  if ('issues' in result) throw refuse(result.issues);
  return result.form;
}
