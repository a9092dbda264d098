import { describe, expect, it } from 'vitest';
import { headersFromSessionCookie } from '../../../lib/background/credentials';

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
