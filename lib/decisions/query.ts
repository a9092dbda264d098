// Log view queries over the decisions table: newest first, keyset-paged on (createdAt, id),
// driven by the most selective `[field+createdAt+id]` index. Never an offset: page N costs
// the same as page 1 at 100,000 rows. A walk of the whole log (an unfiltered export) reads the
// table itself when every id carries its createdAt (ids.ts): primary-key order is then log
// order, without the index's second lookup per row. Plain IndexedDB (idb.ts): the panel runs
// this without Dexie.

import { isTimeOrderedId } from './ids';
import {
  UNORDERED_INDEX,
  countRange,
  firstKeyAbove,
  hasIndex,
  readRange,
  type LogSource,
} from './idb';
import {
  DECISION_ACTIONS,
  SYNC_STATES,
  type DecisionAction,
  type DecisionRecord,
  type SyncState,
} from './record';

export interface DecisionFilter {
  /** Inclusive. */
  from?: Date | null;
  /** Exclusive: pass the start of the day after the last day wanted. */
  to?: Date | null;
  /** Any of these; empty or absent = all actions. */
  actions?: readonly DecisionAction[];
  /** Exact match. */
  operatorEmail?: string;
  conversationId?: number;
  /** Any of these; empty or absent = all states. */
  syncStates?: readonly SyncState[];
  /** Case-insensitive substring of note, reply body or operator email. */
  text?: string;
  mock?: boolean;
}

/** Position in the (createdAt, id) order; the last row of a page. */
export interface DecisionCursor {
  createdAt: Date;
  id: string;
}

export interface PageRequest {
  limit: number;
  /** Rows strictly older than this position (in (createdAt, id) order). */
  before?: DecisionCursor | null;
  /**
   * Stop after examining this many rows even if the page isn't full (a rare text match over
   * 100k rows). `nextCursor` then continues the search. Default: no limit.
   */
  maxScan?: number;
}

export interface DecisionPage {
  rows: DecisionRecord[];
  /** Pass as `before` for the next page; null when nothing older remains. */
  nextCursor: DecisionCursor | null;
}

export type Order = 'desc' | 'asc';

// --- Plan -------------------------------------------------------------------------------

type Key = IDBValidKey;
type Tuple = Key[];

const cmp = (a: Key, b: Key): number => indexedDB.cmp(a, b);

/** IDBKeyRange.bound, or null for an empty range (where bound() would throw). */
function between(lo: Key, hi: Key, loOpen: boolean, hiOpen: boolean): IDBKeyRange | null {
  const c = cmp(lo, hi);
  if (c > 0 || (c === 0 && (loOpen || hiOpen))) return null;
  return IDBKeyRange.bound(lo, hi, loOpen, hiOpen);
}

interface Plan {
  index: string;
  /** One range per value (merged in order); [] = the plain [createdAt+id] index. */
  prefixes: Key[];
  /** Filter fields the index range fully enforces (no residual check needed for counts). */
  covers: 'actions' | 'syncStates' | 'operatorEmail' | 'conversationId' | null;
}

function effective<T>(values: readonly T[] | undefined, all: readonly T[]): T[] | null {
  if (!values || values.length === 0) return null;
  const set = new Set(values);
  return all.every((v) => set.has(v)) ? null : [...set];
}

/**
 * Most selective index first: a conversation, then an operator, then rare sync states
 * (pending/failed/cancelled are a sliver of the log), then actions, then any sync-state set.
 */
function plan(filter: DecisionFilter): Plan {
  if (filter.conversationId !== undefined) {
    return {
      index: '[conversationId+createdAt+id]',
      prefixes: [filter.conversationId],
      covers: 'conversationId',
    };
  }
  if (filter.operatorEmail !== undefined) {
    return {
      index: '[operatorEmail+createdAt+id]',
      prefixes: [filter.operatorEmail],
      covers: 'operatorEmail',
    };
  }
  const states = effective(filter.syncStates, SYNC_STATES);
  if (states && !states.includes('sent')) {
    return { index: '[syncState+createdAt+id]', prefixes: states, covers: 'syncStates' };
  }
  const actions = effective(filter.actions, DECISION_ACTIONS);
  if (actions) return { index: '[action+createdAt+id]', prefixes: actions, covers: 'actions' };
  if (states) return { index: '[syncState+createdAt+id]', prefixes: states, covers: 'syncStates' };
  return { index: '[createdAt+id]', prefixes: [], covers: null };
}

