import { z } from '../../zod';
import { conversationSchema, messageSchema } from '../../chatwoot/schemas';
import type { LiveChange } from '../../messages';
import { toDate } from '../../sop/wire';

// Chatwoot's RoomChannel broadcasts (`{event, data}`, app/listeners/action_cable_listener.rb)
// turned into the panel's few kinds of change. Every payload is validated here, in the worker;
// an event for another account is dropped (one pubsub token streams every account of the user).

const broadcastSchema = z.object({
  event: z.string(),
  data: z.looseObject({ account_id: z.number() }),
});

const MESSAGE_EVENTS = new Set(['message.created', 'message.updated']);
/** The events whose data is the conversation (Conversations::EventDataPresenter#push_data). */
const CONVERSATION_EVENTS = new Set([
  'conversation.created',
  'conversation.updated',
  'conversation.status_changed',
  'conversation.contact_changed',
  'assignee.changed',
  'team.changed',
]);
const CONTACT_EVENTS = new Set(['contact.updated', 'contact.created']);

export type Normalised =
  { ok: true; change: LiveChange } | { ok: false; why: 'malformed' | 'other_account' | 'ignored' };

export function normalise(message: unknown, accountId: number): Normalised {
  const parsed = broadcastSchema.safeParse(message);
  if (!parsed.success) return { ok: false, why: 'malformed' };
  const { event, data } = parsed.data;
  if (data.account_id !== accountId) return { ok: false, why: 'other_account' };
  if (MESSAGE_EVENTS.has(event)) {
    const conversationId = z.number().check(z.int(), z.positive()).safeParse(data.conversation_id);
    const msg = messageSchema.safeParse(data);
    if (!conversationId.success || !msg.success) return { ok: false, why: 'malformed' };
    return {
      ok: true,
      change: { kind: 'message', conversationId: conversationId.data, message: msg.data },
    };
  }
  if (CONVERSATION_EVENTS.has(event)) {
    // push_data sends first_reply_created_at as a datetime, where the REST views send seconds.
    const first = data.first_reply_created_at;
    const seconds =
      typeof first === 'string' ? Math.floor((toDate(first)?.getTime() ?? 0) / 1000) : first;
    const conv = conversationSchema.safeParse({ ...data, first_reply_created_at: seconds });
    if (!conv.success) return { ok: false, why: 'malformed' };
    const last = conv.data.messages.at(-1);
    return {
      ok: true,
      change: {
        kind: 'conversation',
        conversation: {
          ...conv.data,
          // push_data's messages[0] is the last chat message (never an activity).
          last_non_activity_message:
            conv.data.last_non_activity_message ?? (last && last.message_type !== 2 ? last : null),
        },
      },
    };
  }
  if (CONTACT_EVENTS.has(event)) {
    const contact = z
      .object({ id: z.number().check(z.int(), z.positive()), name: z.nullish(z.string()) })
      .safeParse(data);
    if (!contact.success) return { ok: false, why: 'malformed' };
    return {
      ok: true,
      change: { kind: 'contact', contactId: contact.data.id, name: contact.data.name ?? null },
    };
  }
  return { ok: false, why: 'ignored' }; // presence, typing, notifications, …
}

/** Keeps the latest of each thing changed in a batch, in first-seen order: a flood of events
 * about one conversation becomes one change. */
export function coalesce(changes: readonly LiveChange[]): LiveChange[] {
  const byKey = new Map<string, LiveChange>();
  for (const change of changes) {
    const key =
      change.kind === 'message'
        ? `m${change.conversationId}:${change.message.id}`
        : change.kind === 'conversation'
          ? `c${change.conversation.id}`
          : `p${change.contactId}`;
    byKey.set(key, change);
  }
  return [...byKey.values()];
}
