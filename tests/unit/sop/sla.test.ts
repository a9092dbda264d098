import { describe, expect, it } from 'vitest';
import {
  isEscalated,
  nextPriorityChangeAt as nextChangeOnAnyClock,
  slaPriority as slaPriorityOnAnyClock,
  type SlaConversation,
  type SlaOptions,
} from '../../../lib/sop/sla';

// Every case in this file is the runbook's clock (`created`), as it was before the waiting
// clock became the default; the default's own cases are in sla-waiting.test.ts.
const slaPriority = (c: SlaConversation, o: SlaOptions) =>
  slaPriorityOnAnyClock(c, { clock: 'created', ...o });
const nextPriorityChangeAt = (c: SlaConversation, o: SlaOptions) =>
  nextChangeOnAnyClock(c, { clock: 'created', ...o });

// Conversation created at 14:02 UTC; times below are offsets from it.
const CREATED = Date.UTC(2026, 0, 15, 14, 2, 0);
const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const epoch = (ms: number) => Math.floor(ms / 1000);
const at = (offsetMs: number) => new Date(CREATED + offsetMs);

/** A raw Chatwoot conversation payload, as the API sends it (epoch seconds, 0 = none). */
function conversation(
  overrides: Partial<SlaConversation> & Record<string, unknown> = {},
): SlaConversation {
  return {
    id: 42,
    account_id: 1,
    status: 'open',
    labels: [],
    created_at: epoch(CREATED),
    first_reply_created_at: 0,
    waiting_since: epoch(CREATED),
    timestamp: epoch(CREATED),
    meta: { sender: { name: 'Jane' } },
    ...overrides,
  } as SlaConversation;
}

describe('SOP-CX-001 runbook clock (created_at + SLA minutes)', () => {
  // [case, now offset from creation, labels, slaMinutes, priority, breachedAt offset or null]
  const cases: Array<[string, number, string[], number, 'P1' | 'P2' | 'P3' | null, number | null]> =
    [
      ['just created, not breached, no priority', 1 * MIN, [], 30, null, null],
      ['one second before the 30 min deadline is not breached', 30 * MIN - SEC, [], 30, null, null],
      ['breached exactly now (deadline = now) is P2', 30 * MIN, [], 30, 'P2', 30 * MIN],
      ['breached 1 s ago is P2', 30 * MIN + SEC, [], 30, 'P2', 30 * MIN],
      ['breached 1 h ago is P2', 90 * MIN, [], 30, 'P2', 30 * MIN],
      ['breached exactly 2 h ago is P2', 30 * MIN + 2 * HOUR, [], 30, 'P2', 30 * MIN],
      ['breached 2 h + 1 s ago is P1', 30 * MIN + 2 * HOUR + SEC, [], 30, 'P1', 30 * MIN],
      ['breached 2 h + 1 ms ago is P1', 30 * MIN + 2 * HOUR + 1, [], 30, 'P1', 30 * MIN],
      ['breached 3 days ago is P1', 30 * MIN + 72 * HOUR, [], 30, 'P1', 30 * MIN],
      ['not breached but labelled escalation is P3', 10 * MIN, ['escalation'], 30, 'P3', null],
      ['not breached, legacy label escalated is P3', 10 * MIN, ['escalated'], 30, 'P3', null],
      ['label case does not matter (Escalation)', 10 * MIN, ['Escalation'], 30, 'P3', null],
      ['label with spaces around still counts', 10 * MIN, [' ESCALATED '], 30, 'P3', null],
      [
        'a label that merely contains the word is not an escalation',
        10 * MIN,
        ['no-escalation'],
        30,
        null,
        null,
      ],
      ['breached and escalated is P2, not P3', 31 * MIN, ['escalation'], 30, 'P2', 30 * MIN],
      ['breached long ago and escalated is P1', 5 * HOUR, ['escalation'], 30, 'P1', 30 * MIN],
      ['15 min SLA: breached at 15 min', 15 * MIN, [], 15, 'P2', 15 * MIN],
      ['15 min SLA: 14 min is not breached', 14 * MIN, [], 15, null, null],
      ['60 min SLA: 45 min is not breached', 45 * MIN, [], 60, null, null],
      [
        '60 min SLA: breached 2 h + 1 s after the hour is P1',
        3 * HOUR + SEC,
        [],
        60,
        'P1',
        60 * MIN,
      ],
      ['0 min SLA: breached at creation', 0, [], 0, 'P2', 0],
      ['fractional SLA minutes (1.5) counts seconds', 90 * SEC, [], 1.5, 'P2', 90 * SEC],
      ['created in the future (clock skew) is not breached', -5 * MIN, [], 30, null, null],
      ['created in the future and escalated is P3', -5 * MIN, ['escalation'], 30, 'P3', null],
    ];
  it.each(cases)('%s', (_name, nowOffset, labels, slaMinutes, priority, breachedOffset) => {
    const result = slaPriority(conversation({ labels }), { now: at(nowOffset), slaMinutes });
    expect(result.priority).toBe(priority);
    expect(result.breachedAt).toEqual(breachedOffset === null ? null : at(breachedOffset));
    expect(result.breached).toBe(breachedOffset !== null);
    expect(result.breachedForMs).toBe(breachedOffset === null ? null : nowOffset - breachedOffset);
  });

  it('defaults to a 30 minute SLA', () => {
    expect(slaPriority(conversation(), { now: at(29 * MIN) }).priority).toBeNull();
    expect(slaPriority(conversation(), { now: at(30 * MIN) }).priority).toBe('P2');
  });

  it('keeps counting from creation even after a reply (runbook Q&A)', () => {
    const replied = conversation({
      first_reply_created_at: epoch(CREATED + 5 * MIN),
      waiting_since: 0,
    });
    const result = slaPriority(replied, { now: at(3 * HOUR), slaMinutes: 30 });
    expect(result.priority).toBe('P1');
    expect(result.breachedAt).toEqual(at(30 * MIN));
  });

  it('names the clock: "SLA clock started at conversation creation, 14:02"', () => {
    const result = slaPriority(conversation(), { now: at(10 * MIN), slaMinutes: 30 });
    expect(result.clock).toEqual({
      source: 'runbook',
      kind: 'creation',
      startedAt: new Date(CREATED),
      deadline: at(30 * MIN),
    });
    expect(result.clock?.startedAt.toISOString()).toBe('2026-01-15T14:02:00.000Z');
  });
});

