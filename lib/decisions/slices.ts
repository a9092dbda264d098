// The whole log cut into id ranges that can be read side by side (export-workers.ts): when
// every id carries its createdAt (ids.ts), primary-key order is log order, and a range of ids
// is a range of time. The ranges cover the whole key space, so a walk of all of them still
// meets every row and checks each (query.ts, rangeRead).

import { edgeKey, readRange } from './idb';
import { idTime, idTimePrefix, isTimeOrderedId } from './ids';
import { hasPacks, readPackedSlice } from './pack-reads';
import { hasResidual, plan, type DecisionFilter, type Order } from './query-plan';
import { tableIsOrdered } from './query';
import type { DecisionRecord } from './record';

/** Ids from `lower` (inclusive) to `upper` (exclusive); null = unbounded. */
export interface IdSlice {
  lower: string | null;
  upper: string | null;
}

/** A row whose id does not carry its time: the table's order is not the log's. */
export class UnorderedRow extends Error {}

/** Whether the filter selects every row (only such an export reads the table in slices). */
export function selectsAll(filter: DecisionFilter): boolean {
  const p = plan(filter);
  return !filter.from && !filter.to && p.prefixes.length === 0 && !hasResidual(filter, p.covers);
}

/**
 * `count` slices of equal time span, in log order for `order`, covering every id; null when
 * the table cannot be read in id order (a row whose id does not carry its time) or the filter
 * does not select everything. An empty table is one slice.
 */
export async function logSlices(
  db: IDBDatabase,
  filter: DecisionFilter,
  order: Order,
  count: number,
): Promise<IdSlice[] | null> {
  if (!selectsAll(filter) || !(await tableIsOrdered(db))) return null;
  const [first, last] = await Promise.all([edgeKey(db, 'next'), edgeKey(db, 'prev')]);
  const t0 = typeof first === 'string' ? idTime(first) : null;
  const t1 = typeof last === 'string' ? idTime(last) : null;
  const bounds: string[] = [];
  if (t0 !== null && t1 !== null) {
    const n = Math.max(1, Math.floor(count));
    for (let i = 1; i < n; i++) {
      const b = idTimePrefix(t0 + ((t1 - t0) * i) / n);
      if (b !== bounds[bounds.length - 1] && b > idTimePrefix(t0)) bounds.push(b);
    }
  }
  const edges = [null, ...bounds, null];
  const slices = edges.slice(1).map((upper, i) => ({ lower: edges[i]!, upper }));
  return order === 'asc' ? slices : slices.reverse();
}

function keyRange(s: IdSlice, lowerOpen: boolean): IDBKeyRange | null {
  if (s.lower !== null && s.upper !== null) {
    return s.lower < s.upper ? IDBKeyRange.bound(s.lower, s.upper, lowerOpen, true) : null;
  }
  if (s.lower !== null) return IDBKeyRange.lowerBound(s.lower, lowerOpen);
  if (s.upper !== null) return IDBKeyRange.upperBound(s.upper, true);
  return null;
}

/**
 * One slice's rows in chunks, in log order, the next chunk read while the caller handles this
 * one: from the packs (pack-reads.ts), or row by row in a database from before them. Throws
 * UnorderedRow when a row's id does not carry its time.
 */
export async function* readSlice(
  db: IDBDatabase,
  slice: IdSlice,
  order: Order,
  chunkSize: number,
): AsyncGenerator<DecisionRecord[], void, undefined> {
  if (!hasPacks(db)) return yield* readRows(db, slice, order, chunkSize);
  for await (const rows of readPackedSlice(db, slice, order, chunkSize)) {
    if (!rows.every((r) => isTimeOrderedId(r.id, r.createdAt))) throw new UnorderedRow();
    yield rows;
  }
}

async function* readRows(
  db: IDBDatabase,
  slice: IdSlice,
  order: Order,
  chunkSize: number,
): AsyncGenerator<DecisionRecord[], void, undefined> {
  const n = Math.max(1, Math.floor(chunkSize));
  const direction = order === 'desc' ? 'prev' : 'next';
  let rest = { ...slice };
  let open = false; // the lower bound, once it is a row already read (asc)
  const read = async (): Promise<DecisionRecord[]> => {
    const whole = rest.lower === null && rest.upper === null;
    const range = keyRange(rest, open);
    if (!range && !whole) return [];
    const rows = await readRange(db, null, range, direction, n);
    if (!rows.every((r) => isTimeOrderedId(r.id, r.createdAt))) throw new UnorderedRow();
    const last = rows[rows.length - 1];
    if (last) {
      if (order === 'asc') {
        rest = { ...rest, lower: last.id };
        open = true;
      } else rest = { ...rest, upper: last.id }; // exclusive already
    }
    return rows;
  };
  let next = read();
  for (;;) {
    const rows = await next;
    if (rows.length < n) {
      if (rows.length > 0) yield rows;
      return;
    }
    next = read();
    next.catch(() => undefined); // awaited on the next turn; unobserved if the consumer stops
    yield rows;
  }
}
