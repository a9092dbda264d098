import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvChunks, decisionsToCsv } from '../../../lib/decisions/csv';
import { DecisionsDb } from '../../../lib/decisions/db';
import {
  iterateDecisions,
  queryDecisions,
  type DecisionCursor,
  type DecisionFilter,
} from '../../../lib/decisions/query';
import { countByAction, countDecisions, listOperators } from '../../../lib/decisions/counts';
import { decisionIdAt } from '../../../lib/decisions/ids';
import { DECISION_ACTIONS, SYNC_STATES, type DecisionRecord } from '../../../lib/decisions/record';
import { makeDecision } from './fixtures';

// --- Dataset: 1,200 decisions, heavy timestamp ties, every field varied. -------------------

const N = 1_200;
const T0 = Date.UTC(2026, 9, 20); // 2026-10-20
const HOUR = 3_600_000;
const EMAILS = ['ana@example.com', 'Bruno@Example.com', 'chloe@example.org', 'dan@example.net'];
const NOTES = [null, 'Client très mécontent', 'REFUND approved by lead', 'waiting on carrier', ''];

// mulberry32: deterministic and well spread in the low bits.
let seed = 7;
const rnd = (n: number): number => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4_294_967_296) * n);
};

const legacyData: DecisionRecord[] = Array.from({ length: N }, (_, i) => {
  const action = DECISION_ACTIONS[rnd(3)]!;
  // Only 40 distinct instants: dozens of rows share each createdAt.
  const createdAt = new Date(T0 + rnd(40) * 6 * HOUR);
  const syncState = rnd(10) === 0 ? SYNC_STATES[rnd(4)]! : 'sent';
  return makeDecision({
    id: `${String(rnd(1_000_000)).padStart(6, '0')}-${String(i).padStart(5, '0')}`,
    action,
    createdAt,
    updatedAt: createdAt,
    operatorEmail: EMAILS[rnd(EMAILS.length)]!,
    conversationId: 100 + rnd(30),
    syncState,
    mock: rnd(5) === 0,
    note: NOTES[rnd(NOTES.length)]!,
    replyBody:
      action === 'chatwoot.approve_send' ? (rnd(4) ? 'Votre colis arrive' : 'Refund issued') : null,
  });
});

const ids = (rows: DecisionRecord[]): string[] => rows.map((r) => r.id);

async function allPages(
  db: DecisionsDb,
  f: DecisionFilter,
  limit: number,
  maxScan?: number,
): Promise<{ rows: DecisionRecord[]; pages: number }> {
  const rows: DecisionRecord[] = [];
  let before: DecisionCursor | null = null;
  let pages = 0;
  for (;;) {
    const p = await queryDecisions(db, f, { limit, before, maxScan });
    pages += 1;
    expect(p.rows.length).toBeLessThanOrEqual(limit);
    rows.push(...p.rows);
    if (!p.nextCursor) return { rows, pages };
    before = p.nextCursor;
    if (pages > 10_000) throw new Error('runaway paging');
  }
}

const day = (d: number): Date => new Date(T0 + d * 24 * HOUR);

const FILTERS: [string, DecisionFilter][] = [
  ['no filter', {}],
  ['date range', { from: day(2), to: day(6) }],
  ['from only', { from: day(8) }],
  ['to only', { to: day(1) }],
  ['empty range', { from: day(5), to: day(5) }],
  ['inverted range', { from: day(6), to: day(2) }],
  ['one action', { actions: ['chatwoot.escalate'] }],
  ['two actions', { actions: ['chatwoot.escalate', 'chatwoot.mark_resolved'] }],
  ['all actions = none', { actions: [...DECISION_ACTIONS] }],
  ['empty actions = all', { actions: [] }],
  ['operator', { operatorEmail: 'Bruno@Example.com' }],
  ['unknown operator', { operatorEmail: 'nobody@example.com' }],
  ['conversation', { conversationId: 117 }],
  ['failed only', { syncStates: ['failed'] }],
  ['pending + failed', { syncStates: ['pending', 'failed'] }],
  ['sent + cancelled', { syncStates: ['sent', 'cancelled'] }],
  ['mock', { mock: true }],
  ['real', { mock: false }],
  ['text, case-insensitive', { text: 'refund' }],
  ['text with accent', { text: 'TRÈS' }],
  ['text in email', { text: 'example.org' }],
  ['blank text = none', { text: '   ' }],
  ['text no match', { text: 'zzz-not-there' }],
  [
    'action + range + mock',
    { actions: ['chatwoot.approve_send'], from: day(1), to: day(9), mock: false },
  ],
  ['conversation + action', { conversationId: 105, actions: ['chatwoot.approve_send'] }],
  [
    'operator + states + text',
    { operatorEmail: 'ana@example.com', syncStates: ['sent'], text: 'colis' },
  ],
  ['states + actions', { syncStates: ['failed', 'pending'], actions: ['chatwoot.escalate'] }],
  [
    'everything',
    {
      from: day(0),
      to: day(10),
      actions: ['chatwoot.approve_send', 'chatwoot.escalate'],
      operatorEmail: 'chloe@example.org',
      conversationId: 110,
      syncStates: ['sent', 'failed'],
      text: 'a',
      mock: false,
    },
  ],
];

