import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UrgencyBadge, type UrgencyDeps } from '../../../../lib/background/realtime/urgency';
import { conversationSchema } from '../../../../lib/chatwoot/schemas';
import { badgeText, type Urgency } from '../../../../lib/platform/badge';

// The badge's queue: P1 count, the follow-up mark, re-counted at the breach instant.

const MIN = 60_000;
const NOW = Date.parse('2026-03-02T10:00:00Z');
const conv = (id: number, createdMinAgo: number, over: Record<string, unknown> = {}) =>
  conversationSchema.parse({
    id,
    account_id: 1,
    status: 'open',
    created_at: Math.floor((NOW - createdMinAgo * MIN) / 1000),
    timestamp: Math.floor(NOW / 1000),
    ...over,
  });

let shown: Urgency[];
beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
  shown = [];
});
afterEach(() => vi.useRealTimers());

function badge(load: UrgencyDeps['load']) {
  return new UrgencyBadge({
    show: (u) => shown.push(u),
    slaMinutes: async () => 30,
    load,
    now: () => new Date(),
  });
}

describe('UrgencyBadge', () => {
  it('counts P1s, and raises one more at the breach instant without reloading', async () => {
    const load = vi.fn(async () => ({
      conversations: [conv(1, 200), conv(2, 149), conv(3, 10)], // P1; P2 for one more minute; fresh
      decisions: new Map(),
      threads: new Map(),
    }));
    const b = badge(load);
    await b.refresh(1);
    expect(shown.at(-1)).toEqual({ p1: 1, flagged: 0 });
    await vi.advanceTimersByTimeAsync(2 * MIN);
    expect(shown.at(-1)).toEqual({ p1: 2, flagged: 0 });
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('follows realtime changes: a P1 resolved elsewhere leaves the count; other accounts ignored', async () => {
    const b = badge(async () => ({
      conversations: [conv(1, 200), conv(4, 300)],
      decisions: new Map(),
      threads: new Map(),
    }));
    await b.refresh(1);
    expect(shown.at(-1)?.p1).toBe(2);
    await b.apply(1, [
      { kind: 'conversation', conversation: conv(4, 300, { status: 'resolved' }) },
    ]);
    expect(shown.at(-1)?.p1).toBe(1);
    await b.apply(2, [{ kind: 'conversation', conversation: conv(4, 300) }]);
    expect(shown.at(-1)?.p1).toBe(1);
  });

  it('marks an unacknowledged escalation, cleared by an agent reply arriving live', async () => {
    const escalatedAt = NOW - 3 * 60 * MIN;
    const b = badge(async () => ({
      conversations: [conv(5, 10, { labels: ['escalation'] })],
      decisions: new Map([
        [5, [{ action: 'chatwoot.escalate', createdAt: new Date(escalatedAt), syncState: 'sent' }]],
      ]),
      threads: new Map([[5, []]]),
    }));
    await b.refresh(1);
    expect(shown.at(-1)).toEqual({ p1: 0, flagged: 1 });
    expect(badgeText(shown.at(-1)!)).toBe('!');
    await b.apply(1, [
      {
        kind: 'message',
        conversationId: 5,
        message: {
          id: 99,
          content: 'Manager here, on it',
          message_type: 1,
          private: false,
          created_at: Math.floor(NOW / 1000),
        },
      },
    ]);
    expect(shown.at(-1)).toEqual({ p1: 0, flagged: 0 });
    expect(badgeText({ p1: 3, flagged: 1 })).toBe('3!');
    expect(badgeText({ p1: 0, flagged: 0 })).toBe('');
  });
});
