// The decision log, the outbox and small durable values, in IndexedDB via Dexie.
// No chrome APIs here: the service worker and the panel both open this database.
//
// Every schema version stays listed (Dexie replays them to upgrade old installs); add a new
// version() for any change and never edit a shipped one.

import Dexie, { type DexieOptions, type EntityTable, type Table, type Transaction } from 'dexie';
import { DEFAULT_DB_NAME } from './idb';
import { isTimeOrderedId } from './ids';
import type { DecisionRecord } from './record';

export { DEFAULT_DB_NAME };

/** Dexie store specs per version. Exported so tests can build an old database. */
export const SCHEMA = {
  1: {
    decisions: 'id, createdAt, action, conversationId, syncState',
  },
  2: {
    // Log view: newest first under one equality filter, keyset-paged. `id` ends every
    // compound key so (createdAt, id) is a total order even when timestamps tie.
    decisions:
      'id, [createdAt+id], [action+createdAt+id], [operatorEmail+createdAt+id], ' +
      '[conversationId+createdAt+id], [syncState+createdAt+id]',
    // `seq` (auto-increment) is the enqueue order; one entry per decision.
    outbox: '++seq, &decisionId, [conversationKey+seq]',
    kv: 'key',
  },
  3: {
    // `requestId`: the panel's confirmation id (a re-sent submit finds its decision).
    // `unordered`: set only on rows whose id does not carry their createdAt (lib/decisions/ids.ts);
    // while any exists, readers walk the index instead of the table (lib/decisions/query.ts).
    decisions:
      'id, [createdAt+id], [action+createdAt+id], [operatorEmail+createdAt+id], ' +
      '[conversationId+createdAt+id], [syncState+createdAt+id], requestId, unordered',
  },
} as const;

export const CURRENT_VERSION = 3;

/** A decision as stored: the record plus the storage-only order mark. */
export type StoredDecision = DecisionRecord & { unordered?: 1 };

/**
 * queued → claimed → (removed on success | queued again | failed). `failed` entries stay
 * until retried or cancelled; success and cancel remove the entry (the decision keeps the
 * outcome).
 */
export type OutboxState = 'queued' | 'claimed' | 'failed';

export interface OutboxEntry<P = unknown> {
  /** Enqueue order, assigned by IndexedDB. */
  seq: number;
  /** The decision this entry sends (one entry per decision). */
  decisionId: string;
  /** Entries with the same key run strictly in `seq` order (see `conversationKey()`). */
  conversationKey: string;
  /** The action to replay; defined by the sender, stored as structured-clone data. */
  payload: P;
  state: OutboxState;
  /** Not attempted before this instant. */
  nextAttemptAt: Date;
  /** While `claimed`: the claim is void after this instant (the worker died). */
  leaseUntil: Date | null;
  /** Claims so far. */
  attempts: number;
  lastError: string | null;
  enqueuedAt: Date;
}

export interface KvRow {
  key: string;
  value: unknown;
}

export class DecisionsDb extends Dexie {
  // Plain Table where the key is always supplied; EntityTable where IndexedDB assigns it.
  declare decisions: Table<DecisionRecord, string>;
  declare outbox: EntityTable<OutboxEntry, 'seq'>;
  declare kv: Table<KvRow, string>;

  constructor(name: string = DEFAULT_DB_NAME, options?: DexieOptions) {
    super(name, options);
    this.version(1).stores(SCHEMA[1]);
    this.version(2).stores(SCHEMA[2]).upgrade(upgradeToV2);
    this.version(3).stores(SCHEMA[3]).upgrade(upgradeToV3);
    // Every write keeps the mark true, whoever makes the id (tests, imports, old code).
    this.decisions.hook('creating', (_key, obj: StoredDecision) => {
      if (isTimeOrderedId(obj.id, obj.createdAt)) delete obj.unordered;
      else obj.unordered = 1;
    });
    this.decisions.hook('updating', (mods: Partial<DecisionRecord>, _key, obj: StoredDecision) => {
      if (!('createdAt' in mods)) return undefined;
      const createdAt = mods.createdAt;
      const ordered = createdAt instanceof Date && isTimeOrderedId(obj.id, createdAt);
      return { unordered: ordered ? undefined : 1 };
    });
  }

  /** The native connection, for the readers in query.ts (they run in the panel without Dexie). */
  async idb(): Promise<IDBDatabase> {
    if (!this.isOpen()) await this.open();
    return this.backendDB();
  }
}

