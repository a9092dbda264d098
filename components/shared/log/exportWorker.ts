import { browser } from 'wxt/browser';
import type { ExportPort } from '../../../lib/decisions/export-workers';

/** A dedicated worker running entrypoints/export-worker.ts, for exportDecisionsInWorkers. */
export function spawnExportWorker(): ExportPort {
  const worker = new Worker(browser.runtime.getURL('/export-worker.js'));
  return {
    post: (job) => worker.postMessage(job),
    onReply(listener) {
      worker.onmessage = (event) => listener(event.data);
      worker.onerror = (event) => {
        event.preventDefault();
        listener({ job: -1, kind: 'error', error: 'failed', detail: event.message });
      };
    },
    close: () => worker.terminate(),
  };
}

/** Two workers where there are two cores: each reads and writes half the log. */
export const EXPORT_WORKERS = Math.max(1, Math.min(2, navigator.hardwareConcurrency || 1));
