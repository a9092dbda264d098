// Log view queries over the decisions table: newest first, keyset-paged on (createdAt, id),
// driven by the most selective `[field+createdAt+id]` index. Never an offset: page N costs
// the same as page 1 at 100,000 rows. A walk of the whole log (an unfiltered export) reads the
// table itself when every id carries its createdAt (ids.ts): primary-key order is then log
// order, without the index's second lookup per row. Plain IndexedDB (idb.ts): the panel runs
// this without Dexie.

import { isTimeOrderedId } from './ids';
import { countRange, hasIndex, readRange, UNORDERED_INDEX, type LogSource } from './idb';
import { hasPacks, readPackedAfter } from './pack-reads';
import {
  between,
  bounds,
  hasResidual,
  matcher,
  plan,
  type Bounds,
  type DecisionCursor,
  type DecisionFilter,
  type DecisionPage,
  type Key,
  type Order,
  type PageRequest,
  type Tuple,
} from './query-plan';
import type { DecisionRecord } from './record';

export type {
  DecisionCursor,
  DecisionFilter,
  DecisionPage,
  Order,
  PageRequest,
} from './query-plan';

// --- Range readers ----------------------------------------------------------------------

function cursorOf(r: DecisionRecord): DecisionCursor {
  return { createdAt: r.createdAt, id: r.id };
}

/** Before in the given order: newer for desc, older for asc. */
function comesFirst(a: DecisionRecord, b: DecisionRecord, order: Order): boolean {
  const d =
    a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return order === 'desc' ? d > 0 : d < 0;
}

/** Walks one index range in batches, continuing each batch from the last key read. */
class RangeReader {
  private buf: DecisionRecord[] = [];
  private pos = 0;
  private done = false;
  private b: Bounds;

  constructor(
    private readonly db: IDBDatabase,
    private readonly index: string,
    private readonly prefix: Key[],
    b: Bounds,
    private readonly order: Order,
    private batch: number,
  ) {
    this.b = { ...b };
  }

  /** The next record without consuming it; null at the end. */
  async peek(): Promise<DecisionRecord | null> {
    if (this.pos < this.buf.length) return this.buf[this.pos]!;
    if (this.done) return null;
    const { lower, lowerOpen, upper, upperOpen } = this.b;
    const range = between(
      [...this.prefix, ...lower],
      [...this.prefix, ...upper],
      lowerOpen,
      upperOpen,
    );
    if (!range) {
      this.done = true;
      return null;
    }
    this.buf = await readRange(
      this.db,
      this.index,
      range,
      this.order === 'desc' ? 'prev' : 'next',
      this.batch,
    );
    this.pos = 0;
    if (this.buf.length < this.batch) this.done = true;
    const last = this.buf[this.buf.length - 1];
    if (last) {
      if (this.order === 'desc')
        this.b = { ...this.b, upper: [last.createdAt, last.id], upperOpen: true };
      else this.b = { ...this.b, lower: [last.createdAt, last.id], lowerOpen: true };
    }
    // Later batches grow: a residual filter may be rejecting most rows.
    this.batch = Math.min(this.batch * 2, 2_000);
    return this.buf[0] ?? null;
  }

  take(): void {
    this.pos += 1;
  }
}

/** Yields records from all ranges merged in (createdAt, id) order. */
async function* scan(
  db: IDBDatabase,
  filter: DecisionFilter,
  cursor: DecisionCursor | null,
  order: Order,
  firstBatch: number,
): AsyncGenerator<DecisionRecord, void, undefined> {
  const p = plan(filter);
  const b = bounds(filter, cursor, order);
  const prefixes: Key[][] = p.prefixes.length === 0 ? [[]] : p.prefixes.map((v) => [v]);
  const readers = prefixes.map((pre) => new RangeReader(db, p.index, pre, b, order, firstBatch));
  for (;;) {
    let best: RangeReader | null = null;
    let bestRow: DecisionRecord | null = null;
    for (const r of readers) {
      const row = await r.peek();
      if (row && (!bestRow || comesFirst(row, bestRow, order))) {
        best = r;
        bestRow = row;
      }
    }
    if (!best || !bestRow) return;
    best.take();
    yield bestRow;
  }
}

