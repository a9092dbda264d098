import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { heldConversations, onHeldChange } from '../../../components/panel/common/holdings';

// What the panel tells the worker it holds (issue 21): conversations with data or a fetch under
// way; not those that failed with nothing cached, nor other queries.

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('heldConversations', () => {
  it('lists conversations with data or a fetch under way', async () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    client.setQueryData(['conversation', 1, 5], { any: 'data' });
    client.setQueryData(['queue'], { conversations: [] });
    let release!: () => void;
    const pending = client.fetchQuery({
      queryKey: ['conversation', 1, 6],
      queryFn: () => new Promise<string>((r) => (release = () => r('x'))),
    });
    await client
      .fetchQuery({
        queryKey: ['conversation', 2, 7],
        queryFn: () => Promise.reject(new Error('404')),
      })
      .catch(() => undefined);
    expect(heldConversations(client).sort()).toEqual([
      [1, 5],
      [1, 6],
    ]);
    release();
    await pending;
    client.removeQueries({ queryKey: ['conversation', 1, 5] }); // dropped from the cache
    expect(heldConversations(client)).toEqual([[1, 6]]);
  });

  it('tells once per batch of conversation changes, not for other queries', async () => {
    const client = new QueryClient();
    let told = 0;
    const stop = onHeldChange(client, () => told++);
    client.setQueryData(['conversation', 1, 5], 'a');
    client.setQueryData(['conversation', 1, 6], 'b');
    await Promise.resolve();
    expect(told).toBe(0); // not in front of the render the data came for: a task later
    await tick();
    expect(told).toBe(1);
    client.setQueryData(['queue'], 'q');
    await tick();
    expect(told).toBe(1);
    stop();
    client.setQueryData(['conversation', 1, 7], 'c');
    await tick();
    expect(told).toBe(1);
  });
});
