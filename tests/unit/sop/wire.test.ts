import { describe, expect, it } from 'vitest';
import { foldText, originalSlice, rx, scan } from '../../../lib/sop/suggest/text';
import {
  chronological,
  isAgentReply,
  isCustomerMessage,
  isDeleted,
  messageKind,
  toDate,
  type SopMessage,
} from '../../../lib/sop/wire';

const SECONDS = 1_767_225_600; // 2026-01-01T00:00:00Z
const DATE = new Date(SECONDS * 1000);

describe('toDate: Chatwoot times in any shape (docs/CHATWOOT.md §3)', () => {
  it.each([
    ['epoch seconds', SECONDS, DATE],
    ['float epoch seconds (updated_at)', SECONDS + 0.5, new Date(SECONDS * 1000 + 500)],
    ['a numeric string', String(SECONDS), DATE],
    ['epoch milliseconds', SECONDS * 1000, DATE],
    ['an ISO string', '2026-01-01T00:00:00Z', DATE],
    ['a Date', DATE, DATE],
    ['0 means none', 0, null],
    ['"0" means none', '0', null],
    ['null', null, null],
    ['undefined', undefined, null],
    ['empty string', '', null],
    ['garbage', 'soon', null],
    ['NaN', Number.NaN, null],
    ['an invalid Date', new Date(Number.NaN), null],
    ['negative', -5, null],
  ] as const)('%s', (_what, value, expected) => {
    expect(toDate(value)).toEqual(expected);
  });

  it('returns a copy of a Date, not the caller’s object', () => {
    const input = new Date(DATE);
    const output = toDate(input);
    expect(output).not.toBe(input);
  });
});

describe('message kinds (docs/CHATWOOT.md §3: only incoming and not private is the customer)', () => {
  it.each([
    [0, 'incoming'],
    [1, 'outgoing'],
    [2, 'activity'],
    [3, 'template'],
    ['incoming', 'incoming'],
    ['Outgoing', 'outgoing'],
    ['2', 'activity'],
    [7, null],
    ['bogus', null],
  ] as const)('message_type %j is %s', (type, kind) => {
    expect(messageKind({ message_type: type })).toBe(kind);
  });

  it.each<[string, SopMessage, boolean, boolean]>([
    ['customer', { message_type: 0, private: false, content: 'hi' }, true, false],
    ['customer, private flag missing', { message_type: 0, content: 'hi' }, true, false],
    ['private incoming', { message_type: 0, private: true, content: 'hi' }, false, false],
    ['agent reply', { message_type: 1, private: false, content: 'hi' }, false, true],
    ['private note', { message_type: 1, private: true, content: 'hi' }, false, false],
    [
      'deleted customer message',
      { message_type: 0, content: 'x', content_attributes: { deleted: true } },
      false,
      false,
    ],
    [
      'deleted (as JSON string)',
      { message_type: 1, content: 'x', content_attributes: '{"deleted":true}' },
      false,
      false,
    ],
    [
      'malformed attributes string',
      { message_type: 1, content: 'x', content_attributes: '{oops' },
      false,
      true,
    ],
  ])('%s', (_what, message, isCustomer, isReply) => {
    expect(isCustomerMessage(message)).toBe(isCustomer);
    expect(isAgentReply(message)).toBe(isReply);
  });

  it('reads "deleted" given as a string', () => {
    expect(isDeleted({ message_type: 0, content_attributes: { deleted: 'true' } })).toBe(true);
  });

  it('orders messages by time, keeping ties and untimed lists as given', () => {
    const a = { id: 1, message_type: 0, created_at: SECONDS + 10 };
    const b = { id: 2, message_type: 0, created_at: SECONDS };
    const c = { id: 3, message_type: 0, created_at: SECONDS };
    expect(chronological([a, b, c]).map((m) => m.id)).toEqual([2, 3, 1]);
    const untimed = { id: 4, message_type: 0 };
    expect(chronological([a, untimed, b]).map((m) => m.id)).toEqual([1, 4, 2]);
  });
});

describe('folded text keeps the way back to the original words', () => {
  it('folds case, accents, apostrophes and spaces', () => {
    const folded = foldText('  Où   EST\u00a0mon  COLIS\u2019? Œuvre\n\nﬁn ');
    expect(folded.text).toBe("ou est mon colis'? oeuvre\nfin");
    expect(folded.map).toHaveLength(folded.text.length);
  });

  it('maps a match back to what the customer typed', () => {
    const folded = foldText('Je veux être REMBOURSÉE, merci');
    const start = folded.text.indexOf('rembourse');
    expect(originalSlice(folded, start, start + 'remboursee'.length)).toBe('REMBOURSÉE');
  });

  it('matches whole words only, Unicode-aware', () => {
    const ship = rx('ship');
    expect('relationship worship ship'.match(ship)).toEqual(['ship']);
    expect('ça ship'.match(ship)).toEqual(['ship']);
    expect('éship'.match(ship)).toBeNull();
  });

  it('refuses a pattern whose placeholder was never expanded', () => {
    expect(() => rx('wrong ${W}')).toThrow(/Unexpanded/);
  });

  it('blanks each match so later rules cannot reuse its words', () => {
    const hits = scan(foldText('a returning customer wants a return'), [
      { kind: 'mask', pattern: rx('returning customer') },
      { kind: 'refund', pattern: rx('return(?:ing)?') },
    ]);
    expect(hits.map((h) => h.kind)).toEqual(['mask', 'refund']);
    expect(hits[1]?.start).toBe('a returning customer wants a '.length);
  });

  it('skips a rule in a sentence its guard rejects', () => {
    const guarded = [
      { kind: 'mask' as const, pattern: rx('fast shipping'), unlessSentence: rx('but') },
    ];
    expect(scan(foldText('Fast shipping, thanks.'), guarded)).toHaveLength(1);
    expect(scan(foldText('Fast shipping but it broke.'), guarded)).toHaveLength(0);
  });
});
