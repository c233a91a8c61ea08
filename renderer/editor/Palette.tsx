/**
 * The palette: the four kinds of step, each dragged onto the canvas or
 * clicked (or typed: 1–4) to add, and the saved fragments below them.
 */
import { useEffect, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { STEP_KINDS, type Fragment, type StepKind } from '../../shared/model';
import { ConfirmDialog } from '../components/Dialog';
import { DRAG_FRAGMENT, DRAG_KIND } from './Canvas';
import { commandNamed, insertFragmentEdit, shortcutLabel } from './commands';
import { deleteFragment, loadFragments, useFragments } from './fragments';
import { Icon } from './icons';
import { contextOf, runNamed } from './keyboard';
import { applyOutcome } from './outcomes';

function onKindDragStart(event: DragEvent, kind: StepKind) {
  event.dataTransfer.setData(DRAG_KIND, kind);
  event.dataTransfer.effectAllowed = 'copy';
}

export function Palette() {
  const { t } = useTranslation();
  const fragments = useFragments((state) => state.fragments);
  const [deleting, setDeleting] = useState<Fragment | null>(null);
  useEffect(() => {
    if (useFragments.getState().fragments === null) void loadFragments();
  }, []);
  return (
    <aside className="palette" aria-label={t('editor.palette.title')} data-testid="palette">
      <div className="palette-title">{t('editor.palette.title')}</div>
      {STEP_KINDS.map((kind) => (
        <button
          key={kind}
          type="button"
          className={`palette-item palette-${kind}`}
          draggable
          onDragStart={(event) => onKindDragStart(event, kind)}
          onClick={() => runNamed(`add-${kind}`)}
          title={t(`editor.palette.hint.${kind}`)}
          data-testid={`palette-${kind}`}
        >
          <span className="palette-icon">
            <Icon name={kind} size={16} />
          </span>
          <span className="palette-label">{t(`kind.${kind}`)}</span>
          <kbd>{shortcutLabel(commandNamed(`add-${kind}`)!.shortcuts[0])}</kbd>
        </button>
      ))}
      <div className="palette-title palette-title-fragments">
        {t('editor.palette.fragments')}
        <button type="button" className="icon-button" title={t('editor.command.insert-fragment')} onClick={() => runNamed('insert-fragment')}>
          <Icon name="fragment" size={14} />
        </button>
      </div>
      {fragments === null && <p className="muted small palette-note">{t('state.loading')}</p>}
      {fragments?.length === 0 && <p className="muted small palette-note">{t('editor.palette.noFragments')}</p>}
      <ul className="palette-fragments">
        {fragments?.map((fragment) => (
          <li key={fragment.id}>
            <button
              type="button"
              className="palette-fragment"
              draggable
              onDragStart={(event) => {
                event.dataTransfer.setData(DRAG_FRAGMENT, fragment.id);
                event.dataTransfer.effectAllowed = 'copy';
              }}
              onClick={() => {
                applyOutcome(insertFragmentEdit(contextOf({ pointer: null }), fragment.body));
              }}
              title={t('editor.palette.fragmentHint', { count: fragment.body.steps.length })}
              data-testid="palette-fragment"
            >
              <Icon name="fragment" size={13} />
              <span className="palette-fragment-name">{fragment.name}</span>
              <span className="palette-fragment-count">{fragment.body.steps.length}</span>
            </button>
            <button type="button" className="icon-button palette-fragment-delete" aria-label={t('action.delete')} onClick={() => setDeleting(fragment)}>
              <Icon name="close" size={12} />
            </button>
          </li>
        ))}
      </ul>
      {deleting && (
        <ConfirmDialog
          title={t('editor.fragments.deleteTitle')}
          message={t('editor.fragments.deleteMessage', { name: deleting.name })}
          confirmLabel={t('action.delete')}
          cancelLabel={t('action.cancel')}
          danger
          onCancel={() => setDeleting(null)}
          onConfirm={() => {
            void deleteFragment(deleting.id);
            setDeleting(null);
          }}
        />
      )}
    </aside>
  );
}
