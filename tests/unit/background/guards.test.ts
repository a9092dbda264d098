import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { contextOfTab } from '../../../lib/background/context';
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
