/** Short notices in the corner ("已保存", errors); one store, one view. */
import { useTranslation } from 'react-i18next';
import { create } from 'zustand';
import { errorTextOf } from '../i18n';

export type Toast = { id: number; kind: 'info' | 'error'; text: string; details: string[]; technical?: string[] };

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

/** Shows an error from any call, in the user's language, with the back end's details. */
export function notifyError(error: unknown, prefix = '') {
  const { text, details, technical } = errorTextOf(error);
  // A Chinese prefix ends in a full-width colon, which needs no space after it.
  const joined = !prefix ? text : /[：，。]$/.test(prefix) ? prefix + text : `${prefix} ${text}`;
  useToasts.getState().push({ kind: 'error', text: joined, details, technical });
}

/** A library's or the system's own words about a failure: folded away under a line in the UI language. */
export function TechnicalDetails(props: { lines: readonly string[] }) {
  const { t } = useTranslation();
  return (
    <details className="error-technical" data-testid="error-technical">
      <summary>{t('error.technical')}</summary>
      {props.lines.map((line, i) => (
        <div key={i}>{line}</div>
      ))}
    </details>
  );
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
          {toast.technical && toast.technical.length > 0 && <TechnicalDetails lines={toast.technical} />}
          <button className="toast-close" aria-label={t('action.close')} onClick={() => dismiss(toast.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
