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
import {
  DECISION_ACTIONS,
  SYNC_STATES,
  type DecisionAction,
  type DecisionRecord,
} from '../../../lib/decisions/record';
import { onBackgroundEvent, send } from '../../../lib/platform/messaging';
import { ExportCsv } from './ExportCsv';
import { useI18n } from '../../shared/i18n';
import { LOG_KEY, logCountsQuery, logOperatorsQuery, logPageQuery } from './logQueries';
import { Retention } from './PurgeDialog';
import { useToast } from '../../shared/Toasts';
import './decision-log.css';

const FILTER_DELAY_MS = 250; // typing in the search box runs one query, not one per key

/** The leads' audit view: filters, counts per action, keyset-paged rows, CSV export, purge. */
export function DecisionLog({ onOpenConversation }: { onOpenConversation?: () => void }) {
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

  return (
    <section
      className="decision-log"
      aria-labelledby="log-title"
      aria-busy={page.isFetching || counts.isFetching}
    >
      <h1 id="log-title">{t('log_title')}</h1>

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
      {rows.length > 0 && <DecisionTable rows={rows} onOpenConversation={onOpenConversation} />}

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

function DecisionTable(props: { rows: DecisionRecord[]; onOpenConversation?: () => void }) {
  const { t, locale } = useI18n();
  const toast = useToast();
  const captionId = useId();
  const when = useMemo(
    () => new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium' }),
    [locale],
  );
  const open = async (r: DecisionRecord) => {
    const { ok } = await send('tab/open-conversation', {
      tabId: -1,
      accountId: r.accountId,
      conversationId: r.conversationId,
    });
    if (ok) props.onOpenConversation?.();
    else toast(t('err_not_configured'), 'error');
  };
  return (
    // Scrolls sideways at 320 px; focusable so the keyboard can scroll it too.
    <div className="log-table-wrap" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="log-table">
        <caption id={captionId}>{t('log_caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('log_col_when')}</th>
            <th scope="col">{t('log_col_action')}</th>
            <th scope="col">{t('log_col_conversation')}</th>
            <th scope="col">{t('log_col_operator')}</th>
            <th scope="col">{t('log_col_sync')}</th>
            <th scope="col">{t('log_col_details')}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr key={r.id} className={`log-row log-${r.syncState}`}>
              <td>
                <time dateTime={r.createdAt.toISOString()}>{when.format(r.createdAt)}</time>
              </td>
              <td>
                {t(`action_${r.action.replace('.', '_')}` as MessageKey)}
                {r.escalationReason && (
                  <span className="log-reason"> · {t(`reason_${r.escalationReason}`)}</span>
                )}
                {r.mock && <span className="log-tag">{t('log_mock')}</span>}
              </td>
              <td>
                {r.mock ? (
                  `#${r.conversationId}`
                ) : (
                  <button
                    type="button"
                    className="log-link"
                    title={t('log_open', { id: `#${r.conversationId}` })}
                    onClick={() => void open(r)}
                  >
                    #{r.conversationId}
                  </button>
                )}
              </td>
              <td className="log-operator">{r.operatorEmail}</td>
              <td>
                {t(`state_${r.syncState}`)}
                {r.error && <span className="log-error">{r.error}</span>}
              </td>
              <td className="log-details">
                {r.replyBody && (
                  <span>
                    {t('log_reply', { text: clip(r.replyBody) })}
                    {r.replySource === 'ai' && ` (${t('log_ai_draft')})`}
                    {r.edited && ` (${t('log_edited')})`}
                  </span>
                )}
                {r.note && <span>{t('log_note', { text: clip(r.note) })}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The log shows the start of long texts; the CSV has them whole. */
function clip(s: string, max = 160): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function useDebounced<T>(value: T, ms: number): T {
  const [current, setCurrent] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setCurrent(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return current;
}
