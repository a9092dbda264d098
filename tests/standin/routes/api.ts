// The Application API (docs/CHATWOOT.md §3) with Chatwoot's auth order and error bodies (§4):
// authenticate (401) → account exists (404) → member of account (401) → record exists (404)
// → allowed to see it (401, not 403).
import { replySuggestion, summary } from './ai';
import { authenticate } from './auth';
import {
  canAccess,
  FilterError,
  filterConversations,
  isStatus,
  listConversations,
  roleIn,
} from './conversations';
import {
  canReply,
  conversationPayload,
  messagePartial,
  messagesMeta,
  profile,
  toIso,
  toIsoOrNull,
  type RenderOptions,
} from './render';
import { asRecord, json, type ApiRequest, type ApiResponse } from '../http';
import { withMicros } from '../seed';
import type { Account, Conversation, JsonObject, Message, StandinState, User } from '../types';

export interface ApiContext {
  state: StandinState;
  nowMs: number;
  emptySlaFields: boolean;
}

export const NOT_FOUND = { error: 'Resource could not be found' } as const;
const notFound = (): ApiResponse => json(404, { ...NOT_FOUND });
const notAuthorizedAction = (): ApiResponse =>
  json(401, { error: 'You are not authorized to do this action' });
const unprocessable = (error: string): ApiResponse => json(422, { error });
const invalidRecord = (message: string, attributes: string[]): ApiResponse =>
  json(422, { message, attributes });

export const DELETED_CONTENT = 'This message was deleted';
const MAX_CONTENT = 150_000;

interface Scope {
  ctx: ApiContext;
  req: ApiRequest;
  user: User;
  params: Record<string, string>;
  account: Account;
  body: Record<string, unknown>;
}

type Handler = (s: Scope) => ApiResponse;
interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
}

const A = '^/api/v1/accounts/(?<a>[^/]+)';
const C = `${A}/conversations/(?<c>[^/]+)`;
const ROUTES: Route[] = [
  { method: 'GET', pattern: new RegExp(`${A}/conversations/?$`), handler: list },
  { method: 'GET', pattern: new RegExp(`${A}/conversations/meta$`), handler: meta },
  { method: 'POST', pattern: new RegExp(`${A}/conversations/filter$`), handler: filter },
  { method: 'GET', pattern: new RegExp(`${C}$`), handler: show },
  { method: 'GET', pattern: new RegExp(`${C}/messages$`), handler: messagesIndex },
  { method: 'POST', pattern: new RegExp(`${C}/messages$`), handler: messagesCreate },
  { method: 'DELETE', pattern: new RegExp(`${C}/messages/(?<m>[^/]+)$`), handler: messageDelete },
  { method: 'GET', pattern: new RegExp(`${C}/labels$`), handler: labelsIndex },
  { method: 'POST', pattern: new RegExp(`${C}/labels$`), handler: labelsCreate },
  { method: 'POST', pattern: new RegExp(`${C}/toggle_status$`), handler: toggleStatus },
  { method: 'POST', pattern: new RegExp(`${C}/custom_attributes$`), handler: customAttributes },
  { method: 'POST', pattern: new RegExp(`${C}/toggle_priority$`), handler: togglePriority },
  {
    method: 'POST',
    pattern: new RegExp(`${C}/destroy_custom_attributes$`),
    handler: destroyCustomAttributes,
  },
  { method: 'POST', pattern: new RegExp(`${C}/update_last_seen$`), handler: updateLastSeen },
  { method: 'GET', pattern: new RegExp(`${A}/labels$`), handler: accountLabels },
  { method: 'GET', pattern: new RegExp(`${A}/custom_filters/(?<f>[^/]+)$`), handler: customFilter },
  { method: 'GET', pattern: new RegExp(`${A}/canned_responses$`), handler: cannedResponses },
  { method: 'GET', pattern: new RegExp(`${A}/integrations/apps$`), handler: integrationApps },
  {
    method: 'POST',
    pattern: new RegExp(`${A}/integrations/hooks/(?<h>[^/]+)/process_event$`),
    handler: processEvent,
  },
];

