import Papa from 'papaparse';
import { afterEach, describe, expect, it } from 'vitest';
import { decisionsToCsv } from '../../../lib/decisions/csv';
import { DecisionsDb } from '../../../lib/decisions/db';
import { exportDecisionsBlob, type ExportProgress } from '../../../lib/decisions/export';
import { runExportJob, type ExportJob, type ExportReply } from '../../../lib/decisions/export-job';
import { exportDecisionsInWorkers, type ExportPort } from '../../../lib/decisions/export-workers';
import { openLogReader } from '../../../lib/decisions/idb';
import { decisionIdAt } from '../../../lib/decisions/ids';
import { LogOrderChanged } from '../../../lib/decisions/query';
import { logSlices } from '../../../lib/decisions/slices';
import { DECISION_ACTIONS, type DecisionRecord } from '../../../lib/decisions/record';
import { makeDecision } from './fixtures';
import { writeAroundDexie } from './raw-writes';

// The worker export against the single-walk export on the same rows: the same bytes, whatever
// the slices, workers, order and chunk size. The "workers" here run the real job code
// in-process, each with its own read-only connection, their messages structured-cloned.

const opened: DecisionsDb[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

const T0 = Date.UTC(2026, 0, 1);
const HOUR = 3_600_000;
const TZ = { timeZone: 'Europe/Paris' } as const;

/** Decisions with UUIDv7 ids, bunched in time (most in the last days), with ties. */
function decisions(n: number): DecisionRecord[] {
  return Array.from({ length: n }, (_, i) => {
    const createdAt = new Date(T0 + (i < n / 2 ? i * 24 * HOUR : (n / 2) * 24 * HOUR + i * 60_000));
    return makeDecision({
      id: decisionIdAt(
        createdAt,
        Array.from({ length: 10 }, (_, k) => (i * 31 + k * 7) & 0xff),
      ),
      action: DECISION_ACTIONS[i % 3]!,
      createdAt,
      updatedAt: createdAt,
      note: i % 4 === 0 ? `note ${i}, "quoted"\r\nline` : null,
    });
  });
}

async function seeded(rows: DecisionRecord[]): Promise<DecisionsDb> {
  const db = new DecisionsDb(`test-export-workers-${crypto.randomUUID()}`);
  opened.push(db);
  for (const r of rows) await db.decisions.add(r);
  return db;
}

/** The file as written, BOM included (Blob.text() drops it). */
async function bytes(blob: Blob): Promise<string> {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await blob.arrayBuffer());
}

function inProcessWorkers(name: string, started: ExportJob[][] = []) {
  return (): ExportPort => {
    const src = openLogReader(name);
    const jobs: ExportJob[] = [];
    started.push(jobs);
    let listener: (reply: ExportReply) => void = () => undefined;
    let closed = false;
    return {
      post(job) {
        jobs.push(job);
        void runExportJob(src, structuredClone(job), (reply) =>
          setTimeout(() => !closed && listener(reply)),
        );
      },
      onReply: (l) => (listener = l),
      close: () => {
        closed = true;
        void src.idb().then((db) => db?.close());
      },
    };
  };
}

