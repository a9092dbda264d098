import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { Credentials } from '../../../lib/background/credentials';
import { watchSession } from '../../../lib/background/session';
import type { Outbox } from '../../../lib/outbox/engine';

// Whoever Chatwoot's session cookie names is who the worker calls as: a change of the cookie
// drops the headers it had read, before anything else runs.

beforeEach(() => fakeBrowser.reset());

describe('watchSession', () => {
  it('forgets the session headers at once when the session cookie changes', async () => {
    const credentials = new Credentials({
      get: async () => undefined,
      set: async () => undefined,
      delete: async () => undefined,
      keys: async () => [],
    });
    const forget = vi.spyOn(credentials, 'forgetSession');
    // The fake browser has no cookie events: keep the listener the worker registers.
    type Listener = (change: {
      cookie: { name: string; domain: string };
      removed: boolean;
    }) => void;
    let listener: Listener = () => undefined;
    vi.spyOn(fakeBrowser.cookies.onChanged, 'addListener').mockImplementation((l) => {
      listener = l as unknown as Listener;
    });
    watchSession({ checkAuth: async () => true } as unknown as Outbox, credentials);
    listener({
      cookie: { name: 'other', domain: 'chat.example.org' },
      removed: false,
    });
    expect(forget).not.toHaveBeenCalled();
    listener({
      cookie: { name: 'cw_d_session_info', domain: 'chat.example.org' },
      removed: true,
    });
    expect(forget).toHaveBeenCalledTimes(1);
  });
});
