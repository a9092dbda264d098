import { describe, expect, it } from 'vitest';
import {
  originOf,
  CONVERSATION_ROUTES,
  conversationFromUrl,
  dashboardOrigin,
  isChatwootAppUrl,
  matchConversationRoute,
} from '../../../lib/chatwoot/routes';

describe('CONVERSATION_ROUTES', () => {
  it('covers every single-conversation route of docs/CHATWOOT.md §1', () => {
    expect(CONVERSATION_ROUTES.map((r) => r.name).sort()).toEqual(
      [
        'conversation_through_inbox',
        'conversation_through_mentions',
        'conversation_through_participating',
        'conversation_through_unattended',
        'conversations_through_folders',
        'conversations_through_label',
        'conversations_through_team',
        'inbox_conversation',
        'inbox_view_conversation',
      ].sort(),
    );
  });

  const examples = CONVERSATION_ROUTES.flatMap((r) => r.examples.map((url) => [r.name, url]));
  it.each(examples)('route %s matches its example %s', (name, url) => {
    expect(matchConversationRoute(url)?.route).toBe(name);
  });
});

describe('conversationFromUrl: a conversation is open', () => {
  const cases: Array<[string, number, number]> = [
    // every route of docs/CHATWOOT.md §1
    ['https://app.chatwoot.com/app/accounts/1/conversations/42', 1, 42],
    ['https://app.chatwoot.com/app/accounts/1/inbox/3/conversations/42', 1, 42],
    ['https://app.chatwoot.com/app/accounts/1/label/billing/conversations/42', 1, 42],
    ['https://app.chatwoot.com/app/accounts/1/team/2/conversations/42', 1, 42],
    ['https://app.chatwoot.com/app/accounts/1/custom_view/8/conversations/42', 1, 42],
    ['https://app.chatwoot.com/app/accounts/1/mentions/conversations/42', 1, 42],
    ['https://app.chatwoot.com/app/accounts/1/unattended/conversations/42', 1, 42],
    ['https://app.chatwoot.com/app/accounts/1/participating/conversations/42', 1, 42],
    ['https://app.chatwoot.com/app/accounts/1/inbox-view/conversation/42', 1, 42],
    // any origin: self-hosted, ports, plain http, IPs, localhost
    ['https://chat.example.org:3000/app/accounts/12/conversations/9', 12, 9],
    ['http://localhost/app/accounts/1/conversations/5', 1, 5],
    ['http://localhost:3000/app/accounts/1/conversations/5', 1, 5],
    ['http://127.0.0.1:8080/app/accounts/7/inbox/1/conversations/300', 7, 300],
    ['https://support.acme.co.uk/app/accounts/2/team/4/conversations/11', 2, 11],
    ['https://[::1]:3000/app/accounts/1/conversations/5', 1, 5],
    // query strings, hashes, trailing slash
    ['https://app.chatwoot.com/app/accounts/1/conversations/5?messageId=99', 1, 5],
    ['https://app.chatwoot.com/app/accounts/1/conversations/5#reply', 1, 5],
    ['https://app.chatwoot.com/app/accounts/1/conversations/5/', 1, 5],
    ['https://app.chatwoot.com/app/accounts/1/conversations/5/?a=1#b', 1, 5],
    ['https://app.chatwoot.com/app/accounts/1/inbox-view/conversation/5/', 1, 5],
    // labels: encoded spaces, unicode, dots, dashes, underscores, encoded slash
    ['https://app.chatwoot.com/app/accounts/1/label/billing%20issue/conversations/5', 1, 5],
    ['https://app.chatwoot.com/app/accounts/1/label/réclamation/conversations/5', 1, 5],
    ['https://app.chatwoot.com/app/accounts/1/label/r%C3%A9clamation/conversations/5', 1, 5],
    ['https://app.chatwoot.com/app/accounts/1/label/v2.0/conversations/5', 1, 5],
    ['https://app.chatwoot.com/app/accounts/1/label/late-delivery/conversations/5', 1, 5],
    ['https://app.chatwoot.com/app/accounts/1/label/refund_pending/conversations/5', 1, 5],
    ['https://app.chatwoot.com/app/accounts/1/label/%E9%85%8D%E9%80%81/conversations/5', 1, 5],
    ['https://app.chatwoot.com/app/accounts/1/label/a%2Fb/conversations/5', 1, 5],
    ['https://app.chatwoot.com/app/accounts/1/label/conversations/conversations/5', 1, 5],
    // big ids, case-insensitive like Vue Router's default
    ['https://app.chatwoot.com/app/accounts/123456/conversations/9876543', 123456, 9876543],
    ['https://app.chatwoot.com/APP/Accounts/1/Conversations/5', 1, 5],
    ['  https://app.chatwoot.com/app/accounts/1/conversations/5  ', 1, 5],
  ];
  it.each(cases)('%s is account %i, conversation %i', (url, accountId, conversationId) => {
    expect(conversationFromUrl(url)).toEqual({ accountId, conversationId });
  });

  it('accepts a URL object', () => {
    expect(
      conversationFromUrl(
        new URL('https://app.chatwoot.com/app/accounts/4/mentions/conversations/8'),
      ),
    ).toEqual({ accountId: 4, conversationId: 8 });
  });
});

