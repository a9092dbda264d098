import { browser } from 'wxt/browser';
import { classifyError, toErrorInfo, type ApiErrorKind } from '../chatwoot/errors';
import { getDecision, type DecisionsDb } from '../decisions/db';
import type { DecisionRecord } from '../decisions/record';
import { actionInputSchema, type ActionInput, type DecisionSummary } from '../messages';
import { broadcast } from '../background/requests';
import { getManagedSettings, getSettings } from '../settings/settings';
import type { Credentials } from '../background/credentials';
import type { KeyValueStore } from '../background/kv';
import { englishError } from '../i18n/errors';
import { runAction } from './actions';
import { copiesWords } from './once';
import { backoffDelay } from './backoff';
import { apiForDecision, bindOperator, signedIn, type BindingDeps } from './binding';
import { decide, summary } from './decide';
import {
  attributedMessages,
  cancel,
  claim,
  complete,
  dueEntries,
  entryOf,
  fail,
  listOutbox,
  nextDueAt,
  patchDecision,
  renewLease,
  reschedule,
  setAnchor,
  type OutboxEntry,
} from './store';

// The durable outbox. A decision is written as `pending` together with its outbox entry BEFORE
// any Chatwoot call; the worker then runs entries in order per conversation, retrying with
// backoff. Everything lives in IndexedDB and chrome.alarms wakes the worker, so a stopped
// worker or a browser restart loses nothing. What "exactly once" means: docs/SECURITY.md.

export const OUTBOX_ALARM = 'outbox';
/** While the queue is paused by a 401: ask Chatwoot now and then whether the user is back. */
export const AUTH_ALARM = 'outbox-auth';
const AUTH_CHECK_MINUTES = 1;
const LEASE_MS = 60_000; // a claimed entry whose worker died is taken again after this
const RENEW_EVERY_MS = 20_000; // the lease is renewed while an action runs
/** A stopped worker's POST may still be landing: its entry waits this long before a retry. */
export const ORPHAN_GRACE_MS = 10_000;
const MAX_ATTEMPTS = 8;
const MIN_RETRY_SPAN_MS = 10 * 60_000; // and never give up on a transient error sooner
const PULL_FORWARD_MS = 3_000; // after a success, connectivity retries waiting longer go sooner
const CONNECTIVITY: readonly ApiErrorKind[] = ['offline', 'timeout'];
const CONFIRM_OPERATOR_MS = 3_000; // the profile call after a submit: short, never blocking
const WAIT_FOR_RESULT_MS = 8_000; // how long the panel waits before "queued" is the answer
const PAUSED_KEY = 'outbox:paused';

export interface OutboxDeps extends BindingDeps {
  db: DecisionsDb;
  credentials: Credentials;
  kv: KeyValueStore;
  now?: () => Date;
  random?: () => number;
  /** How often a running action renews its lease (default 20 s; tests shorten it). */
  renewEveryMs?: number;
  /** A live escalation reached Chatwoot: queued for Slack before the decision is settled, so a
   * stop in between retries the action and finds the post already queued (docs/ALERTS.md). */
  onEscalated?: (record: DecisionRecord) => Promise<void>;
}

