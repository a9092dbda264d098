import { useEffect, useId, useRef, type ReactNode } from 'react';

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