export function handleApi(ctx: ApiContext, req: ApiRequest): ApiResponse {
  const method = req.method.toUpperCase();
  if (method === 'GET' && req.pathname === '/api/v1/profile') {
    const auth = authenticate(ctx.state, req.headers, ctx.nowMs);
    return auth.ok ? json(200, profile(ctx.state, auth.user)) : json(auth.status, auth.body);
  }
  let route: Route | undefined;
  let params: Record<string, string> = {};
  for (const r of ROUTES) {
    if (r.method !== method) continue;
    const m = r.pattern.exec(req.pathname);
    if (m) {
      route = r;
      params = { ...m.groups };
      break;
    }
  }
  // Rails answers an unknown route before any authentication.
  if (!route) return notFound();
  const auth = authenticate(ctx.state, req.headers, ctx.nowMs);
  if (!auth.ok) return json(auth.status, auth.body);
  const account = ctx.state.accounts.find((a) => String(a.id) === params.a);
  if (!account) return notFound();
  if (!roleIn(ctx.state, auth.user, account.id)) {
    return json(401, { error: 'You are not authorized to access this account' });
  }
  return route.handler({ ctx, req, user: auth.user, params, account, body: asRecord(req.body) });
}

function renderOpts(s: Scope): RenderOptions {
  return {
    state: s.ctx.state,
    nowMs: s.ctx.nowMs,
    viewer: s.user,
    emptySlaFields: s.ctx.emptySlaFields,
  };
}

/** Looks up `{c}` by display_id in the account, then applies the inbox policy. */
function findConversation(s: Scope): Conversation | ApiResponse {
  const raw = s.params.c ?? '';
  const conv = /^\d+$/.test(raw)
    ? s.ctx.state.conversations.find(
        (c) => c.accountId === s.account.id && c.displayId === Number(raw),
      )
    : undefined;
  if (!conv) return notFound();
  if (!canAccess(s.ctx.state, s.user, conv)) return notAuthorizedAction();
  return conv;
}

const isResponse = (v: Conversation | ApiResponse): v is ApiResponse => !('displayId' in v);

function touch(conv: Conversation, nowMs: number): void {
  conv.updatedAt = withMicros(nowMs, conv.id + conv.messages.length);
}

// --- conversations ----------------------------------------------------------------------------

function list(s: Scope): ApiResponse {
  const { counts, page } = listConversations(
    s.ctx.state,
    s.user,
    s.account.id,
    s.req.query,
    s.ctx.nowMs,
  );
  const opts = renderOpts(s);
  return json(200, {
    data: { meta: counts, payload: page.map((c) => conversationPayload(opts, c)) },
  });
}

function meta(s: Scope): ApiResponse {
  const { counts } = listConversations(s.ctx.state, s.user, s.account.id, s.req.query, s.ctx.nowMs);
  return json(200, { meta: counts });
}

function filter(s: Scope): ApiResponse {
  try {
    const { counts, page } = filterConversations(
      s.ctx.state,
      s.user,
      s.account.id,
      s.body.payload,
      s.req.query.get('page'),
    );
    const opts = renderOpts(s);
    // No `data` wrapper here, unlike the list (docs/CHATWOOT.md §3, §7).
    return json(200, { meta: counts, payload: page.map((c) => conversationPayload(opts, c)) });
  } catch (e) {
    if (e instanceof FilterError) return unprocessable(e.message);
    throw e;
  }
}

function show(s: Scope): ApiResponse {
  const conv = findConversation(s);
  if (isResponse(conv)) return conv;
  return json(200, conversationPayload(renderOpts(s), conv));
}