describe('exportDecisionsInWorkers', () => {
  it('writes the same bytes as the single walk, for every slicing and order', async () => {
    const rows = decisions(300);
    const db = await seeded(rows);
    for (const order of ['asc', 'desc'] as const) {
      const want = await bytes((await exportDecisionsBlob(db, { order, ...TZ })).blob);
      for (const [workers, slices, chunkSize] of [
        [1, 1, 2000],
        [2, 8, 7],
        [3, 40, 50],
      ] as const) {
        const started: ExportJob[][] = [];
        const { blob, rows: n } = await exportDecisionsInWorkers(db, {
          spawn: inProcessWorkers(db.name, started),
          workers,
          slices,
          chunkSize,
          order,
          ...TZ,
        });
        expect(n).toBe(300);
        expect(await bytes(blob)).toBe(want);
        expect(started).toHaveLength(workers);
        if (slices > 1) {
          // Every worker read part of it: the slices were shared out.
          expect(started.every((jobs) => jobs.some((j) => 'slice' in j))).toBe(true);
        }
      }
    }
    const sorted = [...rows].sort(
      (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1),
    );
    const blob = (await exportDecisionsInWorkers(db, { spawn: inProcessWorkers(db.name), ...TZ }))
      .blob;
    expect(await bytes(blob)).toBe(decisionsToCsv(sorted, TZ));
  });

  it('reads a filtered export as one walk, and reports progress up to the count', async () => {
    const db = await seeded(decisions(120));
    const filter = { actions: ['chatwoot.escalate' as const] };
    const want = await bytes((await exportDecisionsBlob(db, { filter, ...TZ })).blob);
    const started: ExportJob[][] = [];
    const seen: ExportProgress[] = [];
    const { blob, rows } = await exportDecisionsInWorkers(db, {
      spawn: inProcessWorkers(db.name, started),
      filter,
      chunkSize: 10,
      onProgress: (p) => seen.push(p),
      ...TZ,
    });
    expect(await bytes(blob)).toBe(want);
    expect(rows).toBe(40);
    expect(started.flat()).toHaveLength(1);
    expect(started.flat()[0]).toMatchObject({ filter });
    expect(seen[0]).toEqual({ done: 0, total: null });
    expect(seen.at(-1)).toEqual({ done: 40, total: 40 });
    expect(seen.map((p) => p.done)).toEqual([...seen.map((p) => p.done)].sort((a, b) => a - b));
  });

  it('starts again as one walk on the indexes when a row does not carry its time', async () => {
    const rows = decisions(60);
    const db = await seeded(rows);
    // Written around Dexie's hooks (no order mark): sorts first in the table, decided last.
    const stray = makeDecision({ id: '00-stray', createdAt: new Date(T0 + 9_000 * HOUR) });
    await writeAroundDexie(db, [stray]);
    const { blob, rows: n } = await exportDecisionsInWorkers(db, {
      spawn: inProcessWorkers(db.name),
      slices: 4,
      chunkSize: 8,
      ...TZ,
    });
    expect(n).toBe(61);
    const parsed = Papa.parse<{ id: string }>(await blob.text(), { header: true });
    const ids = parsed.data.map((r) => r.id);
    expect(ids.at(-1)).toBe('00-stray');
    expect(ids).toHaveLength(61);
  });

  it('stops when cancelled and saves nothing', async () => {
    const db = await seeded(decisions(100));
    const abort = new AbortController();
    const result = exportDecisionsInWorkers(db, {
      spawn: inProcessWorkers(db.name),
      chunkSize: 5,
      signal: abort.signal,
      onProgress: ({ done }) => done >= 10 && abort.abort(),
    });
    await expect(result).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('says "export again" when the log changed order under a walk that had handed rows out', async () => {
    const db = await seeded(decisions(10));
    const failing = (): ExportPort => {
      let listener: (reply: ExportReply) => void = () => undefined;
      return {
        post: (job) =>
          setTimeout(() =>
            listener({ job: job.job, kind: 'error', error: 'order-changed', detail: 'x' }),
          ),
        onReply: (l) => (listener = l),
        close: () => undefined,
      };
    };
    await expect(
      exportDecisionsInWorkers(db, { spawn: failing, filter: { mock: false } }),
    ).rejects.toBeInstanceOf(LogOrderChanged);
  });
});

describe('logSlices', () => {
  it('cuts the table into time slices that cover every id, in log order', async () => {
    const db = await seeded(decisions(50));
    const idb = await db.idb();
    const asc = (await logSlices(idb, {}, 'asc', 4))!;
    expect(asc).toHaveLength(4);
    expect(asc[0]!.lower).toBeNull();
    expect(asc.at(-1)!.upper).toBeNull();
    for (let i = 1; i < asc.length; i++) expect(asc[i]!.lower).toBe(asc[i - 1]!.upper);
    expect(await logSlices(idb, {}, 'desc', 4)).toEqual([...asc].reverse());
    expect(await logSlices(idb, { from: new Date(T0) }, 'asc', 4)).toBeNull();
    expect(await logSlices(idb, { text: 'x' }, 'asc', 4)).toBeNull();
  });
});
