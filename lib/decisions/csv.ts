// CSV export of the decision log. Pure: no clock, no browser APIs (eslint enforces it).
//
// Format (RFC 4180): UTF-8 with a BOM so Excel detects the encoding (accents, emoji); CRLF
// between records; a field is quoted only when it must be (contains `"` `,` CR or LF, or
// starts/ends with a space or tab); quotes inside are doubled. Records are separated, not
// terminated, by CRLF: a trailing line break reads as an extra empty row in some parsers.
//
// Formula injection (OWASP "CSV Injection"): a text cell starting with `=` `+` `-` `@`, tab
// or CR would be run as a formula by Excel / Sheets / LibreOffice, so it gets a leading `'`.
// Applied to every free-text or string-enum cell; not to numbers, booleans or our own
// ISO timestamps, which can't start with those characters.
//
// null and '' both export as an empty cell.

import { replySourceOf, type DecisionRecord } from './record';

/**
 * The documented, fixed column order. Adding a column means appending it (leads' sheets
 * and macros address columns by position).
 */
export const CSV_COLUMNS = [
  /** Decision UUID (also the outbox key). */
  'id',
  /** When the operator decided, ISO 8601 UTC with milliseconds: 2026-11-27T09:05:00.000Z. */
  'created_at_utc',
  /** The same instant as wall-clock time in `time_zone`: 2026-11-27 10:05:00 (no offset). */
  'created_at_local',
  /** IANA zone used for created_at_local, e.g. Europe/Paris. Same on every row. */
  'time_zone',
  /** Operator's profile email. */
  'operator_email',
  /** chatwoot.approve_send | chatwoot.escalate | chatwoot.mark_resolved */
  'action',
  /** escalate: policy_exception | refund_over_500 | legal_fraud | abusive_language | other; else empty. */
  'escalation_reason',
  /** Chatwoot display_id (the number in the dashboard URL). */
  'conversation_id',
  /** Chatwoot account id. */
  'account_id',
  /** Chatwoot origin, e.g. https://app.chatwoot.com, or `mock:` in mock mode. */
  'chatwoot_origin',
  /** Sync with Chatwoot: pending | sent | failed | cancelled. */
  'sync_state',
  /** Plain-language reason when failed (or last transient error while pending); else empty. */
  'error',
  /** Send attempts so far. */
  'attempts',
  /** true when the decision was made in mock mode (nothing reached Chatwoot). */
  'mock',
  /** approve: the suggested template id (ack_delay | ship_update | refund_offer, or a team
   * template's custom:… / canned:<id>); else empty. */
  'suggested_template',
  /** approve: true when the operator changed the suggested text. */
  'edited',
  /** approve: the reply actually sent. */
  'reply_body',
  /** approve: the suggested text before any edit. */
  'suggested_body',
  /** Operator's note. */
  'note',
  /** Always `ops` today. */
  'scope',
  /** Last change to the record (sync state, attempts), ISO 8601 UTC. */
  'updated_at_utc',
  /** approve: template | ai (Chatwoot's AI draft) — what `edited` compares with; else empty. */
  'reply_source',
  /** The operator's Chatwoot user id, once Chatwoot confirmed who was signed in. */
  'operator_id',
  /** The browser profile that made the decision (its extension's random id). */
  'browser_profile_id',
  /** `this_browser`: made here; `team`: read from the team log in Chatwoot. */
  'record_source',
] as const;

export interface CsvOptions {
  /** IANA zone for created_at_local and the file name. Default: the runtime's zone. */
  timeZone?: string;
  /** Prefix the UTF-8 byte order mark. Default true (Excel needs it for non-ASCII). */
  bom?: boolean;
  /**
   * `,` (default): RFC 4180. `;`: for Excel in locales whose list separator is `;` (French,
   * German…), which opens a comma file in one column; same quoting, `;` quoted as well.
   */
  delimiter?: CsvDelimiter;
}

