// Plain IndexedDB reads of the decision log. The worker owns the database through Dexie
// (db.ts: schema, upgrades, every write); the panel only reads, and reads it with these few
// lines instead of shipping Dexie's 30 KB gzip (issue 8's panel budget).

import type { StoredDecision } from './db';

/** Where the log is read from: Dexie's own connection in the worker, `openLogReader` in the panel. */
export interface LogSource {
  /** null: there is no database yet (nothing was ever decided). */
  idb(): Promise<IDBDatabase | null>;
}

/** The extension's one database (db.ts opens it with Dexie, the panel with `openLogReader`). */
export const DEFAULT_DB_NAME = 'cx-escalations';

export const DECISIONS_STORE = 'decisions';

/** The same rows a few hundred per record, for reading in bulk (packs.ts; db.ts SCHEMA[4]). */
export const PACKS_STORE = 'decisionPacks';

/** Index of the rows whose id does not carry their createdAt (db.ts SCHEMA[3]). */
export const UNORDERED_INDEX = 'unordered';

export function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

function source(
  db: IDBDatabase,
  index: string | null,
  store = DECISIONS_STORE,
): IDBObjectStore | IDBIndex {
  const table = db.transaction(store, 'readonly').objectStore(store);
  return index === null ? table : table.index(index);
}

type WithGetAllRecords = {
  getAllRecords?: (options: {
    query: IDBKeyRange | null;
    count: number;
    direction: IDBCursorDirection;
  }) => IDBRequest<{ value: unknown }[]>;
};

/**
 * Up to `limit` rows of `range` in key order (`next`) or reverse (`prev`), one request when the
 * browser can (getAll forward; getAllRecords backward, Chromium 141+), else one cursor walk.
 * `index` null reads the store by primary key; the store is the decisions unless named.
 */
export async function readRange<T = StoredDecision>(
  db: IDBDatabase,
  index: string | null,
  range: IDBKeyRange | null,
  direction: 'next' | 'prev',
  limit: number,
  store = DECISIONS_STORE,
): Promise<T[]> {
  const from = source(db, index, store);
  if (direction === 'next') return done(from.getAll(range, limit) as IDBRequest<T[]>);
  const fast = (from as unknown as WithGetAllRecords).getAllRecords;
  if (fast) {
    const records = await done(fast.call(from, { query: range, count: limit, direction }));
    return records.map((r) => r.value as T);
  }
  return new Promise((resolve, reject) => {
    const out: T[] = [];
    const request = from.openCursor(range, direction);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB cursor failed'));
    request.onsuccess = () => {
      const cursor = request.result;
      if (!cursor || out.length >= limit) return resolve(out);
      out.push(cursor.value as T);
      if (out.length >= limit) return resolve(out);
      cursor.continue();
    };
  });
}

/** Whether the decisions table has this index (an older database may not). */
export function hasIndex(db: IDBDatabase, index: string): boolean {
  return db
    .transaction(DECISIONS_STORE, 'readonly')
    .objectStore(DECISIONS_STORE)
    .indexNames.contains(index);
}

export function countRange(
  db: IDBDatabase,
  index: string | null,
  range: IDBKeyRange | null,
): Promise<number> {
  return done(source(db, index).count(range ?? undefined));
}

/** The first key of `index` strictly above `lower` (a key-only seek), or undefined. */
export async function firstKeyAbove(
  db: IDBDatabase,
  index: string,
  lower: IDBValidKey,
): Promise<IDBValidKey | undefined> {
  const idx = source(db, index) as IDBIndex;
  const cursor = await done(idx.openKeyCursor(IDBKeyRange.lowerBound(lower, true)));
  return cursor?.key;
}

/** The table's first (`next`) or last (`prev`) primary key, or undefined when it is empty. */
export async function edgeKey(
  db: IDBDatabase,
  direction: 'next' | 'prev',
): Promise<IDBValidKey | undefined> {
  const cursor = await done(source(db, null).openKeyCursor(null, direction));
  return cursor?.primaryKey;
}

/**
 * The panel's read-only connection. Never creates the database (that is the worker's, with
 * Dexie's versioning): a missing database reads as empty. Closes itself when the worker
 * upgrades the schema, and reopens on the next read.
 */
export function openLogReader(name: string): LogSource {
  let open: Promise<IDBDatabase | null> | null = null;
  const connect = () =>
    new Promise<IDBDatabase | null>((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onupgradeneeded = () => request.transaction?.abort(); // it did not exist
      request.onsuccess = () => {
        const db = request.result;
        db.onversionchange = () => {
          db.close();
          open = null;
        };
        db.onclose = () => (open = null); // closed by the browser (site data cleared, …)
        resolve(db);
      };
      request.onerror = (event) => {
        if (request.error?.name === 'AbortError') {
          event.preventDefault();
          open = null; // try again later: the worker may create it meanwhile
          resolve(null);
        } else {
          open = null; // the next read tries again
          reject(request.error ?? new Error('IndexedDB open failed'));
        }
      };
    });
  return {
    idb() {
      open ??= connect();
      return open;
    },
  };
}

/** The greatest primary key of `store` at or below `key`, or null (one key-cursor step). */
export async function keyAtOrBelow(store: IDBObjectStore, key: string): Promise<string | null> {
  const cursor = await done(store.openKeyCursor(IDBKeyRange.upperBound(key), 'prev'));
  return cursor ? (cursor.primaryKey as string) : null;
}

/** The least primary key of `store` strictly above `key`, or null (one key-cursor step). */
export async function keyAbove(store: IDBObjectStore, key: string): Promise<string | null> {
  const cursor = await done(store.openKeyCursor(IDBKeyRange.lowerBound(key, true)));
  return cursor ? (cursor.primaryKey as string) : null;
}