describe('SOP-CX-001 response targets', () => {
  it.each([
    ['P1 is immediate', 5 * HOUR, [], 'P1', 'immediate', 0],
    ['P2 is within 30 minutes', 45 * MIN, [], 'P2', 'respond_within_30_minutes', 30 * MIN],
    ['P3 is a review within 1 hour', 5 * MIN, ['escalation'], 'P3', 'review_within_1_hour', HOUR],
    ['no priority, no target', 5 * MIN, [], null, null, null],
  ] as const)('%s', (_name, nowOffset, labels, priority, target, within) => {
    const result = slaPriority(conversation({ labels: [...labels] }), { now: at(nowOffset) });
    expect(result.priority).toBe(priority);
    expect(result.target).toBe(target);
    expect(result.respondWithinMs).toBe(within);
  });
});

describe('SOP-CX-001 only open and pending conversations have a priority', () => {
  it.each([
    ['open', 'P1'],
    ['pending', 'P1'],
    ['OPEN', 'P1'],
    ['resolved', null],
    ['snoozed', null],
    ['', null],
    [undefined, null],
  ] as const)('status %j breached 5 h ago → %s', (status, priority) => {
    const result = slaPriority(conversation({ status }), { now: at(5 * HOUR) });
    expect(result.priority).toBe(priority);
    if (priority === null) {
      expect(result.breachedAt).toBeNull();
      expect(result.breachedForMs).toBeNull();
      expect(result.clock).toBeNull();
    }
  });

  it.each([['resolved'], ['snoozed']])('%s with the escalation label has no priority', (status) => {
    const result = slaPriority(conversation({ status, labels: ['escalation'] }), {
      now: at(5 * MIN),
    });
    expect(result.priority).toBeNull();
    expect(result.breachedAt).toBeNull();
    expect(result.escalated).toBe(true);
  });
});

