import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CURRENT_VERSION,
  DEFAULT_DB_NAME,
  DecisionsDb,
  SCHEMA,
  getDecision,
  purgeOlderThan,
  realApprovalsSince,
} from '../../../lib/decisions/db';
import { fail, recordAndEnqueue } from '../../../lib/outbox/store';
import { queryDecisions } from '../../../lib/decisions/query';
import { countByAction, countDecisions } from '../../../lib/decisions/counts';
import { makeDecision } from './fixtures';

const open: Dexie[] = [];
function freshDb(): DecisionsDb {
  const db = new DecisionsDb(`test-${crypto.randomUUID()}`);
  open.push(db);
  return db;
}
afterEach(async () => {
  for (const db of open.splice(0)) await db.delete();
});

describe('DecisionsDb', () => {
  it('defaults to the extension database name and the latest version', async () => {
    const db = new DecisionsDb();
    expect(db.name).toBe(DEFAULT_DB_NAME);
    db.close();
    const t = freshDb();
    await t.open();
    expect(t.verno).toBe(CURRENT_VERSION);
    expect(t.tables.map((x) => x.name).sort()).toEqual([
      'decisionPacks',
      'decisions',
      'kv',
      'outbox',
    ]);
  });

  it('adds, reads and patches a decision', async () => {
    const db = freshDb();
    const r = makeDecision({ syncState: 'pending', attempts: 0 });
    expect(await db.decisions.add(r)).toBe(r.id);
    expect(await getDecision(db, r.id)).toEqual(r);
    const later = new Date(r.createdAt.getTime() + 1_000);
    expect(
      await db.decisions.update(r.id, { syncState: 'sent', attempts: 1, updatedAt: later }),
    ).toBe(1);
    expect(await getDecision(db, r.id)).toEqual({
      ...r,
      syncState: 'sent',
      attempts: 1,
      updatedAt: later,
    });
    expect(await db.decisions.update('nope', { note: 'x' })).toBe(0);
    expect(await getDecision(db, 'nope')).toBeUndefined();
  });

  it('refuses a duplicate id', async () => {
    const db = freshDb();
    const r = makeDecision();
    await db.decisions.add(r);
    await expect(db.decisions.add({ ...r })).rejects.toThrow();
  });
});

describe('purgeOlderThan', () => {
  it('deletes strictly older decisions, keeps the rest and anything still queued', async () => {
    const db = freshDb();
    const cut = new Date('2026-06-01T00:00:00Z');
    const old = [1, 2, 3].map((d) =>
      makeDecision({ createdAt: new Date(cut.getTime() - d * 86_400_000) }),
    );
    const atCut = makeDecision({ createdAt: cut });
    const newer = makeDecision({ createdAt: new Date(cut.getTime() + 1) });
    const oldPending = makeDecision({
      createdAt: new Date(cut.getTime() - 10 * 86_400_000),
      syncState: 'pending',
    });
    await db.decisions.bulkAdd([...old, atCut, newer]);
    await recordAndEnqueue(db, oldPending, {
      conversationKey: 'k',
      payload: {},
      notBefore: cut,
    });

    const oldFailed = makeDecision({
      createdAt: new Date(cut.getTime() - 5 * 86_400_000),
      syncState: 'failed',
    });
    await recordAndEnqueue(db, oldFailed, {
      conversationKey: 'k',
      payload: {},
      notBefore: cut,
    });
    await fail(db, oldFailed.id, { error: 'x' });

    expect(await purgeOlderThan(db, cut)).toBe(4);
    const left = (await db.decisions.toArray()).map((r) => r.id).sort();
    expect(left).toEqual([atCut.id, newer.id, oldPending.id].sort());
    // The failed entry went with its decision; the live one stays.
    expect((await db.outbox.toArray()).map((e) => e.decisionId)).toEqual([oldPending.id]);
    expect(await purgeOlderThan(db, cut)).toBe(0);
  });

  it('handles ties on createdAt and an empty table', async () => {
    const db = freshDb();
    expect(await purgeOlderThan(db, new Date())).toBe(0);
    const t = new Date('2026-01-01T00:00:00Z');
    await db.decisions.bulkAdd(Array.from({ length: 50 }, () => makeDecision({ createdAt: t })));
    expect(await purgeOlderThan(db, t)).toBe(0);
    expect(await purgeOlderThan(db, new Date(t.getTime() + 1))).toBe(50);
  });
});

describe('kv', () => {
  it('stores, replaces and deletes small values', async () => {
    const db = freshDb();
    expect(await (await db.kv.get('health'))?.value).toBeUndefined();
    await db.kv.put({
      key: 'health',
      value: { samples: [120, 340], at: new Date('2026-11-27T00:00:00Z') },
    });
    expect(await (await db.kv.get('health'))?.value).toEqual({
      samples: [120, 340],
      at: new Date('2026-11-27T00:00:00Z'),
    });
    await db.kv.put({ key: 'health', value: 1 });
    expect(await (await db.kv.get('health'))?.value).toBe(1);
    await db.kv.delete('health');
    expect(await (await db.kv.get('health'))?.value).toBeUndefined();
  });
});

