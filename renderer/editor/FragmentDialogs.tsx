/** Saving the selection as a named fragment, and choosing a fragment to insert (keyboard: type to filter, Enter inserts). */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fragmentOf } from '../../shared/clipboard';
import { nameText } from '../../shared/model';
import { Dialog } from '../components/Dialog';
import { isSubmitKey } from '../components/keys';
import { notify } from '../components/toasts';
import { insertFragmentEdit } from './commands';
import { checkValue } from './fields';
import { loadFragments, saveFragment, useFragments } from './fragments';
import { contextOf } from './keyboard';
import { applyOutcome } from './outcomes';
import { openDialog, useEditor } from './store';

const FragmentName = nameText();

export function SaveFragmentDialog() {
  const { t } = useTranslation();
  const fragment = useMemo(() => {
    const state = useEditor.getState();
    return fragmentOf(state.body, state.selection.stepIds);
  }, []);
  const [name, setName] = useState('');
  const [touched, setTouched] = useState(false);
  const checked = checkValue(FragmentName, name, t);
  const close = () => openDialog(null);
  const save = async () => {
    setTouched(true);
    if (!checked.ok || !fragment) return;
    const saved = await saveFragment(checked.value, fragment);
    if (saved) {
      notify(t('editor.fragments.saved', { name: saved.name }));
      close();
    }
  };
  return (
    <Dialog
      title={t('editor.command.save-fragment')}
      onClose={close}
      testId="save-fragment-dialog"
      footer={
        <>
          <button type="button" onClick={close}>
            {t('action.cancel')}
          </button>
          <button type="button" className="primary" disabled={!fragment} onClick={() => void save()} data-testid="fragment-save">
            {t('action.save')}
          </button>
        </>
      }
    >
      {fragment ? (
        <>
          <p className="muted">{t('editor.fragments.contents', { steps: fragment.steps.length, edges: fragment.edges.length, roles: fragment.roles.length })}</p>
          <label className="ed-field">
            <span>{t('editor.fragments.name')}</span>
            <input
              autoFocus
              value={name}
              placeholder={t('editor.fragments.namePlaceholder')}
              aria-invalid={touched && !checked.ok ? true : undefined}
              onChange={(event) => setName(event.target.value)}
              onKeyDown={(event) => isSubmitKey(event) && void save()}
              data-testid="fragment-name"
            />
            {touched && !checked.ok && <span className="ed-field-error">{checked.message}</span>}
          </label>
        </>
      ) : (
        <p>{t('editor.fragments.nothingSelected')}</p>
      )}
    </Dialog>
  );
}

export function InsertFragmentDialog() {
  const { t } = useTranslation();
  const fragments = useFragments((state) => state.fragments);
  const [filter, setFilter] = useState('');
  const [active, setActive] = useState(0);
  useEffect(() => {
    void loadFragments();
  }, []);
  const visible = (fragments ?? []).filter((fragment) => fragment.name.toLowerCase().includes(filter.trim().toLowerCase()));
  const close = () => openDialog(null);
  const insert = (index: number) => {
    const fragment = visible[index];
    if (!fragment) return;
    close();
    applyOutcome(insertFragmentEdit(contextOf({ pointer: null }), fragment.body));
  };
  return (
    <Dialog title={t('editor.command.insert-fragment')} onClose={close} testId="insert-fragment-dialog">
      <input
        autoFocus
        className="dialog-filter"
        value={filter}
        placeholder={t('editor.fragments.filter')}
        onChange={(event) => {
          setFilter(event.target.value);
          setActive(0);
        }}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') setActive(Math.min(active + 1, visible.length - 1));
          if (event.key === 'ArrowUp') setActive(Math.max(active - 1, 0));
          if (isSubmitKey(event)) insert(active);
        }}
        data-testid="fragment-filter"
      />
      {fragments === null ? (
        <p className="muted">{t('state.loading')}</p>
      ) : visible.length === 0 ? (
        <p className="muted">{t('editor.palette.noFragments')}</p>
      ) : (
        <ul className="fragment-list">
          {visible.map((fragment, i) => (
            <li key={fragment.id}>
              <button type="button" className={i === active ? 'fragment-choice is-active' : 'fragment-choice'} onClick={() => insert(i)} data-testid="fragment-choice">
                <strong>{fragment.name}</strong>
                <span className="muted small">
                  {t('editor.fragments.contents', { steps: fragment.body.steps.length, edges: fragment.body.edges.length, roles: fragment.body.roles.length })}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </Dialog>
  );
}