/** Marks the rows written before ids carried their time (random UUIDs). */
async function upgradeToV3(tx: Transaction): Promise<void> {
  await tx
    .table('decisions')
    .toCollection()
    .modify((r: StoredDecision) => {
      if (isTimeOrderedId(r.id, r.createdAt)) delete r.unordered;
      else r.unordered = 1;
    });
}

/** v1 rows predate mock/attempts/updatedAt; fill every field v2 code relies on. */
async function upgradeToV2(tx: Transaction): Promise<void> {
  await tx
    .table('decisions')
    .toCollection()
    .modify((r: Record<string, unknown>) => {
      if (typeof r.createdAt === 'string' || typeof r.createdAt === 'number') {
        r.createdAt = new Date(r.createdAt);
      }
      const origin = typeof r.chatwootOrigin === 'string' ? r.chatwootOrigin : '';
      r.chatwootOrigin = origin;
      r.mock ??= origin.startsWith('mock:');
      r.attempts ??= 0;
      r.updatedAt ??= r.createdAt;
      r.scope ??= 'ops';
      r.operatorEmail ??= ''; // keeps the row in [operatorEmail+createdAt+id]
      r.edited ??= false;
      for (const k of [
        'replyBody',
        'suggestedTemplate',
        'suggestedBody',
        'note',
        'escalationReason',
        'error',
      ]) {
        r[k] ??= null;
      }
    });
}

/** Outbox ordering key: one queue per Chatwoot conversation. */
export function conversationKey(origin: string, accountId: number, conversationId: number): string {
  return `${origin}|${accountId}|${conversationId}`;
}

// --- Decisions --------------------------------------------------------------------------

export type DecisionPatch = Partial<Omit<DecisionRecord, 'id'>>;

export async function addDecision(db: DecisionsDb, record: DecisionRecord): Promise<string> {
  return db.decisions.add(record);
}

/** @returns false when no decision has this id. */
export async function updateDecision(
  db: DecisionsDb,
  id: string,
  patch: DecisionPatch,
): Promise<boolean> {
  return (await db.decisions.update(id, patch)) === 1;
}

export function getDecision(db: DecisionsDb, id: string): Promise<DecisionRecord | undefined> {
  return db.decisions.get(id);
}

/**
 * Real (not mock) approvals made since `from`, newest first, at most `limit`: the worker's
 * health report. Dexie here rather than query.ts, which the worker need not load for one read.
 */
export function realApprovalsSince(
  db: DecisionsDb,
  from: Date,
  limit: number,
): Promise<DecisionRecord[]> {
  const action = 'chatwoot.approve_send';
  return (
    db.decisions
      .where('[action+createdAt+id]')
      // [action, from] sorts before every [action, from, id]; [action, []] after every date.
      .between([action, from], [action, []])
      .reverse()
      .filter((r) => r.mock === false)
      .limit(limit)
      .toArray()
  );
}

/** The decision a confirmation (`requestId`, made by the panel) created, if any. */
export function findByRequestId(
  db: DecisionsDb,
  requestId: string,
): Promise<DecisionRecord | undefined> {
  return db.decisions.where('requestId').equals(requestId).first();
}

/**
 * Deletes decisions created strictly before `before`, except those still queued or in
 * flight (their send is not settled); failed outbox entries of purged decisions go too.
 * Export first (`iterateDecisions(db, { to: before }, n, 'asc')`): this only deletes.
 * @returns how many decisions were deleted.
 */
export async function purgeOlderThan(db: DecisionsDb, before: Date): Promise<number> {
  return db.transaction('rw', db.decisions, db.outbox, async () => {
    const entries = await db.outbox.toArray();
    const live = new Set(entries.filter((e) => e.state !== 'failed').map((e) => e.decisionId));
    const keys = await db.decisions
      .where('[createdAt+id]')
      .below([before, Dexie.minKey])
      .primaryKeys();
    const doomed = live.size === 0 ? keys : keys.filter((k) => !live.has(k));
    await db.decisions.bulkDelete(doomed);
    const gone = new Set(doomed);
    await db.outbox.bulkDelete(entries.filter((e) => gone.has(e.decisionId)).map((e) => e.seq));
    return doomed.length;
  });
}

// --- Outbox -----------------------------------------------------------------------------
// Each function changes the entry and its decision in one transaction, so the log never
// disagrees with the queue.

