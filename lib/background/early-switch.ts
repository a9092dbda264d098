import { conversationFromUrl, originOf } from '../chatwoot/routes';
import { onTabUrlChange } from '../platform/tabs';
import { apiOrigin, settingsInEffect, type Settings } from '../settings/settings';
import type { EarlyLoads } from './early-loads';
import type { PanelHoldings } from './panel-holdings';
import { conversationKey, type ConversationReply } from './conversation-load';

// A tab of the configured Chatwoot moves to a conversation its window's panel does not hold:
// the worker starts loading it at once, and the panel's conversation/get, ~10 ms behind, takes
// the load over (docs/ARCHITECTURE.md, "Switching"). Nothing starts without an open panel there,
// in mock mode, or on another origin.

export function startEarlySwitch(deps: {
  holdings: PanelHoldings;
  early: EarlyLoads<ConversationReply>;
  load: (
    settings: Settings,
    accountId: number,
    conversationId: number,
  ) => Promise<ConversationReply>;
}): () => void {
  return onTabUrlChange(({ url, windowId, active }) => {
    const conversation = active ? conversationFromUrl(url) : null;
    if (!conversation) return;
    const { accountId, conversationId } = conversation;
    if (!deps.holdings.lacks(windowId, accountId, conversationId)) return;
    void settingsInEffect().then((settings) => {
      if (settings.mockMode || !settings.chatwootUrl) return;
      if (originOf(url) !== settings.chatwootUrl) return;
      deps.early.start(conversationKey(apiOrigin(settings), accountId, conversationId), () =>
        deps.load(settings, accountId, conversationId),
      );
    });
  });
}