type BatchReader = (after: DecisionCursor | null, limit: number) => Promise<DecisionRecord[]>;

/** Connections that met a row the hooks did not mark (written around Dexie): index only. */
const unmarked = new WeakSet<IDBDatabase>();

/** A table read met a row whose id does not carry its time: the read is redone on the index. */
class OutOfOrderRow extends Error {}

/** An export that had already handed rows out met such a row: it stops; the next one is whole. */
export class LogOrderChanged extends Error {
  constructor() {
    super('Some decisions were stored out of order. Export again.');
  }
}

/** Whether every row's id carries its createdAt (ids.ts): then primary-key order is log order. */
export async function tableIsOrdered(db: IDBDatabase): Promise<boolean> {
  if (unmarked.has(db) || !hasIndex(db, UNORDERED_INDEX)) return false;
  return (await countRange(db, UNORDERED_INDEX, null)) === 0;
}

/**
 * Bulk reads over a single-range plan (at most one prefix), continuing after a cursor: one
 * IndexedDB read per batch instead of an await per row, most of the CPU of a scan or an
 * export at 100,000 rows. Null when the plan merges several ranges.
 *
 * `whole`: the caller reads to the end. Only such a walk, with no date bound, reads the table:
 * it then meets every row, so an unmarked one (written around Dexie's hooks) cannot be skipped
 * unseen. Pages and date ranges keep to the indexes, which are right whatever the ids.
 */
async function rangeRead(
  db: IDBDatabase,
  filter: DecisionFilter,
  order: Order,
  whole: boolean,
): Promise<BatchReader | null> {
  const p = plan(filter);
  if (p.prefixes.length > 1) return null;
  const direction = order === 'desc' ? 'prev' : 'next';
  const prefix: Tuple = p.prefixes.length === 0 ? [] : [p.prefixes[0]!];
  const indexRead: BatchReader = async (after, limit) => {
    const b = bounds(filter, after, order);
    const range = between(
      [...prefix, ...b.lower],
      [...prefix, ...b.upper],
      b.lowerOpen,
      b.upperOpen,
    );
    return range ? readRange(db, p.index, range, direction, limit) : [];
  };
  const unbounded = !filter.from && !filter.to && p.prefixes.length === 0;
  // A database from before the packs (v4) is walked on the index.
  if (!whole || !unbounded || !hasPacks(db) || !(await tableIsOrdered(db))) return indexRead;
  return async (after, limit) => {
    // A position taken on the index (an older row's random id) means nothing in the table.
    if (after && !isTimeOrderedId(after.id, after.createdAt)) return indexRead(after, limit);
    const rows = await readPackedAfter(db, after?.id ?? null, order, limit);
    // Trust, but check: a row written around Dexie's hooks would be read out of place.
    if (!rows.every((r) => isTimeOrderedId(r.id, r.createdAt))) {
      unmarked.add(db);
      throw new OutOfOrderRow('decision log: a row is out of primary-key order');
    }
    return rows;
  };
}

/** `scan` in arrays: bulk reads (growing batches) when the plan is one range. */
export async function* scanBatches(
  db: IDBDatabase,
  filter: DecisionFilter,
  cursor: DecisionCursor | null,
  order: Order,
  firstBatch: number,
  whole: boolean,
): AsyncGenerator<DecisionRecord[], void, undefined> {
  const read = await rangeRead(db, filter, order, whole);
  if (!read) {
    let buf: DecisionRecord[] = [];
    for await (const r of scan(db, filter, cursor, order, firstBatch)) {
      buf.push(r);
      if (buf.length >= 256) {
        yield buf;
        buf = [];
      }
    }
    if (buf.length > 0) yield buf;
    return;
  }
  let after = cursor;
  let batch = Math.max(1, firstBatch);
  for (;;) {
    const rows = await read(after, batch);
    const last = rows.at(-1);
    if (last) yield rows;
    if (!last || rows.length < batch) return;
    after = cursorOf(last);
    // Later batches grow: a residual filter may be rejecting most rows.
    batch = Math.min(batch * 2, 2_000);
  }
}

