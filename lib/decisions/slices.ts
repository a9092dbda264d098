// The whole log cut into id ranges that can be read side by side (export-workers.ts): when
// every id carries its createdAt (ids.ts), primary-key order is log order, and a range of ids
// is a range of time. The ranges cover the whole key space, so a walk of all of them still
// meets every row and checks each (query.ts, rangeRead).

import { edgeKey } from './idb';
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
 * the table cannot be read in id order (a row whose id does not carry its time), has no
 * packs (a database from before v4: one walk on the index, as query.ts does) or the filter
 * does not select everything. An empty table is one slice.
 */
export async function logSlices(
  db: IDBDatabase,
  filter: DecisionFilter,
  order: Order,
  count: number,
): Promise<IdSlice[] | null> {
  if (!selectsAll(filter) || !hasPacks(db) || !(await tableIsOrdered(db))) return null;
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

/**
 * One slice's rows in chunks, in log order, from the packs (pack-reads.ts). Throws
 * UnorderedRow when a row's id does not carry its time.
 */
export async function* readSlice(
  db: IDBDatabase,
  slice: IdSlice,
  order: Order,
  chunkSize: number,
): AsyncGenerator<DecisionRecord[], void, undefined> {
  for await (const rows of readPackedSlice(db, slice, order, chunkSize)) {
    if (!rows.every((r) => isTimeOrderedId(r.id, r.createdAt))) throw new UnorderedRow();
    yield rows;
  }
}
