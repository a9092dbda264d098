import { storage } from 'wxt/utils/storage';
import type { TemplateLibrary } from './sop/library';

// Every stored setting, declared once with its default. Credentials are NOT here: a token lives
// only in the background's IndexedDB (lib/background/credentials.ts).

export interface Settings {
  /** The Chatwoot instance's origin, e.g. https://app.chatwoot.com; '' until configured. */
  chatwootUrl: string;
  authMode: 'session' | 'token';
  slaMinutes: number;
  locale: 'auto' | 'en' | 'fr';
  mockMode: boolean;
  /** Mock mode only: a failure the trainer scripts to practise errors (lib/mock/mock-chatwoot.ts). */
  mockFailure: 'none' | 'send_offline' | 'send_refused' | 'offline';
}

// `npm start` builds with WXT_CHATWOOT_URL pointing at the local stand-in.
const builtInUrl: string = import.meta.env.WXT_CHATWOOT_URL ?? '';

export const DEFAULT_SETTINGS: Settings = {
  chatwootUrl: builtInUrl,
  authMode: 'session',
  slaMinutes: 30,
  locale: 'auto',
  mockMode: false,
  mockFailure: 'none',
};

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 1,
});

/** The team's reply templates (lib/sop/library.ts), edited in the options page; null = the
 * shipped defaults. Read it through `normaliseLibrary`, which also validates an import. Its own
 * item: larger than the settings, with its own lifecycle (reset, refresh from Chatwoot). */
export const templatesItem = storage.defineItem<TemplateLibrary | null>('local:templates', {
  fallback: null,
  version: 1,
});

/** Decisions made in mock mode carry this origin instead of a Chatwoot URL. */
export const MOCK_ORIGIN = 'mock:';

/** The origin decisions and the operator cache are keyed by: `mock:` in mock mode. */
export function apiOrigin(s: Pick<Settings, 'mockMode' | 'chatwootUrl'>): string {
  return s.mockMode ? MOCK_ORIGIN : s.chatwootUrl;
}

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
