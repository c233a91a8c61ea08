/** Short notices in the corner ("已保存", errors); one store, one view. */
import { create } from 'zustand';
import { ApiError } from '../../shared/api';

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

/** Shows an error from any call: the message of an `ApiError` with its details, or a generic line. */
export function notifyError(error: unknown, prefix = '') {
  const text = error instanceof ApiError ? error.message : error instanceof Error ? error.message : String(error);
  const details = error instanceof ApiError ? error.details : [];
  useToasts.getState().push({ kind: 'error', text: prefix ? `${prefix} ${text}` : text, details });
}

export function Toasts() {
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
          <button className="toast-close" aria-label="close" onClick={() => dismiss(toast.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
