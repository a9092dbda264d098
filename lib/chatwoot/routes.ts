// Which Chatwoot dashboard URL shows one conversation (docs/CHATWOOT.md §1).
// Pure: no `chrome`, no DOM. The content script and the background both call this.
//
// Matching follows Vue Router 4's defaults, which Chatwoot's dashboard uses unchanged
// (`createRouter({ history: createWebHistory(), routes })`):
// - case-insensitive paths (`sensitive: false`) and an optional trailing slash (`strict: false`);
// - the query string and the hash are not part of the route;
// - a path with more segments than the route does not match it. Chatwoot has no deeper
//   conversation route, so `/conversations/5/messages` is not a conversation page (null).
// Chatwoot is self-hosted on any origin (docs/CHATWOOT.md §1), so any http(s) host and port counts.
// Ids are positive integers written canonically (`5`, not `05`, `0`, `-5` or `5.0`).

import type { ActiveContext } from '../messages';

export interface ConversationRef {
  accountId: number;
  /** Chatwoot's display_id: the number in the dashboard URL and in every API path. */
  conversationId: number;
}

export type ConversationRouteName =
  | 'inbox_conversation'
  | 'conversation_through_inbox'
  | 'conversations_through_label'
  | 'conversations_through_team'
  | 'conversations_through_folders'
  | 'conversation_through_mentions'
  | 'conversation_through_unattended'
  | 'conversation_through_participating'
  | 'inbox_view_conversation';

export interface ConversationRoute {
  name: ConversationRouteName;
  /** The route's path as Chatwoot declares it (docs/CHATWOOT.md §1). */
  path: string;
  /** Matches a URL pathname; groups `accountId` and `conversationId`. */
  pattern: RegExp;
  /** URLs that must match: kept beside the pattern so a change to one shows in the other. */
  examples: readonly string[];
}

// A positive integer with no leading zero.
const ID = '[1-9][0-9]*';
// One path segment: labels are free text (percent-encoded in a URL: spaces, unicode, dots).
const SEGMENT = '[^/]+';

function route(
  name: ConversationRouteName,
  path: string,
  body: string,
  examples: readonly string[],
): ConversationRoute {
  const pattern = new RegExp(
    `^/app/accounts/(?<accountId>${ID})/${body}/(?<conversationId>${ID})/?$`,
    'i',
  );
  return { name, path, pattern, examples };
}

// Pure calls: a bundle that only needs dashboardOrigin (the side panel) drops the table.
export const CONVERSATION_ROUTES: readonly ConversationRoute[] = [
  /* #__PURE__ */ route(
    'inbox_conversation',
    '/app/accounts/:accountId/conversations/:conversationId',
    'conversations',
    [
      'https://app.chatwoot.com/app/accounts/1/conversations/42',
      'http://localhost:3000/app/accounts/3/conversations/7?foo=bar#reply',
      'https://chat.example.org:3000/app/accounts/12/conversations/9/',
    ],
  ),
  /* #__PURE__ */ route(
    'conversation_through_inbox',
    '/app/accounts/:accountId/inbox/:inboxId/conversations/:conversationId',
    `inbox/${ID}/conversations`,
    ['https://app.chatwoot.com/app/accounts/1/inbox/3/conversations/42'],
  ),
  /* #__PURE__ */ route(
    'conversations_through_label',
    '/app/accounts/:accountId/label/:label/conversations/:conversationId',
    `label/${SEGMENT}/conversations`,
    [
      'https://app.chatwoot.com/app/accounts/1/label/billing/conversations/5',
      'https://app.chatwoot.com/app/accounts/1/label/billing%20issue/conversations/5',
      'https://app.chatwoot.com/app/accounts/1/label/v2.0-r%C3%A9clamation/conversations/5',
    ],
  ),
  /* #__PURE__ */ route(
    'conversations_through_team',
    '/app/accounts/:accountId/team/:teamId/conversations/:conversationId',
    `team/${ID}/conversations`,
    ['https://app.chatwoot.com/app/accounts/1/team/2/conversations/42'],
  ),
  /* #__PURE__ */ route(
    'conversations_through_folders',
    '/app/accounts/:accountId/custom_view/:id/conversations/:conversationId',
    `custom_view/${ID}/conversations`,
    ['https://app.chatwoot.com/app/accounts/1/custom_view/8/conversations/42'],
  ),
  /* #__PURE__ */ route(
    'conversation_through_mentions',
    '/app/accounts/:accountId/mentions/conversations/:conversationId',
    'mentions/conversations',
    ['https://app.chatwoot.com/app/accounts/1/mentions/conversations/42'],
  ),
  /* #__PURE__ */ route(
    'conversation_through_unattended',
    '/app/accounts/:accountId/unattended/conversations/:conversationId',
    'unattended/conversations',
    ['https://app.chatwoot.com/app/accounts/1/unattended/conversations/42'],
  ),
  /* #__PURE__ */ route(
    'conversation_through_participating',
    '/app/accounts/:accountId/participating/conversations/:conversationId',
    'participating/conversations',
    ['https://app.chatwoot.com/app/accounts/1/participating/conversations/42'],
  ),
  /* #__PURE__ */ route(
    'inbox_view_conversation',
    '/app/accounts/:accountId/inbox-view/conversation/:conversationId',
    'inbox-view/conversation',
    ['https://app.chatwoot.com/app/accounts/1/inbox-view/conversation/42'],
  ),
];

