import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { AHEAD_CALLS_PER_MINUTE, RollingMinute } from '../../../lib/ahead-budget';
import { Credentials } from '../../../lib/background/credentials';
import { Health } from '../../../lib/background/health/health';
import { tableKv } from '../../../lib/background/kv';
import { createHandlers } from '../../../lib/background/service';
import { DecisionsDb } from '../../../lib/decisions/db';
import { Outbox } from '../../../lib/outbox/engine';
import { DEFAULT_SETTINGS, settingsItem } from '../../../lib/settings/settings';
import { SEED, startStandin, type Standin } from '../../standin/server';
import { FakeChatwoot } from './fake-api';

// Issue 21: the Chatwoot calls made ahead of need stay within the declared calls per minute.
// The worker counts its own list and thread calls and refuses a fetch-ahead past the budget.

describe('RollingMinute', () => {
  it.each([
    { name: 'empty', spend: [] as [number, number][], at: 0, room: 10 },
    { name: 'spent now', spend: [[0, 4]] as [number, number][], at: 0, room: 6 },
    { name: 'still within the minute', spend: [[0, 4]] as [number, number][], at: 59_999, room: 6 },
    { name: 'a minute later', spend: [[0, 4]] as [number, number][], at: 60_000, room: 10 },
    {
      name: 'half aged out',
      spend: [
        [0, 4],
        [30_000, 3],
      ] as [number, number][],
      at: 61_000,
      room: 7,
    },
    {
      name: 'overspent (counted, never refused)',
      spend: [[0, 12]] as [number, number][],
      at: 1,
      room: -2,
    },
  ])('$name: room $room', ({ spend, at, room }) => {
    let now = 0;
    const minute = new RollingMinute(10, () => now);
    for (const [t, calls] of spend) {
      now = t;
      minute.spend(calls);
    }
    now = at;
    expect(minute.room()).toBe(room);
  });

  it('trySpend spends all or nothing', () => {
    const minute = new RollingMinute(3, () => 0);
    expect(minute.trySpend(2)).toBe(true);
    expect(minute.trySpend(2)).toBe(false);
    expect(minute.room()).toBe(1);
  });
});

describe('the worker refuses a fetch-ahead past the budget', () => {
  let standin: Standin;
  beforeAll(async () => {
    standin = await startStandin({ quiet: true });
  });
  afterAll(async () => {
    await standin.close();
    vi.useRealTimers();
  });
  beforeEach(() => {
    fakeBrowser.reset();
    standin.reset();
  });

  it('counts list pages, then answers "rate_limited" without calling Chatwoot', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.UTC(2026, 11, 5, 9));
    const db = new DecisionsDb(`ahead-${crypto.randomUUID()}`);
    const kv = tableKv(db.kv);
    const credentials = new Credentials(kv);
    await settingsItem.setValue({
      ...DEFAULT_SETTINGS,
      chatwootUrl: standin.url,
      authMode: 'token',
    });
    await credentials.setToken(standin.url, SEED.agentToken);
    const outbox = new Outbox({ db, kv, credentials, api: async () => new FakeChatwoot() });
    const h = createHandlers({ db, outbox, credentials, kv, health: new Health(kv) });
    const from = { id: fakeBrowser.runtime.id, url: 'chrome-extension://x/sidepanel.html' };
    const get = (conversationId: number, ahead?: boolean) =>
      h['conversation/get']({ accountId: SEED.accountId, conversationId, ahead }, from);
    const ids = standin.state.conversations
      .filter(
        (c) => c.accountId === SEED.accountId && c.displayId !== SEED.conversations.restricted,
      )
      .map((c) => c.displayId);

    // The queue: one list page per status here, counted.
    expect((await h['queue/get']({}, from)).ok).toBe(true);
    const listPages = standin.requests
      .list()
      .filter((r) => r.path.endsWith('/conversations')).length;
    expect(listPages).toBeGreaterThan(0);
    standin.requests.clear();
    const fits = Math.floor((AHEAD_CALLS_PER_MINUTE - listPages) / 2);
    for (let i = 0; i < fits; i++) expect((await get(ids[i % ids.length]!, true)).ok).toBe(true);
    expect(standin.requests.list()).toHaveLength(fits * 2);

    standin.requests.clear();
    expect(await get(ids[0]!, true)).toMatchObject({ ok: false, error: { kind: 'rate_limited' } });
    expect(standin.requests.list()).toHaveLength(0);
    // What the agent opens is never refused.
    expect((await get(ids[0]!)).ok).toBe(true);
    // A minute later there is room again.
    vi.setSystemTime(Date.UTC(2026, 11, 5, 9, 1, 1));
    expect((await get(ids[1]!, true)).ok).toBe(true);
    await db.delete();
  });
});
