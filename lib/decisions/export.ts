// Streaming CSV export of the decision log: keyset chunks from query.ts, written by one
// CsvWriter from csv.ts. No chrome APIs and no DOM (Blob is standard in browsers and Node):
// the panel's Export button, the purge (which exports first) and the bench all call this.

import { createCsvWriter, type CsvOptions } from './csv';
import type { LogSource } from './idb';
import { iterateDecisions, type DecisionFilter, type Order } from './query';
import { countDecisions } from './counts';

/** Rows per IndexedDB read: big enough to amortise the read, small enough to keep memory flat. */
export const EXPORT_CHUNK_ROWS = 2_000;

export const CSV_MIME = 'text/csv;charset=utf-8';

export interface ExportProgress {
  /** Rows written so far. */
  done: number;
  /** Rows expected, never less than `done`; null while still being counted. */
  total: number | null;
}

export interface ExportOptions extends CsvOptions {
  /** What to export; default everything. */
  filter?: DecisionFilter;
  /** Default 'asc': oldest first, as a ledger reads. */
  order?: Order;
  chunkSize?: number;
  /** Aborting stops before the next chunk and rejects with `signal.reason` (an AbortError). */
  signal?: AbortSignal;
  /** Called after each chunk (and once with done = 0 before the first). */
  onProgress?: (progress: ExportProgress) => void;
  /**
   * Known row count (e.g. the log view's counts): skips the counting query. Otherwise, with
   * `onProgress`, the rows are counted alongside the export, not before it.
   */
  total?: number;
}

/**
 * The progress bar's total: `options.total`, else (only with `onProgress`) counted alongside
 * the export, not before it. A count that fails leaves the bar indeterminate; the export's
 * own reads report any real database error.
 */
export function progressCounter(db: LogSource, options: ExportOptions) {
  let counted: number | null = options.total ?? null;
  if (counted === null && options.onProgress) {
    countDecisions(db, options.filter ?? {}).then(
      (n) => (counted = n),
      () => undefined,
    );
  }
  // Rows decided during the export can make `done` pass the count.
  return { total: (done: number) => (counted === null ? null : Math.max(counted, done)) };
}

/**
 * The CSV file as a sequence of strings: BOM + header first, then one string per chunk of
 * rows. Joined, they equal `decisionsToCsv(rows)` for the rows the filter selects, in order.
 * Nothing but the current chunk is held.
 */
export async function* exportDecisionsCsv(
  db: LogSource,
  options: ExportOptions = {},
): AsyncGenerator<string, ExportProgress, undefined> {
  const { signal, onProgress } = options;
  const filter = options.filter ?? {};
  signal?.throwIfAborted();
  const progress = progressCounter(db, options);
  let done = 0;
  const total = () => progress.total(done);
  const writer = createCsvWriter(options);
  onProgress?.({ done, total: total() });
  signal?.throwIfAborted();
  yield writer.head;
  const chunks = iterateDecisions(
    db,
    filter,
    options.chunkSize ?? EXPORT_CHUNK_ROWS,
    options.order ?? 'asc',
  );
  // Leaving the loop early (abort, or the consumer stops) closes `chunks` too.
  for await (const rows of chunks) {
    signal?.throwIfAborted();
    done += rows.length;
    yield writer.rows(rows);
    onProgress?.({ done, total: total() });
  }
  signal?.throwIfAborted();
  return { done, total: done };
}

export interface ExportedFile {
  blob: Blob;
  rows: number;
}

/**
 * The whole export as one Blob. Each chunk becomes its own small Blob at once, so the
 * strings can be collected while the file grows (browsers keep Blob bytes outside the JS
 * heap, on disk when large).
 */
export async function exportDecisionsBlob(
  db: LogSource,
  options: ExportOptions = {},
): Promise<ExportedFile> {
  const parts: Blob[] = [];
  const csv = exportDecisionsCsv(db, options);
  for (;;) {
    const next = await csv.next();
    if (next.done) return { blob: new Blob(parts, { type: CSV_MIME }), rows: next.value.done };
    parts.push(new Blob([next.value]));
  }
}
