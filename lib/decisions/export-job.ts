// What one export worker does (entrypoints/export-worker.ts runs it; export-workers.ts hands
// out the jobs): read a slice of the log, or a whole filtered walk, and write it as CSV rows,
// each chunk a Blob (the bytes stay out of the page's heap). Messages between a page and its
// own dedicated worker: same origin and same build, so no validation.

import { createCsvWriter, type CsvDelimiter } from './csv';
import { DEFAULT_DB_NAME, openLogReader, type LogSource } from './idb';
import { iterateDecisions, LogOrderChanged, type DecisionFilter, type Order } from './query';
import { readSlice, UnorderedRow, type IdSlice } from './slices';

export type ExportJob = {
  job: number;
  order: Order;
  chunkSize: number;
  /** Resolved by the page, so every worker writes the same local times. */
  timeZone: string;
  delimiter?: CsvDelimiter;
} & ({ slice: IdSlice } | { filter: DecisionFilter });

export type ExportReply =
  | { job: number; kind: 'rows'; rows: number; csv: Blob }
  | { job: number; kind: 'end' }
  | { job: number; kind: 'error'; error: 'unordered' | 'order-changed' | 'failed'; detail: string };

/** Runs one job, posting each chunk as it is written, then `end` (or one `error`). */
export async function runExportJob(
  src: LogSource,
  job: ExportJob,
  post: (reply: ExportReply) => void,
): Promise<void> {
  try {
    const writer = createCsvWriter({
      timeZone: job.timeZone,
      delimiter: job.delimiter,
      bom: false,
    });
    const db = await src.idb();
    if (db) {
      const chunks =
        'slice' in job
          ? readSlice(db, job.slice, job.order, job.chunkSize)
          : iterateDecisions(src, job.filter, job.chunkSize, job.order);
      for await (const rows of chunks) {
        post({ job: job.job, kind: 'rows', rows: rows.length, csv: new Blob([writer.rows(rows)]) });
      }
    }
    post({ job: job.job, kind: 'end' });
  } catch (error) {
    post({
      job: job.job,
      kind: 'error',
      error:
        error instanceof UnorderedRow
          ? 'unordered'
          : error instanceof LogOrderChanged
            ? 'order-changed'
            : 'failed',
      detail: error instanceof Error ? error.message : String(error),
    });
  }
}

/** The worker's side: one read-only connection, jobs as they come (entrypoints/export-worker.ts). */
export function serveExportJobs(): void {
  const scope = globalThis as unknown as {
    onmessage: ((event: MessageEvent<ExportJob>) => void) | null;
    postMessage(message: ExportReply): void;
  };
  const src = openLogReader(DEFAULT_DB_NAME);
  scope.onmessage = (event) => void runExportJob(src, event.data, (r) => scope.postMessage(r));
}
