// Chatwoot calls made ahead of need (issue 21): everything the extension asks for that is not
// the conversation the agent opened — conversations fetched ahead, the queue's list pages, the
// threads the badge and the queue read. Declared once, reported by the bench; the worker refuses
// a fetch-ahead that would pass it (lib/background/service.ts), the panel's foresight keeps to
// its own share (components/panel/common/prefetch.ts).

export const AHEAD_CALLS_PER_MINUTE = 40;

/** Calls counted over a rolling minute; `now` is passed in. */
export class RollingMinute {
  private readonly spent: number[] = [];

  constructor(
    private readonly limit: number,
    private readonly now: () => number,
  ) {}

  /** Calls that can still be made this minute. */
  room(): number {
    const since = this.now() - 60_000;
    while (this.spent.length && this.spent[0]! <= since) this.spent.shift();
    return this.limit - this.spent.length;
  }

  spend(calls: number): void {
    for (let i = 0; i < calls; i++) this.spent.push(this.now());
  }

  /** Spends `calls` if there is room for all of them. */
  trySpend(calls: number): boolean {
    if (this.room() < calls) return false;
    this.spend(calls);
    return true;
  }
}
