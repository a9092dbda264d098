import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { flushSync } from 'react-dom';
import { browser } from 'wxt/browser';
import type { ActiveContext } from '../../lib/messages';
import { onBackgroundEvent, onContentLocation, send } from '../../lib/platform/messaging';
import { pageContext } from '../../lib/chatwoot/routes';
import {
  applyManaged,
  DEFAULT_SETTINGS,
  settingsItem,
  type ManagedSettings,
  type Settings,
} from '../../lib/settings/settings';
import { currentPolicy, subscribePolicy, usePolicy } from './usePolicy';

/** The conversation open in this window's active Chatwoot tab (null: show the queue). */
export function useActiveContext(onHeard?: (context: ActiveContext) => void): {
  context: ActiveContext | null;
  ready: boolean;
} {
  const [state, setState] = useState<{ context: ActiveContext | null; ready: boolean }>({
    context: null,
    ready: false,
  });
  const heard = useRef(onHeard);
  useEffect(() => {
    heard.current = onHeard;
  });
  useEffect(() => {
    let windowId: number | undefined;
    let cancelled = false;
    // Pages heard from the content script, latest last: the worker's context/changed for an
    // older one arrives after the content script has moved on, and must not take the panel back.
    const heardPages: ActiveContext[] = [];
    // The same page heard twice (from the content script, then the worker) renders once.
    // Rendered at once (flushSync), not in a later scheduler task: the switch is what the agent
    // waits on, and a task more costs milliseconds on a busy machine (bench hops, issue 21).
    let heardCount = 0; // pages heard since the panel opened (a context/get asked before is older)
    const show = (context: ActiveContext) => {
      heardCount += 1;
      flushSync(() =>
        setState((s) => (s.ready && samePage(s.context, context) ? s : { context, ready: true })),
      );
    };
    // Straight from the content script: one hop fewer than the worker's context/changed.
    const unlisten = onContentLocation(
      () => cachedSettings.chatwootUrl || null,
      ({ url, tabId, windowId: w, active }) => {
        if (w !== windowId || !active) return;
        performance.clearMarks('cx:location');
        performance.mark('cx:location'); // the bench's hop timings (scripts/bench.ts)
        const context = pageContext(tabId, { windowId: w, url });
        heardPages.push(context);
        if (heardPages.length > 64) heardPages.shift();
        heard.current?.(context);
        show(context);
      },
    );
    const unsubscribe = onBackgroundEvent((event) => {
      if (event.event === 'context/changed' && event.context.windowId === windowId) {
        performance.clearMarks('cx:context');
        performance.mark('cx:context');
        const at = heardPages.findLastIndex((c) => samePage(c, event.context));
        if (at >= 0 && at < heardPages.length - 1) return; // the tab has moved on since
        show(event.context);
      }
    });
    // The worker's record of the window's active tab, unless a page was heard meanwhile: that
    // one is newer.
    const ask = async (w: number) => {
      const before = heardCount;
      const { context } = await send('context/get', { windowId: w });
      if (!cancelled && heardCount === before) setState({ context, ready: true });
    };
    void (async () => {
      windowId = (await browser.windows.getCurrent()).id;
      if (windowId !== undefined) await ask(windowId);
    })();
    // The panel follows the active tab of its window.
    const onActivated = async (info: { tabId: number; windowId: number }) => {
      if (info.windowId === windowId) await ask(windowId);
    };
    browser.tabs.onActivated.addListener(onActivated);
    return () => {
      cancelled = true;
      unlisten();
      unsubscribe();
      browser.tabs.onActivated.removeListener(onActivated);
    };
  }, []);
  return state;
}

function samePage(a: ActiveContext | null, b: ActiveContext): boolean {
  return (
    !!a &&
    a.tabId === b.tabId &&
    a.windowId === b.windowId &&
    a.origin === b.origin &&
    a.accountId === b.accountId &&
    a.conversationId === b.conversationId
  );
}

// The settings in effect (the user's, with an administrator's policy winning: lib/settings/settings.ts),
// kept current with the user's settings and the policy (usePolicy.ts).
let localSettings: Settings = DEFAULT_SETTINGS;
let cachedSettings: Settings = DEFAULT_SETTINGS;
const settingsListeners = new Set<() => void>();
function publish() {
  cachedSettings = applyManaged(localSettings, currentPolicy().settings);
  settingsListeners.forEach((l) => l());
}
void settingsItem.getValue().then((value) => {
  localSettings = { ...DEFAULT_SETTINGS, ...value };
  publish();
});
settingsItem.watch((value) => {
  localSettings = { ...DEFAULT_SETTINGS, ...value };
  publish();
});
subscribePolicy(publish);

export function useSettings(): Settings {
  return useSyncExternalStore(
    (listener) => {
      settingsListeners.add(listener);
      return () => settingsListeners.delete(listener);
    },
    () => cachedSettings,
  );
}

/** What an administrator set (empty without a policy): locked fields, hidden actions. */
export function useManagedSettings(): ManagedSettings {
  return usePolicy().settings;
}

/** Re-renders at `next` (a priority change) and at least every `everyMs`, without refetching. */
export function useNow(everyMs: number, next?: Date | null): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const untilNext = next ? next.getTime() - Date.now() + 50 : Infinity;
    const delay = Math.max(250, Math.min(everyMs, untilNext));
    const timer = setTimeout(() => setNow(new Date()), delay);
    return () => clearTimeout(timer);
  }, [now, everyMs, next]);
  return now;
}
