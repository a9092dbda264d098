import type { DecisionsDb, StoredDecision } from '../../../lib/decisions/db';
import {
  groupByPack,
  splitPack,
  upsertRows,
  type DecisionPack,
} from '../../../lib/decisions/packs';

/**
 * Writes rows straight into the table and its packs, as a tool that knows the layout might:
 * no Dexie hooks run, so no order mark is set. (A write to the table alone is not seen by
 * the readers of the packs: docs/DECISION-LOG.md, "Packs".)
 */
export async function writeAroundDexie(db: DecisionsDb, rows: StoredDecision[]): Promise<void> {
  const idb = await db.idb();
  const tx = idb.transaction(['decisions', 'decisionPacks'], 'readwrite');
  const table = tx.objectStore('decisions');
  const packs = tx.objectStore('decisionPacks');
  for (const r of rows) table.put(r);
  const request = packs.getAll();
  request.onsuccess = () => {
    const all = request.result as DecisionPack[];
    const byLower = new Map(all.map((p) => [p.lower, p.rows]));
    const groups = groupByPack(
      all.map((p) => p.lower),
      rows.map((r) => r.id),
    );
    for (const [lower, ids] of groups) {
      const written = rows.filter((r) => ids.includes(r.id));
      for (const piece of splitPack({ lower, rows: upsertRows(byLower.get(lower) ?? [], written) }))
        packs.put(piece);
    }
  };
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
}
