// Control endpoints for the realtime channel and for people other than the signed-in agent:
// the cable's switches and faults, "another agent" acting on a conversation (through the real
// API handlers, with that agent's token), a contact renamed, a new customer conversation.
import { handleApi } from '../routes/api';
import type { StandinCore } from '../core';
import { asRecord, json, type ApiRequest, type ApiResponse } from '../http';
import { conversationPayload } from '../routes/render';
import { SEED, stableUuid, withMicros } from '../seed';
import type { Conversation } from '../types';
import type { CableServer } from './server';

export const CABLE_ENDPOINTS = [
  'GET|POST /__standin/cable {enabled?, badToken?: reject|silent, pings?}',
  'POST /__standin/cable/{drop|disconnect {reason, reconnect}|rotate-token {userId}|raw {text}}',
  'POST /__standin/accounts/{a}/conversations/{c}/agent {action: reply|note|resolve|open|pending|assign|labels, content?, userId?, assigneeId?, labels?}',
  'POST /__standin/accounts/{a}/contacts/{id} {name}',
  'POST /__standin/accounts/{a}/conversations {content, name?, inboxId?}',
];

export function isCableControl(path: string): boolean {
  return (
    path.startsWith('/__standin/cable') ||
    /^\/__standin\/accounts\/\d+\/(conversations(\/\d+\/agent)?|contacts\/\d+)\/?$/.test(path)
  );
}

export function handleCableControl(
  core: StandinCore,
  cable: CableServer,
  req: ApiRequest,
): ApiResponse {
  const method = req.method.toUpperCase();
  const path = req.pathname.replace(/\/+$/, '');
  const body = asRecord(req.body);
  if (path === '/__standin/cable') {
    if (method === 'POST') cable.configure(body);
    return json(200, cable.stats());
  }
  const action = /^\/__standin\/cable\/([a-z-]+)$/.exec(path)?.[1];
  if (action && method === 'POST') {
    if (action === 'drop') cable.dropAll();
    else if (action === 'disconnect') {
      cable.disconnect(String(body.reason ?? 'server_restart'), body.reconnect !== false);
    } else if (action === 'rotate-token') {
      const token = cable.rotateToken(Number(body.userId ?? SEED.agent.id));
      return token ? json(200, { pubsub_token: token }) : json(404, { error: 'no such user' });
    } else if (action === 'raw') cable.raw(String(body.text ?? ''));
    else return json(404, { error: `unknown cable action ${action}` });
    return json(200, cable.stats());
  }
  if (method !== 'POST') return json(404, { error: 'POST only', endpoints: CABLE_ENDPOINTS });

  const agent = /^\/__standin\/accounts\/(\d+)\/conversations\/(\d+)\/agent$/.exec(path);
  if (agent) return colleague(core, Number(agent[1]), Number(agent[2]), body);
  const contact = /^\/__standin\/accounts\/(\d+)\/contacts\/(\d+)$/.exec(path);
  if (contact) {
    const c = core.state.contacts.find(
      (x) => x.accountId === Number(contact[1]) && x.id === Number(contact[2]),
    );
    if (!c) return json(404, { error: 'no such contact' });
    if (typeof body.name === 'string') c.name = body.name;
    return json(200, { id: c.id, name: c.name });
  }
  const create = /^\/__standin\/accounts\/(\d+)\/conversations$/.exec(path);
  if (create) return newConversation(core, Number(create[1]), body);
  return json(404, { error: 'unknown control endpoint', endpoints: CABLE_ENDPOINTS });
}

