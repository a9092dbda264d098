import { browser } from 'wxt/browser';

// The toolbar icon's states (drawn by scripts/icons.ts from assets/icon/mark.svg):
// `off` not connected, `on` connected, `live` this tab is the connected Chatwoot (or, before
// setup, a Chatwoot dashboard the panel can connect to). The badge text is another module's.

export type ToolbarState = 'off' | 'on' | 'live';

/** One tab's icon, or every tab's default when `tabId` is left out. */
export function setToolbarIcon(state: ToolbarState, tabId?: number): Promise<void> {
  const path = { 16: `/icon/${state}-16.png`, 32: `/icon/${state}-32.png` };
  // A tab closed meanwhile has nothing to show it on.
  return browser.action.setIcon({ tabId, path }).catch(() => {});
}
