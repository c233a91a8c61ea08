/**
 * A report on screen as it will print: A4 pages with a toolbar to print it
 * or save it as PDF (Electron's print and PDF support in the desktop app,
 * the browser's print dialog in browser mode). The after-action report and
 * the evaluation report are both shown this way.
 */
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { EvaluationReport } from '../../shared/evaluationReport';
import type { AfterActionReport } from '../../shared/report';
import { notify, notifyError } from '../components/toasts';
import { Paged, usePrintRoute, type Flow, type LaidPage } from '../print/Paged';
import { evaluationReportFlowOf } from './evaluationReportFlow';
import { dateAt } from '../../shared/time';
import { useDrillZone } from '../components/DrillZone';
import { reportFlowOf } from './reportFlow';
import { docFieldsOf } from '../../shared/docText';
import type { DocFields } from '../../shared/model';
import { api } from '../api';
import { DOCX_TYPE, downloadBase64 } from '../conduct/files';
import { Dialog } from '../components/Dialog';
import { DocFieldsEditor, docFieldsProblemsOf } from '../components/DocFieldsEditor';
import { footerRightOf, withDocFields } from '../print/docParts';

/** While the report is shown, the print style sheet applies to the whole page. */
/** What a report needs to export itself to Word and to edit the run's own document fields. */
type ReportRun = { runId: string; planFields: DocFields; runFields: DocFields; onRunFields: (fields: DocFields) => void };

function PrintedReport(props: { flows: Flow[]; docTitle: string; fileName: string; footerRight: string; testId: string; document: 'report' | 'evaluation-report'; run: ReportRun; fields?: ReactNode }) {
  const { t, i18n } = useTranslation();
  usePrintRoute();
  const [pages, setPages] = useState<LaidPage[] | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => setPages(null), [props.flows]);
  const onLaidOut = useCallback((laid: LaidPage[]) => setPages(laid), []);
  // The browser names a PDF saved from its print dialog after the page title.
  useEffect(() => {
    const previous = document.title;
    document.title = props.fileName.replace(/\.pdf$/, '');
    return () => {
      document.title = previous;
    };
  }, [props.fileName]);

  const [editing, setEditing] = useState(false);
  const exportWord = async () => {
    setBusy(true);
    try {
      const file = await api.exportDocx({ document: props.document, runId: props.run.runId, language: i18n.language.startsWith('en') ? 'en' : 'zh' });
      downloadBase64(file.fileName, file.base64, DOCX_TYPE);
      notify(t('docx.exported', { name: file.fileName }));
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(false);
    }
  };

  const desktop = window.drillDeskDesktop;
  const print = async () => {
    if (!desktop) {
      window.print();
      return;
    }
    setBusy(true);
    try {
      await desktop.print();
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(false);
    }
  };
  const savePdf = async () => {
    if (!desktop) return;
    setBusy(true);
    try {
      const saved = await desktop.printToPdf({ fileName: props.fileName, landscape: false });
      if (saved.saved && saved.path) notify(t('replay.report.savedPdf', { path: saved.path }));
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="print-screen report-screen" data-testid={props.testId}>
      <div className="report-toolbar">
        <h1>{props.docTitle}</h1>
        <span className="muted small" data-testid="report-pages">
          {pages ? t('replay.report.pageCount', { count: pages.length }) : t('replay.report.preparing')}
        </span>
        {props.fields}
        <div className="header-spacer" />
        {!desktop && <span className="muted small report-hint">{t('replay.report.browserHint')}</span>}
        <button type="button" className="primary" onClick={() => void print()} disabled={busy || !pages} data-testid="report-print">
          {desktop ? t('replay.report.print') : t('replay.report.printBrowser')}
        </button>
        {desktop && (
          <button type="button" onClick={() => void savePdf()} disabled={busy || !pages} data-testid="report-pdf">
            {t('replay.report.savePdf')}
          </button>
        )}
        <button type="button" onClick={() => void exportWord()} disabled={busy} data-testid="report-docx">
          {t('docx.export')}
        </button>
        <button type="button" onClick={() => setEditing(true)} disabled={busy} data-testid="report-doc-fields">
          {t('docFields.edit')}
        </button>
      </div>
      {editing && <RunDocFieldsDialog run={props.run} onClose={() => setEditing(false)} />}
      <div className="print-body">
        <div className="print-preview" data-testid="report-preview">
          <Paged flows={props.flows} footerRight={props.footerRight} pageLabel={(page, count) => t('replay.report.pageLabel', { page, count })} onLaidOut={onLaidOut} />
        </div>
      </div>
    </div>
  );
}

