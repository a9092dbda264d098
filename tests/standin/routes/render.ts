// JSON shapes exactly as Chatwoot's jbuilder views render them (docs/CHATWOOT.md §3):
// epoch-second integers for conversation times, `0` for missing first_reply_created_at /
// waiting_since, a float updated_at, an ISO string (or null) for snoozed_until.
import type {
  Account,
  AccountUser,
  Contact,
  Conversation,
  JsonObject,
  Message,
  StandinState,
  Team,
  User,
} from '../types';

export const toSeconds = (ms: number): number => Math.floor(ms / 1000);
/** Ruby's `nil.to_i` is 0: that is why missing times come back as 0, not null. */
export const toSecondsOrZero = (ms: number | null): number => (ms === null ? 0 : toSeconds(ms));
/** Rails renders datetimes as ISO 8601 with milliseconds. */
export const toIso = (ms: number): string => new Date(ms).toISOString();
export const toIsoOrNull = (ms: number | null): string | null => (ms === null ? null : toIso(ms));

export interface RenderOptions {
  state: StandinState;
  nowMs: number;
  viewer: User;
  /** Upstream with the `sla` feature on renders sla_policy_id:null, applied_sla:{}, sla_events:[] everywhere. */
  emptySlaFields: boolean;
}

// --- people -----------------------------------------------------------------------------------

/** api/v1/models/_contact.json.jbuilder (conversation meta.sender). */
export function contactPartial(c: Contact): JsonObject {
  return {
    additional_attributes: c.additionalAttributes,
    availability_status: 'offline',
    email: c.email,
    id: c.id,
    name: c.name,
    phone_number: c.phoneNumber,
    blocked: c.blocked,
    identifier: c.identifier,
    thumbnail: '',
    custom_attributes: c.customAttributes,
    ...(c.lastActivityAt !== null ? { last_activity_at: toSeconds(c.lastActivityAt) } : {}),
    created_at: toSeconds(c.createdAt),
  };
}

/** Contact#push_event_data (message sender, messages meta.contact). */
export function contactPush(c: Contact): JsonObject {
  return {
    additional_attributes: c.additionalAttributes,
    custom_attributes: c.customAttributes,
    email: c.email,
    id: c.id,
    identifier: c.identifier,
    name: c.name,
    phone_number: c.phoneNumber,
    thumbnail: '',
    blocked: c.blocked,
    type: 'contact',
  };
}

/** User#push_event_data (message sender, messages meta.assignee). */
export function userPush(u: User): JsonObject {
  return {
    id: u.id,
    name: u.name,
    available_name: u.displayName ?? u.name,
    avatar_url: '',
    type: 'user',
    availability_status: u.availability,
    thumbnail: '',
  };
}

/** api/v1/models/_agent.json.jbuilder (conversation meta.assignee). */
export function agentPartial(u: User, accountUser: AccountUser | undefined): JsonObject {
  return {
    id: u.id,
    account_id: accountUser?.accountId ?? null,
    availability_status: u.availability,
    auto_offline: true,
    confirmed: true,
    email: u.email,
    provider: 'email',
    available_name: u.displayName ?? u.name,
    name: u.name,
    role: accountUser?.role ?? 'agent',
    thumbnail: '',
    custom_role_id: null,
  };
}

function teamPartial(t: Team, viewer: User): JsonObject {
  return {
    id: t.id,
    name: t.name,
    description: t.description,
    allow_auto_assign: true,
    account_id: t.accountId,
    is_member: t.memberIds.includes(viewer.id),
  };
}

/** api/v1/models/_user.json.jbuilder (GET /api/v1/profile). */
export function profile(state: StandinState, u: User): JsonObject {
  const memberships = state.accountUsers.filter((au) => au.userId === u.id);
  const first = memberships[0];
  return {
    access_token: u.accessToken,
    account_id: first?.accountId ?? null,
    available_name: u.displayName ?? u.name,
    avatar_url: '',
    confirmed: true,
    display_name: u.displayName,
    message_signature: null,
    email: u.email,
    hmac_identifier: `standin-hmac-${u.id}`,
    inviter_id: u.invitedById,
    id: u.id,
    name: u.name,
    provider: 'email',
    pubsub_token: u.pubsubToken ?? `standin-pubsub-${u.id}`,
    custom_attributes: {},
    role: first?.role ?? 'agent',
    ui_settings: {},
    uid: u.email,
    type: null,
    accounts: memberships.map((au) => accountEntry(state.accounts, au, u)),
  };
}

