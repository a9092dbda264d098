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

describe('loads of the same queue under way at once share one', () => {
  it('two callers together: one set of pages, each its own list', async () => {
    const { api, pagesAsked } = paged({ open: 30, pending: 1 });
    const origin = 'https://chat.example.org';
    const [a, b] = await Promise.all([
      allQueueConversations(api, 1, origin),
      allQueueConversations(api, 1, origin),
    ]);
    expect(pagesAsked).toEqual(['open:1', 'open:2', 'pending:1']);
    expect(a).toHaveLength(31);
    expect(a).toEqual(b);
    expect(a).not.toBe(b);
  });

  it('one after the other, another account or origin, or no origin: each loads', async () => {
    const { api, pagesAsked } = paged({ open: 1, pending: 0 });
    await allQueueConversations(api, 1, 'https://a.example.org');
    await allQueueConversations(api, 1, 'https://a.example.org');
    await Promise.all([
      allQueueConversations(api, 1, 'https://a.example.org'),
      allQueueConversations(api, 2, 'https://a.example.org'),
      allQueueConversations(api, 1, 'https://b.example.org'),
      allQueueConversations(api, 1),
    ]);
    expect(pagesAsked).toHaveLength(2 * 6);
  });

  it('a failed load is not kept: the next caller loads again', async () => {
    const { api, pagesAsked } = paged({ open: 1, pending: 0 });
    const list = api.listConversations.bind(api);
    let fail = true;
    api.listConversations = async (...args: Parameters<typeof list>) => {
      if (fail) throw new Error('502');
      return list(...args);
    };
    await expect(allQueueConversations(api, 1, 'https://a.example.org')).rejects.toThrow('502');
    fail = false;
    expect(await allQueueConversations(api, 1, 'https://a.example.org')).toHaveLength(1);
    expect(pagesAsked).toEqual(['open:1', 'pending:1']);
  });
});