export type CsvDelimiter = ',' | ';';
const CSV_DELIMITERS: readonly CsvDelimiter[] = [',', ';'];

export const CSV_BOM = '\uFEFF';
const CRLF = '\r\n';

/** Quote when the field contains a quote, the delimiter, CR or LF. */
const MUST_QUOTE: Record<CsvDelimiter, RegExp> = { ',': /[",\r\n]/, ';': /[";\r\n]/ };
const QUOTES = /"/g;

type Cell = (s: string | null | undefined) => string;

/** Formula neutralisation then RFC 4180 quoting (only when needed), for strings not ours. */
function textFor(delimiter: CsvDelimiter): Cell {
  const mustQuote = MUST_QUOTE[delimiter];
  const field = (s: string): string => {
    const n = s.length;
    if (n === 0) return s;
    const first = s.charCodeAt(0);
    const last = s.charCodeAt(n - 1);
    if (mustQuote.test(s) || first === 32 || first === 9 || last === 32 || last === 9) {
      return '"' + (s.includes('"') ? s.replace(QUOTES, '""') : s) + '"';
    }
    return s;
  };
  return (s) => {
    if (s === null || s === undefined || s.length === 0) return '';
    const c = s.charCodeAt(0);
    // = + - @ TAB CR
    if (c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13) return field("'" + s);
    return field(s);
  };
}

function num(n: number | null | undefined): string {
  return typeof n === 'number' && Number.isFinite(n) ? String(n) : '';
}

function bool(b: boolean | null | undefined): string {
  return b === true ? 'true' : b === false ? 'false' : '';
}

// --- Timestamps -------------------------------------------------------------------------
// toISOString() per cell is a large share of an export; timestamps are mostly sorted, so the
// date part is cached per day and the time part is a few table lookups.

const DAY_MS = 86_400_000;
/** Years 0000..9999: the range where ISO 8601 needs no sign/expanded year. */
const MIN_FAST_MS = -62_167_219_200_000;
const MAX_FAST_MS = 253_402_300_799_999;
const PAD2 = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const PAD3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
const dayStrings = new Map<number, string>();

function dayString(day: number): string {
  let s = dayStrings.get(day);
  if (s === undefined) {
    s = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (dayStrings.size > 100_000) dayStrings.clear();
    dayStrings.set(day, s);
  }
  return s;
}

/** `YYYY-MM-DD{sep}HH:mm:ss` (+ `.sssZ` when `millis`) for a UTC-based epoch value. */
function stamp(ms: number, sep: string, millis: boolean): string {
  if (!(ms >= MIN_FAST_MS && ms <= MAX_FAST_MS)) {
    const iso = new Date(ms).toISOString(); // throws on NaN: callers check first
    return millis ? iso : iso.slice(0, -5).replace('T', sep);
  }
  const day = Math.floor(ms / DAY_MS);
  let rem = ms - day * DAY_MS;
  const h = Math.floor(rem / 3_600_000);
  rem -= h * 3_600_000;
  const m = Math.floor(rem / 60_000);
  rem -= m * 60_000;
  const sec = Math.floor(rem / 1000);
  const t = dayString(day) + sep + PAD2[h] + ':' + PAD2[m] + ':' + PAD2[sec];
  return millis ? t + '.' + PAD3[rem - sec * 1000] + 'Z' : t;
}

function isoUtc(d: Date | null | undefined): string {
  if (!(d instanceof Date)) return '';
  const ms = d.getTime();
  return Number.isNaN(ms) ? '' : stamp(ms, 'T', true);
}

// --- Local time -------------------------------------------------------------------------
// Intl.formatToParts costs microseconds, too slow per row at 100k rows. Instead: the zone's
// UTC offset at each UTC midnight; when it is the same at both ends of a UTC day, the whole
// day uses it (offsets change at most once a day), and the wall clock is plain arithmetic.
// Days holding a DST change are computed exactly, per record.

type LocalFormatter = (ms: number) => string;

