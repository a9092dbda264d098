import { useQuery } from '@tanstack/react-query';
import { buildQueue } from '../../../lib/sop/queue';
import { displayName } from '../../../lib/sop/templates';
import { formatDuration } from '../../../lib/i18n/format';
import { send } from '../../../lib/platform/messaging';
import { useNow, useSettings } from '../../shared/hooks';
import { useI18n } from '../../shared/i18n';
import { queueQuery, recentFollowUpDecisionsQuery } from '../common/queries';
import { followUpFlags } from '../../../lib/sop/follow-up';
import { followUpStarts, type LoggedDecision } from '../../../lib/sop/follow-up-start';
import { FollowUpFlags } from '../common/FollowUpFlags';
import { ErrorNotice } from '../common/ErrorNotice';
import { PriorityBadge } from '../common/PriorityBadge';
import { OutboxList } from '../common/OutboxList';
import { HealthPanel } from './HealthPanel';

/** With no conversation open: breached or escalated conversations, P1 → P3, then by breach. */
export function Queue({ chatwootTabId }: { chatwootTabId: number | null }) {
  const { t, locale } = useI18n();
  const settings = useSettings();
  const query = useQuery(queueQuery());
  const now = useNow(30_000);
  const since = new Date(now.getTime() - 14 * 86_400_000);
  const decisions = useQuery(recentFollowUpDecisionsQuery(since));
  const byConversation = new Map<number, LoggedDecision[]>();
  for (const d of decisions.data ?? []) {
    if (d.chatwootOrigin !== settings.chatwootUrl) continue;
    byConversation.set(d.conversationId, [...(byConversation.get(d.conversationId) ?? []), d]);
  }
  const items = query.data
    ? buildQueue(query.data.conversations, {
        now,
        slaMinutes: settings.slaMinutes,
        // The list payload carries only the last message: enough to see an answer came.
        followUps: (c) => {
          const messages = c.last_non_activity_message ? [c.last_non_activity_message] : [];
          const starts = followUpStarts({ decisions: byConversation.get(c.id) ?? [], messages });
          return followUpFlags({ now, messages, ...starts });
        },
      })
    : [];
  const counts = { p1: 0, p2: 0, p3: 0, flagged: 0 };
  for (const item of items) {
    if (item.priority) counts[item.priority.toLowerCase() as 'p1' | 'p2' | 'p3']++;
    if (item.flags.length) counts.flagged++;
  }

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
        </>
      )}
      <OutboxList />
      <HealthPanel />
      <p className="hint">{t('open_chatwoot')}</p>
    </section>
  );
}
