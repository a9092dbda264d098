import { useQuery } from '@tanstack/react-query';
import type { WireConversation } from '../../../lib/chatwoot/schemas';
import { MOCK_ORIGIN } from '../../../lib/settings/settings';
import { displayName } from '../../../lib/sop/templates/templates';
import { formatDuration } from '../../../lib/i18n/format';
import { send } from '../../../lib/platform/messaging';
import { useSettings } from '../../shared/hooks';
import { useI18n } from '../../shared/i18n';
import { mockSamplesQuery, QUEUE_STALE_MS, queueQuery } from '../common/queries';
import { FollowUpFlags } from '../common/FollowUpFlags';
import { ErrorNotice } from '../common/ErrorNotice';
import { PriorityBadge } from '../common/PriorityBadge';
import { OutboxList } from '../common/OutboxList';
import { HealthPanel } from './HealthPanel';
import { useQueueItems } from './useQueueItems';
import { liveRefetch, useLiveMode } from '../common/live';
import { LiveStatus } from '../common/LiveStatus';

type Picked = { accountId: number; conversationId: number };

/** Live: Chatwoot's open and pending conversations; mock: the samples, picked in the panel. */
type QueueSource =
  | { mode: 'live'; chatwootTabId: number | null }
  | { mode: 'mock'; onPick: (picked: Picked) => void };

/**
 * With no conversation open: breached, escalated or flagged conversations, P1 → P3, then by
 * breach; the counts, the clock in use and integration health. Mock mode shows this same
 * queue over its samples, and lists the samples not in it below, so every one can be opened.
 */
export function Queue({ source }: { source: QueueSource }) {
  const { t, locale } = useI18n();
  const mock = source.mode === 'mock';
  const live = useLiveMode(null);
  const query = useQuery(
    mock ? mockSamplesQuery() : { ...queueQuery(), ...liveRefetch(live, QUEUE_STALE_MS) },
  );
  const settings = useSettings();
  const { items, counts, now } = useQueueItems(
    query.data?.conversations,
    mock ? MOCK_ORIGIN : settings.chatwootUrl,
    { accountId: query.data?.accountId, live },
  );
  const open = (conversation: WireConversation) => {
    const picked = { accountId: query.data!.accountId, conversationId: conversation.id };
    if (source.mode === 'mock') source.onPick(picked);
    else void send('tab/open-conversation', { tabId: source.chatwootTabId ?? -1, ...picked });
  };
  const queued = new Set(items.map((item) => item.conversation.id));
  const others = mock ? (query.data?.conversations ?? []).filter((c) => !queued.has(c.id)) : [];
  const titleId = mock ? 'mock-samples-title' : 'queue-title';

  return (
    <section className="queue" aria-labelledby={titleId} aria-busy={query.isFetching}>
      <div className="queue-head">
        <h1 id={titleId}>{t(mock ? 'mock_samples' : 'queue')}</h1>
        <button type="button" className="secondary" onClick={() => void query.refetch()}>
          {t('refresh')}
        </button>
      </div>
      {mock && <p className="hint">{t('mock_pick')}</p>}
      {!mock && <LiveStatus mode={live} polling="queue" />}
      {query.isError && <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />}
      {query.isPending && <p aria-busy="true">{t('loading')}</p>}
      {query.data && (
        <>
          <p className="queue-counts">{t('queue_counts', counts)}</p>
          <p className="queue-clock hint">
            {t(settings.slaClock === 'waiting' ? 'queue_clock_waiting' : 'queue_clock_created', {
              minutes: settings.slaMinutes,
            })}
          </p>
          {items.length === 0 ? (
            <p>{t('queue_empty')}</p>
          ) : (
            <ul className="queue-list">
              {items.map((item) => (
                <li key={item.conversation.id}>
                  <button
                    type="button"
                    className="queue-item"
                    onClick={() => open(item.conversation)}
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
                        : item.priority
                          ? t('p3_target')
                          : null}
                    </span>
                    <FollowUpFlags flags={item.flags} now={now} />
                  </button>
                </li>
              ))}
            </ul>
          )}
          {others.length > 0 && (
            <ul className="queue-list queue-others" aria-label={t('mock_other_samples')}>
              {others.map((c) => (
                <li key={c.id}>
                  <button type="button" className="queue-item" onClick={() => open(c)}>
                    <PriorityBadge priority={null} />
                    <span className="queue-name">
                      {displayName(c.meta.sender?.name)} · #{c.id}
                    </span>
                    <span className="queue-when">{t(`status_${c.status}`)}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <OutboxList />
      <HealthPanel />
      {!mock && <p className="hint">{t('open_chatwoot')}</p>}
    </section>
  );
}
