import { browser } from 'wxt/browser';
import { ChatwootError } from '../chatwoot/errors';
import { sessionCookieSchema } from '../chatwoot/schemas';
import type { Settings } from '../settings/settings';
import type { KeyValueStore } from './kv';

// Credentials exist only here, in the service worker: read from Chatwoot's own session cookie
// (docs/CHATWOOT.md §2) or from the token kept in the extension's IndexedDB, never in chrome.storage
// (which content scripts can read) and never sent to a page.

export const SESSION_COOKIE = 'cw_d_session_info';
const tokenKey = (origin: string) => `token:${origin}`;

/** js-cookie percent-encodes `"`, `,`, `;` and spaces and leaves `{ } : @ /` raw. */
export function headersFromSessionCookie(value: string): Record<string, string> | null {
  let json: unknown;
  try {
    json = JSON.parse(decodeURIComponent(value));
  } catch {
    return null;
  }
  const parsed = sessionCookieSchema.safeParse(json);
  if (!parsed.success) return null;
  const s = parsed.data;
  return {
    'access-token': s['access-token'],
    client: s.client,
    uid: s.uid,
    'token-type': s['token-type'] ?? 'Bearer',
  };
}

export class Credentials {
  /** The headers last read per origin and mode, in this worker's memory only: a switch waits on
   * two Chatwoot GETs, not on a cookie or IndexedDB read before each (issue 21). Dropped when
   * the session cookie or a token changes; a stopped worker starts empty. */
  private readonly cache = new Map<string, Promise<Record<string, string>>>();

  constructor(private readonly kv: KeyValueStore) {}

  /** Chatwoot's session cookie changed (signed in, out, or as someone else). */
  forgetSession(): void {
    for (const key of this.cache.keys()) if (key.startsWith('session:')) this.cache.delete(key);
  }

  async setToken(origin: string, token: string | null): Promise<void> {
    if (token) await this.kv.set(tokenKey(origin), token);
    else await this.kv.delete(tokenKey(origin));
    this.cache.delete(`token:${origin}`); // after the write: a read meanwhile saw the old one
  }

  /** Deletes every stored token but `keep`'s (null: all): switching origin or to the session
   * leaves no token of an instance the extension no longer talks to. */
  async forgetTokensExcept(keep: string | null): Promise<void> {
    this.cache.clear();
    for (const key of await this.kv.keys(tokenKey(''))) {
      if (key !== (keep === null ? null : tokenKey(keep))) await this.kv.delete(key);
    }
  }

  async hasToken(origin: string): Promise<boolean> {
    return (await this.kv.get<string>(tokenKey(origin))) !== undefined;
  }

  headers(settings: Pick<Settings, 'authMode'>, origin: string): Promise<Record<string, string>> {
    const key = `${settings.authMode}:${origin}`;
    let headers = this.cache.get(key);
    if (!headers) {
      headers = this.read(settings, origin);
      this.cache.set(key, headers);
      // A failed read (signed out, no token) is not kept: the next call looks again.
      headers.catch(() => {
        if (this.cache.get(key) === headers) this.cache.delete(key);
      });
    }
    return headers;
  }

  private async read(
    settings: Pick<Settings, 'authMode'>,
    origin: string,
  ): Promise<Record<string, string>> {
    if (settings.authMode === 'token') {
      const token = await this.kv.get<string>(tokenKey(origin));
      if (!token) throw new ChatwootError('bad_token', 'No access token saved', null);
      return { api_access_token: token };
    }
    const cookie = await browser.cookies.get({ url: `${origin}/`, name: SESSION_COOKIE });
    const headers = cookie ? headersFromSessionCookie(cookie.value) : null;
    if (!headers)
      throw new ChatwootError('signed_out', 'No Chatwoot session in this browser', null);
    return headers;
  }
}
