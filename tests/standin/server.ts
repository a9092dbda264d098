// A local stand-in for a Chatwoot server: the Application API (docs/CHATWOOT.md §3, §4), the
// dashboard's session cookie (§2) and SPA routes (§1), plus a control API for tests
// (/__standin/: state, request log, reset, faults, config, clock). Plain node:http.
import { randomUUID } from 'node:crypto';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { addOutgoing, handleApi } from './routes/api';
import {
  handleAuthRoute,
  parseCookies,
  sessionSetCookie,
  cookieDays,
  createSession,
  jsCookieWrite,
  SESSION_COOKIE,
  SIGNED_OUT_COOKIE,
  signInHeaders,
} from './routes/auth';
import { handleControl } from './routes/control';
import { handleWebhook, WEBHOOK_PREFIX } from './routes/webhook';
import { handleCableControl, isCableControl } from './cable/control';
import { changes, snapshot } from './cable/events';
import { CableServer } from './cable/server';
import {
  StandinCore,
  type RequestLogEntry,
  type StandinConfigPatch,
  type StandinConfigView,
} from './core';
import { loginPage, shellPage } from './routes/dashboard';
import { proxyErrorPage, type Fault, type FaultSpec } from './routes/faults';
import type { ApiRequest, ApiResponse } from './http';
import { profile, toIso } from './routes/render';
import { SEED } from './seed';
import type { Message, StandinState } from './types';

export type { Fault, FaultSpec } from './routes/faults';
export type { RequestLogEntry, StandinConfigPatch, StandinConfigView } from './core';
export type { StandinState } from './types';
export { SEED } from './seed';

export interface StandinOptions {
  /** 0 = random free port (default). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** The stand-in's clock; default real time. Seed times are relative to it. */
  now?: () => Date;
  /** No console output. */
  quiet?: boolean;
}

export interface Standin {
  /** e.g. http://localhost:PORT (localhost, so it matches `http://localhost/*` host permissions). */
  url: string;
  port: number;
  close(): Promise<void>;
  /** The live state (replaced by reset()). */
  readonly state: StandinState;
  /** Re-seed relative to now; also clears faults, switches, the request log and the clock offset. */
  reset(): void;
  faults: {
    /** `onHit` (in-process only) runs when the fault applies, before the connection drops: the
     * world moving on while an answer is lost (a colleague writes, the customer writes). */
    add(spec: FaultSpec & { onHit?: () => void }): Fault;
    list(): Fault[];
    clear(): void;
    remove(id: string): boolean;
  };
  /** Reads, or patches then reads, the switches (latencyMs, strictLabels, aiEnabled, …). */
  config(patch?: StandinConfigPatch): StandinConfigView;
  requests: { list(): RequestLogEntry[]; clear(): void };
  clock: { now(): Date; advance(ms: number): void };
  /** Revokes every dashboard session (cookies stay; the API then answers 401). */
  revokeSessions(): void;
  /** HTTP requests received and not yet answered (or closed). */
  inFlight(): number;
  /** The realtime channel at /cable (tests/standin/cable/): switches, faults, frames sent. */
  cable: CableServer;
  /** The customer writes into a conversation (account 1 unless given). */
  customerMessage(displayId: number, content: string, accountId?: number): Message | undefined;
  /** A colleague (any seeded user, by email) replies or writes a note from their dashboard. */
  colleagueMessage(
    email: string,
    displayId: number,
    content: string,
    isPrivate?: boolean,
  ): Message | undefined;
  /** Signs a user in as /auth/sign_in does; returns the `cw_d_session_info` cookie value the
   * dashboard would write (js-cookie encoded), for a browser to take. */
  signIn(email: string): string;
}

const JSON_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'max-age=0, private, must-revalidate',
};
const MAX_BODY = 5 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Rails parses JSON and form bodies; anything else unparseable is a 400. */
function parseBody(
  raw: string,
  headers: IncomingHttpHeaders,
): { ok: true; body: unknown } | { ok: false } {
  if (raw.trim() === '') return { ok: true, body: {} };
  const type = headers['content-type'] ?? '';
  if (type.includes('application/x-www-form-urlencoded')) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of new URLSearchParams(raw)) {
      if (k.endsWith('[]')) {
        const key = k.slice(0, -2);
        const prev = out[key];
        out[key] = Array.isArray(prev) ? [...prev, v] : [v];
      } else out[k] = v;
    }
    return { ok: true, body: out };
  }
  try {
    return { ok: true, body: JSON.parse(raw) as unknown };
  } catch {
    return { ok: false };
  }
}

function serialize(r: ApiResponse): { text: string; headers: Record<string, string> } {
  if (r.json !== undefined) {
    return { text: JSON.stringify(r.json), headers: { ...JSON_HEADERS, ...r.headers } };
  }
  return {
    text: r.text ?? '',
    headers: { 'content-type': 'text/plain; charset=utf-8', ...r.headers },
  };
}

