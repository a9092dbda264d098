import { browser } from 'wxt/browser';
import type { ChatwootApi } from '../chatwoot/client';
import { classifyError, toErrorInfo } from '../chatwoot/errors';
import type { DecisionRecord } from '../decisions/record';
import { findByRequestId, getDecision, type DecisionsDb } from '../decisions/db';
import {
  cancel,
  claim,
  complete,
  dueEntries,
  fail,
  listOutbox,
  pendingForConversation,
  recordAndEnqueue,
  reschedule,
  type OutboxEntry,
} from './store';
import { backoffDelay } from './backoff';
import { decisionIdAt } from '../decisions/ids';
import { actionInputSchema, type ActionInput, type DecisionSummary } from '../messages';
import { broadcast } from '../background/requests';
import { getSettings, operatorItem } from '../settings/settings';
import { apiFor, currentOperator, type ApiDeps } from '../background/api';
import type { Credentials } from '../background/credentials';
import type { KeyValueStore } from '../background/kv';
import { runAction } from '../background/actions';
import { englishError } from '../i18n/errors';

// The durable outbox. A decision is written as `pending` together with its outbox entry BEFORE
// any Chatwoot call; the worker then runs entries in order per conversation, retrying with
// backoff. Everything lives in IndexedDB and chrome.alarms wakes the worker, so a stopped
// worker or a browser restart loses nothing.

export const OUTBOX_ALARM = 'outbox';
const LEASE_MS = 60_000; // a claimed entry whose worker died is taken again after this
const MAX_ATTEMPTS = 8;
const MIN_RETRY_SPAN_MS = 10 * 60_000; // and never give up on a transient error sooner
const PULL_FORWARD_MS = 3_000; // after a success, retries waiting longer than this go sooner
const WAIT_FOR_RESULT_MS = 8_000; // how long the panel waits before "queued" is the answer
const PAUSED_KEY = 'outbox:paused';

export interface OutboxDeps extends ApiDeps {
  db: DecisionsDb;
  credentials: Credentials;
  kv: KeyValueStore;
  /** Tests replace the API (mock mode too); live: built from settings. */
  api?: () => Promise<ChatwootApi>;
  now?: () => Date;
  random?: () => number;
}

export function summary(record: DecisionRecord): DecisionSummary {
  return {
    id: record.id,
    action: record.action,
    accountId: record.accountId,
    conversationId: record.conversationId,
    syncState: record.syncState,
    error: record.error,
    errorInfo: record.errorInfo ?? null,
    attempts: record.attempts,
    createdAt: record.createdAt.toISOString(),
    mock: record.mock,
  };
}

export class Outbox {
  private running: Promise<void> | null = null;
  private orphansReleased: Promise<void> | null = null;
  private rerun = false;
  private readonly now: () => Date;
  private readonly random: () => number;

  constructor(private readonly deps: OutboxDeps) {
    this.now = deps.now ?? (() => new Date());
    this.random = deps.random ?? Math.random;
  }

  /** `mock`: the API the decision was made against — a mock decision never reaches Chatwoot
   * and a live one never the mock, whatever mock mode says when it is retried. */
  private async api(mock?: boolean): Promise<ChatwootApi> {
    if (this.deps.api) return this.deps.api();
    const settings = await getSettings();
    return apiFor(this.deps, mock === undefined ? settings : { ...settings, mockMode: mock });
  }

  private submitting: Promise<unknown> = Promise.resolve();

