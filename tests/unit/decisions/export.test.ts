import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSV_COLUMNS, decisionsToCsv } from '../../../lib/decisions/csv';
import { DecisionsDb } from '../../../lib/decisions/db';
import {
  CSV_MIME,
  exportDecisionsBlob,
  exportDecisionsCsv,
  type ExportProgress,
} from '../../../lib/decisions/export';
import type { DecisionFilter } from '../../../lib/decisions/query';
import { DECISION_ACTIONS, type DecisionRecord } from '../../../lib/decisions/record';
import { makeDecision } from './fixtures';

// 230 decisions over 10 days, with timestamp ties (several rows per instant), so chunk
// boundaries fall inside ties.
const T0 = Date.UTC(2026, 9, 1, 8, 0, 0);
const HOUR = 3_600_000;
const data: DecisionRecord[] = Array.from({ length: 230 }, (_, i) => {
  const createdAt = new Date(T0 + Math.floor(i / 3) * HOUR);
  return makeDecision({
    id: `${String((i * 7919) % 1000).padStart(4, '0')}-${String(i).padStart(4, '0')}`,
    action: DECISION_ACTIONS[i % 3]!,
    createdAt,
    updatedAt: createdAt,
    mock: i % 5 === 0,
    note: i % 4 === 0 ? `note ${i}, "quoted"` : null,
  });
});

const byTimeAsc = (a: DecisionRecord, b: DecisionRecord) =>
  a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const TZ = { timeZone: 'Europe/Paris' } as const;

let db: DecisionsDb;
beforeAll(async () => {
  db = new DecisionsDb(`test-export-${crypto.randomUUID()}`);
  await db.decisions.bulkAdd(data);
});
afterAll(async () => {
  await db.delete();
});

async function collect(gen: AsyncGenerator<string, unknown>): Promise<string[]> {
  const parts: string[] = [];
  for await (const s of gen) parts.push(s);
  return parts;
}

describe('exportDecisionsCsv', () => {
  it('yields the file in chunks that join to decisionsToCsv of the selection, oldest first', async () => {
    const filter: DecisionFilter = {
      actions: ['chatwoot.approve_send', 'chatwoot.escalate'],
      from: new Date(T0 + 5 * HOUR),
      to: new Date(T0 + 60 * HOUR),
    };
    const parts = await collect(exportDecisionsCsv(db, { filter, chunkSize: 7, ...TZ }));
    const want = data
      .filter(
        (r) =>
          r.action !== 'chatwoot.mark_resolved' &&
          r.createdAt >= filter.from! &&
          r.createdAt < filter.to!,
      )
      .sort(byTimeAsc);
    expect(want.length).toBeGreaterThan(50);
    expect(parts.join('')).toBe(decisionsToCsv(want, TZ));
    // Header first, then one part per chunk of 7.
    expect(parts[0]).toBe('\uFEFF' + CSV_COLUMNS.join(','));
    expect(parts).toHaveLength(1 + Math.ceil(want.length / 7));
  });

  it('can go newest first', async () => {
    const parts = await collect(exportDecisionsCsv(db, { order: 'desc', chunkSize: 50, ...TZ }));
    expect(parts.join('')).toBe(decisionsToCsv([...data].sort(byTimeAsc).reverse(), TZ));
  });

  it('exports only the header for an empty selection', async () => {
    const parts = await collect(exportDecisionsCsv(db, { filter: { text: 'zzz-nothing' } }));
    expect(parts).toEqual(['\uFEFF' + CSV_COLUMNS.join(',')]);
  });

  it('reports progress from 0, with the total once counted (counted alongside, not before)', async () => {
    const seen: ExportProgress[] = [];
    const gen = exportDecisionsCsv(db, { chunkSize: 10, onProgress: (p) => seen.push(p) });
    const parts = await collect(gen);
    expect(seen.map((p) => p.done)).toEqual(
      Array.from({ length: 24 }, (_, i) => Math.min(230, i * 10)),
    );
    expect(seen[0]!.total).toBeNull(); // nothing waited for the count
    const totals = seen.map((p) => p.total);
    const firstKnown = totals.findIndex((x) => x !== null);
    // 23 reads give the count time to land; from then on it is the real total.
    expect(firstKnown).toBeGreaterThan(0);
    expect(totals.slice(firstKnown).every((x) => x === 230)).toBe(true);
    expect(parts).toHaveLength(24);
  });

  it('uses a known total instead of counting, and never reports less than done', async () => {
    const seen: ExportProgress[] = [];
    await collect(
      exportDecisionsCsv(db, { chunkSize: 100, total: 150, onProgress: (p) => seen.push(p) }),
    );
    expect(seen).toEqual([
      { done: 0, total: 150 },
      { done: 100, total: 150 },
      { done: 200, total: 200 },
      { done: 230, total: 230 },
    ]);
  });

  it('returns what it wrote', async () => {
    const gen = exportDecisionsCsv(db, { filter: { mock: true } });
    let next = await gen.next();
    while (!next.done) next = await gen.next();
    expect(next.value).toEqual({ done: 46, total: 46 });
  });

  it('stops reading when aborted, and rejects with an AbortError', async () => {
    const abort = new AbortController();
    const seen: number[] = [];
    const gen = exportDecisionsCsv(db, {
      chunkSize: 20,
      signal: abort.signal,
      onProgress: ({ done }) => {
        seen.push(done);
        if (done >= 40) abort.abort();
      },
    });
    await expect(collect(gen)).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toEqual([0, 20, 40]); // no chunk read after the abort
  });

  it('rejects at once when the signal is already aborted', async () => {
    const abort = new AbortController();
    abort.abort();
    const seen: ExportProgress[] = [];
    const gen = exportDecisionsCsv(db, { signal: abort.signal, onProgress: (p) => seen.push(p) });
    await expect(gen.next()).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toEqual([]);
  });
});

