/**
 * "导入演练脚本" on the home screen: a drill script (.docx, .xlsx, CSV,
 * HSEEP MSEL, OpenAEV .json) opens the import preview, which shows what it
 * would become before anything is written.
 */
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../components/Dialog';
import { MAX_IMPORT_MB, tooLargeToImport } from './files';
import { ImportProblem } from './ImportProblem';
import { PlanImportDialog } from './PlanImportDialog';
import './conduct.css';

/** File types the script import reads (the back end tells the format from the bytes). */
export const PLAN_FILE_ACCEPT = '.docx,.doc,.xlsx,.xls,.csv,.tsv,.txt,.json,.zip,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';

/** Whether a file picked for "导入文件" is a drill script table rather than a `.drill.json` scenario file. */
export async function isPlanFile(file: File): Promise<boolean> {
  if (/\.(docx|doc|xlsx|xls|xlsm|csv|tsv|txt|zip)$/i.test(file.name)) return true;
  if (/\.drill\.json$/i.test(file.name) || !/\.json$/i.test(file.name)) return false;
  const head = await file.slice(0, 64 * 1024).text();
  return head.includes('"scenario_injects"') || head.includes('"scenario_information"');
}

/** The import preview for a file, or a refusal when it is too large to send. */
export function PlanImportFlow(props: { file: File; onClose: () => void; onImported?: () => void }) {
  const { t } = useTranslation();
  if (tooLargeToImport(props.file))
    return (
      <Dialog title={t('scriptImport.dialog.title')} onClose={props.onClose} wide testId="plan-import-problem-dialog" footer={<button onClick={props.onClose}>{t('action.close')}</button>}>
        <ImportProblem problem={{ message: t('conduct.planImport.tooLarge', { mb: MAX_IMPORT_MB }), details: [] }} testId="plan-import-problem" />
      </Dialog>
    );
  return <PlanImportDialog file={props.file} onClose={props.onClose} onImported={props.onImported} />;
}

export function PlanImportButton(props: { onImported?: () => void }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  return (
    <>
      <button onClick={() => input.current?.click()} title={t('conduct.planImport.hint')} data-testid="import-plan-table">
        {t('conduct.planImport.button')}
      </button>
      <input
        ref={input}
        type="file"
        accept={PLAN_FILE_ACCEPT}
        hidden
        data-testid="import-plan-file"
        onChange={(event) => {
          const picked = event.target.files?.[0];
          event.target.value = '';
          if (picked) setFile(picked);
        }}
      />
      {file && <PlanImportFlow file={file} onClose={() => setFile(null)} onImported={props.onImported} />}
    </>
  );
}
