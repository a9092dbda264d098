import { describe, expect, it } from 'vitest';
import { buildQueue } from '../../../lib/sop/queue';

const now = new Date('2026-11-27T12:00:00Z');
const minutesAgo = (m: number) => Math.floor((now.getTime() - m * 60_000) / 1000);
const conv = (id: number, ageMin: number, extra: Record<string, unknown> = {}) => ({
  id,
  status: 'open',
  labels: [] as string[],
  created_at: minutesAgo(ageMin),
  ...extra,
});

describe('buildQueue: breached or escalated, P1 → P3, then by breach time', () => {
  it('orders P1 before P2 before P3, longest breached first, drops the rest', () => {
    const queue = buildQueue(
      [
        conv(1, 40), // breached 10 min ago → P2
        conv(2, 400), // breached 370 min ago → P1
        conv(3, 10, { labels: ['escalation'] }), // not breached, escalated → P3
        conv(4, 10), // nothing → not in the queue
        conv(5, 200), // breached 170 min ago → P1, later than #2
        conv(6, 20, { labels: ['escalated'] }), // legacy label → P3, created before #3 so listed first
        conv(7, 500, { status: 'resolved' }), // resolved → never
      ],
      { now, slaMinutes: 30 },
    );
    expect(queue.map((i) => [i.conversation.id, i.priority])).toEqual([
      [2, 'P1'],
      [5, 'P1'],
      [1, 'P2'],
      [6, 'P3'],
      [3, 'P3'],
    ]);
  });

  it('lists a conversation once even when paging returned it twice', () => {
    const queue = buildQueue([conv(2, 400), conv(2, 400)], { now, slaMinutes: 30 });
    expect(queue).toHaveLength(1);
  });

  it('adds flagged conversations (follow-up timers) after the prioritised ones', () => {
    const flag = { kind: 're_escalate_l2' as const, since: new Date(0), dueAt: new Date(0) };
    const queue = buildQueue([conv(4, 10), conv(2, 400), conv(8, 5, { status: 'resolved' })], {
      now,
      slaMinutes: 30,
      followUps: (c) => (c.id === 2 || c.id === 4 || c.id === 8 ? [flag] : []),
    });
    expect(queue.map((i) => [i.conversation.id, i.priority, i.flags.length])).toEqual([
      [2, 'P1', 1],
      [4, null, 1],
    ]);
  });

  it('follows the configured SLA minutes', () => {
    expect(buildQueue([conv(1, 40)], { now, slaMinutes: 60 })).toEqual([]);
  });
});
