import { DecisionsDb } from '../lib/decisions/db';

// The panel READS the decision log straight from IndexedDB (same extension origin): no reason
// to ship thousands of rows through messages. Every write goes through the background.
let db: DecisionsDb | null = null;

export function panelDb(): DecisionsDb {
  db ??= new DecisionsDb();
  return db;
}
