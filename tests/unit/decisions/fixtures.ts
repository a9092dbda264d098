import type { DecisionRecord } from '../../../lib/decisions/record';

let counter = 0;

/** A valid decision with overridable fields; ids sort in creation order. */
export function makeDecision(overrides: Partial<DecisionRecord> = {}): DecisionRecord {
  counter += 1;
  const createdAt = overrides.createdAt ?? new Date(Date.UTC(2026, 10, 27, 9, 30, 0));
  return {
    id: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    action: 'chatwoot.approve_send',
    scope: 'ops',
    accountId: 7,
    conversationId: 1234,
    chatwootOrigin: 'https://app.chatwoot.com',
    operatorEmail: 'ana@example.com',
    replyBody: 'Hello, your parcel ships tomorrow.',
    suggestedTemplate: 'ship_update',
    suggestedBody: 'Hello, your parcel ships tomorrow.',
    edited: false,
    note: null,
    escalationReason: null,
    createdAt,
    updatedAt: createdAt,
    syncState: 'sent',
    error: null,
    attempts: 1,
    mock: false,
    ...overrides,
  };
}

/** mulberry32: a deterministic, well-spread sequence of integers below `n` (tests, bench). */
export function prng(seed: number): (n: number) => number {
  let s = seed | 0;
  return (n) => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4_294_967_296) * n);
  };
}
