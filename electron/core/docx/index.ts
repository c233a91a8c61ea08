/**
 * Word (.docx) files of DrillDesk's documents, written with the `docx`
 * library from the view-models the print view renders. One entry point for
 * the service (the `exportDocx` operation) and the command line.
 */
import { ApiError, type DocxDocument } from '../../../shared/api';
import { docFieldsOf, type Translate } from '../../../shared/docText';
import { evaluationReportOf } from '../../../shared/evaluationReport';
import { blankFormsOf } from '../../../shared/evaluationSheets';
import { messageOf, msg, type Language } from '../../../shared/i18n';
import type { Annotation, Attachment, Run, RunEvent, ScenarioBody } from '../../../shared/model';
import { reportOf } from '../../../shared/report';
import { drillScriptOf, fitsA5Card, roleSheetsOf, rosterOf } from '../../../shared/sheets';
import {
  evaluationFormSection,
  evaluationReportSection,
  reportSection,
  roleCardSection,
  roleSheetSection,
  rosterSection,
  scriptSection,
  type DocContext,
} from './documents';
import { blocksSection } from './drillDocuments';
import { docxBytesOf, type SectionSpec } from './layout';
import { documentBlocksOf, handbookBlocksOf } from '../../../shared/drillDocuments';

/** What a document is made of: a scenario (with the roles or form chosen), or a run with its log, debrief notes and photos. */
export type DocxSource =
  | { kind: 'scenario'; body: ScenarioBody; roleIds?: readonly string[]; formId?: string; a5?: boolean }
  | { kind: 'run'; run: Run; events: readonly RunEvent[]; annotations: readonly Annotation[]; attachments?: readonly Attachment[]; seatNames?: Readonly<Record<string, string>> };

const DOC_TITLE_KEYS: Record<DocxDocument, string> = {
  'role-sheets': 'print.sheet.title',
  roster: 'print.roster.title',
  script: 'print.script.title',
  'evaluation-form': 'evaluation.form.docTitle',
  plan: 'print.doc.plan',
  'evaluation-plan': 'print.doc.evaluation-plan',
  'support-plan': 'print.doc.support-plan',
  notice: 'print.doc.notice',
  'sign-in': 'print.doc.sign-in',
  equipment: 'print.doc.equipment',
  contacts: 'print.doc.contacts',
  report: 'replay.report.docTitle',
  'evaluation-report': 'evaluation.report.docTitle',
};

/** `汛期水环境安全应急实战演练-演练脚本.docx`: the drill's title and the document's, made safe for a file name. */
export function docxFileNameOf(drillTitle: string, document: DocxDocument, language: Language, detail = ''): string {
  const safe = (text: string) => text.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 80);
  const name = [safe(drillTitle) || 'drill', safe(messageOf(language, DOC_TITLE_KEYS[document])), safe(detail)].filter(Boolean).join('-');
  return `${name}.docx`;
}

/** The sections of one document. */
function sectionsOf(document: DocxDocument, source: DocxSource, ctx: DocContext): SectionSpec[] {
  if (source.kind === 'scenario') {
    const { body } = source;
    switch (document) {
      case 'role-sheets': {
        const sheets = roleSheetsOf(body, source.roleIds);
        if (sheets.length === 0) throw new ApiError('invalid-argument', msg('errors.scenario.noRolesNamed'));
        // Observers get their 观摩手册 instead of a task sheet with nothing to do; with `a5`, players with few tasks their A5 card.
        return sheets.map((sheet) =>
          sheet.role.category === 'observer'
            ? blocksSection(handbookBlocksOf(body, sheet.role.id, ctx.t, ctx.language)!, ctx)
            : source.a5 && fitsA5Card(sheet)
              ? roleCardSection(sheet, ctx)
              : roleSheetSection(sheet, ctx),
        );
      }
      case 'roster':
        return [rosterSection(rosterOf(body), ctx)];
      case 'script':
        return [scriptSection(drillScriptOf(body), ctx)];
      case 'evaluation-form': {
        const forms = blankFormsOf(body).filter((form) => source.formId === undefined || form.id === source.formId);
        if (forms.length === 0)
          throw new ApiError(
            source.formId === undefined ? 'invalid-argument' : 'not-found',
            source.formId === undefined ? msg('errors.scenario.noForm') : msg('errors.scenario.formNotFound', { id: source.formId }),
          );
        return forms.map((form) => evaluationFormSection(form, ctx));
      }
      case 'plan':
      case 'evaluation-plan':
      case 'support-plan':
      case 'notice':
      case 'sign-in':
      case 'equipment':
      case 'contacts':
        return [blocksSection(documentBlocksOf(document, body, ctx.t, ctx.language), ctx)];
      default:
        throw new ApiError('invalid-argument', msg('errors.scenario.runDocument', { document }));
    }
  }
  const { run, events, annotations } = source;
  if (document === 'report') return [reportSection(reportOf(run, events, annotations, undefined, source.attachments ?? [], source.seatNames ?? {}), ctx)];
  if (document === 'evaluation-report') return [evaluationReportSection(evaluationReportOf(run, events, annotations), ctx)];
  throw new ApiError('invalid-argument', msg('errors.scenario.scenarioDocument', { document }));
}

/**
 * The .docx of a document. A scenario's documents carry the scenario's
 * document fields; a run's reports carry the plan's with the run's own over
 * them (报告单位, 主送, 抄送, 落款 …).
 */
export async function docxOf(document: DocxDocument, source: DocxSource, language: Language): Promise<{ fileName: string; bytes: Buffer }> {
  const t: Translate = (key, params) => messageOf(language, key, params);
  const body = source.kind === 'scenario' ? source.body : source.run.plan;
  const fields = source.kind === 'scenario' ? body.docFields : docFieldsOf(body.docFields, source.run.docFields);
  const ctx: DocContext = { t, language, fields };
  const sections = sectionsOf(document, source, ctx);
  const detail =
    source.kind === 'run'
      ? source.run.name
      : document === 'role-sheets' && source.roleIds?.length === 1
        ? (body.roles.find((role) => role.id === source.roleIds![0])?.name ?? '')
        : document === 'evaluation-form' && source.formId
          ? (body.evaluation.forms.find((form) => form.id === source.formId)?.title ?? '')
          : '';
  const bytes = await docxBytesOf({ title: `${body.title} ${t(DOC_TITLE_KEYS[document])}`, sections, fields, t, language });
  return { fileName: docxFileNameOf(body.title, document, language, detail), bytes };
}