describe('times arrive in any shape', () => {
  it.each([
    ['epoch seconds', epoch(CREATED)],
    ['a numeric string', String(epoch(CREATED))],
    ['a Date', new Date(CREATED)],
    ['an ISO string', new Date(CREATED).toISOString()],
    ['epoch milliseconds', CREATED],
  ])('created_at as %s', (_what, createdAt) => {
    const result = slaPriority(conversation({ created_at: createdAt }), { now: at(31 * MIN) });
    expect(result.breachedAt).toEqual(at(30 * MIN));
  });

  it.each([
    ['missing', undefined],
    ['null', null],
    ['0', 0],
    ['garbage', 'soon'],
  ])('created_at %s: no clock, not breached', (_what, createdAt) => {
    const result = slaPriority(
      conversation({ created_at: createdAt as never, labels: ['escalation'] }),
      {
        now: at(5 * HOUR),
      },
    );
    expect(result).toMatchObject({ priority: 'P3', breachedAt: null, clock: null });
  });

  it('rejects a negative or non-numeric SLA and an invalid now', () => {
    expect(() => slaPriority(conversation(), { now: at(0), slaMinutes: -1 })).toThrow(RangeError);
    expect(() => slaPriority(conversation(), { now: at(0), slaMinutes: Number.NaN })).toThrow(
      RangeError,
    );
    expect(() =>
      slaPriority(conversation(), { now: new Date(Number.NaN), slaMinutes: 30 }),
    ).toThrow(RangeError);
  });
});

