import { browser } from 'wxt/browser';
import { originOf } from '../chatwoot/routes';
import { defineItem } from './storage';

// What the panel may know of its window's active tab. Chrome shows a tab's URL to an extension
// only where it has host access: the configured origin, or the tab the user invoked the toolbar
// button on (`activeTab`). Elsewhere the URL is undefined and nothing is offered.

/** The window this page (the side panel) belongs to. */
export async function currentWindowId(): Promise<number | undefined> {
  return (await browser.windows.getCurrent()).id;
}

/** The active tab's URL in `windowId`, when the extension may see it. */
export async function activeTabUrl(windowId: number): Promise<string | undefined> {
  const [tab] = await browser.tabs.query({ active: true, windowId });
  return tab?.url;
}

/** Calls `onChange` when a tab is activated or loads (the caller looks again). */
export function onTabChange(onChange: () => void): () => void {
  const changed = () => onChange();
  browser.tabs.onActivated.addListener(changed);
  browser.tabs.onUpdated.addListener(changed);
  return () => {
    browser.tabs.onActivated.removeListener(changed);
    browser.tabs.onUpdated.removeListener(changed);
  };
}

export interface TabUrlReport {
  url: string;
  tabId: number;
  windowId: number;
  active: boolean;
}

/**
 * Each new URL of a tab (SPA moves included), from the browser itself: it comes about 3–4 ms
 * after Chatwoot's pushState, the content script's report about 10 (bench, "Switch latency").
 * Chrome names the URL only where the extension has host access: a tab elsewhere says nothing.
 */
export function onTabUrlChange(listener: (report: TabUrlReport) => void): () => void {
  const handler = (
    tabId: number,
    change: { url?: string },
    tab: { windowId?: number; active?: boolean },
  ) => {
    if (change.url === undefined || tab.windowId === undefined) return;
    listener({ url: change.url, tabId, windowId: tab.windowId, active: !!tab.active });
  };
  browser.tabs.onUpdated.addListener(handler);
  return () => browser.tabs.onUpdated.removeListener(handler);
}

/** The same, for tabs on `origin` only (the configured Chatwoot; none while it is null). */
export function onTabUrl(
  origin: () => string | null,
  listener: (report: TabUrlReport) => void,
): () => void {
  return onTabUrlChange((report) => {
    const from = origin();
    if (from && originOf(report.url) === from) listener(report);
  });
}

/** When the user last clicked the toolbar button: the tab it was clicked on may now show its URL
 * (`activeTab`), so an open panel looks again. Written by the background, watched by the panel. */
export const actionInvokedItem = defineItem<number>('session:actionInvokedAt', { fallback: 0 });

/** The decision log in a tab of its own (entrypoints/log/), for leads who want the width. */
export async function openLogTab(): Promise<void> {
  await browser.tabs.create({ url: browser.runtime.getURL('/log.html') });
}

/** Shows `url` (a page of the Chatwoot dashboard at `origin`) in an open dashboard tab, or a
 * new one, and opens the side panel beside it. */
export async function openInDashboard(origin: string, url: string): Promise<void> {
  const tabs = await browser.tabs.query({
    url: `${new URL(origin).protocol}//${new URL(origin).hostname}/*`,
  });
  const open = tabs.find((t) => t.url?.startsWith(`${origin}/app/`));
  const tab = open?.id
    ? await browser.tabs.update(open.id, { url, active: true })
    : await browser.tabs.create({ url });
  if (tab?.windowId === undefined) return;
  await browser.windows.update(tab.windowId, { focused: true });
  // Chrome may refuse outside a gesture it recognises: the tab is shown either way.
  await browser.sidePanel?.open({ windowId: tab.windowId }).catch(() => undefined);
}
