import { QueryClient } from '@tanstack/react-query';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { WireConversation } from '../../../lib/chatwoot/schemas';

// The panel's foresight against a counting stand-in for the worker: what is fetched ahead,
// in which order, and never more Chatwoot calls a minute than declared.
const sent: { type: string; payload: { conversationId?: number; ahead?: boolean } }[] = [];
vi.mock('../../../lib/platform/messaging', () => ({
  send: vi.fn(async (type: string, payload: { conversationId?: number }) => {
    sent.push({ type, payload });
    if (type === 'queue/get') return { ok: true, value: { accountId: 1, conversations: queue } };
    return { ok: true, value: { conversation: { id: payload.conversationId }, messages: [] } };
  }),
}));

const { FORESIGHT_SPEND_PER_MINUTE, candidates, createForesight } =
  await import('../../../components/panel/common/prefetch');
const { AHEAD_CALLS_PER_MINUTE } = await import('../../../lib/ahead-budget');

const NOW = Date.UTC(2026, 10, 27, 12);
/** 40 open conversations: ids 1..40, newest activity = highest id, the oldest waiting longest. */
const queue = Array.from({ length: 40 }, (_, i) => {
  const id = i + 1;
  return {
    id,
    status: 'open',
    created_at: NOW / 1000 - 86_400 + id,
    last_activity_at: NOW / 1000 - 3_600 + id * 10,
    labels: [],
    meta: { sender: { name: `C${id}` } },
    waiting_since: NOW / 1000 - 7_200 + id,
    last_non_activity_message: {
      id,
      message_type: 0,
      created_at: NOW / 1000 - 7_200 + id,
      content: 'where is my order?',
      private: false,
    },
  } as unknown as WireConversation;
});

const fetchedAhead = () =>
  sent.filter((m) => m.type === 'conversation/get').map((m) => m.payload.conversationId);

beforeEach(() => {
  sent.length = 0;
});

describe('candidates', () => {
  it("puts the open conversation's neighbours in Chatwoot's list first, then the queue's top 10", () => {
    const ids = candidates(queue, 20, 30, NOW);
    expect(ids.slice(0, 2)).toEqual([21, 19]);
    expect(ids).not.toContain(20);
    expect(ids.length).toBeGreaterThanOrEqual(10);
    expect(ids.length).toBeLessThanOrEqual(12);
  });
});

describe('createForesight', () => {
  it('fetches ahead only what is not cached, within the calls per minute, then again a minute later', async () => {
    let now = NOW;
    const client = new QueryClient();
    const foresight = createForesight(client, () => now);
    foresight.opened(1, 20);
    await foresight.foresee(1, 20, 30);
    const first = fetchedAhead();
    expect(first[0]).toBe(20); // the opened one, at once
    expect(sent.filter((m) => m.type === 'queue/get')).toHaveLength(1);
    // Cached conversations are not asked again, however many switches follow.
    const openedUncached: number[] = []; // asked as the open one, not ahead
    for (const id of [21, 19, 5, 6, 7, 8, 30, 31]) {
      if (!client.getQueryState(['conversation', 1, id])) openedUncached.push(id);
      await foresight.foresee(1, id, 30);
    }
    const all = fetchedAhead().slice(1);
    expect(new Set(all).size).toBe(all.length);
    const ahead = all.filter((id) => id !== undefined && !openedUncached.includes(id));
    // queue/get = 2 calls (40 conversations, one page per status); each conversation = 2.
    const calls = 2 + ahead.length * 2;
    expect(calls).toBeLessThanOrEqual(FORESIGHT_SPEND_PER_MINUTE);
    expect(FORESIGHT_SPEND_PER_MINUTE).toBeLessThan(AHEAD_CALLS_PER_MINUTE); // room for the worker's
    // The worker can tell them apart: the opened one is not ahead, the rest are.
    const gets = sent.filter((m) => m.type === 'conversation/get');
    expect(gets[0]!.payload.ahead).toBeUndefined();
    expect(gets.filter((m) => m.payload.ahead).map((m) => m.payload.conversationId)).toEqual(ahead);
    expect(calls).toBeGreaterThanOrEqual(FORESIGHT_SPEND_PER_MINUTE - 4); // the budget was used up
    // A minute later there is room again.
    now += 61_000;
    const before = fetchedAhead().length;
    await foresight.foresee(1, 35, 30);
    expect(fetchedAhead().length).toBeGreaterThan(before);
  });

  it('fetches nothing ahead for another account than the queue', async () => {
    const foresight = createForesight(new QueryClient(), () => NOW);
    await foresight.foresee(2, 20, 30);
    expect(fetchedAhead()).toEqual([20]); // only the open one (ensured first)
  });
});

describe('conversations fetched ahead, kept fresh by the realtime channel', () => {
  it('takes a live message into the cached entry; a switch to it (live: never stale) asks nothing', async () => {
    const { applyLiveChanges } = await import('../../../components/panel/common/live-cache');
    const { QueryObserver } = await import('@tanstack/react-query');
    const { CONVERSATION_STALE_MS, conversationQuery } =
      await import('../../../components/panel/common/queries');
    const { liveStaleTime } = await import('../../../components/panel/common/live');
    const client = new QueryClient();
    const told: number[] = [];
    const foresight = createForesight(
      client,
      () => NOW,
      (data) => told.push(data.conversation.id),
    );
    await foresight.foresee(1, 20, 30);
    const ahead = fetchedAhead().filter((id) => id !== 20);
    expect(ahead.length).toBeGreaterThan(0);
    expect(told).toEqual(ahead); // each one handed over for its suggestion
    const id = ahead[0]!;
    const message = {
      id: 900,
      content: 'any news?',
      message_type: 0,
      created_at: NOW / 1000,
      private: false,
    } as never;
    applyLiveChanges(client, 1, [{ kind: 'message', conversationId: id, message }]);
    const cached = client.getQueryData(conversationQuery(1, id).queryKey);
    expect(cached?.messages.map((m) => m.id)).toContain(900);
    // Minutes later, the switch: ConversationView's options while live (staleTime Infinity).
    vi.useFakeTimers({ now: Date.now() + 10 * 60_000, toFake: ['Date'] });
    try {
      const before = sent.length;
      const live = new QueryObserver(client, {
        ...conversationQuery(1, id),
        staleTime: liveStaleTime('live', CONVERSATION_STALE_MS),
      });
      const unsubscribe = live.subscribe(() => undefined);
      expect(live.getCurrentResult().data?.messages.map((m) => m.id)).toContain(900);
      await Promise.resolve();
      expect(sent.length).toBe(before); // rendered from cache, nothing refetched
      unsubscribe();
      // Without the socket (polling), the same entry is stale after 30 s and is asked again.
      const polling = new QueryObserver(client, {
        ...conversationQuery(1, id),
        staleTime: liveStaleTime('polling', CONVERSATION_STALE_MS),
      });
      const stop = polling.subscribe(() => undefined);
      await vi.waitFor(() => expect(sent.length).toBe(before + 1));
      stop();
    } finally {
      vi.useRealTimers();
    }
  });
});