const localFormatters = new Map<string, LocalFormatter>();

function localFormatterFor(timeZone: string): LocalFormatter {
  let f = localFormatters.get(timeZone);
  if (!f) {
    f = makeLocalFormatter(timeZone);
    localFormatters.set(timeZone, f);
  }
  return f;
}

function makeLocalFormatter(timeZone: string): LocalFormatter {
  // Throws RangeError on an unknown zone: better than a silently wrong column.
  const dtf = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    era: 'short',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });

  /** Offset (ms, whole seconds) of the zone at instant `ms`. */
  const offsetAt = (ms: number): number => {
    const t = Math.floor(ms / 1000) * 1000;
    let y = 0;
    let mo = 0;
    let d = 0;
    let h = 0;
    let mi = 0;
    let s = 0;
    let bc = false;
    for (const p of dtf.formatToParts(new Date(t))) {
      switch (p.type) {
        case 'year':
          y = Number(p.value);
          break;
        case 'month':
          mo = Number(p.value);
          break;
        case 'day':
          d = Number(p.value);
          break;
        case 'hour':
          h = Number(p.value);
          break;
        case 'minute':
          mi = Number(p.value);
          break;
        case 'second':
          s = Number(p.value);
          break;
        case 'era':
          bc = p.value.startsWith('B');
          break;
      }
    }
    const local = new Date(0);
    local.setUTCFullYear(bc ? 1 - y : y, mo - 1, d);
    local.setUTCHours(h === 24 ? 0 : h, mi, s, 0);
    return local.getTime() - t;
  };

  const midnightOffset = new Map<number, number>();
  const offsetAtMidnight = (day: number): number => {
    let o = midnightOffset.get(day);
    if (o === undefined) {
      o = offsetAt(day * DAY_MS);
      midnightOffset.set(day, o);
    }
    return o;
  };
  /** day → offset when constant all day, else NaN. */
  const dayOffset = new Map<number, number>();

  return (ms) => {
    if (!Number.isFinite(ms)) return '';
    const day = Math.floor(ms / DAY_MS);
    let off = dayOffset.get(day);
    if (off === undefined) {
      const a = offsetAtMidnight(day);
      off = a === offsetAtMidnight(day + 1) ? a : NaN;
      dayOffset.set(day, off);
    }
    return stamp(ms + (Number.isNaN(off) ? offsetAt(ms) : off), ' ', false);
  };
}

function runtimeTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

// --- Rows -------------------------------------------------------------------------------

export interface CsvWriter {
  /** BOM (unless disabled) + header line, no line break after it. */
  readonly head: string;
  /** Rows for `records`, each PRECEDED by CRLF, so `head + rows(a) + rows(b)` is the file. */
  rows(records: readonly DecisionRecord[]): string;
}

