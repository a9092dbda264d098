import type { QueryClient } from '@tanstack/react-query';
import type { WireConversation, WireMessage } from '../../../lib/chatwoot/schemas';
import type { LiveChange, ReplyOf } from '../../../lib/messages';
import { messageKind } from '../../../lib/sop/wire';

// Applies the worker's realtime changes to the panel's react-query cache (setQueryData): the
// open conversation and the queue show them without a refetch.

type ConversationData = Extract<ReplyOf<'conversation/get'>, { ok: true }>['value'];
type QueueData = Extract<ReplyOf<'queue/get'>, { ok: true }>['value'];
type Thread = Extract<ReplyOf<'queue/threads'>, { ok: true }>['value']['threads'][number];

const QUEUE_STATUSES = new Set(['open', 'pending']);

/** The fields a conversation event carries reliably (push_data); the rest (applied_sla,
 * sla_events) only the REST views send, so the cached values stay. */
function mergeConversation(old: WireConversation, next: WireConversation): WireConversation {
  return {
    ...old,
    status: next.status,
    labels: next.labels,
    priority: next.priority,
    can_reply: next.can_reply ?? old.can_reply,
    meta: {
      ...old.meta,
      sender: next.meta.sender ?? old.meta.sender,
      assignee: next.meta.assignee ?? null,
    },
    waiting_since: next.waiting_since ?? old.waiting_since,
    first_reply_created_at: next.first_reply_created_at ?? old.first_reply_created_at,
    timestamp: Math.max(old.timestamp, next.timestamp),
    last_activity_at: next.last_activity_at ?? old.last_activity_at,
    last_non_activity_message: newer(old.last_non_activity_message, next.last_non_activity_message),
  };
}

function newer(a: WireMessage | null | undefined, b: WireMessage | null | undefined) {
  if (!a) return b ?? null;
  if (!b) return a;
  return b.created_at > a.created_at || (b.created_at === a.created_at && b.id >= a.id) ? b : a;
}

/** The thread with `message` added or replaced (an edit, a deletion), oldest first. */
export function withMessage(messages: readonly WireMessage[], message: WireMessage): WireMessage[] {
  const out = messages.filter((m) => m.id !== message.id);
  out.push(message);
  return out.sort((a, b) => a.created_at - b.created_at || a.id - b.id);
}

function withLastMessage(conversation: WireConversation, message: WireMessage): WireConversation {
  if (messageKind(message) === 'activity') return conversation;
  return {
    ...conversation,
    last_non_activity_message: newer(conversation.last_non_activity_message, message),
    timestamp: Math.max(conversation.timestamp, message.created_at),
  };
}

function renamed(conversation: WireConversation, contactId: number, name: string | null) {
  const sender = conversation.meta.sender;
  if (!sender || sender.id !== contactId || sender.name === name) return conversation;
  return { ...conversation, meta: { ...conversation.meta, sender: { ...sender, name } } };
}

export function applyLiveChanges(
  client: QueryClient,
  accountId: number,
  changes: readonly LiveChange[],
): void {
  const queue = (update: (data: QueueData) => QueueData) =>
    client.setQueryData<QueueData>(['queue'], (old) =>
      old && old.accountId === accountId ? update(old) : old,
    );
  const conversation = (id: number, update: (data: ConversationData) => ConversationData) =>
    client.setQueryData<ConversationData>(['conversation', accountId, id], (old) =>
      old ? update(old) : old,
    );
  const renameEverywhere = (contactId: number, name: string | null) => {
    for (const [key, data] of client.getQueriesData<ConversationData>({
      queryKey: ['conversation', accountId],
    })) {
      const next = data && renamed(data.conversation, contactId, name);
      if (data && next !== data.conversation)
        client.setQueryData(key, { ...data, conversation: next });
    }
  };

  for (const change of changes) {
    if (change.kind === 'message') {
      const { message, conversationId } = change;
      conversation(conversationId, (data) => ({
        ...data,
        messages: withMessage(data.messages, message),
        conversation: withLastMessage(data.conversation, message),
      }));
      queue((data) => ({
        ...data,
        conversations: data.conversations.map((c) =>
          c.id === conversationId ? withLastMessage(c, message) : c,
        ),
      }));
      for (const [key, threads] of client.getQueriesData<Thread[]>({
        queryKey: ['queue-threads', accountId],
      })) {
        if (!threads?.some((t) => t.conversationId === conversationId)) continue;
        client.setQueryData<Thread[]>(
          key,
          threads.map((t) =>
            t.conversationId === conversationId
              ? { ...t, messages: withMessage(t.messages, message) }
              : t,
          ),
        );
      }
    } else if (change.kind === 'conversation') {
      const next = change.conversation;
      conversation(next.id, (data) => ({
        ...data,
        conversation: mergeConversation(data.conversation, next),
      }));
      queue((data) => {
        const known = data.conversations.some((c) => c.id === next.id);
        if (known) {
          return {
            ...data,
            conversations: data.conversations.map((c) =>
              c.id === next.id ? mergeConversation(c, next) : c,
            ),
          };
        }
        // A new conversation (or one reopened): the queue lists open and pending ones.
        return QUEUE_STATUSES.has(next.status)
          ? { ...data, conversations: [...data.conversations, next] }
          : data;
      });
    } else {
      const { contactId, name } = change;
      renameEverywhere(contactId, name);
      queue((data) => ({
        ...data,
        conversations: data.conversations.map((c) => renamed(c, contactId, name)),
      }));
    }
  }
}