function accountEntry(accounts: Account[], au: AccountUser, u: User): JsonObject {
  const account = accounts.find((a) => a.id === au.accountId);
  return {
    id: au.accountId,
    name: account?.name ?? '',
    status: 'active',
    active_at: toIso(u.createdAt),
    role: au.role,
    permissions: au.role === 'administrator' ? ['administrator'] : ['agent'],
    availability: u.availability,
    availability_status: u.availability,
    auto_offline: true,
    custom_role_id: null,
    custom_role: null,
  };
}

// --- messages ---------------------------------------------------------------------------------

function senderPush(state: StandinState, m: Message): JsonObject | undefined {
  if (!m.sender) return undefined;
  const { type, id } = m.sender;
  if (type === 'Contact') {
    const c = state.contacts.find((x) => x.id === id);
    return c ? contactPush(c) : undefined;
  }
  const u = state.users.find((x) => x.id === id);
  return u ? userPush(u) : undefined;
}

/** api/v1/models/_message.json.jbuilder: messages index, create and destroy. */
export function messagePartial(state: StandinState, conv: Conversation, m: Message): JsonObject {
  const sender = senderPush(state, m);
  return {
    id: m.id,
    content: m.content,
    inbox_id: m.inboxId,
    conversation_id: conv.displayId,
    message_type: m.messageType,
    content_type: m.contentType,
    status: m.status,
    content_attributes: m.contentAttributes,
    created_at: toSeconds(m.createdAt),
    private: m.private,
    source_id: m.sourceId,
    ...(sender ? { sender } : {}),
  };
}

/**
 * Message#push_event_data: the conversation payload's `messages[0]` and
 * `last_non_activity_message`. It dumps the raw columns, hence `sender_type: "Contact"`
 * and an ISO `updated_at` next to an integer `created_at`.
 */
export function messagePush(
  state: StandinState,
  conv: Conversation,
  m: Message,
  unreadCount: number,
): JsonObject {
  const sender = senderPush(state, m);
  const contact = state.contacts.find((c) => c.id === conv.contactId);
  return {
    id: m.id,
    content: m.content,
    account_id: m.accountId,
    inbox_id: m.inboxId,
    conversation_id: conv.displayId,
    message_type: m.messageType,
    created_at: toSeconds(m.createdAt),
    updated_at: toIso(m.updatedAt),
    private: m.private,
    status: m.status,
    source_id: m.sourceId,
    content_type: m.contentType,
    content_attributes: m.contentAttributes,
    sender_type: m.sender?.type ?? null,
    sender_id: m.sender?.id ?? null,
    external_source_ids: {},
    additional_attributes: {},
    processed_message_content: m.content,
    sentiment: {},
    conversation: {
      assignee_id: conv.assigneeId,
      unread_count: unreadCount,
      last_activity_at: toSeconds(conv.lastActivityAt),
      contact_inbox: { source_id: `standin-source-${contact?.id ?? 0}` },
    },
    ...(sender ? { sender } : {}),
  };
}

// --- conversations ----------------------------------------------------------------------------

export function unreadCount(conv: Conversation): number {
  const seen = conv.agentLastSeenAt;
  return conv.messages.filter((m) => m.messageType === 0 && (seen === null || m.createdAt > seen))
    .length;
}

/** Conversation#can_reply?: channels with a reply window need a customer message inside it. */
export function canReply(state: StandinState, conv: Conversation, nowMs: number): boolean {
  const inbox = state.inboxes.find((i) => i.id === conv.inboxId);
  if (!inbox || inbox.replyWindowHours === null) return true;
  const lastIncoming = [...conv.messages].reverse().find((m) => m.messageType === 0);
  if (!lastIncoming) return false;
  return nowMs - lastIncoming.createdAt < inbox.replyWindowHours * 3600 * 1000;
}