/** One writer per export: resolves the zone and its offset cache once. */
export function createCsvWriter(options: CsvOptions = {}): CsvWriter {
  const timeZone = options.timeZone ?? runtimeTimeZone();
  const local = localFormatterFor(timeZone);
  const delimiter = options.delimiter ?? ',';
  if (!CSV_DELIMITERS.includes(delimiter)) throw new RangeError(`delimiter ${delimiter}`);
  const text = textFor(delimiter);
  const zoneCell = text(timeZone);
  const head = (options.bom === false ? '' : CSV_BOM) + CSV_COLUMNS.join(delimiter);

  // One reused buffer, joined per row: join() makes a flat string, where `a + ',' + b ...`
  // leaves ~40 rope nodes per row for the GC (measured: 2-3x slower at 100k rows).
  const cells = new Array<string>(CSV_COLUMNS.length).fill('');
  const row = (r: DecisionRecord): string => {
    const created = r.createdAt instanceof Date ? r.createdAt.getTime() : NaN;
    cells[0] = text(r.id);
    cells[1] = Number.isNaN(created) ? '' : stamp(created, 'T', true);
    cells[2] = local(created);
    cells[3] = zoneCell;
    cells[4] = text(r.operatorEmail);
    cells[5] = text(r.action);
    cells[6] = text(r.escalationReason);
    cells[7] = num(r.conversationId);
    cells[8] = num(r.accountId);
    cells[9] = text(r.chatwootOrigin);
    cells[10] = text(r.syncState);
    cells[11] = text(r.error);
    cells[12] = num(r.attempts);
    cells[13] = bool(r.mock);
    cells[14] = text(r.suggestedTemplate);
    cells[15] = bool(r.edited);
    cells[16] = text(r.replyBody);
    cells[17] = text(r.suggestedBody);
    cells[18] = text(r.note);
    cells[19] = text(r.scope);
    cells[20] = isoUtc(r.updatedAt);
    cells[21] = text(replySourceOf(r));
    cells[22] = r.operatorId == null ? '' : num(r.operatorId);
    cells[23] = text(r.profileId);
    cells[24] = r.source === 'team' ? 'team' : 'this_browser';
    return cells.join(delimiter);
  };

  return {
    head,
    rows(records) {
      const n = records.length;
      if (n === 0) return '';
      // join() builds one flat string; `+=` over 100k rows leaves a deep rope for the GC.
      const parts = new Array<string>(n + 1);
      parts[0] = '';
      for (let i = 0; i < n; i++) parts[i + 1] = row(records[i]!);
      return parts.join(CRLF);
    },
  };
}

/** Rows only (each preceded by CRLF); append to `createCsvWriter(options).head`. */
export function csvRows(records: readonly DecisionRecord[], options: CsvOptions = {}): string {
  return createCsvWriter(options).rows(records);
}

/** The whole file: BOM + header + one row per record, in the order given. */
export function decisionsToCsv(
  records: readonly DecisionRecord[],
  options: CsvOptions = {},
): string {
  const w = createCsvWriter(options);
  return w.head + w.rows(records);
}

/**
 * Streaming export: yields BOM + header first, then one string per non-empty chunk.
 * Concatenating everything yielded equals `decisionsToCsv(allRecords)`. Stop iterating to
 * cancel; nothing is held beyond the current chunk.
 */
export async function* csvChunks(
  source: AsyncIterable<readonly DecisionRecord[]> | Iterable<readonly DecisionRecord[]>,
  options: CsvOptions = {},
): AsyncGenerator<string, void, undefined> {
  const w = createCsvWriter(options);
  yield w.head;
  for await (const chunk of source) {
    if (chunk.length > 0) yield w.rows(chunk);
  }
}

// --- File name --------------------------------------------------------------------------

export interface CsvFileNameInput {
  /** Inclusive start of the exported range; null/undefined = from the first record. */
  from?: Date | null;
  /** EXCLUSIVE end of the range (as in the query filter); null/undefined = up to `now`. */
  to?: Date | null;
  now: Date;
  /** Zone for the dates in the name; default the runtime's (same as created_at_local). */
  timeZone?: string;
}

/**
 * `cx-decisions_2026-11-01_to_2026-11-27.csv`; `all` stands for an open start:
 * `cx-decisions_all_to_2026-11-27.csv`. The end date is the last day included (`to` is
 * exclusive, so a range ending at midnight names the day before).
 */
export function csvFileName(input: CsvFileNameInput): string {
  const local = localFormatterFor(input.timeZone ?? runtimeTimeZone());
  const day = (ms: number): string => local(ms).slice(0, 10) || 'invalid-date';
  const start = input.from ? day(input.from.getTime()) : 'all';
  const end = input.to ? day(input.to.getTime() - 1) : day(input.now.getTime());
  return `cx-decisions_${start}_to_${end}.csv`;
}

/** The separator a spreadsheet in this language expects: `;` where `,` is the decimal mark. */
export function defaultCsvDelimiter(locale: string): CsvDelimiter {
  return locale.toLowerCase().startsWith('fr') ? ';' : ',';
}
