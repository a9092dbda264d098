import { fakeBrowser } from 'wxt/testing';

/** The browser's tabs.onUpdated, as Chrome fires it for a tab's new URL or load state. */
export const tabUpdated = (tabId: number, change: object, tab: object) =>
  (fakeBrowser.tabs.onUpdated.trigger as (...args: unknown[]) => Promise<unknown[]>)(
    tabId,
    change,
    tab,
  );
