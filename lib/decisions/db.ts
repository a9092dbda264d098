// The decision log, the outbox's table and small durable values, in IndexedDB via Dexie. The
// outbox's reads and writes are lib/outbox/store.ts.
// No chrome APIs here: the service worker and the panel both open this database.
//
// Every schema version stays listed (Dexie replays them to upgrade old installs); add a new
// version() for any change and never edit a shipped one.

import Dexie, { type DexieOptions, type EntityTable, type Table, type Transaction } from 'dexie';
import { DEFAULT_DB_NAME } from './idb';
import { isTimeOrderedId } from './ids';
import { packMiddleware, rebuildPacks } from './pack-middleware';
import type { DecisionPack } from './packs';
import type { DecisionRecord } from './record';
import type { OutboxEntry } from '../outbox/store';

export { DEFAULT_DB_NAME };

/** Dexie store specs per version. Exported so tests can build an old database. */
export const SCHEMA = {
  1: {
    decisions: 'id, createdAt, action, conversationId, syncState',
  },
  2: {
    // Log view: newest first under one equality filter, keyset-paged. `id` ends every
    // compound key so (createdAt, id) is a total order even when timestamps tie.
    decisions:
      'id, [createdAt+id], [action+createdAt+id], [operatorEmail+createdAt+id], ' +
      '[conversationId+createdAt+id], [syncState+createdAt+id]',
    // `seq` (auto-increment) is the enqueue order; one entry per decision.
    outbox: '++seq, &decisionId, [conversationKey+seq]',
    kv: 'key',
  },
  3: {
    // `requestId`: the panel's confirmation id (a re-sent submit finds its decision).
    // `unordered`: set only on rows whose id does not carry their createdAt (lib/decisions/ids.ts);
    // while any exists, readers walk the index instead of the table (lib/decisions/query.ts).
    decisions:
      'id, [createdAt+id], [action+createdAt+id], [operatorEmail+createdAt+id], ' +
      '[conversationId+createdAt+id], [syncState+createdAt+id], requestId, unordered',
  },
  4: {
    // The decisions again, consecutive rows packed by a few hundred (packs.ts), kept by
    // pack-middleware.ts in every write's transaction: the full export reads these.
    decisionPacks: 'lower',
  },
} as const;

export const CURRENT_VERSION = 4;

/** A decision as stored: the record plus the storage-only order mark. */
export type StoredDecision = DecisionRecord & { unordered?: 1 };

export interface KvRow {
  key: string;
  value: unknown;
}

export class DecisionsDb extends Dexie {
  // Plain Table where the key is always supplied; EntityTable where IndexedDB assigns it.
  declare decisions: Table<DecisionRecord, string>;
  declare outbox: EntityTable<OutboxEntry, 'seq'>;
  declare kv: Table<KvRow, string>;
  declare decisionPacks: Table<DecisionPack, string>;

  constructor(name: string = DEFAULT_DB_NAME, options?: DexieOptions) {
    super(name, options);
    this.version(1).stores(SCHEMA[1]);
    this.version(2).stores(SCHEMA[2]).upgrade(upgradeToV2);
    this.version(3).stores(SCHEMA[3]).upgrade(upgradeToV3);
    this.version(4).stores(SCHEMA[4]).upgrade(rebuildPacks);
    this.use(packMiddleware);
    // Every write keeps the mark true, whoever makes the id (tests, imports, old code).
    this.decisions.hook('creating', (_key, obj: StoredDecision) => {
      if (isTimeOrderedId(obj.id, obj.createdAt)) delete obj.unordered;
      else obj.unordered = 1;
    });
    this.decisions.hook('updating', (mods: Partial<DecisionRecord>, _key, obj: StoredDecision) => {
      if (!('createdAt' in mods)) return undefined;
      const createdAt = mods.createdAt;
      const ordered = createdAt instanceof Date && isTimeOrderedId(obj.id, createdAt);
      return { unordered: ordered ? undefined : 1 };
    });
  }

