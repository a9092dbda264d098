import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CURRENT_VERSION,
  DecisionsDb,
  SCHEMA,
  findByRequestId,
  purgeOlderThan,
} from '../../../lib/decisions/db';
import { openLogReader, readRange, UNORDERED_INDEX } from '../../../lib/decisions/idb';
import { decisionIdAt } from '../../../lib/decisions/ids';
import { LogOrderChanged, iterateDecisions, queryDecisions } from '../../../lib/decisions/query';
import { countDecisions } from '../../../lib/decisions/counts';
import { makeDecision } from './fixtures';
import { writeAroundDexie } from './raw-writes';

const opened: DecisionsDb[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

function fresh(): DecisionsDb {
  const db = new DecisionsDb(`test-idb-${crypto.randomUUID()}`);
  opened.push(db);
  return db;
}

const at = (minute: number) => new Date(Date.UTC(2026, 10, 27, 9, minute));
const ordered = (minute: number, r = minute) =>
  makeDecision({
    id: decisionIdAt(at(minute), [r, 0, 0, 0, 0, 0, 0, 0, 0, r]),
    createdAt: at(minute),
  });

async function databaseNames(): Promise<string[]> {
  return (await indexedDB.databases()).map((d) => d.name ?? '');
}

describe('openLogReader (the panel, without Dexie)', () => {
  it('reads a missing database as empty and does not create it', async () => {
    const name = `test-missing-${crypto.randomUUID()}`;
    const reader = openLogReader(name);
    expect(await reader.idb()).toBeNull();
    expect(await queryDecisions(reader, {}, { limit: 10 })).toEqual({ rows: [], nextCursor: null });
    expect(await countDecisions(reader, {})).toBe(0);
    expect(await databaseNames()).not.toContain(name);
  });

  it('sees what the worker wrote, once the worker created the database', async () => {
    const db = fresh();
    const reader = openLogReader(db.name);
    expect(await reader.idb()).toBeNull(); // before the worker's first open
    await db.decisions.add(ordered(1));
    await db.decisions.add(ordered(2));
    const page = await queryDecisions(reader, {}, { limit: 10 });
    expect(page.rows.map((r) => r.createdAt)).toEqual([at(2), at(1)]);
    (await reader.idb())?.close();
  });

  it('steps aside when the worker upgrades the schema, and reopens on the next read', async () => {
    const db = fresh();
    await db.decisions.add(ordered(1));
    const reader = openLogReader(db.name);
    const first = await reader.idb();
    expect(first?.version).toBe(db.verno * 10);
    db.close();
    // A later version of the extension: the same tables and one more index.
    const next = new DecisionsDb(db.name);
    next.version(5).stores({ decisions: 'id, [createdAt+id], unordered, requestId, mock' });
    opened.push(next);
    await next.open(); // would block forever if the reader kept its connection
    const again = await reader.idb();
    expect(again).not.toBe(first);
    expect(again?.version).toBe(50);
    expect(await countDecisions(reader, {})).toBe(1);
    again?.close();
  });

  it('opens again after the browser closed its connection (site data cleared, disk error)', async () => {
    const db = fresh();
    await db.decisions.add(ordered(1));
    const reader = openLogReader(db.name);
    const first = (await reader.idb())!;
    // What Chrome does on an abnormal close: the connection is closed and `close` fires on it.
    first.close();
    first.onclose?.call(first, new Event('close'));
    await expect(
      new Promise((resolve, reject) => {
        try {
          first.transaction('decisions');
          resolve('usable');
        } catch (error) {
          reject(error as Error);
        }
      }),
    ).rejects.toThrow(); // the old connection cannot be read any more
    const again = await reader.idb();
    expect(again).not.toBe(first);
    expect(await countDecisions(reader, {})).toBe(1);
    await db.decisions.add(ordered(2));
    const page = await queryDecisions(reader, {}, { limit: 10 });
    expect(page.rows.map((r) => r.createdAt)).toEqual([at(2), at(1)]);
    again?.close();
  });
});

describe('readRange', () => {
  it('reads backwards with a cursor where getAllRecords is missing', async () => {
    const db = fresh();
    for (const m of [1, 2, 3, 4, 5]) await db.decisions.add(ordered(m));
    const idb = await db.idb();
    const proto = Object.getPrototypeOf(idb.transaction('decisions').objectStore('decisions')) as {
      getAllRecords?: unknown;
    };
    const saved = proto.getAllRecords;
    try {
      delete proto.getAllRecords;
      const rows = await readRange(idb, null, null, 'prev', 3);
      expect(rows.map((r) => r.createdAt)).toEqual([at(5), at(4), at(3)]);
      expect(
        await readRange(idb, null, IDBKeyRange.upperBound(rows[2]!.id, true), 'prev', 9),
      ).toHaveLength(2);
    } finally {
      proto.getAllRecords = saved;
    }
    const native = await readRange(idb, '[createdAt+id]', null, 'prev', 2);
    expect(native.map((r) => r.createdAt)).toEqual([at(5), at(4)]);
  });
});

describe('the order mark (db.ts hooks)', () => {
  const marked = async (db: DecisionsDb) =>
    db.decisions.where(UNORDERED_INDEX).equals(1).primaryKeys();

  it.each([
    ['a UUIDv7 of its own createdAt', false, (m: number) => ordered(m)],
    ['a UUIDv7 of another time', true, (m: number) => ({ ...ordered(m), createdAt: at(m + 1) })],
    ['a random UUID', true, (m: number) => makeDecision({ createdAt: at(m) })],
  ])('%s: marked %s', async (_l, want, make) => {
    const db = fresh();
    const r = make(3);
    await db.decisions.add(r);
    expect(await marked(db)).toEqual(want ? [r.id] : []);
    await db.decisions.bulkPut([make(4)]);
    expect((await marked(db)).length).toBe(want ? 2 : 0);
  });

  it('follows a createdAt that changes, and ignores other changes', async () => {
    const db = fresh();
    const r = ordered(3);
    await db.decisions.add(r);
    await db.decisions.update(r.id, { syncState: 'failed' });
    expect(await marked(db)).toEqual([]);
    await db.decisions.update(r.id, { createdAt: at(4) });
    expect(await marked(db)).toEqual([r.id]);
    await db.decisions.update(r.id, { createdAt: at(3) });
    expect(await marked(db)).toEqual([]);
  });
});

describe('findByRequestId', () => {
  it('finds the decision a confirmation made, and nothing for another', async () => {
    const db = fresh();
    const requestId = crypto.randomUUID();
    const r = { ...ordered(1), requestId };
    await db.decisions.add(r);
    await db.decisions.add(ordered(2));
    expect((await findByRequestId(db, requestId))?.id).toBe(r.id);
    expect(await findByRequestId(db, crypto.randomUUID())).toBeUndefined();
  });
});

describe('rows written around Dexie (no order mark)', () => {
  const byTime = (rows: { createdAt: Date; id: string }[]) =>
    [...rows].sort(
      (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1),
    );

  it('never reorder a page: pages and date ranges keep to the indexes', async () => {
    const db = fresh();
    const good = [1, 2, 3, 4].map((m) => ordered(m));
    // 'zz…' sorts after every UUID but is the oldest decision; '00…' before them, the newest.
    const strays = [
      makeDecision({ id: 'zz-stray', createdAt: at(0) }),
      makeDecision({ id: '00-stray', createdAt: at(9) }),
    ];
    for (const r of good) await db.decisions.add(r);
    await writeAroundDexie(db, strays);
    const reader = openLogReader(db.name);
    const want = byTime([...good, ...strays]).map((r) => r.id);
    const page = await queryDecisions(reader, {}, { limit: 10 });
    expect(page.rows.map((r) => r.id)).toEqual([...want].reverse());
    const first = await queryDecisions(reader, {}, { limit: 1 });
    expect(first.rows.map((r) => r.id)).toEqual(['00-stray']);
    const ranged: string[] = [];
    for await (const c of iterateDecisions(reader, { from: at(0), to: at(10) }, 2, 'asc'))
      ranged.push(...c.map((r) => r.id));
    expect(ranged).toEqual(want);
    (await reader.idb())?.close();
  });

  it('are met by a whole-log walk, which is then redone on the index if nothing was handed out', async () => {
    const db = fresh();
    const good = [1, 2, 3, 4].map((m) => ordered(m));
    const stray = makeDecision({ id: '00-stray', createdAt: at(9) }); // first in the table
    for (const r of good) await db.decisions.add(r);
    await writeAroundDexie(db, [stray]);
    const reader = openLogReader(db.name);
    const chunks: string[] = [];
    for await (const c of iterateDecisions(reader, {}, 2, 'asc'))
      chunks.push(...c.map((r) => r.id));
    expect(chunks).toEqual(byTime([...good, stray]).map((r) => r.id));
    (await reader.idb())?.close();
  });

  it('stop an export that already handed rows out, and the next export is whole', async () => {
    const db = fresh();
    const good = [1, 2, 3, 4, 5, 6].map((m) => ordered(m));
    for (const r of good) await db.decisions.add(r);
    await writeAroundDexie(db, [makeDecision({ id: 'zz-stray', createdAt: at(3) })]);
    const reader = openLogReader(db.name);
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const c of iterateDecisions(reader, {}, 2, 'asc'))
          seen.push(...c.map((r) => r.id));
      })(),
    ).rejects.toBeInstanceOf(LogOrderChanged);
    expect(seen.length).toBeGreaterThan(0);
    const again: string[] = [];
    for await (const c of iterateDecisions(reader, {}, 2, 'asc')) again.push(...c.map((r) => r.id));
    expect(again).toHaveLength(7);
    expect(again.indexOf('zz-stray')).toBe(3);
    (await reader.idb())?.close();
  });
});