export interface EnqueueInput<P = unknown> {
  decisionId: string;
  conversationKey: string;
  payload: P;
  /** First attempt not before this instant (usually now). */
  notBefore: Date;
}

export async function enqueue<P>(
  db: DecisionsDb,
  input: EnqueueInput<P>,
  now: Date = new Date(),
): Promise<OutboxEntry<P>> {
  const entry: Omit<OutboxEntry<P>, 'seq'> = {
    decisionId: input.decisionId,
    conversationKey: input.conversationKey,
    payload: input.payload,
    state: 'queued',
    nextAttemptAt: input.notBefore,
    leaseUntil: null,
    attempts: 0,
    lastError: null,
    enqueuedAt: now,
  };
  const seq = await db.outbox.add(entry);
  return { ...entry, seq };
}

/**
 * The write-ahead step: the decision (normally `pending`) and its outbox entry commit
 * together or not at all, before any Chatwoot call. `entry.decisionId` may be omitted;
 * if given it must be `record.id`.
 */
export async function recordAndEnqueue<P>(
  db: DecisionsDb,
  record: DecisionRecord,
  entry: Omit<EnqueueInput<P>, 'decisionId'> & { decisionId?: string },
  now: Date = new Date(),
): Promise<OutboxEntry<P>> {
  if (entry.decisionId !== undefined && entry.decisionId !== record.id) {
    throw new Error('recordAndEnqueue: entry.decisionId differs from record.id');
  }
  return db.transaction('rw', db.decisions, db.outbox, async () => {
    await db.decisions.add(record);
    return enqueue(db, { ...entry, decisionId: record.id }, now);
  });
}

function findEntry(db: DecisionsDb, decisionId: string): Promise<OutboxEntry | undefined> {
  return db.outbox.where('decisionId').equals(decisionId).first();
}

function isLive(e: OutboxEntry): boolean {
  return e.state !== 'failed';
}

/** Claimable now: queued and due, or claimed by a worker whose lease ran out. */
function isDue(e: OutboxEntry, now: Date): boolean {
  if (e.state === 'queued') return e.nextAttemptAt.getTime() <= now.getTime();
  if (e.state === 'claimed') return e.leaseUntil === null || e.leaseUntil <= now;
  return false;
}

/** The first live entry per conversation, in enqueue order: later ones wait their turn. */
async function heads(db: DecisionsDb): Promise<OutboxEntry[]> {
  const seen = new Set<string>();
  const out: OutboxEntry[] = [];
  await db.outbox.each((e) => {
    if (!isLive(e) || seen.has(e.conversationKey)) return;
    seen.add(e.conversationKey);
    out.push(e);
  });
  return out;
}

/** Entries a worker may claim now: at most one per conversation, oldest first. */
export async function dueEntries(db: DecisionsDb, now: Date): Promise<OutboxEntry[]> {
  return (await heads(db)).filter((e) => isDue(e, now));
}

/** When the next entry becomes claimable (for an alarm), or null when nothing waits. */
export async function nextDueAt(db: DecisionsDb): Promise<Date | null> {
  let min: Date | null = null;
  for (const e of await heads(db)) {
    const at = e.state === 'queued' ? e.nextAttemptAt : (e.leaseUntil ?? new Date(0));
    if (min === null || at.getTime() < min.getTime()) min = at;
  }
  return min;
}

/** Decisions still queued or in flight for a conversation, in enqueue order. */
export async function pendingForConversation(
  db: DecisionsDb,
  key: string,
): Promise<DecisionRecord[]> {
  return db.transaction('r', db.outbox, db.decisions, async () => {
    const entries = await db.outbox
      .where('[conversationKey+seq]')
      .between([key, Dexie.minKey], [key, Dexie.maxKey])
      .toArray();
    const ids = entries.filter(isLive).map((e) => e.decisionId);
    const records = await db.decisions.bulkGet(ids);
    return records.filter((r): r is DecisionRecord => r !== undefined);
  });
}

/**
 * Compare-and-set: hands the entry to the caller if it is due and first in its
 * conversation. Of concurrent claims (worker, panels) exactly one gets it; the others get
 * null. Counts `entry.attempts`; the decision's `attempts` is left to the caller.
 */
