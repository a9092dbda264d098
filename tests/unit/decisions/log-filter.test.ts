import { describe, expect, it } from 'vitest';
import {
  EMPTY_LOG_FILTER,
  localDayStart,
  toDateInputValue,
  toDecisionFilter,
  withoutActions,
  type LogFilterForm,
} from '../../../lib/decisions/log-filter';

const form = (patch: Partial<LogFilterForm>): LogFilterForm => ({ ...EMPTY_LOG_FILTER, ...patch });

/** Local midnight, built independently of the code under test. */
const midnight = (y: number, m: number, d: number) => new Date(y, m - 1, d, 0, 0, 0, 0);

describe('localDayStart', () => {
  it.each([
    ['a plain day', '2026-11-27', 0, midnight(2026, 11, 27)],
    ['the next day', '2026-11-27', 1, midnight(2026, 11, 28)],
    ['across a month end', '2026-11-30', 1, midnight(2026, 12, 1)],
    ['across a year end', '2026-12-31', 1, midnight(2027, 1, 1)],
    ['a leap day', '2028-02-29', 0, midnight(2028, 2, 29)],
    ['the day after the spring DST change (Europe)', '2026-03-29', 1, midnight(2026, 3, 30)],
  ])('%s', (_name, ymd, add, want) => {
    expect(localDayStart(ymd, add)?.getTime()).toBe(want.getTime());
  });

  it('keeps two-digit years as written', () => {
    const d = localDayStart('0050-06-01');
    expect(d?.getFullYear()).toBe(50);
    expect(d?.getMonth()).toBe(5);
    expect(d?.getDate()).toBe(1);
    expect(d?.getHours()).toBe(0);
  });

  it.each(['', '2026-02-31', '2026-13-01', '2027-02-29', '27/11/2026', '2026-11-27T00:00'])(
    'rejects %j',
    (s) => {
      expect(localDayStart(s)).toBeNull();
    },
  );
});

describe('toDateInputValue', () => {
  it('gives the local calendar day, round-tripping through localDayStart', () => {
    expect(toDateInputValue(midnight(2026, 1, 5))).toBe('2026-01-05');
    expect(toDateInputValue(new Date(2026, 10, 27, 23, 59))).toBe('2026-11-27');
    expect(localDayStart(toDateInputValue(new Date(2026, 6, 4, 12)))?.getTime()).toBe(
      midnight(2026, 7, 4).getTime(),
    );
  });
});

describe('toDecisionFilter', () => {
  it('is empty for empty fields', () => {
    expect(toDecisionFilter(EMPTY_LOG_FILTER)).toEqual({});
  });

  it('makes the To day inclusive: the range ends at the next local midnight', () => {
    expect(toDecisionFilter(form({ from: '2026-11-01', to: '2026-11-27' }))).toEqual({
      from: midnight(2026, 11, 1),
      to: midnight(2026, 11, 28),
    });
  });

  it('maps the choices to one-element lists and the operator to an exact match', () => {
    expect(
      toDecisionFilter(
        form({ action: 'chatwoot.escalate', syncState: 'failed', operator: 'Ana@Example.com' }),
      ),
    ).toEqual({
      actions: ['chatwoot.escalate'],
      syncStates: ['failed'],
      operatorEmail: 'Ana@Example.com',
    });
  });

  it.each([
    ['1234', 1234],
    ['#1234', 1234],
    ['  # 88 ', 88],
    ['0', undefined],
    ['12.5', undefined],
    ['abc', undefined],
    ['-3', undefined],
    ['99999999999999999', undefined],
  ])('conversation %j → %s', (typed, want) => {
    expect(toDecisionFilter(form({ conversation: typed })).conversationId).toBe(want);
  });

  it('trims the search text and drops it when blank', () => {
    expect(toDecisionFilter(form({ text: '  refund ' })).text).toBe('refund');
    expect(toDecisionFilter(form({ text: '   ' }))).toEqual({});
  });

  it('ignores values that are not an action or a state', () => {
    const bad = form({
      action: 'chatwoot.delete_all' as LogFilterForm['action'],
      syncState: 'lost' as LogFilterForm['syncState'],
    });
    expect(toDecisionFilter(bad)).toEqual({});
  });

  it('withoutActions keeps every other criterion', () => {
    const f = toDecisionFilter(
      form({ action: 'chatwoot.approve_send', text: 'colis', conversation: '7' }),
    );
    expect(withoutActions(f)).toEqual({ text: 'colis', conversationId: 7 });
  });
});
