// The outbox's store: its entries and the decisions they send, changed together. Every
// function that changes an entry changes its decision in the same IndexedDB transaction, so the
// log never disagrees with the queue, and a decision's error text is written once, by the step
// that settles it. The engine (engine.ts) decides what happens; this file only writes it.

import Dexie from 'dexie';
import type { DecisionPatch, DecisionsDb } from '../decisions/db';
import type { DecisionRecord } from '../decisions/record';

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
 * null. Counts `entry.attempts` and, in the same transaction, the decision's `attempts`: a
 * worker that dies mid-call leaves a count that tells the next one the call may have landed.
 */
export async function claim(
  db: DecisionsDb,
  decisionId: string,
  leaseUntil: Date,
  now: Date = new Date(),
): Promise<OutboxEntry | null> {
  return db.transaction('rw', db.outbox, db.decisions, async () => {
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
    await db.decisions
      .where('id')
      .equals(decisionId)
      .modify((d) => {
        d.attempts += 1;
        d.updatedAt = now;
      });
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
  decision: DecisionPatch = {},
): Promise<boolean> {
  return db.transaction('rw', db.outbox, db.decisions, async () => {
    const removed = await db.outbox.where('decisionId').equals(decisionId).delete();
    await db.decisions.update(decisionId, {
      syncState: 'sent',
      error: null,
      errorInfo: null,
      ...decision,
      updatedAt: now,
    });
    return removed > 0;
  });
}

export interface RescheduleOptions {
  /** Also bring back a `failed` entry (operator's "Retry"); the decision is `pending` again. */
  revive?: boolean;
  now?: Date;
  /** More of the decision to change in the same transaction (e.g. `errorInfo`). */
  decision?: DecisionPatch;
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
    await db.decisions.update(decisionId, {
      syncState: 'pending',
      error,
      ...(error === null && { errorInfo: null }),
      ...options.decision,
      updatedAt: now,
    });
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
  decision: DecisionPatch = {},
): Promise<boolean> {
  return db.transaction('rw', db.outbox, db.decisions, async () => {
    const e = await findEntry(db, decisionId);
    if (!e) return false;
    await db.outbox.put({ ...e, state: 'failed', leaseUntil: null, lastError: error });
    await db.decisions.update(decisionId, {
      syncState: 'failed',
      error,
      ...decision,
      updatedAt: now,
    });
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

/** Every entry (live and failed) in enqueue order. */
export function listOutbox(db: DecisionsDb): Promise<OutboxEntry[]> {
  return db.outbox.toArray();
}
