import { browser } from 'wxt/browser';
import type { Handlers } from './requests';
import { getSettings } from '../settings/settings';

// Firefox only (imported behind `import.meta.env.FIREFOX`, so the Chrome build has none of it).
// 1. The panel is a sidebar (WXT turns the side panel entrypoint into `sidebar_action`); the
//    toolbar button opens it, as action.onClicked does on Chrome (lib/background/toolbar.ts).
// 2. Content scripts may have no Navigation API, and `popstate` does not fire on Chatwoot's
//    pushState: webNavigation sees every history change of the configured origin, and feeds
//    it to the same `page/location` handler the content script uses.

interface SidebarAction {
  toggle(): Promise<void>;
}

export function startFirefoxSupport(handlers: Handlers): void {
  const sidebar = (browser as unknown as { sidebarAction?: SidebarAction }).sidebarAction;
  browser.action.onClicked.addListener(() => void sidebar?.toggle());

  browser.webNavigation?.onHistoryStateUpdated.addListener((details) => {
    if (details.frameId !== 0) return;
    void (async () => {
      const { chatwootUrl } = await getSettings();
      if (!chatwootUrl || new URL(details.url).origin !== chatwootUrl) return;
      const tab = await browser.tabs.get(details.tabId);
      await handlers['page/location']({ url: details.url }, { tab, id: browser.runtime.id });
    })();
  });
}
