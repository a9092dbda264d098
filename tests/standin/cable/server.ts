// Chatwoot's realtime channel: an ActionCable endpoint at /cable (the `ws` package) speaking
// actioncable-v1-json exactly as Rails does (actioncable/lib/action_cable/connection/*.rb):
// welcome on open, a ping every 3 s, confirm_subscription, reject_subscription, disconnect.
// RoomChannel streams from the user's pubsub_token and from `account_<id>` (room_channel.rb).
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { roleIn } from '../routes/conversations';
import type { StandinState, User } from '../types';
import type { CableBroadcast } from './events';

export const PROTOCOL = 'actioncable-v1-json';
const BEAT_MS = 3_000;

export interface CableSwitches {
  /** Off: /cable answers 404 (a proxy that blocks WebSockets, an old self-hosted setup). */
  enabled: boolean;
  /** A wrong token: `reject` sends reject_subscription; `silent` answers nothing (upstream
   * Chatwoot: RoomChannel#current_user raises and Rails only logs it). */
  badToken: 'reject' | 'silent';
  /** Off: no pings (the client must find the connection stale). */
  pings: boolean;
}
const DEFAULTS: CableSwitches = { enabled: true, badToken: 'reject', pings: true };

interface Subscription {
  userId: number;
  accountId: number;
  token: string;
}
interface Client {
  ws: WebSocket;
  beat: NodeJS.Timeout;
  /** identifier → subscription (null: refused, kept so a repeat is ignored as Rails 7 does). */
  subs: Map<string, Subscription | null>;
}

export function pubsubToken(user: User): string {
  return user.pubsubToken ?? `standin-pubsub-${user.id}`;
}

