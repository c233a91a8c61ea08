/**
 * Importing an evaluation form kept in Excel, Word or CSV: the back end reads it
 * (or says exactly why it cannot), the dialog shows what it found, and
 * 导入 adds it to the scenario as one undoable edit.
 */
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EvalForm } from '../../shared/model';
import { api } from '../api';
import { Dialog } from '../components/Dialog';
import { notify } from '../components/toasts';
import { ImportProblem, importProblemOf, type ImportProblemText } from '../conduct/ImportProblem';
import { MAX_IMPORT_MB, readBase64, tooLargeToImport } from '../conduct/files';
import { commit } from '../editor/store';

/** What the back end's table reader reads a form from (`electron/core/tableFiles.ts`). */
const FORM_FILE_ACCEPT = '.xlsx,.docx,.csv,.tsv,.txt,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/csv';

export function FormImportDialog(props: { onClose: () => void; onImported: (formId: string) => void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [form, setForm] = useState<EvalForm | null>(null);
  const [problem, setProblem] = useState<ImportProblemText | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const read = async (chosen: File) => {
    setFile(chosen);
    setForm(null);
    setProblem(null);
    if (tooLargeToImport(chosen)) {
      setProblem({ message: t('conduct.planImport.tooLarge', { mb: MAX_IMPORT_MB }), details: [] });
      return;
    }
    setBusy(true);
    try {
      const result = await api.importEvalForm({ fileName: chosen.name, dataBase64: await readBase64(chosen) });
      setForm(result.form);
    } catch (error) {
      setProblem(importProblemOf(error));
    } finally {
      setBusy(false);
    }
  };
  const add = () => {
    if (!form) return;
    if (commit([{ op: 'addEvalForm', form }])) {
      notify(t('evaluation.import.done', { title: form.title }));
      props.onImported(form.id);
    }
  };
  const itemCount = form?.sections.reduce((sum, section) => sum + section.items.length, 0) ?? 0;

  return (
    <Dialog
      title={t('evaluation.import.title')}
      onClose={props.onClose}
      wide
      testId="eval-import-dialog"
      footer={
        <>
          <button onClick={props.onClose}>{t('action.cancel')}</button>
          <button className="primary" disabled={!form || busy} onClick={add} data-testid="eval-import-go">
            {t('evaluation.import.go')}
          </button>
        </>
      }
    >
      <p className="muted small">{t('evaluation.import.hint')}</p>
      <div className="eval-import-file">
        <button type="button" onClick={() => input.current?.click()} disabled={busy}>
          {t('evaluation.import.choose')}
        </button>
        <span className="muted small">{file?.name ?? t('evaluation.import.noFile')}</span>
        <input
          ref={input}
          type="file"
          accept={FORM_FILE_ACCEPT}
          hidden
          onChange={(event) => {
            const chosen = event.target.files?.[0];
            event.target.value = '';
            if (chosen) void read(chosen);
          }}
          data-testid="eval-import-file"
        />
      </div>
      {busy && <p className="muted">{t('state.loading')}</p>}
      {form && (
        <div className="eval-import-preview" data-testid="eval-import-preview">
          <p>{t('evaluation.import.preview', { title: form.title, sections: form.sections.length, items: itemCount, scheme: t(`evaluation.scheme.${form.scheme}`) })}</p>
          <ol>
            {form.sections.map((section) => (
              <li key={section.id}>
                {section.title}{t('bracketed', { text: t('evaluation.author.itemCount', { count: section.items.length }) })}
              </li>
            ))}
          </ol>
        </div>
      )}
      {problem && <ImportProblem problem={problem} testId="eval-import-problem" />}
    </Dialog>
  );
}
