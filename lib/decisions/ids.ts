// Decision ids are UUIDv7 (RFC 9562) whose 48-bit time is the decision's own `createdAt`.
// Then the table's primary-key order IS the log's (createdAt, id) order: a walk of the whole
// log (the full export) can read the table itself, faster than the [createdAt+id] index, whose
// every entry costs a second lookup (docs/ARCHITECTURE.md, data model). Pure: the caller passes
// the time and the random bytes.

const MAX_MS = 2 ** 48 - 1;

function hex(bytes: ArrayLike<number>, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i++) s += (bytes[i]! & 0xff).toString(16).padStart(2, '0');
  return s;
}

/**
 * The id's first 13 characters (`xxxxxxxx-xxxx`): the millisecond in lowercase hex. Every id
 * of that millisecond or later sorts at or after it, so it bounds a time slice of the table.
 */
export function idTimePrefix(ms: number): string {
  const t = Math.min(MAX_MS, Math.max(0, Math.floor(ms)));
  const h = t.toString(16).padStart(12, '0');
  return `${h.slice(0, 8)}-${h.slice(8)}`;
}

/**
 * A UUIDv7 for a decision made at `createdAt`. `random` gives the 74 random bits (at least 10
 * bytes; crypto.getRandomValues in the product).
 */
export function decisionIdAt(createdAt: Date, random: ArrayLike<number>): string {
  if (random.length < 10) throw new Error('decisionIdAt: needs 10 random bytes');
  const r = Array.from({ length: 10 }, (_, i) => random[i]! & 0xff);
  r[0] = 0x70 | (r[0]! & 0x0f); // version 7
  r[2] = 0x80 | (r[2]! & 0x3f); // variant 10xx
  return `${idTimePrefix(createdAt.getTime())}-${hex(r, 0, 2)}-${hex(r, 2, 4)}-${hex(r, 4, 10)}`;
}

/**
 * Whether the id sorts where its record sorts: a UUIDv7 carrying the record's own
 * millisecond. Ids made before v3 of the database (random UUIDs) and hand-made ids are not,
 * and make readers fall back to the index (lib/decisions/db.ts marks them).
 */
export function isTimeOrderedId(id: string, createdAt: Date): boolean {
  if (!(createdAt instanceof Date)) return false; // a damaged row must not stop an upgrade
  const ms = createdAt.getTime();
  return (
    Number.isFinite(ms) &&
    ms >= 0 &&
    ms <= MAX_MS &&
    id.length === 36 &&
    id.startsWith(idTimePrefix(ms)) &&
    /^-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id.slice(13))
  );
}

/** The millisecond a UUIDv7 id carries, or null for an id that carries none. */
export function idTime(id: string): number | null {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-7/.test(id)) return null;
  return parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}
