/**
 * The runs of a scenario (a rehearsal, the real drill…): listed with dates,
 * status and source; start a new one, import a run log typed in from paper,
 * open one in the control console or in replay, delete one.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RunSummary, ScenarioBody } from '../../shared/model';
import { readableDateTimeAt } from '../../shared/time';
import { api } from '../api';
import { navigate } from '../app/router';
import { ConfirmDialog, Dialog } from '../components/Dialog';
import { isSubmitKey } from '../components/keys';
import { useEditor } from '../editor/store';
import { notify, notifyError } from '../components/toasts';
import { downloadBase64, downloadBlob, readBase64, tooLargeToImport, MAX_IMPORT_MB, ZIP_TYPE } from './files';
import { ImportProblem, importProblemOf, type ImportProblemText } from './ImportProblem';
import './conduct.css';

function NewRunDialog(props: { scenarioId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const presets = [t('conduct.runs.presetRehearsal'), t('conduct.runs.presetDrill'), t('conduct.runs.presetTabletop')];
  const [name, setName] = useState(presets[0]);
  const [busy, setBusy] = useState(false);
  const start = async () => {
    if (name.trim() === '' || busy) return;
    setBusy(true);
    try {
      const run = await api.createRun({ scenarioId: props.scenarioId, name: name.trim() });
      notify(t('conduct.runs.startedToast', { name: run.name }));
      navigate({ screen: 'conduct', runId: run.id });
    } catch (error) {
      notifyError(error);
      setBusy(false);
    }
  };
  return (
    <Dialog
      title={t('conduct.runs.startTitle')}
      onClose={props.onClose}
      testId="new-run-dialog"
      footer={
        <>
          <button onClick={props.onClose}>{t('action.cancel')}</button>
          <button className="primary" disabled={name.trim() === '' || busy} onClick={() => void start()} data-testid="start-run">
            {t('conduct.runs.start')}
          </button>
        </>
      }
    >
      <label className="field">
        <span>{t('conduct.runs.nameLabel')}</span>
        <input autoFocus value={name} maxLength={200} onChange={(event) => setName(event.target.value)} onKeyDown={(event) => isSubmitKey(event) && void start()} data-testid="run-name" />
      </label>
      <div className="run-presets">
        <span className="muted small">{t('conduct.runs.presets')}</span>
        {presets.map((preset) => (
          <button key={preset} type="button" className={`rc-chip${preset === name ? ' rc-chip-on' : ''}`} onClick={() => setName(preset)}>
            {preset}
          </button>
        ))}
      </div>
      <p className="muted small">{t('conduct.runs.startHint')}</p>
    </Dialog>
  );
}

/** A few example rows using the scenario's own steps and roles, so the format is obvious. */
function csvExampleOf(body: ScenarioBody, t: (key: string) => string): string {
  const [first, second] = body.steps;
  const control = body.roles.find((role) => role.category === 'controller') ?? body.roles[0];
  const evaluator = body.roles.find((role) => role.category === 'evaluator') ?? control;
  const kind = (name: 'inject' | 'start' | 'complete' | 'observation') => t(`conduct.runs.csv.${name}`);
  const rows = [t('conduct.runs.csv.header')];
  if (first) rows.push(`09:31,${first.id},${kind(first.kind === 'inject' ? 'inject' : 'complete')},${control?.name ?? ''},,`);
  if (second) rows.push(`09:33,${second.title},${kind('start')},,,`, `09:40,${second.title},${kind('complete')},,,`);
  rows.push(`09:42,,${kind('observation')},${evaluator?.name ?? ''},…,4`);
  return rows.join('\n');
}

