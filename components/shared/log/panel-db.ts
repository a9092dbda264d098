import { DEFAULT_DB_NAME, openLogReader, type LogSource } from '../../../lib/decisions/idb';

// The panel READS the decision log straight from IndexedDB (same extension origin): no reason
// to ship thousands of rows through messages. Every write goes through the background, which
// owns the database through Dexie; the panel reads it with plain IndexedDB (lib/decisions/idb.ts).
let db: LogSource | null = null;

export function panelDb(): LogSource {
  db ??= openLogReader(DEFAULT_DB_NAME);
  return db;
}