export class Outbox {
  private running: Promise<void> | null = null;
  private orphansReleased: Promise<void> | null = null;
  private rerun = false;
  private readonly now: () => Date;
  private readonly random: () => number;
  private submitting: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: OutboxDeps) {
    this.now = deps.now ?? (() => new Date());
    this.random = deps.random ?? Math.random;
  }

  /** Decide-and-record is serialised: every panel talks to this one worker, so a twin check
   * made under this lock cannot race another panel's identical submit. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.submitting.then(work, work);
    this.submitting = result.catch(() => undefined);
    return result;
  }

  async submit(input: ActionInput) {
    try {
      const settings = await getSettings();
      const record = await this.exclusive(() => decide(this.deps.db, settings, input, this.now()));
      if (record.syncState !== 'pending' || record.attempts > 0)
        return { ok: true as const, value: summary(record) };
      this.changed(record.conversationId);
      await this.confirmOperator(record);
      const settled = await this.runUntilSettled(record.id, WAIT_FOR_RESULT_MS);
      return { ok: true as const, value: summary(settled ?? record) };
    } catch (error) {
      return { ok: false as const, error: toErrorInfo(error) };
    }
  }

  /** Right after the write: the decision names whoever Chatwoot says is signed in now. A slow
   * or failing answer leaves it to the first attempt, which asks again. */
  private async confirmOperator(record: DecisionRecord): Promise<void> {
    try {
      const api = await apiForDecision(this.deps, record);
      const me = await withTimeout(
        signedIn(api, record.chatwootOrigin, record.accountId),
        CONFIRM_OPERATOR_MS,
      );
      const fresh = await getDecision(this.deps.db, record.id);
      if (fresh?.operatorId == null && fresh?.attempts === 0) {
        await patchDecision(
          this.deps.db,
          record.id,
          { operatorId: me.userId, operatorEmail: me.email },
          this.now(),
        );
      }
    } catch {
      // offline, signed out, held: the attempt says why
    }
  }

  async list(conversationId?: number): Promise<DecisionSummary[]> {
    const entries = await listOutbox(this.deps.db);
    const records = await Promise.all(entries.map((e) => getDecision(this.deps.db, e.decisionId)));
    return records
      .filter((r): r is DecisionRecord => !!r)
      .filter((r) => conversationId === undefined || r.conversationId === conversationId)
      .map(summary);
  }

  /** Why the whole queue waits (a 401), or null. */
  async paused(): Promise<ApiErrorKind | null> {
    return (await this.deps.kv.get<ApiErrorKind>(PAUSED_KEY)) ?? null;
  }

  /** The operator's Retry of one decision. It does not lift a pause for the whole queue unless
   * Chatwoot answers that someone is signed in again. */
  async retry(decisionId: string): Promise<boolean> {
    const ok = await reschedule(
      this.deps.db,
      decisionId,
      this.now(),
      { error: null, errorInfo: null },
      { revive: true, now: this.now() },
    );
    if (ok) {
      const record = await getDecision(this.deps.db, decisionId);
      this.changed(record?.conversationId ?? null);
      if (await this.paused()) void this.checkAuth();
      else void this.run();
    }
    return ok;
  }

  async cancel(decisionId: string): Promise<boolean> {
    const record = await cancel(this.deps.db, decisionId, this.now());
    if (record) this.changed(record.conversationId);
    return record !== null;
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
   * first runs was claimed by a stopped one, whose POST may still be landing. It waits a short
   * grace, then its attempt looks after its anchor before posting again (lib/outbox/once.ts). */
  private async releaseOrphans(): Promise<void> {
    const now = this.now();
    const at = new Date(now.getTime() + ORPHAN_GRACE_MS);
    for (const entry of await listOutbox(this.deps.db)) {
      if (entry.state !== 'claimed') continue;
      await reschedule(this.deps.db, entry.decisionId, at, {}, { now });
    }
  }

  /** Chatwoot just accepted a call: entries waiting after a connectivity failure try again
   * within seconds. Those backing off after a 429 or a 5xx keep their wait. */
  private async pullForward(): Promise<void> {
    const now = this.now().getTime();
    for (const entry of await listOutbox(this.deps.db)) {
      if (entry.state !== 'queued' || entry.nextAttemptAt.getTime() <= now + PULL_FORWARD_MS)
        continue;
      if (!entry.lastErrorKind || !CONNECTIVITY.includes(entry.lastErrorKind)) continue;
      const soon = new Date(now + Math.floor(this.random() * PULL_FORWARD_MS));
      await reschedule(this.deps.db, entry.decisionId, soon, {}, { now: this.now() });
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
      if (await this.paused()) return record;
      const entry = await entryOf(this.deps.db, decisionId);
      const wait = entry ? entry.nextAttemptAt.getTime() - this.now().getTime() : Infinity;
      if (wait > 3_000) return record;
      await sleep(Math.max(0, wait));
    }
  }

  private async pass(): Promise<void> {
    if (await this.paused()) return;
    const due = await dueEntries(this.deps.db, this.now());
    // Conversations in parallel, each conversation's actions strictly in order.
    await Promise.all(due.map((entry) => this.attempt(entry)));
    if (due.length && (await dueEntries(this.deps.db, this.now())).length) this.rerun = true;
  }

  private async attempt(due: OutboxEntry): Promise<void> {
    const db = this.deps.db;
    const now = this.now();
    const claimed = await claim(db, due.decisionId, new Date(now.getTime() + LEASE_MS), now);
    if (!claimed) return;
    const { entry } = claimed;
    let record = claimed.record;
    const input = actionInputSchema.safeParse(entry.payload);
    if (!record || !input.success) {
      await fail(db, entry.decisionId, { error: 'Unreadable queued action' }, now);
      return;
    }
    const renew = setInterval(
      () => void renewLease(db, entry.decisionId, new Date(this.now().getTime() + LEASE_MS)),
      this.deps.renewEveryMs ?? RENEW_EVERY_MS,
    );
    try {
      const api = await apiForDecision(this.deps, record);
      // Asked at every attempt, with the attempt's own credentials (binding.ts).
      const me = await signedIn(api, record.chatwootOrigin, record.accountId);
      record = await bindOperator(db, record, me, this.now());
      const result = await runAction({
        api,
        record,
        input: input.data,
        userId: me.userId,
        attributed: await attributedMessages(db, record),
        l3Label: (await getManagedSettings()).escalationL3Label,
        anchors: entry.anchors ?? {},
        saveAnchor: (step, id) => setAnchor(db, entry.decisionId, step, id),
      });
      if (record.action === 'chatwoot.escalate' && !record.mock) {
        await this.deps.onEscalated?.(record).catch(() => undefined);
      }
      const copies = result.deletedCopyIds ?? [];
      await complete(
        db,
        record.id,
        {
          postedMessageId: result.messageId ?? null,
          deletedCopyIds: copies,
          error: copies.length ? copiesWords(copies) : null,
        },
        this.now(),
      );
      await this.pullForward();
    } catch (error) {
      await this.handleFailure(record, error);
    } finally {
      clearInterval(renew);
    }
    this.changed(record.conversationId);
  }

  private async handleFailure(record: DecisionRecord, error: unknown) {
    const db = this.deps.db;
    const info = toErrorInfo(error);
    const errorInfo = { kind: info.kind, detail: info.detail };
    const kind = classifyError(info.kind);
    const attempts = record.attempts;
    if (kind === 'pause') {
      // 401: nothing will work until the user signs in again; keep everything queued. The
      // background resumes by itself once Chatwoot answers again (checkAuth).
      await this.deps.kv.set(PAUSED_KEY, info.kind);
      const words = `${englishError(info.kind, info.detail)} Queued actions wait until then.`;
      await reschedule(db, record.id, this.now(), { error: words, errorInfo }, { now: this.now() });
      await browser.alarms.create(AUTH_ALARM, { periodInMinutes: AUTH_CHECK_MINUTES });
      broadcast({ event: 'auth/required', error: info });
      return;
    }
    // Drops and worker restarts can use up the attempts within seconds: keep trying a while.
    const young = this.now().getTime() - record.createdAt.getTime() < MIN_RETRY_SPAN_MS;
    if (kind === 'retry' && (attempts < MAX_ATTEMPTS || young)) {
      const next = new Date(this.now().getTime() + backoffDelay(attempts, this.random()));
      const words = englishError(info.kind, info.detail);
      await reschedule(db, record.id, next, { error: words, errorInfo }, { now: this.now() });
      return;
    }
    const words =
      kind === 'retry'
        ? // Not the retry words ("will be retried shortly"): this is the end of retrying.
          `Gave up after ${attempts} attempts (last: ${info.detail}). It may have reached Chatwoot: check the conversation, then Retry or Cancel.`
        : englishError(info.kind, info.detail);
    await fail(db, record.id, { error: words, errorInfo }, this.now());
  }

  /** While paused: whether Chatwoot answers again (signed back in); if so the queue resumes.
   * Called by the auth alarm, a change of the session cookie, and an operator's Retry. */
  async checkAuth(): Promise<boolean> {
    if (!(await this.paused())) return true;
    try {
      const settings = await getSettings();
      const api = await apiForDecision(this.deps, {
        chatwootOrigin: settings.chatwootUrl,
        mock: false,
      });
      await api.profile();
    } catch {
      return false;
    }
    await this.resume();
    return true;
  }

  /** Resume after sign-in: clear the pause and run. */
  async resume(): Promise<void> {
    await this.deps.kv.delete(PAUSED_KEY);
    await browser.alarms.clear(AUTH_ALARM);
    this.changed(null);
    await this.run();
  }

  private async scheduleWake(): Promise<void> {
    // Paused: nothing runs until the auth check says so (no timer spinning on due entries).
    const next = (await this.paused()) ? null : await nextDueAt(this.deps.db);
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

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out')), ms);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
