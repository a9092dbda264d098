import type { QueryClient } from '@tanstack/react-query';
import type { WireConversation } from '../../../lib/chatwoot/schemas';
import type { ReplyOf } from '../../../lib/messages';
import { buildQueue } from '../../../lib/sop/queue';
import { conversationQuery, queueQuery } from './queries';
import { RollingMinute } from '../../../lib/ahead-budget';

type ConversationData = Extract<ReplyOf<'conversation/get'>, { ok: true }>['value'];

// Foreseeing the next conversation (docs/ARCHITECTURE.md, "Switching"): the conversation the
// tab opens is asked for the moment its URL is heard; then the top of the escalation queue and
// the open conversation's neighbours in Chatwoot's list are fetched ahead, so a switch to any
// of them renders from cache. Only what is not cached at all is fetched: a cached entry keeps
// its stale time and is kept current by the realtime channel, never by a loop here. Chatwoot
// calls made ahead stay within FORESIGHT_SPEND_PER_MINUTE (a rolling minute); the worker refuses
// any past the declared AHEAD_CALLS_PER_MINUTE, which counts its own list and thread calls too.

/** What the foresight itself may spend of the declared budget (lib/ahead-budget.ts). */
export const FORESIGHT_SPEND_PER_MINUTE = 28;
/** conversation/get: GET the conversation and GET its messages (lib/background/service.ts). */
const CALLS_PER_CONVERSATION = 2;
const QUEUE_TOP = 10;
/** What queue/get lists, a page of 25 at a time (docs/CHATWOOT.md §3). */
const QUEUE_STATUSES = ['open', 'pending'];
const PAGE_SIZE = 25;
/** Either side of the open conversation in Chatwoot's list (newest activity first). */
const NEIGHBOURS = 1;
/** Conversations fetched ahead at once: a switch the agent makes meanwhile is not queued behind. */
const IN_FLIGHT = 2;

export interface Foresight {
  /** The tab shows this conversation: fetch it now (not counted: the agent opened it). */
  opened(accountId: number, conversationId: number): void;
  /** After it showed: fetch ahead what a next switch is likely to open. */
  foresee(accountId: number, conversationId: number, slaMinutes: number): Promise<void>;
}

export function createForesight(
  client: QueryClient,
  now: () => number = Date.now,
  /** Told of each conversation fetched ahead (the panel prepares its suggestion meanwhile). */
  fetched: (data: ConversationData) => void = () => undefined,
): Foresight {
  const budget = new RollingMinute(FORESIGHT_SPEND_PER_MINUTE, now);
  const cached = (accountId: number, id: number) =>
    client.getQueryState(conversationQuery(accountId, id).queryKey) !== undefined;
  let run = 0;

  return {
    opened(accountId, conversationId) {
      void client.prefetchQuery(conversationQuery(accountId, conversationId));
    },
    async foresee(accountId, conversationId, slaMinutes) {
      const mine = ++run;
      // The open conversation first: nothing made ahead competes with it.
      await client.ensureQueryData(conversationQuery(accountId, conversationId)).catch(() => null);
      let queue = client.getQueryData(queueQuery().queryKey);
      if (!queue) {
        // One list fetch, then reused (the queue view refreshes it, never this): charged one
        // page per status up front, the further pages once their number is known.
        if (!budget.trySpend(QUEUE_STATUSES.length)) return;
        queue = await client.ensureQueryData(queueQuery()).catch(() => undefined);
        if (!queue) return;
        for (const status of QUEUE_STATUSES) {
          const n = queue.conversations.filter((c) => c.status === status).length;
          budget.spend(Math.max(0, Math.ceil(n / PAGE_SIZE) - 1));
        }
      }
      if (mine !== run) return;
      if (queue.accountId !== accountId) return;
      const wanted = candidates(queue.conversations, conversationId, slaMinutes, now());
      const todo = wanted.filter((id) => id !== conversationId && !cached(accountId, id));
      const next = async (): Promise<void> => {
        for (;;) {
          const id = todo.shift();
          if (id === undefined || mine !== run) return; // a newer switch re-plans
          if (cached(accountId, id)) continue;
          if (!budget.trySpend(CALLS_PER_CONVERSATION)) return;
          // Refused by the worker past the declared budget: not tried again until a switch.
          await client.prefetchQuery({
            ...conversationQuery(accountId, id, 'ahead'),
            retry: false,
          });
          const data = client.getQueryData(conversationQuery(accountId, id).queryKey);
          if (data) fetched(data);
        }
      };
      await Promise.all(Array.from({ length: IN_FLIGHT }, next));
    },
  };
}

/** Neighbours first (the likeliest next), then the queue's top, without repeats. */
export function candidates(
  conversations: readonly WireConversation[],
  openId: number,
  slaMinutes: number,
  nowMs: number,
): number[] {
  const byActivity = [...conversations].sort(
    (a, b) => (b.last_activity_at ?? 0) - (a.last_activity_at ?? 0) || b.id - a.id,
  );
  const at = byActivity.findIndex((c) => c.id === openId);
  const near =
    at < 0
      ? []
      : byActivity
          .slice(Math.max(0, at - NEIGHBOURS), at + NEIGHBOURS + 1)
          .map((c) => c.id)
          .filter((id) => id !== openId);
  const top = buildQueue(conversations, { now: new Date(nowMs), slaMinutes })
    .slice(0, QUEUE_TOP)
    .map((item) => item.conversation.id);
  return [...new Set([...near, ...top])];
}
