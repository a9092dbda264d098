import { describe, expect, it } from 'vitest';
import { followUpFlags, type FollowUpFlagKind } from '../../../lib/sop/follow-up';
import type { SopMessage } from '../../../lib/sop/wire';

const START = Date.UTC(2026, 2, 10, 9, 0, 0);
const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const at = (offset: number) => new Date(START + offset);
/** A Chatwoot message created `offset` ms after START (created_at in epoch seconds). */
function msg(
  message_type: SopMessage['message_type'],
  offset: number,
  content = 'text',
  extra: Partial<SopMessage> = {},
): SopMessage {
  return {
    id: offset,
    content,
    message_type,
    private: false,
    created_at: (START + offset) / 1000,
    ...extra,
  };
}
const customer = (offset: number, extra: Partial<SopMessage> = {}) =>
  msg(0, offset, 'Thanks!', extra);
const agentReply = (offset: number) => msg(1, offset, 'On it.');
const note = (offset: number) => msg(1, offset, 'Lead: looking', { private: true });
const activity = (offset: number, content: string, extra: Partial<SopMessage> = {}) =>
  msg(2, offset, content, extra);

describe('re-escalate to L2: an approved reply with no customer message within 24 h', () => {
  type Row = [string, number, SopMessage[], boolean];
  // [case, now offset from the approved reply, messages, flagged]
  const cases: Row[] = [
    ['23 h 59 m after approval, no customer message: not yet', 24 * HOUR - MIN, [], false],
    ['exactly 24 h after approval, no customer message: flagged', 24 * HOUR, [], true],
    ['24 h + 1 s after approval: flagged', 24 * HOUR + SEC, [], true],
    ['the customer answered after 1 h: not flagged', 30 * HOUR, [customer(HOUR)], false],
    [
      'the customer answered late, after 26 h: not flagged any more',
      30 * HOUR,
      [customer(26 * HOUR)],
      false,
    ],
    ['a customer message before the approval does not count', 30 * HOUR, [customer(-HOUR)], true],
    [
      'a customer message in the same instant as the approval does not count',
      30 * HOUR,
      [customer(0)],
      true,
    ],
    ['an agent reply is not the customer', 30 * HOUR, [agentReply(HOUR)], true],
    ['a private note is not the customer', 30 * HOUR, [note(HOUR)], true],
    [
      'an activity message is not the customer',
      30 * HOUR,
      [activity(HOUR, 'Conversation was reopened')],
      true,
    ],
    [
      'a deleted customer message does not count',
      30 * HOUR,
      [customer(HOUR, { content_attributes: { deleted: true } })],
      true,
    ],
    [
      'an incoming private message does not count',
      30 * HOUR,
      [customer(HOUR, { private: true })],
      true,
    ],
    [
      'a customer message with no time cannot be placed',
      30 * HOUR,
      [customer(HOUR, { created_at: null })],
      true,
    ],
    ['message_type as a name', 30 * HOUR, [msg('incoming', HOUR)], false],
  ];
  it.each(cases)('%s', (_name, nowOffset, messages, flagged) => {
    const flags = followUpFlags({
      now: at(nowOffset),
      approvedAt: at(0),
      escalatedAt: null,
      messages,
    });
    expect(flags).toEqual(
      flagged ? [{ kind: 're_escalate_l2', since: at(0), dueAt: at(24 * HOUR) }] : [],
    );
  });

  it('has nothing to say without an approved reply', () => {
    expect(
      followUpFlags({ now: at(48 * HOUR), approvedAt: null, escalatedAt: null, messages: [] }),
    ).toEqual([]);
  });
});

describe('escalation unacknowledged: no reply, note, assignment or status change within 2 h', () => {
  type Row = [string, number, SopMessage[], boolean];
  const cases: Row[] = [
    ['1 h 59 m after escalating, nothing: not yet', 2 * HOUR - MIN, [], false],
    ['exactly 2 h after escalating, nothing: flagged', 2 * HOUR, [], true],
    ['2 h + 1 s after escalating: flagged', 2 * HOUR + SEC, [], true],
    [
      'an agent replied to the customer after 30 min: acknowledged',
      3 * HOUR,
      [agentReply(30 * MIN)],
      false,
    ],
    ['an agent replied late, after 2 h 30: acknowledged', 3 * HOUR, [agentReply(150 * MIN)], false],
    ['an agent reply before the escalation does not count', 3 * HOUR, [agentReply(-MIN)], true],
    ['a private note (no sender known) acknowledges it', 3 * HOUR, [note(30 * MIN)], false],
    ['a customer message is not an acknowledgement', 3 * HOUR, [customer(30 * MIN)], true],
    [
      'a status change (marked resolved) acknowledges it',
      3 * HOUR,
      [activity(30 * MIN, 'Conversation was marked resolved by Lea')],
      false,
    ],
    [
      'a status change (reopened) acknowledges it',
      3 * HOUR,
      [activity(30 * MIN, 'Conversation was reopened by Lea')],
      false,
    ],
    [
      'a status change (pending) acknowledges it',
      3 * HOUR,
      [activity(30 * MIN, 'Conversation was marked as pending by Lea')],
      false,
    ],
    [
      'a French status change acknowledges it',
      3 * HOUR,
      [activity(30 * MIN, 'La conversation a été marquée comme résolue par Léa')],
      false,
    ],
    [
      'a tagged status-change activity acknowledges it',
      3 * HOUR,
      [
        activity(30 * MIN, 'Statut modifié', {
          content_attributes: { activity: { type: 'conversation_status_changed' } },
        }),
      ],
      false,
    ],
    [
      'other activity (the escalation label) is not an acknowledgement',
      3 * HOUR,
      [activity(MIN, 'Lea added escalation')],
      true,
    ],
    [
      'a deleted agent reply is not an acknowledgement',
      3 * HOUR,
      [msg(1, 30 * MIN, 'oops', { content_attributes: { deleted: true } })],
      true,
    ],
  ];
  it.each(cases)('%s', (_name, nowOffset, messages, flagged) => {
    const flags = followUpFlags({
      now: at(nowOffset),
      approvedAt: null,
      escalatedAt: at(0),
      messages,
    });
    expect(flags).toEqual(
      flagged ? [{ kind: 'escalation_unacknowledged', since: at(0), dueAt: at(2 * HOUR) }] : [],
    );
  });
});