function updateLastSeen(s: Scope): ApiResponse {
  const conv = findConversation(s);
  if (isResponse(conv)) return conv;
  conv.agentLastSeenAt = s.ctx.nowMs;
  if (conv.assigneeId === s.user.id) conv.assigneeLastSeenAt = s.ctx.nowMs;
  return json(200, { id: conv.displayId, agent_last_seen_at: Math.floor(s.ctx.nowMs / 1000) });
}

// --- messages ---------------------------------------------------------------------------------

function idParam(v: string | null): number | undefined {
  return v !== null && /^\d+$/.test(v) ? Number(v) : undefined;
}

/** MessageFinder: latest 20; `before` → the 20 before; `after` → up to 100 newer. */
function messagesIndex(s: Scope): ApiResponse {
  const conv = findConversation(s);
  if (isResponse(conv)) return conv;
  const before = idParam(s.req.query.get('before'));
  const after = idParam(s.req.query.get('after'));
  const all = conv.messages;
  let page: Message[];
  if (after !== undefined && before !== undefined) {
    page = all.filter((m) => m.id > after && m.id < before).slice(0, 1000);
  } else if (after !== undefined) {
    page = all.filter((m) => m.id > after).slice(0, 100);
  } else if (before !== undefined) {
    page = all.filter((m) => m.id < before).slice(-20);
  } else {
    page = all.slice(-20);
  }
  const pageSize = before !== undefined || after === undefined ? 20 : 100;
  return json(200, {
    meta: messagesMeta(s.ctx.state, conv, page.length >= pageSize),
    payload: page.map((m) => messagePartial(s.ctx.state, conv, m)),
  });
}

function messagesCreate(s: Scope): ApiResponse {
  const conv = findConversation(s);
  if (isResponse(conv)) return conv;
  const { body } = s;
  const content = typeof body.content === 'string' ? body.content : '';
  const type = body.message_type ?? 'outgoing';
  if (type !== 'outgoing' && type !== 'incoming' && type !== 1 && type !== 0) {
    return unprocessable(`'${String(type)}' is not a valid message_type`);
  }
  if (content.trim() === '') return invalidRecord("Content can't be blank", ['content']);
  if (content.length > MAX_CONTENT) {
    return invalidRecord(`Content is too long (maximum is ${MAX_CONTENT} characters)`, ['content']);
  }
  const isPrivate = body.private === true || body.private === 'true';
  const incoming = type === 'incoming' || type === 0;
  const message = incoming
    ? addIncoming(s.ctx.state, conv, content, s.ctx.nowMs)
    : addOutgoing(s.ctx.state, conv, s.user, content, isPrivate, s.ctx.nowMs);
  const out = messagePartial(s.ctx.state, conv, message);
  if (typeof body.echo_id === 'string') out.echo_id = body.echo_id;
  return json(200, out);
}

function nextMessage(state: StandinState, conv: Conversation, nowMs: number): Message {
  return {
    id: state.nextMessageId++,
    accountId: conv.accountId,
    inboxId: conv.inboxId,
    messageType: 1,
    contentType: 'text',
    content: '',
    private: false,
    status: 'sent',
    contentAttributes: {},
    sourceId: null,
    sender: null,
    createdAt: nowMs,
    updatedAt: nowMs,
  };
}

function record(conv: Conversation, m: Message, nowMs: number): Message {
  conv.messages.push(m);
  conv.lastActivityAt = nowMs;
  touch(conv, nowMs);
  return m;
}

/** An agent reply or private note. No idempotency: each call makes a new message (§3). */
export function addOutgoing(
  state: StandinState,
  conv: Conversation,
  user: User,
  content: string,
  isPrivate: boolean,
  nowMs: number,
): Message {
  const m = nextMessage(state, conv, nowMs);
  m.content = content;
  m.private = isPrivate;
  m.sender = { type: 'User', id: user.id };
  if (!isPrivate) {
    if (!canReply(state, conv, nowMs)) {
      // The channel refuses it (e.g. WhatsApp's 24 h window); Chatwoot keeps it as failed.
      m.status = 'failed';
      m.contentAttributes = {
        external_error: 'Message failed to send: outside the 24-hour reply window',
      };
    }
    conv.firstReplyCreatedAt ??= nowMs;
    conv.waitingSince = null;
  }
  return record(conv, m, nowMs);
}

