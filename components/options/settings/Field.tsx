import type { ReactNode } from 'react';
import { useI18n } from '../../shared/i18n';
import { Icon } from '../../shared/Icon';

// The options form's building blocks: a numbered step, and a labelled field with its hint,
// its "set by your administrator" lock and its error, all tied to the control.

/** A numbered step; `done` (saved, signed in) shows a check beside its title. */
export function Step(props: { title: string; done?: boolean; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <section className={props.done ? 'step step-done' : 'step'}>
      <h2 className="step-title">
        {props.done && <Icon name="check" />}
        {props.title}
        {props.done && <span className="sr-only"> ({t('opt_step_done')})</span>}
      </h2>
      {props.children}
    </section>
  );
}

/** Label, control, hint, "set by your administrator" and the error, tied to the control. */
export function Field(props: {
  id: string;
  label: string;
  hint?: string;
  error?: string | null;
  locked?: boolean;
  children: (describedBy: string) => ReactNode;
}) {
  const { t } = useI18n();
  const hintId = `${props.id}-hint`;
  const lockId = `${props.id}-lock`;
  const errorId = `${props.id}-error`;
  const describedBy = [props.error && errorId, props.locked && lockId, props.hint && hintId]
    .filter(Boolean)
    .join(' ');
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      {props.children(describedBy)}
      {props.error && (
        <p id={errorId} className="field-error">
          <Icon name="alert" /> {props.error}
        </p>
      )}
      {props.locked && (
        <p id={lockId} className="locked">
          <Icon name="lock" /> {t('opt_locked')}
        </p>
      )}
      {props.hint && (
        <p id={hintId} className="hint">
          {props.hint}
        </p>
      )}
    </div>
  );
}
