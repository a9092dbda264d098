// Reading a slice of the log from its packs (packs.ts) instead of row by row: the full
// export's reads (slices.ts). Each read takes a run of consecutive packs in one request. The
// runs are fixed spans of ids that cover the slice, and a row that was there all along stays
// in its span: a split keeps rows inside their pack's span, and a pack goes only when empty.
// So a write meanwhile neither loses nor repeats such a row.

import type { StoredDecision } from './db';
import { done, PACKS_STORE } from './idb';
import { packOf, PACK_ROWS, type DecisionPack } from './packs';
import type { IdSlice } from './slices';
import type { Order } from './query-plan';

/** Whether the database has packs (a reader may meet one from before database v4). */
export function hasPacks(db: IDBDatabase): boolean {
  return db.objectStoreNames.contains(PACKS_STORE);
}

function packs(db: IDBDatabase): IDBObjectStore {
  return db.transaction(PACKS_STORE, 'readonly').objectStore(PACKS_STORE);
}

/** Runs of about `per` packs, from the pack holding the slice's first id to the first pack
 * past its end (open-ended when there is none). */
async function runs(db: IDBDatabase, slice: IdSlice, per: number): Promise<IDBKeyRange[]> {
  const lowers = (await done(packs(db).getAllKeys())) as string[];
  const start = slice.lower === null ? '' : packOf(lowers, slice.lower);
  const end = slice.upper === null ? undefined : lowers.find((k) => k >= slice.upper!);
  const keys = lowers.filter((k) => k >= start && (end === undefined || k < end));
  if (keys[0] !== start) keys.unshift(start);
  const out: IDBKeyRange[] = [];
  for (let i = 0; i < keys.length; i += per) {
    const next = keys[i + per] ?? end;
    out.push(
      next === undefined
        ? IDBKeyRange.lowerBound(keys[i])
        : IDBKeyRange.bound(keys[i], next, false, true),
    );
  }
  return out;
}

/**
 * One slice's rows in log order, in chunks of about `chunkSize`, the next chunk read while
 * the caller handles this one.
 */
export async function* readPackedSlice(
  db: IDBDatabase,
  slice: IdSlice,
  order: Order,
  chunkSize: number,
): AsyncGenerator<StoredDecision[], void, undefined> {
  const per = Math.max(1, Math.round(chunkSize / PACK_ROWS));
  const ranges = await runs(db, slice, per);
  if (order === 'desc') ranges.reverse();
  const keep = (id: string) =>
    (slice.lower === null || id >= slice.lower) && (slice.upper === null || id < slice.upper);
  const read = (range: IDBKeyRange) => done(packs(db).getAll(range) as IDBRequest<DecisionPack[]>);
  let next = ranges.length > 0 ? read(ranges[0]!) : null;
  for (let i = 0; next; i++) {
    const got = await next;
    next = i + 1 < ranges.length ? read(ranges[i + 1]!) : null;
    next?.catch(() => undefined); // awaited on the next turn; unobserved if the consumer stops
    const rows: StoredDecision[] = [];
    for (const pack of got) for (const r of pack.rows) rows.push(r);
    if (order === 'desc') rows.reverse();
    const mine = rows.filter((r) => keep(r.id));
    if (mine.length > 0) yield mine;
  }
}

/**
 * Up to `limit` rows in `order` after the id `after` (null: from the start): the single walk
 * of the whole log (query.ts), one transaction per call.
 */
export async function readPackedAfter(
  db: IDBDatabase,
  after: string | null,
  order: Order,
  limit: number,
): Promise<StoredDecision[]> {
  const store = packs(db);
  const lowers = (await done(store.getAllKeys())) as string[];
  const asc = order === 'asc';
  const from = after === null ? null : packOf(lowers, after);
  let i = from === null ? (asc ? 0 : lowers.length - 1) : Math.max(0, lowers.indexOf(from));
  const out: StoredDecision[] = [];
  while (out.length < limit && i >= 0 && i < lowers.length) {
    const take = Math.ceil((limit - out.length) / PACK_ROWS) + 1;
    const [a, b] = asc
      ? [i, Math.min(lowers.length, i + take)]
      : [Math.max(0, i - take + 1), i + 1];
    const upper = lowers[b];
    const range =
      upper === undefined
        ? IDBKeyRange.lowerBound(lowers[a])
        : IDBKeyRange.bound(lowers[a], upper, false, true);
    const got = await done(store.getAll(range) as IDBRequest<DecisionPack[]>);
    const rows: StoredDecision[] = [];
    for (const pack of got) for (const r of pack.rows) rows.push(r);
    if (!asc) rows.reverse();
    for (const r of rows) {
      if (after !== null && (asc ? r.id <= after : r.id >= after)) continue;
      out.push(r);
      if (out.length === limit) break;
    }
    i = asc ? b : a - 1;
  }
  return out;
}