  /** Decide-and-record is serialised: every panel talks to this one worker, so a twin check
   * made under this lock cannot race another panel's identical submit. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.submitting.then(work, work);
    this.submitting = result.catch(() => undefined);
    return result;
  }

  async submit(input: ActionInput) {
    try {
      const record = await this.exclusive(() => this.record(input));
      if (record.syncState !== 'pending' || record.attempts > 0)
        return { ok: true as const, value: summary(record) };
      this.changed(record.conversationId);
      const settled = await this.runUntilSettled(record.id, WAIT_FOR_RESULT_MS);
      return { ok: true as const, value: summary(settled ?? record) };
    } catch (error) {
      return { ok: false as const, error: toErrorInfo(error) };
    }
  }

  /** Writes the pending decision and its outbox entry, or returns the twin already queued. */
  private async record(input: ActionInput): Promise<DecisionRecord> {
    const settings = await getSettings();
    const api = await this.api();
    const origin = settings.mockMode ? 'mock:' : settings.chatwootUrl;
    const conversationKey = `${origin}|${input.accountId}|${input.conversationId}`;
    // Two panels (or a double click) submitting the same action: one decision, one send.
    const twin = (await pendingForConversation(this.deps.db, conversationKey)).find((r) =>
      sameIntent(r, input),
    );
    if (twin) return twin;
    // The same confirmation re-sent (its answer was lost when the worker stopped): same decision.
    const again = input.requestId
      ? await findByRequestId(this.deps.db, input.requestId)
      : undefined;
    if (again) {
      if (again.action !== input.action || again.conversationId !== input.conversationId)
        throw new Error('requestId reused for another action');
      return again;
    }
    // Chatwoot down must not lose the decision: fall back to the operator seen last.
    const operatorEmail = await currentOperator(api, origin, input.accountId)
      .then((o) => o.email)
      .catch(
        async () => (await operatorItem.getValue())?.email ?? 'unknown (Chatwoot unreachable)',
      );
    const now = this.now();
    const record: DecisionRecord = {
      id: decisionIdAt(now, crypto.getRandomValues(new Uint8Array(10))),
      requestId: input.requestId ?? null,
      action: input.action,
      scope: 'ops',
      accountId: input.accountId,
      conversationId: input.conversationId,
      chatwootOrigin: origin,
      operatorEmail,
      replyBody: input.action === 'chatwoot.approve_send' ? input.replyBody : null,
      suggestedTemplate: input.action === 'chatwoot.approve_send' ? input.suggestedTemplate : null,
      suggestedBody: input.action === 'chatwoot.approve_send' ? input.suggestedBody : null,
      edited:
        input.action === 'chatwoot.approve_send' &&
        input.replyBody.trim() !== input.suggestedBody.trim(),
      replySource:
        input.action === 'chatwoot.approve_send' ? (input.replySource ?? 'template') : null,
      answeredMessageId:
        input.action === 'chatwoot.approve_send' ? (input.answeredMessageId ?? null) : null,
      note: input.note,
      escalationReason: input.action === 'chatwoot.escalate' ? input.reason : null,
      createdAt: now,
      updatedAt: now,
      syncState: 'pending',
      error: null,
      attempts: 0,
      mock: settings.mockMode,
    };
    await recordAndEnqueue(
      this.deps.db,
      record,
      { conversationKey, payload: input, notBefore: now },
      now,
    );
    return record;
  }

  async list(conversationId?: number): Promise<DecisionSummary[]> {
    const entries = await listOutbox(this.deps.db);
    const records = await Promise.all(entries.map((e) => getDecision(this.deps.db, e.decisionId)));
    return records
      .filter((r): r is DecisionRecord => !!r)
      .filter((r) => conversationId === undefined || r.conversationId === conversationId)
      .map(summary);
  }

  async retry(decisionId: string): Promise<boolean> {
    await this.deps.kv.delete(PAUSED_KEY);
    const ok = await reschedule(this.deps.db, decisionId, this.now(), null, {
      revive: true,
      now: this.now(),
    });
    if (ok) void this.run();
    return ok;
  }

  async cancel(decisionId: string): Promise<boolean> {
    const ok = await cancel(this.deps.db, decisionId, this.now());
    if (ok) {
      const record = await getDecision(this.deps.db, decisionId);
      this.changed(record?.conversationId ?? null);
    }
    return ok;
  }

