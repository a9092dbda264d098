import { describe, expect, it } from 'vitest';
import { nextPriorityChangeAt, slaPriority, type SlaConversation } from '../../../lib/sop/sla';

// The default clock: the SLA minutes run from `waiting_since`, the customer's oldest message
// not yet answered (0 once an agent replied or the conversation was resolved).
const CREATED = Date.UTC(2026, 0, 15, 14, 2, 0);
const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const epoch = (ms: number) => Math.floor(ms / 1000);
const at = (offsetMs: number) => new Date(CREATED + offsetMs);

function conversation(overrides: Partial<SlaConversation> = {}): SlaConversation {
  return {
    status: 'open',
    labels: [],
    created_at: epoch(CREATED),
    first_reply_created_at: 0,
    waiting_since: epoch(CREATED),
    ...overrides,
  };
}

type P = 'P1' | 'P2' | 'P3' | null;
// [case, payload, now offset, priority, breachedAt offset or null]
const cases: Array<[string, Partial<SlaConversation>, number, P, number | null]> = [
  ['never answered: waiting since creation, breached at 30 min', {}, 31 * MIN, 'P2', 30 * MIN],
  ['never answered, 29 min: not yet', {}, 29 * MIN, null, null],
  [
    'sla feature on, no policy (sla_policy_id null, applied_sla {}): our clock, breached',
    { sla_policy_id: null, applied_sla: {}, sla_events: [] },
    31 * MIN,
    'P2',
    30 * MIN,
  ],
  [
    'a policy applies (sla_policy_id set): the Chatwoot SLA decides, not our clock',
    { sla_policy_id: 3, applied_sla: {}, sla_events: [] },
    3 * HOUR,
    null,
    null,
  ],
  ['never answered for 3 days is P1', {}, 3 * DAY, 'P1', 30 * MIN],
  [
    'answered within 5 minutes, two days old: not breached, no priority',
    { first_reply_created_at: epoch(CREATED + 5 * MIN), waiting_since: 0 },
    2 * DAY,
    null,
    null,
  ],
  [
    'answered and escalated: P3, not P1',
    { first_reply_created_at: epoch(CREATED + 5 * MIN), waiting_since: 0, labels: ['escalation'] },
    2 * DAY,
    'P3',
    null,
  ],
  [
    'waiting_since null (a cache or a webhook) is nobody waiting too',
    { first_reply_created_at: epoch(CREATED + 5 * MIN), waiting_since: null },
    2 * DAY,
    null,
    null,
  ],
  [
    'the customer wrote again 10 min ago: a new clock, not breached',
    { first_reply_created_at: epoch(CREATED + 5 * MIN), waiting_since: epoch(CREATED + 2 * DAY) },
    2 * DAY + 10 * MIN,
    null,
    null,
  ],
  [
    'the customer wrote again 40 min ago: breached 10 min ago, P2',
    { first_reply_created_at: epoch(CREATED + 5 * MIN), waiting_since: epoch(CREATED + 2 * DAY) },
    2 * DAY + 40 * MIN,
    'P2',
    2 * DAY + 30 * MIN,
  ],
  [
    'the new wait breached exactly 2 h ago: still P2',
    { first_reply_created_at: epoch(CREATED + 5 * MIN), waiting_since: epoch(CREATED + 2 * DAY) },
    2 * DAY + 30 * MIN + 2 * HOUR,
    'P2',
    2 * DAY + 30 * MIN,
  ],
  [
    'the new wait breached 2 h + 1 s ago: P1',
    { first_reply_created_at: epoch(CREATED + 5 * MIN), waiting_since: epoch(CREATED + 2 * DAY) },
    2 * DAY + 30 * MIN + 2 * HOUR + SEC,
    'P1',
    2 * DAY + 30 * MIN,
  ],
  [
    'waiting_since as an ISO string',
    { waiting_since: new Date(CREATED + HOUR).toISOString() },
    HOUR + 31 * MIN,
    'P2',
    HOUR + 30 * MIN,
  ],
  [
    'waiting since the future (clock skew): not breached',
    { waiting_since: epoch(CREATED + HOUR) },
    50 * MIN,
    null,
    null,
  ],
  [
    'no waiting_since field at all: the creation clock decides',
    { waiting_since: undefined },
    3 * HOUR,
    'P1',
    30 * MIN,
  ],
  ['pending counts like open', { status: 'pending' }, 45 * MIN, 'P2', 30 * MIN],
  ['snoozed has no priority', { status: 'snoozed' }, 3 * DAY, null, null],
  ['resolved has no priority', { status: 'resolved', waiting_since: 0 }, 3 * DAY, null, null],
];

