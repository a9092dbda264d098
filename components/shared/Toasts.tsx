import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

export interface Toast {
  id: number;
  text: string;
  kind: 'info' | 'error';
}

const ToastContext = createContext<(text: string, kind?: Toast['kind']) => void>(() => undefined);
let nextId = 1;

/** Toasts in live regions: polite for news, role=alert for errors (docs/PRODUCT.md). */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const push = useCallback((text: string, kind: Toast['kind'] = 'info') => {
    const id = nextId++;
    setToasts((list) => [...list.slice(-3), { id, text, kind }]);
    setTimeout(
      () => setToasts((list) => list.filter((toast) => toast.id !== id)),
      kind === 'error' ? 15_000 : 8_000,
    );
  }, []);
  const info = useMemo(() => toasts.filter((x) => x.kind === 'info'), [toasts]);
  const errors = useMemo(() => toasts.filter((x) => x.kind === 'error'), [toasts]);
  return (
    <ToastContext.Provider value={push}>
      {children}
      <div className="toasts">
        <div aria-live="polite" className="toast-region">
          {info.map((toast) => (
            <p key={toast.id} className="toast">
              {toast.text}
            </p>
          ))}
        </div>
        <div role="alert" className="toast-region">
          {errors.map((toast) => (
            <p key={toast.id} className="toast toast-error">
              {toast.text}
            </p>
          ))}
        </div>
      </div>
    </ToastContext.Provider>
  );
}

export function useToast() {
  return useContext(ToastContext);
}
