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
import { openLogTab } from '../../../lib/platform/tabs';
import { DecisionRows } from './DecisionRows';
import { ExportCsv } from './ExportCsv';
import { useI18n } from '../i18n';
import { LOG_KEY, logCountsQuery, logOperatorsQuery, logPageQuery } from './logQueries';
import { Retention } from './PurgeDialog';
import { SuggestionQuality } from './SuggestionQuality';
import { TeamSync } from './TeamSync';
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
  // "This browser": decisions made here; "Team": those and the team's, read from Chatwoot.
  const [scope, setScope] = useState<'browser' | 'team'>('browser');
  const applied = useDebounced(form, FILTER_DELAY_MS);
  const filter = useMemo(
    () => ({ ...toDecisionFilter(applied), ...(scope === 'browser' ? { scope } : {}) }),
    [applied, scope],
  );
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
  // One control per filter field, named by its Field's label.
  const text =
    (key: 'from' | 'to' | 'conversation' | 'text', type: string, inputMode?: 'numeric') =>
    (id: string) => (
      <input
        id={id}
        type={type}
        inputMode={inputMode}
        autoComplete="off"
        value={form[key]}
        onChange={(e) => set({ [key]: e.target.value })}
      />
    );
  const choice =
    (key: 'action' | 'operator' | 'syncState', all: MessageKey, options: string[][]) =>
    (id: string) => (
      <select
        id={id}
        value={form[key]}
        onChange={(e) => set({ [key]: e.target.value } as Partial<LogFilterForm>)}
      >
        <option value="">{t(all)}</option>
        {options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    );

  return (
    <section
      className="decision-log"
      aria-labelledby="log-title"
      aria-busy={page.isFetching || counts.isFetching}
    >
      <div className="log-head">
        <h1 id="log-title">{t('log_title')}</h1>
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

      <fieldset className="log-scope">
        <legend>{t('log_scope')}</legend>
        {(['browser', 'team'] as const).map((s) => (
          <label key={s}>
            <input
              type="radio"
              name="log-scope"
              value={s}
              checked={scope === s}
              onChange={() => setScope(s)}
            />
            {t(s === 'browser' ? 'log_scope_browser' : 'log_scope_team')}
          </label>
        ))}
      </fieldset>
      {scope === 'team' && <TeamSync />}

      {/* Collapsible (open at first: every filter one click away, as before). */}
      <details className="log-filters-box" open>
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
          <Field label={t('log_from')}>{text('from', 'date')}</Field>
          <Field label={t('log_to')}>{text('to', 'date')}</Field>
          <Field label={t('log_action')}>
            {choice(
              'action',
              'log_all_actions',
              DECISION_ACTIONS.map((a) => [a, actionLabel(a)]),
            )}
          </Field>
          <Field label={t('log_operator')}>
            {choice(
              'operator',
              'log_all_operators',
              (operators.data ?? []).map((e) => [e, e]),
            )}
          </Field>
          <Field label={t('log_conversation')}>{text('conversation', 'text', 'numeric')}</Field>
          <Field label={t('log_sync')}>
            {choice(
              'syncState',
              'log_all_states',
              SYNC_STATES.map((s) => [s, t(`state_${s}`)]),
            )}
          </Field>
          <Field label={t('log_search')} wide>
            {text('text', 'search')}
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

      {page.isError && (
        <p role="alert" className="notice notice-error">
          {t('log_error', { detail: page.error.message })}
        </p>
      )}
      {page.isPending && <p>{t('log_loading')}</p>}
      {page.isSuccess && rows.length === 0 && (
        <p>
          {Object.keys(toDecisionFilter(applied)).length === 0
            ? t('log_empty_all')
            : t('log_empty')}
        </p>
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

      {scope === 'team' && <SuggestionQuality filter={filter} />}

      {/* After the rows: at 360 px the decisions come first. */}
      <ExportCsv
        filter={filter}
        total={total !== null && !counts.isPlaceholderData ? total : undefined}
      />

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

function useDebounced<T>(value: T, ms: number): T {
  const [current, setCurrent] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setCurrent(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return current;
}