describe('SOP-CX-001 on the waiting clock (the default)', () => {
  it.each(cases)('%s', (_name, overrides, nowOffset, priority, breachedOffset) => {
    const result = slaPriority(conversation(overrides), { now: at(nowOffset), slaMinutes: 30 });
    expect(result.priority).toBe(priority);
    expect(result.breachedAt).toEqual(breachedOffset === null ? null : at(breachedOffset));
    expect(result.breachedForMs).toBe(breachedOffset === null ? null : nowOffset - breachedOffset);
    // The same case with the clock spelled out gives the same answer.
    const explicit = slaPriority(conversation(overrides), {
      now: at(nowOffset),
      slaMinutes: 30,
      clock: 'waiting',
    });
    expect(explicit).toEqual(result);
  });

  it('the same answered conversation is P1 on the runbook clock', () => {
    const answered = conversation({
      first_reply_created_at: epoch(CREATED + 5 * MIN),
      waiting_since: 0,
    });
    const now = at(2 * DAY);
    expect(slaPriority(answered, { now, clock: 'created' }).priority).toBe('P1');
    expect(slaPriority(answered, { now }).priority).toBeNull();
  });

  it('names the waiting clock: "SLA clock: customer waiting since …"', () => {
    const result = slaPriority(conversation({ waiting_since: epoch(CREATED + HOUR) }), {
      now: at(HOUR + 10 * MIN),
    });
    expect(result.clock).toEqual({
      source: 'runbook',
      kind: 'waiting',
      startedAt: at(HOUR),
      deadline: at(HOUR + 30 * MIN),
    });
  });

  it('nobody waiting: no clock running', () => {
    const result = slaPriority(conversation({ waiting_since: 0 }), { now: at(DAY) });
    expect(result.clock).toBeNull();
  });

  it("Chatwoot's applied SLA still comes first", () => {
    const applied = conversation({
      waiting_since: 0,
      first_reply_created_at: epoch(CREATED + 5 * HOUR),
      applied_sla: { sla_status: 'missed', sla_first_response_time_threshold: 4 * 3600 },
    });
    const result = slaPriority(applied, { now: at(5 * HOUR + 10 * MIN) });
    expect(result.priority).toBe('P2');
    expect(result.clock?.source).toBe('chatwoot_sla');
    expect(result.breachedAt).toEqual(at(4 * HOUR));
  });

  it('rejects an unknown clock', () => {
    expect(() =>
      slaPriority(conversation(), { now: at(0), clock: 'updated' as unknown as 'waiting' }),
    ).toThrow(RangeError);
  });
});

describe('nextPriorityChangeAt on the waiting clock', () => {
  it.each([
    ['waiting 10 min: at the deadline', { waiting_since: epoch(CREATED) }, 10 * MIN, 30 * MIN],
    ['breached: 2 h after the breach', { waiting_since: epoch(CREATED) }, 40 * MIN, 150 * MIN],
    ['nobody waiting: never', { waiting_since: 0 }, 10 * MIN, null],
  ] as const)('%s', (_name, overrides, nowOffset, expected) => {
    const change = nextPriorityChangeAt(conversation(overrides), { now: at(nowOffset) });
    expect(change).toEqual(expected === null ? null : at(expected));
  });
});
