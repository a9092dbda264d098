import { useQuery } from '@tanstack/react-query';
import type { WireMessage } from '../../../lib/chatwoot/schemas';
import type { LiveMode } from '../../../lib/messages';
import { send } from '../../../lib/platform/messaging';
import { liveRefetch } from '../common/live';
import { PanelError, QUEUE_STALE_MS } from '../common/queries';

/** The threads of the queue's conversations that can carry a follow-up flag
 * (lib/sop/follow-up-queue.ts), in one request; realtime messages are added to this cache
 * too (../common/live-cache.ts), so live they are never fetched again. */
export function useQueueThreads(
  accountId: number | undefined,
  ids: readonly number[],
  live: LiveMode,
): Map<number, WireMessage[]> {
  const query = useQuery({
    queryKey: ['queue-threads', accountId, ids.join(',')],
    queryFn: async () => {
      const reply = await send('queue/threads', {
        accountId: accountId ?? 0,
        conversationIds: [...ids],
      });
      if (!reply.ok) throw new PanelError(reply.error);
      return reply.value.threads;
    },
    enabled: accountId !== undefined && ids.length > 0,
    staleTime: QUEUE_STALE_MS,
    ...liveRefetch(live, QUEUE_STALE_MS),
  });
  return new Map((query.data ?? []).map((t) => [t.conversationId, t.messages]));
}
