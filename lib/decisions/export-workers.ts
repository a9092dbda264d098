// The CSV export off the page's main thread (docs/DECISION-LOG.md, "Export"): dedicated
// workers read and write the CSV, the page only counts, shows progress and joins the Blobs.
// An export of everything is cut into time slices of the table (slices.ts) that two workers
// read side by side, each pulling the next slice when done; the parts are joined in log order.
// Any other filter is one walk in one worker (query.ts). Same bytes as exportDecisionsBlob.

import { createCsvWriter } from './csv';
import {
  CSV_MIME,
  EXPORT_CHUNK_ROWS,
  progressCounter,
  type ExportedFile,
  type ExportOptions,
} from './export';
import type { ExportJob, ExportReply } from './export-job';
import type { LogSource } from './idb';
import { LogOrderChanged } from './query';
import { logSlices, type IdSlice } from './slices';
import type { DecisionFilter } from './query-plan';

/** One worker, as the coordinator sees it (the panel wraps a Worker; tests run jobs in-process). */
export interface ExportPort {
  post(job: ExportJob): void;
  /** Replies to the jobs posted; a worker that fails to start answers job -1 with an error. */
  onReply(listener: (reply: ExportReply) => void): void;
  close(): void;
}

export interface WorkerExportOptions extends ExportOptions {
  spawn: () => ExportPort;
  /** Workers reading side by side; default 2. */
  workers?: number;
  /** Time slices of an export of everything; default 8 (the pull keeps both workers busy). */
  slices?: number;
}

type JobSpec = { slice: IdSlice } | { filter: DecisionFilter };

class JobFailed extends Error {
  constructor(
    readonly kind: string,
    detail: string,
  ) {
    super(detail);
  }
}

let lastJob = 0;

export async function exportDecisionsInWorkers(
  src: LogSource,
  options: WorkerExportOptions,
): Promise<ExportedFile> {
  const { signal, onProgress } = options;
  const filter = options.filter ?? {};
  const order = options.order ?? 'asc';
  const chunkSize = options.chunkSize ?? EXPORT_CHUNK_ROWS;
  const timeZone = options.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  signal?.throwIfAborted();
  // Started first: they load while the slices are planned.
  const ports = Array.from({ length: Math.max(1, options.workers ?? 2) }, () => options.spawn());
  let onReply: (port: ExportPort, reply: ExportReply) => void = () => undefined;
  for (const port of ports) port.onReply((reply) => onReply(port, reply));
  const progress = progressCounter(src, options);
  let done = 0;
  onProgress?.({ done, total: progress.total(done) });

  /** Runs the jobs on the pool, each worker taking the next when it ends one; parts in job order. */
  const run = (specs: JobSpec[]) =>
    new Promise<Blob[][]>((resolve, reject) => {
      const first = lastJob + 1;
      lastJob += specs.length;
      const parts: Blob[][] = specs.map(() => []);
      let given = 0;
      let ended = 0;
      const give = (port: ExportPort) => {
        if (given >= specs.length) return;
        port.post({
          job: first + given,
          order,
          chunkSize,
          timeZone,
          delimiter: options.delimiter,
          ...specs[given]!,
        });
        given += 1;
      };
      const stop = () => reject(signal?.reason);
      signal?.addEventListener('abort', stop, { once: true });
      onReply = (port, reply) => {
        if (reply.job !== -1 && (reply.job < first || reply.job > lastJob)) return; // an earlier run's
        if (reply.kind === 'error') {
          signal?.removeEventListener('abort', stop);
          reject(new JobFailed(reply.error, reply.detail));
        } else if (reply.kind === 'rows') {
          parts[reply.job - first]!.push(reply.csv);
          done += reply.rows;
          onProgress?.({ done, total: progress.total(done) });
        } else if (++ended === specs.length) {
          signal?.removeEventListener('abort', stop);
          resolve(parts);
        } else give(port);
      };
      for (const port of ports) give(port);
    });

  try {
    const db = await src.idb();
    const slices = db ? await logSlices(db, filter, order, options.slices ?? 8) : null;
    signal?.throwIfAborted();
    let parts: Blob[][];
    try {
      parts = await run(slices ? slices.map((slice) => ({ slice })) : [{ filter }]);
    } catch (error) {
      // A row whose id does not carry its time: nothing was handed out yet, so the export
      // starts again as one walk, which reads the indexes (query.ts).
      if (!(error instanceof JobFailed && error.kind === 'unordered')) throw error;
      done = 0;
      parts = await run([{ filter }]);
    }
    signal?.throwIfAborted();
    const head = createCsvWriter({ ...options, timeZone }).head;
    onProgress?.({ done, total: done });
    return { blob: new Blob([head, ...parts.flat()], { type: CSV_MIME }), rows: done };
  } catch (error) {
    if (error instanceof JobFailed && error.kind === 'order-changed') throw new LogOrderChanged();
    throw error;
  } finally {
    for (const port of ports) port.close();
  }
}
