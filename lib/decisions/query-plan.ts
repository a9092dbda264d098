// The log's filters and how a query uses the indexes: which `[field+createdAt+id]` index a
// filter is read through, what is left to check row by row, and the key bounds of a page.
// Readers: query.ts; counts: counts.ts.

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
  /** 'browser': only decisions made in this browser (the log's "This browser" scope); absent:
   * every row, the team's included (a decision is one row whichever way it came). */
  scope?: 'browser';
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

export type Key = IDBValidKey;
export type Tuple = Key[];

export const cmp = (a: Key, b: Key): number => indexedDB.cmp(a, b);

/** IDBKeyRange.bound, or null for an empty range (where bound() would throw). */
export function between(lo: Key, hi: Key, loOpen: boolean, hiOpen: boolean): IDBKeyRange | null {
  const c = cmp(lo, hi);
  if (c > 0 || (c === 0 && (loOpen || hiOpen))) return null;
  return IDBKeyRange.bound(lo, hi, loOpen, hiOpen);
}

export interface Plan {
  index: string;
  /** One range per value (merged in order); [] = the plain [createdAt+id] index. */
  prefixes: Key[];
  /** Filter fields the index range fully enforces (no residual check needed for counts). */
  covers: 'actions' | 'syncStates' | 'operatorEmail' | 'conversationId' | null;
}

export function effective<T>(values: readonly T[] | undefined, all: readonly T[]): T[] | null {
  if (!values || values.length === 0) return null;
  const set = new Set(values);
  return all.every((v) => set.has(v)) ? null : [...set];
}

/**
 * Most selective index first: a conversation, then an operator, then rare sync states
 * (pending/failed/cancelled are a sliver of the log), then actions, then any sync-state set.
 */
export function plan(filter: DecisionFilter): Plan {
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

export function hasResidual(filter: DecisionFilter, covers: Plan['covers']): boolean {
  return (
    (covers !== 'conversationId' && filter.conversationId !== undefined) ||
    (covers !== 'operatorEmail' && filter.operatorEmail !== undefined) ||
    (covers !== 'syncStates' && effective(filter.syncStates, SYNC_STATES) !== null) ||
    (covers !== 'actions' && effective(filter.actions, DECISION_ACTIONS) !== null) ||
    filter.mock !== undefined ||
    filter.scope !== undefined ||
    needle(filter) !== null
  );
}

function needle(filter: DecisionFilter): string | null {
  const t = filter.text?.trim().toLowerCase();
  return t ? t : null;
}

export function matcher(filter: DecisionFilter): (r: DecisionRecord) => boolean {
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
      (filter.scope === undefined || r.source !== 'team') &&
      (text === null || has(r.note) || has(r.replyBody) || has(r.operatorEmail))
    );
  };
}

// Key-part sentinels: in IndexedDB order numbers < dates < strings < arrays. A fresh `[]`
// each time: the key spec rejects one array object appearing twice in a key.
export const LOW = -Infinity;
export const high = (): Key => [];

export interface Bounds {
  lower: Tuple; // (createdAt, id)
  lowerOpen: boolean;
  upper: Tuple;
  upperOpen: boolean;
}

export function bounds(
  filter: DecisionFilter,
  cursor: DecisionCursor | null,
  order: Order,
): Bounds {
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
