import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useI18n } from './i18n';

/** A modal confirmation (native <dialog>: focus trap, Escape closes, focus returns). */
export function Dialog(props: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  actions: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog ref={ref} aria-labelledby={titleId} onClose={props.onClose} className="dialog">
      <h2 id={titleId}>{props.title}</h2>
      {props.children}
      <div className="dialog-actions">{props.actions}</div>
    </dialog>
  );
}

/** The two buttons every confirmation ends with: the action first, then Cancel. */
export function ConfirmActions(props: {
  confirm: string;
  disabled: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  return (
    <>
      <button type="button" className="primary" disabled={props.disabled} onClick={props.onConfirm}>
        {props.confirm}
      </button>
      <button type="button" onClick={props.onCancel}>
        {t('cancel')}
      </button>
    </>
  );
}
