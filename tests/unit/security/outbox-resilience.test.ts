import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { ORPHAN_GRACE_MS, Outbox } from '../../../lib/outbox/engine';
import { Credentials } from '../../../lib/background/credentials';
import { ChatwootError } from '../../../lib/chatwoot/errors';
import { tableKv } from '../../../lib/background/kv';
import { DecisionsDb, findByRequestId, getDecision } from '../../../lib/decisions/db';
import { listOutbox } from '../../../lib/outbox/store';
import { isTimeOrderedId } from '../../../lib/decisions/ids';
import type { ActionInput } from '../../../lib/messages';
import { settingsItem, DEFAULT_SETTINGS } from '../../../lib/settings/settings';
import { FakeChatwoot } from '../background/fake-api';

// Issue 9, the chaos suite's findings as unit tests: a submit re-sent after the worker died
// mid-answer, an entry claimed by a stopped worker, a duplicate left by an interrupted
// read-back, and the token kept out of chrome.storage.

let dbCount = 0;
function setup(chatwoot = new FakeChatwoot()) {
  const db = new DecisionsDb(`security-outbox-${dbCount++}`);
  const kv = tableKv(db.kv);
  let clock = new Date('2026-11-27T10:00:00Z').getTime(); // moves only when told: no lease expires
  const make = () =>
    new Outbox({
      db,
      kv,
      credentials: new Credentials(kv),
      api: async () => chatwoot,
      now: () => new Date(clock),
      random: () => 0,
    });
  const advance = (ms: number) => (clock += ms);
  return { db, kv, chatwoot, outbox: make(), restart: make, advance };
}

const approve = (requestId?: string): ActionInput => ({
  action: 'chatwoot.approve_send',
  requestId,
  accountId: 1,
  conversationId: 7,
  replyBody: 'Hi Ana, your refund is on its way.',
  suggestedTemplate: 'refund_offer',
  suggestedBody: 'Hi Ana, your refund is on its way.',
  note: null,
  customerName: 'Ana',
});

beforeEach(async () => {
  fakeBrowser.reset();
  await settingsItem.setValue({ ...DEFAULT_SETTINGS, chatwootUrl: 'https://chat.example.org' });
});

describe('a confirmation re-sent with the same requestId', () => {
  it('is the same decision, sent once, even when the first was already sent', async () => {
    const { db, outbox, chatwoot } = setup();
    const requestId = randomUUID();
    const first = await outbox.submit(approve(requestId));
    const again = await outbox.submit(approve(requestId));
    expect(first.ok && first.value).toMatchObject({ syncState: 'sent' });
    expect(again.ok && again.value).toMatchObject({ syncState: 'sent' });
    expect(again.ok && first.ok && again.value.id).toBe(first.ok && first.value.id);
    expect(chatwoot.sent(7)).toHaveLength(1);
    // The decision keeps the confirmation's id; its own id carries its time (lib/decisions/ids.ts).
    const stored = await findByRequestId(db, requestId);
    expect(stored?.id).toBe(first.ok && first.value.id);
    expect(stored && isTimeOrderedId(stored.id, stored.createdAt)).toBe(true);
  });

  it('is refused when reused for another action or conversation', async () => {
    const { outbox } = setup();
    const requestId = randomUUID();
    await outbox.submit(approve(requestId));
    const other = await outbox.submit({
      action: 'chatwoot.mark_resolved',
      requestId,
      accountId: 1,
      conversationId: 9,
      note: null,
    });
    expect(other.ok).toBe(false);
  });
});

describe('a worker stopped mid-call', () => {
  it('its claimed entry waits a short grace (its POST may still land), then is looked for and sent once', async () => {
    const { db, chatwoot, outbox, restart, advance } = setup();
    // The first worker's POST lands, then the worker "dies": the call never returns.
    chatwoot.postMessage = ((original) => async (a, c, body) => {
      await original(a, c, body);
      return new Promise<never>(() => undefined);
    })(chatwoot.postMessage.bind(chatwoot));
    void outbox.submit(approve());
    await expect.poll(() => chatwoot.sent(7).length).toBe(1);
    expect((await listOutbox(db))[0]?.state).toBe('claimed');

    chatwoot.postMessage = FakeChatwoot.prototype.postMessage.bind(chatwoot);
    const next = restart();
    await next.run(); // the clock has not moved: the old lease is still "valid"
    // Not at once: queued for the grace, not claimed, nothing posted again.
    expect(await listOutbox(db)).toMatchObject([{ state: 'queued' }]);
    expect(chatwoot.calls.filter((c) => c === 'postMessage')).toHaveLength(1);
    advance(ORPHAN_GRACE_MS);
    await next.run();
    expect(await listOutbox(db)).toEqual([]);
    expect(chatwoot.sent(7)).toHaveLength(1);
    expect(chatwoot.calls.filter((c) => c === 'postMessage')).toHaveLength(1); // found, not re-posted
  });

  it('a retry that finds the message posted twice (read-back interrupted) deletes the extra copy', async () => {
    const { db, chatwoot, outbox } = setup();
    // Attempt 1: the POST lands, Chromium re-sends it by itself (a second copy), and the
    // connection drops before our read-back could repair it.
    const post = FakeChatwoot.prototype.postMessage.bind(chatwoot);
    chatwoot.postMessage = async (a, c, body) => {
      chatwoot.postMessage = post;
      await post(a, c, body);
      await post(a, c, body);
      throw new ChatwootError('offline', 'connection dropped', null, true);
    };
    const result = await outbox.submit(approve()); // attempt 2 looks first, finds both
    const decision = await getDecision(db, result.ok ? result.value.id : '');
    expect(decision?.syncState).toBe('sent');
    expect(decision?.error).toMatch(
      /extra copy \(message \d+\) was deleted in Chatwoot, but an email or WhatsApp copy may already have reached the customer/,
    );
    expect(decision?.deletedCopyIds).toHaveLength(1);
    expect(decision?.postedMessageId).toBe(chatwoot.sent(7)[0]?.id);
    expect(chatwoot.sent(7)).toHaveLength(1);
    expect(chatwoot.calls.filter((c) => c === 'postMessage')).toHaveLength(2); // no third post
  });
});

