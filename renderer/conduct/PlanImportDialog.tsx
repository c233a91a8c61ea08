/**
 * The import preview: what a drill script file would become, before
 * anything is written. Each column has a select for what it holds; times are
 * shown beside their raw text with unreadable ones highlighted; the roles to
 * create and the counts of steps, phases and links are listed. A changed
 * column asks the back end for a new preview; "导入" sends the same mapping,
 * which the back end remembers for files with the same headings.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlanImportPreview } from '../../shared/api';
import { SCRIPT_FIELDS, type ScriptField } from '../../shared/scriptImport/header';
import type { ImportIssue } from '../../shared/scriptImport/issues';
import { api } from '../api';
import { navigate } from '../app/router';
import { Dialog } from '../components/Dialog';
import { notify } from '../components/toasts';
import { readBase64 } from './files';
import { ImportProblem, importProblemOf, type ImportProblemText } from './ImportProblem';

type Props = { file: File; onClose: () => void; onImported?: () => void };

/** An issue in the user's language: where, then what. */
function useIssueText() {
  const { t } = useTranslation();
  return (issue: ImportIssue) => {
    const params = { ...issue.params, text: issue.text ?? '' };
    const where = [issue.row !== null ? t('scriptImport.where.row', { row: issue.row }) : '', issue.column !== null ? t('scriptImport.where.column', { column: issue.column }) : ''].filter((w) => w !== '');
    const message = t(`scriptImport.issue.${issue.key}`, params);
    return where.length > 0 ? `${where.join(t('scriptImport.where.separator'))}${t('scriptImport.where.colon')}${message}` : message;
  };
}

