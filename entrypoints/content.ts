import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';

// Tiny on purpose (≤ 3 KB, no React, no zod): report the URL on load and on every SPA
// navigation. Chatwoot's router uses history.pushState, which an isolated world cannot hook;
// the Navigation API's `currententrychange` does fire here (docs/CHATWOOT.md §1). No timers.
export default defineContentScript({
  // Registered at run time for the configured Chatwoot origin (lib/background/registration.ts).
  registration: 'runtime',
  matches: [],
  main() {
    let last = '';
    const report = () => {
      if (location.href === last) return;
      last = location.href;
      // Rejects only when the extension was reloaded under this page: nothing to tell then.
      browser.runtime
        .sendMessage({ type: 'page/location', payload: { url: last } })
        .catch(() => {});
    };
    report();
    const nav = (globalThis as { navigation?: EventTarget }).navigation;
    if (nav) nav.addEventListener('currententrychange', report);
    else addEventListener('popstate', report);
  },
});