  /** Runs every due entry; a second call while running makes the loop go round once more. */
  run(): Promise<void> {
    if (this.running) {
      this.rerun = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        await (this.orphansReleased ??= this.releaseOrphans().catch(() => undefined));
        do {
          this.rerun = false;
          await this.pass();
        } while (this.rerun);
      } finally {
        this.running = null;
        await this.scheduleWake();
      }
    })();
    return this.running;
  }

  /** Chrome runs one service worker per extension: an entry still `claimed` when this worker
   * first runs was claimed by a stopped one. Retry it now (it counts as possibly landed, so
   * actions look before posting again) instead of waiting out the 60 s lease. */
  private async releaseOrphans(): Promise<void> {
    const now = this.now();
    for (const entry of await listOutbox(this.deps.db)) {
      if (entry.state !== 'claimed') continue;
      await reschedule(this.deps.db, entry.decisionId, now, entry.lastError, { now });
    }
  }

  /** Chatwoot just accepted a call: entries backing off after a transient error try again
   * within seconds rather than after a backoff of up to 5 minutes. */
  private async pullForward(): Promise<void> {
    const now = this.now().getTime();
    for (const entry of await listOutbox(this.deps.db)) {
      if (entry.state !== 'queued' || entry.nextAttemptAt.getTime() <= now + PULL_FORWARD_MS)
        continue;
      const soon = new Date(now + Math.floor(this.random() * PULL_FORWARD_MS));
      await reschedule(this.deps.db, entry.decisionId, soon, entry.lastError, { now: this.now() });
    }
  }

  /** Runs the queue until this decision settles, or until its next try is not imminent. */
  private async runUntilSettled(
    decisionId: string,
    withinMs: number,
  ): Promise<DecisionRecord | undefined> {
    const deadline = Date.now() + withinMs;
    for (;;) {
      await this.run();
      const record = await getDecision(this.deps.db, decisionId);
      if (!record || record.syncState !== 'pending' || Date.now() >= deadline) return record;
      if (await this.deps.kv.get(PAUSED_KEY)) return record;
      const entry = (await listOutbox(this.deps.db)).find((e) => e.decisionId === decisionId);
      const wait = entry ? entry.nextAttemptAt.getTime() - this.now().getTime() : Infinity;
      if (wait > 3_000) return record;
      await sleep(Math.max(0, wait));
    }
  }

  private async pass(): Promise<void> {
    if (await this.deps.kv.get(PAUSED_KEY)) return;
    const due = await dueEntries(this.deps.db, this.now());
    // Conversations in parallel, each conversation's actions strictly in order.
    const heads = new Map<string, OutboxEntry>();
    for (const entry of due)
      if (!heads.has(entry.conversationKey)) heads.set(entry.conversationKey, entry);
    await Promise.all([...heads.values()].map((entry) => this.attempt(entry)));
    if (heads.size && (await dueEntries(this.deps.db, this.now())).length) this.rerun = true;
  }

  private async attempt(entry: OutboxEntry): Promise<void> {
    const db = this.deps.db;
    const now = this.now();
    // The claim counts the attempt on the decision before the call: if the worker dies
    // mid-call, the next attempt knows the request may have reached Chatwoot and looks first.
    if (!(await claim(db, entry.decisionId, new Date(now.getTime() + LEASE_MS), now))) return;
    const record = await getDecision(db, entry.decisionId);
    const input = actionInputSchema.safeParse(entry.payload);
    if (!record || !input.success) {
      await fail(db, entry.decisionId, 'Unreadable queued action', now);
      return;
    }
    try {
      const api = await this.api(record.mock);
      const result = await runAction({
        api,
        record,
        input: input.data,
        mayHaveRun: record.attempts > 1,
      });
      await complete(db, record.id, this.now(), {
        error: result.repairedDuplicates
          ? `Chromium sent the message twice; the extra copy was deleted in Chatwoot.`
          : null,
      });
      await this.pullForward();
    } catch (error) {
      await this.handleFailure(record, record.attempts, error);
    }
    this.changed(record.conversationId);
  }

  private async handleFailure(record: DecisionRecord, attempts: number, error: unknown) {
    const db = this.deps.db;
    const info = toErrorInfo(error);
    const words = englishError(info.kind, info.detail);
    const errorInfo = { kind: info.kind, detail: info.detail };
    const kind = classifyError(info.kind);
    const now = this.now();
    if (kind === 'pause') {
      // 401: nothing will work until the user signs in again; keep everything queued.
      await this.deps.kv.set(PAUSED_KEY, info.kind);
      await reschedule(db, record.id, now, words, { now, decision: { errorInfo } });
      broadcast({ event: 'auth/required', error: info });
      return;
    }
    // Drops and worker restarts can use up the attempts within seconds: keep trying a while.
    const young = now.getTime() - record.createdAt.getTime() < MIN_RETRY_SPAN_MS;
    if (kind === 'retry' && (attempts < MAX_ATTEMPTS || young)) {
      const next = new Date(now.getTime() + backoffDelay(attempts, this.random()));
      await reschedule(db, record.id, next, words, { now, decision: { errorInfo } });
      return;
    }
    // Not the retry words ("will be retried shortly"): this is the end of retrying.
    const final =
      kind === 'retry'
        ? `Gave up after ${attempts} attempts (last: ${info.detail}). It may have reached Chatwoot: check the conversation, then Retry or Cancel.`
        : words;
    await fail(db, record.id, final, now, { errorInfo });
  }

  /** Resume after sign-in: clear the pause and run. */
  async resume(): Promise<void> {
    await this.deps.kv.delete(PAUSED_KEY);
    await this.run();
  }

  private async scheduleWake(): Promise<void> {
    const entries = await listOutbox(this.deps.db);
    const next = entries
      .filter((e) => e.state === 'queued' || e.state === 'claimed')
      .map((e) => (e.state === 'claimed' ? (e.leaseUntil ?? e.nextAttemptAt) : e.nextAttemptAt))
      .sort((a, b) => a.getTime() - b.getTime())[0];
    if (!next) {
      await browser.alarms.clear(OUTBOX_ALARM);
      return;
    }
    const delay = next.getTime() - this.now().getTime();
    // While the worker lives a timer is faster; the alarm is what survives its death.
    if (delay < 30_000) setTimeout(() => void this.run(), Math.max(0, delay));
    await browser.alarms.create(OUTBOX_ALARM, {
      when: Math.max(Date.now() + 1000, next.getTime()),
    });
  }

  private changed(conversationId: number | null) {
    broadcast({ event: 'outbox/changed', conversationId });
  }
}

function sameIntent(record: DecisionRecord, input: ActionInput): boolean {
  if (record.action !== input.action || record.syncState !== 'pending') return false;
  if (input.action === 'chatwoot.approve_send') return record.replyBody === input.replyBody;
  return true;
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
