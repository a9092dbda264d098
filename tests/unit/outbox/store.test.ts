import { afterEach, describe, expect, it } from 'vitest';
import { DecisionsDb, getDecision } from '../../../lib/decisions/db';
import {
  cancel,
  claim,
  complete,
  conversationKey,
  dueEntries,
  fail,
  listOutbox,
  nextDueAt,
  pendingForConversation,
  recordAndEnqueue,
  reschedule,
} from '../../../lib/outbox/store';
import type { DecisionRecord } from '../../../lib/decisions/record';
import { makeDecision } from '../decisions/fixtures';

const dbs: DecisionsDb[] = [];
function freshDb(name = `test-${crypto.randomUUID()}`): DecisionsDb {
  const db = new DecisionsDb(name);
  dbs.push(db);
  return db;
}
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

const T0 = new Date('2026-11-27T09:00:00Z');
const at = (s: number): Date => new Date(T0.getTime() + s * 1_000);
const KEY_A = conversationKey('https://app.chatwoot.com', 7, 1234);
const KEY_B = conversationKey('https://app.chatwoot.com', 7, 5678);

async function write(
  db: DecisionsDb,
  key: string,
  overrides: Partial<DecisionRecord> = {},
  notBefore = T0,
): Promise<DecisionRecord> {
  const r = makeDecision({ syncState: 'pending', attempts: 0, createdAt: T0, ...overrides });
  await recordAndEnqueue(
    db,
    r,
    { conversationKey: key, payload: { kind: 'test', id: r.id }, notBefore },
    T0,
  );
  return r;
}

describe('recordAndEnqueue', () => {
  it('writes the pending decision and its entry together', async () => {
    const db = freshDb();
    const r = await write(db, KEY_A);
    expect(await getDecision(db, r.id)).toEqual(r);
    const [e, ...rest] = await listOutbox(db);
    expect(rest).toEqual([]);
    expect(e).toMatchObject({
      decisionId: r.id,
      conversationKey: KEY_A,
      payload: { kind: 'test', id: r.id },
      state: 'queued',
      nextAttemptAt: T0,
      leaseUntil: null,
      attempts: 0,
      lastError: null,
      enqueuedAt: T0,
    });
    expect(typeof e!.seq).toBe('number');
  });

  it('accepts the decision id in the entry only when it matches', async () => {
    const db = freshDb();
    const r = makeDecision({ syncState: 'pending' });
    await expect(
      recordAndEnqueue(db, r, {
        decisionId: 'other',
        conversationKey: KEY_A,
        payload: 1,
        notBefore: T0,
      }),
    ).rejects.toThrow(/decisionId/);
    expect(await getDecision(db, r.id)).toBeUndefined();
    await recordAndEnqueue(db, r, {
      decisionId: r.id,
      conversationKey: KEY_A,
      payload: 1,
      notBefore: T0,
    });
    expect((await listOutbox(db)).map((e) => e.decisionId)).toEqual([r.id]);
  });

  it('writes neither when one write fails', async () => {
    const db = freshDb();
    const r = await write(db, KEY_A);
    // Same decision id again: the decision add fails, so no second entry either.
    await expect(
      recordAndEnqueue(
        db,
        { ...r, note: 'dup' },
        { conversationKey: KEY_B, payload: 1, notBefore: T0 },
      ),
    ).rejects.toThrow();
    expect(await listOutbox(db)).toHaveLength(1);
    // An entry already exists for this id (unique): the new decision is rolled back.
    const other = makeDecision();
    await db.outbox.add({ ...(await listOutbox(db))[0]!, seq: undefined, decisionId: other.id });
    await expect(
      recordAndEnqueue(db, other, { conversationKey: KEY_B, payload: 2, notBefore: T0 }),
    ).rejects.toThrow();
    expect(await getDecision(db, other.id)).toBeUndefined();
  });

  it('survives the worker going away (a new connection sees the queue)', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const db = freshDb(name);
    const r = await write(db, KEY_A);
    db.close();
    const again = freshDb(name);
    expect((await dueEntries(again, T0)).map((e) => e.decisionId)).toEqual([r.id]);
  });
});

