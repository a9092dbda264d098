import type { ChatwootApi } from '../chatwoot/client';
import type { DecisionsDb } from '../decisions/db';
import type { DecisionRecord } from '../decisions/record';
import { parseTeamRecords, type BadTeamRecord } from '../decisions/team-record';
import type { KeyValueStore } from './kv';

// Reads the team's records (docs/DECISION-LOG.md, "The team log") from Chatwoot's conversation
// list into this browser's log, incrementally. One run at a time; Stop ends it between pages.

const PAGE_SIZE = 25; // Chatwoot's list page
const MAX_PAGES = 10_000; // 250,000 conversations: a guard, not a limit anyone meets
const SINCE_MARGIN_S = 600; // clocks differ; a record seen twice is added once anyway
/** Bad records named in the summary (all are counted). */
const NAMED_BAD = 50;

export interface TeamSyncProgress {
  pages: number;
  conversations: number;
  /** Records read this run (good ones). */
  records: number;
  /** Of them, new to this log. */
  added: number;
  bad: number;
}

export interface TeamSyncSummary extends TeamSyncProgress {
  finishedAt: string;
  /** false: stopped or failed before the last page (the next run reads the same window again). */
  complete: boolean;
  /** Only what changed since the last complete run was asked for. */
  incremental: boolean;
  badRecords: BadTeamRecord[];
  error: string | null;
}

interface Kept {
  /** When the last complete run started (ISO): the next asks for what changed since. */
  since: string | null;
  last: TeamSyncSummary | null;
}

export interface TeamSyncTarget {
  api: ChatwootApi;
  origin: string;
  accountId: number;
}

export class TeamSync {
  private current: {
    progress: TeamSyncProgress;
    stop: boolean;
    done: Promise<TeamSyncSummary>;
  } | null = null;

  constructor(private readonly deps: { db: DecisionsDb; kv: KeyValueStore; now?: () => Date }) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  private key(origin: string, accountId: number) {
    return `team-sync:${origin}|${accountId}`;
  }

  /** Starts a run (or joins the one running) and answers at once; `done` settles at the end. */
  start(target: TeamSyncTarget): Promise<TeamSyncSummary> {
    if (this.current) return this.current.done;
    const run = {
      progress: { pages: 0, conversations: 0, records: 0, added: 0, bad: 0 },
      stop: false,
      done: null as unknown as Promise<TeamSyncSummary>,
    };
    this.current = run;
    run.done = this.run(target, run).finally(() => {
      this.current = null;
    });
    return run.done;
  }

  /** @returns whether a run was told to stop. */
  stop(): boolean {
    if (!this.current) return false;
    this.current.stop = true;
    return true;
  }

  async status(origin: string, accountId: number) {
    const kept = await this.deps.kv.get<Kept>(this.key(origin, accountId));
    return {
      running: this.current ? { ...this.current.progress } : null,
      last: kept?.last ?? null,
      lastCompleteAt: kept?.since ?? null,
    };
  }

  private async run(
    { api, origin, accountId }: TeamSyncTarget,
    run: { progress: TeamSyncProgress; stop: boolean },
  ): Promise<TeamSyncSummary> {
    const started = this.now();
    const key = this.key(origin, accountId);
    const kept = (await this.deps.kv.get<Kept>(key)) ?? { since: null, last: null };
    const since = kept.since ? new Date(kept.since) : null;
    const updatedWithin = since
      ? Math.max(1, (started.getTime() - since.getTime()) / 1000) + SINCE_MARGIN_S
      : undefined;
    const p = run.progress;
    const badRecords: BadTeamRecord[] = [];
    const seen = new Set<number>();
    let complete = false;
    let error: string | null = null;
    try {
      if (!api.listAllConversations)
        throw new Error('This Chatwoot cannot be read for the team log');
      for (let page = 1; page <= MAX_PAGES && !run.stop; page++) {
        const list = await api.listAllConversations(accountId, { page, updatedWithin });
        p.pages++;
        const fresh = list.filter((c) => c.account_id === accountId && !seen.has(c.id));
        const records: DecisionRecord[] = [];
        for (const c of fresh) {
          seen.add(c.id);
          const read = parseTeamRecords(
            { accountId, conversationId: c.id, customAttributes: c.custom_attributes },
            origin,
            this.now(),
          );
          records.push(...read.records);
          p.bad += read.bad.length;
          badRecords.push(...read.bad.slice(0, NAMED_BAD - badRecords.length));
        }
        p.conversations = seen.size;
        p.records += records.length;
        p.added += await this.addNew(records);
        // A short page is the last; a page with nothing new is a server answering every page
        // alike (`updated_within` ignores `page`).
        if (list.length < PAGE_SIZE || fresh.length === 0) {
          complete = true;
          break;
        }
      }
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    const summary: TeamSyncSummary = {
      ...p,
      finishedAt: this.now().toISOString(),
      complete,
      incremental: since !== null,
      badRecords,
      error,
    };
    await this.deps.kv.set(key, {
      since: complete ? started.toISOString() : kept.since,
      last: summary,
    } satisfies Kept);
    return summary;
  }

  /** Adds the records whose decision is not in this log yet (made here, or synced before). */
  private async addNew(records: DecisionRecord[]): Promise<number> {
    if (records.length === 0) return 0;
    const { db } = this.deps;
    return db.transaction('rw', db.decisions, async () => {
      const unique = [...new Map(records.map((r) => [r.id, r])).values()];
      const here = await db.decisions.bulkGet(unique.map((r) => r.id));
      const missing = unique.filter((_, i) => here[i] === undefined);
      await db.decisions.bulkAdd(missing);
      return missing.length;
    });
  }
}
