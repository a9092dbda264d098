import { useQuery } from '@tanstack/react-query';
import { buildQueue } from '../lib/sop/queue';
import { displayName } from '../lib/sop/templates';
import { formatDuration } from '../lib/format';
import { send } from '../lib/platform/messaging';
import { useNow, useSettings } from './hooks';
import { useI18n } from './i18n';
import { queueQuery } from './queries';
import { ErrorNotice } from './ErrorNotice';
import { PriorityBadge } from './PriorityBadge';
import { OutboxList } from './OutboxList';

/** With no conversation open: breached or escalated conversations, P1 → P3, then by breach. */
export function Queue({ chatwootTabId }: { chatwootTabId: number | null }) {
  const { t, locale } = useI18n();
  const settings = useSettings();
  const query = useQuery(queueQuery());
  const now = useNow(30_000);
  const items = query.data
    ? buildQueue(query.data.conversations, { now, slaMinutes: settings.slaMinutes })
    : [];
  const counts = { p1: 0, p2: 0, p3: 0 };
  for (const item of items) counts[item.priority.toLowerCase() as 'p1' | 'p2' | 'p3']++;

  return (
    <section className="queue" aria-labelledby="queue-title" aria-busy={query.isFetching}>
      <div className="queue-head">
        <h1 id="queue-title">{t('queue')}</h1>
        <button type="button" className="secondary" onClick={() => void query.refetch()}>
          {t('refresh')}
        </button>
      </div>
      {query.isError && <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />}
      {query.isPending && <p aria-busy="true">{t('loading')}</p>}
      {query.data && (
        <>
          <p className="queue-counts">{t('queue_counts', counts)}</p>
          {items.length === 0 ? (
            <p>{t('queue_empty')}</p>
          ) : (
            <ul className="queue-list">
              {items.map((item) => (
                <li key={item.conversation.id}>
                  <button
                    type="button"
                    className="queue-item"
                    onClick={() =>
                      void send('tab/open-conversation', {
                        tabId: chatwootTabId ?? -1,
                        accountId: query.data.accountId,
                        conversationId: item.conversation.id,
                      })
                    }
                  >
                    <PriorityBadge priority={item.priority} />
                    <span className="queue-name">
                      {displayName(item.conversation.meta.sender?.name)} · #{item.conversation.id}
                    </span>
                    <span className="queue-when">
                      {item.breachedAt
                        ? t('breach_ago', {
                            time: formatDuration(now.getTime() - item.breachedAt.getTime(), locale),
                          })
                        : t('p3_target')}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <OutboxList />
      <p className="hint">{t('open_chatwoot')}</p>
    </section>
  );
}