describe('acknowledged by someone other than the escalating agent (a lead)', () => {
  const agent = { id: 7, name: 'Agent Ana' };
  const lead = { id: 3, name: 'Lead Lea' };
  const noteBy = (offset: number, sender: { id?: number; name?: string }, text = 'On it') =>
    msg(1, offset, text, { private: true, sender });
  const escalationNote = noteBy(
    0,
    agent,
    'Escalated to a manager by ana@example.com.\nReason: Policy exception.',
  );
  type Row = [string, SopMessage[], boolean];
  const cases: Row[] = [
    ["the lead's private note", [escalationNote, noteBy(30 * MIN, lead)], false],
    [
      "the escalating agent's own second note is not",
      [escalationNote, noteBy(30 * MIN, agent)],
      true,
    ],
    [
      'a note by the same name without ids is the same agent',
      [escalationNote, noteBy(30 * MIN, { name: 'agent ana' })],
      true,
    ],
    ['the escalation note alone is not', [escalationNote], true],
    [
      'a second escalation note by someone else is not an answer either',
      [escalationNote, noteBy(30 * MIN, lead, 'Escalated to a manager by lea@example.com.')],
      true,
    ],
    [
      'the lead self-assigns',
      [activity(20 * MIN, 'Lead Lea self-assigned this conversation')],
      false,
    ],
    ['the lead assigns someone', [activity(20 * MIN, 'Assigned to Max by Lead Lea')], false],
    [
      'assigned through a team by the lead',
      [activity(20 * MIN, 'Assigned to Max via Billing by Lead Lea')],
      false,
    ],
    [
      'the escalating agent assigning it is not',
      [activity(20 * MIN, 'Assigned to Lead Lea by Agent Ana')],
      true,
    ],
    [
      'the escalating agent self-assigning is not',
      [activity(20 * MIN, 'Agent Ana self-assigned this conversation')],
      true,
    ],
    ['a French assignment by the lead', [activity(20 * MIN, 'Assigné à Max par Lead Léa')], false],
    [
      'the escalating agent replying to the customer still counts (a reply)',
      [msg(1, 20 * MIN, 'We are on it', { sender: agent })],
      false,
    ],
    [
      'a deleted note by the lead is not',
      [
        msg(1, 20 * MIN, 'x', {
          private: true,
          sender: lead,
          content_attributes: { deleted: true },
        }),
      ],
      true,
    ],
  ];
  it.each(cases)('%s', (_name, messages, flagged) => {
    const flags = followUpFlags({
      now: at(3 * HOUR),
      approvedAt: null,
      escalatedAt: at(-SEC),
      escalatedBy: agent,
      messages,
    });
    expect(flags.map((f) => f.kind)).toEqual(flagged ? ['escalation_unacknowledged'] : []);
  });
});

describe('both timers', () => {
  it('flags both, in the runbook order', () => {
    const flags = followUpFlags({
      now: at(30 * HOUR),
      approvedAt: at(0),
      escalatedAt: at(HOUR),
      messages: [activity(2 * HOUR, 'Lea added escalation')],
    });
    expect(flags.map((f) => f.kind)).toEqual<FollowUpFlagKind[]>([
      're_escalate_l2',
      'escalation_unacknowledged',
    ]);
  });

  it('accepts times as epoch seconds or ISO strings', () => {
    const flags = followUpFlags({
      now: at(30 * HOUR),
      approvedAt: START / 1000,
      escalatedAt: new Date(START).toISOString(),
      messages: [],
    });
    expect(flags.map((f) => f.since)).toEqual([at(0), at(0)]);
  });

  it('refuses an invalid now', () => {
    expect(() =>
      followUpFlags({
        now: new Date(Number.NaN),
        approvedAt: at(0),
        escalatedAt: null,
        messages: [],
      }),
    ).toThrow(RangeError);
  });
});
