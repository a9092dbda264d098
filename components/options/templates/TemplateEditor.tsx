import { useId, useRef, useState, type FormEvent } from 'react';
import type { MessageKey } from '../../../lib/i18n/core';
import {
  bodyIssues,
  templateIssues,
  type LibraryTemplate,
  type TemplateLibrary as Library,
} from '../../../lib/sop/templates/library';
import { PREVIEW_CONTEXT, parseCues } from '../../../lib/sop/templates/library-edit';
import {
  TEMPLATE_LANGUAGES,
  renderLibraryTemplate,
  type TemplateLanguage,
} from '../../../lib/sop/templates/templates';
import { useI18n } from '../../shared/i18n';
import { issueText } from './issueWords';

// Adding or editing one template: every problem named beside its field once touched (all of
// them after a Save), the first one focused; a live preview with a sample customer and agent.

type Field = 'label' | 'body' | 'cues';

export function TemplateEditor(props: {
  initial: LibraryTemplate;
  isNew: boolean;
  library: Library;
  onSave: (draft: LibraryTemplate) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const { initial } = props;
  const [label, setLabel] = useState(initial.label);
  const [language, setLanguage] = useState<TemplateLanguage>(initial.language);
  const [body, setBody] = useState(initial.body);
  const [cuesText, setCuesText] = useState(initial.cues.join(', '));
  const [touched, setTouched] = useState<ReadonlySet<Field>>(new Set());
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const labelRef = useRef<HTMLInputElement>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const cuesRef = useRef<HTMLInputElement>(null);
  const id = useId();
  const headingId = `${id}-heading`;

  const draft: LibraryTemplate = {
    ...initial,
    label: label.trim(),
    language,
    body,
    cues: parseCues(cuesText),
  };
  const issues = templateIssues(draft, props.library);
  const shown = (field: Field) =>
    tried || touched.has(field) ? issues.filter((i) => i.field === field) : [];
  const touch = (field: Field) => setTouched((s) => new Set(s).add(field));
  const preview = bodyIssues(body).length ? null : renderLibraryTemplate(draft, PREVIEW_CONTEXT);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    const first = issues[0];
    if (first) {
      const ref = { label: labelRef, body: bodyRef, cues: cuesRef }[first.field];
      ref.current?.focus();
      return;
    }
    setSaving(true);
    try {
      await props.onSave(draft);
    } finally {
      setSaving(false);
    }
  }

  const describedBy = (field: Field, hint?: string) =>
    [hint, shown(field).length ? `${id}-${field}-errors` : undefined].filter(Boolean).join(' ') ||
    undefined;
  const errors = (field: Field) =>
    shown(field).length > 0 && (
      <ul id={`${id}-${field}-errors`} className="hint error tpl-errors">
        {shown(field).map((issue) => (
          <li key={JSON.stringify(issue)}>{issueText(t, issue)}</li>
        ))}
      </ul>
    );

  return (
    <form
      className="card tpl-editor"
      aria-labelledby={headingId}
      onSubmit={(e) => void onSubmit(e)}
      noValidate
    >
      <h3 id={headingId}>
        {props.isNew ? t('tpl_new') : t('tpl_editing', { label: initial.label })}
      </h3>
      <div className="field">
        <label htmlFor={`${id}-label`}>{t('tpl_label')}</label>
        <input
          id={`${id}-label`}
          ref={labelRef}
          value={label}
          maxLength={120}
          autoFocus
          onChange={(e) => {
            setLabel(e.target.value);
            touch('label');
          }}
          aria-invalid={shown('label').length > 0}
          aria-describedby={describedBy('label')}
        />
        {errors('label')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-language`}>{t('tpl_language')}</label>
        <select
          id={`${id}-language`}
          value={language}
          disabled={initial.builtIn === true}
          onChange={(e) => setLanguage(e.target.value as TemplateLanguage)}
        >
          {TEMPLATE_LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {t(`tpl_lang_${l}` as MessageKey)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-body`}>{t('tpl_body')}</label>
        <textarea
          id={`${id}-body`}
          ref={bodyRef}
          value={body}
          rows={4}
          onChange={(e) => {
            setBody(e.target.value);
            touch('body');
          }}
          aria-invalid={shown('body').length > 0}
          aria-describedby={describedBy('body', `${id}-body-hint`)}
        />
        <p id={`${id}-body-hint`} className="hint">
          {t('tpl_body_hint')}
        </p>
        {errors('body')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-cues`}>{t('tpl_cues')}</label>
        <input
          id={`${id}-cues`}
          ref={cuesRef}
          value={cuesText}
          onChange={(e) => {
            setCuesText(e.target.value);
            touch('cues');
          }}
          aria-invalid={shown('cues').length > 0}
          aria-describedby={describedBy('cues', `${id}-cues-hint`)}
        />
        <p id={`${id}-cues-hint`} className="hint">
          {t('tpl_cues_hint')} {initial.builtIn && t('tpl_cues_builtin_hint')}
        </p>
        {errors('cues')}
      </div>
      <section className="tpl-preview" aria-labelledby={`${id}-preview`}>
        <h4 id={`${id}-preview`}>
          {t('tpl_preview', {
            customer: PREVIEW_CONTEXT.customerName,
            agent: PREVIEW_CONTEXT.agentName,
          })}
        </h4>
        <p className={preview === null ? 'hint' : 'reply-text'}>
          {preview ?? t('tpl_preview_none')}
        </p>
      </section>
      {tried && issues.length > 0 && (
        <div role="alert" className="notice notice-error">
          <p>{t('tpl_fix')}</p>
          <ul>
            {issues.map((issue) => (
              <li key={JSON.stringify(issue)}>{issueText(t, issue)}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="tpl-item-actions">
        <button type="submit" className="primary" disabled={saving}>
          {t('tpl_save')}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