/** Another agent (default Sam Admin) acts through the real API handlers, as in Chatwoot. */
function colleague(
  core: StandinCore,
  accountId: number,
  displayId: number,
  body: Record<string, unknown>,
): ApiResponse {
  const user = core.state.users.find((u) => u.id === Number(body.userId ?? SEED.admin.id));
  if (!user) return json(404, { error: 'no such user' });
  const base = `/api/v1/accounts/${accountId}/conversations/${displayId}`;
  const call = (suffix: string, payload: unknown) =>
    handleApi(
      { state: core.state, nowMs: core.nowMs(), emptySlaFields: core.settings.emptySlaFields },
      {
        method: 'POST',
        pathname: `${base}${suffix}`,
        query: new URLSearchParams(),
        headers: { api_access_token: user.accessToken },
        body: payload,
      },
    );
  switch (body.action) {
    case 'reply':
    case 'note':
      return call('/messages', {
        content: String(body.content ?? ''),
        message_type: 'outgoing',
        private: body.action === 'note',
      });
    case 'resolve':
    case 'open':
    case 'pending':
      return call('/toggle_status', {
        status: body.action === 'resolve' ? 'resolved' : body.action,
      });
    case 'labels':
      return call('/labels', { labels: Array.isArray(body.labels) ? body.labels : [] });
    case 'assign': {
      const conv = find(core, accountId, displayId);
      if (!conv) return json(404, { error: 'no such conversation' });
      conv.assigneeId = body.assigneeId === null ? null : Number(body.assigneeId ?? user.id);
      conv.updatedAt = withMicros(core.nowMs(), conv.id + 7);
      return json(200, { assignee_id: conv.assigneeId });
    }
    default:
      return json(400, { error: 'action must be reply|note|resolve|open|pending|assign|labels' });
  }
}

function find(core: StandinCore, accountId: number, displayId: number): Conversation | undefined {
  return core.state.conversations.find(
    (c) => c.accountId === accountId && c.displayId === displayId,
  );
}

/** A new customer writes in: a contact, an open conversation, its first message. */
function newConversation(
  core: StandinCore,
  accountId: number,
  body: Record<string, unknown>,
): ApiResponse {
  const { state } = core;
  const now = core.nowMs();
  const inbox =
    state.inboxes.find((i) => i.accountId === accountId && i.id === Number(body.inboxId)) ??
    state.inboxes.find((i) => i.accountId === accountId);
  if (!inbox) return json(404, { error: 'no inbox in that account' });
  const contactId = Math.max(0, ...state.contacts.map((c) => c.id)) + 1;
  state.contacts.push({
    id: contactId,
    accountId,
    name: typeof body.name === 'string' ? body.name : `Customer ${contactId}`,
    email: null,
    phoneNumber: null,
    identifier: null,
    additionalAttributes: {},
    customAttributes: {},
    blocked: false,
    createdAt: now,
    lastActivityAt: now,
  });
  const id = Math.max(0, ...state.conversations.map((c) => c.id)) + 1;
  const displayId =
    Math.max(
      0,
      ...state.conversations.filter((c) => c.accountId === accountId).map((c) => c.displayId),
    ) + 1;
  const conv: Conversation = {
    id,
    displayId,
    accountId,
    inboxId: inbox.id,
    contactId,
    uuid: stableUuid(id),
    status: 'open',
    priority: null,
    assigneeId: null,
    teamId: null,
    labels: [],
    customAttributes: {},
    additionalAttributes: {},
    muted: false,
    snoozedUntil: null,
    createdAt: now,
    updatedAt: withMicros(now, id),
    lastActivityAt: now,
    firstReplyCreatedAt: null,
    waitingSince: null,
    agentLastSeenAt: null,
    assigneeLastSeenAt: null,
    contactLastSeenAt: null,
    slaPolicyId: null,
    appliedSla: null,
    slaEvents: [],
    mentionedUserIds: [],
    participantIds: [],
    messages: [],
  };
  state.conversations.push(conv);
  core.customerMessage(accountId, displayId, String(body.content ?? 'Hello'));
  const admin = state.users.find((u) => u.id === SEED.admin.id) ?? state.users[0]!;
  return json(
    200,
    conversationPayload({ state, nowMs: now, viewer: admin, emptySlaFields: false }, conv),
  );
}