/** The run's own document fields for its reports, over the scenario's (shown as placeholders). */
function RunDocFieldsDialog(props: { run: ReportRun; onClose: () => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<DocFields>(props.run.runFields);
  const [saving, setSaving] = useState(false);
  const valid = Object.keys(docFieldsProblemsOf(draft)).length === 0;
  const save = async () => {
    setSaving(true);
    try {
      const run = await api.updateRunDocFields({ id: props.run.runId, docFields: draft });
      props.run.onRunFields(run.docFields);
      props.onClose();
    } catch (error) {
      notifyError(error);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Dialog
      title={t('docFields.runTitle')}
      onClose={props.onClose}
      wide
      testId="run-doc-fields-dialog"
      footer={
        <>
          <button type="button" onClick={props.onClose}>
            {t('action.cancel')}
          </button>
          <button type="button" className="primary" disabled={!valid || saving} onClick={() => void save()} data-testid="run-doc-fields-save">
            {t('action.save')}
          </button>
        </>
      }
    >
      <p className="muted small">{t('docFields.runHint')}</p>
      <DocFieldsEditor value={draft} onChange={setDraft} forRun placeholders={props.run.planFields} />
    </Dialog>
  );
}

const fileNameOf = (...parts: string[]) => `${parts.join('-')}.pdf`.replace(/[\\/:*?"<>|\s]+/g, '_');

/** The after-action report (演练总结报告). */
export function ReportView(props: { report: AfterActionReport; run: ReportRun; onParticipants?: (count: number | null) => void }) {
  const { t, i18n } = useTranslation();
  const { report, run } = props;
  const [people, setPeople] = useState(String(report.overview.peopleCount));
  useEffect(() => setPeople(String(report.overview.peopleCount)), [report.overview.peopleCount]);
  // 参演人数 is entered per run: the roster's count until someone types the real one; empty goes back to the roster.
  const save = () => {
    const text = people.trim();
    const count = text === '' ? null : Number(text);
    if (count !== null && (!Number.isInteger(count) || count < 0 || count > 100_000)) return setPeople(String(report.overview.peopleCount));
    if (count !== (report.overview.peopleEntered ? report.overview.peopleCount : null)) props.onParticipants?.(count);
  };
  const fields = useMemo(() => docFieldsOf(run.planFields, run.runFields), [run.planFields, run.runFields]);
  const flows = useMemo(() => [withDocFields(reportFlowOf(report, t, i18n.language), fields, t, i18n.language, { report: true })], [report, fields, t, i18n.language]);
  return (
    <PrintedReport
      flows={flows}
      docTitle={t('replay.report.docTitle')}
      fileName={fileNameOf(report.overview.title, t('replay.report.docTitle'), report.overview.drillDate)}
      footerRight={footerRightOf(fields, t('replay.report.footerRight', { run: report.overview.runName }), t, i18n.language)}
      testId="report-view"
      fields={
        props.onParticipants && (
          <label className="report-field small">
            {t('replay.report.peopleEntered')}
            <input
              type="number"
              min={0}
              value={people}
              onChange={(event) => setPeople(event.target.value)}
              onBlur={save}
              onKeyDown={(event) => event.key === 'Enter' && !event.nativeEvent.isComposing && save()}
              data-testid="report-participants"
            />
          </label>
        )
      }
      document="report"
      run={run}
    />
  );
}

/** The evaluation report (演练评估报告); a run whose plan has no form has none. */
export function EvaluationReportView(props: { report: EvaluationReport; run: ReportRun }) {
  const { t, i18n } = useTranslation();
  const { report, run } = props;
  const zone = useDrillZone();
  const fields = useMemo(() => docFieldsOf(run.planFields, run.runFields), [run.planFields, run.runFields]);
  const flows = useMemo(() => [withDocFields(evaluationReportFlowOf(report, t, i18n.language), fields, t, i18n.language)], [report, fields, t, i18n.language]);
  if (report.forms.length === 0)
    return (
      <p className="empty-state" data-testid="evaluation-report-none">
        {t('evaluation.report.noPlan')}
      </p>
    );
  return (
    <PrintedReport
      flows={flows}
      docTitle={t('evaluation.report.docTitle')}
      fileName={fileNameOf(report.basics.title, t('evaluation.report.docTitle'), dateAt(report.basics.startedAtMs, zone))}
      footerRight={footerRightOf(fields, t('evaluation.report.footerRight', { run: report.basics.runName }), t, i18n.language)}
      testId="evaluation-report-view"
      document="evaluation-report"
      run={run}
    />
  );
}