describe('upgrade from v1', () => {
  it('migrates v1 rows and makes them reachable through the v2 indexes', async () => {
    const name = `test-upgrade-${crypto.randomUUID()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores(SCHEMA[1]);
    const t0 = new Date('2026-03-01T10:00:00Z');
    // v1 rows: no mock / attempts / updatedAt; one stored its date as a string.
    const rows = [
      {
        id: 'v1-a',
        action: 'chatwoot.approve_send',
        scope: 'ops',
        accountId: 1,
        conversationId: 11,
        chatwootOrigin: 'https://app.chatwoot.com',
        operatorEmail: 'ana@example.com',
        replyBody: 'Bonjour',
        suggestedTemplate: 'ack_delay',
        suggestedBody: 'Bonjour',
        edited: false,
        note: null,
        escalationReason: null,
        createdAt: t0,
        syncState: 'sent',
        error: null,
      },
      {
        id: 'v1-b',
        action: 'chatwoot.escalate',
        accountId: 1,
        conversationId: 11,
        chatwootOrigin: 'mock:',
        operatorEmail: 'ana@example.com',
        escalationReason: 'legal_fraud',
        createdAt: '2026-03-02T10:00:00.000Z',
        syncState: 'failed',
        error: 'Network error',
      },
    ];
    await v1.table('decisions').bulkAdd(rows);
    v1.close();

    const db = new DecisionsDb(name);
    open.push(db);
    await db.open();
    expect(db.verno).toBe(CURRENT_VERSION);

    const a = await getDecision(db, 'v1-a');
    expect(a).toMatchObject({ mock: false, attempts: 0, updatedAt: t0, createdAt: t0 });
    const b = await getDecision(db, 'v1-b');
    expect(b).toEqual({
      id: 'v1-b',
      action: 'chatwoot.escalate',
      scope: 'ops',
      accountId: 1,
      conversationId: 11,
      chatwootOrigin: 'mock:',
      operatorEmail: 'ana@example.com',
      replyBody: null,
      suggestedTemplate: null,
      suggestedBody: null,
      edited: false,
      note: null,
      escalationReason: 'legal_fraud',
      createdAt: new Date('2026-03-02T10:00:00.000Z'),
      updatedAt: new Date('2026-03-02T10:00:00.000Z'),
      syncState: 'failed',
      error: 'Network error',
      attempts: 0,
      mock: true,
      // v3: ids that do not carry their time are marked, so readers keep to the indexes.
      unordered: 1,
    });
    expect(await db.decisions.where('unordered').equals(1).count()).toBe(2);

    // The v2 compound indexes see the migrated rows.
    const page = await queryDecisions(db, { conversationId: 11 }, { limit: 10 });
    expect(page.rows.map((r) => r.id)).toEqual(['v1-b', 'v1-a']);
    const failed = await queryDecisions(db, { syncStates: ['failed'] }, { limit: 10 });
    expect(failed.rows.map((r) => r.id)).toEqual(['v1-b']);
    expect(await countDecisions(db, { operatorEmail: 'ana@example.com' })).toBe(2);
    expect(await countByAction(db, {})).toEqual({
      'chatwoot.approve_send': 1,
      'chatwoot.escalate': 1,
      'chatwoot.mark_resolved': 0,
    });
    // And the new tables exist.
    expect(await db.outbox.count()).toBe(0);
    await db.kv.put({ key: 'x', value: 1 });
    expect(await (await db.kv.get('x'))?.value).toBe(1);
  });
});

describe('realApprovalsSince (the health report)', () => {
  it('lists real approvals from the instant on, newest first, up to the limit', async () => {
    const db = freshDb();
    const at = (h: number) => new Date(Date.UTC(2026, 10, 27, h));
    const rows = [
      makeDecision({ createdAt: at(1) }), // before `from`
      makeDecision({ createdAt: at(2) }), // at `from`: counted
      makeDecision({ createdAt: at(3), mock: true }),
      makeDecision({ createdAt: at(4), action: 'chatwoot.escalate' }),
      makeDecision({ createdAt: at(5), syncState: 'failed' }),
      makeDecision({ createdAt: at(6) }),
    ];
    for (const r of rows) await db.decisions.add(r);
    const got = await realApprovalsSince(db, at(2), 10);
    expect(got.map((r) => r.createdAt)).toEqual([at(6), at(5), at(2)]);
    expect((await realApprovalsSince(db, at(2), 2)).map((r) => r.createdAt)).toEqual([
      at(6),
      at(5),
    ]);
    expect(await realApprovalsSince(db, at(7), 10)).toEqual([]);
  });
});
