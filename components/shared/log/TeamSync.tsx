import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { formatClockTime } from '../../../lib/i18n/format';
import type { TeamSyncStatus } from '../../../lib/messages';
import { send } from '../../../lib/platform/messaging';
import { useI18n } from '../i18n';
import { LOG_KEY } from './logQueries';

// The team scope's sync (lib/background/team-sync.ts runs it): start, progress, Stop, and what
// the last run found. Progress is polled while a run goes on (the worker may restart meanwhile).

const STATUS_KEY = ['team-sync'];
const POLL_MS = 500;

async function status(): Promise<TeamSyncStatus> {
  const reply = await send('team/status', {});
  if (!reply.ok) throw new Error(reply.error.detail);
  return reply.value;
}

export function TeamSync() {
  const { t, locale } = useI18n();
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: STATUS_KEY,
    queryFn: status,
    refetchInterval: (q) => (q.state.data?.running ? POLL_MS : false),
  });
  const data = query.data;
  const running = data?.running ?? null;
  const n = (x: number) => new Intl.NumberFormat(locale).format(x);

  // New rows arrive while it runs and at its end: the log reads them.
  const wasRunning = useRef(false);
  useEffect(() => {
    if (running || wasRunning.current) void queryClient.invalidateQueries({ queryKey: [LOG_KEY] });
    wasRunning.current = !!running;
  }, [running, data?.last?.finishedAt, queryClient]);

  const [startError, setStartError] = useState<string | null>(null);
  const start = async () => {
    const reply = await send('team/sync', {});
    setStartError(reply.ok ? null : reply.error.detail);
    if (reply.ok) queryClient.setQueryData(STATUS_KEY, reply.value);
    void query.refetch();
  };
  const error = startError ?? (query.isError ? query.error.message : null);
  const last = data?.last ?? null;
  const lastAt = data?.lastCompleteAt ? new Date(data.lastCompleteAt) : null;

  return (
    <section className="card log-team" aria-label={t('team_sync')}>
      <div className="actions">
        {running ? (
          <button type="button" className="secondary" onClick={() => void send('team/stop', {})}>
            {t('team_stop')}
          </button>
        ) : (
          <button type="button" className="primary" onClick={() => void start()}>
            {t('team_sync')}
          </button>
        )}
      </div>
      <p role="status" className="hint">
        {running
          ? t('team_syncing', { conversations: n(running.conversations), added: n(running.added) })
          : lastAt
            ? t('team_last_synced', { time: formatClockTime(lastAt, new Date(), locale) })
            : t('team_never_synced')}
      </p>
      {error && (
        <p role="alert" className="notice notice-error">
          {t('team_failed', { detail: error })}
        </p>
      )}
      {!running && last && (
        <>
          <p className="hint">
            {t('team_summary', {
              records: n(last.records),
              conversations: n(last.conversations),
              added: n(last.added),
            })}
          </p>
          {last.error ? (
            <p role="alert" className="notice notice-error">
              {t('team_failed', { detail: last.error })}
            </p>
          ) : (
            !last.complete && <p className="notice">{t('team_stopped')}</p>
          )}
          {last.bad > 0 && (
            <details className="log-team-bad">
              <summary>{t('team_bad', { n: n(last.bad) })}</summary>
              <ul>
                {last.badRecords.map((b) => (
                  <li key={`${b.conversationId}|${b.key}`}>
                    {t('team_bad_item', {
                      conversation: b.conversationId,
                      key: b.key,
                      problem: b.problem,
                    })}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </>
      )}
    </section>
  );
}
