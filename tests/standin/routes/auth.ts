// Authentication as Chatwoot does it (docs/CHATWOOT.md §2, §4): a personal `api_access_token`
// header, or the devise_token_auth session headers `access-token` / `client` / `uid` that the
// dashboard keeps in the js-cookie-written `cw_d_session_info` cookie.
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { asRecord, json, type ApiRequest, type ApiResponse } from '../http';
import { profile } from './render';
import type { JsonObject, Session, StandinState, User } from '../types';

export const SESSION_COOKIE = 'cw_d_session_info';
/** Set by the stand-in's sign-out so the dashboard does not sign the browser straight back in. */
export const SIGNED_OUT_COOKIE = 'cw_standin_signed_out';
/** devise_token_auth token_lifespan in Chatwoot: 2 months. */
export const TOKEN_LIFESPAN_S = 60 * 86400;

export const SIGN_IN_REQUIRED = {
  errors: ['You need to sign in or sign up before continuing.'],
} as const;
export const INVALID_ACCESS_TOKEN = { error: 'Invalid Access Token' } as const;

export type AuthOutcome =
  | { ok: true; user: User; via: 'api_access_token' | 'session'; session?: Session }
  | { ok: false; status: 401; body: JsonObject };

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined || s === '' ? undefined : s;
}

export function findSession(
  state: StandinState,
  headers: IncomingHttpHeaders,
  nowMs: number,
): Session | undefined {
  const token = header(headers, 'access-token');
  const client = header(headers, 'client');
  const uid = header(headers, 'uid');
  if (!token || !client || !uid) return undefined;
  return state.sessions.find(
    (s) =>
      s.client === client && s.uid === uid && s.accessToken === token && s.expiry * 1000 > nowMs,
  );
}

export function authenticate(
  state: StandinState,
  headers: IncomingHttpHeaders,
  nowMs: number,
): AuthOutcome {
  const apiToken = header(headers, 'api_access_token');
  if (apiToken !== undefined) {
    const user = state.users.find((u) => u.accessToken === apiToken);
    return user
      ? { ok: true, user, via: 'api_access_token' }
      : { ok: false, status: 401, body: { ...INVALID_ACCESS_TOKEN } };
  }
  const session = findSession(state, headers, nowMs);
  const user = session && state.users.find((u) => u.id === session.userId);
  if (session && user) return { ok: true, user, via: 'session', session };
  // devise answers the same for missing and wrong session headers.
  return { ok: false, status: 401, body: { errors: [...SIGN_IN_REQUIRED.errors] } };
}

/** devise_token_auth tokens: 22 url-safe base64 characters. */
const token = (): string => randomBytes(16).toString('base64url');

export function createSession(state: StandinState, user: User, nowMs: number): Session {
  const session: Session = {
    client: token(),
    accessToken: token(),
    uid: user.email,
    userId: user.id,
    expiry: Math.floor(nowMs / 1000) + TOKEN_LIFESPAN_S,
  };
  state.sessions.push(session);
  return session;
}

/**
 * The headers a Rails + devise_token_auth sign-in response carries, in the order Rails sends
 * them. The dashboard stores ALL of them (axios `response.headers`) in the cookie.
 */
export function signInHeaders(session: Session, body: string): Record<string, string> {
  let hash = 0;
  for (let i = 0; i < body.length; i++) hash = (hash * 31 + body.charCodeAt(i)) | 0;
  return {
    'x-frame-options': 'SAMEORIGIN',
    'x-xss-protection': '0',
    'x-content-type-options': 'nosniff',
    'x-download-options': 'noopen',
    'x-permitted-cross-domain-policies': 'none',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'content-type': 'application/json; charset=utf-8',
    'access-token': session.accessToken,
    'token-type': 'Bearer',
    client: session.client,
    expiry: String(session.expiry),
    uid: session.uid,
    vary: 'Origin',
    etag: `W/"${(hash >>> 0).toString(16).padStart(8, '0')}"`,
    'cache-control': 'max-age=0, private, must-revalidate',
    'x-request-id': randomUUID(),
    'x-runtime': '0.048213',
  };
}

// --- js-cookie --------------------------------------------------------------------------------