function ImportRunDialog(props: { scenarioId: string; onClose: () => void; onImported: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(t('conduct.runs.importName'));
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<ImportProblemText | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const body = useEditor((state) => state.body);
  const example = useMemo(() => csvExampleOf(body, t), [body, t]);
  const run = async () => {
    if (!file || busy) return;
    if (tooLargeToImport(file)) {
      setProblem({ message: t('conduct.planImport.tooLarge', { mb: MAX_IMPORT_MB }), details: [] });
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const summary = await api.importRunCsv({ scenarioId: props.scenarioId, name: name.trim(), dataBase64: await readBase64(file) });
      notify(t('conduct.runs.imported', { name: summary.name, count: summary.eventCount }));
      props.onImported();
    } catch (error) {
      setProblem(importProblemOf(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      title={t('conduct.runs.importTitle')}
      onClose={props.onClose}
      wide
      testId="import-run-dialog"
      footer={
        <>
          <button onClick={props.onClose}>{t('action.cancel')}</button>
          <button className="primary" disabled={!file || name.trim() === '' || busy} onClick={() => void run()} data-testid="import-run-go">
            {t('conduct.runs.importButton')}
          </button>
        </>
      }
    >
      <p className="small">{t('conduct.runs.importHint')}</p>
      <div className="small muted">{t('conduct.runs.importExample')}</div>
      <pre className="csv-example">{example}</pre>
      <label className="field">
        <span>{t('conduct.runs.nameLabel')}</span>
        <input value={name} maxLength={200} onChange={(event) => setName(event.target.value)} data-testid="import-run-name" />
      </label>
      <div className="file-pick">
        <button onClick={() => input.current?.click()}>{t('conduct.runs.chooseFile')}</button>
        <span className={file ? '' : 'muted'}>{file ? file.name : t('conduct.runs.noFile')}</span>
        <input
          ref={input}
          type="file"
          accept=".csv,text/csv,.txt"
          hidden
          data-testid="import-run-file"
          onChange={(event) => {
            setFile(event.target.files?.[0] ?? null);
            setProblem(null);
            event.target.value = '';
          }}
        />
      </div>
      {problem && <ImportProblem problem={problem} testId="import-run-problem" />}
    </Dialog>
  );
}

function StatusChip(props: { status: RunSummary['status'] }) {
  const { t } = useTranslation();
  return <span className={`rc-status rc-status-${props.status}`}>{t(`conduct.status.${props.status}`)}</span>;
}

/** The runs tab of a scenario. */
export function RunsView(props: { scenarioId: string }) {
  const { t, i18n } = useTranslation();
  const [runs, setRuns] = useState<RunSummary[] | null>(null);
  const [dialog, setDialog] = useState<'new' | 'import' | null>(null);
  const [deleting, setDeleting] = useState<RunSummary | null>(null);
  const refresh = useCallback(() => {
    api.listRuns({ scenarioId: props.scenarioId }).then(setRuns, notifyError);
  }, [props.scenarioId]);
  useEffect(refresh, [refresh]);

  return (
    <div className="runs-view" data-testid="runs-view">
      <div className="runs-toolbar">
        <div>
          <h2>{t('conduct.runs.title')}</h2>
          <p className="muted small">{t('conduct.runs.hint')}</p>
        </div>
        <span className="runs-spacer" />
        <button className="primary" onClick={() => setDialog('new')} data-testid="new-run">
          {t('conduct.runs.newRun')}
        </button>
        <button onClick={() => setDialog('import')} data-testid="import-run">
          {t('conduct.runs.importCsv')}
        </button>
      </div>
      {runs === null ? (
        <p className="muted runs-message">{t('state.loading')}</p>
      ) : runs.length === 0 ? (
        <p className="empty-state" data-testid="runs-empty">
          {t('conduct.runs.empty')}
        </p>
      ) : (
        <table className="runs-table" data-testid="runs-table">
          <thead>
            <tr>
              <th>{t('conduct.runs.name')}</th>
              <th>{t('conduct.runs.started')}</th>
              <th>{t('conduct.runs.ended')}</th>
              <th>{t('conduct.runs.status')}</th>
              <th>{t('conduct.runs.source')}</th>
              <th className="num">{t('conduct.runs.events')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <tr key={run.id} data-testid="run-row" data-run-id={run.id}>
                <td className="run-name">
                  <button className="rc-link" onClick={() => navigate({ screen: 'conduct', runId: run.id })}>
                    {run.name}
                  </button>
                </td>
                <td>{readableDateTimeAt(Date.parse(run.startedAt), run.timeZone, i18n.language)}</td>
                <td>{run.endedAt ? readableDateTimeAt(Date.parse(run.endedAt), run.timeZone, i18n.language) : '—'}</td>
                <td>
                  <StatusChip status={run.status} />
                </td>
                <td>{run.source === 'live' ? t('conduct.runs.sourceLive') : t('conduct.runs.sourceImported')}</td>
                <td className="num">{run.eventCount}</td>
                <td>
                  <div className="run-actions">
                    <button onClick={() => navigate({ screen: 'conduct', runId: run.id })} data-testid="open-run">
                      {t('conduct.runs.open')}
                    </button>
                    <button onClick={() => navigate({ screen: 'replay', runId: run.id })} data-testid="replay-run">
                      {t('conduct.runs.replay')}
                    </button>
                    <button
                      onClick={() =>
                        api.exportRunCsv({ id: run.id }).then(
                          (file) => {
                            downloadBlob(file.fileName, new Blob([file.text], { type: 'text/csv;charset=utf-8' }));
                            notify(t('conduct.runs.exported', { name: file.fileName }));
                          },
                          notifyError,
                        )
                      }
                      data-testid="export-run"
                    >
                      {t('conduct.runs.export')}
                    </button>
                    <button
                      onClick={() =>
                        api.exportRunArchive({ id: run.id }).then(
                          (file) => {
                            downloadBase64(file.fileName, file.base64, ZIP_TYPE);
                            notify(t('conduct.runs.exportedArchive', { name: file.fileName }));
                          },
                          notifyError,
                        )
                      }
                      title={t('conduct.runs.exportArchiveHint')}
                      data-testid="export-run-archive"
                    >
                      {t('conduct.runs.exportArchive')}
                    </button>
                    <button className="danger-quiet" onClick={() => setDeleting(run)} data-testid="delete-run">
                      {t('conduct.runs.delete')}
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {dialog === 'new' && <NewRunDialog scenarioId={props.scenarioId} onClose={() => setDialog(null)} />}
      {dialog === 'import' && (
        <ImportRunDialog
          scenarioId={props.scenarioId}
          onClose={() => setDialog(null)}
          onImported={() => {
            setDialog(null);
            refresh();
          }}
        />
      )}
      {deleting && (
        <ConfirmDialog
          title={t('conduct.runs.delete')}
          message={t('conduct.runs.confirmDelete', { name: deleting.name, count: deleting.eventCount })}
          confirmLabel={t('action.delete')}
          cancelLabel={t('action.cancel')}
          danger
          onCancel={() => setDeleting(null)}
          onConfirm={() => {
            const target = deleting;
            setDeleting(null);
            api.deleteRun({ id: target.id }).then(() => {
              notify(t('conduct.runs.deleted', { name: target.name }));
              refresh();
            }, notifyError);
          }}
        />
      )}
    </div>
  );
}
