// Keeps `decisionPacks` (packs.ts) equal to the decisions table: a Dexie middleware that
// widens every read-write transaction on the table to the packs, and after each write of
// rows rewrites the packs that hold them, in the same transaction. So a write that aborts
// leaves both as they were, and no write site (outbox, team sync, purge, mock reset) has to
// remember the packs. Any later upgrade that writes decisions ends with `rebuildPacks`.

import {
  cmp,
  type DBCore,
  type DBCoreKeyRange,
  type DBCoreMutateRequest,
  type DBCoreMutateResponse,
  type Middleware,
  type Transaction,
} from 'dexie';
import type { StoredDecision } from './db';
import { DECISIONS_STORE, done, keyAbove, keyAtOrBelow, PACKS_STORE } from './idb';
import {
  groupByPack,
  packAll,
  removeRows,
  splitPack,
  upsertRows,
  type DecisionPack,
} from './packs';

// DBCoreRangeType is a const enum, which isolated modules cannot read.
const RANGE_EQUAL = 1;
const RANGE_ANY = 3;
const RANGE_NEVER = 4;

export const packMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'DecisionPacks',
  // Below Dexie's hooks (level 2): the values as stored, with the `creating` hook's mark.
  level: 1.5,
  create(down) {
    const packed = down.schema.tables.some((t) => t.name === PACKS_STORE);
    // One pack rewrite at a time per transaction: two writes in flight must not both read
    // the same pack and each put back its own copy.
    const queues = new WeakMap<object, Promise<unknown>>();
    return {
      ...down,
      transaction(stores, mode, options) {
        const widen =
          packed &&
          mode === 'readwrite' &&
          stores.includes(DECISIONS_STORE) &&
          !stores.includes(PACKS_STORE);
        return down.transaction(widen ? [...stores, PACKS_STORE] : stores, mode, options);
      },
      table(name) {
        const table = down.table(name);
        if (name !== DECISIONS_STORE) return table;
        return {
          ...table,
          async mutate(req) {
            const res = await table.mutate(req);
            const trans = req.trans as unknown as IDBTransaction;
            // An upgrade from before the packs existed: v4's upgrade packs everything.
            if (!trans.objectStoreNames.contains(PACKS_STORE)) return res;
            const mine = (queues.get(trans) ?? Promise.resolve()).then(() =>
              updatePacks(trans.objectStore(PACKS_STORE), req, res),
            );
            queues.set(
              trans,
              mine.catch(() => undefined),
            );
            await mine;
            return res;
          },
        };
      },
    };
  },
};

/** The packs after one write of the decisions table (its failed operations left out). */
async function updatePacks(
  store: IDBObjectStore,
  req: DBCoreMutateRequest,
  res: DBCoreMutateResponse,
): Promise<void> {
  if (req.type === 'deleteRange') return deleteRange(store, req.range);
  const failed = (i: number) => res.failures[i] !== undefined;
  if (req.type === 'delete') {
    const ids = (req.keys as string[]).filter((_, i) => !failed(i));
    const gone = new Set(ids);
    const groups = await packsHolding(store, ids);
    await rewrite(store, [...groups.keys()], (rows) => removeRows(rows, (id) => gone.has(id)));
    return;
  }
  const values = (req.values as StoredDecision[]).filter((_, i) => !failed(i));
  const byId = new Map(values.map((v) => [v.id, v]));
  const groups = await packsHolding(store, [...byId.keys()]);
  await rewrite(store, [...groups.keys()], (rows, lower) =>
    upsertRows(
      rows,
      groups.get(lower)!.map((id) => byId.get(id)!),
    ),
  );
}

/**
 * `ids` grouped by the pack that holds them, found with two key-cursor steps per pack
 * touched (listing every pack's key walks the whole store: ~20 ms at 100,000 rows).
 */
async function packsHolding(store: IDBObjectStore, ids: string[]): Promise<Map<string, string[]>> {
  const sorted = [...new Set(ids)].sort();
  const floors: string[] = [];
  for (let i = 0; i < sorted.length;) {
    const id = sorted[i]!;
    floors.push((await keyAtOrBelow(store, id)) ?? '');
    const next = i + 1 < sorted.length ? await keyAbove(store, id) : null;
    if (next === null) break; // the rest are in this pack too
    while (i < sorted.length && sorted[i]! < next) i++;
  }
  return groupByPack(floors, sorted);
}

async function deleteRange(store: IDBObjectStore, range: DBCoreKeyRange): Promise<void> {
  if (range.type === RANGE_NEVER) return;
  if (range.type === RANGE_ANY) return void (await done(store.clear()));
  const lower: unknown = range.lower;
  const upper: unknown = range.type === RANGE_EQUAL ? range.lower : range.upper;
  const above = (id: string) => {
    const c = cmp(id, lower);
    return c > 0 || (c === 0 && !range.lowerOpen);
  };
  const below = (id: string) => {
    const c = cmp(id, upper);
    return c < 0 || (c === 0 && !range.upperOpen);
  };
  const lowers = (await done(store.getAllKeys())) as string[];
  // Pack i holds [lowers[i], lowers[i + 1]): it meets the range unless wholly outside it.
  const touched = lowers.filter(
    (k, i) => below(k) && (lowers[i + 1] === undefined || cmp(lowers[i + 1], lower) > 0),
  );
  await rewrite(store, touched, (rows) => removeRows(rows, (id) => above(id) && below(id)));
}

/** Reads the packs `lowers` (a missing one as empty), changes their rows, writes them back. */
async function rewrite(
  store: IDBObjectStore,
  lowers: string[],
  change: (rows: StoredDecision[], lower: string) => StoredDecision[],
): Promise<void> {
  const packs = await Promise.all(
    lowers.map((lower) => done(store.get(lower)) as Promise<DecisionPack | undefined>),
  );
  const writes: Promise<unknown>[] = [];
  lowers.forEach((lower, i) => {
    const before = packs[i]?.rows ?? [];
    const pieces = splitPack({ lower, rows: change(before, lower) });
    if (pieces.length === 0) {
      if (packs[i]) writes.push(done(store.delete(lower)));
    } else for (const piece of pieces) writes.push(done(store.put(piece)));
  });
  await Promise.all(writes);
}

/** Packs the whole table afresh (the upgrade that creates the store, and any later one that
 * writes decisions). */
export async function rebuildPacks(tx: Transaction): Promise<void> {
  const rows = (await tx.table(DECISIONS_STORE).toArray()) as StoredDecision[];
  const packs = tx.table(PACKS_STORE);
  await packs.clear();
  await packs.bulkPut(packAll(rows));
}