function hasResidual(filter: DecisionFilter, covers: Plan['covers']): boolean {
  return (
    (covers !== 'conversationId' && filter.conversationId !== undefined) ||
    (covers !== 'operatorEmail' && filter.operatorEmail !== undefined) ||
    (covers !== 'syncStates' && effective(filter.syncStates, SYNC_STATES) !== null) ||
    (covers !== 'actions' && effective(filter.actions, DECISION_ACTIONS) !== null) ||
    filter.mock !== undefined ||
    needle(filter) !== null
  );
}

function needle(filter: DecisionFilter): string | null {
  const t = filter.text?.trim().toLowerCase();
  return t ? t : null;
}

function matcher(filter: DecisionFilter): (r: DecisionRecord) => boolean {
  const actions = effective(filter.actions, DECISION_ACTIONS);
  const states = effective(filter.syncStates, SYNC_STATES);
  const text = needle(filter);
  const from = filter.from?.getTime();
  const to = filter.to?.getTime();
  const has = (s: string | null | undefined): boolean =>
    !!s && text !== null && s.toLowerCase().includes(text);
  return (r) => {
    const t = r.createdAt.getTime();
    return (
      (from === undefined || t >= from) &&
      (to === undefined || t < to) &&
      (actions === null || actions.includes(r.action)) &&
      (states === null || states.includes(r.syncState)) &&
      (filter.operatorEmail === undefined || r.operatorEmail === filter.operatorEmail) &&
      (filter.conversationId === undefined || r.conversationId === filter.conversationId) &&
      (filter.mock === undefined || r.mock === filter.mock) &&
      (text === null || has(r.note) || has(r.replyBody) || has(r.operatorEmail))
    );
  };
}

// --- Range readers ----------------------------------------------------------------------

// Key-part sentinels: in IndexedDB order numbers < dates < strings < arrays. A fresh `[]`
// each time: the key spec rejects one array object appearing twice in a key.
const LOW = -Infinity;
const high = (): Key => [];

interface Bounds {
  lower: Tuple; // (createdAt, id)
  lowerOpen: boolean;
  upper: Tuple;
  upperOpen: boolean;
}

function bounds(filter: DecisionFilter, cursor: DecisionCursor | null, order: Order): Bounds {
  let lower: Tuple = filter.from ? [filter.from, LOW] : [LOW, LOW];
  let lowerOpen = false;
  let upper: Tuple = filter.to ? [filter.to, LOW] : [high(), high()];
  let upperOpen = !!filter.to;
  if (cursor) {
    const c: Tuple = [cursor.createdAt, cursor.id];
    if (order === 'desc' && cmp(c, upper) <= 0) {
      upper = c;
      upperOpen = true;
    } else if (order === 'asc' && cmp(c, lower) >= 0) {
      lower = c;
      lowerOpen = true;
    }
  }
  return { lower, lowerOpen, upper, upperOpen };
}

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
async function tableIsOrdered(db: IDBDatabase): Promise<boolean> {
  if (unmarked.has(db) || !hasIndex(db, UNORDERED_INDEX)) return false;
  return (await countRange(db, UNORDERED_INDEX, null)) === 0;
}

/** The primary-key range past the cursor (the whole table without one). */
function idRange(after: DecisionCursor | null, order: Order): IDBKeyRange | null {
  if (!after) return null;
  return order === 'asc'
    ? IDBKeyRange.lowerBound(after.id, true)
    : IDBKeyRange.upperBound(after.id, true);
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
  if (!whole || !unbounded || !(await tableIsOrdered(db))) return indexRead;
  return async (after, limit) => {
    // A position taken on the index (an older row's random id) means nothing in the table.
    if (after && !isTimeOrderedId(after.id, after.createdAt)) return indexRead(after, limit);
    const rows = await readRange(db, null, idRange(after, order), direction, limit);
    // Trust, but check: a row written around Dexie's hooks would be read out of place.
    if (!rows.every((r) => isTimeOrderedId(r.id, r.createdAt))) {
      unmarked.add(db);
      throw new OutOfOrderRow('decision log: a row is out of primary-key order');
    }
    return rows;
  };
}

