import { describe, expect, it } from 'vitest';
import {
  ALERT_MEMORY_MS,
  EMPTY_ALERT_MEMORY,
  alertsToRaise,
  type AlertFacts,
  type AlertMemory,
} from '../../../lib/sop/alerts';

const T0 = new Date('2025-03-03T09:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const fact = (conversationId: number, over: Partial<AlertFacts> = {}): AlertFacts => ({
  conversationId,
  p1: false,
  flags: [],
  escalatedHere: false,
  ...over,
});

/** Runs the looks in order from an empty memory; returns what each look raised. */
function run(looks: { now: Date; facts: AlertFacts[] }[], start: AlertMemory = EMPTY_ALERT_MEMORY) {
  let memory = start;
  const raised: string[][] = [];
  for (const look of looks) {
    const out = alertsToRaise(memory, look.facts, look.now);
    memory = out.memory;
    raised.push(out.alerts.map((a) => `${a.cause}:${a.conversationId}`));
  }
  return { raised, memory };
}

describe('alertsToRaise', () => {
  it('the first look only records what is already true (no burst when switched on)', () => {
    const { raised, memory } = run([
      {
        now: T0,
        facts: [fact(1, { p1: true }), fact(2, { flags: ['escalation_unacknowledged'] })],
      },
    ]);
    expect(raised).toEqual([[]]);
    expect(memory.since).toBe(T0.getTime());
    expect(Object.keys(memory.raised).sort()).toEqual(['escalation_unacknowledged:2', 'p1:1']);
  });

  it.each([
    ['a new P1', { p1: true }, 'p1:7'],
    [
      'an escalation unacknowledged 2 h',
      { flags: ['escalation_unacknowledged'] },
      'escalation_unacknowledged:7',
    ],
    ['an approved reply unanswered 24 h', { flags: ['re_escalate_l2'] }, 're_escalate_l2:7'],
  ] as const)('raises %s once, after the first look', (_name, over, key) => {
    const { raised } = run([
      { now: at(0), facts: [fact(7)] },
      { now: at(1), facts: [fact(7, over as Partial<AlertFacts>)] },
      { now: at(2), facts: [fact(7, over as Partial<AlertFacts>)] },
      { now: at(30), facts: [fact(7, over as Partial<AlertFacts>)] },
    ]);
    expect(raised).toEqual([[], [key], [], []]);
  });

  it('raises each cause of one conversation on its own, each once', () => {
    const { raised } = run([
      { now: at(0), facts: [] },
      { now: at(1), facts: [fact(3, { p1: true })] },
      { now: at(2), facts: [fact(3, { p1: true, flags: ['escalation_unacknowledged'] })] },
      {
        now: at(3),
        facts: [fact(3, { p1: true, flags: ['escalation_unacknowledged', 're_escalate_l2'] })],
      },
      {
        now: at(4),
        facts: [fact(3, { p1: true, flags: ['escalation_unacknowledged', 're_escalate_l2'] })],
      },
    ]);
    expect(raised).toEqual([
      [],
      ['p1:3'],
      ['escalation_unacknowledged:3'],
      ['re_escalate_l2:3'],
      [],
    ]);
  });

  it('a conversation leaving and re-entering P1 is not announced again (within the memory)', () => {
    const { raised } = run([
      { now: at(0), facts: [] },
      { now: at(1), facts: [fact(5, { p1: true })] },
      { now: at(20), facts: [fact(5)] }, // answered: P3
      { now: at(60), facts: [] }, // resolved: left the queue
      { now: at(120), facts: [fact(5, { p1: true })] }, // reopened and breached again
    ]);
    expect(raised).toEqual([[], ['p1:5'], [], [], []]);
  });

  it('a cause gone for longer than the memory is forgotten: it alerts again', () => {
    const days = (n: number) => at(n * 1440);
    const { raised, memory } = run([
      { now: days(0), facts: [] },
      { now: days(0.001), facts: [fact(5, { p1: true })] },
      { now: days(1), facts: [] },
      { now: days(15), facts: [] }, // pruned here
      { now: days(16), facts: [fact(5, { p1: true })] },
    ]);
    expect(raised).toEqual([[], ['p1:5'], [], [], ['p1:5']]);
    expect(Object.keys(memory.raised)).toEqual(['p1:5']);
  });

  it('a cause still true is never forgotten, however long it lasts', () => {
    const long = at(ALERT_MEMORY_MS / 60_000 + 10);
    const { raised } = run([
      { now: at(0), facts: [] },
      { now: at(1), facts: [fact(9, { p1: true })] },
      { now: long, facts: [fact(9, { p1: true })] },
    ]);
    expect(raised).toEqual([[], ['p1:9'], []]);
  });

  it('one look with the same conversation twice (or a flag listed twice) raises once', () => {
    const { raised } = run([
      { now: at(0), facts: [] },
      {
        now: at(1),
        facts: [
          fact(4, { p1: true, flags: ['re_escalate_l2', 're_escalate_l2'] }),
          fact(4, { p1: true }),
        ],
      },
    ]);
    expect(raised).toEqual([[], ['p1:4', 're_escalate_l2:4']]);
  });

  it('many conversations: each new one raised, the known ones not', () => {
    const { raised } = run([
      { now: at(0), facts: [fact(1, { p1: true }), fact(2)] },
      { now: at(1), facts: [fact(1, { p1: true }), fact(2, { p1: true }), fact(3, { p1: true })] },
    ]);
    expect(raised).toEqual([[], ['p1:2', 'p1:3']]);
  });

  it('says whether the escalation was made from this browser (who posts to Slack)', () => {
    let memory = alertsToRaise(EMPTY_ALERT_MEMORY, [], at(0)).memory;
    const out = alertsToRaise(
      memory,
      [
        fact(1, { flags: ['escalation_unacknowledged'], escalatedHere: true }),
        fact(2, { flags: ['escalation_unacknowledged'] }),
      ],
      at(1),
    );
    memory = out.memory;
    expect(out.alerts).toEqual([
      { cause: 'escalation_unacknowledged', conversationId: 1, escalatedHere: true },
      { cause: 'escalation_unacknowledged', conversationId: 2, escalatedHere: false },
    ]);
  });

  it('does not change the memory it was given', () => {
    const memory: AlertMemory = { since: 1, raised: { 'p1:1': 1 } };
    const copy = structuredClone(memory);
    alertsToRaise(memory, [fact(2, { p1: true })], at(0));
    expect(memory).toEqual(copy);
  });
});
