import { panelHoldingsSchema } from '../messages';
import type { PanelPort } from '../platform/panel-port';

// What each open side panel already holds (docs/ARCHITECTURE.md, "Switching"): its window, and
// the conversations in its cache, fetched or being fetched. The panel tells it on its port after
// every change. The worker loads a conversation the moment a tab moves to it only when that
// tab's panel lacks it: a revisit, or one fetched ahead, costs no call.

const key = (accountId: number, conversationId: number) => `${accountId}/${conversationId}`;

export class PanelHoldings {
  private readonly panels = new Map<PanelPort, { windowId: number; held: Set<string> }>();

  addPanel(port: PanelPort): void {
    port.onMessage((message) => {
      const parsed = panelHoldingsSchema.safeParse(message);
      if (!parsed.success) return; // another message on the port (the realtime watch)
      const { window: windowId, held } = parsed.data.holdings;
      this.panels.set(port, { windowId, held: new Set(held.map(([a, c]) => key(a, c))) });
    });
    port.onDisconnect(() => this.panels.delete(port));
  }

  /** A panel shows `windowId` and does not hold this conversation. */
  lacks(windowId: number, accountId: number, conversationId: number): boolean {
    const wanted = key(accountId, conversationId);
    for (const panel of this.panels.values()) {
      if (panel.windowId === windowId && !panel.held.has(wanted)) return true;
    }
    return false;
  }
}
