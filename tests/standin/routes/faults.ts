// Fault injection, per route. The kinds mirror what an extension meets in the field
// (docs/CHATWOOT.md §4 and docs/CHATWOOT.md §10 "exactly-once sends"): slow answers, proxy 5xx pages,
// rack-attack 429s, dropped connections before or after the server acted, answers that never
// come, and garbage bodies.

export const FAULT_KINDS = [
  'latency',
  'status',
  'rate_limit',
  'drop',
  'drop_after',
  'hang_after',
  'malformed',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultSpec {
  /** HTTP method to match (any when absent). */
  method?: string;
  /** Regular expression matched against the request pathname. */
  path: string;
  kind: FaultKind;
  /** latency: delay before answering normally. */
  ms?: number;
  /** status: the status to answer. */
  status?: number;
  /** status: the body to answer (default: an HTML proxy page for 5xx, JSON otherwise). */
  body?: string;
  /** How many matching requests it applies to; unlimited when absent. */
  times?: number;
  /** Chance (0..1) that a matching request is hit; 1 when absent. Seeded, so repeatable. */
  probability?: number;
}

export interface Fault extends FaultSpec {
  id: string;
  /** Requests this fault has been applied to so far. */
  hits: number;
}

export class FaultError extends Error {}

function validate(spec: unknown): FaultSpec {
  if (typeof spec !== 'object' || spec === null) throw new FaultError('fault must be an object');
  const s = spec as Record<string, unknown>;
  const kind = s.kind;
  if (typeof kind !== 'string' || !(FAULT_KINDS as readonly string[]).includes(kind)) {
    throw new FaultError(`kind must be one of ${FAULT_KINDS.join(', ')}`);
  }
  if (typeof s.path !== 'string' || s.path === '') throw new FaultError('path (regex) required');
  try {
    new RegExp(s.path);
  } catch {
    throw new FaultError(`path is not a valid regular expression: ${s.path}`);
  }
  const num = (k: string, min: number, max: number): number | undefined => {
    const v = s[k];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
      throw new FaultError(`${k} must be a number in [${min}, ${max}]`);
    }
    return v;
  };
  if (s.method !== undefined && typeof s.method !== 'string') {
    throw new FaultError('method must be a string');
  }
  if (s.body !== undefined && typeof s.body !== 'string') {
    throw new FaultError('body must be a string');
  }
  const out: FaultSpec = { path: s.path, kind: kind as FaultKind };
  if (typeof s.method === 'string') out.method = s.method.toUpperCase();
  const ms = num('ms', 0, 600_000);
  const status = num('status', 100, 599);
  const times = num('times', 1, Number.MAX_SAFE_INTEGER);
  const probability = num('probability', 0, 1);
  if (ms !== undefined) out.ms = ms;
  if (status !== undefined) out.status = Math.trunc(status);
  if (typeof s.body === 'string') out.body = s.body;
  if (times !== undefined) out.times = Math.trunc(times);
  if (probability !== undefined) out.probability = probability;
  if (out.kind === 'status' && out.status === undefined) {
    throw new FaultError('kind "status" needs a status');
  }
  return out;
}

/** mulberry32: a tiny seeded PRNG so `probability` is repeatable run to run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultStore {
  private faults: Array<{ fault: Fault; re: RegExp; rand: () => number }> = [];
  private seq = 0;

  /** Throws FaultError on an invalid spec. */
  add(spec: FaultSpec | unknown): Fault {
    const valid = validate(spec);
    this.seq += 1;
    const fault: Fault = { ...valid, id: `f${this.seq}`, hits: 0 };
    this.faults.push({ fault, re: new RegExp(valid.path), rand: prng(this.seq * 2654435761) });
    return { ...fault };
  }

  clear(): void {
    this.faults = [];
  }

  remove(id: string): boolean {
    const before = this.faults.length;
    this.faults = this.faults.filter((f) => f.fault.id !== id);
    return this.faults.length !== before;
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f.fault }));
  }

  /** The first fault that applies to this request, counting it as used. */
  take(method: string, pathname: string): Fault | undefined {
    for (const entry of this.faults) {
      const { fault, re } = entry;
      if (fault.method && fault.method !== method.toUpperCase()) continue;
      if (!re.test(pathname)) continue;
      if (fault.times !== undefined && fault.hits >= fault.times) continue;
      if (fault.probability !== undefined && entry.rand() >= fault.probability) continue;
      fault.hits += 1;
      return { ...fault };
    }
    return undefined;
  }
}

/** What an nginx in front of Chatwoot answers when the app is down (docs/CHATWOOT.md §4 "5xx"). */
export function proxyErrorPage(status: number): string {
  const reason: Record<number, string> = {
    500: 'Internal Server Error',
    502: 'Bad Gateway',
    503: 'Service Temporarily Unavailable',
    504: 'Gateway Time-out',
  };
  const title = `${status} ${reason[status] ?? 'Error'}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}
