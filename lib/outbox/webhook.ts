import type { KeyValueStore } from '../background/kv';
import { backoffDelay } from './backoff';

// Posts to the team's Slack incoming webhook (managed policy `slackWebhookUrl`, docs/ALERTS.md),
// through a queue of its own beside the decisions' outbox: durable in IndexedDB (`kv`), woken by
// an alarm after the worker stops, retried with the outbox's backoff, once per alert key as far
// as a webhook allows (no idempotency key: docs/SECURITY.md).

export const WEBHOOK_ALARM = 'webhook';
const QUEUE_KEY = 'webhook:queue';
const SENT_KEY = 'webhook:sent';
const ERROR_KEY = 'webhook:lastError';
const MAX_ATTEMPTS = 8;
const MIN_RETRY_SPAN_MS = 10 * 60_000;
const SENT_MEMORY_MS = 30 * 86_400_000;
const TIMEOUT_MS = 10_000;

export interface WebhookPost {
  /** One post per key, ever (within 30 days): e.g. `escalated:<decision id>`. */
  key: string;
  text: string;
  attempts: number;
  nextAt: number;
  firstAt: number;
}

export interface WebhookDeps {
  kv: KeyValueStore;
  /** The policy's URL now; undefined when none is set (queued posts are then dropped). */
  url: () => Promise<string | undefined>;
  /** Asks to be run again at this instant (a timer and an alarm). */
  wake: (at: number) => void;
  fetch?: typeof fetch;
  now?: () => number;
  random?: () => number;
}

export class WebhookOutbox {
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: WebhookDeps) {}

  private now = () => this.deps.now?.() ?? Date.now();

  /** One worker, but several callers: each change of the queue runs after the previous one. */
  private locked<T>(work: () => Promise<T>): Promise<T> {
    const result = this.chain.then(work, work);
    this.chain = result.catch(() => undefined);
    return result;
  }

  /** Queues a post unless one with this key was queued or sent; the queue then runs. */
  async enqueue(key: string, text: string): Promise<boolean> {
    const added = await this.locked(async () => {
      if (!(await this.deps.url())) return false;
      const queue = await this.queue();
      const sent = (await this.deps.kv.get<Record<string, number>>(SENT_KEY)) ?? {};
      if (sent[key] !== undefined || queue.some((p) => p.key === key)) return false;
      const now = this.now();
      await this.deps.kv.set(QUEUE_KEY, [
        ...queue,
        { key, text, attempts: 0, nextAt: now, firstAt: now },
      ]);
      return true;
    });
    if (added) void this.run();
    return added;
  }

  /** Posts whatever is due, in order; reschedules the rest. */
  run(): Promise<void> {
    return this.locked(async () => {
      const url = await this.deps.url();
      let queue = await this.queue();
      if (!url) {
        if (queue.length) await this.deps.kv.delete(QUEUE_KEY); // the policy was removed
        return;
      }
      for (const post of queue.filter((p) => p.nextAt <= this.now())) {
        const outcome = await this.post(url, post.text);
        queue = await this.queue();
        const rest = queue.filter((p) => p.key !== post.key);
        if (outcome === 'sent') {
          const sent = (await this.deps.kv.get<Record<string, number>>(SENT_KEY)) ?? {};
          const now = this.now();
          const kept = Object.entries(sent).filter(([, at]) => now - at < SENT_MEMORY_MS);
          await this.deps.kv.set(SENT_KEY, { ...Object.fromEntries(kept), [post.key]: now });
          queue = rest;
        } else {
          const attempts = post.attempts + 1;
          const young = this.now() - post.firstAt < MIN_RETRY_SPAN_MS;
          if (outcome === 'retry' && (attempts < MAX_ATTEMPTS || young)) {
            const nextAt = this.now() + backoffDelay(attempts, (this.deps.random ?? Math.random)());
            queue = [...rest, { ...post, attempts, nextAt }];
          } else {
            await this.deps.kv.set(ERROR_KEY, { key: post.key, at: this.now(), outcome });
            queue = rest;
          }
        }
        await this.deps.kv.set(QUEUE_KEY, queue);
      }
      const next = Math.min(...queue.map((p) => p.nextAt));
      if (Number.isFinite(next)) this.deps.wake(next);
    });
  }

  private async queue(): Promise<WebhookPost[]> {
    const stored = await this.deps.kv.get<WebhookPost[]>(QUEUE_KEY);
    return Array.isArray(stored) ? stored : [];
  }

  /** Slack answers 200 "ok"; 4xx (a revoked or mistyped hook) will not get better; a 429, a
   * 5xx, a timeout or no network will. */
  private async post(url: string, text: string): Promise<'sent' | 'retry' | 'refused'> {
    try {
      const res = await (this.deps.fetch ?? fetch)(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ text }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      if (res.ok) return 'sent';
      return res.status === 429 || res.status >= 500 ? 'retry' : 'refused';
    } catch {
      return 'retry';
    }
  }
}
