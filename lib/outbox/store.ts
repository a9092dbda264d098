// The outbox's half of the database (lib/decisions/db.ts holds the schema): its entries and
// every change to an entry together with its decision, each in one transaction.

import Dexie from 'dexie';
import type { DecisionsDb } from '../decisions/db';
import type { ApiErrorKind } from '../chatwoot/errors';
import type { DecisionRecord, EscalationReason } from '../decisions/record';

/**
 * queued → claimed → (removed on success | queued again | failed). `failed` entries stay
 * until retried or cancelled; success and cancel remove the entry (the decision keeps the
 * outcome). A decision the outbox holds (its Chatwoot no longer configured, another user
 * signed in) is `failed` with the reason: Retry or Cancel.
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
  /** What the last failure was: a success pulls forward only connectivity failures. Absent on
   * entries written before it existed. */
  lastErrorKind?: ApiErrorKind | null;
  /** Per message the action posts ('reply', 'note'): the id of the conversation's newest
   * message, read before the first POST. A retry looks only after it (docs/SECURITY.md). */
  anchors?: Record<string, number>;
  enqueuedAt: Date;
}

/** Outbox ordering key: one queue per Chatwoot conversation. */
export const conversationKey = (origin: string, accountId: number, conversationId: number) =>
  `${origin}|${accountId}|${conversationId}`;

/** What an outcome writes on the decision besides its state: the words, once. */
export type OutcomePatch = Partial<
  Pick<
    DecisionRecord,
    'error' | 'errorInfo' | 'postedMessageId' | 'deletedCopyIds' | 'operatorEmail' | 'operatorId'
  >
>;

// Each function below changes the entry and its decision in one transaction, so the log never
// disagrees with the queue, and writes the decision's words once.

export interface EnqueueInput<P = unknown> {
  decisionId: string;
  conversationKey: string;
  payload: P;
  /** First attempt not before this instant (usually now). */
  notBefore: Date;
}

async function enqueue<P>(
  db: DecisionsDb,
  input: EnqueueInput<P>,
  now: Date,
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
    lastErrorKind: null,
    anchors: {},
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

/** The entry of a decision, if it is still in the outbox. */
export const entryOf = findEntry;

const isLive = (e: OutboxEntry): boolean => e.state !== 'failed';

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

/** When the next entry becomes claimable (for the wake-up timer and alarm), or null. */
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
 * Compare-and-set: hands the entry and its decision to the caller if the entry is due and
 * first in its conversation. Of concurrent claims (worker, panels) exactly one gets it; the
 * others get null. Counts the attempt on both, before any call: a worker that dies mid-call
 * leaves the trace that the request may have reached Chatwoot.
 */
export async function claim(
  db: DecisionsDb,
  decisionId: string,
  leaseUntil: Date,
  now: Date = new Date(),
): Promise<{ entry: OutboxEntry; record: DecisionRecord | undefined } | null> {
  return db.transaction('rw', db.outbox, db.decisions, async () => {
    const e = await findEntry(db, decisionId);
    if (!e || !isDue(e, now)) return null;
    const earlier = await db.outbox
      .where('[conversationKey+seq]')
      .between([e.conversationKey, Dexie.minKey], [e.conversationKey, e.seq], true, false)
      .filter(isLive)
      .count();
    if (earlier > 0) return null;
    const entry: OutboxEntry = { ...e, state: 'claimed', leaseUntil, attempts: e.attempts + 1 };
    await db.outbox.put(entry);
    const record = await db.decisions.get(decisionId);
    if (record) {
      record.attempts += 1;
      record.updatedAt = now;
      await db.decisions.put(record);
    }
    return { entry, record };
  });
}

/** Extends the claim while a long action runs (an escalation makes four calls): Cancel cannot
 * slip in mid-flight. @returns false when the claim is no longer ours to extend. */
export async function renewLease(
  db: DecisionsDb,
  decisionId: string,
  leaseUntil: Date,
): Promise<boolean> {
  return db.transaction('rw', db.outbox, async () => {
    const e = await findEntry(db, decisionId);
    if (!e || e.state !== 'claimed') return false;
    await db.outbox.put({ ...e, leaseUntil });
    return true;
  });
}

/** Remembers, before the first POST of `step`, the newest message id it will look after. The
 * first anchor stays: a later attempt must not move it past its own earlier POST. */
export async function setAnchor(
  db: DecisionsDb,
  decisionId: string,
  step: string,
  messageId: number,
): Promise<number> {
  return db.transaction('rw', db.outbox, async () => {
    const e = await findEntry(db, decisionId);
    if (!e) throw new Error('setAnchor: the entry is gone');
    const kept = e.anchors?.[step];
    if (kept !== undefined) return kept;
    await db.outbox.put({ ...e, anchors: { ...e.anchors, [step]: messageId } });
    return messageId;
  });
}

/** Changes the decision alone while its entry is in flight (the operator confirmed). */
export async function patchDecision(
  db: DecisionsDb,
  decisionId: string,
  patch: OutcomePatch,
  now: Date,
): Promise<void> {
  await db.decisions.update(decisionId, { ...patch, updatedAt: now });
}

/**
 * Chatwoot accepted: the entry leaves the outbox and the decision becomes `sent`, with
 * `patch` (the posted message's id; words when a copy had to be deleted). The decision is
 * marked even when the entry is gone (a late success is still the truth).
 * @returns whether an outbox entry was removed.
 */
export async function complete(
  db: DecisionsDb,
  decisionId: string,
  patch: OutcomePatch = {},
  now: Date = new Date(),
): Promise<boolean> {
  return db.transaction('rw', db.outbox, db.decisions, async () => {
    const removed = await db.outbox.where('decisionId').equals(decisionId).delete();
    await db.decisions.update(decisionId, {
      error: null,
      errorInfo: null,
      ...patch,
      syncState: 'sent',
      updatedAt: now,
    });
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
 * its conversation; the decision stays `pending`, with `patch` (fields not given are kept:
 * pass `error: null` to clear the words).
 * @returns false when the entry is gone, or failed and `revive` wasn't asked.
 */
export async function reschedule(
  db: DecisionsDb,
  decisionId: string,
  nextAttemptAt: Date,
  patch: OutcomePatch = {},
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
      lastError: 'error' in patch ? (patch.error ?? null) : e.lastError,
      lastErrorKind: 'errorInfo' in patch ? (patch.errorInfo?.kind ?? null) : e.lastErrorKind,
    });
    await db.decisions.update(decisionId, { ...patch, syncState: 'pending', updatedAt: now });
    return true;
  });
}