describe('conversationFromUrl: no single conversation', () => {
  const cases: Array<[string, string]> = [
    ['conversation list', 'https://app.chatwoot.com/app/accounts/1/conversations'],
    ['conversation list, trailing slash', 'https://app.chatwoot.com/app/accounts/1/conversations/'],
    ['inbox list', 'https://app.chatwoot.com/app/accounts/1/inbox/3'],
    ['inbox conversation list', 'https://app.chatwoot.com/app/accounts/1/inbox/3/conversations'],
    ['label list', 'https://app.chatwoot.com/app/accounts/1/label/x'],
    ['team list', 'https://app.chatwoot.com/app/accounts/1/team/2'],
    ['folder list', 'https://app.chatwoot.com/app/accounts/1/custom_view/8'],
    ['mentions list', 'https://app.chatwoot.com/app/accounts/1/mentions/conversations'],
    ['unattended list', 'https://app.chatwoot.com/app/accounts/1/unattended/conversations'],
    ['participating list', 'https://app.chatwoot.com/app/accounts/1/participating/conversations'],
    ['inbox view', 'https://app.chatwoot.com/app/accounts/1/inbox-view'],
    ['dashboard', 'https://app.chatwoot.com/app/accounts/1/dashboard'],
    ['settings', 'https://app.chatwoot.com/app/accounts/1/settings/inboxes/3'],
    ['settings of a label', 'https://app.chatwoot.com/app/accounts/1/settings/labels/list'],
    ['reports', 'https://app.chatwoot.com/app/accounts/1/reports/conversation'],
    ['contacts list', 'https://app.chatwoot.com/app/accounts/1/contacts'],
    ['a contact', 'https://app.chatwoot.com/app/accounts/1/contacts/5'],
    ['login', 'https://app.chatwoot.com/app/login'],
    ['root', 'https://app.chatwoot.com/'],
    ['widget', 'https://app.chatwoot.com/widget?website_token=abc&conversation=5'],
    ['API conversation', 'https://app.chatwoot.com/api/v1/accounts/1/conversations/5'],
    ['API messages', 'https://app.chatwoot.com/api/v1/accounts/1/conversations/5/messages'],
    ['public API', 'https://app.chatwoot.com/public/api/v1/inboxes/abc/contacts/x/conversations/5'],
    [
      'path after the id (no deeper route)',
      'https://app.chatwoot.com/app/accounts/1/conversations/5/messages',
    ],
    ['two trailing slashes', 'https://app.chatwoot.com/app/accounts/1/conversations/5//'],
    ['double slash inside', 'https://app.chatwoot.com/app/accounts/1//conversations/5'],
    ['non-numeric id', 'https://app.chatwoot.com/app/accounts/1/conversations/abc'],
    ['zero id', 'https://app.chatwoot.com/app/accounts/1/conversations/0'],
    ['negative id', 'https://app.chatwoot.com/app/accounts/1/conversations/-5'],
    ['leading zero', 'https://app.chatwoot.com/app/accounts/1/conversations/05'],
    ['decimal id', 'https://app.chatwoot.com/app/accounts/1/conversations/5.0'],
    ['exponent id', 'https://app.chatwoot.com/app/accounts/1/conversations/1e3'],
    ['encoded digit', 'https://app.chatwoot.com/app/accounts/1/conversations/%35'],
    ['id beyond 2^53', 'https://app.chatwoot.com/app/accounts/1/conversations/90071992547409931'],
    ['zero account', 'https://app.chatwoot.com/app/accounts/0/conversations/5'],
    ['non-numeric account', 'https://app.chatwoot.com/app/accounts/me/conversations/5'],
    ['non-numeric inbox', 'https://app.chatwoot.com/app/accounts/1/inbox/x/conversations/5'],
    ['empty label', 'https://app.chatwoot.com/app/accounts/1/label//conversations/5'],
    ['singular conversation', 'https://app.chatwoot.com/app/accounts/1/conversation/5'],
    ['plural inbox-view', 'https://app.chatwoot.com/app/accounts/1/inbox-view/conversations/5'],
    ['route only in the hash', 'https://app.chatwoot.com/#/app/accounts/1/conversations/5'],
    ['route only in the query', 'https://app.chatwoot.com/?next=/app/accounts/1/conversations/5'],
    ['under another prefix', 'https://example.org/chatwoot/app/accounts/1/conversations/5'],
    ['relative URL', '/app/accounts/1/conversations/5'],
    ['protocol-relative URL', '//app.chatwoot.com/app/accounts/1/conversations/5'],
    ['no scheme', 'app.chatwoot.com/app/accounts/1/conversations/5'],
    ['ftp scheme', 'ftp://app.chatwoot.com/app/accounts/1/conversations/5'],
    ['file scheme', 'file:///app/accounts/1/conversations/5'],
    ['chrome page', 'chrome://extensions'],
    ['empty string', ''],
    ['not a URL', 'not a url'],
    ['malformed URL', 'https://'],
  ];
  it.each(cases)('%s: %s', (_what, url) => {
    expect(conversationFromUrl(url)).toBeNull();
  });
});

