import { browser } from 'wxt/browser';
import { getSettings, operatorItem } from '../settings/settings';
import { SESSION_COOKIE, type Credentials } from './credentials';
import type { Outbox } from '../outbox/engine';

// Chatwoot's session cookie on the configured origin: when it changes, whoever was signed in may
// not be any more. The cached operator is forgotten (the next decision asks Chatwoot again), and
// a new session resumes a queue paused by a 401 once Chatwoot answers for it.

export function watchSession(outbox: Outbox, credentials: Credentials): void {
  browser.cookies?.onChanged.addListener(({ cookie, removed }) => {
    if (cookie.name !== SESSION_COOKIE) return;
    credentials.forgetSession(); // at once: the next call reads the new cookie
    void (async () => {
      const settings = await getSettings();
      if (settings.mockMode || !settings.chatwootUrl || !sameSite(cookie, settings.chatwootUrl))
        return;
      await operatorItem.setValue(null);
      if (!removed && settings.authMode === 'session') await outbox.checkAuth();
    })();
  });
}

/** The cookie's domain is the origin's host (or a parent of it, for a `.domain` cookie). */
export function sameSite(cookie: { domain: string }, origin: string): boolean {
  const host = new URL(origin).hostname;
  const domain = cookie.domain.replace(/^\./, '');
  return host === domain || host.endsWith(`.${domain}`);
}