/** A customer message: reopens snoozed / resolved conversations and starts waiting_since. */
export function addIncoming(
  state: StandinState,
  conv: Conversation,
  content: string,
  nowMs: number,
): Message {
  const m = nextMessage(state, conv, nowMs);
  m.messageType = 0;
  m.content = content;
  m.sender = { type: 'Contact', id: conv.contactId };
  if (!conv.muted && (conv.status === 'snoozed' || conv.status === 'resolved')) {
    conv.status = 'open';
    conv.snoozedUntil = null;
  }
  conv.waitingSince ??= nowMs;
  const contact = state.contacts.find((c) => c.id === conv.contactId);
  if (contact) contact.lastActivityAt = nowMs;
  return record(conv, m, nowMs);
}

function addActivity(state: StandinState, conv: Conversation, text: string, nowMs: number): void {
  const m = nextMessage(state, conv, nowMs);
  m.messageType = 2;
  m.content = text;
  record(conv, m, nowMs);
}

/** Soft delete (docs/CHATWOOT.md §3): the row stays, its content is replaced. */
function messageDelete(s: Scope): ApiResponse {
  const conv = findConversation(s);
  if (isResponse(conv)) return conv;
  const id = idParam(s.params.m ?? null);
  const m = conv.messages.find((x) => x.id === id);
  if (!m) return notFound();
  m.content = DELETED_CONTENT;
  m.contentType = 'text';
  m.contentAttributes = { deleted: true };
  m.updatedAt = s.ctx.nowMs;
  touch(conv, s.ctx.nowMs);
  return json(200, messagePartial(s.ctx.state, conv, m));
}

// --- labels -----------------------------------------------------------------------------------

function labelsIndex(s: Scope): ApiResponse {
  const conv = findConversation(s);
  if (isResponse(conv)) return conv;
  return json(200, { payload: [...conv.labels] });
}

/** POST REPLACES the list (Labelable#update_labels); a missing `labels` clears it. */
function labelsCreate(s: Scope): ApiResponse {
  const conv = findConversation(s);
  if (isResponse(conv)) return conv;
  const raw = Array.isArray(s.body.labels)
    ? s.body.labels
    : typeof s.body.labels === 'string'
      ? s.body.labels.split(',')
      : [];
  const defined = new Set(s.account.labels.map((l) => l.title));
  const next: string[] = [];
  for (const v of raw) {
    if (typeof v !== 'string' && typeof v !== 'number') continue;
    const label = String(v).trim().toLowerCase();
    if (label === '' || next.includes(label)) continue;
    if (s.account.strictLabels && !defined.has(label)) continue;
    next.push(label);
  }
  conv.labels = next;
  touch(conv, s.ctx.nowMs);
  return json(200, { payload: [...conv.labels] });
}

/** ConversationCustomAttributesConcern: the hash is REPLACED unless `merge` is truthy (newer
 * Chatwoot); `state.customAttributesIgnoreMerge` plays an older one that always replaces. */
function customAttributes(s: Scope): ApiResponse {
  const conv = findConversation(s);
  if (isResponse(conv)) return conv;
  const sent = asRecord(s.body.custom_attributes);
  const merge = !s.ctx.state.customAttributesIgnoreMerge && truthy(s.body.merge);
  conv.customAttributes = merge
    ? { ...conv.customAttributes, ...(sent as JsonObject) }
    : { ...(sent as JsonObject) };
  touch(conv, s.ctx.nowMs);
  return json(200, { custom_attributes: { ...conv.customAttributes } });
}

