import { storage } from 'wxt/utils/storage';

// Every stored setting, declared once with its default. Credentials are NOT here: a token lives
// only in the background's IndexedDB (lib/background/credentials.ts).

export interface Settings {
  /** The Chatwoot instance's origin, e.g. https://app.chatwoot.com; '' until configured. */
  chatwootUrl: string;
  authMode: 'session' | 'token';
  slaMinutes: number;
  locale: 'auto' | 'en' | 'fr';
  mockMode: boolean;
}

// `npm start` builds with WXT_CHATWOOT_URL pointing at the local stand-in.
const builtInUrl: string = import.meta.env.WXT_CHATWOOT_URL ?? '';

export const DEFAULT_SETTINGS: Settings = {
  chatwootUrl: builtInUrl,
  authMode: 'session',
  slaMinutes: 30,
  locale: 'auto',
  mockMode: false,
};

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 1,
});

export async function getSettings(): Promise<Settings> {
  return { ...DEFAULT_SETTINGS, ...(await settingsItem.getValue()) };
}

/** `https://chat.example.org/app/…` → `https://chat.example.org`; null when not http(s). */
export function normaliseOrigin(input: string): string | null {
  let url: URL;
  try {
    url = new URL(input.trim().includes('://') ? input.trim() : `https://${input.trim()}`);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (!url.hostname) return null;
  return url.origin;
}

/** Match patterns cannot name a port: `http://localhost:3000` → `http://localhost/*`. The
 * exact origin is still enforced where it matters (the sender check, the API base URL). */
export function originPattern(origin: string): string {
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}/*`;
}
