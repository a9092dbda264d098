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
import { currentWindowId, onTabUrl, type TabUrlReport } from '../../lib/platform/tabs';
import { followActiveContext, samePage, type PageSource } from './follow-context';
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
  useEffect(
    () =>
      followActiveContext(
        {
          windowId: currentWindowId,
          ask: async (windowId) => (await send('context/get', { windowId })).context,
          onEvent: (listener) =>
            onBackgroundEvent((event) => {
              if (event.event === 'context/changed') {
                performance.clearMarks('cx:context');
                performance.mark('cx:context'); // the bench's hop timings (scripts/bench.ts)
              }
              listener(event);
            }),
          // From the browser, then the content script (one hop fewer than the worker's event).
          onLocation: (listener) => {
            const origin = () => cachedSettings.chatwootUrl || null;
            const hear =
              (source: PageSource) =>
              ({ url, tabId, windowId, active }: TabUrlReport) => {
                if (!active) return;
                performance.clearMarks(`cx:location:${source}`);
                performance.mark(`cx:location:${source}`); // the bench's hop timings
                listener(pageContext(tabId, { windowId, url }), source);
              };
            const offBrowser = onTabUrl(origin, hear('browser'));
            const offContent = onContentLocation(origin, hear('content'));
            return () => {
              offBrowser();
              offContent();
            };
          },
          onActivated: (listener) => {
            const handler = (info: { windowId: number }) => listener(info.windowId);
            browser.tabs.onActivated.addListener(handler);
            return () => browser.tabs.onActivated.removeListener(handler);
          },
        },
        {
          heard: (context) => heard.current?.(context),
          // Rendered at once (flushSync), not in a later scheduler task: the switch is what the
          // agent waits on, and a task more costs milliseconds on a busy machine (issue 21).
          // The same page heard twice (content script, then worker) renders once.
          show: (context) =>
            flushSync(() =>
              setState((s) =>
                context && s.ready && samePage(s.context, context) ? s : { context, ready: true },
              ),
            ),
        },
      ),
    [],
  );
  return state;
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