export function PlanImportDialog({ file, onClose, onImported }: Props) {
  const { t } = useTranslation();
  const issueText = useIssueText();
  const [data, setData] = useState<string | null>(null);
  const [preview, setPreview] = useState<PlanImportPreview | null>(null);
  const [table, setTable] = useState<number | undefined>(undefined);
  const [mapping, setMapping] = useState<(ScriptField | null)[] | undefined>(undefined);
  const [busy, setBusy] = useState(true);
  const [failure, setFailure] = useState<ImportProblemText | null>(null);
  const [sameTitle, setSameTitle] = useState(false);

  useEffect(() => {
    let live = true;
    readBase64(file).then(
      (base64) => live && setData(base64),
      (error) => live && setFailure(importProblemOf(error)),
    );
    return () => {
      live = false;
    };
  }, [file]);

  useEffect(() => {
    if (data === null) return;
    let live = true;
    setBusy(true);
    api.previewPlanImport({ fileName: file.name, dataBase64: data, table, mapping }).then(
      (result) => {
        if (!live) return;
        setPreview(result);
        setBusy(false);
      },
      (error) => {
        if (!live) return;
        setFailure(importProblemOf(error));
        setBusy(false);
      },
    );
    return () => {
      live = false;
    };
  }, [data, file.name, table, mapping]);

  const problems = preview?.issues.filter((i) => i.severity === 'problem') ?? [];
  const warnings = preview?.issues.filter((i) => i.severity === 'warning') ?? [];
  const canImport = preview !== null && problems.length === 0 && !busy && data !== null;

  const commit = async (ifSameTitle: 'refuse' | 'copy') => {
    if (!preview || data === null) return;
    if (preview.sameTitle && ifSameTitle === 'refuse') return setSameTitle(true);
    setBusy(true);
    try {
      const summary = await api.importPlanTable({ fileName: file.name, dataBase64: data, table, mapping, ifSameTitle });
      notify(t('scriptImport.dialog.imported', { title: summary.title, steps: summary.stepCount, roles: summary.roleCount }));
      onImported?.();
      onClose();
      navigate({ screen: 'scenario', scenarioId: summary.id, view: 'editor' });
    } catch (error) {
      setFailure(importProblemOf(error));
      setBusy(false);
    }
  };

  const setField = (index: number, field: ScriptField) => {
    const base = preview?.columns.map((c) => c.field) ?? [];
    setMapping(base.map((f, i) => (i === index ? field : f)));
  };

  const footer = sameTitle ? (
    <>
      <span className="small" data-testid="plan-import-same-title">
        {t('scriptImport.dialog.sameTitle', { title: preview?.sameTitle?.title ?? '' })}
      </span>
      <button onClick={onClose}>{t('scriptImport.dialog.cancel')}</button>
      <button className="primary" onClick={() => void commit('copy')} disabled={busy} data-testid="plan-import-copy">
        {t('scriptImport.dialog.importCopy')}
      </button>
    </>
  ) : (
    <>
      <button onClick={onClose}>{t('scriptImport.dialog.cancel')}</button>
      <button className="primary" onClick={() => void commit('refuse')} disabled={!canImport} data-testid="plan-import-confirm">
        {busy && preview ? t('scriptImport.dialog.importing') : t('scriptImport.dialog.import')}
      </button>
    </>
  );

  return (
    <Dialog title={t('scriptImport.dialog.title')} onClose={onClose} wide testId="plan-import-dialog" footer={footer}>
      <p className="small muted">{t('scriptImport.dialog.hint')}</p>
      <p className="small">
        {t('scriptImport.dialog.file')}
        {t('colon')}
        <strong>{file.name}</strong>
        {preview && preview.tables.length > 1 && (
          <label className="plan-import-table">
            {' '}
            {t('scriptImport.dialog.table')}{' '}
            <select value={preview.table} onChange={(event) => { setMapping(undefined); setTable(Number(event.target.value)); }} data-testid="plan-import-table">
              {preview.tables.map((option) => (
                <option key={option.index} value={option.index}>
                  {t('scriptImport.dialog.tableOption', { name: option.name, rows: option.rows })}
                  {option.recognised ? '' : ` — ${t('scriptImport.dialog.notRecognised')}`}
                </option>
              ))}
            </select>
          </label>
        )}
      </p>
      {!preview && !failure && <p className="muted">{t('scriptImport.dialog.reading')}</p>}
      {failure && <ImportProblem problem={failure} testId="plan-import-problem" />}
      {preview && (
        <>
          {problems.length > 0 && (
            <div className="import-problem" role="alert" data-testid="plan-import-problems">
              <strong>{t('scriptImport.dialog.problems')}</strong>
              <ul>
                {problems.map((issue, i) => (
                  <li key={i}>{issueText(issue)}</li>
                ))}
              </ul>
            </div>
          )}
          {problems.length === 0 && (
            <div className="plan-import-summary" data-testid="plan-import-summary">
              <p className="small">
                {t('scriptImport.dialog.facts', {
                  title: preview.title || t('scriptImport.dialog.none'),
                  date: preview.drillDate ?? t('scriptImport.dialog.none'),
                  start: preview.startTime ?? t('scriptImport.dialog.none'),
                  location: preview.location || t('scriptImport.dialog.none'),
                })}
              </p>
              <p data-testid="plan-import-counts">
                {t('scriptImport.dialog.counts', preview.counts)}
                {preview.counts.withoutDuration > 0 && ` ${t('scriptImport.dialog.withoutDuration', { count: preview.counts.withoutDuration })}`}
              </p>
              {preview.remembered && <p className="small muted" data-testid="plan-import-remembered">{t('scriptImport.dialog.remembered')}</p>}
              {preview.confident && <p className="small muted" data-testid="plan-import-confident">{t('scriptImport.dialog.confident')}</p>}
            </div>
          )}
          {warnings.length > 0 && (
            <div className="plan-import-warnings" data-testid="plan-import-warnings">
              <strong>{t('scriptImport.dialog.warnings')}</strong>
              <ul>
                {warnings.map((issue, i) => (
                  <li key={i}>{issueText(issue)}</li>
                ))}
              </ul>
            </div>
          )}
          {preview.columns.length > 0 && (
            <>
              <h3>{t('scriptImport.dialog.columns')}</h3>
              <table className="plan-import-columns" data-testid="plan-import-columns">
                <thead>
                  <tr>
                    <th>{t('scriptImport.dialog.columnHeading')}</th>
                    <th>{t('scriptImport.dialog.columnField')}</th>
                    <th>{t('scriptImport.dialog.columnSamples')}</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.columns.map((column) => (
                    <tr key={column.index} className={column.detected === null && column.field !== 'ignore' ? 'unknown' : undefined}>
                      <td>{column.heading || t('scriptImport.dialog.blankHeading')}</td>
                      <td>
                        <select
                          value={column.field}
                          onChange={(event) => setField(column.index, event.target.value as ScriptField)}
                          aria-label={column.heading || String(column.index + 1)}
                          data-testid={`plan-import-field-${column.index}`}
                          disabled={busy}
                        >
                          {SCRIPT_FIELDS.map((field) => (
                            <option key={field} value={field}>
                              {t(`scriptImport.fields.${field}`)}
                            </option>
                          ))}
                        </select>
                      </td>
                      <td className="small">{column.samples.join(t('scriptImport.dialog.sampleSep'))}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
          {preview.roles.length > 0 && (
            <>
              <h3>{t('scriptImport.dialog.roles')}</h3>
              <p className="plan-import-roles" data-testid="plan-import-roles">
                {preview.roles.map((role) => (
                  <span key={role.name} className="chip">
                    {role.name}
                    {t('bracketed', { text: t(`scriptImport.dialog.category.${role.category}`) })}
                    {role.people.length > 0 ? t('colon') + role.people.join(t('listSep')) : ''}
                  </span>
                ))}
              </p>
            </>
          )}
          {preview.rows.length > 0 && (
            <>
              <h3>{t('scriptImport.dialog.rows')}</h3>
              <div className="plan-import-rows">
                <table data-testid="plan-import-rows">
                  <thead>
                    <tr>
                      <th>{t('scriptImport.dialog.row')}</th>
                      <th>{t('scriptImport.dialog.time')}</th>
                      <th>{t('scriptImport.dialog.parsedTime')}</th>
                      <th>{t('scriptImport.dialog.phase')}</th>
                      <th>{t('scriptImport.dialog.text')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {preview.rows.map((row) => (
                      <tr key={row.row} className={row.unreadable ? 'unreadable' : row.kind !== 'step' ? 'heading' : undefined} data-testid={row.unreadable ? 'plan-import-unreadable' : undefined}>
                        <td>{row.row}</td>
                        <td>{row.time}</td>
                        <td>{row.unreadable ? t('scriptImport.dialog.unreadable') : (row.parsedTime ?? '')}</td>
                        <td>{row.phase}</td>
                        <td>{row.kind === 'step' ? row.text : t('scriptImport.dialog.markedRow', { mark: t(row.kind === 'phase' ? 'scriptImport.dialog.phaseRow' : 'scriptImport.dialog.footnoteRow'), text: row.text })}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </>
      )}
    </Dialog>
  );
}
