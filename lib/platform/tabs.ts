import { browser } from 'wxt/browser';
import { defineItem } from './storage';

// What the panel may know of its window's active tab. Chrome shows a tab's URL to an extension
// only where it has host access: the configured origin, or the tab the user invoked the toolbar
// button on (`activeTab`). Elsewhere the URL is undefined and nothing is offered.

/** The active tab's URL in `windowId`, when the extension may see it. */
export async function activeTabUrl(windowId: number): Promise<string | undefined> {
  const [tab] = await browser.tabs.query({ active: true, windowId });
  return tab?.url;
}

/** Calls `onChange` when the active tab of `windowId` changes or loads another URL. */
export function onActiveTabChange(windowId: number, onChange: () => void): () => void {
  const activated = (info: { windowId: number }) => {
    if (info.windowId === windowId) onChange();
  };
  const updated = (
    _id: number,
    change: { url?: string; status?: string },
    tab: { active?: boolean; windowId?: number },
  ) => {
    if (tab.active && tab.windowId === windowId && (change.url || change.status === 'complete')) {
      onChange();
    }
  };
  browser.tabs.onActivated.addListener(activated);
  browser.tabs.onUpdated.addListener(updated);
  return () => {
    browser.tabs.onActivated.removeListener(activated);
    browser.tabs.onUpdated.removeListener(updated);
  };
}

/** When the user last clicked the toolbar button: the tab it was clicked on may now show its URL
 * (`activeTab`), so an open panel looks again. Written by the background, watched by the panel. */
export const actionInvokedItem = defineItem<number>('session:actionInvokedAt', { fallback: 0 });

/** The decision log in a tab of its own (entrypoints/log/), for leads who want the width. */
export async function openLogTab(): Promise<void> {
  await browser.tabs.create({ url: browser.runtime.getURL('/log.html') });
}