function destroyCustomAttributes(s: Scope): ApiResponse {
  const conv = findConversation(s);
  if (isResponse(conv)) return conv;
  const keys = Array.isArray(s.body.custom_attributes) ? s.body.custom_attributes.map(String) : [];
  conv.customAttributes = Object.fromEntries(
    Object.entries(conv.customAttributes).filter(([k]) => !keys.includes(k)),
  ) as JsonObject;
  touch(conv, s.ctx.nowMs);
  return json(200, conversationPayload(renderOpts(s), conv));
}

/** Conversation#toggle_priority: the enum's value, or none for a missing or blank one; an
 * unknown value is a 422 (ArgumentError on the enum). Answers `head :ok`. */
function togglePriority(s: Scope): ApiResponse {
  const conv = findConversation(s);
  if (isResponse(conv)) return conv;
  const raw = s.body.priority;
  if (raw === undefined || raw === null || raw === '') conv.priority = null;
  else if (['low', 'medium', 'high', 'urgent'].includes(String(raw)))
    conv.priority = String(raw) as Conversation['priority'];
  else return unprocessable(`'${String(raw)}' is not a valid priority`);
  touch(conv, s.ctx.nowMs);
  return { status: 200, text: '' };
}

/** ActiveModel::Type::Boolean.cast: everything but false-ish values is true. */
function truthy(v: unknown): boolean {
  if (v === undefined || v === null || v === '') return false;
  return ![false, 0, '0', 'f', 'F', 'false', 'FALSE', 'off', 'OFF'].includes(v as never);
}

function accountLabels(s: Scope): ApiResponse {
  return json(200, {
    payload: s.account.labels.map((l) => ({ ...l, show_on_sidebar: true })),
  });
}

function customFilter(s: Scope): ApiResponse {
  const view = s.ctx.state.customViews.find(
    (v) => v.accountId === s.account.id && String(v.id) === s.params.f,
  );
  if (!view) return notFound();
  return json(200, {
    id: view.id,
    name: view.name,
    filter_type: 'conversation',
    query: { payload: view.query },
  });
}

// --- status -----------------------------------------------------------------------------------

function parseSnoozedUntil(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v * 1000;
  if (typeof v === 'string' && v !== '') {
    if (/^\d+$/.test(v)) return Number(v) * 1000;
    const t = Date.parse(v);
    return Number.isNaN(t) ? null : t;
  }
  return null;
}

const STATUS_ACTIVITY: Record<string, string> = {
  open: 'Conversation was reopened by',
  resolved: 'Conversation was marked resolved by',
  pending: 'Conversation was marked as pending by',
};

function toggleStatus(s: Scope): ApiResponse {
  const conv = findConversation(s);
  if (isResponse(conv)) return conv;
  const { state, nowMs } = s.ctx;
  const requested = s.body.status;
  const before = conv.status;
  if (requested !== undefined && requested !== null && requested !== '') {
    if (!isStatus(requested)) return unprocessable(`'${String(requested)}' is not a valid status`);
    conv.status = requested;
  } else {
    // Conversation#toggle_status: open ↔ resolved; pending and snoozed become open.
    conv.status = conv.status === 'open' ? 'resolved' : 'open';
  }
  conv.snoozedUntil = conv.status === 'snoozed' ? parseSnoozedUntil(s.body.snoozed_until) : null;
  if (conv.status === 'resolved') conv.waitingSince = null;
  if (conv.status !== before) {
    const name = s.user.name;
    const text =
      conv.status === 'snoozed'
        ? `${name} has snoozed this conversation${conv.snoozedUntil === null ? '' : ` until ${toIso(conv.snoozedUntil)}`}`
        : `${STATUS_ACTIVITY[conv.status] ?? 'Status changed by'} ${name}`;
    addActivity(state, conv, text, nowMs);
  }
  // "An agent who sets open is self-assigned" (docs/CHATWOOT.md §3, should_assign_conversation?).
  if (
    conv.status === 'open' &&
    roleIn(state, s.user, conv.accountId) === 'agent' &&
    conv.assigneeId !== s.user.id
  ) {
    conv.assigneeId = s.user.id;
    addActivity(state, conv, `${s.user.name} self-assigned this conversation`, nowMs);
  }
  touch(conv, nowMs);
  return json(200, {
    meta: {},
    payload: {
      success: true,
      conversation_id: conv.displayId,
      current_status: conv.status,
      snoozed_until: toIsoOrNull(conv.snoozedUntil),
    },
  });
}

