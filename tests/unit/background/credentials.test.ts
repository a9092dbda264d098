import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { Credentials, headersFromSessionCookie } from '../../../lib/background/credentials';
import type { KeyValueStore } from '../../../lib/background/kv';

// js-cookie's write: encodeURIComponent, then decode back what cookies allow (docs/CHATWOOT.md §2).
function jsCookie(value: string) {
  return encodeURIComponent(value).replace(
    /%(2[346BF]|3[AC-F]|40|5[BDE]|60|7[BCD])/g,
    decodeURIComponent,
  );
}

const signIn = {
  'access-token': 'tok-123',
  'token-type': 'Bearer',
  client: 'cli-9',
  expiry: '1790000000',
  uid: 'dana@acme.test',
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'max-age=0, private, must-revalidate',
};

describe('headersFromSessionCookie', () => {
  it('reads the headers Chatwoot replays from a js-cookie written value', () => {
    expect(headersFromSessionCookie(jsCookie(JSON.stringify(signIn)))).toEqual({
      'access-token': 'tok-123',
      client: 'cli-9',
      uid: 'dana@acme.test',
      'token-type': 'Bearer',
    });
  });

  it.each([
    ['empty', ''],
    ['not JSON', 'hello'],
    ['broken escape', '%E0%A4%A'],
    ['missing client', jsCookie(JSON.stringify({ 'access-token': 'a', uid: 'u' }))],
  ])('refuses a cookie that is %s', (_why, value) => {
    expect(headersFromSessionCookie(value)).toBeNull();
  });
});

/** A KeyValueStore in memory that counts its reads. */
function memoryKv() {
  const map = new Map<string, unknown>();
  const kv: KeyValueStore & { reads: number } = {
    reads: 0,
    async get<T>(key: string) {
      kv.reads += 1;
      return map.get(key) as T | undefined;
    },
    async set(key, value) {
      map.set(key, value);
    },
    async delete(key) {
      map.delete(key);
    },
    async keys(prefix) {
      return [...map.keys()].filter((k) => k.startsWith(prefix));
    },
  };
  return kv;
}

describe('Credentials.headers: read once, until the cookie or the token changes', () => {
  const ORIGIN = 'https://chat.example.org';
  const session = { authMode: 'session' as const };
  let cookie: { value: string } | null;
  let cookieReads: number;
  beforeEach(() => {
    fakeBrowser.reset();
    cookieReads = 0;
    cookie = { value: jsCookie(JSON.stringify(signIn)) };
    vi.spyOn(fakeBrowser.cookies, 'get').mockImplementation(async () => {
      cookieReads += 1;
      return cookie as never;
    });
  });

  it('reads the session cookie once for many calls, and again after it changed', async () => {
    const credentials = new Credentials(memoryKv());
    const first = await Promise.all([
      credentials.headers(session, ORIGIN),
      credentials.headers(session, ORIGIN),
    ]);
    await credentials.headers(session, ORIGIN);
    expect(cookieReads).toBe(1);
    expect(first[0]!.uid).toBe('dana@acme.test');
    // Someone else signs in: the cookie listener forgets the session headers.
    cookie = { value: jsCookie(JSON.stringify({ ...signIn, uid: 'sam@acme.test' })) };
    credentials.forgetSession();
    expect((await credentials.headers(session, ORIGIN)).uid).toBe('sam@acme.test');
    expect(cookieReads).toBe(2);
  });

  it('keeps no failure: signed out, then signed in, the next call has the headers', async () => {
    const credentials = new Credentials(memoryKv());
    cookie = null;
    await expect(credentials.headers(session, ORIGIN)).rejects.toMatchObject({
      kind: 'signed_out',
    });
    cookie = { value: jsCookie(JSON.stringify(signIn)) };
    expect((await credentials.headers(session, ORIGIN)).client).toBe('cli-9');
  });

  it('one cache per origin and mode', async () => {
    const kv = memoryKv();
    const credentials = new Credentials(kv);
    await credentials.setToken(ORIGIN, 'tok-a');
    expect(await credentials.headers({ authMode: 'token' }, ORIGIN)).toEqual({
      api_access_token: 'tok-a',
    });
    expect((await credentials.headers(session, ORIGIN)).uid).toBe('dana@acme.test');
    await expect(
      credentials.headers({ authMode: 'token' }, 'https://other.example.org'),
    ).rejects.toMatchObject({ kind: 'bad_token' });
  });

  it('a new or deleted token is read again', async () => {
    const kv = memoryKv();
    const credentials = new Credentials(kv);
    const token = { authMode: 'token' as const };
    await credentials.setToken(ORIGIN, 'tok-a');
    await credentials.headers(token, ORIGIN);
    await credentials.headers(token, ORIGIN);
    expect(kv.reads).toBe(1);
    await credentials.setToken(ORIGIN, 'tok-b');
    expect(await credentials.headers(token, ORIGIN)).toEqual({ api_access_token: 'tok-b' });
    await credentials.forgetTokensExcept(null);
    await expect(credentials.headers(token, ORIGIN)).rejects.toMatchObject({ kind: 'bad_token' });
  });
});