describe('isChatwootAppUrl', () => {
  it.each([
    ['https://app.chatwoot.com/app/accounts/1/conversations', true],
    ['http://localhost:3000/app/login', true],
    ['https://chat.example.org/app', true],
    ['https://chat.example.org/application', false],
    ['https://app.chatwoot.com/widget?website_token=abc', false],
    ['https://app.chatwoot.com/api/v1/profile', false],
    ['/app/accounts/1', false],
    ['nonsense', false],
  ] as const)('%s → %s', (url, expected) => {
    expect(isChatwootAppUrl(url)).toBe(expected);
  });
});

describe('dashboardOrigin: a signed-in dashboard on any host', () => {
  it.each([
    ['https://app.chatwoot.com/app/accounts/1/conversations/42', 'https://app.chatwoot.com'],
    ['https://app.chatwoot.com/app/accounts/1/dashboard', 'https://app.chatwoot.com'],
    ['http://localhost:3000/app/accounts/7', 'http://localhost:3000'],
    [
      'https://support.example.org:8443/APP/Accounts/12/settings/inboxes?x=1#y',
      'https://support.example.org:8443',
    ],
    ['https://chat.example.org/app/login', null], // signed out: no account yet
    ['https://chat.example.org/app', null],
    ['https://chat.example.org/app/accounts/0/conversations', null],
    ['https://chat.example.org/app/accounts/01/conversations', null],
    ['https://chat.example.org/app/accounts/x/conversations', null],
    ['https://chat.example.org/app/accounts/99999999999999999999', null],
    ['https://example.org/docs/app/accounts/1', null],
    ['chrome://extensions/app/accounts/1', null],
    ['/app/accounts/1', null],
    ['', null],
  ] as const)('%s → %s', (url, expected) => {
    expect(dashboardOrigin(url)).toBe(expected);
  });
});

describe('originOf', () => {
  it.each([
    ['https://chat.example.org/app/accounts/1/conversations/7', 'https://chat.example.org'],
    ['http://localhost:3000/x?y=1#z', 'http://localhost:3000'],
    ['not a url', null],
    ['', null],
    [undefined, null],
  ])('%s → %s', (url, origin) => {
    expect(originOf(url)).toBe(origin);
  });
});
