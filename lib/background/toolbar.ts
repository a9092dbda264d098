import { browser } from 'wxt/browser';
import { dashboardOrigin } from '../chatwoot/routes';
import { setToolbarIcon, type ToolbarState } from '../platform/action-icon';
import { actionInvokedItem } from '../platform/tabs';
import { getSettings, managedSnapshotItem, settingsItem } from '../settings/settings';
import { chatwootTabIds, onChatwootTabsChange } from './context';

// The toolbar icon says, per tab, whether the extension is connected and whether this tab is
// the Chatwoot it is connected to (docs/ARCHITECTURE.md, "Toolbar and one-click connect").

interface TabFacts {
  /** The URL, when Chrome lets us see it (granted origin, or activeTab after a click). */
  url?: string;
  /** The configured Chatwoot's content script reported this tab. */
  chatwoot: boolean;
}

/** Pure: which icon a tab shows. Mock mode counts as connected (the panel works in it). */
export function toolbarState(connected: boolean, tab: TabFacts): ToolbarState {
  if (connected) return tab.chatwoot ? 'live' : 'on';
  // Before setup, a dashboard we can see invites the one-click connect in the panel.
  return tab.url && dashboardOrigin(tab.url) ? 'live' : 'off';
}

async function isConnected(): Promise<boolean> {
  const s = await getSettings();
  return Boolean(s.chatwootUrl) || s.mockMode;
}

async function refreshTab(tabId: number, url: string | undefined): Promise<void> {
  const [connected, chatwoot] = await Promise.all([isConnected(), chatwootTabIds()]);
  await setToolbarIcon(toolbarState(connected, { url, chatwoot: chatwoot.has(tabId) }), tabId);
}

async function refreshAll(): Promise<void> {
  const [connected, chatwoot, tabs] = await Promise.all([
    isConnected(),
    chatwootTabIds(),
    browser.tabs.query({}),
  ]);
  await setToolbarIcon(connected ? 'on' : 'off');
  await Promise.all(
    tabs.map((tab) =>
      tab.id === undefined
        ? undefined
        : setToolbarIcon(
            toolbarState(connected, { url: tab.url, chatwoot: chatwoot.has(tab.id) }),
            tab.id,
          ),
    ),
  );
}

export function startToolbar(): void {
  void refreshAll();
  settingsItem.watch(() => void refreshAll());
  managedSnapshotItem.watch(() => void refreshAll());
  onChatwootTabsChange(() => void refreshAll());
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.url || change.status === 'complete') void refreshTab(tabId, tab.url);
  });
  if (import.meta.env.FIREFOX) return; // Firefox: the button toggles the sidebar (firefox.ts)
  // Chrome: the toolbar button opens the panel itself (not `openPanelOnActionClick`), so that
  // the click is an `action.onClicked` invocation and grants `activeTab` on that tab: the
  // panel can then see a Chatwoot dashboard's URL and offer to connect to it.
  browser.action.onClicked.addListener((tab) => {
    // First, synchronously: sidePanel.open must run inside the click's user gesture.
    if (tab.windowId !== undefined) void browser.sidePanel.open({ windowId: tab.windowId });
    if (tab.id !== undefined) void refreshTab(tab.id, tab.url);
    void actionInvokedItem.setValue(Date.now());
  });
}