export async function claim(
  db: DecisionsDb,
  decisionId: string,
  leaseUntil: Date,
  now: Date = new Date(),
): Promise<OutboxEntry | null> {
  return db.transaction('rw', db.outbox, async () => {
    const e = await findEntry(db, decisionId);
    if (!e || !isDue(e, now)) return null;
    const earlier = await db.outbox
      .where('[conversationKey+seq]')
      .between([e.conversationKey, Dexie.minKey], [e.conversationKey, e.seq], true, false)
      .filter(isLive)
      .count();
    if (earlier > 0) return null;
    const claimed: OutboxEntry = { ...e, state: 'claimed', leaseUntil, attempts: e.attempts + 1 };
    await db.outbox.put(claimed);
    return claimed;
  });
}

/**
 * Chatwoot accepted: the entry leaves the outbox and the decision becomes `sent`. The
 * decision is marked even when the entry is gone (a late success is still the truth).
 * @returns whether an outbox entry was removed.
 */
export async function complete(
  db: DecisionsDb,
  decisionId: string,
  now: Date = new Date(),
): Promise<boolean> {
  return db.transaction('rw', db.outbox, db.decisions, async () => {
    const removed = await db.outbox.where('decisionId').equals(decisionId).delete();
    await db.decisions.update(decisionId, { syncState: 'sent', error: null, updatedAt: now });
    return removed > 0;
  });
}

export interface RescheduleOptions {
  /** Also bring back a `failed` entry (operator's "Retry"); the decision is `pending` again. */
  revive?: boolean;
  now?: Date;
}

/**
 * Transient failure (or a retry): `queued` again until `nextAttemptAt`, keeping its place in
 * its conversation; the decision stays `pending` and carries `error`.
 * @returns false when the entry is gone, or failed and `revive` wasn't asked.
 */
export async function reschedule(
  db: DecisionsDb,
  decisionId: string,
  nextAttemptAt: Date,
  error: string | null,
  options: RescheduleOptions = {},
): Promise<boolean> {
  const now = options.now ?? new Date();
  return db.transaction('rw', db.outbox, db.decisions, async () => {
    const e = await findEntry(db, decisionId);
    if (!e || (e.state === 'failed' && !options.revive)) return false;
    await db.outbox.put({
      ...e,
      state: 'queued',
      leaseUntil: null,
      nextAttemptAt,
      lastError: error ?? e.lastError,
    });
    await db.decisions.update(decisionId, { syncState: 'pending', error, updatedAt: now });
    return true;
  });
}

/**
 * Permanent failure: the decision becomes `failed`. The entry stays, `failed`, so the
 * operator can retry (`reschedule(..., { revive: true })`) or drop it (`cancel`); it no
 * longer holds back later actions on the conversation.
 * @returns false when there is no such entry.
 */
export async function fail(
  db: DecisionsDb,
  decisionId: string,
  error: string,
  now: Date = new Date(),
): Promise<boolean> {
  return db.transaction('rw', db.outbox, db.decisions, async () => {
    const e = await findEntry(db, decisionId);
    if (!e) return false;
    await db.outbox.put({ ...e, state: 'failed', leaseUntil: null, lastError: error });
    await db.decisions.update(decisionId, { syncState: 'failed', error, updatedAt: now });
    return true;
  });
}

/**
 * Withdraws an entry that is not in flight (queued, failed, or its lease ran out): it
 * leaves the outbox and the decision becomes `cancelled`.
 * @returns false when in flight or gone.
 */
export async function cancel(
  db: DecisionsDb,
  decisionId: string,
  now: Date = new Date(),
): Promise<boolean> {
  return db.transaction('rw', db.outbox, db.decisions, async () => {
    const e = await findEntry(db, decisionId);
    if (!e) return false;
    if (e.state === 'claimed' && !isDue(e, now)) return false;
    await db.outbox.delete(e.seq);
    await db.decisions.update(decisionId, { syncState: 'cancelled', updatedAt: now });
    return true;
  });
}

/** Names used by lib/outbox/engine.ts. */
export const failEntry = fail;
export const cancelEntry = cancel;

/** Every entry (live and failed) in enqueue order. */
export function listOutbox(db: DecisionsDb): Promise<OutboxEntry[]> {
  return db.outbox.toArray();
}

// --- Small durable values ---------------------------------------------------------------

/** The stored value, unvalidated: parse it (e.g. with zod) at the call site. */
export async function kvGet(db: DecisionsDb, key: string): Promise<unknown> {
  return (await db.kv.get(key))?.value;
}

export async function kvSet(db: DecisionsDb, key: string, value: unknown): Promise<void> {
  await db.kv.put({ key, value });
}

export async function kvDelete(db: DecisionsDb, key: string): Promise<void> {
  await db.kv.delete(key);
}