/**
 * Permanent failure, or a hold: the decision becomes `failed` with `patch.error` (its words,
 * once). The entry stays, `failed`, so the operator can retry (`reschedule(..., { revive:
 * true })`) or drop it (`cancel`); it no longer holds back later actions on the conversation.
 * @returns false when there is no such entry.
 */
export async function fail(
  db: DecisionsDb,
  decisionId: string,
  patch: OutcomePatch & { error: string },
  now: Date = new Date(),
): Promise<boolean> {
  return db.transaction('rw', db.outbox, db.decisions, async () => {
    const e = await findEntry(db, decisionId);
    if (!e) return false;
    await db.outbox.put({
      ...e,
      state: 'failed',
      leaseUntil: null,
      lastError: patch.error,
      lastErrorKind: patch.errorInfo?.kind ?? null,
    });
    await db.decisions.update(decisionId, {
      errorInfo: null,
      ...patch,
      syncState: 'failed',
      updatedAt: now,
    });
    return true;
  });
}

/**
 * Withdraws an entry that is not in flight (queued, failed, or its lease ran out): it
 * leaves the outbox and the decision becomes `cancelled`.
 * @returns the decision when cancelled; null when in flight or gone.
 */
export async function cancel(
  db: DecisionsDb,
  decisionId: string,
  now: Date = new Date(),
): Promise<DecisionRecord | null> {
  return db.transaction('rw', db.outbox, db.decisions, async () => {
    const e = await findEntry(db, decisionId);
    if (!e) return null;
    if (e.state === 'claimed' && !isDue(e, now)) return null;
    await db.outbox.delete(e.seq);
    await db.decisions.update(decisionId, { syncState: 'cancelled', updatedAt: now });
    return (await db.decisions.get(decisionId)) ?? null;
  });
}

/** Every entry (live and failed) in enqueue order. */
export const listOutbox = (db: DecisionsDb): Promise<OutboxEntry[]> => db.outbox.toArray();

/** The messages other decisions on this conversation already claim as theirs: a retry never
 * counts one of them as its own. */
export async function attributedMessages(
  db: DecisionsDb,
  record: Pick<DecisionRecord, 'id' | 'chatwootOrigin' | 'accountId' | 'conversationId'>,
): Promise<Set<number>> {
  const ids = new Set<number>();
  await db.decisions
    .where('[conversationId+createdAt+id]')
    .between([record.conversationId, Dexie.minKey], [record.conversationId, Dexie.maxKey])
    .each((d) => {
      if (d.id === record.id || d.chatwootOrigin !== record.chatwootOrigin) return;
      if (d.accountId !== record.accountId) return;
      if (typeof d.postedMessageId === 'number') ids.add(d.postedMessageId);
    });
  return ids;
}

/** A later escalation of the same conversation, merged into one still waiting: its reason and
 * note are added to the waiting decision. Refused (false) once the waiting one is in flight or
 * has anchored its note: the note's text must not change after a POST may have been made. */
export async function mergeEscalation(
  db: DecisionsDb,
  decisionId: string,
  extra: { reason: EscalationReason; note: string | null },
  now: Date,
): Promise<boolean> {
  return db.transaction('rw', db.outbox, db.decisions, async () => {
    const e = await findEntry(db, decisionId);
    const d = await db.decisions.get(decisionId);
    if (!e || !d || e.state !== 'queued' || e.anchors?.note !== undefined) return false;
    const reasons = [d.escalationReason, ...(d.extraReasons ?? [])];
    const note = [d.note, extra.note].filter((n) => n?.trim()).join('\n') || null;
    await db.decisions.update(decisionId, {
      note,
      extraReasons: reasons.includes(extra.reason)
        ? (d.extraReasons ?? [])
        : [...(d.extraReasons ?? []), extra.reason],
      updatedAt: now,
    });
    return true;
  });
}
