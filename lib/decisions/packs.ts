// The decision log packed for reading in bulk (docs/DECISION-LOG.md, "Packs"). IndexedDB
// spends most of a full read on per-record overhead, not on bytes: 100,000 records read in
// ~1.3 s here, the same rows as 400 records of 256 in ~0.27 s. So the table has a mirror,
// `decisionPacks`: consecutive rows in primary-key order, a few hundred per record, kept in
// the same transaction as every write (pack-middleware.ts). Pure: what a write does to packs.

import type { StoredDecision } from './db';

/** A pack holds the rows whose id is ≥ `lower` and < the next pack's `lower`, sorted by id.
 * The first pack's `lower` is '' (below every id). */
export interface DecisionPack {
  lower: string;
  rows: StoredDecision[];
}

/** Rows per pack after a split: packs hold PACK_ROWS … 2 × PACK_ROWS − 1 rows (the first
 * and the last may hold fewer). ~64–128 KB each: a write rewrites one pack. */
export const PACK_ROWS = 128;

/** The pack an id belongs in: the greatest `lower` ≤ id; '' when there is none yet. */
export function packOf(lowers: readonly string[], id: string): string {
  let lo = 0;
  let hi = lowers.length - 1;
  let found = '';
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const k = lowers[mid]!;
    if (k <= id) {
      found = k;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** `ids` grouped by the pack they belong in (`lowers` sorted ascending). */
export function groupByPack(
  lowers: readonly string[],
  ids: Iterable<string>,
): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const id of ids) {
    const lower = packOf(lowers, id);
    const group = groups.get(lower);
    if (group) group.push(id);
    else groups.set(lower, [id]);
  }
  return groups;
}

/** The rows with `values` written over them: a row of the same id replaced, others inserted. */
export function upsertRows(
  rows: readonly StoredDecision[],
  values: readonly StoredDecision[],
): StoredDecision[] {
  const incoming = new Map(values.map((v) => [v.id, v])); // the last write of an id wins
  const out = rows.map((r) => {
    const v = incoming.get(r.id);
    if (v) incoming.delete(r.id);
    return v ?? r;
  });
  return incoming.size === 0 ? out : [...out, ...incoming.values()].sort(byId);
}

/** The rows without those `drop` selects. */
export function removeRows(
  rows: readonly StoredDecision[],
  drop: (id: string) => boolean,
): StoredDecision[] {
  return rows.filter((r) => !drop(r.id));
}

/**
 * A pack as stored: none when it is empty, itself when small enough, else cut into pieces of
 * PACK_ROWS … 2 × PACK_ROWS − 1 rows, the first keeping the pack's `lower`, each other keyed
 * by its first id (so every id still maps to the piece that holds it).
 */
export function splitPack(pack: DecisionPack): DecisionPack[] {
  const n = pack.rows.length;
  if (n === 0) return [];
  if (n < 2 * PACK_ROWS) return [pack];
  const pieces = Math.floor(n / PACK_ROWS);
  const out: DecisionPack[] = [];
  for (let i = 0; i < pieces; i++) {
    const rows = pack.rows.slice(Math.floor((i * n) / pieces), Math.floor(((i + 1) * n) / pieces));
    out.push({ lower: i === 0 ? pack.lower : rows[0]!.id, rows });
  }
  return out;
}

/** The whole table as packs (rows in any order): the upgrade that creates the store. */
export function packAll(rows: readonly StoredDecision[]): DecisionPack[] {
  const sorted = [...rows].sort(byId);
  return splitPack({ lower: '', rows: sorted });
}

function byId(a: StoredDecision, b: StoredDecision): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
