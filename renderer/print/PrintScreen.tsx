/**
 * The print view (`#/scenario/<id>/print`, a tab of the scenario screen): choose documents and roles, see
 * the A4 pages exactly as they print, then print, save a PDF or export Excel.
 * `?print=sheets,roster,script&roles=a,b` in the address preselects what to
 * print (the command line opens it that way).
 */
import { errorTextOf } from '../i18n';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Scenario } from '../../shared/model';
import { blankFormsOf } from '../../shared/evaluationSheets';
import { drillScriptOf, fitsA5Card, roleSheetsOf, rosterOf } from '../../shared/sheets';
import { dateAt } from '../../shared/time';
import { api, isDesktop } from '../api';
import { DOCX_TYPE, downloadBase64, XLSX_TYPE } from '../conduct/files';
import { notify, notifyError } from '../components/toasts';
import { PAGE, Paged, usePrintRoute, type Flow, type LaidPage } from './Paged';
import { footerRightOf, withDocFields } from './docParts';
import { DEFAULT_DOCUMENTS, DOCUMENT_KINDS, PrintPanel, type DocumentKind, type PrintSelection, type Zoom } from './PrintPanel';

import { roleSheetFlow } from './roleSheetFlow';
import { drillDocumentFlow } from './drillDocumentFlow';
import { documentBlocksOf, DOCX_DOCUMENT_OF, DRILL_DOCUMENTS, handbookBlocksOf, type ExcelDrillDocument } from '../../shared/drillDocuments';
import { roleCardFlow } from './roleCardFlow';
import { rosterFlow } from './rosterFlow';
import { scriptFlow } from './scriptFlow';
import { evaluationFormFlow } from './evaluationFormFlow';
import './print.css';

/** Documents another screen asked to open the print view with (the 评估 tab's "print blank form"), taken once. */
let requested: DocumentKind[] | null = null;
export function requestPrintSelection(documents: DocumentKind[]) {
  requested = documents;
}

/** The selection the address (or another screen) asks for, or everything. */
function initialSelection(scenario: Scenario, search: string): PrintSelection {
  const params = new URLSearchParams(search);
  const asked = requested ?? params.get('print')?.split(',');
  requested = null;
  const docs = asked?.filter((kind): kind is DocumentKind => DOCUMENT_KINDS.includes(kind as DocumentKind));
  const roles = params.get('roles')?.split(',');
  return {
    documents: new Set(docs && docs.length > 0 ? docs : DEFAULT_DOCUMENTS),
    roleIds: new Set(roles ? scenario.roles.filter((role) => roles.includes(role.id)).map((role) => role.id) : scenario.roles.map((role) => role.id)),
    a5: params.get('a5') === '1',
  };
}

/** `2026年汛期…演练-岗位任务卡-演练脚本`: safe as a file name. */
function fileBaseOf(title: string, documentNames: string[]): string {
  return [title, ...documentNames].join('-').replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 120);
}


/** While the print view is shown, the print style sheet applies to the whole page. */

const PX_PER_MM = 96 / 25.4;

/** The width of an element, kept up to date. */
function useWidth() {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setWidth(element.clientWidth));
    observer.observe(element);
    return () => observer.disconnect();
  });
  return [ref, width] as const;
}

