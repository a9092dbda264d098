// The decision-log part of `npm run bench`, run INSIDE Chromium in an extension page (same
// origin, so the extension's own IndexedDB `cx-escalations`). scripts/bench.ts bundles this
// file with esbuild and evaluates it over CDP; it is never part of the extension build.
// It calls the product's modules (lib/decisions/*) exactly as the panel and the worker do.

import Papa from 'papaparse';
import { CSV_COLUMNS, createCsvWriter } from '../lib/decisions/csv';
import { DEFAULT_DB_NAME, DecisionsDb } from '../lib/decisions/db';
import { recordAndEnqueue } from '../lib/outbox/store';
import { EXPORT_CHUNK_ROWS, exportDecisionsBlob } from '../lib/decisions/export';
import { exportDecisionsInWorkers } from '../lib/decisions/export-workers';
import { EXPORT_WORKERS, spawnExportWorker } from '../components/shared/log/exportWorker';
import { decisionIdAt } from '../lib/decisions/ids';
import { iterateDecisions, queryDecisions } from '../lib/decisions/query';
import { countByAction, countDecisions } from '../lib/decisions/counts';
import { DECISION_ACTIONS, ESCALATION_REASONS, type DecisionRecord } from '../lib/decisions/record';
import { TEMPLATE_IDS, renderTemplate, type TemplateId } from '../lib/sop/templates/templates';
import { makeDecision, prng } from '../tests/unit/decisions/fixtures';

export interface Timed {
  ms: number;
}

export interface SeedResult {
  rows: number;
  ms: number;
}

export interface ExportRun {
  ms: number;
  rows: number;
  bytes: number;
  /** The longest the page's main thread could not run a timer meanwhile (ms). */
  blockedMs: number;
}

/** Runs `work` while a 0 ms timer loop measures the page's longest unresponsive stretch. */
async function watchMainThread<T>(work: () => Promise<T>): Promise<T & { blockedMs: number }> {
  let worst = 0;
  let last = performance.now();
  let on = true;
  const tick = () => {
    const now = performance.now();
    worst = Math.max(worst, now - last);
    last = now;
    if (on) setTimeout(tick, 0);
  };
  setTimeout(tick, 0);
  try {
    const r = await work();
    return { ...r, blockedMs: Math.max(worst, performance.now() - last) };
  } finally {
    on = false;
  }
}

export interface VerifyResult {
  /** Data rows Papa.parse reads back from our export. */
  rows: number;
  headerMatches: boolean;
  bytes: number;
  /** The workers' file is byte for byte the single walk's (exportDecisionsBlob). */
  sameAsSingleWalk: boolean;
}

async function sameBytes(a: Blob, b: Blob): Promise<boolean> {
  if (a.size !== b.size) return false;
  const [x, y] = await Promise.all([a.arrayBuffer(), b.arrayBuffer()]);
  const u = new Uint32Array(x, 0, x.byteLength >> 2);
  const v = new Uint32Array(y, 0, y.byteLength >> 2);
  for (let i = 0; i < u.length; i++) if (u[i] !== v[i]) return false;
  const p = new Uint8Array(x);
  const q = new Uint8Array(y);
  for (let i = u.length * 4; i < p.length; i++) if (p[i] !== q[i]) return false;
  return true;
}

export interface CxBench {
  seed(count: number, seed: number): Promise<SeedResult>;
  /** `db.decisions.add` of one record, `runs` times (each a fresh record). */
  addOne(runs: number): Promise<number[]>;
  /** `recordAndEnqueue` (decision + outbox entry in one transaction), the worker's real write. */
  recordAndEnqueueOne(runs: number): Promise<number[]>;
  /** The log view's first page: `queryDecisions(db, {}, {limit: 50})`. */
  firstPage(freshConnection: boolean): Promise<{ ms: number; rows: number }>;
  /** The log view's action counts (shown with the first page). */
  counts(): Promise<number>;
  /** The product's export: lib/decisions/export.ts `exportDecisionsBlob`, as the panel calls it. */
  exportOurs(): Promise<ExportRun>;
  /** The same pipeline (progress count, same reads, Blob parts) with Papa.unparse as the writer. */
  exportPapa(): Promise<ExportRun>;
  /** CSV writing only, on rows already in memory: our writer vs Papa.unparse. */
  formatOnly(): Promise<{ oursMs: number; papaMs: number; rows: number }>;
  /** Where an export's time goes: its count, or reading alone (its chunks, plain batches, getAll). */
  readOnly(
    kind: 'chunks' | 'getAllSorted' | 'batches' | 'count',
  ): Promise<{ ms: number; rows: number }>;
  verify(): Promise<VerifyResult>;
  count(): Promise<number>;
  close(): void;
}

