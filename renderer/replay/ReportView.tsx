/**
 * The after-action report on screen as it will print: A4 pages with a
 * toolbar to print it or save it as PDF (Electron's print and PDF support in
 * the desktop app, the browser's print dialog in browser mode).
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AfterActionReport } from '../../shared/report';
import { notify, notifyError } from '../components/toasts';
import { Paged, type LaidPage } from '../print/Paged';
import { reportFlowOf } from './reportFlow';

/** While the report is shown, the print style sheet applies to the whole page. */
function usePrintRoute() {
  useEffect(() => {
    document.documentElement.classList.add('print-route');
    return () => document.documentElement.classList.remove('print-route');
  }, []);
}

export function ReportView(props: { report: AfterActionReport }) {
  const { t, i18n } = useTranslation();
  usePrintRoute();
  const { report } = props;
  const language = i18n.language;
  const flows = useMemo(() => [reportFlowOf(report, t, language)], [report, t, language]);
  const [pages, setPages] = useState<LaidPage[] | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => setPages(null), [flows]);
  const onLaidOut = useCallback((laid: LaidPage[]) => setPages(laid), []);

  const fileName = `${report.overview.title}-${t('replay.report.docTitle')}-${report.overview.drillDate}.pdf`.replace(/[\\/:*?"<>|\s]+/g, '_');
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
      const saved = await desktop.printToPdf({ fileName, landscape: false });
      if (saved.saved && saved.path) notify(t('replay.report.savedPdf', { path: saved.path }));
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="print-screen report-screen" data-testid="report-view">
      <div className="report-toolbar">
        <h1>{t('replay.report.docTitle')}</h1>
        <span className="muted small" data-testid="report-pages">
          {pages ? t('replay.report.pageCount', { count: pages.length }) : t('replay.report.preparing')}
        </span>
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
          <Paged flows={flows} footerRight={t('replay.report.footerRight', { run: report.overview.runName })} pageLabel={(page, count) => t('replay.report.pageLabel', { page, count })} onLaidOut={onLaidOut} />
        </div>
      </div>
    </div>
  );
}
