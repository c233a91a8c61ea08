/** Short notices in the corner ("已保存", errors); one store, one view. */
import { useTranslation } from 'react-i18next';
import { create } from 'zustand';
import { ApiError } from '../../shared/api';
import { RuleError } from '../../shared/rules';
import { i18n } from '../i18n';

export type Toast = { id: number; kind: 'info' | 'error'; text: string; details: string[] };

type ToastState = { toasts: Toast[]; push: (toast: Omit<Toast, 'id'>) => void; dismiss: (id: number) => void };

let nextId = 1;

export const useToasts = create<ToastState>((set) => ({
  toasts: [],
  push: (toast) => {
    const id = nextId++;
    set((state) => ({ toasts: [...state.toasts.slice(-4), { ...toast, id }] }));
    if (toast.kind === 'info') setTimeout(() => set((state) => ({ toasts: state.toasts.filter((t) => t.id !== id) })), 4000);
  },
  dismiss: (id) => set((state) => ({ toasts: state.toasts.filter((t) => t.id !== id) })),
}));

export const notify = (text: string) => useToasts.getState().push({ kind: 'info', text, details: [] });

/**
 * What to tell the user about a failed call. The back end's messages are
 * precise but English; in Chinese the headline comes from the catalogue by
 * error code and the back end's words follow as details.
 */
export function describeError(error: unknown): { text: string; details: string[] } {
  // A refusal with a catalogue message (a rule of the rulebook, here or in the back end) is shown in the user's language.
  if (error instanceof RuleError) return { text: i18n.t(error.key, error.params), details: [] };
  if (error instanceof ApiError && error.catalogue) return { text: i18n.t(error.catalogue.key, error.catalogue.params), details: error.details };
  if (!(error instanceof ApiError)) return { text: error instanceof Error ? error.message : String(error), details: [] };
  const details = error.details.filter((detail) => !error.message.includes(detail));
  if (i18n.language === 'en') return { text: error.message, details };
  return { text: i18n.t(`error.code.${error.code}`), details: [error.message, ...details] };
}

/** Shows an error from any call, in the user's language, with the back end's details. */
export function notifyError(error: unknown, prefix = '') {
  const { text, details } = describeError(error);
  // A Chinese prefix ends in a full-width colon, which needs no space after it.
  const joined = !prefix ? text : /[：，。]$/.test(prefix) ? prefix + text : `${prefix} ${text}`;
  useToasts.getState().push({ kind: 'error', text: joined, details });
}

export function Toasts() {
  const { t } = useTranslation();
  const toasts = useToasts((state) => state.toasts);
  const dismiss = useToasts((state) => state.dismiss);
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((toast) => (
        <div key={toast.id} className={`toast toast-${toast.kind}`} data-testid={`toast-${toast.kind}`}>
          <div className="toast-text">{toast.text}</div>
          {toast.details.length > 0 && (
            <ul className="toast-details">
              {toast.details.slice(0, 8).map((detail, i) => (
                <li key={i}>{detail}</li>
              ))}
            </ul>
          )}
          <button className="toast-close" aria-label={t('action.close')} onClick={() => dismiss(toast.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
