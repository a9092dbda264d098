import { describe, expect, it } from 'vitest';
import {
  encodeTeamRecord,
  parseTeamRecords,
  teamKey,
  TEAM_TEXT_MAX,
  type TeamRecordProblem,
} from '../../../lib/decisions/team-record';
import type { DecisionRecord } from '../../../lib/decisions/record';

const ID = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
const NOW = new Date('2026-03-02T10:00:00.000Z');
const ORIGIN = 'https://chat.example.com';

const approval: DecisionRecord = {
  id: ID,
  action: 'chatwoot.approve_send',
  scope: 'ops',
  accountId: 1,
  conversationId: 42,
  chatwootOrigin: ORIGIN,
  operatorEmail: 'agent@example.com',
  operatorId: 7,
  profileId: 'p-agent',
  replyBody: 'Hello Ana, your parcel left today.',
  suggestedTemplate: 'ship_update',
  suggestedBody: 'Hello {{name}}, your parcel left.',
  edited: true,
  replySource: 'template',
  note: null,
  escalationReason: null,
  createdAt: new Date('2026-03-01T09:00:00.000Z'),
  updatedAt: new Date('2026-03-01T09:00:01.000Z'),
  syncState: 'sent',
  error: null,
  attempts: 1,
  mock: false,
};

const held = (attrs: Record<string, unknown>, conversationId = 42) =>
  parseTeamRecords({ accountId: 1, conversationId, customAttributes: attrs }, ORIGIN, NOW);

describe('team record: written, then read back', () => {
  it('round-trips every field the log shows', () => {
    const [key, value] = encodeTeamRecord(approval, 555);
    expect(key).toBe(`cxd_${ID}`);
    const { records, bad } = held({ [key]: value, order_id: '123' });
    expect(bad).toEqual([]);
    expect(records).toHaveLength(1);
    const r = records[0]!;
    expect(r).toMatchObject({
      id: ID,
      action: 'chatwoot.approve_send',
      accountId: 1,
      conversationId: 42,
      chatwootOrigin: ORIGIN,
      operatorEmail: 'agent@example.com',
      operatorId: 7,
      profileId: 'p-agent',
      suggestedTemplate: 'ship_update',
      edited: true,
      replyBody: approval.replyBody,
      suggestedBody: approval.suggestedBody,
      replySource: 'template',
      syncState: 'sent',
      postedMessageId: 555,
      source: 'team',
      mock: false,
    });
    expect(r.createdAt.toISOString()).toBe('2026-03-01T09:00:00.000Z');
    expect(r.updatedAt).toEqual(NOW);
  });

  it('an escalation keeps its reasons and note', () => {
    const esc: DecisionRecord = {
      ...approval,
      action: 'chatwoot.escalate',
      replyBody: null,
      suggestedBody: null,
      suggestedTemplate: null,
      edited: false,
      replySource: null,
      escalationReason: 'refund_over_500',
      extraReasons: ['legal_fraud'],
      note: 'Customer wants 900 back',
    };
    const [key, value] = encodeTeamRecord(esc, null);
    const r = held({ [key]: value }).records[0]!;
    expect(r.escalationReason).toBe('refund_over_500');
    expect(r.extraReasons).toEqual(['legal_fraud']);
    expect(r.note).toBe('Customer wants 900 back');
    expect(r.edited).toBe(false);
    expect(r.replySource).toBeNull();
  });

  it('long texts are cut and marked', () => {
    const long = { ...approval, replyBody: 'x'.repeat(5_000) };
    const [, value] = encodeTeamRecord(long, null);
    const json = JSON.parse(value) as { b: string; cut?: number };
    expect(json.b).toHaveLength(TEAM_TEXT_MAX);
    expect(json.cut).toBe(1);
    expect(value.length).toBeLessThan(2_000);
  });
});

describe('team record: bad input is counted and named, never thrown', () => {
  const good = JSON.parse(encodeTeamRecord(approval, 1)[1]) as Record<string, unknown>;
  const J = (v: unknown) => JSON.stringify(v);
  const cases: Array<[string, unknown, TeamRecordProblem | 'ok']> = [
    ['newer version with unknown fields', J({ ...good, v: 9, future: { x: 1 } }), 'ok'],
    [
      'older record without version or conversation',
      J({ ...good, v: undefined, c: undefined }),
      'ok',
    ],
    ['full action name (hand-edited)', J({ ...good, a: 'chatwoot.mark_resolved' }), 'ok'],
    ['value stored as an object, not a string', { ...good }, 'ok'],
    ['truncated JSON', J(good).slice(0, 40), 'unreadable'],
    ['plain words', 'approved by Sam', 'unreadable'],
    ['a number', 12, 'not_a_record'],
    ['a JSON list', '[1,2]', 'not_a_record'],
    ['no time', J({ ...good, t: undefined }), 'missing_field'],
    ['a time that is no date', J({ ...good, t: 'yesterday' }), 'missing_field'],
    ['no operator', J({ ...good, op: undefined }), 'missing_field'],
    ['unknown action', J({ ...good, a: 'refund' }), 'unknown_action'],
    [
      'key and id disagree',
      J({ ...good, id: '0190a1b2-c3d4-7e5f-8a9b-000000000000' }),
      'id_mismatch',
    ],
    ['names another conversation', J({ ...good, c: 99 }), 'other_conversation'],
  ];
  for (const [name, stored, expected] of cases) {
    it(name, () => {
      const { records, bad } = held({ [teamKey(ID)]: stored });
      if (expected === 'ok') {
        expect(bad).toEqual([]);
        expect(records.map((r) => r.id)).toEqual([ID]);
      } else {
        expect(records).toEqual([]);
        expect(bad).toEqual([
          { accountId: 1, conversationId: 42, key: teamKey(ID), problem: expected },
        ]);
      }
    });
  }

  it('an unknown reason reads as "other"; keys of other integrations are not ours', () => {
    const esc = { ...good, a: 'escalate', r: 'angry_ceo', xr: ['legal_fraud', 'nope'] };
    const { records, bad } = held({
      [teamKey(ID)]: JSON.stringify(esc),
      order_id: '{not json',
      cxd: 'x',
    });
    expect(bad).toEqual([]);
    expect(records[0]!.escalationReason).toBe('other');
    expect(records[0]!.extraReasons).toEqual(['legal_fraud', 'other']);
  });

  it('no attributes, null, or many records in one conversation', () => {
    expect(
      parseTeamRecords({ accountId: 1, conversationId: 1, customAttributes: null }, ORIGIN, NOW),
    ).toEqual({ records: [], bad: [] });
    const many: Record<string, string> = {};
    for (let i = 0; i < 30; i++) {
      const id = `0190a1b2-c3d4-7e5f-8a9b-${String(i).padStart(12, '0')}`;
      many[teamKey(id)] = encodeTeamRecord({ ...approval, id }, null)[1];
    }
    many[teamKey('broken')] = '{"v":1,';
    const { records, bad } = held(many);
    expect(records).toHaveLength(30);
    expect(bad.map((b) => b.problem)).toEqual(['unreadable']);
  });
});