function send(res: ServerResponse, r: ApiResponse): void {
  if (res.destroyed || res.writableEnded) return;
  const { text, headers } = serialize(r);
  res.writeHead(r.status, {
    ...headers,
    'x-request-id': headers['x-request-id'] ?? randomUUID(),
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

export async function startStandin(opts: StandinOptions = {}): Promise<Standin> {
  const core = new StandinCore(opts.now ?? (() => new Date()));
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;
  /** `onHit` callbacks of faults added in-process, by fault id. */
  const hooks = new Map<string, () => void>();

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  /** Dashboard pages: a cookie-less browser is signed in as Dana, the way a login would. */
  function dashboardPage(pathname: string, headers: IncomingHttpHeaders): ApiResponse {
    const html = { 'content-type': 'text/html; charset=utf-8' };
    if (pathname === '/app/login' || pathname === '/app/login/') {
      return { status: 200, text: loginPage(), headers: html };
    }
    const out: Record<string, string> = { ...html };
    const cookies = parseCookies(headers.cookie);
    if (
      core.settings.autoLogin &&
      !cookies.has(SESSION_COOKIE) &&
      !cookies.has(SIGNED_OUT_COOKIE)
    ) {
      const { state } = core;
      const now = core.nowMs();
      let session = state.sessions.find((s) => s.client === SEED.agentSession.client);
      if (!session) {
        session = {
          client: SEED.agentSession.client,
          accessToken: SEED.agentSession.accessToken,
          uid: SEED.agentSession.uid,
          userId: SEED.agent.id,
          expiry: Math.floor(now / 1000) + 60 * 86400,
        };
        state.sessions.push(session);
      }
      const user = state.users.find((u) => u.id === SEED.agent.id);
      const body = JSON.stringify({ data: user ? profile(state, user) : {} });
      const signIn = {
        ...signInHeaders(session, body),
        date: new Date().toUTCString(),
        'content-length': String(Buffer.byteLength(body)),
      };
      out['set-cookie'] = sessionSetCookie(
        signIn,
        Math.max(1, cookieDays(session.expiry, now)),
        Date.now(),
      );
    }
    return { status: 200, text: shellPage(core.state, pathname), headers: out };
  }

  /** Runs a change and broadcasts what it changed on /cable, as Chatwoot's listeners do. */
  function announced<T>(change: () => T): T {
    const before = snapshot(core.state);
    const result = change();
    cable.broadcast(changes(before, core.state, core.nowMs()));
    return result;
  }

  function route(req: ApiRequest): ApiResponse {
    const { pathname } = req;
    if (pathname === '/' || pathname === '/app' || pathname === '/app/') {
      return {
        status: 302,
        text: '',
        headers: { location: `/app/accounts/${SEED.accountId}/dashboard` },
      };
    }
    if (pathname.startsWith('/app/')) return dashboardPage(pathname, req.headers);
    if (pathname.startsWith('/api/')) {
      const api = () =>
        handleApi(
          { state: core.state, nowMs: core.nowMs(), emptySlaFields: core.settings.emptySlaFields },
          req,
        );
      return req.method.toUpperCase() === 'GET' ? api() : announced(api);
    }
    if (pathname.startsWith('/auth/')) return handleAuthRoute(core.state, req, core.nowMs());
    if (pathname.startsWith(WEBHOOK_PREFIX)) {
      return handleWebhook(core.webhooks, req, toIso(core.nowMs()));
    }
    if (pathname === '/favicon.ico') return { status: 204, text: '' };
    return { status: 404, text: 'Not Found' };
  }

  let inFlight = 0;
  const requester = (site: string | string[] | undefined): RequestLogEntry['by'] =>
    site === undefined ? 'other' : site === 'same-origin' ? 'page' : 'extension';
  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    inFlight++;
    res.once('close', () => inFlight--);
    const url = new URL(req.url ?? '/', 'http://standin.local');
    const { pathname } = url;
    const method = (req.method ?? 'GET').toUpperCase();

    if (pathname === '/__standin' || pathname.startsWith('/__standin/')) {
      const parsed = parseBody(await readBody(req), req.headers);
      const control = {
        method,
        pathname,
        query: url.searchParams,
        headers: req.headers,
        body: parsed.ok ? parsed.body : undefined,
      };
      send(
        res,
        !parsed.ok
          ? { status: 400, json: { error: 'invalid JSON body' } }
          : isCableControl(pathname)
            ? announced(() => handleCableControl(core, cable, control))
            : pathname.startsWith('/__standin/reset')
              ? (() => {
                  const r = handleControl(core, control);
                  cable.reset();
                  return r;
                })()
              : announced(() => handleControl(core, control)),
      );
      return;
    }

    const logged =
      pathname.startsWith('/api/') ||
      pathname.startsWith('/auth/') ||
      pathname.startsWith(WEBHOOK_PREFIX);
    const log = (status: number, fault?: Fault) => {
      if (!logged) return;
      const entry: RequestLogEntry = {
        method,
        path: pathname,
        query: url.search,
        status,
        at: toIso(core.nowMs()),
        by: requester(req.headers['sec-fetch-site']),
      };
      if (fault) entry.fault = fault.kind;
      core.log(entry);
    };

    const fault = core.faults.take(method, pathname);
    if (fault?.kind === 'drop') {
      // Connection reset before the server read or did anything.
      hooks.get(fault.id)?.();
      log(0, fault);
      req.socket.destroy();
      return;
    }
    const raw = await readBody(req);
    if (core.settings.latencyMs > 0) await sleep(core.settings.latencyMs);
    if (fault?.kind === 'latency') await sleep(fault.ms ?? 1000);
    if (closed || res.destroyed) return;

    if (fault?.kind === 'rate_limit') {
      // rack-attack: plain text, and no Retry-After header (docs/CHATWOOT.md §4).
      send(res, { status: 429, text: 'Retry later' });
      log(429, fault);
      return;
    }
    if (fault?.kind === 'status') {
      const status = fault.status ?? 500;
      const r: ApiResponse =
        fault.body !== undefined
          ? { status, text: fault.body, headers: { 'content-type': guessType(fault.body) } }
          : status >= 500
            ? { status, text: proxyErrorPage(status), headers: { 'content-type': 'text/html' } }
            : { status, json: { error: `Injected ${status}` } };
      send(res, r);
      log(status, fault);
      return;
    }

    const parsed = parseBody(raw, req.headers);
    let response: ApiResponse;
    try {
      response = parsed.ok
        ? route({
            method,
            pathname,
            query: url.searchParams,
            headers: req.headers,
            body: parsed.body,
          })
        : { status: 400, json: { error: 'There was an error parsing the request body' } };
    } catch (e) {
      if (!opts.quiet) console.error('[standin] handler error', e);
      response = { status: 500, json: { error: 'Internal Server Error' } };
    }

    if (fault?.kind === 'drop_after') {
      // The request WAS processed (a message was created); the answer never arrives.
      hooks.get(fault.id)?.();
      log(0, fault);
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'hang_after') {
      // Processed, and the connection stays open without an answer until close().
      log(0, fault);
      return;
    }
    if (fault?.kind === 'malformed') {
      // Processed, then a 200 whose JSON body is cut in half.
      const { text } = serialize(response);
      const broken = text.length > 2 ? text.slice(0, Math.ceil(text.length / 2)) : '{"payload":[';
      send(res, {
        status: 200,
        text: broken,
        headers: { 'content-type': JSON_HEADERS['content-type'] },
      });
      log(200, fault);
      return;
    }
    send(res, response);
    log(response.status, fault);
  }

  const server = createServer((req, res) => {
    onRequest(req, res).catch((e: unknown) => {
      if (!opts.quiet) console.error('[standin] request failed', e);
      if (!res.headersSent && !res.destroyed)
        send(res, { status: 500, json: { error: 'Internal Server Error' } });
    });
  });
  const cable = new CableServer(() => core.state, server);
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host === '127.0.0.1' || host === '0.0.0.0' || host === '::' ? 'localhost' : host;

  return {
    url: `http://${urlHost}:${port}`,
    port,
    get state() {
      return core.state;
    },
    reset: () => {
      core.reset();
      cable.reset();
    },
    cable,
    faults: {
      add: ({ onHit, ...spec }) => {
        const fault = core.faults.add(spec);
        if (onHit) hooks.set(fault.id, onHit);
        return fault;
      },
      list: () => core.faults.list(),
      clear: () => core.faults.clear(),
      remove: (id) => core.faults.remove(id),
    },
    config: (patch) => (patch ? core.configure(patch) : core.configView()),
    requests: {
      list: () => [...core.requests],
      clear: () => {
        core.requests = [];
      },
    },
    clock: { now: () => new Date(core.nowMs()), advance: (ms) => core.advanceClock(ms) },
    inFlight: () => inFlight,
    revokeSessions: () => {
      core.state.sessions = [];
    },
    customerMessage: (displayId, content, accountId = SEED.accountId) =>
      announced(() => core.customerMessage(accountId, displayId, content)),
    colleagueMessage: (email, displayId, content, isPrivate = false) => {
      const user = core.state.users.find((u) => u.email === email);
      const conv = core.state.conversations.find(
        (c) => c.accountId === SEED.accountId && c.displayId === displayId,
      );
      if (!user || !conv) return undefined;
      return announced(() => addOutgoing(core.state, conv, user, content, isPrivate, core.nowMs()));
    },
    signIn: (email) => {
      const user = core.state.users.find((u) => u.email === email);
      if (!user) throw new Error(`no user ${email}`);
      const session = createSession(core.state, user, core.nowMs());
      const body = JSON.stringify({ data: profile(core.state, user) });
      return jsCookieWrite(JSON.stringify(signInHeaders(session, body)));
    },
    close: () =>
      new Promise<void>((resolve) => {
        closed = true;
        cable.close();
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function guessType(body: string): string {
  try {
    JSON.parse(body);
    return 'application/json; charset=utf-8';
  } catch {
    return body.trimStart().startsWith('<') ? 'text/html' : 'text/plain; charset=utf-8';
  }
}