async function fetchPage(
  db: IDBDatabase,
  filter: DecisionFilter,
  limit: number,
  cursor: DecisionCursor | null,
  order: Order,
  maxScan: number,
  /** The caller pages on to the end (see rangeRead). */
  whole = false,
): Promise<DecisionPage> {
  const n = Math.max(1, Math.floor(limit));
  const budget = Math.max(1, maxScan);
  const match = matcher(filter);
  // No enclosing transaction: each batch is its own read, and keyset continuation keeps the
  // walk consistent without one (a transaction would not outlive the awaits between batches).
  const rows: DecisionRecord[] = [];
  let scanned = 0;
  let last: DecisionRecord | null = null;
  // One extra row tells whether anything follows the page.
  for await (const batch of scanBatches(db, filter, cursor, order, n + 1, whole)) {
    for (const r of batch) {
      if (last && (rows.length === n || scanned >= budget)) {
        return { rows, nextCursor: cursorOf(last) };
      }
      scanned += 1;
      last = r;
      if (match(r)) rows.push(r);
    }
  }
  return { rows, nextCursor: null };
}

/** Runs a read; if the table turned out to hold an unmarked row, once more on the indexes. */
export async function orIndex<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof OutOfOrderRow) return read();
    throw error;
  }
}

// --- Public -----------------------------------------------------------------------------

/** One page of the log, newest first. */
export async function queryDecisions(
  src: LogSource,
  filter: DecisionFilter,
  page: PageRequest,
): Promise<DecisionPage> {
  const db = await src.idb();
  if (!db) return { rows: [], nextCursor: null };
  // A page never reads the table (see rangeRead), so it needs no fallback.
  return fetchPage(db, filter, page.limit, page.before ?? null, 'desc', page.maxScan ?? Infinity);
}

/**
 * Every matching decision in chunks (for export and purge-with-export). Each chunk is read
 * in its own short transaction, so the consumer may await between chunks (file writes);
 * stop iterating to cancel. Rows written during the walk appear only if they sort after
 * the current position.
 */
export async function* iterateDecisions(
  src: LogSource,
  filter: DecisionFilter,
  chunkSize: number,
  order: Order = 'desc',
): AsyncGenerator<DecisionRecord[], void, undefined> {
  const db = await src.idb();
  if (!db) return;
  let yielded = false;
  try {
    for await (const rows of walk(db, filter, chunkSize, order)) {
      yielded = true;
      yield rows;
    }
  } catch (error) {
    if (!(error instanceof OutOfOrderRow)) throw error;
    // Rows already handed out cannot be taken back; the next walk uses the indexes.
    if (yielded) throw new LogOrderChanged();
    yield* walk(db, filter, chunkSize, order);
  }
}

async function* walk(
  db: IDBDatabase,
  filter: DecisionFilter,
  chunkSize: number,
  order: Order,
): AsyncGenerator<DecisionRecord[], void, undefined> {
  const read = hasResidual(filter, plan(filter).covers)
    ? null
    : await rangeRead(db, filter, order, true);
  if (read) {
    const n = Math.max(1, Math.floor(chunkSize));
    // The next chunk is read while the consumer handles this one (an export formats it).
    let next = read(null, n);
    for (;;) {
      const rows = await next;
      const last = rows.at(-1);
      if (!last || rows.length < n) {
        if (last) yield rows;
        return;
      }
      next = read(cursorOf(last), n);
      next.catch(() => undefined); // awaited on the next turn; unobserved if the consumer stops
      yield rows;
    }
  }
  let cursor: DecisionCursor | null = null;
  for (;;) {
    const page: DecisionPage = await fetchPage(
      db,
      filter,
      chunkSize,
      cursor,
      order,
      Infinity,
      true,
    );
    if (page.rows.length > 0) yield page.rows;
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}
