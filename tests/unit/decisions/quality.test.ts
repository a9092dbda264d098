import { describe, expect, it } from 'vitest';
import { countQuality, qualityRows } from '../../../lib/decisions/quality';
import type { DecisionRecord } from '../../../lib/decisions/record';

type R = Parameters<typeof countQuality>[1] extends Iterable<infer T> ? T : never;
const r = (p: Partial<R>): R => ({
  action: 'chatwoot.approve_send',
  suggestedTemplate: 'ack_delay',
  edited: false,
  replySource: 'template',
  operatorEmail: 'dana@acme.test',
  mock: false,
  syncState: 'sent',
  ...p,
});

describe('suggestion quality: acceptance = (as is + edited) ÷ shown', () => {
  const log: R[] = [
    r({}),
    r({ edited: true }),
    r({ replySource: 'ai', edited: true }),
    r({ action: 'chatwoot.escalate', edited: false, replySource: null }),
    r({ suggestedTemplate: 'refund_offer', operatorEmail: 'lee@acme.test' }),
    r({
      suggestedTemplate: 'refund_offer',
      operatorEmail: 'lee@acme.test',
      action: 'chatwoot.escalate',
    }),
    // not counted:
    r({ mock: true }),
    r({ syncState: 'cancelled' }),
    r({ suggestedTemplate: null, action: 'chatwoot.escalate' }),
    r({ action: 'chatwoot.mark_resolved' }),
  ];

  it('per template', () => {
    expect(qualityRows(countQuality(new Map(), log, 'template'))).toEqual([
      { key: 'ack_delay', shown: 4, asIs: 1, edited: 1, ai: 1, escalated: 1, acceptance: 0.5 },
      { key: 'refund_offer', shown: 2, asIs: 1, edited: 0, ai: 0, escalated: 1, acceptance: 0.5 },
    ]);
  });

  it('per operator, counted in chunks as the log walks them', () => {
    const totals = new Map();
    countQuality(totals, log.slice(0, 3), 'operator');
    countQuality(totals, log.slice(3), 'operator');
    const rows = qualityRows(totals);
    expect(rows.map((x) => [x.key, x.shown, x.acceptance])).toEqual([
      ['dana@acme.test', 4, 0.5],
      ['lee@acme.test', 2, 0.5],
    ]);
  });

  it('nothing shown: no rows', () => {
    expect(qualityRows(countQuality(new Map(), [] as DecisionRecord[], 'template'))).toEqual([]);
  });
});
