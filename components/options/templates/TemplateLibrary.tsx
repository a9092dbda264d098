import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { errorKey, type MessageKey, type Translate } from '../../../lib/i18n/core';
import type { ReplyOf } from '../../../lib/messages';
import { send } from '../../../lib/platform/messaging';
import {
  FRENCH_BUILT_INS,
  bodyIssues,
  defaultLibrary,
  templateIssues,
  templateKey,
  type LibraryTemplate,
  type TemplateIssue,
  type TemplateLibrary as Library,
} from '../../../lib/sop/library';
import {
  LIBRARY_VARIABLES,
  TEMPLATE_LANGUAGES,
  isTemplateId,
  renderLibraryTemplate,
  type TemplateLanguage,
} from '../../../lib/sop/templates';
import {
  PREVIEW_CONTEXT,
  cannedStatus,
  importCanned,
  newTemplateId,
  parseCues,
  refreshImported,
  removeTemplate,
  upsertTemplate,
  type CannedResponse,
} from '../../../lib/sop/library-edit';
import type {
  LibraryAccess,
  ManagedLibraryProblem,
  RoleCheck,
} from '../../../lib/sop/library-policy';
import { Dialog } from '../../shared/Dialog';
import { useI18n } from '../../shared/i18n';
import { Icon } from '../../shared/Icon';
import { useLibraryAccess } from './useLibraryAccess';
import {
  LibraryLockedError,
  saveLibrary,
  useTemplateLibrary,
} from '../../shared/useTemplateLibrary';
import './templates.css';

// The options page's template library (lib/sop/library.ts): a lead edits the built-ins, adds
// the team's templates with cue words, imports Chatwoot's canned responses and refreshes them.
// Every change is saved at once to `local:templates`; open panels follow it. Only an
// administrator of the Chatwoot account edits, and nobody when a policy sets the library
// (lib/sop/library-policy.ts): everyone else sees it read-only, with why.

/** A validation problem in words. */
export function issueText(t: Translate, issue: TemplateIssue): string {
  switch (issue.code) {
    case 'unknown_variable':
      return t('tpl_err_unknown_variable', {
        variable: `{{${issue.variable}}}`,
        known: LIBRARY_VARIABLES.map((v) => `{{${v}}}`).join(', '),
      });
    case 'cue_no_word':
    case 'cue_too_long':
      return t(`tpl_err_${issue.code}`, { cue: issue.cue });
    case 'cue_taken':
      return t('tpl_err_cue_taken', { cue: issue.cue, by: issue.by });
    default:
      return t(`tpl_err_${issue.code}`);
  }
}

const quoted = (labels: readonly string[]) => labels.map((l) => `“${l}”`).join(', ');

type Confirm = null | { kind: 'reset' } | { kind: 'delete'; template: LibraryTemplate };

/** A policy problem in words (the administrator reads them from an agent's screen). */
function policyProblemText(t: Translate, p: ManagedLibraryProblem): string {
  if (p.kind === 'unusable') {
    return t('tpl_policy_unusable', { problem: t(`tpl_policy_${p.code}`) });
  }
  const problem =
    p.problem.code === 'issues'
      ? p.problem.issues.map((i) => issueText(t, i)).join(' ')
      : p.problem.code === 'field'
        ? t('tpl_policy_field', { field: p.problem.field })
        : t('tpl_policy_duplicate');
  return p.label
    ? t('tpl_policy_item', { n: p.position, label: p.label, problem })
    : t('tpl_policy_item_unnamed', { n: p.position, problem });
}