describe('dueEntries and ordering', () => {
  it('offers only the head of each conversation, once due, in enqueue order', async () => {
    const db = freshDb();
    const a1 = await write(db, KEY_A);
    const b1 = await write(db, KEY_B, {}, at(30));
    const a2 = await write(db, KEY_A);
    expect((await dueEntries(db, T0)).map((e) => e.decisionId)).toEqual([a1.id]);
    expect((await dueEntries(db, at(30))).map((e) => e.decisionId)).toEqual([a1.id, b1.id]);
    expect((await listOutbox(db)).map((e) => e.decisionId)).toEqual([a1.id, b1.id, a2.id]);
    expect(await nextDueAt(db)).toEqual(T0);
  });

  it('runs one conversation strictly in order through complete / fail', async () => {
    const db = freshDb();
    const ids = [];
    for (let i = 0; i < 4; i++) ids.push((await write(db, KEY_A)).id);
    const done: string[] = [];
    for (let i = 0; i < 4; i++) {
      const due = await dueEntries(db, T0);
      expect(due.map((e) => e.decisionId)).toEqual([ids[i]]);
      // A later entry can't jump the queue even if asked directly.
      if (i < 3) expect(await claim(db, ids[i + 1]!, at(60), T0)).toBeNull();
      const c = (await claim(db, due[0]!.decisionId, at(60), T0))?.entry;
      expect(c?.decisionId).toBe(ids[i]);
      if (i === 1) await fail(db, c!.decisionId, { error: 'Chatwoot said 422' }, T0);
      else await complete(db, c!.decisionId, {}, at(1));
      done.push(c!.decisionId);
    }
    expect(done).toEqual(ids);
    // Only the failed entry remains, and it no longer holds the conversation back.
    expect((await listOutbox(db)).map((e) => [e.decisionId, e.state])).toEqual([
      [ids[1], 'failed'],
    ]);
    expect(await nextDueAt(db)).toBeNull();
    expect((await getDecision(db, ids[0]!))?.syncState).toBe('sent');
    expect(await getDecision(db, ids[1]!)).toMatchObject({
      syncState: 'failed',
      error: 'Chatwoot said 422',
    });
  });
});

describe('claim', () => {
  it('lets exactly one of two concurrent claims win', async () => {
    const db = freshDb();
    const r = await write(db, KEY_A);
    const results = await Promise.all([claim(db, r.id, at(60), T0), claim(db, r.id, at(60), T0)]);
    expect(results.filter((x) => x !== null)).toHaveLength(1);
    expect((await listOutbox(db))[0]).toMatchObject({
      state: 'claimed',
      leaseUntil: at(60),
      attempts: 1,
    });
  });

  it('lets exactly one of two connections win (service worker and panel)', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const worker = freshDb(name);
    const panel = freshDb(name);
    const entries = [];
    for (let i = 0; i < 10; i++) {
      entries.push((await write(worker, i % 2 ? KEY_A : KEY_B)).id);
    }
    for (const id of entries) {
      const [w, p] = await Promise.all([
        claim(worker, id, at(60), T0),
        claim(panel, id, at(60), T0),
      ]);
      expect([w, p].filter((x) => x !== null)).toHaveLength(1);
      await complete(worker, id, {}, T0);
    }
    expect(await listOutbox(worker)).toEqual([]);
  });

  it('refuses an entry that is not due, is leased, or is gone', async () => {
    const db = freshDb();
    const r = await write(db, KEY_A, {}, at(10));
    expect(await claim(db, r.id, at(60), T0)).toBeNull();
    expect(await claim(db, r.id, at(70), at(10))).not.toBeNull();
    expect(await claim(db, r.id, at(80), at(20))).toBeNull();
    expect(await claim(db, 'missing', at(80), at(20))).toBeNull();
  });

  it('reclaims after the lease runs out (the worker died) and counts attempts', async () => {
    const db = freshDb();
    const r = await write(db, KEY_A);
    await claim(db, r.id, at(30), T0);
    expect(await dueEntries(db, at(29))).toEqual([]);
    expect(await nextDueAt(db)).toEqual(at(30));
    expect((await dueEntries(db, at(30))).map((e) => e.decisionId)).toEqual([r.id]);
    const again = await claim(db, r.id, at(90), at(30));
    expect(again?.entry).toMatchObject({ state: 'claimed', attempts: 2, leaseUntil: at(90) });
    // The decision counts its attempts in the same transaction, before any call.
    expect(again?.record).toMatchObject({ attempts: 2, syncState: 'pending' });
    expect(await getDecision(db, r.id)).toMatchObject({ attempts: 2, syncState: 'pending' });
  });
});

