import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
  CSV_BOM,
  CSV_COLUMNS,
  createCsvWriter,
  csvChunks,
  csvFileName,
  csvRows,
  decisionsToCsv,
} from '../../../lib/decisions/csv';
import type { DecisionRecord } from '../../../lib/decisions/record';
import { makeDecision } from './fixtures';

type Row = Record<string, string>;

function parse(csv: string): Row[] {
  const result = Papa.parse<Row>(csv, { header: true });
  expect(result.errors).toEqual([]);
  expect(result.meta.fields).toEqual([...CSV_COLUMNS]);
  return result.data;
}

function only(rows: Row[]): Row {
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

const MB_TEXT = 'Lorem ipsum, "dolor"\r\nsit amet é 😀 '.repeat(32_768).slice(0, 1_048_576);

// [label, raw value, exact cell value after export]
const HOSTILE: [string, string | null, string][] = [
  ['plain', 'Merci beaucoup', 'Merci beaucoup'],
  ['double quotes', 'He said "refund" twice', 'He said "refund" twice'],
  ['only a quote', '"', '"'],
  ['comma', 'late, damaged, refunded', 'late, damaged, refunded'],
  ['CR', 'a\rb', 'a\rb'],
  ['LF', 'a\nb', 'a\nb'],
  ['CRLF', 'line 1\r\nline 2', 'line 1\r\nline 2'],
  ['trailing CRLF', 'end\r\n', 'end\r\n'],
  ['formula =', '=1+1', "'=1+1"],
  ['formula + ', '+SUM(A1:A9)', "'+SUM(A1:A9)"],
  ['formula -', '-2', "'-2"],
  ['formula @', '@cmd', "'@cmd"],
  ['formula tab', '\tx', "'\tx"],
  ['formula CR', '\rx', "'\rx"],
  ['hyperlink formula with quotes', '=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'],
  ['DDE payload', "=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
  ['formula char not first', 'a=1+1', 'a=1+1'],
  ['leading apostrophe kept', "'quoted", "'quoted"],
  ['emoji', 'Thanks 😀🎉', 'Thanks 😀🎉'],
  ['ZWJ family emoji', '👩‍👩‍👧‍👦 family', '👩‍👩‍👧‍👦 family'],
  ['flag + skin tone', '🇫🇷 👍🏽', '🇫🇷 👍🏽'],
  ['Arabic RTL', 'شكرا لتواصلك معنا', 'شكرا لتواصلك معنا'],
  ['Hebrew RTL with marks', '\u200Fתודה רבה, "לקוח"', '\u200Fתודה רבה, "לקוח"'],
  ['accents', 'Élodie, ça coûte 500 € — déjà remboursé', 'Élodie, ça coûte 500 € — déjà remboursé'],
  ['decomposed accent', 'Cafe\u0301', 'Cafe\u0301'],
  ['leading space', '  indented', '  indented'],
  ['trailing space', 'trailing  ', 'trailing  '],
  ['only spaces', '   ', '   '],
  ['empty string', '', ''],
  ['null', null, ''],
  ['semicolon and tab inside', 'a;b\tc', 'a;b\tc'],
  ['1 MB text', MB_TEXT, MB_TEXT],
];

describe('decisionsToCsv: layout', () => {
  it('starts with a UTF-8 BOM and the documented header, in CSV_COLUMNS order', () => {
    const csv = decisionsToCsv([makeDecision()], { timeZone: 'UTC' });
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1, csv.indexOf('\r\n'))).toBe(CSV_COLUMNS.join(','));
    expect(CSV_COLUMNS).toHaveLength(new Set(CSV_COLUMNS).size);
  });

  it('can omit the BOM', () => {
    const csv = decisionsToCsv([], { timeZone: 'UTC', bom: false });
    expect(csv).toBe(CSV_COLUMNS.join(','));
  });

  it('separates records with CRLF only, and has no trailing empty line', () => {
    const records = Array.from({ length: 5 }, () =>
      makeDecision({ replyBody: 'no comma', suggestedBody: 'none here' }),
    );
    const csv = decisionsToCsv(records, { timeZone: 'UTC' });
    const lines = csv.split('\r\n');
    expect(lines).toHaveLength(6);
    expect(csv).not.toMatch(/[^\r]\n/);
    expect(csv.endsWith('\n')).toBe(false);
    expect(lines.slice(1).every((l) => l.split(',').length === CSV_COLUMNS.length)).toBe(true);
  });

  it('maps every field to its column', () => {
    const r = makeDecision({
      id: 'a1b2c3d4-0000-4000-8000-000000000001',
      action: 'chatwoot.escalate',
      accountId: 42,
      conversationId: 9876,
      chatwootOrigin: 'https://chat.example.org',
      operatorEmail: 'lead@example.org',
      replyBody: 'reply text',
      suggestedTemplate: 'refund_offer',
      suggestedBody: 'suggested text',
      edited: true,
      note: 'my note',
      escalationReason: 'refund_over_500',
      createdAt: new Date('2026-11-27T09:05:03.042Z'),
      updatedAt: new Date('2026-11-27T09:05:04.500Z'),
      syncState: 'failed',
      error: 'Chatwoot did not answer',
      attempts: 3,
      mock: true,
      replySource: 'ai',
      operatorId: 17,
      profileId: 'b7f0c1de-profile',
      source: 'team',
    });
    const row = only(parse(decisionsToCsv([r], { timeZone: 'Europe/Paris' })));
    expect(row).toEqual({
      id: 'a1b2c3d4-0000-4000-8000-000000000001',
      created_at_utc: '2026-11-27T09:05:03.042Z',
      created_at_local: '2026-11-27 10:05:03',
      time_zone: 'Europe/Paris',
      operator_email: 'lead@example.org',
      action: 'chatwoot.escalate',
      escalation_reason: 'refund_over_500',
      conversation_id: '9876',
      account_id: '42',
      chatwoot_origin: 'https://chat.example.org',
      sync_state: 'failed',
      error: 'Chatwoot did not answer',
      attempts: '3',
      mock: 'true',
      suggested_template: 'refund_offer',
      edited: 'true',
      reply_body: 'reply text',
      suggested_body: 'suggested text',
      note: 'my note',
      scope: 'ops',
      updated_at_utc: '2026-11-27T09:05:04.500Z',
      reply_source: 'ai',
      operator_id: '17',
      browser_profile_id: 'b7f0c1de-profile',
      record_source: 'team',
    } satisfies Record<(typeof CSV_COLUMNS)[number], string>);
  });

  it.each([
    ['an approval of the template', { replySource: 'template' }, 'template'],
    ['an approval of the AI draft', { replySource: 'ai' }, 'ai'],
    ['an approval logged before reply_source existed', {}, 'template'],
    ['an escalation', { action: 'chatwoot.escalate', replySource: null }, ''],
    ['a resolve logged before reply_source existed', { action: 'chatwoot.mark_resolved' }, ''],
  ] as const)('reply_source of %s: %j', (_what, fields, expected) => {
    const r = makeDecision(fields);
    expect(only(parse(decisionsToCsv([r], { timeZone: 'UTC' }))).reply_source).toBe(expected);
  });

  it('marks mock and real decisions in their own column', () => {
    const rows = parse(
      decisionsToCsv(
        [makeDecision({ mock: true, chatwootOrigin: 'mock:' }), makeDecision({ mock: false })],
        { timeZone: 'UTC' },
      ),
    );
    expect(rows.map((r) => [r.mock, r.chatwoot_origin])).toEqual([
      ['true', 'mock:'],
      ['false', 'https://app.chatwoot.com'],
    ]);
  });

  it('renders nulls as empty cells and booleans as true/false', () => {
    const row = only(
      parse(
        decisionsToCsv(
          [
            makeDecision({
              action: 'chatwoot.mark_resolved',
              replyBody: null,
              suggestedTemplate: null,
              suggestedBody: null,
              note: null,
              error: null,
              edited: false,
            }),
          ],
          { timeZone: 'UTC' },
        ),
      ),
    );
    expect([row.reply_body, row.suggested_template, row.suggested_body, row.note]).toEqual([
      '',
      '',
      '',
      '',
    ]);
    expect([row.error, row.escalation_reason, row.edited]).toEqual(['', '', 'false']);
  });

  it('quotes only when needed', () => {
    const csv = decisionsToCsv(
      [makeDecision({ note: 'plain', replyBody: 'a,b', suggestedBody: 'say "hi"' })],
      { timeZone: 'UTC', bom: false },
    );
    const line = csv.split('\r\n')[1]!;
    expect(line).toContain(',"a,b","say ""hi""",plain,');
    expect(line.startsWith('00000000-')).toBe(true);
    expect(line).not.toMatch(/"2026/);
  });
});

describe('decisionsToCsv: hostile values round-trip through papaparse', () => {
  it.each(HOSTILE)('%s', (_label, raw, expected) => {
    const r = makeDecision({
      note: raw,
      replyBody: raw,
      suggestedBody: raw,
      error: raw,
      operatorEmail: raw ?? '',
      chatwootOrigin: raw ?? '',
    });
    const row = only(parse(decisionsToCsv([r], { timeZone: 'UTC' })));
    for (const col of [
      'note',
      'reply_body',
      'suggested_body',
      'error',
      'operator_email',
      'chatwoot_origin',
    ]) {
      expect(row[col], col).toBe(expected);
    }
    // Neighbouring cells are untouched.
    expect(row.id).toBe(r.id);
    expect(row.updated_at_utc).toBe(r.updatedAt.toISOString());
  });

  it('neutralises every formula trigger and only those', () => {
    for (const c of ['=', '+', '-', '@', '\t', '\r']) {
      const row = only(
        parse(decisionsToCsv([makeDecision({ note: `${c}x` })], { timeZone: 'UTC' })),
      );
      expect(row.note).toBe(`'${c}x`);
    }
    for (const c of ['a', '1', ' ', '#', '%', '(', "'", '"', '\n']) {
      const row = only(
        parse(decisionsToCsv([makeDecision({ note: `${c}x` })], { timeZone: 'UTC' })),
      );
      expect(row.note).toBe(`${c}x`);
    }
  });

  it('round-trips many mixed rows in order', () => {
    const records = HOSTILE.filter(([l]) => l !== '1 MB text').map(([, raw]) =>
      makeDecision({ note: raw, replyBody: raw }),
    );
    const rows = parse(decisionsToCsv(records, { timeZone: 'UTC' }));
    expect(rows.map((r) => r.id)).toEqual(records.map((r) => r.id));
    expect(rows.map((r) => r.note)).toEqual(
      HOSTILE.filter(([l]) => l !== '1 MB text').map(([, , e]) => e),
    );
  });
});

describe('local time column', () => {
  const at = (iso: string, timeZone: string): string =>
    only(parse(decisionsToCsv([makeDecision({ createdAt: new Date(iso) })], { timeZone })))
      .created_at_local!;

  it.each([
    // Europe/Paris spring forward, 2026-03-29 02:00 -> 03:00 local (01:00Z)
    ['2026-03-29T00:59:59.999Z', 'Europe/Paris', '2026-03-29 01:59:59'],
    ['2026-03-29T01:00:00.000Z', 'Europe/Paris', '2026-03-29 03:00:00'],
    ['2026-03-28T23:30:00.000Z', 'Europe/Paris', '2026-03-29 00:30:00'],
    ['2026-03-29T22:30:00.000Z', 'Europe/Paris', '2026-03-30 00:30:00'],
    // Europe/Paris fall back, 2026-10-25 03:00 -> 02:00 local (01:00Z)
    ['2026-10-25T00:59:59.000Z', 'Europe/Paris', '2026-10-25 02:59:59'],
    ['2026-10-25T01:00:00.000Z', 'Europe/Paris', '2026-10-25 02:00:00'],
    ['2026-10-25T00:30:00.000Z', 'Europe/Paris', '2026-10-25 02:30:00'],
    ['2026-10-25T01:30:00.000Z', 'Europe/Paris', '2026-10-25 02:30:00'],
    // America/New_York: 2026-03-08 02:00 EST -> 03:00 EDT (07:00Z); 2026-11-01 02:00 EDT -> 01:00 EST (06:00Z)
    ['2026-03-08T06:59:59.000Z', 'America/New_York', '2026-03-08 01:59:59'],
    ['2026-03-08T07:00:00.000Z', 'America/New_York', '2026-03-08 03:00:00'],
    ['2026-11-01T05:59:59.000Z', 'America/New_York', '2026-11-01 01:59:59'],
    ['2026-11-01T06:00:00.000Z', 'America/New_York', '2026-11-01 01:00:00'],
    ['2026-11-27T03:00:00.000Z', 'America/New_York', '2026-11-26 22:00:00'],
    // Half/quarter-hour zones and a 30-minute DST shift
    ['2026-06-01T00:00:00.000Z', 'Asia/Kolkata', '2026-06-01 05:30:00'],
    ['2026-06-01T00:00:00.000Z', 'Asia/Kathmandu', '2026-06-01 05:45:00'],
    ['2026-04-04T14:59:59.000Z', 'Australia/Lord_Howe', '2026-04-05 01:59:59'],
    ['2026-04-04T15:00:00.000Z', 'Australia/Lord_Howe', '2026-04-05 01:30:00'],
    ['2026-11-27T23:59:59.999Z', 'UTC', '2026-11-27 23:59:59'],
  ])('%s in %s is %s', (iso, zone, expected) => {
    expect(at(iso, zone)).toBe(expected);
  });

  it(
    'matches Intl for every 37 minutes of 2026, in shuffled order, across zones',
    { timeout: 30_000 },
    () => {
      const zones = [
        'Europe/Paris',
        'America/New_York',
        'Australia/Lord_Howe',
        'America/St_Johns',
        'Pacific/Chatham',
        'Asia/Kathmandu',
        'America/Santiago',
      ];
      const start = Date.UTC(2026, 0, 1);
      const end = Date.UTC(2027, 0, 1);
      const instants: number[] = [];
      for (let t = start; t < end; t += 37 * 60_000 + 1_234) instants.push(t);
      // Deterministic shuffle: the per-day cache must not depend on order.
      let seed = 42;
      for (let i = instants.length - 1; i > 0; i--) {
        seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
        const j = seed % (i + 1);
        [instants[i], instants[j]] = [instants[j]!, instants[i]!];
      }
      const records = instants.map((t) => makeDecision({ createdAt: new Date(t) }));
      for (const timeZone of zones) {
        const ref = new Intl.DateTimeFormat('en-US', {
          timeZone,
          hourCycle: 'h23',
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
          hour: '2-digit',
          minute: '2-digit',
          second: '2-digit',
        });
        const expected = instants.map((t) => {
          const p = Object.fromEntries(
            ref.formatToParts(new Date(t)).map((x) => [x.type, x.value]),
          );
          return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
        });
        const rows = parse(decisionsToCsv(records, { timeZone, bom: false }));
        const got = rows.map((r) => r.created_at_local);
        const mismatches = got.flatMap((g, i) =>
          g === expected[i]
            ? []
            : [`${new Date(instants[i]!).toISOString()} ${g} != ${expected[i]}`],
        );
        expect(mismatches, timeZone).toEqual([]);
      }
    },
  );

  it('leaves invalid dates empty instead of throwing', () => {
    const row = only(
      parse(decisionsToCsv([makeDecision({ createdAt: new Date(NaN) })], { timeZone: 'UTC' })),
    );
    expect([row.created_at_utc, row.created_at_local]).toEqual(['', '']);
  });

  it('defaults to the runtime zone', () => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const row = only(parse(decisionsToCsv([makeDecision()])));
    expect(row.time_zone).toBe(zone);
  });

  it('rejects an unknown zone', () => {
    expect(() => decisionsToCsv([makeDecision()], { timeZone: 'Mars/Olympus' })).toThrow(
      RangeError,
    );
  });
});