// The same rows with the ids the product writes (UUIDv7 carrying createdAt): the readers then
// walk the table in primary-key order instead of the index. Both must give the same answers.
const orderedData: DecisionRecord[] = legacyData.map((r, i) => ({
  ...r,
  id: decisionIdAt(r.createdAt, [i >> 8, i & 0xff, rnd(256), rnd(256), 1, 2, 3, 4, 5, rnd(256)]),
}));

const DATASETS: [string, DecisionRecord[]][] = [
  ['ids without their time: through the indexes', legacyData],
  ['ids carrying createdAt: through the table', orderedData],
];

describe.each(DATASETS)('%s', (_dataset, data) => {
  /** Reference: plain JS over the array. */
  function expected(f: DecisionFilter): DecisionRecord[] {
    const text = f.text?.trim().toLowerCase();
    const has = (s: string | null): boolean => !!s && !!text && s.toLowerCase().includes(text);
    return data
      .filter(
        (r) =>
          (!f.from || r.createdAt >= f.from) &&
          (!f.to || r.createdAt < f.to) &&
          (!f.actions?.length || f.actions.includes(r.action)) &&
          (!f.syncStates?.length || f.syncStates.includes(r.syncState)) &&
          (f.operatorEmail === undefined || r.operatorEmail === f.operatorEmail) &&
          (f.conversationId === undefined || r.conversationId === f.conversationId) &&
          (f.mock === undefined || r.mock === f.mock) &&
          (!text || has(r.note) || has(r.replyBody) || has(r.operatorEmail)),
      )
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1));
  }

  let db: DecisionsDb;

  beforeAll(async () => {
    db = new DecisionsDb(`test-query-${crypto.randomUUID()}`);
    await db.decisions.bulkAdd(data);
  });
  afterAll(async () => {
    await db.delete();
  });

  describe('dataset sanity', () => {
    it('has ties and every kind of value', () => {
      expect(new Set(data.map((r) => r.createdAt.getTime())).size).toBeLessThanOrEqual(40);
      expect(new Set(data.map((r) => r.syncState)).size).toBe(4);
      expect(expected({ syncStates: ['failed'] }).length).toBeGreaterThan(0);
    });

    it('is read the way its ids allow: marked rows keep the readers on the indexes', async () => {
      const marked = await db.decisions.where('unordered').equals(1).count();
      expect(marked).toBe(data === orderedData ? 0 : N);
    });
  });

  describe('queryDecisions', () => {
    it.each(FILTERS)('%s: first page equals the reference', async (_l, f) => {
      const page = await queryDecisions(db, f, { limit: 25 });
      const ref = expected(f);
      expect(ids(page.rows)).toEqual(ids(ref.slice(0, 25)));
      if (ref.length <= 25 && !f.text) expect(page.nextCursor).toBeNull();
    });

    it.each(FILTERS)('%s: paging walks every row once, in order', async (_l, f) => {
      const { rows } = await allPages(db, f, 37);
      expect(ids(rows)).toEqual(ids(expected(f)));
    });

    it('pages of 1 through a many-way timestamp tie lose and repeat nothing', async () => {
      const instant = T0 + 5 * 6 * HOUR;
      const f: DecisionFilter = { from: new Date(instant), to: new Date(instant + 1) };
      const ref = expected(f);
      expect(ref.length).toBeGreaterThanOrEqual(15);
      expect(new Set(ref.map((r) => r.createdAt.getTime())).size).toBe(1);
      const { rows, pages } = await allPages(db, f, 1);
      expect(ids(rows)).toEqual(ids(ref));
      expect(new Set(ids(rows)).size).toBe(rows.length);
      expect(pages).toBe(ref.length); // the extra-row probe avoids a trailing empty page
    });

    it('returns rows newest first with id as the tie-break', async () => {
      const { rows } = await queryDecisions(db, {}, { limit: 200 });
      for (let i = 1; i < rows.length; i++) {
        const a = rows[i - 1]!;
        const b = rows[i]!;
        expect(
          a.createdAt > b.createdAt ||
            (a.createdAt.getTime() === b.createdAt.getTime() && a.id > b.id),
        ).toBe(true);
      }
    });

    it('continues from a cursor that no longer exists', async () => {
      const ref = expected({});
      const pivot = ref[100]!;
      const cursor = { createdAt: pivot.createdAt, id: pivot.id + '~' };
      const page = await queryDecisions(db, {}, { limit: 5, before: cursor });
      expect(ids(page.rows)).toEqual(ids(ref.slice(100, 105)));
    });

    it('stops a sparse text search after maxScan rows and resumes from the cursor', async () => {
      const f: DecisionFilter = { text: 'chloe@' };
      const first = await queryDecisions(db, f, { limit: 50, maxScan: 60 });
      expect(first.rows.length).toBeLessThan(50);
      expect(first.nextCursor).not.toBeNull();
      const { rows } = await allPages(db, f, 50, 60);
      expect(ids(rows)).toEqual(ids(expected(f)));
    });

    it('sees a record added after the first page on a fresh query only', async () => {
      const local = new DecisionsDb(`test-query-add-${crypto.randomUUID()}`);
      try {
        await local.decisions.bulkAdd(data.slice(0, 50));
        const p1 = await queryDecisions(local, {}, { limit: 10 });
        const fresh = makeDecision({ createdAt: new Date(T0 + 100 * 24 * HOUR) });
        await local.decisions.add(fresh);
        const p2 = await queryDecisions(local, {}, { limit: 10, before: p1.nextCursor });
        expect(ids(p2.rows)).not.toContain(fresh.id);
        expect((await queryDecisions(local, {}, { limit: 1 })).rows[0]?.id).toBe(fresh.id);
      } finally {
        await local.delete();
      }
    });
  });

  describe('counts', () => {
    it.each(FILTERS)('%s: countByAction and countDecisions match the reference', async (_l, f) => {
      const ref = expected(f);
      const want = Object.fromEntries(
        DECISION_ACTIONS.map((a) => [a, ref.filter((r) => r.action === a).length]),
      );
      expect(await countByAction(db, f)).toEqual(want);
      expect(await countDecisions(db, f)).toBe(ref.length);
    });
  });

  describe('iterateDecisions', () => {
    it('yields every match in chunks, newest first by default', async () => {
      const f: DecisionFilter = { actions: ['chatwoot.approve_send', 'chatwoot.mark_resolved'] };
      const chunks: DecisionRecord[][] = [];
      for await (const c of iterateDecisions(db, f, 100)) chunks.push(c);
      expect(chunks.slice(0, -1).every((c) => c.length === 100)).toBe(true);
      expect(ids(chunks.flat())).toEqual(ids(expected(f)));
    });

    it('can go oldest first (export before purge)', async () => {
      const f: DecisionFilter = { to: day(4) };
      const rows: DecisionRecord[] = [];
      for await (const c of iterateDecisions(db, f, 33, 'asc')) rows.push(...c);
      expect(ids(rows)).toEqual(ids(expected(f).reverse()));
    });

    it.each(FILTERS)('%s: every match once, in full chunks, both orders', async (_l, f) => {
      for (const order of ['desc', 'asc'] as const) {
        const chunks: DecisionRecord[][] = [];
        for await (const c of iterateDecisions(db, f, 97, order)) chunks.push(c);
        expect(chunks.every((c, i) => c.length === 97 || i === chunks.length - 1)).toBe(true);
        expect(chunks.every((c) => c.length > 0)).toBe(true);
        const want = ids(expected(f));
        expect(ids(chunks.flat())).toEqual(order === 'desc' ? want : want.reverse());
      }
    });

    it('ends cleanly when the last chunk is exactly full', async () => {
      const f: DecisionFilter = { to: day(4) };
      const n = expected(f).length;
      const sizes: number[] = [];
      for await (const c of iterateDecisions(db, f, n, 'asc')) sizes.push(c.length);
      expect(sizes).toEqual([n]);
    });

    it('yields nothing for an empty selection', async () => {
      const chunks = [];
      for await (const c of iterateDecisions(db, { text: 'zzz-nothing' }, 50)) chunks.push(c);
      expect(chunks).toEqual([]);
    });

    it('streams into csvChunks: same file as decisionsToCsv, parses back to the rows', async () => {
      const f: DecisionFilter = { from: day(3), to: day(8), mock: false };
      let csv = '';
      for await (const s of csvChunks(iterateDecisions(db, f, 64), { timeZone: 'Europe/Paris' })) {
        csv += s;
      }
      const ref = expected(f);
      expect(csv).toBe(decisionsToCsv(ref, { timeZone: 'Europe/Paris' }));
      const parsed = Papa.parse<Record<string, string>>(csv, { header: true });
      expect(parsed.errors).toEqual([]);
      expect(parsed.data.map((r) => r.id)).toEqual(ids(ref));
      expect(parsed.data.every((r) => r.mock === 'false')).toBe(true);
    });
  });

  describe('listOperators', () => {
    it('lists each operator once, in index order', async () => {
      // Distinct values in IndexedDB string order (code units: upper case first).
      const want = [...new Set(data.map((r) => r.operatorEmail))].sort();
      expect(await listOperators(db)).toEqual(want);
    });

    it('stops at the limit and is empty for an empty log', async () => {
      expect(await listOperators(db, 2)).toHaveLength(2);
      const empty = new DecisionsDb(`test-operators-${crypto.randomUUID()}`);
      expect(await listOperators(empty)).toEqual([]);
      await empty.delete();
    });
  });
});
