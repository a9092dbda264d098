import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ChatwootClient } from '../../../../lib/chatwoot/client';
import { RealtimeHub, type HubDeps } from '../../../../lib/background/realtime/hub';
import type { SocketLike } from '../../../../lib/background/realtime/cable';
import type { LiveChange } from '../../../../lib/messages';
import { FakePort as SharedFakePort } from '../fake-port';
import { SEED, startStandin, type Standin } from '../../../standin/server';

// The worker's hub against the stand-in's real /cable (the `ws` client as the WebSocket).

let standin: Standin;
const hubs: RealtimeHub[] = [];

beforeAll(async () => {
  standin = await startStandin({ quiet: true });
});
afterAll(() => standin.close());
afterEach(() => {
  for (const hub of hubs.splice(0)) hub.close();
  standin.reset();
});

class FakePort extends SharedFakePort {
  modes() {
    return this.events.flatMap((e) => (e.event === 'live/status' ? [e.mode] : []));
  }
  changes(): LiveChange[] {
    return this.events.flatMap((e) => (e.event === 'chatwoot/event' ? e.changes : []));
  }
}

function hub(token: string = SEED.agentToken, extra: Partial<HubDeps> = {}) {
  const client = new ChatwootClient({
    origin: standin.url,
    authHeaders: async () => ({ api_access_token: token }),
  });
  const h = new RealtimeHub({
    origin: async () => standin.url,
    profile: () => client.profile(),
    socket: (url, protocols) => new WebSocket(url, protocols) as unknown as SocketLike,
    ...extra,
  });
  hubs.push(h);
  return h;
}

async function until(check: () => boolean, ms = 3_000) {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const post = (path: string, body: unknown) =>
  fetch(`${standin.url}/__standin${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('RealtimeHub with the stand-in', () => {
  it('subscribes when a panel connects and delivers a customer message, a colleague reply and a resolve', async () => {
    const h = hub();
    const port = new FakePort();
    h.addPanel(port);
    port.send({ watch: { accountId: 1 } });
    await until(() => port.modes().includes('live'));
    const conv = SEED.conversations.p1Tracking;
    await post(`/accounts/1/conversations/${conv}/incoming`, { content: 'I want my money back' });
    await post(`/accounts/1/conversations/${conv}/agent`, { action: 'reply', content: 'On it' });
    await post(`/accounts/1/conversations/${conv}/agent`, { action: 'resolve' });
    await until(() =>
      port.changes().some((c) => c.kind === 'conversation' && c.conversation.status === 'resolved'),
    );
    const messages = port.changes().flatMap((c) => (c.kind === 'message' ? [c.message] : []));
    expect(messages.map((m) => m.content)).toEqual(
      expect.arrayContaining(['I want my money back', 'On it']),
    );
    const resolved = port.changes().find((c) => c.kind === 'conversation');
    // push_data's ISO first_reply_created_at arrives as epoch seconds, like the REST views.
    expect(
      resolved?.kind === 'conversation' && resolved.conversation.first_reply_created_at,
    ).toBeGreaterThan(1e9);
  });

  it('drops events for another account (one token streams all of the user’s accounts)', async () => {
    const h = hub(SEED.adminToken); // Sam administers accounts 1 and 2
    const port = new FakePort();
    h.addPanel(port);
    port.send({ watch: { accountId: 1 } });
    await until(() => port.modes().includes('live'));
    standin.customerMessage(1, 'account two', 2);
    standin.customerMessage(SEED.conversations.p2Refund, 'account one');
    await until(() => port.changes().some((c) => c.kind === 'message'));
    await new Promise((r) => setTimeout(r, 150));
    expect(port.changes().map((c) => c.kind === 'message' && c.message.content)).toEqual([
      'account one',
    ]);
    expect(h.counters.otherAccount).toBeGreaterThan(0);
  });

  it('coalesces a flood of 1,000 events into a few batches, losing none', async () => {
    const h = hub();
    const port = new FakePort();
    h.addPanel(port);
    await until(() => port.modes().includes('live'));
    for (let i = 0; i < 1_000; i++) {
      standin.customerMessage(SEED.conversations.p2Refund, `flood ${i}`);
    }
    await until(() => port.changes().filter((c) => c.kind === 'message').length === 1_000, 5_000);
    const batches = port.events.filter((e) => e.event === 'chatwoot/event').length;
    expect(batches).toBeLessThan(30);
  });

  it('malformed frames are counted and ignored; the panel keeps getting events', async () => {
    const h = hub();
    const port = new FakePort();
    h.addPanel(port);
    await until(() => port.modes().includes('live'));
    await post('/cable/raw', { text: '{"identifier":' });
    await post('/cable/raw', { text: JSON.stringify({ type: 'nonsense' }) });
    standin.customerMessage(SEED.conversations.p2Refund, 'still here');
    await until(() => port.changes().length > 0);
    expect(h.counters.malformed).toBe(2);
  });

  it('a revoked token: rejected → polling → fresh profile → live again', async () => {
    const h = hub();
    const port = new FakePort();
    h.addPanel(port);
    await until(() => port.modes().includes('live'));
    await post('/cable/rotate-token', { userId: SEED.agent.id });
    await until(() => port.modes().at(-1) === 'polling');
    await until(() => port.modes().at(-1) === 'live', 8_000);
    standin.customerMessage(SEED.conversations.p2Refund, 'after rotation');
    await until(() => port.changes().length > 0);
  }, 15_000);

  it('no channel (blocked /cable): the panel is told to poll', async () => {
    standin.cable.configure({ enabled: false });
    const h = hub();
    const port = new FakePort();
    h.addPanel(port);
    await until(() => port.modes().at(-1) === 'polling');
  });

  it('keeps the socket a while after the last panel closes, then drops it', async () => {
    const h = hub(SEED.agentToken, { lingerMs: 300 });
    const a = new FakePort();
    h.addPanel(a);
    await until(() => a.modes().includes('live'));
    a.disconnect();
    expect(standin.cable.stats().connections).toBe(1);
    await until(() => standin.cable.stats().connections === 0);
    // a worker stopped while subscribed: its panel reconnects to a new worker, which resubscribes
    const fresh = hub();
    const b = new FakePort();
    fresh.addPanel(b);
    await until(() => b.modes().includes('live'));
    expect(standin.cable.stats().subscriptions).toEqual([{ userId: SEED.agent.id, accountId: 1 }]);
  });
});
