/**
 * The 评估 tab of a scenario: its evaluation forms (made blank, from a
 * default form or imported from Excel/CSV), the open form's sections and
 * items, the selected item's criterion and links, and who evaluates what.
 * Every change is a graph operation committed through the editor store, so
 * it has undo, the revision check, autosave and the run's plan snapshot.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FORM_TEMPLATES, formFromTemplate } from '../../shared/evaluationTemplates';
import { EvalFormSchema } from '../../shared/model';
import { newId } from '../editor/ids';
import { commit, useEditor } from '../editor/store';
import { SaveStatus, ToolButton } from '../editor/Toolbar';
import { AssignmentsPanel } from './AssignmentsPanel';
import { FormEditor } from './FormEditor';
import { FormImportDialog } from './FormImportDialog';
import { ItemPanel } from './ItemPanel';
import '../editor/editor.css';
import './evaluation.css';

function NewFormMenu(props: { onCreated: (formId: string) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [importing, setImporting] = useState(false);
  const menu = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent) => {
      if (!menu.current?.contains(event.target as Node)) setOpen(false);
    };
    window.addEventListener('mousedown', close);
    return () => window.removeEventListener('mousedown', close);
  }, [open]);
  const add = (form: ReturnType<typeof EvalFormSchema.parse>) => {
    if (commit([{ op: 'addEvalForm', form }])) props.onCreated(form.id);
    setOpen(false);
  };
  const blank = () =>
    add(EvalFormSchema.parse({ id: newId('form'), title: t('evaluation.author.blankTitle'), sections: [{ id: newId('sec'), title: t('evaluation.author.newSection'), items: [] }] }));
  return (
    <div className="eval-new" ref={menu}>
      <button type="button" className="primary" onClick={() => setOpen(!open)} aria-expanded={open} data-testid="eval-new-form">
        {t('evaluation.author.newForm')}
      </button>
      {open && (
        <div className="eval-menu" role="menu">
          <button type="button" role="menuitem" onClick={blank} data-testid="eval-new-blank">
            {t('evaluation.author.blank')}
          </button>
          {FORM_TEMPLATES.map((template) => (
            <button key={template.id} type="button" role="menuitem" onClick={() => add(formFromTemplate(template, newId).form)} data-testid={`eval-new-${template.id}`}>
              {t('evaluation.author.fromTemplate', { title: template.title })}
            </button>
          ))}
          <button
            type="button"
            role="menuitem"
            onClick={() => {
              setOpen(false);
              setImporting(true);
            }}
            data-testid="eval-new-import"
          >
            {t('evaluation.author.importFile')}
          </button>
        </div>
      )}
      {importing && (
        <FormImportDialog
          onClose={() => setImporting(false)}
          onImported={(formId) => {
            setImporting(false);
            props.onCreated(formId);
          }}
        />
      )}
    </div>
  );
}

export function EvaluationView(props: { scenarioId: string }) {
  const { t } = useTranslation();
  const forms = useEditor((state) => state.body.evaluation.forms);
  const [chosen, setChosen] = useState<string | null>(null);
  const [itemId, setItemId] = useState<string | null>(null);
  const form = useMemo(() => forms.find((candidate) => candidate.id === chosen) ?? forms[0] ?? null, [forms, chosen]);
  const itemExists = form?.sections.some((section) => section.items.some((item) => item.id === itemId)) ?? false;

  return (
    <div className="editor eval-view" data-testid="evaluation-view">
      <div className="editor-toolbar eval-toolbar">
        <div className="tool-group">
          <ToolButton name="undo" />
          <ToolButton name="redo" />
        </div>
        <div className="tool-spacer" />
        <SaveStatus />
      </div>
      <div className="eval-body">
        <nav className="eval-forms" aria-label={t('evaluation.author.forms')}>
          <h2>{t('evaluation.author.forms')}</h2>
          <ul>
            {forms.map((candidate) => (
              <li key={candidate.id}>
                <button
                  type="button"
                  className={candidate.id === form?.id ? 'eval-form-tab is-active' : 'eval-form-tab'}
                  onClick={() => {
                    setChosen(candidate.id);
                    setItemId(null);
                  }}
                  data-testid="eval-form-tab"
                >
                  <span className="eval-form-title">{candidate.title}</span>
                  <span className="muted small">
                    {t(`evaluation.schemeShort.${candidate.scheme}`)} ·{' '}
                    {t('evaluation.author.itemCount', { count: candidate.sections.reduce((sum, section) => sum + section.items.length, 0) })}
                  </span>
                </button>
              </li>
            ))}
          </ul>
          {forms.length === 0 && <p className="muted small">{t('evaluation.author.noForms')}</p>}
          <NewFormMenu
            onCreated={(id) => {
              setChosen(id);
              setItemId(null);
            }}
          />
        </nav>
        <main className="eval-main">
          {form && <FormEditor scenarioId={props.scenarioId} form={form} selectedItemId={itemExists ? itemId : null} onSelectItem={setItemId} />}
          <AssignmentsPanel />
        </main>
        <aside className="eval-item-panel" data-testid="eval-item-panel">
          {form && itemExists && itemId ? <ItemPanel scenarioId={props.scenarioId} itemId={itemId} /> : <p className="muted small">{t('evaluation.author.selectItem')}</p>}
        </aside>
      </div>
    </div>
  );
}
