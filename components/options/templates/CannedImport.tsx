import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { TemplateLibrary as Library } from '../../../lib/sop/templates/library';
import { cannedStatus, type CannedResponse } from '../../../lib/sop/templates/library-edit';
import { useI18n } from '../../shared/i18n';
import { issueText } from './issueWords';
import { cannedQuery, failureText } from './queries';

// Importing Chatwoot's canned responses as templates: search, pick the new ones (one already
// imported, or with a variable the extension cannot fill, is shown but cannot be picked).

export function CannedImport(props: {
  library: Library;
  onAdd: (picked: CannedResponse[]) => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const [term, setTerm] = useState('');
  const query = useQuery(cannedQuery(term));
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const id = useId();
  // A search or a retry always asks again, even for the same words.
  const ask = (words: string) => {
    if (words === term) void query.refetch();
    else setTerm(words);
  };
  const loading = query.isFetching;
  const responses = !loading && query.isSuccess ? query.data : null;
  const picked = (responses ?? []).filter(
    (r) => selected.has(r.id) && cannedStatus(r, props.library).kind === 'new',
  );

  return (
    <section className="card tpl-import" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('tpl_import_title')}</h3>
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          ask(search.trim());
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
      <div aria-busy={loading}>
        {loading && <p className="hint">{t('tpl_import_loading')}</p>}
        {!loading && query.isError && (
          <div role="alert" className="notice notice-error">
            <p>{failureText(t, query.error)}</p>
            <button type="button" onClick={() => ask(term)}>
              {t('retry')}
            </button>
          </div>
        )}
        {responses?.length === 0 && <p className="hint">{t('tpl_import_none')}</p>}
        {responses && responses.length > 0 && (
          <ul className="tpl-canned">
            {responses.map((r) => {
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
