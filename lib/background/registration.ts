import { browser } from 'wxt/browser';
import { originPattern } from '../settings/settings';

// The content script is registered at run time for the one configured Chatwoot origin, once the
// user granted that origin (optional_host_permissions): the store build asks for no host up front.

export const DETECTOR_ID = 'chatwoot-detector';
export const DETECTOR_FILE = '/content-scripts/content.js' as const;

export interface RegistrationApi {
  hasOrigin(origin: string): Promise<boolean>;
  registered(): Promise<string[]>; // match patterns of our script, [] when none
  register(matches: string[]): Promise<void>;
  unregister(): Promise<void>;
  injectIntoOpenTabs(matches: string[]): Promise<void>;
}

type SyncOutcome = 'registered' | 'unchanged' | 'removed' | 'no-permission';
let queue: Promise<unknown> = Promise.resolve();

/** Make the registration match the configured origin. Calls are serialised: a settings
 * change and the Save handler both sync, and two concurrent registrations would collide. */
export function syncDetector(api: RegistrationApi, origin: string | null): Promise<SyncOutcome> {
  const run = queue.then(
    () => syncOnce(api, origin),
    () => syncOnce(api, origin),
  );
  queue = run.catch(() => undefined);
  return run;
}

async function syncOnce(api: RegistrationApi, origin: string | null): Promise<SyncOutcome> {
  const current = await api.registered();
  if (!origin) {
    if (current.length) await api.unregister();
    return current.length ? 'removed' : 'unchanged';
  }
  if (!(await api.hasOrigin(origin))) {
    if (current.length) await api.unregister();
    return 'no-permission';
  }
  const matches = [originPattern(origin)];
  if (current.length === 1 && current[0] === matches[0]) return 'unchanged';
  if (current.length) await api.unregister();
  await api.register(matches);
  await api.injectIntoOpenTabs(matches);
  return 'registered';
}

export const chromeRegistration: RegistrationApi = {
  hasOrigin: (origin) => browser.permissions.contains({ origins: [originPattern(origin)] }),
  async registered() {
    const scripts = await browser.scripting.getRegisteredContentScripts({ ids: [DETECTOR_ID] });
    return scripts[0]?.matches ?? [];
  },
  async register(matches) {
    await browser.scripting.registerContentScripts([
      {
        id: DETECTOR_ID,
        matches,
        js: [DETECTOR_FILE],
        runAt: 'document_idle',
        persistAcrossSessions: true,
      },
    ]);
  },
  async unregister() {
    await browser.scripting.unregisterContentScripts({ ids: [DETECTOR_ID] });
  },
  async injectIntoOpenTabs(matches) {
    // Tabs opened before the origin was configured get the detector too.
    const tabs = await browser.tabs.query({ url: matches });
    await Promise.all(
      tabs.map(
        (tab) =>
          tab.id === undefined
            ? undefined
            : browser.scripting
                .executeScript({ target: { tabId: tab.id }, files: [DETECTOR_FILE] })
                .catch(() => undefined), // a tab mid-navigation; the registration covers its next load
      ),
    );
  },
};