export class CableServer {
  switches: CableSwitches = { ...DEFAULTS };
  /** Every frame sent, newest last (the contract test reads them). */
  readonly sent: unknown[] = [];
  private readonly wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (offered) => (offered.has(PROTOCOL) ? PROTOCOL : false),
  });
  private readonly clients = new Set<Client>();

  constructor(
    private readonly state: () => StandinState,
    server: Server,
  ) {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const path = new URL(req.url ?? '/', 'http://standin.local').pathname;
      if (path !== '/cable' || !this.switches.enabled) {
        socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
        return;
      }
      // Chatwoot turns request-forgery protection off: any Origin is accepted (cors.rb).
      this.wss.handleUpgrade(req, socket, head, (ws) => this.connected(ws));
    });
  }

  reset(): void {
    this.switches = { ...DEFAULTS };
    this.dropAll();
    this.sent.length = 0;
  }

  configure(patch: Partial<CableSwitches>): CableSwitches {
    if (patch.enabled !== undefined) this.switches.enabled = !!patch.enabled;
    if (patch.pings !== undefined) this.switches.pings = !!patch.pings;
    if (patch.badToken === 'reject' || patch.badToken === 'silent') {
      this.switches.badToken = patch.badToken;
    }
    if (!this.switches.enabled) this.dropAll();
    return this.switches;
  }

  stats() {
    return {
      switches: this.switches,
      connections: this.clients.size,
      subscriptions: [...this.clients].flatMap((c) =>
        [...c.subs.values()].flatMap((s) =>
          s ? [{ userId: s.userId, accountId: s.accountId }] : [],
        ),
      ),
    };
  }

  /** Connection#close(reason:, reconnect:) — the frame, then the socket closes. */
  disconnect(reason: string, reconnect: boolean): void {
    for (const c of this.clients) {
      this.send(c, { type: 'disconnect', reason, reconnect });
      c.ws.close();
    }
  }

  /** The network drops every socket: no close frame. */
  dropAll(): void {
    for (const c of [...this.clients]) c.ws.terminate();
  }

  /** A raw text frame to every client (malformed-frame tests). */
  raw(text: string): void {
    for (const c of this.clients) c.ws.send(text);
  }

  /** Sends each broadcast to every subscription streaming its target. */
  broadcast(list: readonly CableBroadcast[]): void {
    if (list.length === 0) return;
    const state = this.state();
    for (const b of list) {
      const target =
        'userId' in b.stream
          ? (() => {
              const user = state.users.find(
                (u) => u.id === (b.stream as { userId: number }).userId,
              );
              return user ? pubsubToken(user) : null;
            })()
          : `account_${b.stream.account}`;
      if (!target) continue;
      for (const c of this.clients) {
        for (const [identifier, sub] of c.subs) {
          if (!sub) continue;
          const streams = [sub.token];
          // room_channel.rb: agents also stream account_<id>.
          streams.push(`account_${sub.accountId}`);
          if (!streams.includes(target)) continue;
          this.send(c, { identifier, message: { event: b.event, data: b.data } });
        }
      }
    }
  }

  /** The user's token changes (Chatwoot rotates it with the password); their sockets drop. */
  rotateToken(userId: number): string | null {
    const user = this.state().users.find((u) => u.id === userId);
    if (!user) return null;
    const old = pubsubToken(user);
    user.pubsubToken = `standin-pubsub-${userId}-${Math.random().toString(36).slice(2, 10)}`;
    for (const c of [...this.clients]) {
      if ([...c.subs.values()].some((s) => s?.token === old)) c.ws.terminate();
    }
    return user.pubsubToken;
  }

  close(): void {
    this.dropAll();
    this.wss.close();
  }

  private send(c: Client, frame: unknown) {
    this.sent.push(frame);
    if (this.sent.length > 5_000) this.sent.splice(0, 1_000);
    c.ws.send(JSON.stringify(frame));
  }

  private connected(ws: WebSocket) {
    const client: Client = {
      ws,
      subs: new Map(),
      beat: setInterval(() => {
        if (this.switches.pings) {
          this.send(client, { type: 'ping', message: Math.floor(Date.now() / 1000) });
        }
      }, BEAT_MS),
    };
    this.clients.add(client);
    ws.on('close', () => {
      clearInterval(client.beat);
      this.clients.delete(client);
    });
    ws.on('error', () => undefined);
    ws.on('message', (data) => this.command(client, String(data)));
    this.send(client, { type: 'welcome' });
  }

  /** Subscriptions#execute_command: bad JSON or an unknown command is only logged. */
  private command(c: Client, text: string) {
    let cmd: { command?: unknown; identifier?: unknown; data?: unknown };
    try {
      cmd = JSON.parse(text) as typeof cmd;
    } catch {
      return;
    }
    if (typeof cmd !== 'object' || cmd === null || typeof cmd.identifier !== 'string') return;
    const identifier = cmd.identifier;
    if (cmd.command === 'subscribe') {
      if (c.subs.has(identifier)) return; // already subscribed: ignored
      const sub = this.authorise(identifier);
      if (sub) {
        c.subs.set(identifier, sub);
        this.send(c, { identifier, type: 'confirm_subscription' });
        this.presence(c, identifier, sub);
      } else if (this.switches.badToken === 'reject') {
        this.send(c, { identifier, type: 'reject_subscription' });
      } else c.subs.set(identifier, null);
    } else if (cmd.command === 'unsubscribe') {
      c.subs.delete(identifier);
    } else if (cmd.command === 'message') {
      const sub = c.subs.get(identifier);
      let action: unknown;
      try {
        action = (JSON.parse(String(cmd.data)) as { action?: unknown }).action;
      } catch {
        return;
      }
      if (sub && action === 'update_presence') this.presence(c, identifier, sub);
    }
  }

  /** RoomChannel#current_user / #current_account: token AND user id, then membership. */
  private authorise(identifier: string): Subscription | null {
    let params: Record<string, unknown>;
    try {
      params = JSON.parse(identifier) as Record<string, unknown>;
    } catch {
      return null;
    }
    if (params.channel !== 'RoomChannel' || typeof params.pubsub_token !== 'string') return null;
    const state = this.state();
    const user = state.users.find(
      (u) => pubsubToken(u) === params.pubsub_token && String(u.id) === String(params.user_id),
    );
    const accountId = Number(params.account_id);
    if (!user || !roleIn(state, user, accountId)) return null;
    return { userId: user.id, accountId, token: pubsubToken(user) };
  }

  private presence(c: Client, identifier: string, sub: Subscription) {
    this.send(c, {
      identifier,
      message: {
        event: 'presence.update',
        data: { account_id: sub.accountId, users: { [sub.userId]: 'online' }, contacts: {} },
      },
    });
  }
}