// --- canned responses and integrations (docs/CHATWOOT.md §6) -----------------------------------------

function cannedResponses(s: Scope): ApiResponse {
  const search = s.req.query.get('search')?.trim().toLowerCase() ?? '';
  const rows = s.ctx.state.cannedResponses
    .filter((r) => r.accountId === s.account.id)
    .filter(
      (r) =>
        search === '' ||
        r.shortCode.toLowerCase().includes(search) ||
        r.content.toLowerCase().includes(search),
    )
    // order_by_search: short codes starting with the term first.
    .sort((x, y) => {
      const rank = (r: typeof x) =>
        search && r.shortCode.toLowerCase().startsWith(search) ? 0 : 1;
      return rank(x) - rank(y) || x.id - y.id;
    });
  return json(
    200,
    rows.map((r) => ({
      id: r.id,
      short_code: r.shortCode,
      content: r.content,
      account_id: r.accountId,
      created_at: toIso(r.createdAt),
      updated_at: toIso(r.updatedAt),
    })),
  );
}

function openaiHook(account: Account): JsonObject {
  return {
    id: account.openaiHookId,
    app_id: 'openai',
    inbox_id: null,
    account_id: account.id,
    status: 'enabled',
    hook_type: 'account',
    settings: { api_key: '[FILTERED]', label_suggestion: false },
  };
}

function integrationApps(s: Scope): ApiResponse {
  const acc = s.account;
  const app = (id: string, name: string, description: string, hooks: JsonObject[]) => ({
    id,
    name,
    description,
    hook_type: 'account',
    enabled: hooks.length > 0,
    allow_multiple_hooks: id === 'webhook',
    hooks,
  });
  return json(200, {
    payload: [
      app('webhook', 'Webhooks', 'Send events to your endpoints.', []),
      app('dashboard_apps', 'Dashboard Apps', 'Embed an app in the conversation view.', []),
      app(
        'openai',
        'OpenAI',
        'Reply suggestions, summaries and rewriting with OpenAI.',
        acc.aiEnabled ? [openaiHook(acc)] : [],
      ),
      app('linear', 'Linear', 'Create Linear issues from conversations.', []),
    ],
  });
}

function processEvent(s: Scope): ApiResponse {
  const acc = s.account;
  if (!acc.aiEnabled || s.params.h !== String(acc.openaiHookId)) return notFound();
  const event = asRecord(s.body.event);
  const data = asRecord(event.data);
  const name = event.name;
  if (name === 'reply_suggestion' || name === 'summarize') {
    const displayId = Number(data.conversation_display_id);
    const conv = s.ctx.state.conversations.find(
      (c) => c.accountId === acc.id && c.displayId === displayId,
    );
    if (!conv) return notFound();
    if (!canAccess(s.ctx.state, s.user, conv)) return notAuthorizedAction();
    const message =
      name === 'reply_suggestion' ? replySuggestion(s.ctx.state, conv) : summary(s.ctx.state, conv);
    return json(200, { message });
  }
  if (typeof name === 'string' && ['rephrase', 'fix_spelling_grammar', 'shorten'].includes(name)) {
    const content = typeof data.content === 'string' ? data.content.trim() : '';
    if (content === '') return unprocessable('content is required');
    return json(200, { message: content.replace(/\s+/g, ' ') });
  }
  return unprocessable(`Invalid event: ${String(name)}`);
}
