// The stand-in's /cable held to ActionCable's wire protocol (rails actioncable/lib/action_cable.rb
// INTERNAL; connection/base.rb, subscriptions.rb, channel/base.rb; server/connections.rb) and to
// Chatwoot's RoomChannel (room_channel.rb) and broadcast shapes (action_cable_listener.rb).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { z } from 'zod';
import { SEED, startStandin, type Standin } from '../server';

// Rails' INTERNAL constants.
const MESSAGE_TYPES = [
  'welcome',
  'disconnect',
  'ping',
  'confirm_subscription',
  'reject_subscription',
] as const;
const DISCONNECT_REASONS = ['unauthorized', 'invalid_request', 'server_restart', 'remote'];
const PROTOCOLS = ['actioncable-v1-json', 'actioncable-unsupported'];

// Every frame Rails sends, key for key (strict: no extra keys).
const railsFrame = z.union([
  z.strictObject({ type: z.literal('welcome') }),
  z.strictObject({ type: z.literal('ping'), message: z.number().int() }),
  z.strictObject({
    type: z.literal('disconnect'),
    reason: z.enum(DISCONNECT_REASONS as [string, ...string[]]),
    reconnect: z.boolean(),
  }),
  z.strictObject({
    identifier: z.string(),
    type: z.enum(['confirm_subscription', 'reject_subscription']),
  }),
  z.strictObject({
    identifier: z.string(),
    message: z.strictObject({
      event: z.string(),
      data: z.looseObject({ account_id: z.number().int() }),
    }),
  }),
]);

/** A received frame, loosely typed for assertions (the schema above is the contract). */
interface Frame {
  type?: string;
  identifier?: string;
  reason?: string;
  message?:
    | number
    | {
        event?: string;
        data?: Record<string, unknown> & { account_id?: number; performer?: unknown };
      };
}
const event = (f: Frame) => (typeof f.message === 'object' ? f.message : undefined);

let standin: Standin;
const open: WebSocket[] = [];

beforeAll(async () => {
  standin = await startStandin({ quiet: true });
});
afterAll(() => standin.close());
afterEach(() => {
  for (const ws of open.splice(0)) ws.terminate();
  standin.reset();
});

const identifier = (token: string, accountId = SEED.accountId, userId: number = SEED.agent.id) =>
  JSON.stringify({
    channel: 'RoomChannel',
    pubsub_token: token,
    account_id: accountId,
    user_id: userId,
  });

async function connect(): Promise<{
  ws: WebSocket;
  frames: Frame[];
  next: (pred: (f: Frame) => boolean, ms?: number) => Promise<Frame>;
}> {
  const ws = new WebSocket(`${standin.url.replace('http', 'ws')}/cable`, PROTOCOLS);
  open.push(ws);
  const frames: Frame[] = [];
  const waiters: Array<{ pred: (f: Frame) => boolean; resolve: (f: Frame) => void }> = [];
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data)) as Frame;
    frames.push(frame);
    for (const w of [...waiters]) {
      if (w.pred(frame)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(frame);
      }
    }
  });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const next = (pred: (f: Frame) => boolean, ms = 2_000) =>
    new Promise<Frame>((resolve, reject) => {
      const seen = frames.find(pred);
      if (seen) return resolve(seen);
      const timer = setTimeout(() => reject(new Error('no such frame')), ms);
      waiters.push({ pred, resolve: (f) => (clearTimeout(timer), resolve(f)) });
    });
  return { ws, frames, next };
}

