import { describe, expect, it } from 'vitest';
import {
  changesKey,
  changesSince,
  latestCustomerMessageId,
} from '../../../components/panel/conversation/freshness';
import type { WireMessage } from '../../../lib/chatwoot/schemas';

const m = (id: number, type: number, content: string, extra: Partial<WireMessage> = {}) =>
  ({
    id,
    content,
    message_type: type,
    private: false,
    created_at: 1_770_000_000 + id,
    ...extra,
  }) as WireMessage;

const opened = [m(1, 0, 'Where is my parcel?'), m(2, 1, 'Checking')];

describe('changes since the reply was chosen / the conversation opened', () => {
  it('nothing changed: the clean key', () => {
    const c = changesSince({
      messages: opened,
      seen: { messageId: 2, status: 'open' },
      status: 'open',
      basis: 1,
      ownReplies: new Set(),
    });
    expect(changesKey(c, true)).toBe('||');
  });

  it('a customer message after the basis; a colleague reply; a resolve with Chatwoot’s activity line', () => {
    const now = [
      ...opened,
      m(3, 0, 'actually it never arrived, I want my money back'),
      m(4, 1, 'Refund issued', { sender: { id: 2, name: 'Sam Admin' } }),
      m(5, 1, 'internal', { private: true }),
      m(6, 2, 'Conversation was marked resolved by Sam Admin'),
    ];
    const c = changesSince({
      messages: now,
      seen: { messageId: 2, status: 'open' },
      status: 'resolved',
      basis: 1,
      ownReplies: new Set(),
    });
    expect(c.customer.map((x) => x.id)).toEqual([3]);
    expect(c.others.map((x) => x.id)).toEqual([4]);
    expect(c.status).toEqual({ now: 'resolved', activity: now[5] });
    expect(latestCustomerMessageId(now)).toBe(3);
    expect(changesKey(c, true)).toBe('3|4|resolved');
    expect(changesKey(c, false)).toBe('|4|resolved');
  });

  it('our own reply is not "someone else"', () => {
    const now = [...opened, m(3, 1, 'It ships today.')];
    const c = changesSince({
      messages: now,
      seen: { messageId: 2, status: 'open' },
      status: 'open',
      basis: 1,
      ownReplies: new Set(['It ships today.']),
    });
    expect(c.others).toEqual([]);
  });
});
