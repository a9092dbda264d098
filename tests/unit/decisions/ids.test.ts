import { describe, expect, it } from 'vitest';
import { decisionIdAt, isTimeOrderedId } from '../../../lib/decisions/ids';

const ZERO = new Array<number>(10).fill(0);
const FF = new Array<number>(10).fill(0xff);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('decisionIdAt', () => {
  it.each([
    ['the epoch', new Date(0), ZERO, '00000000-0000-7000-8000-000000000000'],
    ['all random bits set', new Date(0), FF, '00000000-0000-7fff-bfff-ffffffffffff'],
    [
      '2026-11-27T09:30Z',
      new Date('2026-11-27T09:30:00.000Z'),
      ZERO,
      '01a21c57-19c0-7000-8000-000000000000',
    ],
    [
      'one ms later',
      new Date('2026-11-27T09:30:00.001Z'),
      ZERO,
      '01a21c57-19c1-7000-8000-000000000000',
    ],
    ['the last ms of 48 bits', new Date(2 ** 48 - 1), ZERO, 'ffffffff-ffff-7000-8000-000000000000'],
  ])('%s', (_label, at, random, want) => {
    const id = decisionIdAt(at, random);
    expect(id).toBe(want);
    expect(id).toMatch(UUID);
    expect(isTimeOrderedId(id, at)).toBe(true);
  });

  it('refuses fewer than 10 random bytes', () => {
    expect(() => decisionIdAt(new Date(0), [1, 2, 3])).toThrow(/10 random bytes/);
  });

  it('sorts as (createdAt, id) sorts, across ms, seconds and years', () => {
    const times = [0, 1, 999, 1000, 65_535, 65_536, 1.7e12, 1.7e12 + 1, 1.8e12, 2 ** 40, 2 ** 47];
    let n = 0;
    const rows = times.flatMap((t) =>
      [3, 1, 2].map((r) => {
        const createdAt = new Date(t);
        return { createdAt, id: decisionIdAt(createdAt, [r, n++, 0, 0, 0, 0, 0, 0, 0, r]) };
      }),
    );
    const byPair = [...rows].sort(
      (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1),
    );
    const byId = [...rows].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(byId).toEqual(byPair);
  });
});

describe('isTimeOrderedId', () => {
  const at = new Date('2026-11-27T09:30:00.000Z');
  const good = decisionIdAt(at, [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
  it.each([
    ['a v7 id of its own ms', good, at, true],
    ['another ms', good, new Date(at.getTime() + 1), false],
    ['a random v4 UUID', '6d6f636b-0000-4000-8000-000000000009', at, false],
    ['v4 with the right time prefix', good.slice(0, 14) + '4' + good.slice(15), at, false],
    ['a wrong variant', good.slice(0, 19) + '7' + good.slice(20), at, false],
    ['upper-case hex', good.toUpperCase(), at, false],
    ['too long', good + '0', at, false],
    ['a hand-made id', 'v1-a', at, false],
    ['before 1970', good, new Date(-1), false],
    ['an invalid date', good, new Date(NaN), false],
    ['no date at all (a damaged row)', good, undefined as unknown as Date, false],
  ])('%s → %s', (_label, id, createdAt, want) => {
    expect(isTimeOrderedId(id, createdAt)).toBe(want);
  });
});
