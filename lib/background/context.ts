import { browser } from 'wxt/browser';
import { defineItem } from '../platform/storage';
import { getSettings } from '../settings/settings';
import { pageContext } from '../chatwoot/routes';
import type { ActiveContext } from '../messages';

// Which Chatwoot page each tab shows, kept in session storage: the worker can be stopped between
// a navigation and the panel asking, and its memory goes with it.

interface TabPage {
  windowId: number;
  url: string;
}

const tabsItem = defineItem<Record<string, TabPage>>('session:tabPages', { fallback: {} });

// Each change reads, edits and writes the whole record: one at a time, in the order asked, or
// two quick navigations (or a navigation and a closed tab) would overwrite each other.
let writes: Promise<unknown> = Promise.resolve();
function edit(change: (pages: Record<string, TabPage>) => boolean): Promise<void> {
  const run = writes.then(async () => {
    const pages = await tabsItem.getValue();
    if (change(pages)) await tabsItem.setValue(pages);
  });
  writes = run.catch(() => undefined);
  return run;
}

export async function rememberTab(tabId: number, page: TabPage): Promise<ActiveContext> {
  await edit((pages) => {
    pages[String(tabId)] = page;
    return true;
  });
  return pageContext(tabId, page);
}

export async function forgetTab(tabId: number): Promise<void> {
  await edit((pages) => delete pages[String(tabId)]);
}

export async function contextOfTab(tabId: number): Promise<ActiveContext | null> {
  const page = (await tabsItem.getValue())[String(tabId)];
  return page ? pageContext(tabId, page) : null;
}

/** Ids of the tabs that show a page of the configured Chatwoot (its content script said so). */
export async function chatwootTabIds(): Promise<Set<number>> {
  return new Set(Object.keys(await tabsItem.getValue()).map(Number));
}

/** Called when a tab starts or stops showing the configured Chatwoot (not on moves within it). */
export function onChatwootTabsChange(callback: (tabIds: Set<number>) => void): () => void {
  return tabsItem.watch((now, before) => {
    const ids = Object.keys(now ?? {}).join();
    if (ids !== Object.keys(before ?? {}).join()) {
      callback(new Set(ids ? ids.split(',').map(Number) : []));
    }
  });
}

/** The context of the active tab of a window; null when that tab is not a page of the
 * configured Chatwoot (a page stored before the URL changed belongs to another instance). */
export async function contextOfWindow(windowId: number): Promise<ActiveContext | null> {
  const [tab] = await browser.tabs.query({ active: true, windowId });
  if (tab?.id === undefined) return null;
  const context = await contextOfTab(tab.id);
  const { chatwootUrl } = await getSettings();
  return context && chatwootUrl && context.origin === chatwootUrl ? context : null;
}

/** Any remembered Chatwoot tab, for opening a conversation from the queue. */
export async function anyChatwootTab(windowId: number): Promise<number | null> {
  const pages = await tabsItem.getValue();
  const entries = Object.entries(pages);
  const sameWindow = entries.find(([, page]) => page.windowId === windowId);
  const chosen = sameWindow ?? entries[0];
  return chosen ? Number(chosen[0]) : null;
}