/** `scan` in arrays: bulk reads (growing batches) when the plan is one range. */
async function* scanBatches(
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
    const last = rows[rows.length - 1];
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
async function orIndex<T>(read: () => Promise<T>): Promise<T> {
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
      const last = rows[rows.length - 1];
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

export type ActionCounts = Record<DecisionAction, number>;

function zeroCounts(): ActionCounts {
  return Object.fromEntries(DECISION_ACTIONS.map((a) => [a, 0])) as ActionCounts;
}

async function countsIn(db: IDBDatabase, filter: DecisionFilter): Promise<ActionCounts> {
  const counts = zeroCounts();
  const p = plan(filter);
  if ((p.covers === 'actions' || p.covers === null) && !hasResidual(filter, p.covers)) {
    const b = bounds(filter, null, 'desc');
    const actions = effective(filter.actions, DECISION_ACTIONS) ?? DECISION_ACTIONS;
    const n = await Promise.all(
      actions.map((a) => {
        const range = between([a, ...b.lower], [a, ...b.upper], b.lowerOpen, b.upperOpen);
        return range ? countRange(db, '[action+createdAt+id]', range) : 0;
      }),
    );
    actions.forEach((a, i) => (counts[a] = n[i] ?? 0));
    return counts;
  }
  const match = matcher(filter);
  for await (const batch of scanBatches(db, filter, null, 'desc', 500, true)) {
    for (const r of batch) if (match(r)) counts[r.action] += 1;
  }
  return counts;
}

/**
 * Decisions per action under `filter` (actions outside `filter.actions` count 0; drop
 * `actions` from the filter for facet counts). Pure index counts when the filter is only a
 * date range and/or actions; otherwise one pass over the best range.
 */
export async function countByAction(src: LogSource, filter: DecisionFilter): Promise<ActionCounts> {
  const db = await src.idb();
  return db ? orIndex(() => countsIn(db, filter)) : zeroCounts();
}

/** Total matching decisions (e.g. the export's progress bar denominator). */
export async function countDecisions(src: LogSource, filter: DecisionFilter): Promise<number> {
  const db = await src.idb();
  if (!db) return 0;
  const p = plan(filter);
  if (hasResidual(filter, p.covers)) {
    const c = await orIndex(() => countsIn(db, filter));
    return DECISION_ACTIONS.reduce((sum, a) => sum + c[a], 0);
  }
  if (p.prefixes.length === 0 && !filter.from && !filter.to) {
    // The whole table: counting its keys is ~8x faster than the same count on the index.
    return countRange(db, null, null);
  }
  const b = bounds(filter, null, 'desc');
  const prefixes: Key[][] = p.prefixes.length === 0 ? [[]] : p.prefixes.map((v) => [v]);
  const n = await Promise.all(
    prefixes.map((pre) => {
      const range = between([...pre, ...b.lower], [...pre, ...b.upper], b.lowerOpen, b.upperOpen);
      return range ? countRange(db, p.index, range) : 0;
    }),
  );
  return n.reduce((sum, x) => sum + x, 0);
}

/**
 * Distinct operator emails, in index order, for the log's operator filter. One index seek
 * per operator (jumping past each one's rows), not a scan of the log.
 */
export async function listOperators(src: LogSource, max = 200): Promise<string[]> {
  const db = await src.idb();
  const out: string[] = [];
  if (!db) return out;
  // [email, []] sorts after every [email, createdAt, id]: arrays follow dates and strings.
  let lower: Key = LOW;
  while (out.length < max) {
    const key = await firstKeyAbove(db, '[operatorEmail+createdAt+id]', lower);
    const email: unknown = Array.isArray(key) ? key[0] : undefined;
    if (typeof email !== 'string') break;
    out.push(email);
    lower = [email, high()];
  }
  return out;
}