describe("Chatwoot's own SLA (applied_sla) takes precedence (docs/CHATWOOT.md §5)", () => {
  const policy = {
    sla_status: 'active',
    sla_name: 'Gold',
    sla_first_response_time_threshold: 4 * 3600, // 4 h
    sla_next_response_time_threshold: 3600, // 1 h
    sla_resolution_time_threshold: 48 * 3600, // 48 h
  };
  type Row = [
    string,
    Record<string, unknown>,
    number,
    'P1' | 'P2' | 'P3' | null,
    number | null,
    string | null,
  ];
  // [case, payload overrides, now offset, priority, breachedAt offset, clock kind]
  const cases: Row[] = [
    [
      'Chatwoot says active although the runbook clock would breach: not breached',
      { applied_sla: policy },
      1 * HOUR,
      null,
      null,
      'frt',
    ],
    [
      'active Chatwoot SLA with the escalation label is P3',
      { applied_sla: policy, labels: ['escalation'] },
      1 * HOUR,
      'P3',
      null,
      'frt',
    ],
    [
      'FRT missed: no first reply at created + FRT, breached exactly now is P2',
      { applied_sla: policy },
      4 * HOUR,
      'P2',
      4 * HOUR,
      'frt',
    ],
    [
      'FRT missed more than 2 h ago is P1',
      { applied_sla: policy },
      6 * HOUR + SEC,
      'P1',
      4 * HOUR,
      'frt',
    ],
    [
      'FRT missed: the first reply came after the deadline',
      {
        applied_sla: policy,
        first_reply_created_at: epoch(CREATED + 5 * HOUR),
        waiting_since: 0,
      },
      5 * HOUR + 10 * MIN,
      'P2',
      4 * HOUR,
      'frt',
    ],
    [
      'FRT hit (replied in time), nobody waiting: not breached, RT still running',
      {
        applied_sla: policy,
        first_reply_created_at: epoch(CREATED + 10 * MIN),
        waiting_since: 0,
      },
      5 * HOUR,
      null,
      null,
      'rt',
    ],
    [
      'NRT missed: customer waiting 1 h after a first reply',
      {
        applied_sla: policy,
        first_reply_created_at: epoch(CREATED + 10 * MIN),
        waiting_since: epoch(CREATED + 2 * HOUR),
      },
      3 * HOUR + 5 * MIN,
      'P2',
      3 * HOUR,
      'nrt',
    ],
    [
      'NRT not yet due',
      {
        applied_sla: policy,
        first_reply_created_at: epoch(CREATED + 10 * MIN),
        waiting_since: epoch(CREATED + 2 * HOUR),
      },
      2 * HOUR + 30 * MIN,
      null,
      null,
      'nrt',
    ],
    [
      'NRT needs a first reply: waiting since creation is FRT territory',
      {
        applied_sla: { ...policy, sla_first_response_time_threshold: null },
        first_reply_created_at: 0,
        waiting_since: epoch(CREATED),
      },
      2 * HOUR,
      null,
      null,
      'rt',
    ],
    [
      'RT missed: unresolved past created + RT',
      {
        applied_sla: policy,
        first_reply_created_at: epoch(CREATED + 10 * MIN),
        waiting_since: 0,
      },
      48 * HOUR + 30 * MIN,
      'P2',
      48 * HOUR,
      'rt',
    ],
    [
      'Chatwoot missed earlier than the runbook clock: Chatwoot time wins',
      {
        applied_sla: { ...policy, sla_first_response_time_threshold: 10 * 60 },
      },
      20 * MIN,
      'P2',
      10 * MIN,
      'frt',
    ],
    [
      'the earliest missed deadline is breachedAt (FRT before RT)',
      {
        applied_sla: { ...policy, sla_resolution_time_threshold: 5 * 3600 },
      },
      8 * HOUR,
      'P1',
      4 * HOUR,
      'frt',
    ],
    [
      'a recorded sla_event gives the breach time',
      {
        applied_sla: { ...policy, sla_status: 'active_with_misses' },
        sla_events: [{ event_type: 'frt', created_at: epoch(CREATED + 4 * HOUR + 3 * MIN) }],
      },
      5 * HOUR,
      'P2',
      4 * HOUR + 3 * MIN,
      'frt',
    ],
    [
      'an old NRT miss keeps the conversation breached after the agent replied',
      {
        applied_sla: { ...policy, sla_status: 'active_with_misses' },
        first_reply_created_at: epoch(CREATED + 10 * MIN),
        waiting_since: 0,
        sla_events: [{ event_type: 'nrt', created_at: epoch(CREATED + HOUR) }],
      },
      4 * HOUR,
      'P1',
      HOUR,
      'nrt',
    ],
    [
      'missed status with events but no thresholds is breached',
      {
        applied_sla: { sla_status: 'missed', sla_name: 'Gold' },
        sla_events: [{ event_type: 'rt', created_at: String(epoch(CREATED + 30 * MIN)) }],
      },
      HOUR,
      'P2',
      30 * MIN,
      'rt',
    ],
    [
      'an event from the future (clock skew) counts as now',
      {
        applied_sla: { sla_status: 'active_with_misses' },
        sla_events: [{ event_type: 'frt', created_at: epoch(CREATED + 2 * HOUR) }],
      },
      HOUR,
      'P2',
      HOUR,
      'frt',
    ],
    [
      'missed status with nothing else: breach counted from creation (errs towards urgency)',
      { applied_sla: { sla_status: 'missed' } },
      3 * HOUR,
      'P1',
      0,
      'frt',
    ],
    [
      'Chatwoot due times (business hours) win over start + threshold',
      {
        applied_sla: { ...policy, sla_frt_due_at: epoch(CREATED + 20 * HOUR) },
      },
      6 * HOUR,
      null,
      null,
      'frt',
    ],
    [
      'thresholds as strings (seconds)',
      {
        applied_sla: { ...policy, sla_first_response_time_threshold: '600.0' },
      },
      11 * MIN,
      'P2',
      10 * MIN,
      'frt',
    ],
    [
      'Chatwoot says active with no thresholds: not breached, the runbook clock is not used',
      { applied_sla: { sla_status: 'active', sla_name: 'Gold' } },
      3 * HOUR,
      null,
      null,
      null,
    ],
    [
      'an empty applied_sla is still a Chatwoot SLA: not breached',
      { applied_sla: {} },
      3 * HOUR,
      null,
      null,
      null,
    ],
    [
      'applied_sla null falls back to the runbook clock',
      { applied_sla: null, sla_events: [] },
      31 * MIN,
      'P2',
      30 * MIN,
      'creation',
    ],
    [
      'unknown event types are ignored',
      { applied_sla: policy, sla_events: [{ event_type: 'csat', created_at: epoch(CREATED) }] },
      HOUR,
      null,
      null,
      'frt',
    ],
    [
      'resolved with a Chatwoot miss still has no priority',
      { status: 'resolved', applied_sla: { ...policy, sla_status: 'missed' } },
      10 * HOUR,
      null,
      null,
      null,
    ],
  ];
  it.each(cases)('%s', (_name, overrides, nowOffset, priority, breachedOffset, kind) => {
    const result = slaPriority(conversation(overrides), { now: at(nowOffset), slaMinutes: 30 });
    expect(result.priority).toBe(priority);
    expect(result.breachedAt).toEqual(breachedOffset === null ? null : at(breachedOffset));
    expect(result.clock?.kind ?? null).toBe(kind);
    if (kind !== null && kind !== 'creation') expect(result.clock?.source).toBe('chatwoot_sla');
  });

  it('names the Chatwoot clock and its policy', () => {
    const result = slaPriority(conversation({ applied_sla: policy }), {
      now: at(HOUR),
      slaMinutes: 30,
    });
    expect(result.clock).toEqual({
      source: 'chatwoot_sla',
      kind: 'frt',
      startedAt: new Date(CREATED),
      deadline: at(4 * HOUR),
      slaName: 'Gold',
    });
  });

  it('NRT clock starts when the customer started waiting', () => {
    const result = slaPriority(
      conversation({
        applied_sla: policy,
        first_reply_created_at: epoch(CREATED + 10 * MIN),
        waiting_since: epoch(CREATED + 2 * HOUR),
      }),
      { now: at(4 * HOUR), slaMinutes: 30 },
    );
    expect(result.clock).toMatchObject({
      kind: 'nrt',
      startedAt: at(2 * HOUR),
      deadline: at(3 * HOUR),
    });
  });
});

