import { useCallback, useEffect, useRef, useState } from 'react';
import { csvFileName, type CsvDelimiter } from '../../../lib/decisions/csv';
import type { ExportProgress } from '../../../lib/decisions/export';
import { exportDecisionsInWorkers } from '../../../lib/decisions/export-workers';
import { LogOrderChanged, type DecisionFilter } from '../../../lib/decisions/query';
import { logDb } from './logQueries';
import { EXPORT_WORKERS, spawnExportWorker } from './exportWorker';

export type ExportState =
  | { phase: 'idle' }
  | { phase: 'running'; progress: ExportProgress }
  | { phase: 'done'; rows: number; fileName: string }
  | { phase: 'cancelled' }
  | { phase: 'failed'; detail: string; exportAgain?: boolean };

export type ExportOutcome =
  { ok: true; rows: number; fileName: string } | { ok: false; cancelled: boolean };

/**
 * Streams an export into a Blob (chunk by chunk, heap stays flat), then saves it with an
 * <a download>. One export at a time; `cancel()` (or unmounting) stops it and saves nothing.
 */
export function useCsvExport() {
  const [state, setState] = useState<ExportState>({ phase: 'idle' });
  const controller = useRef<AbortController | null>(null);

  useEffect(() => () => controller.current?.abort(), []);

  const run = useCallback(
    async (
      filter: DecisionFilter,
      knownTotal: number | undefined,
      delimiter: CsvDelimiter,
    ): Promise<ExportOutcome> => {
      controller.current?.abort();
      const abort = new AbortController();
      controller.current = abort;
      const fileName = csvFileName({ from: filter.from, to: filter.to, now: new Date() });
      setState({ phase: 'running', progress: { done: 0, total: knownTotal ?? null } });
      try {
        // In workers: the panel stays responsive while 100,000 rows are read and written.
        const { blob, rows } = await exportDecisionsInWorkers(logDb(), {
          spawn: spawnExportWorker,
          workers: EXPORT_WORKERS,
          filter,
          delimiter,
          signal: abort.signal,
          total: knownTotal,
          onProgress: (progress) => setState({ phase: 'running', progress }),
        });
        saveFile(blob, fileName);
        setState({ phase: 'done', rows, fileName });
        return { ok: true, rows, fileName };
      } catch (error) {
        const cancelled = abort.signal.aborted;
        setState(
          cancelled
            ? { phase: 'cancelled' }
            : {
                phase: 'failed',
                detail: error instanceof Error ? error.message : String(error),
                exportAgain: error instanceof LogOrderChanged,
              },
        );
        return { ok: false, cancelled };
      } finally {
        if (controller.current === abort) controller.current = null;
      }
    },
    [],
  );

  const cancel = useCallback(() => controller.current?.abort(), []);
  return { state, run, cancel };
}

function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  // Revoking at once can cut the download short; the page may live for hours, so not never.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
