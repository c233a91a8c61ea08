/** The print dialog's side panel: which documents, which roles (with the variant each gets), print, PDF, Excel, Word. */
import { useTranslation } from 'react-i18next';
import type { Role } from '../../shared/model';
import { A5_MAX_TASKS, sheetVariantOf } from '../../shared/sheets';
import { EXCEL_DRILL_DOCUMENTS, SCENARIO_DOCUMENTS, type ExcelDrillDocument, type ScenarioDocument } from '../../shared/drillDocuments';

export type DocumentKind = ScenarioDocument;
export const DOCUMENT_KINDS: readonly DocumentKind[] = SCENARIO_DOCUMENTS;
/** What the print view opens with when nothing is asked for: the documents of every drill day (the office's others on demand). */
export const DEFAULT_DOCUMENTS: DocumentKind[] = ['sheets', 'roster', 'script', 'evaluation'];

/** What to print; `a5`: players with few tasks get the one-page A5 card instead of the A4 sheet. */
export type PrintSelection = { documents: ReadonlySet<DocumentKind>; roleIds: ReadonlySet<string>; a5: boolean };

/** Preview scale: fit the preview's width, or a fixed factor. */
export type Zoom = 'fit' | '0.75' | '1' | '1.25';

export function PrintPanel(props: {
  roles: readonly Role[];
  selection: PrintSelection;
  onChange: (selection: PrintSelection) => void;
  pageCount: number | null;
  overflowPages: number[];
  busy: boolean;
  onPrint: () => void;
  onSavePdf: () => void;
  onExcel: (document: 'script' | 'roster' | ExcelDrillDocument) => void;
  /** Downloads a document as a Word file (role sheets: the roles selected). */
  onWord: (document: DocumentKind) => void;
  hasEvaluationForms: boolean;
  isDesktop: boolean;
  zoom: Zoom;
  onZoom: (zoom: Zoom) => void;
}) {
  const { t } = useTranslation();
  const { selection, onChange } = props;
  const toggleDocument = (kind: DocumentKind) => {
    const documents = new Set(selection.documents);
    if (documents.has(kind)) documents.delete(kind);
    else documents.add(kind);
    onChange({ ...selection, documents });
  };
  const toggleRole = (id: string) => {
    const roleIds = new Set(selection.roleIds);
    if (roleIds.has(id)) roleIds.delete(id);
    else roleIds.add(id);
    onChange({ ...selection, roleIds });
  };
  const sheetsOn = selection.documents.has('sheets');
  const nothing = selection.documents.size === 0 || (selection.documents.size === 1 && sheetsOn && selection.roleIds.size === 0);

  return (
    <aside className="print-panel" data-testid="print-panel">
      <h2>{t('print.documents')}</h2>
      <ul className="print-docs">
        {DOCUMENT_KINDS.map((kind) => (
          <li key={kind}>
            <label>
              <input type="checkbox" checked={selection.documents.has(kind)} onChange={() => toggleDocument(kind)} data-testid={`print-doc-${kind}`} />
              <span>
                <b>{t(`print.doc.${kind}`)}</b>
                <span className="print-hint">{t(`print.docHint.${kind}`)}</span>
              </span>
            </label>
          </li>
        ))}
      </ul>

      <div className="print-roles-head">
        <h2>{t('print.roles')}</h2>
        <button className="link-button" disabled={!sheetsOn} onClick={() => onChange({ ...selection, roleIds: new Set(props.roles.map((r) => r.id)) })}>
          {t('print.allRoles')}
        </button>
        <button className="link-button" disabled={!sheetsOn} onClick={() => onChange({ ...selection, roleIds: new Set() })}>
          {t('print.noRoles')}
        </button>
      </div>
      <ul className="print-roles" aria-disabled={!sheetsOn}>
        {props.roles.map((role) => {
          const variant = sheetVariantOf(role.category);
          return (
            <li key={role.id}>
              <label title={t(`print.variantHint.${variant}`)}>
                <input type="checkbox" disabled={!sheetsOn} checked={selection.roleIds.has(role.id)} onChange={() => toggleRole(role.id)} data-testid={`print-role-${role.id}`} />
                <span className="print-role-swatch" style={{ background: role.color }} />
                <span className="print-role-name">{role.name}</span>
                <span className={`print-variant print-variant-${variant}`} data-testid="print-role-variant">
                  {t(`print.variant.${variant}`)}
                </span>
              </label>
            </li>
          );
        })}
      </ul>
      <label className="print-option">
        <input type="checkbox" disabled={!sheetsOn} checked={selection.a5} onChange={() => onChange({ ...selection, a5: !selection.a5 })} data-testid="print-a5" />
        <span>
          <b>{t('print.a5Option')}</b>
          <span className="print-hint">{t('print.a5Hint', { count: A5_MAX_TASKS })}</span>
        </span>
      </label>
      <dl className="print-variant-legend">
        {(['player-safe', 'full'] as const).map((variant) => (
          <div key={variant}>
            <dt>
              <span className={`print-variant print-variant-${variant}`}>{t(`print.variant.${variant}`)}</span>
            </dt>
            <dd>{t(`print.variantHint.${variant}`)}</dd>
          </div>
        ))}
      </dl>

      <div className="print-actions">
        <div className="print-count-line">
          <div className="print-count" data-testid="print-page-count">
            {nothing ? t('print.nothingSelected') : props.pageCount === null ? t('print.preparing') : t('print.pageCount', { count: props.pageCount })}
          </div>
          <label className="print-zoom">
            {t('print.zoom')}
            <select value={props.zoom} onChange={(event) => props.onZoom(event.target.value as Zoom)} data-testid="print-zoom">
              <option value="fit">{t('print.zoomFit')}</option>
              <option value="0.75">75%</option>
              <option value="1">100%</option>
              <option value="1.25">125%</option>
            </select>
          </label>
        </div>
        {props.overflowPages.length > 0 && <div className="print-warning">{t('print.overflow', { pages: props.overflowPages.join(t('listSep')) })}</div>}
        <div className="print-buttons">
          <button className="primary" disabled={nothing || props.busy || props.pageCount === null} onClick={props.onPrint} data-testid="print-button">
            {t('print.printButton')}
          </button>
          <button disabled={nothing || props.busy || props.pageCount === null} onClick={props.onSavePdf} data-testid="print-pdf">
            {t('print.pdfButton')}
          </button>
        </div>
        {!props.isDesktop && <p className="print-hint">{t('print.browserPrintHint')}</p>}
        <h2>{t('print.excel')}</h2>
        <div className="print-buttons">
          <button disabled={props.busy} onClick={() => props.onExcel('script')} data-testid="xlsx-script">
            {t('print.excelScript')}
          </button>
          <button disabled={props.busy} onClick={() => props.onExcel('roster')} data-testid="xlsx-roster">
            {t('print.excelRoster')}
          </button>
          {EXCEL_DRILL_DOCUMENTS.map((kind) => (
            <button key={kind} disabled={props.busy} onClick={() => props.onExcel(kind)} data-testid={`xlsx-${kind}`}>
              {t('print.excelFile', { document: t(`print.doc.${kind}`) })}
            </button>
          ))}
        </div>
        <h2>{t('print.word')}</h2>
        <div className="print-buttons">
          {DOCUMENT_KINDS.filter((kind) => kind !== 'evaluation' || props.hasEvaluationForms).map((kind) => (
            <button
              key={kind}
              disabled={props.busy || (kind === 'sheets' && selection.roleIds.size === 0)}
              onClick={() => props.onWord(kind)}
              data-testid={`docx-${kind}`}
            >
              {t('print.wordFile', { document: t(`print.doc.${kind}`) })}
            </button>
          ))}
        </div>
      </div>
    </aside>
  );
}
