import { notifyManager, QueryClient, queryOptions } from '@tanstack/react-query';
import type { ApiErrorInfo } from '../../../lib/chatwoot/errors';
import { send } from '../../../lib/platform/messaging';
import { queryDecisions } from '../../../lib/decisions/query';
import { panelDb } from '../../shared/log/panel-db';

// Query factories in one place, so keys and fetchers never drift apart.

export class PanelError extends Error {
  constructor(readonly info: ApiErrorInfo) {
    super(info.detail);
  }
}

/** A worker reply as a value, or its error thrown as a PanelError (react-query's error). */
export function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: ApiErrorInfo }): T {
  if (!result.ok) throw new PanelError(result.error);
  return result.value;
}

export const CONVERSATION_STALE_MS = 30_000; // revisiting within 30 s costs no call
export const QUEUE_STALE_MS = 60_000; // the queue refreshes at most once a minute

/** `ahead`: fetched before the agent opened it (the foresight), within the worker's budget. */
export const conversationQuery = (accountId: number, conversationId: number, ahead?: 'ahead') =>
  queryOptions({
    queryKey: ['conversation', accountId, conversationId],
    queryFn: async () => {
      performance.clearMarks('cx:fetch');
      performance.mark('cx:fetch', { detail: conversationId }); // the bench's hop timings
      const reply = await send('conversation/get', {
        accountId,
        conversationId,
        ...(ahead && { ahead: true }),
      });
      performance.clearMarks('cx:data');
      performance.mark('cx:data', { detail: conversationId });
      return unwrap(reply);
    },
    staleTime: CONVERSATION_STALE_MS,
  });

export const queueQuery = () =>
  queryOptions({
    queryKey: ['queue'],
    queryFn: async () => unwrap(await send('queue/get', {})),
    staleTime: QUEUE_STALE_MS,
    refetchInterval: QUEUE_STALE_MS,
  });

/** Mock mode's sample conversations (every status): the queue's data in mock mode. */
export const mockSamplesQuery = () =>
  queryOptions({
    queryKey: ['mock', 'samples'],
    queryFn: async () => unwrap(await send('mock/list', {})),
    staleTime: 0,
  });

export const outboxQuery = (conversationId?: number) =>
  queryOptions({
    queryKey: ['outbox', conversationId ?? 'all'],
    queryFn: () => send('outbox/list', { conversationId }),
  });

/** This conversation's recent decisions (for the follow-up timers), read from IndexedDB. */
export const conversationDecisionsQuery = (conversationId: number) =>
  queryOptions({
    queryKey: ['decisions', 'conversation', conversationId],
    queryFn: async () => (await queryDecisions(panelDb(), { conversationId }, { limit: 50 })).rows,
  });

/** Approvals and escalations of the last two weeks, for the queue's follow-up flags. */
export const recentFollowUpDecisionsQuery = (since: Date) =>
  queryOptions({
    queryKey: ['decisions', 'follow-ups', since.toISOString().slice(0, 13)],
    queryFn: async () =>
      (
        await queryDecisions(
          panelDb(),
          {
            from: since,
            actions: ['chatwoot.approve_send', 'chatwoot.escalate'],
            syncStates: ['sent'],
          },
          { limit: 5_000 },
        )
      ).rows,
  });

export function createQueryClient() {
  // Data reaches React in the task it arrived in, not a setTimeout later: on a busy panel one
  // task more costs milliseconds of a switch (issue 21).
  notifyManager.setScheduler(queueMicrotask);
  return new QueryClient({
    defaultOptions: {
      queries: {
        gcTime: 10 * 60_000,
        refetchOnWindowFocus: false,
        // Errors are typed and shown; retrying a 401 or 404 only delays the message.
        retry: (count, error) =>
          count < 2 &&
          error instanceof PanelError &&
          ['offline', 'server', 'timeout', 'rate_limited'].includes(error.info.kind),
      },
    },
  });
}