/**
 * js-cookie 3 `converter.write`: encodeURIComponent, then decode back the characters cookies
 * allow, so `{ } : @ /` stay raw while `"` `,` `;` space `%` and non-ASCII stay encoded.
 */
export function jsCookieWrite(value: string): string {
  return encodeURIComponent(value).replace(
    /%(2[346BF]|3[AC-F]|40|5[BDE]|60|7[BCD])/g,
    decodeURIComponent,
  );
}

/**
 * The same functions as browser JavaScript, embedded in the dashboard page. The standin test
 * checks that this source and jsCookieWrite above agree.
 */
export const JS_COOKIE_SOURCE = `
function jsCookieWrite(value) {
  return encodeURIComponent(value).replace(/%(2[346BF]|3[AC-F]|40|5[BDE]|60|7[BCD])/g, decodeURIComponent);
}
function jsCookieSet(name, value, attributes) {
  var attrs = Object.assign({ path: '/' }, attributes);
  if (typeof attrs.expires === 'number') attrs.expires = new Date(Date.now() + attrs.expires * 864e5);
  if (attrs.expires) attrs.expires = attrs.expires.toUTCString();
  var key = encodeURIComponent(name).replace(/%(2[346B]|5E|60|7C)/g, decodeURIComponent).replace(/[()]/g, escape);
  var s = '';
  for (var k in attrs) {
    if (!attrs[k]) continue;
    s += '; ' + k;
    if (attrs[k] === true) continue;
    s += '=' + String(attrs[k]).split(';')[0];
  }
  document.cookie = key + '=' + jsCookieWrite(value) + s;
}
`;

/** date-fns differenceInDays(fromUnixTime(expiry), now): whole days, truncated. */
export function cookieDays(expiry: number, nowMs: number): number {
  return Math.trunc((expiry * 1000 - nowMs) / 86400000);
}

/**
 * The Set-Cookie value equivalent to Chatwoot's
 * `Cookies.set('cw_d_session_info', JSON.stringify(response.headers), {expires: days})` with
 * `sameSite: 'Lax'` (app/javascript/dashboard/store/utils/api.js). `expires` counts from the
 * wall clock, as the browser does, even when the stand-in runs on a test clock.
 */
export function sessionSetCookie(
  headers: Record<string, string>,
  days: number,
  wallNowMs: number,
): string {
  const expires = new Date(wallNowMs + days * 864e5).toUTCString();
  const value = jsCookieWrite(JSON.stringify(headers));
  return `${SESSION_COOKIE}=${value}; path=/; expires=${expires}; SameSite=Lax`;
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i <= 0) continue;
    out.set(part.slice(0, i).trim(), part.slice(i + 1).trim());
  }
  return out;
}

// --- /auth (devise_token_auth) ------------------------------------------------------------------

/** POST /auth/sign_in, DELETE /auth/sign_out, GET /auth/validate_token. */
export function handleAuthRoute(state: StandinState, req: ApiRequest, nowMs: number): ApiResponse {
  const method = req.method.toUpperCase();
  if (method === 'POST' && req.pathname === '/auth/sign_in') {
    const body = asRecord(req.body);
    const user = state.users.find(
      (u) => u.email === String(body.email ?? '').toLowerCase() && u.password === body.password,
    );
    if (!user) {
      return json(401, {
        success: false,
        errors: ['Invalid login credentials. Please try again.'],
      });
    }
    const session = createSession(state, user, nowMs);
    const payload = { data: profile(state, user) };
    const text = JSON.stringify(payload);
    return { status: 200, text, headers: signInHeaders(session, text) };
  }
  if (method === 'DELETE' && req.pathname === '/auth/sign_out') {
    const session = findSession(state, req.headers, nowMs);
    if (!session) {
      return json(404, { success: false, errors: ['User was not found or was not logged in.'] });
    }
    state.sessions = state.sessions.filter((s) => s !== session);
    return json(200, { success: true });
  }
  if (method === 'GET' && req.pathname === '/auth/validate_token') {
    const auth = authenticate(state, req.headers, nowMs);
    if (!auth.ok || auth.via !== 'session') {
      return json(401, { success: false, errors: ['Invalid login credentials'] });
    }
    return json(200, { success: true, data: profile(state, auth.user) });
  }
  return json(404, { error: 'Resource could not be found' });
}
