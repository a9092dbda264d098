import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { contextOfTab, forgetTab, rememberTab } from '../../../lib/background/context';
import { Credentials } from '../../../lib/background/credentials';
import { Health } from '../../../lib/background/health/health';
import { tableKv } from '../../../lib/background/kv';
import { sameSite } from '../../../lib/background/session';
import { createHandlers } from '../../../lib/background/service';
import { DecisionsDb } from '../../../lib/decisions/db';
import { Outbox } from '../../../lib/outbox/engine';
import { DEFAULT_SETTINGS, settingsItem } from '../../../lib/settings/settings';
import { FakeChatwoot } from './fake-api';

// Issue 16, point 7: what the background accepts from a content script, which tab pages it
// still trusts after the URL changed, and which tokens it keeps.

const ORIGIN = 'https://chat.example.org';
const PAGE = `${ORIGIN}/app/accounts/1/conversations/12`;

let db: DecisionsDb;
beforeEach(async () => {
  fakeBrowser.reset();
  db = new DecisionsDb(`guards-${crypto.randomUUID()}`);
  await settingsItem.setValue({ ...DEFAULT_SETTINGS, chatwootUrl: ORIGIN });
});
afterEach(async () => {
  await db.delete();
});

function setup() {
  const kv = tableKv(db.kv);
  const credentials = new Credentials(kv);
  const outbox = new Outbox({ db, kv, credentials, api: async () => new FakeChatwoot() });
  return {
    kv,
    credentials,
    handlers: createHandlers({ db, outbox, credentials, kv, health: new Health(kv) }),
  };
}

const tab = { id: 4, windowId: 1 };

describe('page/location', () => {
  it('keeps a page of the sender’s own origin', async () => {
    const { handlers } = setup();
    await handlers['page/location']({ url: PAGE }, { id: 'x', origin: ORIGIN, url: PAGE, tab });
    expect(await contextOfTab(4)).toMatchObject({ origin: ORIGIN, conversationId: 12 });
  });

  it('ignores a URL of another origin than the page that sent it', async () => {
    const { handlers } = setup();
    const elsewhere = 'https://other.example.org/app/accounts/1/conversations/99';
    const other = { id: 5, windowId: 1 };
    await handlers['page/location'](
      { url: elsewhere },
      { id: 'x', origin: ORIGIN, url: PAGE, tab: other },
    );
    expect(await contextOfTab(5)).toBeNull();
  });
});

/** The first call's answer arrives 20 ms late (read at once, so stale by then). */
function slowFirst<A extends unknown[], R>(fn: (...args: A) => Promise<R>) {
  let calls = 0;
  return async (...args: A): Promise<R> => {
    const answer = await fn(...args);
    if (calls++ === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    return answer;
  };
}

describe('page/location, two navigations in quick succession', () => {
  it('stores and tells the pages in the order the tab showed them', async () => {
    const { handlers } = setup();
    // The first report's storage read is the slow one: unordered, the inbox would be written
    // and told last, and the panel would show the queue.
    const get = fakeBrowser.storage.session.get.bind(fakeBrowser.storage.session);
    vi.spyOn(fakeBrowser.storage.session, 'get').mockImplementation(slowFirst(get) as never);
    const told: (number | null)[] = [];
    fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
      const m = message as { event?: string; context?: { conversationId: number | null } };
      if (m.event === 'context/changed') told.push(m.context?.conversationId ?? null);
    });
    const inbox = `${ORIGIN}/app/accounts/1/conversations`;
    const sender = { id: 'x', origin: ORIGIN, url: PAGE, tab: { ...tab, active: true } };
    await Promise.all([
      handlers['page/location']({ url: inbox }, sender),
      handlers['page/location']({ url: PAGE }, sender),
    ]);
    expect(await contextOfTab(4)).toMatchObject({ conversationId: 12 });
    expect(told).toEqual([null, 12]);
  });

  it('keeps both tabs when two report at once', async () => {
    const get = fakeBrowser.storage.session.get.bind(fakeBrowser.storage.session);
    vi.spyOn(fakeBrowser.storage.session, 'get').mockImplementation(slowFirst(get) as never);
    await Promise.all([
      rememberTab(1, { windowId: 1, url: PAGE }),
      rememberTab(2, { windowId: 2, url: `${ORIGIN}/app/accounts/1/conversations/13` }),
      forgetTab(3),
    ]);
    expect(await contextOfTab(1)).toMatchObject({ conversationId: 12 });
    expect(await contextOfTab(2)).toMatchObject({ conversationId: 13 });
  });
});

describe('context/get after the Chatwoot URL changed', () => {
  it('no longer offers a tab page stored for the old origin', async () => {
    const { handlers } = setup();
    const active = { id: 6, windowId: 1 };
    const windowId = active.windowId;
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([active as never]);
    await handlers['page/location'](
      { url: PAGE },
      { id: 'x', origin: ORIGIN, url: PAGE, tab: active },
    );
    expect((await handlers['context/get']({ windowId }, {})).context?.conversationId).toBe(12);
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, chatwootUrl: 'https://other.example.org' });
    expect((await handlers['context/get']({ windowId }, {})).context).toBeNull();
  });
});

describe('settings/save', () => {
  it('deletes the tokens of an old origin, and all tokens when switching to the session', async () => {
    const { credentials, handlers } = setup();
    await credentials.setToken(ORIGIN, 'old-origin-token');
    await handlers['settings/save'](
      { chatwootUrl: 'https://new.example.org', authMode: 'token', token: 'new-token' },
      {},
    );
    expect(await credentials.hasToken(ORIGIN)).toBe(false);
    expect(await credentials.hasToken('https://new.example.org')).toBe(true);
    await handlers['settings/save'](
      { chatwootUrl: 'https://new.example.org', authMode: 'session' },
      {},
    );
    expect(await credentials.hasToken('https://new.example.org')).toBe(false);
  });

  it('refuses plain http:// except on this machine, in plain words', async () => {
    const { handlers } = setup();
    const reply = await handlers['settings/save'](
      { chatwootUrl: 'http://chat.example.org', authMode: 'session' },
      {},
    );
    expect(reply).toMatchObject({
      ok: false,
      error: { detail: expect.stringMatching(/use https:\/\//) },
    });
    expect((await settingsItem.getValue()).chatwootUrl).toBe(ORIGIN);
  });
});

describe('the session cookie belongs to the configured origin', () => {
  it.each([
    ['chat.example.org', true],
    ['.example.org', true],
    ['example.org.evil.example', false],
    ['other.example.org', false],
  ])('%s → %s', (domain, expected) => {
    expect(sameSite({ domain }, ORIGIN)).toBe(expected);
  });
});
