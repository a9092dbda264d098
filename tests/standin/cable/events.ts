// What Chatwoot's ActionCableListener would broadcast for a change of the stand-in's state
// (app/listeners/action_cable_listener.rb): every change is found by comparing the state before
// and after a request (API or control), so no mutation can forget to announce itself.
import { canAccess, roleIn } from '../routes/conversations';
import {
  canReply,
  contactPartial,
  contactPush,
  messagePush,
  toIsoOrNull,
  toSeconds,
  toSecondsOrZero,
  unreadCount,
  userPush,
} from '../routes/render';
import type { Conversation, JsonObject, StandinState } from '../types';

interface ConversationShot {
  status: string;
  assigneeId: number | null;
  teamId: number | null;
  rest: string; // labels, priority, attributes: conversation.updated
  messages: Map<number, number>; // id → updatedAt
}
export interface Snapshot {
  conversations: Map<number, ConversationShot>; // by internal id
  contacts: Map<number, string>; // id → name/email/phone
}

export interface CableBroadcast {
  /** `pubsub_token:<user id>` (resolved to the user's current token) or `account_<id>`. */
  stream: { userId: number } | { account: number };
  event: string;
  data: JsonObject;
}

export function snapshot(state: StandinState): Snapshot {
  const conversations = new Map<number, ConversationShot>();
  for (const c of state.conversations) {
    conversations.set(c.id, {
      status: c.status,
      assigneeId: c.assigneeId,
      teamId: c.teamId,
      rest: JSON.stringify([c.labels, c.priority, c.customAttributes, c.additionalAttributes]),
      messages: new Map(c.messages.map((m) => [m.id, m.updatedAt])),
    });
  }
  const contacts = new Map(
    state.contacts.map((c) => [c.id, JSON.stringify([c.name, c.email, c.phoneNumber])]),
  );
  return { conversations, contacts };
}

/** The events the change from `before` to the current state makes, in Chatwoot's order. */
export function changes(before: Snapshot, state: StandinState, nowMs: number): CableBroadcast[] {
  const out: CableBroadcast[] = [];
  for (const conv of state.conversations) {
    const was = before.conversations.get(conv.id);
    const to = (event: string, data: JsonObject) => {
      for (const userId of recipients(state, conv)) out.push({ stream: { userId }, event, data });
    };
    const push = () => ({ ...conversationPush(state, conv, nowMs), account_id: conv.accountId });
    if (!was) to('conversation.created', push());
    for (const m of conv.messages) {
      const seen = was?.messages.get(m.id);
      if (seen === m.updatedAt) continue;
      const data = {
        ...messagePush(state, conv, m, unreadCount(conv)),
        account_id: conv.accountId,
        // A user's change carries who made it (ActionCableListener#broadcast).
        ...(m.sender?.type === 'User' ? { performer: performer(state, m.sender.id) } : {}),
      };
      to(seen === undefined ? 'message.created' : 'message.updated', data);
    }
    if (!was) continue;
    // The "fresh" events re-read the conversation and carry no performer (ActionCableBroadcastJob).
    if (was.status !== conv.status) to('conversation.status_changed', push());
    if (was.assigneeId !== conv.assigneeId) to('assignee.changed', push());
    if (was.teamId !== conv.teamId) to('team.changed', push());
    const rest = JSON.stringify([
      conv.labels,
      conv.priority,
      conv.customAttributes,
      conv.additionalAttributes,
    ]);
    if (was.rest !== rest) to('conversation.updated', push());
  }
  for (const contact of state.contacts) {
    const was = before.contacts.get(contact.id);
    if (was === JSON.stringify([contact.name, contact.email, contact.phoneNumber])) continue;
    out.push({
      stream: { account: contact.accountId },
      event: was === undefined ? 'contact.created' : 'contact.updated',
      data: { ...contactPush(contact), account_id: contact.accountId },
    });
  }
  return out;
}

/** The inbox's members and the account's administrators (ActionCableListener#user_tokens). */
function recipients(state: StandinState, conv: Conversation): number[] {
  return state.users
    .filter((u) => roleIn(state, u, conv.accountId) && canAccess(state, u, conv))
    .map((u) => u.id);
}

function performer(state: StandinState, userId: number): JsonObject | null {
  const user = state.users.find((u) => u.id === userId);
  return user ? userPush(user) : null;
}

/** Conversations::EventDataPresenter#push_data: note the ISO first_reply_created_at. */
export function conversationPush(
  state: StandinState,
  conv: Conversation,
  nowMs: number,
): JsonObject {
  const contact = state.contacts.find((c) => c.id === conv.contactId);
  const inbox = state.inboxes.find((i) => i.id === conv.inboxId);
  const assignee = state.users.find((u) => u.id === conv.assigneeId);
  const team = state.teams.find((t) => t.id === conv.teamId);
  const unread = unreadCount(conv);
  const last = conv.messages.filter((m) => m.messageType !== 2).at(-1);
  return {
    additional_attributes: conv.additionalAttributes,
    can_reply: canReply(state, conv, nowMs),
    channel: inbox?.channelType ?? null,
    contact_inbox: {
      id: conv.contactId,
      contact_id: conv.contactId,
      inbox_id: conv.inboxId,
      source_id: `standin-source-${conv.contactId}`,
    },
    id: conv.displayId,
    inbox_id: conv.inboxId,
    messages: last ? [messagePush(state, conv, last, unread)] : [],
    labels: [...conv.labels],
    meta: {
      sender: contact ? contactPartial(contact) : {},
      assignee: assignee ? userPush(assignee) : null,
      team: team ? { id: team.id, name: team.name } : null,
      hmac_verified: false,
    },
    status: conv.status,
    custom_attributes: conv.customAttributes,
    snoozed_until: toIsoOrNull(conv.snoozedUntil),
    unread_count: unread,
    first_reply_created_at: toIsoOrNull(conv.firstReplyCreatedAt),
    priority: conv.priority,
    waiting_since: toSecondsOrZero(conv.waitingSince),
    agent_last_seen_at: toSecondsOrZero(conv.agentLastSeenAt),
    contact_last_seen_at: toSecondsOrZero(conv.contactLastSeenAt),
    last_activity_at: toSeconds(conv.lastActivityAt),
    timestamp: toSeconds(conv.lastActivityAt),
    created_at: toSeconds(conv.createdAt),
    updated_at: conv.updatedAt / 1000,
  };
}