describe('exportDecisionsBlob', () => {
  it('is UTF-8 with a BOM and parses back to the stored values', async () => {
    const { blob, rows } = await exportDecisionsBlob(db, { chunkSize: 64, ...TZ });
    expect(rows).toBe(230);
    expect(blob.type).toBe(CSV_MIME);
    const bytes = new Uint8Array(await blob.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes);
    const parsed = Papa.parse<Record<string, string>>(text, { header: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).toEqual([...CSV_COLUMNS]);
    const sorted = [...data].sort(byTimeAsc);
    expect(parsed.data.map((r) => r.id)).toEqual(sorted.map((r) => r.id));
    expect(parsed.data.map((r) => r.note)).toEqual(sorted.map((r) => r.note ?? ''));
    expect(parsed.data.map((r) => r.mock)).toEqual(sorted.map((r) => String(r.mock)));
    expect(parsed.data.map((r) => r.created_at_utc)).toEqual(
      sorted.map((r) => r.createdAt.toISOString()),
    );
  });

  it('keeps hostile text intact through IndexedDB, the export and a parser', async () => {
    const hostile = [
      '=HYPERLINK("http://evil.test","click")',
      '+33 6 12 34 56 78',
      '-1+2',
      '@SUM(A1)',
      '\tindented',
      '\rcarriage',
      'Réponse « envoyée », 😀\r\nligne 2',
      '"',
    ];
    const local = new DecisionsDb(`test-export-hostile-${crypto.randomUUID()}`);
    const records = hostile.map((note, i) =>
      makeDecision({ note, replyBody: note, createdAt: new Date(T0 + i * HOUR) }),
    );
    await local.decisions.bulkAdd(records);
    const { blob } = await exportDecisionsBlob(local, { chunkSize: 3 });
    await local.delete();
    const parsed = Papa.parse<Record<string, string>>(await blob.text(), { header: true });
    expect(parsed.errors).toEqual([]);
    const neutralised = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
    expect(parsed.data.map((r) => r.note)).toEqual(hostile.map(neutralised));
    expect(parsed.data.map((r) => r.reply_body)).toEqual(hostile.map(neutralised));
  });

  it('saves nothing when cancelled', async () => {
    const abort = new AbortController();
    const result = exportDecisionsBlob(db, {
      chunkSize: 10,
      signal: abort.signal,
      onProgress: ({ done }) => done >= 10 && abort.abort(),
    });
    await expect(result).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('docs/DECISION-LOG.md', () => {
  it('documents every CSV column, in the exported order', async () => {
    const doc = await readFile(new URL('../../../docs/DECISION-LOG.md', import.meta.url), 'utf8');
    const documented = [...doc.matchAll(/^\| (\d+)\s+\| `([a-z_]+)`/gm)].map((m) => [
      Number(m[1]),
      m[2],
    ]);
    expect(documented).toEqual(CSV_COLUMNS.map((c, i) => [i + 1, c]));
  });
});
