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
import { Paged, type Flow, type LaidPage } from '../print/Paged';
import { evaluationReportFlowOf } from './evaluationReportFlow';
import { dateAt } from '../../shared/time';
import { useDrillZone } from '../components/DrillZone';
import { reportFlowOf } from './reportFlow';

/** While the report is shown, the print style sheet applies to the whole page. */
function usePrintRoute() {
  useEffect(() => {
    document.documentElement.classList.add('print-route');
    return () => document.documentElement.classList.remove('print-route');
  }, []);
}

function PrintedReport(props: { flows: Flow[]; docTitle: string; fileName: string; footerRight: string; testId: string; fields?: ReactNode }) {
  const { t } = useTranslation();
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
      </div>
      <div className="print-body">
        <div className="print-preview" data-testid="report-preview">
          <Paged flows={props.flows} footerRight={props.footerRight} pageLabel={(page, count) => t('replay.report.pageLabel', { page, count })} onLaidOut={onLaidOut} />
        </div>
      </div>
    </div>
  );
}

const fileNameOf = (...parts: string[]) => `${parts.join('-')}.pdf`.replace(/[\\/:*?"<>|\s]+/g, '_');

/** The after-action report (演练总结报告). */
export function ReportView(props: { report: AfterActionReport; onParticipants?: (count: number | null) => void }) {
  const { t, i18n } = useTranslation();
  const { report } = props;
  const [people, setPeople] = useState(String(report.overview.peopleCount));
  useEffect(() => setPeople(String(report.overview.peopleCount)), [report.overview.peopleCount]);
  // 参演人数 is entered per run: the roster's count until someone types the real one; empty goes back to the roster.
  const save = () => {
    const text = people.trim();
    const count = text === '' ? null : Number(text);
    if (count !== null && (!Number.isInteger(count) || count < 0 || count > 100_000)) return setPeople(String(report.overview.peopleCount));
    if (count !== (report.overview.peopleEntered ? report.overview.peopleCount : null)) props.onParticipants?.(count);
  };
  const flows = useMemo(() => [reportFlowOf(report, t, i18n.language)], [report, t, i18n.language]);
  return (
    <PrintedReport
      flows={flows}
      docTitle={t('replay.report.docTitle')}
      fileName={fileNameOf(report.overview.title, t('replay.report.docTitle'), report.overview.drillDate)}
      footerRight={t('replay.report.footerRight', { run: report.overview.runName })}
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
    />
  );
}

/** The evaluation report (演练评估报告); a run whose plan has no form has none. */
export function EvaluationReportView(props: { report: EvaluationReport }) {
  const { t, i18n } = useTranslation();
  const { report } = props;
  const zone = useDrillZone();
  const flows = useMemo(() => [evaluationReportFlowOf(report, t, i18n.language)], [report, t, i18n.language]);
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
      footerRight={t('evaluation.report.footerRight', { run: report.basics.runName })}
      testId="evaluation-report-view"
    />
  );
}