/** api/v1/conversations/partials/_conversation.json.jbuilder (+ the enterprise SLA partial). */
export function conversationPayload(opts: RenderOptions, conv: Conversation): JsonObject {
  const { state, viewer, nowMs } = opts;
  const contact = state.contacts.find((c) => c.id === conv.contactId);
  const inbox = state.inboxes.find((i) => i.id === conv.inboxId);
  const assignee = state.users.find((u) => u.id === conv.assigneeId);
  const team = state.teams.find((t) => t.id === conv.teamId);
  const unread = unreadCount(conv);
  const last = conv.messages[conv.messages.length - 1];
  const lastNonActivity = [...conv.messages].reverse().find((m) => m.messageType !== 2);

  const meta: JsonObject = {
    sender: contact ? contactPartial(contact) : {},
    channel: inbox?.channelType ?? null,
    ...(assignee
      ? {
          assignee: agentPartial(
            assignee,
            state.accountUsers.find(
              (au) => au.userId === assignee.id && au.accountId === conv.accountId,
            ),
          ),
        }
      : {}),
    ...(team ? { team: teamPartial(team, viewer) } : {}),
    hmac_verified: false,
  };

  const payload: JsonObject = {
    meta,
    id: conv.displayId,
    // Only the LAST message, whatever its type (docs/CHATWOOT.md §3, §7).
    messages: last ? [messagePush(state, conv, last, unread)] : [],
    account_id: conv.accountId,
    uuid: conv.uuid,
    additional_attributes: conv.additionalAttributes,
    agent_last_seen_at: toSecondsOrZero(conv.agentLastSeenAt),
    assignee_last_seen_at: toSecondsOrZero(conv.assigneeLastSeenAt),
    can_reply: canReply(state, conv, nowMs),
    contact_last_seen_at: toSecondsOrZero(conv.contactLastSeenAt),
    custom_attributes: conv.customAttributes,
    inbox_id: conv.inboxId,
    labels: [...conv.labels],
    muted: conv.muted,
    snoozed_until: toIsoOrNull(conv.snoozedUntil),
    status: conv.status,
    created_at: toSeconds(conv.createdAt),
    updated_at: conv.updatedAt / 1000,
    timestamp: toSeconds(conv.lastActivityAt),
    first_reply_created_at: toSecondsOrZero(conv.firstReplyCreatedAt),
    unread_count: unread,
    last_non_activity_message: lastNonActivity
      ? messagePush(state, conv, lastNonActivity, unread)
      : null,
    last_activity_at: toSeconds(conv.lastActivityAt),
    priority: conv.priority,
    waiting_since: toSecondsOrZero(conv.waitingSince),
  };

  // docs/CHATWOOT.md §5: only conversations with a policy carry the SLA fields.
  if (conv.slaPolicyId !== null) {
    payload.sla_policy_id = conv.slaPolicyId;
    payload.applied_sla = appliedSlaPayload(state, conv);
    payload.sla_events = conv.slaEvents.map((e) => ({
      id: e.id,
      event_type: e.eventType,
      meta: e.meta,
      updated_at: toSeconds(e.updatedAt),
      created_at: toSeconds(e.createdAt),
    }));
  } else if (opts.emptySlaFields) {
    payload.sla_policy_id = null;
    payload.applied_sla = {};
    payload.sla_events = [];
  }
  return payload;
}

function appliedSlaPayload(state: StandinState, conv: Conversation): JsonObject {
  const a = conv.appliedSla;
  const policy = state.slaPolicies.find((p) => p.id === conv.slaPolicyId);
  if (!a || !policy) return {};
  return {
    id: a.id,
    sla_id: a.slaPolicyId,
    sla_status: a.status,
    created_at: toSeconds(a.createdAt),
    updated_at: toSeconds(a.updatedAt),
    sla_description: policy.description,
    sla_name: policy.name,
    sla_first_response_time_threshold: policy.firstResponseTime,
    sla_next_response_time_threshold: policy.nextResponseTime,
    sla_only_during_business_hours: policy.onlyDuringBusinessHours,
    sla_resolution_time_threshold: policy.resolutionTime,
  };
}

/** accounts/conversations/messages/index.json.jbuilder `meta`. */
export function messagesMeta(state: StandinState, conv: Conversation, hasMore: boolean) {
  const contact = state.contacts.find((c) => c.id === conv.contactId);
  const assignee = state.users.find((u) => u.id === conv.assigneeId);
  return {
    labels: [...conv.labels],
    additional_attributes: conv.additionalAttributes,
    contact: contact ? contactPush(contact) : {},
    ...(assignee ? { assignee: userPush(assignee) } : {}),
    agent_last_seen_at: toIsoOrNull(conv.agentLastSeenAt),
    assignee_last_seen_at: toIsoOrNull(conv.assigneeLastSeenAt),
    has_more: hasMore,
  };
}
