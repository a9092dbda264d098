import { describe, expect, it } from 'vitest';
import type { StoredDecision } from '../../../lib/decisions/db';
import {
  groupByPack,
  packAll,
  packOf,
  PACK_ROWS,
  removeRows,
  splitPack,
  upsertRows,
} from '../../../lib/decisions/packs';
import { makeDecision } from './fixtures';

const row = (id: string, note: string | null = null): StoredDecision => makeDecision({ id, note });
const ids = (rows: readonly StoredDecision[]) => rows.map((r) => r.id);
const many = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => row(`id-${String(from + i).padStart(6, '0')}`));

describe('packOf', () => {
  it.each([
    { lowers: [], id: 'm', want: '' },
    { lowers: [''], id: 'm', want: '' },
    { lowers: ['', 'd', 'p'], id: 'a', want: '' },
    { lowers: ['', 'd', 'p'], id: 'd', want: 'd' },
    { lowers: ['', 'd', 'p'], id: 'o', want: 'd' },
    { lowers: ['', 'd', 'p'], id: 'p', want: 'p' },
    { lowers: ['', 'd', 'p'], id: 'z', want: 'p' },
    // No '' pack (it emptied and went): an id below every pack starts one.
    { lowers: ['d', 'p'], id: 'a', want: '' },
    { lowers: ['d', 'p'], id: 'e', want: 'd' },
  ])('$id in $lowers → "$want"', ({ lowers, id, want }) => {
    expect(packOf(lowers, id)).toBe(want);
  });
});

describe('groupByPack', () => {
  it('groups ids by the pack that holds them, in first-seen order', () => {
    const groups = groupByPack(['', 'd', 'p'], ['q', 'a', 'e', 'z', 'b']);
    expect([...groups.entries()]).toEqual([
      ['p', ['q', 'z']],
      ['', ['a', 'b']],
      ['d', ['e']],
    ]);
  });
});

describe('upsertRows', () => {
  it.each([
    { name: 'into nothing', rows: [], values: ['b', 'a'], want: ['a', 'b'] },
    { name: 'appended at the end', rows: ['a', 'b'], values: ['c'], want: ['a', 'b', 'c'] },
    { name: 'sorted in', rows: ['a', 'c'], values: ['b'], want: ['a', 'b', 'c'] },
    { name: 'replaced in place', rows: ['a', 'b', 'c'], values: ['b'], want: ['a', 'b', 'c'] },
    { name: 'replaced and added', rows: ['b', 'd'], values: ['d', 'a'], want: ['a', 'b', 'd'] },
  ])('$name', ({ rows, values, want }) => {
    const out = upsertRows(
      rows.map((id) => row(id, 'old')),
      values.map((id) => row(id, 'new')),
    );
    expect(ids(out)).toEqual(want);
    for (const r of out) expect(r.note).toBe(values.includes(r.id) ? 'new' : 'old');
  });

  it('keeps the last of two writes of one id', () => {
    const out = upsertRows([row('a', 'old')], [row('a', 'first'), row('a', 'second')]);
    expect(out.map((r) => r.note)).toEqual(['second']);
  });
});

describe('removeRows', () => {
  it('drops what the test selects and keeps the order', () => {
    expect(ids(removeRows(many(5), (id) => id.endsWith('1') || id.endsWith('3')))).toEqual([
      'id-000000',
      'id-000002',
      'id-000004',
    ]);
  });
});

describe('splitPack', () => {
  it.each([
    { n: 0, pieces: [] },
    { n: 1, pieces: [1] },
    { n: 2 * PACK_ROWS - 1, pieces: [2 * PACK_ROWS - 1] },
    { n: 2 * PACK_ROWS, pieces: [PACK_ROWS, PACK_ROWS] },
    { n: 3 * PACK_ROWS + 5, pieces: [PACK_ROWS + 1, PACK_ROWS + 2, PACK_ROWS + 2] },
    { n: 10 * PACK_ROWS, pieces: Array<number>(10).fill(PACK_ROWS) },
  ])('$n rows → pieces of $pieces', ({ n, pieces }) => {
    const rows = many(n);
    const out = splitPack({ lower: 'id-', rows });
    expect(out.map((p) => p.rows.length)).toEqual(pieces);
    // The first keeps the pack's bound; every other starts at its first row; nothing lost.
    out.forEach((p, i) => expect(p.lower).toBe(i === 0 ? 'id-' : p.rows[0]!.id));
    expect(out.flatMap((p) => ids(p.rows))).toEqual(ids(rows));
  });
});

describe('packAll', () => {
  it('sorts the rows by id and packs them from ""', () => {
    const rows = many(3 * PACK_ROWS).reverse();
    const packs = packAll(rows);
    expect(packs).toHaveLength(3);
    expect(packs[0]!.lower).toBe('');
    expect(packs.flatMap((p) => ids(p.rows))).toEqual(ids(rows).reverse());
  });

  it('packs an empty table as nothing', () => {
    expect(packAll([])).toEqual([]);
  });
});
