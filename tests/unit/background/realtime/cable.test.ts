import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  Cable,
  cableUrl,
  CABLE_PROTOCOLS,
  reconnectDelay,
  STALE_AFTER_MS,
  SUBSCRIBE_TIMEOUT_MS,
  type CableState,
  type SocketLike,
} from '../../../../lib/background/realtime/cable';

// The client against a scripted socket: every rule of ActionCable's protocol, timers faked.

class FakeSocket implements SocketLike {
  protocol = '';
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  sent: Array<Record<string, unknown>> = [];
  closed = false;
  constructor(
    readonly url: string,
    readonly protocols: string[],
  ) {}
  send(data: string) {
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }
  close() {
    this.closed = true;
  }
  /** Server side. */
  open(protocol = 'actioncable-v1-json') {
    this.protocol = protocol;
    this.onopen?.({});
  }
  frame(value: unknown) {
    this.onmessage?.({ data: typeof value === 'string' ? value : JSON.stringify(value) });
  }
  drop() {
    this.onclose?.({});
  }
}

const params = { pubsub_token: 'tok', account_id: 1, user_id: 7 };
let sockets: FakeSocket[];
let states: CableState[];
let messages: unknown[];
let malformed: number;

function make() {
  const cable = new Cable({
    url: cableUrl('https://chat.example.com/'),
    params,
    socket: (url, protocols) => {
      const s = new FakeSocket(url, protocols);
      sockets.push(s);
      return s;
    },
    onMessage: (m) => messages.push(m),
    onState: (s) => states.push(s),
    onMalformed: () => malformed++,
    random: () => 0,
  });
  cable.start();
  return cable;
}

function live(cable: Cable, socket = sockets.at(-1)!) {
  socket.open();
  socket.frame({ type: 'welcome' });
  socket.frame({ identifier: cable.identifier, type: 'confirm_subscription' });
}

beforeEach(() => {
  vi.useFakeTimers();
  sockets = [];
  states = [];
  messages = [];
  malformed = 0;
});
afterEach(() => vi.useRealTimers());

describe('Cable (ActionCable protocol)', () => {
  it('opens wss://…/cable with both protocols and subscribes to RoomChannel on welcome', () => {
    const cable = make();
    const s = sockets[0]!;
    expect(s.url).toBe('wss://chat.example.com/cable');
    expect(s.protocols).toEqual(CABLE_PROTOCOLS);
    s.open();
    expect(s.sent).toEqual([]); // nothing before welcome
    s.frame({ type: 'welcome' });
    expect(s.sent).toEqual([
      {
        command: 'subscribe',
        identifier: '{"channel":"RoomChannel","pubsub_token":"tok","account_id":1,"user_id":7}',
      },
    ]);
    s.frame({ identifier: cable.identifier, type: 'confirm_subscription' });
    expect(states).toEqual(['connecting', 'live']);
  });

  it('hands over broadcasts for its identifier only; counts malformed frames', () => {
    const cable = make();
    live(cable);
    const s = sockets[0]!;
    s.frame({ identifier: cable.identifier, message: { event: 'message.created', data: {} } });
    s.frame({ identifier: '{"channel":"Other"}', message: { event: 'x', data: {} } });
    s.frame('not json{');
    s.frame({ type: 'surprise' });
    s.frame({ identifier: cable.identifier, message: 'a string' });
    s.frame(42);
    expect(messages).toEqual([{ event: 'message.created', data: {} }]);
    expect(malformed).toBe(4);
    expect(states.at(-1)).toBe('live');
  });

  it('reconnects with backoff when no frame came for 6 s (stale), and resubscribes', () => {
    const cable = make();
    live(cable);
    vi.advanceTimersByTime(STALE_AFTER_MS - 100);
    sockets[0]!.frame({ type: 'ping', message: 1 });
    vi.advanceTimersByTime(STALE_AFTER_MS - 100);
    expect(sockets).toHaveLength(1); // pings keep it alive
    vi.advanceTimersByTime(200);
    expect(sockets[0]!.closed).toBe(true);
    expect(states.at(-1)).toBe('retrying');
    vi.advanceTimersByTime(reconnectDelay(0, () => 0));
    expect(sockets).toHaveLength(2);
    live(cable);
    expect(sockets[1]!.sent[0]).toMatchObject({ command: 'subscribe' });
    expect(states.at(-1)).toBe('live');
  });

  it('backs off 1 s · 1.5ⁿ up to 30 s while the server stays down', () => {
    make();
    const delays: number[] = [];
    for (let i = 0; i < 12; i++) {
      const before = sockets.length;
      sockets.at(-1)!.drop();
      let waited = 0;
      while (sockets.length === before) {
        vi.advanceTimersByTime(100);
        waited += 100;
      }
      delays.push(waited);
    }
    expect(delays[0]).toBe(1000);
    expect(delays[1]).toBe(1500);
    expect(delays.at(-1)).toBe(30_000);
  });

  it('a socket dropped mid-event: the partial frame is ignored, the client reconnects', () => {
    const cable = make();
    live(cable);
    sockets[0]!.frame('{"identifier":"{\\"channel\\":\\"RoomChannel\\"');
    sockets[0]!.drop();
    expect(malformed).toBe(1);
    vi.advanceTimersByTime(1_000);
    live(cable);
    expect(states.at(-1)).toBe('live');
  });

  it('stops on reject_subscription (wrong or revoked token)', () => {
    const cable = make();
    const s = sockets[0]!;
    s.open();
    s.frame({ type: 'welcome' });
    s.frame({ identifier: cable.identifier, type: 'reject_subscription' });
    expect(states.at(-1)).toBe('refused');
    expect(s.closed).toBe(true);
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
  });

  it('gives up after 10 s without an answer to subscribe (upstream Chatwoot stays silent)', () => {
    make();
    const s = sockets[0]!;
    s.open();
    s.frame({ type: 'welcome' });
    for (let t = 0; t < SUBSCRIBE_TIMEOUT_MS; t += 3_000) {
      vi.advanceTimersByTime(3_000);
      if (!s.closed) s.frame({ type: 'ping', message: t });
    }
    expect(states.at(-1)).toBe('refused');
    expect(s.sent.filter((f) => f.command === 'subscribe')).toHaveLength(1); // no 500 ms loop
  });

  it('disconnect: reconnect true → reconnects; reconnect false (unauthorized) → stops', () => {
    const cable = make();
    live(cable);
    sockets[0]!.frame({ type: 'disconnect', reason: 'server_restart', reconnect: true });
    expect(states.at(-1)).toBe('retrying');
    vi.advanceTimersByTime(1_000);
    live(cable);
    sockets[1]!.frame({ type: 'disconnect', reason: 'unauthorized', reconnect: false });
    expect(states.at(-1)).toBe('refused');
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(2);
  });

  it('refuses a server that did not pick actioncable-v1-json', () => {
    make();
    sockets[0]!.open('');
    expect(states.at(-1)).toBe('unsupported');
    expect(sockets[0]!.closed).toBe(true);
  });

  it('stop() unsubscribes, closes and leaves no timer behind', () => {
    const cable = make();
    live(cable);
    cable.stop();
    expect(sockets[0]!.sent.at(-1)).toEqual({
      command: 'unsubscribe',
      identifier: cable.identifier,
    });
    expect(sockets[0]!.closed).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });
});