describe('a whole walk whose position came from the index', () => {
  it('keeps every row when the old rows go mid-walk (the table path resumes only from a time id)', async () => {
    const db = fresh();
    const old = Date.UTC(2025, 0, 1);
    const recent = Date.UTC(2026, 0, 1);
    // Rows from before v3 (random ids, marked by the hooks) keep the walk on the index...
    const legacy = Array.from({ length: 10 }, (_, i) =>
      makeDecision({
        id: crypto.randomUUID(),
        createdAt: new Date(old + i * 60_000),
        note: 'refund',
      }),
    );
    const made = Array.from({ length: 20 }, (_, i) => {
      const t = new Date(recent + i * 60_000);
      return makeDecision({
        id: decisionIdAt(t, [i, 1, 2, 3, 4, 5, 6, 7, 8, 9]),
        createdAt: t,
        note: 'refund',
      });
    });
    await db.decisions.bulkAdd([...legacy, ...made]);
    const reader = openLogReader(db.name);
    const got: string[] = [];
    let first = true;
    for await (const chunk of iterateDecisions(reader, { text: 'refund' }, 5, 'asc')) {
      got.push(...chunk.map((r) => r.id));
      // ...until another window purges them: the table is then in order, the cursor is not.
      if (first) await purgeOlderThan(db, new Date(Date.UTC(2025, 6, 1)));
      first = false;
    }
    expect(got).toHaveLength(5 + made.length);
    expect(got.slice(5)).toEqual(made.map((r) => r.id));
    (await reader.idb())?.close();
  });
});

describe('the upgrades from v2', () => {
  it('opens a database holding a damaged row (no createdAt): the row is marked and packed, not fatal', async () => {
    const name = `test-damaged-${crypto.randomUUID()}`;
    const v2 = new Dexie(name);
    v2.version(1).stores(SCHEMA[1]);
    v2.version(2).stores(SCHEMA[2]);
    await v2.open();
    const damaged: Partial<ReturnType<typeof makeDecision>> = makeDecision({});
    delete damaged.createdAt;
    await v2.table('decisions').add(damaged);
    v2.close();
    const db = new DecisionsDb(name);
    opened.push(db);
    await db.open();
    expect(db.verno).toBe(CURRENT_VERSION);
    expect(await db.decisions.where(UNORDERED_INDEX).equals(1).count()).toBe(1);
    const packs = await db.decisionPacks.toArray();
    expect(packs.map((p) => p.rows.map((r) => r.id))).toEqual([[damaged.id]]);
  });
});
