import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { applyLiveChanges } from '../../../components/panel/common/live-cache';
import { normalise } from '../../../lib/background/realtime/events';
import { conversationSchema, messageSchema } from '../../../lib/chatwoot/schemas';
import type { LiveChange } from '../../../lib/messages';

// Worker normalisation + panel cache application, end to end on Chatwoot-shaped payloads.

const T = 1_770_000_000;
const message = (id: number, type: number, content: string, at = T) =>
  messageSchema.parse({ id, content, message_type: type, created_at: at, private: false });
const conversation = (over: Record<string, unknown> = {}) =>
  conversationSchema.parse({
    id: 42,
    account_id: 1,
    status: 'open',
    labels: ['vip'],
    created_at: T - 7200,
    timestamp: T - 60,
    meta: { sender: { id: 9, name: 'Ana' }, assignee: { id: 1, name: 'Dana' } },
    applied_sla: { sla_status: 'active', sla_first_response_time_threshold: 600 },
    ...over,
  });

function client() {
  const qc = new QueryClient();
  qc.setQueryData(['conversation', 1, 42], {
    conversation: conversation(),
    messages: [message(1, 0, 'where is my parcel', T - 120)],
    operator: null,
  });
  qc.setQueryData(['queue'], { accountId: 1, conversations: [conversation()] });
  return qc;
}

function change(event: string, data: Record<string, unknown>): LiveChange {
  const result = normalise({ event, data: { account_id: 1, ...data } }, 1);
  if (!result.ok) throw new Error(result.why);
  return result.change;
}

describe('normalise', () => {
  it('drops other accounts, ignores presence and typing, rejects malformed payloads', () => {
    expect(normalise({ event: 'message.created', data: { account_id: 2, id: 1 } }, 1)).toEqual({
      ok: false,
      why: 'other_account',
    });
    expect(normalise({ event: 'presence.update', data: { account_id: 1 } }, 1)).toMatchObject({
      why: 'ignored',
    });
    expect(normalise({ event: 'message.created', data: { account_id: 1 } }, 1)).toMatchObject({
      why: 'malformed',
    });
    expect(normalise('nope', 1)).toMatchObject({ why: 'malformed' });
  });
});

describe('applyLiveChanges', () => {
  it('adds a message to the open conversation and the queue row, in order, once', () => {
    const qc = client();
    const created = change('message.created', {
      id: 2,
      content: 'actually it never arrived',
      message_type: 0,
      created_at: T,
      conversation_id: 42,
    });
    applyLiveChanges(qc, 1, [created, created]);
    const data = qc.getQueryData<{ messages: Array<{ id: number }> }>(['conversation', 1, 42]);
    expect(data?.messages.map((m) => m.id)).toEqual([1, 2]);
    const queue = qc.getQueryData<{
      conversations: Array<{ last_non_activity_message: { id: number } }>;
    }>(['queue']);
    expect(queue?.conversations[0]?.last_non_activity_message.id).toBe(2);
  });

  it('merges a status change, keeping what only the REST view sends (applied_sla)', () => {
    const qc = client();
    applyLiveChanges(qc, 1, [
      change('conversation.status_changed', {
        id: 42,
        status: 'resolved',
        labels: ['vip', 'refund'],
        created_at: T - 7200,
        timestamp: T,
        first_reply_created_at: new Date((T - 100) * 1000).toISOString(),
        meta: { sender: { id: 9, name: 'Ana' }, assignee: null },
      }),
    ]);
    const data = qc.getQueryData<{ conversation: ReturnType<typeof conversation> }>([
      'conversation',
      1,
      42,
    ]);
    expect(data?.conversation).toMatchObject({
      status: 'resolved',
      labels: ['vip', 'refund'],
      first_reply_created_at: T - 100,
      applied_sla: { sla_status: 'active' },
    });
    expect(data?.conversation.meta.assignee).toBeNull();
  });

  it('adds a new open conversation to the queue, not a resolved one; ignores unknown threads', () => {
    const qc = client();
    applyLiveChanges(qc, 1, [
      change('conversation.created', { id: 50, status: 'open', created_at: T, timestamp: T }),
      change('conversation.created', { id: 51, status: 'resolved', created_at: T, timestamp: T }),
      change('message.created', { id: 9, message_type: 0, content: 'x', conversation_id: 77 }),
    ]);
    const queue = qc.getQueryData<{ conversations: Array<{ id: number }> }>(['queue']);
    expect(queue?.conversations.map((c) => c.id)).toEqual([42, 50]);
    expect(qc.getQueryData(['conversation', 1, 77])).toBeUndefined();
  });

  it('renames the contact everywhere; changes for another account leave the cache alone', () => {
    const qc = client();
    applyLiveChanges(qc, 1, [change('contact.updated', { id: 9, name: 'Ana Lima' })]);
    applyLiveChanges(qc, 2, [
      { kind: 'message', conversationId: 42, message: message(5, 0, 'other account') },
    ]);
    const data = qc.getQueryData<{
      conversation: { meta: { sender: { name: string } } };
      messages: unknown[];
    }>(['conversation', 1, 42]);
    expect(data?.conversation.meta.sender.name).toBe('Ana Lima');
    expect(data?.messages).toHaveLength(1);
  });
});
