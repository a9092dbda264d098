import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DecisionsDb, SCHEMA, type StoredDecision } from '../../../lib/decisions/db';
import { decisionIdAt, idTimePrefix } from '../../../lib/decisions/ids';
import { PACK_ROWS } from '../../../lib/decisions/packs';
import { iterateDecisions } from '../../../lib/decisions/query';
import { logSlices, readSlice, type IdSlice } from '../../../lib/decisions/slices';
import { makeDecision } from './fixtures';

// A slice of the log read from its packs: the rows the table holds in that slice, in order,
// whatever the chunk size, and none lost or repeated when writes split packs mid-read.

const opened: Dexie[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

const T0 = Date.UTC(2026, 0, 1);
const MINUTE = 60_000;

function decision(i: number): StoredDecision {
  const createdAt = new Date(T0 + i * MINUTE);
  const id = decisionIdAt(createdAt, [i & 0xff, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  return makeDecision({ id, createdAt, updatedAt: createdAt });
}

const N = 7 * PACK_ROWS + 13;

async function seeded(): Promise<{ db: DecisionsDb; idb: IDBDatabase; rows: StoredDecision[] }> {
  const db = new DecisionsDb(`test-pack-reads-${crypto.randomUUID()}`);
  opened.push(db);
  const rows = Array.from({ length: N }, (_, i) => decision(i));
  await db.decisions.bulkAdd(rows);
  return { db, idb: await db.idb(), rows };
}

async function read(idb: IDBDatabase, slice: IdSlice, order: 'asc' | 'desc', chunk: number) {
  const chunks: StoredDecision[][] = [];
  for await (const rows of readSlice(idb, slice, order, chunk)) chunks.push(rows);
  return chunks;
}

const at = (i: number) => idTimePrefix(T0 + i * MINUTE);

describe('readSlice from the packs', () => {
  const slices: { name: string; slice: IdSlice; from: number; to: number }[] = [
    { name: 'everything', slice: { lower: null, upper: null }, from: 0, to: N },
    { name: 'a middle slice', slice: { lower: at(200), upper: at(700) }, from: 200, to: 700 },
    { name: 'from a time on', slice: { lower: at(500), upper: null }, from: 500, to: N },
    { name: 'up to a time', slice: { lower: null, upper: at(3) }, from: 0, to: 3 },
    { name: 'inside one pack', slice: { lower: at(10), upper: at(12) }, from: 10, to: 12 },
    { name: 'after the last row', slice: { lower: at(N + 5), upper: null }, from: N, to: N },
  ];
  for (const { name, slice, from, to } of slices) {
    for (const order of ['asc', 'desc'] as const) {
      it.each([1, 100, 2_000])(`${name}, ${order}, in chunks of %i`, async (chunk) => {
        const { idb, rows } = await seeded();
        const chunks = await read(idb, slice, order, chunk);
        const want = rows.slice(from, to);
        if (order === 'desc') want.reverse();
        expect(chunks.flat()).toEqual(want);
        expect(chunks.every((c) => c.length > 0)).toBe(true);
        // A chunk is a run of packs: about chunk / PACK_ROWS of them, at least one.
        const packs = Math.max(1, Math.round(chunk / PACK_ROWS));
        for (const c of chunks) expect(c.length).toBeLessThan((packs + 1) * 2 * PACK_ROWS);
      });
    }
  }

  it('reads only the packs of its slice', async () => {
    const { idb } = await seeded();
    const getAll = vi.spyOn(IDBObjectStore.prototype, 'getAll');
    try {
      const chunks = await read(idb, { lower: at(200), upper: at(700) }, 'asc', 2 * PACK_ROWS);
      expect(chunks.flat()).toHaveLength(500);
      const results = getAll.mock.results.map((r) => r.value as IDBRequest<unknown[]>);
      const packs = results.reduce((n, request) => n + request.result.length, 0);
      // 500 consecutive rows meet at most ceil(500 / PACK_ROWS) + 1 packs of PACK_ROWS or more.
      expect(packs).toBeLessThanOrEqual(Math.ceil(500 / PACK_ROWS) + 1);
    } finally {
      getAll.mockRestore();
    }
  });

  it('neither loses nor repeats a row when writes split and empty packs between two chunks', async () => {
    for (const order of ['asc', 'desc'] as const) {
      const { db, idb, rows } = await seeded();
      const seen: StoredDecision[] = [];
      let wrote = false;
      for await (const chunk of readSlice(idb, { lower: null, upper: null }, order, PACK_ROWS)) {
        seen.push(...chunk);
        if (wrote) continue;
        wrote = true;
        // New rows all through the log (packs split everywhere), and one pack's worth gone.
        const extra = Array.from({ length: N }, (_, i) => decision(i + 0.5));
        await db.decisions.bulkAdd(extra);
        await db.decisions.bulkDelete(rows.slice(400, 400 + PACK_ROWS).map((r) => r.id));
      }
      const ids = seen.map((r) => r.id);
      expect(new Set(ids).size).toBe(ids.length);
      const sorted = [...ids].sort();
      expect(ids).toEqual(order === 'asc' ? sorted : sorted.reverse());
      // Every row that was there all along was read.
      const kept = rows.filter((_, i) => i < 400 || i >= 400 + PACK_ROWS).map((r) => r.id);
      for (const id of kept) expect(ids).toContain(id);
    }
  });

  it('cuts no slices in a database from before the packs: it is walked on the index', async () => {
    const name = `test-pack-reads-v3-${crypto.randomUUID()}`;
    const v3 = new Dexie(name);
    opened.push(v3);
    v3.version(1).stores(SCHEMA[1]);
    v3.version(2).stores(SCHEMA[2]);
    v3.version(3).stores(SCHEMA[3]);
    const rows = Array.from({ length: 300 }, (_, i) => decision(i));
    await v3.table('decisions').bulkAdd(rows);
    const idb = v3.backendDB();
    expect(idb.objectStoreNames.contains('decisionPacks')).toBe(false);
    expect(await logSlices(idb, {}, 'desc', 8)).toBeNull();
    // The whole walk, on the index (query.ts), in the export's chunks.
    const chunks: StoredDecision[][] = [];
    for await (const c of iterateDecisions({ idb: async () => idb }, {}, 64, 'desc'))
      chunks.push(c);
    expect(chunks.flat()).toEqual([...rows].reverse());
  });
});

describe('the single walk of the whole log (iterateDecisions) from the packs', () => {
  /** The walk's chunks, and the stores it read values from (getAll; backwards getAllRecords
   * or, where the browser lacks it, a cursor). */
  async function walk(src: DecisionsDb, order: 'asc' | 'desc', chunk: number) {
    const proto = IDBObjectStore.prototype as unknown as Record<string, () => unknown>;
    const reads = ['getAll', 'getAllRecords', 'openCursor'].filter((m) => m in proto);
    const spies = reads.map((m) => vi.spyOn(proto, m));
    try {
      const chunks: StoredDecision[][] = [];
      for await (const rows of iterateDecisions(src, {}, chunk, order)) chunks.push(rows);
      const contexts = spies.flatMap((s) => s.mock.contexts);
      const stores = new Set(contexts.map((s) => (s as IDBObjectStore).name));
      return { chunks, stores };
    } finally {
      for (const s of spies) s.mockRestore();
    }
  }

  for (const order of ['asc', 'desc'] as const) {
    it.each([1, 7, PACK_ROWS + 1, 2_000])(`${order}, in chunks of %i`, async (chunk) => {
      const { db, rows } = await seeded();
      const { chunks, stores } = await walk(db, order, chunk);
      expect(stores).toEqual(new Set(['decisionPacks']));
      expect(chunks.flat()).toEqual(order === 'asc' ? rows : [...rows].reverse());
      for (const c of chunks.slice(0, -1)) expect(c).toHaveLength(chunk);
    });
  }

  it('walks packs left nearly empty by deletes', async () => {
    const { db, rows } = await seeded();
    const kept = rows.filter((_, i) => i % 40 === 0);
    await db.decisions.bulkDelete(rows.filter((_, i) => i % 40 !== 0).map((r) => r.id));
    expect(await db.decisionPacks.count()).toBeGreaterThan(3); // a row or four in each
    for (const order of ['asc', 'desc'] as const) {
      const { chunks } = await walk(db, order, 5);
      expect(chunks.flat()).toEqual(order === 'asc' ? kept : [...kept].reverse());
      for (const c of chunks.slice(0, -1)) expect(c).toHaveLength(5);
    }
  });
});