describe('streaming', () => {
  const records = Array.from({ length: 25 }, (_, i) =>
    makeDecision({ note: i % 3 === 0 ? '=x, "y"\n' : `note ${i}` }),
  );
  const chunked = (size: number): DecisionRecord[][] => {
    const out: DecisionRecord[][] = [];
    for (let i = 0; i < records.length; i += size) out.push(records.slice(i, i + size));
    return out;
  };

  it('csvChunks yields the header first and concatenates to decisionsToCsv (sync source)', async () => {
    const parts: string[] = [];
    for await (const s of csvChunks([...chunked(7), []], { timeZone: 'UTC' })) parts.push(s);
    expect(parts[0]).toBe(CSV_BOM + CSV_COLUMNS.join(','));
    expect(parts).toHaveLength(1 + 4);
    expect(parts.join('')).toBe(decisionsToCsv(records, { timeZone: 'UTC' }));
  });

  it('csvChunks accepts an async source and can be stopped early', async () => {
    let pulled = 0;
    async function* source(): AsyncGenerator<DecisionRecord[]> {
      for (const c of chunked(5)) {
        pulled += 1;
        yield c;
      }
    }
    const parts: string[] = [];
    for await (const s of csvChunks(source(), { timeZone: 'UTC' })) {
      parts.push(s);
      if (parts.length === 3) break;
    }
    expect(pulled).toBe(2);
    const rows = parse(parts.join(''));
    expect(rows.map((r) => r.id)).toEqual(records.slice(0, 10).map((r) => r.id));
  });

  it('csvRows and the writer compose to the same file', () => {
    const w = createCsvWriter({ timeZone: 'UTC' });
    expect(
      w.head + csvRows(records.slice(0, 4), { timeZone: 'UTC' }) + w.rows(records.slice(4)),
    ).toBe(decisionsToCsv(records, { timeZone: 'UTC' }));
    expect(w.rows([])).toBe('');
  });
});