describe('reschedule / complete / fail / cancel', () => {
  it('reschedules with the error, keeping the decision pending and the queue blocked', async () => {
    const db = freshDb();
    const a1 = await write(db, KEY_A);
    const a2 = await write(db, KEY_A);
    await claim(db, a1.id, at(60), T0);
    expect(await reschedule(db, a1.id, at(8), { error: 'Network error' }, { now: at(1) })).toBe(
      true,
    );
    expect((await listOutbox(db))[0]).toMatchObject({
      decisionId: a1.id,
      state: 'queued',
      leaseUntil: null,
      nextAttemptAt: at(8),
      lastError: 'Network error',
      attempts: 1,
    });
    expect(await getDecision(db, a1.id)).toMatchObject({
      syncState: 'pending',
      error: 'Network error',
      updatedAt: at(1),
    });
    expect(await dueEntries(db, at(5))).toEqual([]);
    expect(await claim(db, a2.id, at(60), at(5))).toBeNull();
    expect((await dueEntries(db, at(8))).map((e) => e.decisionId)).toEqual([a1.id]);
    expect(await reschedule(db, 'missing', at(8), { error: 'x' })).toBe(false);
  });

  it('completes: entry gone, decision sent with the error cleared', async () => {
    const db = freshDb();
    const r = await write(db, KEY_A);
    await claim(db, r.id, at(60), T0);
    await reschedule(db, r.id, at(2), { error: 'timeout' }, { now: at(1) });
    await claim(db, r.id, at(60), at(2));
    expect(await complete(db, r.id, {}, at(3))).toBe(true);
    expect(await getDecision(db, r.id)).toMatchObject({
      syncState: 'sent',
      error: null,
      updatedAt: at(3),
    });
    expect(await complete(db, r.id, {}, at(4))).toBe(false);
  });

  it('fails: decision failed with the reason, entry kept as failed for a retry', async () => {
    const db = freshDb();
    const r = await write(db, KEY_A);
    await claim(db, r.id, at(60), T0);
    expect(await fail(db, r.id, { error: 'Conversation not found' }, at(1))).toBe(true);
    expect(await listOutbox(db)).toMatchObject([
      { decisionId: r.id, state: 'failed', leaseUntil: null, lastError: 'Conversation not found' },
    ]);
    expect(await getDecision(db, r.id)).toMatchObject({
      syncState: 'failed',
      error: 'Conversation not found',
      updatedAt: at(1),
    });
    expect(await dueEntries(db, at(100))).toEqual([]);
    expect(await claim(db, r.id, at(200), at(100))).toBeNull();
    expect(await fail(db, 'missing', { error: 'again' })).toBe(false);
  });

  it('a failed entry comes back only with revive, in its old place', async () => {
    const db = freshDb();
    const a1 = await write(db, KEY_A);
    await claim(db, a1.id, at(60), T0);
    await fail(db, a1.id, { error: 'Network error' }, at(1));
    const a2 = await write(db, KEY_A);
    expect((await dueEntries(db, at(2))).map((e) => e.decisionId)).toEqual([a2.id]);
    expect(await reschedule(db, a1.id, at(2), { error: null }, { now: at(2) })).toBe(false);
    expect(await reschedule(db, a1.id, at(2), { error: null }, { revive: true, now: at(2) })).toBe(
      true,
    );
    expect(await getDecision(db, a1.id)).toMatchObject({
      syncState: 'pending',
      error: null,
      updatedAt: at(2),
    });
    // Enqueued first, so it runs before a2 again.
    expect((await dueEntries(db, at(2))).map((e) => e.decisionId)).toEqual([a1.id]);
    expect(await claim(db, a2.id, at(60), at(2))).toBeNull();
    expect((await claim(db, a1.id, at(60), at(2)))?.entry).toMatchObject({ attempts: 2 });
  });

  it('cancels only what is not in flight', async () => {
    const db = freshDb();
    const queued = await write(db, KEY_A);
    const inFlight = await write(db, KEY_B);
    await claim(db, inFlight.id, at(60), T0);
    expect(await cancel(db, queued.id, at(1))).toMatchObject({ id: queued.id });
    expect(await getDecision(db, queued.id)).toMatchObject({ syncState: 'cancelled' });
    expect(await cancel(db, inFlight.id, at(1))).toBeNull();
    expect(await cancel(db, inFlight.id, at(60))).toMatchObject({ syncState: 'cancelled' }); // lease expired
    expect(await cancel(db, 'missing')).toBeNull();
    const failed = await write(db, KEY_A);
    await fail(db, failed.id, { error: 'x' }, at(1));
    expect(await cancel(db, failed.id, at(2))).not.toBeNull();
    expect(await getDecision(db, failed.id)).toMatchObject({ syncState: 'cancelled' });
    expect(await listOutbox(db)).toEqual([]);
  });

  it('lists the decisions still queued or in flight for one conversation', async () => {
    const db = freshDb();
    const a1 = await write(db, KEY_A);
    const b1 = await write(db, KEY_B);
    const a2 = await write(db, KEY_A, { action: 'chatwoot.mark_resolved' });
    const a3 = await write(db, KEY_A);
    await claim(db, a1.id, at(60), T0);
    await fail(db, a1.id, { error: 'x' }, T0);
    await claim(db, a2.id, at(60), T0);
    expect((await pendingForConversation(db, KEY_A)).map((r) => r.id)).toEqual([a2.id, a3.id]);
    expect((await pendingForConversation(db, KEY_B)).map((r) => r.id)).toEqual([b1.id]);
    expect(await pendingForConversation(db, 'other')).toEqual([]);
  });

  it('keeps the payload opaque', async () => {
    const db = freshDb();
    const d = makeDecision();
    const payload = { action: 'x', nested: [1, { at: T0 }], n: null };
    await recordAndEnqueue(db, d, { conversationKey: KEY_A, payload, notBefore: T0 }, T0);
    expect((await listOutbox(db))[0]?.payload).toEqual(payload);
  });
});