export function PrintScreen(props: { scenarioId: string }) {
  const { t, i18n } = useTranslation();
  usePrintRoute();
  const [scenario, setScenario] = useState<Scenario | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selection, setSelection] = useState<PrintSelection | null>(null);
  const [pages, setPages] = useState<LaidPage[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [zoom, setZoom] = useState<Zoom>('1');
  const [previewRef, previewWidth] = useWidth();
  const clearPages = useCallback(() => setPages(null), []);

  useEffect(() => {
    api.getScenario({ id: props.scenarioId }).then(
      (loaded) => {
        setScenario(loaded);
        setSelection(initialSelection(loaded, window.location.search));
      },
      (e: unknown) => setError(errorTextOf(e).text),
    );
  }, [props.scenarioId]);

  const language = i18n.language;
  /** Every document's flow, built once per scenario and language, so a selection change reuses their layout. */
  const built = useMemo(() => {
    if (!scenario) return null;
    const fielded = (flow: Flow) => withDocFields(flow, scenario.docFields, t, language);
    const sheets = roleSheetsOf(scenario);
    return {
      // Observers get their 观摩手册 instead of a task sheet with nothing to do.
      sheets: new Map(
        sheets.map((sheet) => [
          sheet.role.id,
          fielded(sheet.role.category === 'observer' ? drillDocumentFlow(handbookBlocksOf(scenario, sheet.role.id, t, language)!) : roleSheetFlow(sheet, t, language)),
        ]),
      ),
      cards: new Map(sheets.filter(fitsA5Card).map((sheet) => [sheet.role.id, withDocFields(roleCardFlow(sheet, t, language), scenario.docFields, t, language, { sign: false })])),
      drill: new Map(DRILL_DOCUMENTS.map((document) => [document, fielded(drillDocumentFlow(documentBlocksOf(document, scenario, t, language)))])),
      roster: fielded(rosterFlow(rosterOf(scenario), t, language)),
      script: fielded(scriptFlow(drillScriptOf(scenario), t, language)),
      evaluation: blankFormsOf(scenario).map((form) => fielded(evaluationFormFlow(form, t, language))),
    };
  }, [scenario, t, language]);
  const flows = useMemo((): Flow[] => {
    if (!scenario || !selection || !built) return [];
    const result: Flow[] = [];
    if (selection.documents.has('sheets'))
      for (const role of scenario.roles)
        if (selection.roleIds.has(role.id)) result.push((selection.a5 ? built.cards.get(role.id) : undefined) ?? built.sheets.get(role.id)!);
    if (selection.documents.has('roster')) result.push(built.roster);
    if (selection.documents.has('script')) result.push(built.script);
    if (selection.documents.has('evaluation')) result.push(...built.evaluation);
    for (const document of DRILL_DOCUMENTS) if (selection.documents.has(document)) result.push(built.drill.get(document)!);
    return result;
  }, [scenario, selection, built]);

  // The browser names a PDF saved from its print dialog after the page title.
  const baseName = scenario && selection ? fileBaseOf(scenario.title, DOCUMENT_KINDS.filter((kind) => selection.documents.has(kind)).map((kind) => t(`print.doc.${kind}`))) : null;
  useEffect(() => {
    if (!baseName) return;
    const previous = document.title;
    document.title = baseName;
    return () => {
      document.title = previous;
    };
  }, [baseName]);

  if (error) return <p className="error-state">{t('editor.loadFailed')} {error}</p>;
  if (!scenario || !selection) return <p className="muted">{t('state.loading')}</p>;

  const fileName = `${baseName}.pdf`;

  const print = async () => {
    if (!window.drillDeskDesktop) {
      window.print();
      return;
    }
    setBusy(true);
    try {
      await window.drillDeskDesktop.print();
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };
  const savePdf = async () => {
    if (!window.drillDeskDesktop) {
      window.print();
      return;
    }
    setBusy(true);
    try {
      const saved = await window.drillDeskDesktop.printToPdf({ fileName, landscape: false });
      if (saved.saved && saved.path) notify(t('print.savedPdf', { path: saved.path }));
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };
  const exportExcel = async (document: 'script' | 'roster' | ExcelDrillDocument) => {
    setBusy(true);
    try {
      const file = await api.exportXlsx({ scenarioId: scenario.id, document, language: language.startsWith('en') ? 'en' : 'zh' });
      downloadBase64(file.fileName, file.base64, XLSX_TYPE);
      notify(t('print.savedXlsx', { name: file.fileName }));
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };

  const exportWord = async (document: DocumentKind) => {
    setBusy(true);
    try {
      const file = await api.exportDocx({
        document: DOCX_DOCUMENT_OF[document],
        scenarioId: scenario.id,
        roleIds: document === 'sheets' ? scenario.roles.filter((role) => selection.roleIds.has(role.id)).map((role) => role.id) : undefined,
        a5: document === 'sheets' && selection.a5 ? true : undefined,
        language: language.startsWith('en') ? 'en' : 'zh',
      });
      downloadBase64(file.fileName, file.base64, DOCX_TYPE);
      notify(t('docx.exported', { name: file.fileName }));
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };

  const widestMm = flows.some((flow) => flow.orientation === 'landscape') ? PAGE.landscape.width : PAGE.portrait.width;
  const scale = zoom === 'fit' ? Math.max(0.3, Math.min(2, (previewWidth - 48) / (widestMm * PX_PER_MM))) : Number(zoom);
  const revision = footerRightOf(scenario.docFields, t('print.footer.revision', { revision: scenario.revision, date: dateAt(Date.parse(scenario.updatedAt), scenario.timeZone) }), t, language);
  return (
    <div className="print-screen" data-testid="print-screen">
      <div className="print-body">
        <PrintPanel
          roles={scenario.roles}
          selection={selection}
          onChange={setSelection}
          pageCount={pages ? pages.length : null}
          overflowPages={pages ? pages.flatMap((page, i) => (page.overflows ? [i + 1] : [])) : []}
          busy={busy}
          onPrint={() => void print()}
          onSavePdf={() => void savePdf()}
          onExcel={(document) => void exportExcel(document)}
          onWord={(document) => void exportWord(document)}
          hasEvaluationForms={scenario.evaluation.forms.length > 0}
          isDesktop={isDesktop}
          zoom={zoom}
          onZoom={setZoom}
        />
        <div className="print-preview" data-testid="print-preview" ref={previewRef}>
          <Paged flows={flows} zoom={scale} footerRight={revision} pageLabel={(page, count) => t('print.footer.page', { page, pages: count })} onLaidOut={setPages} onLayingOut={clearPages} />
        </div>
      </div>
    </div>
  );
}
