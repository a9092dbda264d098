// Reading the log from its packs (packs.ts) instead of row by row: the full export's slices
// (slices.ts) and the single walk of the whole log (query.ts). Each read takes a run of
// consecutive packs in one request and the next run starts after the last pack read, in its
// own short transaction; only rows past the last one handed out are kept. A row that was
// there all along is read exactly once even if writes split packs meanwhile: a split keeps
// rows inside their pack's span (new packs start above the old one's `lower`), and a pack
// goes only when it is empty. No read lists every pack's key: that walks the whole store.

import type { StoredDecision } from './db';
import { PACKS_STORE, readRange } from './idb';
import { PACK_ROWS, type DecisionPack } from './packs';
import type { IdSlice } from './slices';
import type { Order } from './query-plan';

/** Whether the database has packs (a reader may meet one from before database v4). */
export function hasPacks(db: IDBDatabase): boolean {
  return db.objectStoreNames.contains(PACKS_STORE);
}

/** The `lower` of the pack that holds `id`, or null when every pack starts above it. */
async function packHolding(db: IDBDatabase, id: string): Promise<string | null> {
  const range = IDBKeyRange.upperBound(id);
  const [pack] = await readRange<DecisionPack>(db, null, range, 'prev', 1, PACKS_STORE);
  return pack ? pack.lower : null;
}

/** The packs in `order` whose `lower` is in [lo, hi), `per` to a read. Two
 * export workers keep the machine busy; the single walk reads its next chunk ahead itself. */
async function* packRuns(
  db: IDBDatabase,
  lo: string,
  hi: string,
  order: Order,
  per: number,
): AsyncGenerator<DecisionPack[], void, undefined> {
  for (;;) {
    if (lo >= hi) return;
    const range = IDBKeyRange.bound(lo, hi, false, true);
    const dir = order === 'asc' ? 'next' : 'prev';
    const got = await readRange<DecisionPack>(db, null, range, dir, per, PACKS_STORE);
    const last = got.at(-1);
    if (!last) return;
    yield got;
    // The next key after a string k is k + '\0'.
    if (order === 'asc') lo = `${last.lower}\0`;
    else hi = last.lower;
    if (got.length < per) return;
  }
}

/** '' is below every pack's key, U+FFFF above every id. */
const FIRST = '';
const END = '\uffff';

/** The rows of `packs` (read in `order`) in that order, those past `after` (an id already
 * handed out) that `keep` selects. */
function rowsOf(
  packs: DecisionPack[],
  order: Order,
  after: string | null,
  keep?: (id: string) => boolean,
): StoredDecision[] {
  const asc = order === 'asc';
  return packs
    .flatMap((p) => (asc ? p.rows : [...p.rows].reverse()))
    .filter(
      (r) => (after === null || (asc ? r.id > after : r.id < after)) && (!keep || keep(r.id)),
    );
}

/** One slice's rows in log order, in chunks of about `chunkSize` (a run of packs each). */
export async function* readPackedSlice(
  db: IDBDatabase,
  slice: IdSlice,
  order: Order,
  chunkSize: number,
): AsyncGenerator<StoredDecision[], void, undefined> {
  const per = Math.max(1, Math.round(chunkSize / PACK_ROWS));
  // From the pack holding the slice's first id to the last pack starting below its end.
  const lo = (slice.lower !== null && (await packHolding(db, slice.lower))) || FIRST;
  const keep = (id: string) =>
    (slice.lower === null || id >= slice.lower) && (slice.upper === null || id < slice.upper);
  let after: string | null = null;
  for await (const packs of packRuns(db, lo, slice.upper ?? END, order, per)) {
    const rows = rowsOf(packs, order, after, keep);
    if (rows.length === 0) continue;
    after = rows.at(-1)!.id;
    yield rows;
  }
}

/**
 * Up to `limit` rows in `order` after the id `after` (null: from the start): the single walk
 * of the whole log (query.ts).
 */
export async function readPackedAfter(
  db: IDBDatabase,
  after: string | null,
  order: Order,
  limit: number,
): Promise<StoredDecision[]> {
  // asc: from the pack holding `after` on; desc: every pack starting at or below it, down.
  const lo = (order === 'asc' && after !== null && (await packHolding(db, after))) || FIRST;
  const hi = order === 'desc' && after !== null ? `${after}\0` : END;
  const out: StoredDecision[] = [];
  for await (const packs of packRuns(db, lo, hi, order, Math.ceil(limit / PACK_ROWS) + 1)) {
    for (const r of rowsOf(packs, order, out.at(-1)?.id ?? after)) {
      out.push(r);
      if (out.length === limit) return out;
    }
  }
  return out;
}
