import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startStandin, type Standin } from '../../standin/server';
import type { KeyValueStore } from '../../../lib/background/kv';
import { WebhookOutbox } from '../../../lib/outbox/webhook';

// The Slack queue against the stand-in's webhook receiver, over real HTTP.

let standin: Standin;
beforeAll(async () => {
  standin = await startStandin({ quiet: true });
});
afterAll(() => standin.close());
beforeEach(() => standin.reset());

function memoryKv(): KeyValueStore & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    get: async <T>(k: string) => structuredClone(data.get(k)) as T | undefined,
    set: async (k, v) => void data.set(k, structuredClone(v)),
    delete: async (k) => void data.delete(k),
    keys: async (p) => [...data.keys()].filter((k) => k.startsWith(p)),
  };
}

const received = async () =>
  (await (await fetch(`${standin.url}/__standin/webhooks`)).json()) as {
    path: string;
    body: { text: string };
  }[];

function setup(url: string | undefined = `${standin.url}/hooks/services/T1/B1/secret`) {
  const kv = memoryKv();
  let clock = 1_000_000;
  const wakes: number[] = [];
  const outbox = new WebhookOutbox({
    kv,
    url: async () => url,
    wake: (at) => wakes.push(at),
    now: () => clock,
    random: () => 0.5,
  });
  return { kv, outbox, wakes, advance: (ms: number) => (clock += ms), at: () => clock };
}

describe('WebhookOutbox (Slack incoming webhook) against the stand-in', () => {
  it('posts {text} once per key, and remembers it was sent', async () => {
    const { outbox, kv } = setup();
    expect(await outbox.enqueue('escalated:d1', 'Escalated: #12')).toBe(true);
    expect(await outbox.enqueue('escalated:d1', 'Escalated: #12')).toBe(false);
    await outbox.run();
    const got = await received();
    expect(got).toEqual([
      expect.objectContaining({
        path: '/hooks/services/T1/B1/secret',
        body: { text: 'Escalated: #12' },
      }),
    ]);
    expect(kv.data.get('webhook:queue')).toEqual([]);
    // A new worker (same IndexedDB) still knows it was sent.
    const again = new WebhookOutbox({ kv, url: async () => 'x', wake: () => undefined });
    expect(await again.enqueue('escalated:d1', 'Escalated: #12')).toBe(false);
    expect(await received()).toHaveLength(1);
  });

  it('a 5xx or a 429 is retried with backoff; the post lands once', async () => {
    standin.faults.add({ path: '^/hooks/', kind: 'status', status: 503, times: 1 });
    standin.faults.add({ path: '^/hooks/', kind: 'rate_limit', times: 1 });
    const { outbox, kv, wakes, advance, at } = setup();
    await outbox.enqueue('miss:7', 'Not acknowledged in 2 h: #7');
    await outbox.run(); // after the enqueue's own run (the first try)
    expect(await received()).toHaveLength(0);
    const queued = kv.data.get('webhook:queue') as { attempts: number; nextAt: number }[];
    expect(queued).toMatchObject([{ attempts: 1 }]);
    expect(queued[0]!.nextAt).toBeGreaterThan(at());
    expect(wakes.at(-1)).toBe(queued[0]!.nextAt);
    await outbox.run(); // not due yet: nothing posted
    expect(standin.requests.list().filter((r) => r.path.startsWith('/hooks/'))).toHaveLength(1);
    advance(60_000);
    await outbox.run(); // the 429
    advance(60_000);
    await outbox.run();
    expect((await received()).map((r) => r.body.text)).toEqual(['Not acknowledged in 2 h: #7']);
    expect(kv.data.get('webhook:queue')).toEqual([]);
  });

  it('a connection dropped before the answer is retried (the stopped-worker case)', async () => {
    standin.faults.add({ path: '^/hooks/', kind: 'drop', times: 1 });
    const { outbox, advance } = setup();
    await outbox.enqueue('escalated:d2', 'x');
    await outbox.run();
    expect(await received()).toHaveLength(0);
    advance(10 * 60_000);
    // A fresh worker over the same store picks it up.
    await outbox.run();
    expect(await received()).toHaveLength(1);
  });

  it('a 4xx (revoked hook) is not retried: dropped and recorded', async () => {
    standin.faults.add({ path: '^/hooks/', kind: 'status', status: 404, body: 'no_service' });
    const { outbox, kv } = setup();
    await outbox.enqueue('escalated:d3', 'x');
    await outbox.run();
    expect(kv.data.get('webhook:queue')).toEqual([]);
    expect(kv.data.get('webhook:lastError')).toMatchObject({
      key: 'escalated:d3',
      outcome: 'refused',
    });
  });

  it('gives up on a transient error only after 8 attempts and 10 minutes', async () => {
    standin.faults.add({ path: '^/hooks/', kind: 'status', status: 500 });
    const { outbox, kv, advance } = setup();
    await outbox.enqueue('k', 'x');
    await outbox.run();
    for (let i = 0; i < 9; i++) {
      advance(6 * 60_000);
      await outbox.run();
    }
    expect(kv.data.get('webhook:queue')).toEqual([]);
    expect(kv.data.get('webhook:lastError')).toMatchObject({ key: 'k', outcome: 'retry' });
    expect(standin.requests.list().filter((r) => r.path.startsWith('/hooks/'))).toHaveLength(8);
  });

  it('no URL in the policy: nothing queued, and a queue left over is dropped', async () => {
    const off = setup('');
    expect(await off.outbox.enqueue('k', 'x')).toBe(false);
    off.kv.data.set('webhook:queue', [{ key: 'k', text: 'x', attempts: 1, nextAt: 0, firstAt: 0 }]);
    await off.outbox.run();
    expect(off.kv.data.has('webhook:queue')).toBe(false);
    expect(await received()).toHaveLength(0);
  });

  it('the receiver refuses a body without text, like Slack', async () => {
    const res = await fetch(`${standin.url}/hooks/services/T/B/s`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ blocks: [] }),
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toBe('invalid_payload');
  });
});
