import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import type { MessageKey } from '../../../lib/i18n/core';
import {
  EMPTY_LOG_FILTER,
  toDecisionFilter,
  withoutActions,
  type LogFilterForm,
} from '../../../lib/decisions/log-filter';
import type { DecisionCursor } from '../../../lib/decisions/query';
import { DECISION_ACTIONS, SYNC_STATES, type DecisionAction } from '../../../lib/decisions/record';
import { onBackgroundEvent } from '../../../lib/platform/messaging';
import { BrandHeader } from '../BrandHeader';
import { openLogTab } from '../../../lib/platform/tabs';
import { DecisionRows } from './DecisionRows';
import { ExportCsv } from './ExportCsv';
import { useI18n } from '../i18n';
import { LOG_KEY, logCountsQuery, logOperatorsQuery, logPageQuery } from './logQueries';
import { Retention } from './PurgeDialog';
import './decision-log.css';

const FILTER_DELAY_MS = 250; // typing in the search box runs one query, not one per key

/** The leads' audit view: filters, counts per action, keyset-paged rows, CSV export, purge.
 * `wide`: the full-tab page (entrypoints/log/); else the 360 px side panel. */
export function DecisionLog({
  onOpenConversation,
  wide = false,
}: {
  onOpenConversation?: () => void;
  wide?: boolean;
}) {
  const { t, locale } = useI18n();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<LogFilterForm>(EMPTY_LOG_FILTER);
  const applied = useDebounced(form, FILTER_DELAY_MS);
  const filter = useMemo(() => toDecisionFilter(applied), [applied]);
  const filterKey = JSON.stringify(filter);

  // Keyset paging: the cursors of the pages above this one (null = the newest page).
  const [paging, setPaging] = useState<{ key: string; cursors: (DecisionCursor | null)[] }>({
    key: filterKey,
    cursors: [null],
  });
  const cursors = paging.key === filterKey ? paging.cursors : [null];
  const page = useQuery(logPageQuery(filter, cursors[cursors.length - 1] ?? null));
  const counts = useQuery(logCountsQuery(withoutActions(filter)));
  const operators = useQuery(logOperatorsQuery());

  useEffect(
    () =>
      onBackgroundEvent((event) => {
        // A decision was recorded or changed its sync state.
        if (event.event === 'outbox/changed') {
          void queryClient.invalidateQueries({ queryKey: [LOG_KEY] });
        }
      }),
    [queryClient],
  );

  const n = (x: number) => new Intl.NumberFormat(locale).format(x);
  const actionLabel = (a: DecisionAction) => t(`action_${a.replace('.', '_')}` as MessageKey);
  const selected = filter.actions ?? DECISION_ACTIONS;
  const total = counts.data ? selected.reduce((sum, a) => sum + counts.data[a], 0) : null;
  const rows = page.data?.rows ?? [];
  const set = (patch: Partial<LogFilterForm>) => setForm((f) => ({ ...f, ...patch }));
  const activeFilters = Object.values(form).filter((v) => v !== '').length;
  const [filtersOpen, setFiltersOpen] = useFiltersOpen();

  return (
    <section
      className="decision-log"
      aria-labelledby="log-title"
      aria-busy={page.isFetching || counts.isFetching}
    >
      <div className="log-head">
        {wide ? (
          <BrandHeader id="log-title" title={t('log_title')} />
        ) : (
          <h1 id="log-title">{t('log_title')}</h1>
        )}
        {!wide && (
          <button
            type="button"
            className="secondary log-open-tab"
            onClick={() => void openLogTab()}
          >
            {t('log_open_tab')}
          </button>
        )}
      </div>

      {/* Collapsible; a lead who closes them finds them closed next time (useFiltersOpen). */}
      <details
        className="log-filters-box"
        open={filtersOpen}
        onToggle={(e) => setFiltersOpen(e.currentTarget.open)}
      >
        <summary>
          {t('log_filters_toggle')}
          {activeFilters > 0 && (
            <span className="log-filters-count">
              {t('log_filters_active', { n: n(activeFilters) })}
            </span>
          )}
        </summary>
        <form
          className="log-filters"
          role="search"
          aria-label={t('log_filters')}
          onSubmit={(e) => e.preventDefault()}
        >
          <Field label={t('log_from')}>
            {(id) => (
              <input
                id={id}
                type="date"
                value={form.from}
                onChange={(e) => set({ from: e.target.value })}
              />
            )}
          </Field>
          <Field label={t('log_to')}>
            {(id) => (
              <input
                id={id}
                type="date"
                value={form.to}
                onChange={(e) => set({ to: e.target.value })}
              />
            )}
          </Field>
          <Field label={t('log_action')}>
            {(id) => (
              <select
                id={id}
                value={form.action}
                onChange={(e) => set({ action: e.target.value as LogFilterForm['action'] })}
              >
                <option value="">{t('log_all_actions')}</option>
                {DECISION_ACTIONS.map((a) => (
                  <option key={a} value={a}>
                    {actionLabel(a)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('log_operator')}>
            {(id) => (
              <select
                id={id}
                value={form.operator}
                onChange={(e) => set({ operator: e.target.value })}
              >
                <option value="">{t('log_all_operators')}</option>
                {(operators.data ?? []).map((email) => (
                  <option key={email} value={email}>
                    {email}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('log_conversation')}>
            {(id) => (
              <input
                id={id}
                type="text"
                inputMode="numeric"
                autoComplete="off"
                value={form.conversation}
                onChange={(e) => set({ conversation: e.target.value })}
              />
            )}
          </Field>
          <Field label={t('log_sync')}>
            {(id) => (
              <select
                id={id}
                value={form.syncState}
                onChange={(e) => set({ syncState: e.target.value as LogFilterForm['syncState'] })}
              >
                <option value="">{t('log_all_states')}</option>
                {SYNC_STATES.map((s) => (
                  <option key={s} value={s}>
                    {t(`state_${s}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('log_search')} wide>
            {(id) => (
              <input
                id={id}
                type="search"
                value={form.text}
                onChange={(e) => set({ text: e.target.value })}
              />
            )}
          </Field>
          <div className="log-filter-actions">
            <button type="button" className="secondary" onClick={() => setForm(EMPTY_LOG_FILTER)}>
              {t('log_clear')}
            </button>
          </div>
        </form>
      </details>

      <section aria-label={t('log_counts')}>
        {counts.data && total !== null && (
          <ul className="log-counts">
            {DECISION_ACTIONS.map((a) => (
              <li key={a}>
                {t('log_count_item', { label: actionLabel(a), n: n(counts.data[a]) })}
              </li>
            ))}
            <li className="log-total">{t('log_total', { n: n(total) })}</li>
          </ul>
        )}
      </section>

      <ExportCsv
        filter={filter}
        total={total !== null && !counts.isPlaceholderData ? total : undefined}
      />

      {page.isError && (
        <p role="alert" className="notice notice-error">
          {t('log_error', { detail: page.error.message })}
        </p>
      )}
      {page.isPending && <p>{t('log_loading')}</p>}
      {page.isSuccess && rows.length === 0 && (
        <p>{filterKey === '{}' ? t('log_empty_all') : t('log_empty')}</p>
      )}
      {rows.length > 0 && (
        <DecisionRows rows={rows} onOpenConversation={onOpenConversation} wide={wide} />
      )}

      <nav className="log-paging" aria-label={t('log_paging')}>
        <button
          type="button"
          disabled={cursors.length <= 1}
          onClick={() => setPaging({ key: filterKey, cursors: cursors.slice(0, -1) })}
        >
          {t('log_newer')}
        </button>
        <span>{t('log_page', { n: n(cursors.length) })}</span>
        <button
          type="button"
          disabled={!page.data?.nextCursor || page.isPlaceholderData}
          onClick={() => {
            const next = page.data?.nextCursor;
            if (next) setPaging({ key: filterKey, cursors: [...cursors, next] });
          }}
        >
          {t('log_older')}
        </button>
      </nav>

      <Retention />
    </section>
  );
}

/** A label tied to its control by id (a wrapping label would add a select's options to its name). */
function Field(props: { label: string; wide?: boolean; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className={props.wide ? 'field log-field-wide' : 'field'}>
      <label htmlFor={id}>{props.label}</label>
      {props.children(id)}
    </div>
  );
}

const FILTERS_KEY = 'cx-escalations.logFiltersClosed';

/** Open unless the lead closed them (kept in this extension's localStorage: a UI preference). */
function useFiltersOpen(): [boolean, (open: boolean) => void] {
  const [open, setOpen] = useState(() => localStorage.getItem(FILTERS_KEY) !== '1');
  const set = (next: boolean) => {
    setOpen(next);
    if (next) localStorage.removeItem(FILTERS_KEY);
    else localStorage.setItem(FILTERS_KEY, '1');
  };
  return [open, set];
}

function useDebounced<T>(value: T, ms: number): T {
  const [current, setCurrent] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setCurrent(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return current;
}