describe('csvFileName', () => {
  const now = new Date('2026-11-27T15:00:00Z');
  it.each([
    [
      'closed range, exclusive end at midnight',
      { from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-11-28T00:00:00Z') },
      'cx-decisions_2026-11-01_to_2026-11-27.csv',
    ],
    ['open start', { to: new Date('2026-11-10T12:00:00Z') }, 'cx-decisions_all_to_2026-11-10.csv'],
    [
      'open end',
      { from: new Date('2026-11-01T00:00:00Z') },
      'cx-decisions_2026-11-01_to_2026-11-27.csv',
    ],
    ['unbounded', { from: null, to: null }, 'cx-decisions_all_to_2026-11-27.csv'],
  ])('%s', (_label, range, expected) => {
    expect(csvFileName({ ...range, now, timeZone: 'UTC' })).toBe(expected);
  });

  it('uses the local calendar day', () => {
    expect(
      csvFileName({
        from: new Date('2026-10-31T23:00:00Z'), // 2026-11-01 00:00 Paris
        to: new Date('2026-11-27T23:00:00Z'), // 2026-11-28 00:00 Paris, exclusive
        now,
        timeZone: 'Europe/Paris',
      }),
    ).toBe('cx-decisions_2026-11-01_to_2026-11-27.csv');
  });

  it('is safe as a file name', () => {
    expect(csvFileName({ now, timeZone: 'Asia/Kathmandu' })).toMatch(/^[A-Za-z0-9_.-]+$/);
  });
});