const NAMES = ['Marie Dubois', 'James Carter', 'Ahmed Khan', 'Zoë Müller', null, "O'Brien, Pat"];
const NOTES: (string | null)[] = [
  null,
  null,
  null,
  'Client très mécontent, rappeler demain',
  'REFUND approved by lead',
  'waiting on carrier, "tracking" stale',
  '=HYPERLINK("http://x.test","click")',
  '+33 6 12 34 56 78',
  'multi\nline note, with comma',
  '🙂 emoji and spaces ',
];
const ERRORS = ['Chatwoot refused the label', 'The conversation no longer exists (404)'];

/** One year of plausible decisions: every field varied, hostile text in some. */
export function generateDecisions(count: number, seed: number): DecisionRecord[] {
  const rnd = prng(seed);
  const start = Date.UTC(2025, 0, 1);
  const span = 365 * 86_400_000;
  const out: DecisionRecord[] = new Array<DecisionRecord>(count);
  for (let i = 0; i < count; i++) {
    const action = DECISION_ACTIONS[rnd(DECISION_ACTIONS.length)]!;
    const createdAt = new Date(start + rnd(span));
    const template: TemplateId = TEMPLATE_IDS[rnd(TEMPLATE_IDS.length)]!;
    const suggested = renderTemplate(template, { name: NAMES[rnd(NAMES.length)] ?? null });
    const edited = action === 'chatwoot.approve_send' && rnd(4) === 0;
    const failed = rnd(50) === 0;
    out[i] = makeDecision({
      // The ids the product writes (lib/outbox/engine.ts): UUIDv7 of createdAt.
      id: decisionIdAt(
        createdAt,
        Array.from({ length: 10 }, () => rnd(256)),
      ),
      action,
      accountId: 1 + rnd(3),
      conversationId: 1 + rnd(5_000),
      chatwootOrigin: 'https://chat.acme.test',
      operatorEmail: `agent${rnd(25)}@acme.test`,
      replyBody:
        action === 'chatwoot.approve_send'
          ? edited
            ? `${suggested} PS: your order #${rnd(99_999)} ships Monday.`
            : suggested
          : null,
      suggestedTemplate: action === 'chatwoot.approve_send' ? template : null,
      suggestedBody: action === 'chatwoot.approve_send' ? suggested : null,
      edited,
      note: NOTES[rnd(NOTES.length)] ?? null,
      escalationReason:
        action === 'chatwoot.escalate' ? ESCALATION_REASONS[rnd(ESCALATION_REASONS.length)]! : null,
      createdAt,
      updatedAt: new Date(createdAt.getTime() + rnd(60_000)),
      syncState: failed ? 'failed' : 'sent',
      error: failed ? ERRORS[rnd(ERRORS.length)]! : null,
      attempts: failed ? 5 : 1 + (rnd(10) === 0 ? 1 : 0),
      mock: false,
    });
  }
  return out;
}

