import type { QueryClient } from '@tanstack/react-query';

// What this panel's cache holds, for the worker (lib/background/panel-holdings.ts): a tab that
// moves to a conversation listed here renders from cache, so the worker does not load it early.

/** The conversations with data, or with a fetch under way, as [accountId, conversationId]. */
export function heldConversations(client: QueryClient): [number, number][] {
  return client
    .getQueryCache()
    .findAll({ queryKey: ['conversation'] })
    .filter((q) => q.state.data !== undefined || q.state.fetchStatus === 'fetching')
    .map((q) => [q.queryKey[1], q.queryKey[2]])
    .filter((k): k is [number, number] => typeof k[0] === 'number' && typeof k[1] === 'number');
}

/** Calls `changed` once per batch of cache events that may change that list, in a task of its
 * own: not in front of the render of the data that just came (the switch waits on that). */
export function onHeldChange(client: QueryClient, changed: () => void): () => void {
  let queued = false;
  return client.getQueryCache().subscribe((event) => {
    if (event.query.queryKey[0] !== 'conversation' || queued) return;
    queued = true;
    setTimeout(() => {
      queued = false;
      changed();
    }, 0);
  });
}
