import { useQuery } from '@tanstack/react-query';
import type { WireConversation } from '../../../lib/chatwoot/schemas';
import { followUpFlags } from '../../../lib/sop/follow-up';
import { followUpStarts, type LoggedDecision } from '../../../lib/sop/follow-up-start';
import { buildQueue } from '../../../lib/sop/queue';
import { useNow, useSettings } from '../../shared/hooks';
import { recentFollowUpDecisionsQuery } from '../common/queries';

const FOLLOW_UP_LOOKBACK_MS = 14 * 86_400_000;

/**
 * The queue as the live and the mock panel both show it: priorities on the clock in effect,
 * and each conversation's follow-up flags, computed here once from the decision log (the
 * decisions of `origin`: the Chatwoot URL, or `mock:`).
 */
export function useQueueItems(
  conversations: readonly WireConversation[] | undefined,
  origin: string,
) {
  const settings = useSettings();
  const now = useNow(30_000);
  const since = new Date(now.getTime() - FOLLOW_UP_LOOKBACK_MS);
  // After the conversations: in mock mode the first list writes the scenario's history, and a
  // read racing it would cache an empty log (no flags until the next refresh).
  const decisions = useQuery({
    ...recentFollowUpDecisionsQuery(since),
    enabled: conversations !== undefined,
  });
  const byConversation = new Map<number, LoggedDecision[]>();
  for (const d of decisions.data ?? []) {
    if (d.chatwootOrigin !== origin) continue;
    byConversation.set(d.conversationId, [...(byConversation.get(d.conversationId) ?? []), d]);
  }
  const items = buildQueue(conversations ?? [], {
    now,
    slaMinutes: settings.slaMinutes,
    clock: settings.slaClock,
    // The list payload carries only the last message: enough to see an answer came.
    followUps: (c) => {
      const messages = c.last_non_activity_message ? [c.last_non_activity_message] : [];
      const starts = followUpStarts({ decisions: byConversation.get(c.id) ?? [], messages });
      return followUpFlags({ now, messages, ...starts });
    },
  });
  const counts = { p1: 0, p2: 0, p3: 0, flagged: 0 };
  for (const item of items) {
    if (item.priority) counts[item.priority.toLowerCase() as 'p1' | 'p2' | 'p3']++;
    if (item.flags.length) counts.flagged++;
  }
  return { items, counts, now };
}
