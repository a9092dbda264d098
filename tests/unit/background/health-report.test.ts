import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { sweepBreaches } from '../../../lib/background/health/breach-sweep';
import { Health } from '../../../lib/background/health/health';
import { buildHealthReport, recordBreaches } from '../../../lib/background/health/report';
import { tableKv, type KeyValueStore } from '../../../lib/background/kv';
import type { WireConversation } from '../../../lib/chatwoot/schemas';
import { DecisionsDb } from '../../../lib/decisions/db';
import { updateSettings } from '../../../lib/settings/settings';
import { localDayStart } from '../../../lib/sop/health';
import { FakeChatwoot } from './fake-api';

// "Breaches today vs the same weekday last week" from stored daily counts, whoever looked.

const MIN = 60_000;
const ORIGIN = 'https://chat.example.org';
// A Thursday, 15:00 local time; last week's Thursday is `localDayStart(NOW, 7)`.
const NOW = new Date(2026, 10, 26, 15, 0);
const LAST_WEEK = new Date(localDayStart(NOW, 7).getTime() + 15 * 60 * MIN);

const epoch = (d: Date) => Math.floor(d.getTime() / 1000);
function waiting(id: number, since: Date): WireConversation {
  return {
    id,
    account_id: 1,
    status: 'open',
    labels: [],
    created_at: epoch(since) - 3600,
    timestamp: epoch(since),
    waiting_since: epoch(since),
    meta: {},
    messages: [],
    last_non_activity_message: null,
  } as unknown as WireConversation;
}

let db: DecisionsDb;
let kv: KeyValueStore;
beforeEach(() => {
  fakeBrowser.reset();
  db = new DecisionsDb(`health-test-${crypto.randomUUID()}`);
  kv = tableKv(db.kv);
});
afterEach(async () => {
  await db.delete();
});

const report = (now = NOW) => buildHealthReport({ db, kv, health: new Health(kv), now });
const record = (conversations: WireConversation[], now: Date) =>
  recordBreaches(kv, conversations, { now, slaMinutes: 30, clock: 'waiting', origin: ORIGIN });

describe('daily breach counts', () => {
  it('no figure for a day nobody looked at; "none" for a day looked at with no breach', async () => {
    expect((await report()).breaches).toMatchObject({ sameWeekdayLastWeek: null });
    await record([], LAST_WEEK);
    await record([waiting(1, new Date(NOW.getTime() - 2 * 60 * MIN))], NOW);
    const { breaches } = await report();
    expect(breaches).toMatchObject({
      today: 1,
      sameWeekdayLastWeek: 0,
      change: null,
      status: 'warn',
    });
  });

  it('counts a breach once however often it is seen, and a new wait as a new breach', async () => {
    await record([waiting(1, new Date(NOW.getTime() - 3 * 60 * MIN))], NOW);
    await record([waiting(1, new Date(NOW.getTime() - 3 * 60 * MIN))], NOW);
    expect((await report()).breaches.today).toBe(1);
    // Answered, then the customer wrote again and waited 40 min: a second breach today.
    await record([waiting(1, new Date(NOW.getTime() - 40 * MIN))], NOW);
    expect((await report()).breaches.today).toBe(2);
  });

  it('a conversation answered before the queue was opened still counted: the sweep saw it', async () => {
    const api = new FakeChatwoot();
    const breached = waiting(7, new Date(LAST_WEEK.getTime() - 60 * MIN));
    api.listConversations = async (_a, { status }) => ({
      conversations: status === 'open' ? [breached] : [],
      allCount: status === 'open' ? 1 : 0,
    });
    await updateSettings({ chatwootUrl: ORIGIN });
    expect(await sweepBreaches({ kv, api: async () => api, now: () => LAST_WEEK })).toBe(true);
    // A week later the conversation is long answered (not in any list); last week's count stays.
    await record([], NOW);
    expect((await report()).breaches).toMatchObject({ today: 0, sameWeekdayLastWeek: 1 });
  });

  it('the sweep does nothing in mock mode or before a Chatwoot URL is set', async () => {
    const api = new FakeChatwoot();
    expect(await sweepBreaches({ kv, api: async () => api })).toBe(false);
    await updateSettings({ chatwootUrl: ORIGIN, mockMode: true });
    expect(await sweepBreaches({ kv, api: async () => api })).toBe(false);
    expect(api.calls).toEqual([]);
  });
});
