// A conversation load started before anyone asked: the worker hears a tab move to a conversation
// from the browser ~3 ms after Chatwoot's pushState, the panel's conversation/get only ~10 ms
// later (runtime messages take that long, bench "Switch latency"). The load starts on the first
// and the request takes it over (docs/ARCHITECTURE.md, "Switching"). Taken once, and only soon
// after it started: any later request (a refetch after an action) loads afresh.

export const EARLY_KEEP_MS = 2_000;

export class EarlyLoads<T> {
  private readonly started = new Map<string, { at: number; result: Promise<T> }>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly keepMs: number = EARLY_KEEP_MS,
  ) {}

  /** Starts `load` for `key` unless one is already waiting to be taken. */
  start(key: string, load: () => Promise<T>): void {
    this.prune();
    if (this.started.has(key)) return;
    const result = load();
    result.catch(() => undefined); // handed over as it is; nobody may take it
    this.started.set(key, { at: this.now(), result });
  }

  /** The load started for `key` within the keep time, once; null if none. */
  take(key: string): Promise<T> | null {
    this.prune();
    const entry = this.started.get(key);
    if (!entry) return null;
    this.started.delete(key);
    return entry.result;
  }

  private prune(): void {
    const oldest = this.now() - this.keepMs;
    for (const [key, { at }] of this.started) if (at < oldest) this.started.delete(key);
  }
}
