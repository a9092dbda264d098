import { describe, expect, it } from 'vitest';
import { allQueueConversations } from '../../../lib/background/service';
import type { WireConversation } from '../../../lib/chatwoot/schemas';
import { FakeChatwoot } from './fake-api';

function paged(total: Record<'open' | 'pending', number>) {
  const api = new FakeChatwoot();
  const pagesAsked: string[] = [];
  api.listConversations = async (
    _accountId: number,
    { status, page }: { status: 'open' | 'pending'; page: number },
  ) => {
    pagesAsked.push(`${status}:${page}`);
    const all = Array.from({ length: total[status] }, (_, i) => ({
      id: (status === 'open' ? 1000 : 2000) + i,
    })) as unknown as WireConversation[];
    return { conversations: all.slice((page - 1) * 25, page * 25), allCount: total[status] };
  };
  return { api, pagesAsked };
}

describe('the queue fetches every page, 25 at a time (docs/CHATWOOT.md §3)', () => {
  it.each([
    [{ open: 0, pending: 0 }, 0, ['open:1', 'pending:1']],
    [{ open: 25, pending: 3 }, 28, ['open:1', 'pending:1']],
    [{ open: 26, pending: 0 }, 26, ['open:1', 'open:2', 'pending:1']],
    [{ open: 61, pending: 30 }, 91, ['open:1', 'open:2', 'open:3', 'pending:1', 'pending:2']],
  ])('%o → %i conversations', async (total, count, pages) => {
    const { api, pagesAsked } = paged(total);
    const conversations = await allQueueConversations(api, 1);
    expect(conversations).toHaveLength(count);
    expect(new Set(conversations.map((c) => c.id)).size).toBe(count);
    expect(pagesAsked).toEqual(pages);
  });
});