describe('giving up', () => {
  it('keeps retrying transient errors for 10 minutes even past 8 attempts, then fails in words that do not promise a retry', async () => {
    const chatwoot = new FakeChatwoot();
    const db = new DecisionsDb(`security-outbox-${dbCount++}`);
    const kv = tableKv(db.kv);
    const created = new Date('2026-11-27T10:00:00Z').getTime();
    let clock = created;
    const outbox = new Outbox({
      db,
      kv,
      credentials: new Credentials(kv),
      api: async () => chatwoot,
      now: () => new Date(clock),
      random: () => 0.5,
    });
    chatwoot.postMessage = async () => {
      throw new ChatwootError('server', 'Chatwoot server error 503', 503);
    };
    await kv.set('outbox:paused', 'test'); // record only; the attempts are driven below
    const submitted = await outbox.submit(approve());
    const id = submitted.ok ? submitted.value.id : '';
    await kv.delete('outbox:paused');
    // Nine failed attempts, each as soon as its backoff allows: about 7 minutes in all.
    for (let i = 0; i < 9; i++) {
      const [entry] = await listOutbox(db);
      clock = Math.max(clock, entry!.nextAttemptAt.getTime());
      await outbox.run();
    }
    expect(clock - created).toBeLessThan(10 * 60_000);
    expect(await getDecision(db, id)).toMatchObject({ syncState: 'pending', attempts: 9 });

    clock = created + 10 * 60_000 + 1; // still failing ten minutes on: now it gives up
    await outbox.run();
    const failed = await getDecision(db, id);
    expect(failed?.syncState).toBe('failed');
    expect(failed?.error).toMatch(/^Gave up after 10 attempts \(last: Chatwoot server error 503\)/);
    expect(failed?.error).not.toMatch(/retried shortly/);
  });
});

describe('recovery', () => {
  it.each([
    ['offline', new ChatwootError('offline', 'Failed to fetch'), true],
    ['timeout', new ChatwootError('timeout', 'No answer within 15 s'), true],
    ['rate_limited', new ChatwootError('rate_limited', 'Retry later', 429), false],
    ['server', new ChatwootError('server', 'Chatwoot server error 502', 502), false],
  ])(
    'when Chatwoot accepts a call again, a retry after %s goes within seconds: %s',
    async (_k, failure, pulledForward) => {
      const chatwoot = new FakeChatwoot();
      const db = new DecisionsDb(`security-outbox-${dbCount++}`);
      const kv = tableKv(db.kv);
      let clock = new Date('2026-11-27T10:00:00Z').getTime();
      const outbox = new Outbox({
        db,
        kv,
        credentials: new Credentials(kv),
        api: async () => chatwoot,
        now: () => new Date(clock),
        random: () => 0.99,
      });
      const post = FakeChatwoot.prototype.postMessage.bind(chatwoot);
      let down = true; // conversation 7's posts fail until Chatwoot recovers
      chatwoot.postMessage = async (a, c, body) => {
        if (c === 7 && down) throw failure;
        return post(a, c, body);
      };
      await kv.set('outbox:paused', 'test');
      await outbox.submit(approve());
      await kv.delete('outbox:paused');
      for (let i = 0; i < 5; i++) {
        const [entry] = await listOutbox(db);
        clock = Math.max(clock, entry!.nextAttemptAt.getTime());
        await outbox.run();
      }
      const waiting = (await listOutbox(db))[0]!;
      expect(waiting.nextAttemptAt.getTime() - clock).toBeGreaterThan(20_000); // 5th backoff

      down = false;
      const other = await outbox.submit({ ...approve(), conversationId: 9 });
      expect(other.ok && other.value.syncState).toBe('sent');
      const pulled = (await listOutbox(db)).find((e) => e.decisionId === waiting.decisionId)!;
      expect(pulled.state).toBe('queued');
      // A connectivity failure was the network: it is back. A 429 or a 5xx keeps its backoff,
      // or every success would bring a rate-limited burst straight back.
      if (pulledForward) expect(pulled.nextAttemptAt.getTime() - clock).toBeLessThanOrEqual(3_000);
      else expect(pulled.nextAttemptAt).toEqual(waiting.nextAttemptAt);
    },
  );
});

describe('credentials', () => {
  it('the access token is kept in IndexedDB, never in any chrome.storage area', async () => {
    const { kv } = setup();
    const credentials = new Credentials(kv);
    await credentials.setToken('https://chat.example.org', 'secret-token-123');
    expect(await credentials.headers({ authMode: 'token' }, 'https://chat.example.org')).toEqual({
      api_access_token: 'secret-token-123',
    });
    const areas = await Promise.all([
      fakeBrowser.storage.local.get(null),
      fakeBrowser.storage.session.get(null),
      fakeBrowser.storage.sync.get(null),
    ]);
    expect(JSON.stringify(areas)).not.toContain('secret-token-123');
  });
});