describe('stand-in /cable speaks ActionCable', () => {
  it('negotiates actioncable-v1-json and welcomes first', async () => {
    const { ws, frames, next } = await connect();
    expect(ws.protocol).toBe(PROTOCOLS[0]);
    await next((f) => f.type === 'welcome');
    expect(frames[0]).toEqual({ type: 'welcome' });
  });

  it('pings every 3 s with unix seconds', async () => {
    const { next } = await connect();
    const t0 = Date.now();
    const ping = await next((f) => f.type === 'ping', 4_000);
    expect(Date.now() - t0).toBeGreaterThan(2_500);
    expect(Math.abs(Number(ping.message) - Date.now() / 1000)).toBeLessThan(5);
  });

  it('confirms a RoomChannel subscription with the exact identifier string, then presence', async () => {
    const { ws, next } = await connect();
    await next((f) => f.type === 'welcome');
    const id = identifier('standin-pubsub-1');
    ws.send(JSON.stringify({ command: 'subscribe', identifier: id }));
    expect(await next((f) => f.type === 'confirm_subscription')).toEqual({
      identifier: id,
      type: 'confirm_subscription',
    });
    const presence = await next((f) => event(f)?.event === 'presence.update');
    expect(presence.identifier).toBe(id);
    expect(event(presence)?.data).toMatchObject({ account_id: 1, users: { '1': 'online' } });
  });

  it('rejects a wrong token, or stays silent like upstream Chatwoot', async () => {
    const a = await connect();
    await a.next((f) => f.type === 'welcome');
    const bad = identifier('nope');
    a.ws.send(JSON.stringify({ command: 'subscribe', identifier: bad }));
    expect(await a.next((f) => f.type === 'reject_subscription')).toEqual({
      identifier: bad,
      type: 'reject_subscription',
    });
    // a token that is right but for another user id is refused too
    a.ws.send(
      JSON.stringify({ command: 'subscribe', identifier: identifier('standin-pubsub-1', 1, 2) }),
    );
    await a.next(
      (f) => f.type === 'reject_subscription' && !!f.identifier?.includes('"user_id":2'),
    );

    standin.cable.configure({ badToken: 'silent' });
    const b = await connect();
    await b.next((f) => f.type === 'welcome');
    b.ws.send(JSON.stringify({ command: 'subscribe', identifier: bad }));
    await new Promise((r) => setTimeout(r, 300));
    expect(b.frames.filter((f: Frame) => f.identifier)).toEqual([]);
  });

  it('broadcasts a customer message and a colleague resolving it, for the right account only', async () => {
    const { ws, next, frames } = await connect();
    await next((f) => f.type === 'welcome');
    const id = identifier('standin-pubsub-1');
    ws.send(JSON.stringify({ command: 'subscribe', identifier: id }));
    await next((f) => f.type === 'confirm_subscription');
    const conv = SEED.conversations.p1Tracking;
    await fetch(`${standin.url}/__standin/accounts/1/conversations/${conv}/incoming`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ content: 'actually it never arrived' }),
    });
    const created = await next((f) => event(f)?.event === 'message.created');
    expect(event(created)?.data).toMatchObject({
      content: 'actually it never arrived',
      conversation_id: conv,
      account_id: 1,
      message_type: 0,
    });
    await fetch(`${standin.url}/__standin/accounts/1/conversations/${conv}/agent`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'resolve' }),
    });
    const status = await next((f) => event(f)?.event === 'conversation.status_changed');
    expect(event(status)?.data).toMatchObject({ id: conv, status: 'resolved', account_id: 1 });
    expect(event(status)?.data?.performer).toBeUndefined();
    // Dana is not a member of inbox 3 and not in account 2: nothing about those reaches her.
    standin.customerMessage(1, 'other account', 2);
    await new Promise((r) => setTimeout(r, 200));
    expect(frames.some((f: Frame) => event(f)?.data?.account_id === 2)).toBe(false);
  });

  it('sends disconnect frames, and every frame it ever sent is a Rails frame', async () => {
    const { next } = await connect();
    await next((f) => f.type === 'welcome');
    await fetch(`${standin.url}/__standin/cable/disconnect`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'server_restart', reconnect: true }),
    });
    expect(await next((f) => f.type === 'disconnect')).toEqual({
      type: 'disconnect',
      reason: 'server_restart',
      reconnect: true,
    });
  });

  it('answers 404 to the upgrade when the channel is off', async () => {
    standin.cable.configure({ enabled: false });
    const ws = new WebSocket(`${standin.url.replace('http', 'ws')}/cable`, PROTOCOLS);
    const error = await new Promise<Error>((resolve) => ws.once('error', resolve));
    expect(String(error)).toMatch(/404/);
  });
});

describe('frame log', () => {
  it('holds every frame to Rails shapes', async () => {
    const { ws, next } = await connect();
    await next((f) => f.type === 'welcome');
    ws.send(JSON.stringify({ command: 'subscribe', identifier: identifier('standin-pubsub-1') }));
    ws.send(JSON.stringify({ command: 'subscribe', identifier: identifier('bad') }));
    await next((f) => f.type === 'reject_subscription');
    standin.customerMessage(SEED.conversations.p2Refund, 'hello');
    await next((f) => event(f)?.event === 'message.created');
    expect(standin.cable.sent.length).toBeGreaterThan(3);
    for (const frame of standin.cable.sent) {
      const parsed = railsFrame.safeParse(frame);
      expect(parsed.success, JSON.stringify(frame)).toBe(true);
      if ('type' in (frame as object))
        expect(MESSAGE_TYPES).toContain((frame as { type: string }).type);
    }
  });
});
