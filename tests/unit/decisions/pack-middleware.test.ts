import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DecisionsDb,
  purgeOlderThan,
  SCHEMA,
  type StoredDecision,
} from '../../../lib/decisions/db';
import { decisionIdAt } from '../../../lib/decisions/ids';
import { PACK_ROWS } from '../../../lib/decisions/packs';
import { makeDecision, prng } from './fixtures';

// The packs must equal the table after any write, whoever makes it: the writes the product
// makes (single adds, bulk adds of team rows, updates, purges, resets, transactions with the
// outbox), in any order, including failed and aborted ones.

const opened: Dexie[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

function fresh(): DecisionsDb {
  const db = new DecisionsDb(`test-packs-${crypto.randomUUID()}`);
  opened.push(db);
  return db;
}

const T0 = Date.UTC(2026, 0, 1);
const YEAR = 365 * 86_400_000;

function decisionMaker(rnd: (n: number) => number) {
  return (): StoredDecision => {
    const createdAt = new Date(T0 + rnd(YEAR));
    const id = decisionIdAt(
      createdAt,
      Array.from({ length: 10 }, () => rnd(256)),
    );
    return makeDecision({ id, createdAt, updatedAt: createdAt });
  };
}

/** The table and its packs hold the same rows, and every pack is well formed. */
async function expectPacksEqualTable(db: DecisionsDb): Promise<void> {
  const [rows, packs] = await Promise.all([
    db.decisions.toArray() as Promise<StoredDecision[]>,
    db.decisionPacks.toArray(),
  ]);
  expect(packs.flatMap((p) => p.rows)).toEqual(rows); // both in id order
  packs.forEach((p, i) => {
    const next = packs[i + 1]?.lower;
    expect(p.rows.length).toBeGreaterThan(0);
    expect(p.rows.length).toBeLessThan(2 * PACK_ROWS);
    for (const r of p.rows) {
      expect(r.id >= p.lower).toBe(true);
      if (next !== undefined) expect(r.id < next).toBe(true);
    }
  });
}

describe('the packs middleware', () => {
  it('keeps the packs equal to the table through 80 random writes of every kind', async () => {
    const db = fresh();
    const rnd = prng(20261205);
    const make = decisionMaker(rnd);
    const pick = async (n: number) => {
      const keys = (await db.decisions.toCollection().primaryKeys()) as string[];
      return Array.from({ length: Math.min(n, keys.length) }, () => keys[rnd(keys.length)]!);
    };
    const writes: Record<string, () => Promise<unknown>> = {
      add: () => db.decisions.add(make()),
      bulkAdd: () => db.decisions.bulkAdd(Array.from({ length: 1 + rnd(400) }, make)),
      'bulkAdd with a duplicate (the rest is kept)': async () => {
        const [dup] = await pick(1);
        const batch = Array.from({ length: 5 }, make);
        const existing = dup ? await db.decisions.get(dup) : undefined;
        // Refused (the id exists): the table keeps its row, and so must the pack.
        if (existing) batch.splice(2, 0, { ...existing, note: 'refused' });
        await db.decisions.bulkAdd(batch).catch((e: unknown) => {
          if (!(e instanceof Dexie.BulkError)) throw e;
        });
      },
      put: async () => {
        for (const id of await pick(3)) {
          const r = (await db.decisions.get(id))!;
          await db.decisions.put({ ...r, note: `note ${rnd(1000)}` });
        }
      },
      update: async () => {
        for (const id of await pick(3)) await db.decisions.update(id, { syncState: 'failed' });
      },
      bulkDelete: async () => db.decisions.bulkDelete(await pick(1 + rnd(150))),
      'delete a range of ids': async () => {
        const [a, b] = (await pick(2)).sort();
        if (a && b)
          await db.decisions
            .where('id')
            .between(a, b, true, rnd(2) === 0)
            .delete();
      },
      purge: () => purgeOlderThan(db, new Date(T0 + rnd(YEAR / 4))),
      'many writes at once in one transaction': () =>
        db.transaction('rw', db.decisions, db.outbox, async () => {
          const ids = await pick(10);
          // Ten neighbours: the same pack, each add rewriting it while the others are in flight.
          const near = make();
          const t = near.createdAt.getTime();
          await Promise.all([
            ...Array.from({ length: 10 }, (_, i) => {
              const createdAt = new Date(t + i);
              const id = decisionIdAt(createdAt, [i, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
              return db.decisions.add({ ...near, id, createdAt });
            }),
            ...ids.map((id) => db.decisions.update(id, { attempts: rnd(9) })),
            db.outbox.add({ decisionId: `d-${rnd(1e9)}` } as never),
          ]);
        }),
      'an aborted transaction': async () => {
        await db
          .transaction('rw', db.decisions, async () => {
            await db.decisions.bulkAdd(Array.from({ length: 50 }, make));
            await db.decisions.bulkDelete(await pick(20));
            throw new Error('changed my mind');
          })
          .catch((e: Error) => expect(e.message).toBe('changed my mind'));
      },
    };
    const kinds = Object.keys(writes);
    const done = new Set<string>();
    let most = 0; // packs at once
    for (let step = 0; step < 80; step++) {
      const kind = step < kinds.length ? kinds[step]! : kinds[rnd(kinds.length)]!;
      // Enough rows first that the writes meet several packs.
      if (step === 0) await db.decisions.bulkAdd(Array.from({ length: 1500 }, make));
      await writes[kind]!();
      done.add(kind);
      await expectPacksEqualTable(db);
      most = Math.max(most, await db.decisionPacks.count());
    }
    expect(done).toEqual(new Set(kinds));
    expect(most).toBeGreaterThan(10);
    await db.decisions.clear();
    expect(await db.decisionPacks.count()).toBe(0);
  });

  it('packs the rows of a database from before the packs when it upgrades', async () => {
    const name = `test-packs-upgrade-${crypto.randomUUID()}`;
    const v3 = new Dexie(name);
    v3.version(1).stores(SCHEMA[1]);
    v3.version(2).stores(SCHEMA[2]);
    v3.version(3).stores(SCHEMA[3]);
    await v3.open();
    const make = decisionMaker(prng(7));
    await v3.table('decisions').bulkAdd(Array.from({ length: 3 * PACK_ROWS + 10 }, make));
    v3.close();
    const db = new DecisionsDb(name);
    opened.push(db);
    await db.open();
    expect(await db.decisionPacks.count()).toBe(3);
    await expectPacksEqualTable(db);
  });

  it('leaves transactions that do not write decisions as they were asked', async () => {
    const db = fresh();
    await db.transaction('rw', db.kv, async (tx) => {
      expect([...tx.idbtrans.objectStoreNames]).toEqual(['kv']);
    });
    await db.transaction('r', db.decisions, async (tx) => {
      expect([...tx.idbtrans.objectStoreNames]).toEqual(['decisions']);
    });
    await db.transaction('rw', db.decisions, async (tx) => {
      expect([...tx.idbtrans.objectStoreNames].sort()).toEqual(['decisionPacks', 'decisions']);
    });
  });
});
