// Reading the log from its packs (packs.ts) instead of row by row: the full export's slices
// (slices.ts) and the single walk of the whole log (query.ts). Each read takes a run of
// consecutive packs in one request and the next run starts after the last pack read, in its
// own short transaction; only rows past the last one handed out are kept. A row that was
// there all along is read exactly once even if writes split packs meanwhile: a split keeps
// rows inside their pack's span (new packs start above the old one's `lower`), and a pack
// goes only when it is empty. No read lists every pack's key: that walks the whole store.

import type { StoredDecision } from './db';
import { keyAtOrBelow, PACKS_STORE, readRange } from './idb';
import { PACK_ROWS, type DecisionPack } from './packs';
import type { IdSlice } from './slices';
import type { Order } from './query-plan';

/** Whether the database has packs (a reader may meet one from before database v4). */
export function hasPacks(db: IDBDatabase): boolean {
  return db.objectStoreNames.contains(PACKS_STORE);
}

/** The `lower` of the pack that holds `id`, or null when every pack starts above it. */
function packHolding(db: IDBDatabase, id: string): Promise<string | null> {
  return keyAtOrBelow(db.transaction(PACKS_STORE, 'readonly').objectStore(PACKS_STORE), id);
}

/** Packs whose `lower` is in [lo, hi] (null: unbounded), `hiOpen` excluding hi. */
interface PackSpan {
  lo: string | null;
  loOpen: boolean;
  hi: string | null;
  hiOpen: boolean;
}

function keyRange(s: PackSpan): IDBKeyRange | null {
  if (s.lo !== null && s.hi !== null) {
    if (s.lo > s.hi || (s.lo === s.hi && (s.loOpen || s.hiOpen))) return null;
    return IDBKeyRange.bound(s.lo, s.hi, s.loOpen, s.hiOpen);
  }
  if (s.lo !== null) return IDBKeyRange.lowerBound(s.lo, s.loOpen);
  if (s.hi !== null) return IDBKeyRange.upperBound(s.hi, s.hiOpen);
  return null;
}

/** The span's packs in `order`, `per` to a read; the next read starts while the caller
 * handles this one. */
async function* packRuns(
  db: IDBDatabase,
  span: PackSpan,
  order: Order,
  per: number,
): AsyncGenerator<DecisionPack[], void, undefined> {
  let rest = span;
  const read = async (): Promise<DecisionPack[]> => {
    const whole = rest.lo === null && rest.hi === null;
    const range = keyRange(rest);
    if (!range && !whole) return [];
    const got = await readRange<DecisionPack>(
      db,
      null,
      range,
      order === 'asc' ? 'next' : 'prev',
      per,
      PACKS_STORE,
    );
    const last = got[got.length - 1];
    if (last && order === 'asc') rest = { ...rest, lo: last.lower, loOpen: true };
    else if (last) rest = { ...rest, hi: last.lower, hiOpen: true };
    return got;
  };
  let next = read();
  for (;;) {
    const got = await next;
    if (got.length === 0) return;
    if (got.length < per) return yield got;
    next = read();
    next.catch(() => undefined); // awaited on the next turn; unobserved if the consumer stops
    yield got;
  }
}

/** The rows of `packs` (read in `order`) in that order, those `keep` selects, past `after`
 * (an id already handed out). */
function rowsOf(
  packs: DecisionPack[],
  order: Order,
  after: string | null,
  keep: (id: string) => boolean,
): StoredDecision[] {
  const out: StoredDecision[] = [];
  const asc = order === 'asc';
  for (const { rows } of packs) {
    for (let i = 0; i < rows.length; i++) {
      const r = rows[asc ? i : rows.length - 1 - i]!;
      if (after !== null && (asc ? r.id <= after : r.id >= after)) continue;
      if (keep(r.id)) out.push(r);
    }
  }
  return out;
}

/**
 * One slice's rows in log order, in chunks of about `chunkSize` (a run of packs each), the
 * next chunk read while the caller handles this one.
 */
export async function* readPackedSlice(
  db: IDBDatabase,
  slice: IdSlice,
  order: Order,
  chunkSize: number,
): AsyncGenerator<StoredDecision[], void, undefined> {
  const per = Math.max(1, Math.round(chunkSize / PACK_ROWS));
  // From the pack holding the slice's first id to the last pack starting below its end.
  const lo = slice.lower === null ? null : await packHolding(db, slice.lower);
  const span = { lo, loOpen: false, hi: slice.upper, hiOpen: true };
  const keep = (id: string) =>
    (slice.lower === null || id >= slice.lower) && (slice.upper === null || id < slice.upper);
  let after: string | null = null;
  for await (const packs of packRuns(db, span, order, per)) {
    const rows = rowsOf(packs, order, after, keep);
    if (rows.length === 0) continue;
    after = rows[rows.length - 1]!.id;
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
  const from = after === null ? null : await packHolding(db, after);
  // asc: from the pack holding `after` on; desc: from that pack down (none: nothing below).
  if (order === 'desc' && after !== null && from === null) return [];
  const span =
    order === 'asc'
      ? { lo: from, loOpen: false, hi: null, hiOpen: false }
      : { lo: null, loOpen: false, hi: from, hiOpen: false };
  const out: StoredDecision[] = [];
  const per = Math.ceil(limit / PACK_ROWS) + 1;
  let last = after;
  for await (const packs of packRuns(db, span, order, per)) {
    for (const r of rowsOf(packs, order, last, () => true)) {
      out.push(r);
      if (out.length === limit) return out;
    }
    last = out.length > 0 ? out[out.length - 1]!.id : last;
  }
  return out;
}