/** Parses an absolute http(s) URL; anything else (relative, malformed, other scheme) is null. */
function parseHttpUrl(url: string | URL): URL | null {
  let parsed: URL;
  try {
    // No base: a relative URL throws, which is what we want (the origin is part of the answer).
    parsed = new URL(typeof url === 'string' ? url.trim() : url.href);
  } catch {
    return null;
  }
  return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed : null;
}

/** True for any page of a Chatwoot dashboard (`/app` and below), on any http(s) origin. */
export function isChatwootAppUrl(url: string | URL): boolean {
  const parsed = parseHttpUrl(url);
  return parsed !== null && /^\/app(?:\/|$)/i.test(parsed.pathname);
}

/**
 * The origin of a signed-in Chatwoot dashboard page, or null. Recognised by the dashboard's
 * account routes (`/app/accounts/:accountId/...`, every screen an agent sees once signed in),
 * never by the host: a self-hosted Chatwoot counts the same. `/app/login` does not (no account).
 */
export function dashboardOrigin(url: string | URL): string | null {
  const parsed = parseHttpUrl(url);
  if (parsed === null) return null;
  const match = /^\/app\/accounts\/([1-9]\d{0,15})(?:\/|$)/i.exec(parsed.pathname);
  return match && Number.isSafeInteger(Number(match[1])) ? parsed.origin : null;
}

/** The conversation a URL shows and the route that matched, or null. */
export function matchConversationRoute(
  url: string | URL,
): (ConversationRef & { route: ConversationRouteName }) | null {
  const parsed = parseHttpUrl(url);
  if (parsed === null) return null;
  for (const candidate of CONVERSATION_ROUTES) {
    const groups = candidate.pattern.exec(parsed.pathname)?.groups;
    if (groups === undefined) continue;
    const accountId = Number(groups.accountId);
    const conversationId = Number(groups.conversationId);
    // Beyond 2^53 the number would silently name another conversation.
    if (!Number.isSafeInteger(accountId) || !Number.isSafeInteger(conversationId)) return null;
    return { accountId, conversationId, route: candidate.name };
  }
  return null;
}

/** The account and conversation (display_id) a Chatwoot dashboard URL shows, or null. */
export function conversationFromUrl(url: string | URL): ConversationRef | null {
  const match = matchConversationRoute(url);
  return match === null
    ? null
    : { accountId: match.accountId, conversationId: match.conversationId };
}

/** The origin of a URL; null for none or one that does not parse. */
export function originOf(url: string | undefined): string | null {
  try {
    return url ? new URL(url).origin : null;
  } catch {
    return null;
  }
}

/** What a tab shows, from its URL: the worker (context.ts) and the panel (hooks.ts) both read it. */
export function pageContext(tabId: number, page: { windowId: number; url: string }): ActiveContext {
  const conversation = conversationFromUrl(page.url);
  return {
    windowId: page.windowId,
    tabId,
    origin: originOf(page.url) ?? '', // a URL the content script could not have sent
    accountId: conversation?.accountId ?? null,
    conversationId: conversation?.conversationId ?? null,
  };
}
