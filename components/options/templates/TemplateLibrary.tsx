import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import {
  defaultLibrary,
  templateKey,
  type LibraryTemplate,
  type TemplateLibrary as Library,
} from '../../../lib/sop/templates/library';
import {
  importCanned,
  newTemplateId,
  refreshImported,
  removeTemplate,
  upsertTemplate,
} from '../../../lib/sop/templates/library-edit';
import { ConfirmActions, Dialog } from '../../shared/Dialog';
import { useI18n } from '../../shared/i18n';
import {
  LibraryLockedError,
  saveLibrary,
  useTemplateLibrary,
} from '../../shared/useTemplateLibrary';
import { AccessNotice } from './AccessNotice';
import { CannedImport } from './CannedImport';
import { issueText, quoted } from './issueWords';
import { failureText, listCanned } from './queries';
import { TemplateEditor } from './TemplateEditor';
import { TemplateItem } from './TemplateItem';
import { useLibraryAccess } from './useLibraryAccess';
import './templates.css';

// The options page's template library (lib/sop/templates/library.ts): a lead edits the built-ins, adds
// the team's templates with cue words, imports Chatwoot's canned responses and refreshes them.
// Every change is saved at once to `local:templates`; open panels follow it. Only an
// administrator of the Chatwoot account edits, and nobody when a policy sets the library
// (lib/sop/templates/library-policy.ts): everyone else sees it read-only, with why (AccessNotice.tsx).

type Confirm = null | { kind: 'reset' } | { kind: 'delete'; template: LibraryTemplate };

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

  // Refresh imported: Chatwoot's current canned responses, compared with what was imported.
  const refresh = useMutation({
    mutationFn: () => listCanned(''),
    onMutate: () => setStatus(''),
    onError: (e) => setError(failureText(t, e)),
    onSuccess: async (responses) => {
      const result = refreshImported(library, responses);
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
    },
  });

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
          <button
            type="button"
            disabled={locked || refresh.isPending}
            onClick={() => refresh.mutate()}
          >
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
            <ConfirmActions
              confirm={t('tpl_reset')}
              disabled={false}
              onConfirm={() => {
                setConfirm(null);
                setEditing(null);
                void change(defaultLibrary(), t('tpl_reset_done'));
              }}
              onCancel={() => setConfirm(null)}
            />
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
            <ConfirmActions
              confirm={t('tpl_delete')}
              disabled={false}
              onConfirm={() => {
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
              onCancel={() => setConfirm(null)}
            />
          }
        >
          <p>{t('tpl_delete_body')}</p>
        </Dialog>
      )}
    </section>
  );
}
