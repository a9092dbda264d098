// Counts over the log: per action, in total (the export's progress), and its operators —
// from index key counts where the filter allows, else one pass over the best range.

import { countRange, firstKeyAbove, type LogSource } from './idb';
import { orIndex, scanBatches } from './query';
import {
  LOW,
  between,
  bounds,
  effective,
  hasResidual,
  high,
  matcher,
  plan,
  type DecisionFilter,
  type Key,
} from './query-plan';
import { DECISION_ACTIONS, type DecisionAction } from './record';

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
