/** Find (Ctrl+F): searches titles, descriptions, dialogue and role names; Enter / Shift+Enter walk the matches. */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { isCancelKey, isSubmitKey } from '../components/keys';
import { useShallow } from 'zustand/react/shallow';
import { Icon } from './icons';
import { closeFind, findNext, focusTaken, setFindQuery, useEditor } from './store';

export function FindBar() {
  const { t } = useTranslation();
  const find = useEditor(useShallow((state) => ({ open: state.find.open, query: state.find.query, count: state.find.matches.length, index: state.find.index })));
  const focus = useEditor((state) => (state.focus?.field === 'find' ? state.focus.n : null));
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (focus !== null && input.current) {
      input.current.focus();
      input.current.select();
      focusTaken(focus);
    }
  }, [focus]);
  if (!find.open) return null;
  return (
    <div className="find-bar" role="search" data-testid="find-bar">
      <Icon name="search" size={15} />
      <input
        ref={input}
        value={find.query}
        placeholder={t('editor.find.placeholder')}
        aria-label={t('editor.command.find')}
        data-testid="find-input"
        onChange={(event) => setFindQuery(event.target.value)}
        onKeyDown={(event) => {
          if (isSubmitKey(event)) {
            event.preventDefault();
            findNext(event.shiftKey ? -1 : 1);
          }
          if (isCancelKey(event)) {
            event.preventDefault();
            closeFind();
          }
        }}
      />
      <span className="find-count" data-testid="find-count">
        {find.query === '' ? '' : find.count === 0 ? t('editor.find.none') : t('editor.find.position', { index: find.index + 1, count: find.count })}
      </span>
      <button type="button" className="icon-button" onClick={() => findNext(-1)} disabled={find.count === 0} aria-label={t('editor.command.find-previous')} data-testid="find-previous">
        ↑
      </button>
      <button type="button" className="icon-button" onClick={() => findNext(1)} disabled={find.count === 0} aria-label={t('editor.command.find-next')} data-testid="find-next">
        ↓
      </button>
      <button type="button" className="icon-button" onClick={closeFind} aria-label={t('action.close')}>
        <Icon name="close" size={14} />
      </button>
    </div>
  );
}
