import { useQuery } from '@tanstack/react-query';
import type { WireConversation } from '../../../lib/chatwoot/schemas';
import type { LoggedDecision } from '../../../lib/sop/follow-up-start';
import { needsThread, nextFollowUpAt, queueFollowUps } from '../../../lib/sop/follow-up-queue';
import { buildQueue } from '../../../lib/sop/queue';
import { nextPriorityChangeAt } from '../../../lib/sop/sla';
import type { LiveMode } from '../../../lib/messages';
import { useMemo } from 'react';
import { useQueueThreads } from './threads';
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
  source: { accountId: number | undefined; live: LiveMode },
) {
  const settings = useSettings();
  const wall = new Date();
  const since = new Date(wall.getTime() - FOLLOW_UP_LOOKBACK_MS);
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
  // Follow-up flags from each candidate's own thread (lib/sop/follow-up-queue.ts), never from
  // the list payload's last message (issue 17).
  const threadIds = (conversations ?? [])
    .filter((c) => needsThread(c, byConversation.get(c.id)))
    .map((c) => c.id);
  const threads = useQueueThreads(source.accountId, threadIds, source.live);
  const sla = { slaMinutes: settings.slaMinutes, clock: settings.slaClock };
  const upcoming = Math.min(
    ...(conversations ?? []).flatMap((c) => {
      const decisions = byConversation.get(c.id) ?? [];
      return [
        nextPriorityChangeAt(c, { ...sla, now: wall })?.getTime() ?? Infinity,
        nextFollowUpAt({ thread: threads.get(c.id), decisions, now: wall })?.getTime() ?? Infinity,
      ];
    }),
  );
  const next = useMemo(() => (Number.isFinite(upcoming) ? new Date(upcoming) : null), [upcoming]);
  // Re-rendered at the next breach or flag instant by the SLA clock (no refetch), else each minute.
  const now = useNow(60_000, next);
  const items = buildQueue(conversations ?? [], {
    now,
    ...sla,
    followUps: (c) =>
      queueFollowUps({ thread: threads.get(c.id), decisions: byConversation.get(c.id) ?? [], now }),
  });
  const counts = { p1: 0, p2: 0, p3: 0, flagged: 0 };
  for (const item of items) {
    if (item.priority) counts[item.priority.toLowerCase() as 'p1' | 'p2' | 'p3']++;
    if (item.flags.length) counts.flagged++;
  }
  return { items, counts, now };
}
