import { z } from '../../zod';

// A small ActionCable client for Chatwoot's RoomChannel (docs/ARCHITECTURE.md "Live updates"),
// following @rails/actioncable's protocol (actioncable-v1-json): welcome → subscribe →
// confirm_subscription | reject_subscription; a ping every 3 s, stale after 6 s without a
// frame; `disconnect` with a reconnect flag. Written here rather than taken from
// @rails/actioncable: that library reads `document` (absent in a service worker), cannot be
// handed a fake socket, and waits forever on a subscription Chatwoot silently refuses.

export const CABLE_PROTOCOLS = ['actioncable-v1-json', 'actioncable-unsupported'];
export const STALE_AFTER_MS = 6_000; // Rails: two missed pings (connection_monitor.js)
export const SUBSCRIBE_TIMEOUT_MS = 10_000; // Chatwoot answers nothing to a wrong token
const OPEN_TIMEOUT_MS = 10_000;

/** What the owner hears: `live` once subscribed; `retrying` while it reconnects on its own;
 * `refused` (wrong or revoked token, unauthorized) and `unsupported` stop it until restarted. */
export type CableState = 'connecting' | 'live' | 'retrying' | 'refused' | 'unsupported';

/** The WebSocket surface used: the browser's and the `ws` package's both fit. */
export interface SocketLike {
  readonly protocol: string;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}
export type SocketFactory = (url: string, protocols: string[]) => SocketLike;

export interface CableOptions {
  url: string;
  /** RoomChannel params, in Chatwoot's dashboard order (the server echoes the exact string). */
  params: { pubsub_token: string; account_id: number; user_id: number };
  socket?: SocketFactory;
  onMessage: (message: unknown) => void;
  onState: (state: CableState) => void;
  /** Frames that were not ActionCable JSON (counted, otherwise ignored). */
  onMalformed?: () => void;
  random?: () => number;
}

const identified = z.object({ identifier: z.string() });
const frameSchema = z.union([
  z.object({ type: z.literal('welcome') }),
  z.object({ type: z.literal('ping'), message: z.optional(z.unknown()) }),
  z.object({
    type: z.literal('disconnect'),
    reason: z.optional(z.nullable(z.string())),
    reconnect: z.optional(z.boolean()),
  }),
  z.extend(identified, { type: z.literal('confirm_subscription') }),
  z.extend(identified, { type: z.literal('reject_subscription') }),
  z.extend(identified, { message: z.looseObject({}) }), // a broadcast (Channel#transmit)
]);

/** Rails-style backoff: 1 s · 1.5ⁿ, at most 30 s, plus up to 15 % jitter. */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  return Math.min(30_000, 1_000 * 1.5 ** attempt) * (1 + 0.15 * random());
}

export function cableUrl(origin: string): string {
  return `${origin.replace(/^http/, 'ws').replace(/\/+$/, '')}/cable`;
}

export class Cable {
  readonly identifier: string;
  private socket: SocketLike | null = null;
  private attempts = 0;
  private stopped = false;
  private state: CableState | null = null;
  private staleTimer: ReturnType<typeof setTimeout> | undefined;
  private subscribeTimer: ReturnType<typeof setTimeout> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: CableOptions) {
    const { pubsub_token, account_id, user_id } = options.params;
    this.identifier = JSON.stringify({ channel: 'RoomChannel', pubsub_token, account_id, user_id });
  }

  start(): void {
    this.stopped = false;
    this.open();
  }

  /** Closes for good (no reconnect), unsubscribing first as the JS client does. */
  stop(): void {
    this.stopped = true;
    this.clearTimers();
    const socket = this.socket;
    this.socket = null;
    if (!socket) return;
    detach(socket);
    try {
      socket.send(JSON.stringify({ command: 'unsubscribe', identifier: this.identifier }));
    } catch {
      // not open yet, or already gone
    }
    socket.close();
  }

  private setState(state: CableState) {
    if (this.state === state) return;
    this.state = state;
    this.options.onState(state);
  }

  private open() {
    this.clearTimers();
    this.setState(this.attempts === 0 ? 'connecting' : 'retrying');
    let socket: SocketLike;
    try {
      socket = (this.options.socket ?? browserSocket)(this.options.url, CABLE_PROTOCOLS);
    } catch {
      this.retry();
      return;
    }
    this.socket = socket;
    this.watchStale(OPEN_TIMEOUT_MS);
    socket.onopen = () => {
      // The JS client refuses a server that did not pick its protocol (connection.js).
      if (socket.protocol !== CABLE_PROTOCOLS[0]) this.end('unsupported');
    };
    socket.onmessage = (ev) => this.onFrame(ev.data);
    socket.onerror = () => undefined; // a close always follows
    socket.onclose = () => {
      if (this.socket === socket) this.retry();
    };
  }

  private onFrame(data: unknown) {
    if (this.stopped) return;
    this.watchStale(STALE_AFTER_MS); // any frame proves the connection alive
    let parsed: z.infer<typeof frameSchema>;
    try {
      const result = frameSchema.safeParse(JSON.parse(String(data)));
      if (!result.success) throw new Error('not an ActionCable frame');
      parsed = result.data;
    } catch {
      this.options.onMalformed?.();
      return;
    }
    if ('identifier' in parsed) {
      if (parsed.identifier !== this.identifier) return; // another subscription's
      if ('message' in parsed) this.options.onMessage(parsed.message);
      else if (parsed.type === 'confirm_subscription') {
        clearTimeout(this.subscribeTimer);
        this.attempts = 0;
        this.setState('live');
      } else this.end('refused');
      return;
    }
    switch (parsed.type) {
      case 'welcome':
        this.socket?.send(JSON.stringify({ command: 'subscribe', identifier: this.identifier }));
        clearTimeout(this.subscribeTimer);
        this.subscribeTimer = setTimeout(() => this.end('refused'), SUBSCRIBE_TIMEOUT_MS);
        return;
      case 'disconnect':
        if (parsed.reconnect === false) this.end('refused');
        else this.retry();
        return;
      default: // ping
    }
  }

  private watchStale(ms: number) {
    clearTimeout(this.staleTimer);
    this.staleTimer = setTimeout(() => this.retry(), ms);
  }

  /** Drops the socket and opens another after the backoff delay. */
  private retry() {
    if (this.stopped) return;
    this.drop();
    this.setState('retrying');
    const delay = reconnectDelay(this.attempts++, this.options.random);
    this.retryTimer = setTimeout(() => this.open(), delay);
  }

  private end(state: 'refused' | 'unsupported') {
    this.stopped = true;
    this.drop();
    this.setState(state);
  }

  private drop() {
    this.clearTimers();
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      detach(socket);
      socket.close();
    }
  }

  private clearTimers() {
    clearTimeout(this.staleTimer);
    clearTimeout(this.subscribeTimer);
    clearTimeout(this.retryTimer);
  }
}

function detach(socket: SocketLike) {
  socket.onopen = socket.onmessage = socket.onclose = null;
  socket.onerror = () => undefined;
}

const browserSocket: SocketFactory = (url, protocols) =>
  new WebSocket(url, protocols) as unknown as SocketLike;