describe('nextPriorityChangeAt: when time alone changes the priority', () => {
  it.each([
    ['not breached: at the deadline', {}, 10 * MIN, 30 * MIN],
    ['escalated P3: at the deadline (becomes P2)', { labels: ['escalation'] }, 10 * MIN, 30 * MIN],
    ['just breached: 2 h after the breach (becomes P1)', {}, 31 * MIN, 30 * MIN + 2 * HOUR],
    ['breached exactly 2 h ago: the boundary is now', {}, 30 * MIN + 2 * HOUR, 30 * MIN + 2 * HOUR],
    ['already P1: never', {}, 30 * MIN + 2 * HOUR + SEC, null],
    ['resolved: never', { status: 'resolved' }, 10 * MIN, null],
    ['created in the future: at its deadline', {}, -10 * MIN, 30 * MIN],
    ['no created_at: never', { created_at: 0 }, 10 * MIN, null],
    [
      'Chatwoot SLA running: the earliest upcoming deadline',
      { applied_sla: { sla_status: 'active', sla_first_response_time_threshold: 3600 } },
      10 * MIN,
      HOUR,
    ],
    [
      'Chatwoot SLA hit and nothing running: never',
      {
        applied_sla: { sla_status: 'active', sla_first_response_time_threshold: 3600 },
        first_reply_created_at: epoch(CREATED + 10 * MIN),
        waiting_since: 0,
      },
      2 * HOUR,
      null,
    ],
  ] as const)('%s', (_name, overrides, nowOffset, expected) => {
    const change = nextPriorityChangeAt(
      conversation({ ...overrides } as Partial<SlaConversation>),
      {
        now: at(nowOffset),
        slaMinutes: 30,
      },
    );
    expect(change).toEqual(expected === null ? null : at(expected));
  });

  it('agrees with slaPriority on both sides of the change', () => {
    const c = conversation();
    for (const nowOffset of [0, 29 * MIN, 31 * MIN, 2 * HOUR]) {
      const now = at(nowOffset);
      const change = nextPriorityChangeAt(c, { now, slaMinutes: 30 });
      if (change === null) continue;
      const before = slaPriority(c, { now, slaMinutes: 30 }).priority;
      const after = slaPriority(c, {
        now: new Date(change.getTime() + 1),
        slaMinutes: 30,
      }).priority;
      expect(after).not.toBe(before);
    }
  });
});

describe('isEscalated', () => {
  it.each([
    [['escalation'], true],
    [['billing', 'escalated'], true],
    [['ESCALATION'], true],
    [['escalations'], false],
    [['vip'], false],
    [[], false],
    [null, false],
    [undefined, false],
  ] as const)('%j → %s', (labels, expected) => {
    expect(isEscalated(labels)).toBe(expected);
  });
});
