/**
 * "Import Excel plan" on the home screen: a plan spreadsheet (.xlsx or CSV)
 * becomes a new scenario; a refused file shows every bad row in a dialog.
 */
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { navigate } from '../app/router';
import { Dialog } from '../components/Dialog';
import { notify } from '../components/toasts';
import { MAX_IMPORT_MB, readBase64, tooLargeToImport } from './files';
import { ImportProblem, importProblemOf, type ImportProblemText } from './ImportProblem';
import './conduct.css';

export function PlanImportButton() {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ImportProblemText | null>(null);
  const importFile = async (file: File) => {
    const format = /\.xlsx$/i.test(file.name) ? 'xlsx' : /\.(csv|txt)$/i.test(file.name) ? 'csv' : null;
    if (!format) return setProblem({ message: t('conduct.planImport.unsupported'), details: [] });
    if (tooLargeToImport(file)) return setProblem({ message: t('conduct.planImport.tooLarge', { mb: MAX_IMPORT_MB }), details: [] });
    setBusy(true);
    try {
      const summary = await api.importPlanTable({ fileName: file.name, format, dataBase64: await readBase64(file) });
      notify(t('conduct.planImport.imported', { title: summary.title, steps: summary.stepCount, roles: summary.roleCount }));
      navigate({ screen: 'scenario', scenarioId: summary.id, view: 'editor' });
    } catch (error) {
      setProblem(importProblemOf(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button onClick={() => input.current?.click()} disabled={busy} title={t('conduct.planImport.hint')} data-testid="import-plan-table">
        {busy ? t('conduct.planImport.importing') : t('conduct.planImport.button')}
      </button>
      <input
        ref={input}
        type="file"
        accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
        hidden
        data-testid="import-plan-file"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) void importFile(file);
        }}
      />
      {problem && (
        <Dialog
          title={t('conduct.planImport.title')}
          onClose={() => setProblem(null)}
          wide
          testId="plan-import-problem-dialog"
          footer={<button onClick={() => setProblem(null)}>{t('action.close')}</button>}
        >
          <p className="small muted">{t('conduct.planImport.hint')}</p>
          <ImportProblem problem={problem} testId="plan-import-problem" />
        </Dialog>
      )}
    </>
  );
}