  /** The native connection, for the readers in query.ts (they run in the panel without Dexie). */
  async idb(): Promise<IDBDatabase> {
    if (!this.isOpen()) await this.open();
    return this.backendDB();
  }
}

/** Marks the rows written before ids carried their time (random UUIDs). */
async function upgradeToV3(tx: Transaction): Promise<void> {
  await tx
    .table('decisions')
    .toCollection()
    .modify((r: StoredDecision) => {
      if (isTimeOrderedId(r.id, r.createdAt)) delete r.unordered;
      else r.unordered = 1;
    });
}

/** v1 rows predate mock/attempts/updatedAt; fill every field v2 code relies on. */
async function upgradeToV2(tx: Transaction): Promise<void> {
  await tx
    .table('decisions')
    .toCollection()
    .modify((r: Record<string, unknown>) => {
      if (typeof r.createdAt === 'string' || typeof r.createdAt === 'number') {
        r.createdAt = new Date(r.createdAt);
      }
      const origin = typeof r.chatwootOrigin === 'string' ? r.chatwootOrigin : '';
      r.chatwootOrigin = origin;
      r.mock ??= origin.startsWith('mock:');
      r.attempts ??= 0;
      r.updatedAt ??= r.createdAt;
      r.scope ??= 'ops';
      r.operatorEmail ??= ''; // keeps the row in [operatorEmail+createdAt+id]
      r.edited ??= false;
      for (const k of [
        'replyBody',
        'suggestedTemplate',
        'suggestedBody',
        'note',
        'escalationReason',
        'error',
      ]) {
        r[k] ??= null;
      }
    });
}

// --- Decisions --------------------------------------------------------------------------

export function getDecision(db: DecisionsDb, id: string): Promise<DecisionRecord | undefined> {
  return db.decisions.get(id);
}

/**
 * Real (not mock) approvals made since `from`, newest first, at most `limit`: the worker's
 * health report. Dexie here rather than query.ts, which the worker need not load for one read.
 */
export function realApprovalsSince(
  db: DecisionsDb,
  from: Date,
  limit: number,
): Promise<DecisionRecord[]> {
  const action = 'chatwoot.approve_send';
  return (
    db.decisions
      .where('[action+createdAt+id]')
      // [action, from] sorts before every [action, from, id]; [action, []] after every date.
      .between([action, from], [action, []])
      .reverse()
      .filter((r) => r.mock === false)
      .limit(limit)
      .toArray()
  );
}

/** The decision a confirmation (`requestId`, made by the panel) created, if any. */
export function findByRequestId(
  db: DecisionsDb,
  requestId: string,
): Promise<DecisionRecord | undefined> {
  return db.decisions.where('requestId').equals(requestId).first();
}

/**
 * Deletes decisions created strictly before `before`, except those still queued or in
 * flight (their send is not settled); failed outbox entries of purged decisions go too.
 * Export first (`iterateDecisions(db, { to: before }, n, 'asc')`): this only deletes.
 * @returns how many decisions were deleted.
 */
export async function purgeOlderThan(db: DecisionsDb, before: Date): Promise<number> {
  return db.transaction('rw', db.decisions, db.outbox, async () => {
    const entries = await db.outbox.toArray();
    const live = new Set(entries.filter((e) => e.state !== 'failed').map((e) => e.decisionId));
    const keys = await db.decisions
      .where('[createdAt+id]')
      .below([before, Dexie.minKey])
      .primaryKeys();
    const doomed = live.size === 0 ? keys : keys.filter((k) => !live.has(k));
    await db.decisions.bulkDelete(doomed);
    const gone = new Set(doomed);
    await db.outbox.bulkDelete(entries.filter((e) => gone.has(e.decisionId)).map((e) => e.seq));
    return doomed.length;
  });
}
