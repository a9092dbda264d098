import { browser } from 'wxt/browser';
import { dashboardOrigin } from '../chatwoot/routes';
import { setToolbarIcon, type ToolbarState } from '../platform/action-icon';
import { actionInvokedItem } from '../platform/tabs';
import { getSettings, managedSnapshotItem, settingsItem } from '../settings/settings';
import { chatwootTabIds, onChatwootTabsChange } from './context';

// The toolbar icon says, per tab, whether the extension is connected and whether this tab is
// the Chatwoot it is connected to (docs/ARCHITECTURE.md, "Toolbar, one-click connect, looks").
// Cheap on purpose: an agent switching conversations fires a tab update per switch, so the
// state is kept in memory and an icon is set only when a tab's state changes.

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

let connected = false;
let chatwootTabs = new Set<number>();
const shown = new Map<number, ToolbarState>(); // per tab, what was last set

function show(tabId: number, url: string | undefined): void {
  const state = toolbarState(connected, { url, chatwoot: chatwootTabs.has(tabId) });
  if (shown.get(tabId) === state) return;
  shown.set(tabId, state);
  void setToolbarIcon(state, tabId);
}

async function refreshAll(): Promise<void> {
  const s = await getSettings();
  connected = Boolean(s.chatwootUrl) || s.mockMode;
  chatwootTabs = await chatwootTabIds();
  shown.clear();
  await setToolbarIcon(connected ? 'on' : 'off');
  await showAll();
}

async function showAll(): Promise<void> {
  for (const tab of await browser.tabs.query({})) {
    if (tab.id !== undefined) show(tab.id, tab.url);
  }
}

export function startToolbar(): void {
  void refreshAll();
  settingsItem.watch(() => void refreshAll());
  managedSnapshotItem.watch(() => void refreshAll());
  onChatwootTabsChange((ids) => {
    chatwootTabs = ids;
    void showAll();
  });
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.status === 'loading') shown.delete(tabId); // a new page: set it again
    if (change.url || change.status === 'complete') show(tabId, tab.url);
  });
  if (import.meta.env.FIREFOX) return; // Firefox: the button toggles the sidebar (firefox.ts)
  // Chrome: the toolbar button opens the panel itself (not `openPanelOnActionClick`), so that
  // the click is an `action.onClicked` invocation and grants `activeTab` on that tab: the
  // panel can then see a Chatwoot dashboard's URL and offer to connect to it.
  browser.action.onClicked.addListener((tab) => {
    // First, synchronously: sidePanel.open must run inside the click's user gesture.
    if (tab.windowId !== undefined) void browser.sidePanel.open({ windowId: tab.windowId });
    if (tab.id !== undefined) show(tab.id, tab.url);
    void actionInvokedItem.setValue(Date.now());
  });
}