function createBench(): CxBench {
  let db = new DecisionsDb(DEFAULT_DB_NAME);
  let extra = 0;
  const fresh = (): DecisionRecord =>
    makeDecision({
      id: `bench-${Date.now().toString(36)}-${(extra++).toString(36)}`,
      createdAt: new Date(),
      updatedAt: new Date(),
      syncState: 'pending',
      attempts: 0,
    });

  const papaBlob = async (): Promise<Omit<ExportRun, 'blockedMs'>> => {
    const parts: Blob[] = [];
    let rows = 0;
    let first = true;
    // The single-walk export pipeline (the same chunks in the same order, Blob parts; the count
    // known, as the log view passes it) with Papa.unparse as the writer.
    for await (const chunk of iterateDecisions(db, {}, EXPORT_CHUNK_ROWS, 'asc')) {
      const text = Papa.unparse(chunk, { header: first, escapeFormulae: true, newline: '\r\n' });
      parts.push(new Blob([first ? '\uFEFF' + text : '\r\n' + text]));
      first = false;
      rows += chunk.length;
    }
    const blob = new Blob(parts, { type: 'text/csv;charset=utf-8' });
    return { ms: 0, rows, bytes: blob.size };
  };

  const allRows = async (): Promise<DecisionRecord[]> => {
    const rows: DecisionRecord[] = [];
    for await (const chunk of iterateDecisions(db, {}, EXPORT_CHUNK_ROWS, 'asc')) {
      for (const r of chunk) rows.push(r);
    }
    return rows;
  };

  return {
    async seed(count, seed) {
      const records = generateDecisions(count, seed);
      const t = performance.now();
      await db.decisions.clear();
      await db.outbox.clear();
      const BATCH = 5_000;
      for (let i = 0; i < records.length; i += BATCH) {
        await db.decisions.bulkAdd(records.slice(i, i + BATCH));
      }
      return { rows: await db.decisions.count(), ms: performance.now() - t };
    },
    async addOne(runs) {
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const r = fresh();
        const t = performance.now();
        await db.decisions.add(r);
        times.push(performance.now() - t);
      }
      return times;
    },
    async recordAndEnqueueOne(runs) {
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const r = fresh();
        const t = performance.now();
        await recordAndEnqueue(db, r, {
          conversationKey: `${r.chatwootOrigin}|${r.accountId}|${r.conversationId}`,
          payload: { kind: 'bench' },
          notBefore: new Date(8.64e15), // never due: nothing tries to send it
        });
        times.push(performance.now() - t);
      }
      return times;
    },
    async firstPage(freshConnection) {
      if (freshConnection) {
        db.close();
        db = new DecisionsDb(DEFAULT_DB_NAME);
      }
      const t = performance.now();
      const page = await queryDecisions(db, {}, { limit: 50 });
      return { ms: performance.now() - t, rows: page.rows.length };
    },
    async counts() {
      const t = performance.now();
      await countByAction(db, {});
      return performance.now() - t;
    },
    exportOurs: async () => {
      // The log view shows the count before its Export button is pressed, and passes it on.
      const total = await countDecisions(db, {});
      return watchMainThread(async () => {
        const t = performance.now();
        // As the panel's Export button does (components/shared/log/useCsvExport.ts): in its
        // workers, progress on, with the count the log view already has.
        const { blob, rows } = await exportDecisionsInWorkers(db, {
          spawn: spawnExportWorker,
          workers: EXPORT_WORKERS,
          filter: {},
          total,
          onProgress: () => {},
        });
        return { ms: performance.now() - t, rows, bytes: blob.size };
      });
    },
    exportPapa: () =>
      watchMainThread(async () => {
        const t = performance.now();
        const r = await papaBlob();
        return { ...r, ms: performance.now() - t };
      }),
    async formatOnly() {
      const rows = await allRows();
      const t0 = performance.now();
      const w = createCsvWriter();
      const ours = w.head + w.rows(rows);
      const t1 = performance.now();
      const papa = Papa.unparse(rows, { escapeFormulae: true, newline: '\r\n' });
      const t2 = performance.now();
      if (ours.length === 0 || papa.length === 0) throw new Error('empty CSV');
      return { oursMs: t1 - t0, papaMs: t2 - t1, rows: rows.length };
    },
    async readOnly(kind) {
      const t = performance.now();
      let rows = 0;
      if (kind === 'count') {
        rows = await countDecisions(db, {}); // the export's progress total
      } else if (kind === 'getAllSorted') {
        // An unfiltered export without walking an index: primary-key getAll, then sort.
        const all = await db.decisions.toArray();
        all.sort(
          (a, b) =>
            a.createdAt.getTime() - b.createdAt.getTime() ||
            (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
        );
        rows = all.length;
      } else if (kind === 'batches') {
        // What a fast path could do: keyset batches straight from the index, no per-row merge.
        let after: [Date, string] | null = null;
        for (;;) {
          const range = after
            ? db.decisions.where('[createdAt+id]').above(after)
            : db.decisions.orderBy('[createdAt+id]');
          const batch: DecisionRecord[] = await range.limit(EXPORT_CHUNK_ROWS).toArray();
          rows += batch.length;
          const last: DecisionRecord | undefined = batch[batch.length - 1];
          if (!last || batch.length < EXPORT_CHUNK_ROWS) break;
          after = [last.createdAt, last.id];
        }
      } else
        for await (const chunk of iterateDecisions(db, {}, EXPORT_CHUNK_ROWS, 'asc'))
          rows += chunk.length;
      return { ms: performance.now() - t, rows };
    },
    async verify() {
      const { blob } = await exportDecisionsInWorkers(db, { spawn: spawnExportWorker });
      const single = await exportDecisionsBlob(db, {});
      const same = await sameBytes(blob, single.blob);
      const text = await blob.text();
      const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
        header: true,
        skipEmptyLines: false,
      });
      return {
        rows: parsed.data.length,
        headerMatches: JSON.stringify(parsed.meta.fields) === JSON.stringify(CSV_COLUMNS),
        bytes: blob.size,
        sameAsSingleWalk: same,
      };
    },
    count: () => db.decisions.count(),
    close: () => db.close(),
  };
}

(globalThis as unknown as { cxBench: CxBench }).cxBench = createBench();