/** Why the library cannot be changed here, in words; null when it can. */
function AccessNotice(props: {
  access: LibraryAccess;
  check: RoleCheck;
  problems: readonly ManagedLibraryProblem[];
  onRetry: () => void;
}) {
  const { t } = useI18n();
  const { access, check } = props;
  if (access.editable) return null;
  switch (access.reason) {
    case 'managed': {
      const [unusable] = props.problems.filter((p) => p.kind === 'unusable');
      const leftOut = props.problems.filter((p) => p.kind === 'template');
      return (
        <div className="notice notice-info">
          <p>
            <Icon name="lock" /> {t('tpl_locked')}
          </p>
          {unusable && <p>{policyProblemText(t, unusable)}</p>}
          {leftOut.length > 0 && (
            <>
              <p>{t('tpl_policy_left_out')}</p>
              <ul>
                {leftOut.map((p) => (
                  <li key={p.kind === 'template' ? p.position : 0}>{policyProblemText(t, p)}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      );
    }
    case 'checking':
      return <p className="hint">{t('tpl_role_checking')}</p>;
    case 'agent':
      return (
        <p className="notice notice-info">
          <Icon name="lock" />{' '}
          {t('tpl_role_agent', { account: check.state === 'known' ? check.accountName : '' })}
        </p>
      );
    case 'not_signed_in':
    case 'unreachable': {
      const detail = check.state === 'failed' ? check.error.detail : '';
      const words = t(errorKey(access.error), { detail });
      return (
        <div className="notice notice-warning">
          <p>
            <Icon name="lock" />{' '}
            {access.reason === 'not_signed_in' ? t('tpl_role_sign_in') : t('tpl_role_failed')}{' '}
            {words}
          </p>
          {access.reason === 'unreachable' && (
            <button type="button" onClick={props.onRetry}>
              {t('retry')}
            </button>
          )}
        </div>
      );
    }
  }
}

export function TemplateLibrary() {
  const { t } = useI18n();
  const { library, ready, managed } = useTemplateLibrary();
  const { access, check, recheck } = useLibraryAccess(managed !== null);
  const [editing, setEditing] = useState<{ template: LibraryTemplate; isNew: boolean } | null>(
    null,
  );
  const [importing, setImporting] = useState(false);
  const [confirm, setConfirm] = useState<Confirm>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const headingId = useId();
  const frenchId = useId();
  const locked = !access.editable;

  async function change(next: Library, message: string) {
    try {
      await saveLibrary(next, access.editable);
      setError('');
      setStatus(message);
    } catch (e) {
      setError(
        e instanceof LibraryLockedError
          ? t('tpl_locked_now')
          : t('err_unexpected', { detail: String(e) }),
      );
    }
  }

  async function refresh() {
    setBusy(true);
    setStatus('');
    try {
      const reply = await send('canned/list', {});
      if (!reply.ok) {
        setError(t(errorKey(reply.error.kind), { detail: reply.error.detail }));
        return;
      }
      const result = refreshImported(library, reply.value.responses);
      const parts: string[] = [];
      if (result.changed.length) {
        const labels = result.changed.map((c) => c.template.label);
        parts.push(t('tpl_refresh_changed', { labels: quoted(labels) }));
      }
      if (result.missing.length) {
        parts.push(
          t('tpl_refresh_missing', { labels: quoted(result.missing.map((m) => m.label)) }),
        );
      }
      if (result.invalid.length) {
        const items = result.invalid.map(
          (i) => `“${i.template.label}” (${i.issues.map((x) => issueText(t, x)).join(' ')})`,
        );
        parts.push(t('tpl_refresh_invalid', { items: items.join(', ') }));
      }
      await change(result.library, parts.join(' ') || t('tpl_refresh_none'));
    } catch (e) {
      setError(t('err_unexpected', { detail: String(e) }));
    } finally {
      setBusy(false);
    }
  }

  if (!ready) return <section className="templates" aria-busy="true" />;
  const hasImported = library.templates.some((x) => x.source?.kind === 'canned');

  return (
    <section className="templates" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('tpl_title')}</h2>
      <p className="hint">{t('tpl_intro')}</p>
      <AccessNotice
        access={access}
        check={check}
        problems={managed?.problems ?? []}
        onRetry={recheck}
      />
      <div className="tpl-french">
        <input
          id={frenchId}
          type="checkbox"
          checked={library.frenchTemplates}
          disabled={locked}
          aria-describedby={`${frenchId}-hint`}
          onChange={(e) => void change({ ...library, frenchTemplates: e.target.checked }, '')}
        />
        <label htmlFor={frenchId}>{t('tpl_french')}</label>
        <p id={`${frenchId}-hint`} className="hint">
          {t('tpl_french_hint')}
        </p>
      </div>

      <ul className="tpl-list">
        {library.templates.map((template) => (
          <TemplateItem
            key={templateKey(template)}
            template={template}
            locked={locked}
            onEdit={() => {
              setImporting(false);
              setEditing({ template, isNew: false });
            }}
            onDelete={() => setConfirm({ kind: 'delete', template })}
          />
        ))}
      </ul>

      <div className="tpl-actions">
        <button
          type="button"
          disabled={locked}
          onClick={() => {
            setImporting(false);
            setEditing({
              template: { id: 'custom:new', label: '', body: '', language: 'en', cues: [] },
              isNew: true,
            });
          }}
        >
          {t('tpl_add')}
        </button>
        <button
          type="button"
          disabled={locked}
          onClick={() => {
            setEditing(null);
            setImporting(true);
          }}
        >
          {t('tpl_import')}
        </button>
        {hasImported && (
          <button type="button" disabled={locked || busy} onClick={() => void refresh()}>
            {t('tpl_refresh')}
          </button>
        )}
        <button type="button" disabled={locked} onClick={() => setConfirm({ kind: 'reset' })}>
          {t('tpl_reset')}
        </button>
      </div>

      {editing && !locked && (
        <TemplateEditor
          key={`${templateKey(editing.template)}|${editing.isNew}`}
          initial={editing.template}
          isNew={editing.isNew}
          library={library}
          onCancel={() => setEditing(null)}
          onSave={async (draft) => {
            const template = editing.isNew
              ? { ...draft, id: newTemplateId(draft.label, library) }
              : draft;
            const previous = editing.isNew ? templateKey(template) : templateKey(editing.template);
            await change(
              upsertTemplate(library, template, previous),
              t('tpl_saved', { label: template.label }),
            );
            setEditing(null);
          }}
        />
      )}

      {importing && !locked && (
        <CannedImport
          library={library}
          onClose={() => setImporting(false)}
          onAdd={async (picked) => {
            const { library: next, added } = importCanned(library, picked);
            await change(next, t('tpl_import_done', { n: added.length }));
            setImporting(false);
          }}
        />
      )}

      <div aria-live="polite" className="outcome">
        {status && <p className="notice notice-ok">{status}</p>}
      </div>
      {error && (
        <p role="alert" className="notice notice-error">
          {error}
        </p>
      )}

      {confirm?.kind === 'reset' && (
        <Dialog
          title={t('tpl_reset_title')}
          onClose={() => setConfirm(null)}
          actions={
            <>
              <button
                type="button"
                className="primary"
                onClick={() => {
                  setConfirm(null);
                  setEditing(null);
                  void change(defaultLibrary(), t('tpl_reset_done'));
                }}
              >
                {t('tpl_reset')}
              </button>
              <button type="button" onClick={() => setConfirm(null)}>
                {t('cancel')}
              </button>
            </>
          }
        >
          <p>{t('tpl_reset_body', { n: library.templates.filter((x) => !x.builtIn).length })}</p>
        </Dialog>
      )}
      {confirm?.kind === 'delete' && (
        <Dialog
          title={t('tpl_delete_title', { label: confirm.template.label })}
          onClose={() => setConfirm(null)}
          actions={
            <>
              <button
                type="button"
                className="primary"
                onClick={() => {
                  const gone = confirm.template;
                  setConfirm(null);
                  if (editing && templateKey(editing.template) === templateKey(gone)) {
                    setEditing(null);
                  }
                  void change(
                    removeTemplate(library, templateKey(gone)),
                    t('tpl_deleted', { label: gone.label }),
                  );
                }}
              >
                {t('tpl_delete')}
              </button>
              <button type="button" onClick={() => setConfirm(null)}>
                {t('cancel')}
              </button>
            </>
          }
        >
          <p>{t('tpl_delete_body')}</p>
        </Dialog>
      )}
    </section>
  );
}

function TemplateItem(props: {
  template: LibraryTemplate;
  locked: boolean;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const { t } = useI18n();
  const { template } = props;
  const titleId = useId();
  const origin = template.builtIn
    ? t('tpl_builtin')
    : template.source
      ? t('tpl_from_chatwoot', { code: template.source.shortCode })
      : t('tpl_team');
  const cues = template.builtIn
    ? t('tpl_cues_list', { cues: [t('tpl_builtin_rules'), ...template.cues].join(', ') })
    : template.cues.length
      ? t('tpl_cues_list', { cues: template.cues.join(', ') })
      : t('tpl_no_cues');
  const untouchedFrench =
    template.builtIn &&
    template.language === 'fr' &&
    isTemplateId(template.id) &&
    template.body === FRENCH_BUILT_INS[template.id].body;
  return (
    <li className="tpl-item" aria-labelledby={titleId}>
      <h3 id={titleId} className="tpl-name">
        {template.label}
      </h3>
      <p className="tpl-meta">
        {t(`tpl_lang_${template.language}`)} · {origin}
      </p>
      <p className="tpl-body">{template.body}</p>
      <p className="tpl-cues">{cues}</p>
      {untouchedFrench && <p className="hint">{t('tpl_fr_check')}</p>}
      <div className="tpl-item-actions">
        <button type="button" disabled={props.locked} onClick={props.onEdit}>
          {t('tpl_edit')}
        </button>
        {!template.builtIn && (
          <button type="button" disabled={props.locked} onClick={props.onDelete}>
            {t('tpl_delete')}
          </button>
        )}
      </div>
    </li>
  );
}

type Field = 'label' | 'body' | 'cues';

function TemplateEditor(props: {
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

type CannedState =
  | { kind: 'loading' }
  | { kind: 'error'; text: string }
  | { kind: 'ok'; responses: CannedResponse[] };

function CannedImport(props: {
  library: Library;
  onAdd: (picked: CannedResponse[]) => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState({ term: '', attempt: 0 });
  const [state, setState] = useState<CannedState>({ kind: 'loading' });
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const id = useId();

  useEffect(() => {
    let live = true;
    const term = query.term.trim();
    send('canned/list', term ? { search: term } : {})
      .then((reply: ReplyOf<'canned/list'>) => {
        if (!live) return;
        setState(
          reply.ok
            ? { kind: 'ok', responses: reply.value.responses }
            : {
                kind: 'error',
                text: t(errorKey(reply.error.kind), { detail: reply.error.detail }),
              },
        );
      })
      .catch((e: unknown) => {
        if (live) setState({ kind: 'error', text: t('err_unexpected', { detail: String(e) }) });
      });
    return () => {
      live = false;
    };
  }, [query, t]);

  const picked =
    state.kind === 'ok'
      ? state.responses.filter(
          (r) => selected.has(r.id) && cannedStatus(r, props.library).kind === 'new',
        )
      : [];

  return (
    <section className="card tpl-import" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('tpl_import_title')}</h3>
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setState({ kind: 'loading' });
          setQuery((q) => ({ term: search, attempt: q.attempt + 1 }));
        }}
      >
        <label htmlFor={`${id}-search`}>{t('tpl_import_search')}</label>
        <div className="tpl-search">
          <input
            id={`${id}-search`}
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
          <button type="submit">{t('tpl_import_search_button')}</button>
        </div>
      </form>
      <div aria-busy={state.kind === 'loading'}>
        {state.kind === 'loading' && <p className="hint">{t('tpl_import_loading')}</p>}
        {state.kind === 'error' && (
          <div role="alert" className="notice notice-error">
            <p>{state.text}</p>
            <button
              type="button"
              onClick={() => {
                setState({ kind: 'loading' });
                setQuery((q) => ({ ...q, attempt: q.attempt + 1 }));
              }}
            >
              {t('retry')}
            </button>
          </div>
        )}
        {state.kind === 'ok' && state.responses.length === 0 && (
          <p className="hint">{t('tpl_import_none')}</p>
        )}
        {state.kind === 'ok' && state.responses.length > 0 && (
          <ul className="tpl-canned">
            {state.responses.map((r) => {
              const status = cannedStatus(r, props.library);
              const boxId = `${id}-canned-${r.id}`;
              const note =
                status.kind === 'imported'
                  ? t('tpl_import_already', { label: status.template.label })
                  : status.kind === 'invalid'
                    ? t('tpl_import_invalid', {
                        problem: status.issues.map((i) => issueText(t, i)).join(' '),
                      })
                    : null;
              return (
                <li key={r.id}>
                  <input
                    id={boxId}
                    type="checkbox"
                    disabled={status.kind !== 'new'}
                    checked={status.kind === 'new' && selected.has(r.id)}
                    aria-describedby={`${boxId}-text`}
                    onChange={(e) =>
                      setSelected((s) => {
                        const next = new Set(s);
                        if (e.target.checked) next.add(r.id);
                        else next.delete(r.id);
                        return next;
                      })
                    }
                  />
                  <label htmlFor={boxId}>{r.shortCode}</label>
                  <p id={`${boxId}-text`} className="tpl-body">
                    {r.content}
                    {note && (
                      <span className={status.kind === 'invalid' ? 'hint error' : 'hint'}>
                        {' '}
                        {note}
                      </span>
                    )}
                  </p>
                </li>
              );
            })}
          </ul>
        )}
      </div>
      <div className="tpl-item-actions">
        <button
          type="button"
          className="primary"
          disabled={picked.length === 0}
          onClick={() => void props.onAdd(picked)}
        >
          {t('tpl_import_add', { n: picked.length })}
        </button>
        <button type="button" onClick={props.onClose}>
          {t('tpl_import_close')}
        </button>
      </div>
    </section>
  );
}
