// The stand-in's mutable world: seeded data, switches, faults, request log and clock. Shared by
// the HTTP server (server.ts), the control API (control.ts) and the Standin object tests hold.
import { addIncoming } from './routes/api';
import { FaultStore, type FaultKind } from './routes/faults';
import { SEED, seedState } from './seed';
import type { Message, StandinState } from './types';
import type { ReceivedWebhook } from './routes/webhook';

export interface StandinConfig {
  /** Added before every non-control request (benchmarks). */
  latencyMs: number;
  /** Dashboard pages sign a cookie-less browser in as Dana (SEED.agentSession). */
  autoLogin: boolean;
  /**
   * Render conversations without a policy the way upstream does with the `sla` feature on
   * (`sla_policy_id: null, applied_sla: {}, sla_events: []`) instead of omitting the fields
   * as docs/CHATWOOT.md §5 describes. Default off.
   */
  emptySlaFields: boolean;
}

export interface StandinConfigPatch extends Partial<StandinConfig> {
  /** Per-account switches; applied to `accountId`, or to every account when it is absent. */
  strictLabels?: boolean;
  aiEnabled?: boolean;
  accountId?: number;
}

export interface StandinConfigView extends StandinConfig {
  accounts: Array<{ id: number; name: string; strictLabels: boolean; aiEnabled: boolean }>;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  query: string;
  /** 0 when no answer was sent (drop, drop_after, hang_after). */
  status: number;
  /** ISO time on the stand-in's clock. */
  at: string;
  fault?: FaultKind;
  /** Who asked, from the browser's `Sec-Fetch-Site`: a page of the stand-in itself (its own
   * dashboard: `same-origin`), an extension's worker (`none`: no initiating site) or anything
   * else in a browser, or no browser at all (a test or script: no such header). */
  by: 'page' | 'extension' | 'other';
}

const DEFAULT_CONFIG: StandinConfig = { latencyMs: 0, autoLogin: true, emptySlaFields: false };

export class ConfigError extends Error {}

export class StandinCore {
  state: StandinState;
  settings: StandinConfig = { ...DEFAULT_CONFIG };
  readonly faults = new FaultStore();
  requests: RequestLogEntry[] = [];
  /** What the webhook receiver got (routes/webhook.ts), oldest first. */
  webhooks: ReceivedWebhook[] = [];
  private clockOffsetMs = 0;

  constructor(private readonly baseNow: () => Date) {
    this.state = seedState(this.nowMs());
  }

  nowMs(): number {
    return this.baseNow().getTime() + this.clockOffsetMs;
  }

  advanceClock(ms: number): void {
    this.clockOffsetMs += ms;
  }

  /** Back to a freshly started stand-in; sessions signed in through /auth/sign_in survive. */
  reset(): void {
    this.clockOffsetMs = 0;
    const now = this.nowMs();
    const kept = this.state.sessions.filter(
      (s) => s.client !== SEED.agentSession.client && s.expiry * 1000 > now,
    );
    this.state = seedState(now);
    this.state.sessions.push(...kept);
    this.settings = { ...DEFAULT_CONFIG };
    this.faults.clear();
    this.requests = [];
    this.webhooks = [];
  }

  /** Throws ConfigError on a bad patch. */
  configure(patch: StandinConfigPatch = {}): StandinConfigView {
    const p = patch as Record<string, unknown>;
    const bool = (k: string): boolean | undefined => {
      if (p[k] === undefined) return undefined;
      if (typeof p[k] !== 'boolean') throw new ConfigError(`${k} must be a boolean`);
      return p[k];
    };
    if (
      p.latencyMs !== undefined &&
      (typeof p.latencyMs !== 'number' || !(p.latencyMs >= 0) || p.latencyMs > 600_000)
    ) {
      throw new ConfigError('latencyMs must be a number between 0 and 600000');
    }
    const accounts =
      p.accountId === undefined
        ? this.state.accounts
        : this.state.accounts.filter((a) => a.id === p.accountId);
    if (accounts.length === 0) throw new ConfigError(`unknown accountId ${String(p.accountId)}`);
    const strictLabels = bool('strictLabels');
    const aiEnabled = bool('aiEnabled');
    const autoLogin = bool('autoLogin');
    const emptySlaFields = bool('emptySlaFields');
    const ignoreMerge = bool('customAttributesIgnoreMerge');
    if (ignoreMerge !== undefined) this.state.customAttributesIgnoreMerge = ignoreMerge;
    if (typeof p.latencyMs === 'number') this.settings.latencyMs = p.latencyMs;
    if (autoLogin !== undefined) this.settings.autoLogin = autoLogin;
    if (emptySlaFields !== undefined) this.settings.emptySlaFields = emptySlaFields;
    for (const a of accounts) {
      if (strictLabels !== undefined) a.strictLabels = strictLabels;
      if (aiEnabled !== undefined) a.aiEnabled = aiEnabled;
    }
    return this.configView();
  }

  configView(): StandinConfigView {
    return {
      ...this.settings,
      accounts: this.state.accounts.map((a) => ({
        id: a.id,
        name: a.name,
        strictLabels: a.strictLabels,
        aiEnabled: a.aiEnabled,
      })),
    };
  }

  /** Simulates the customer writing (reopens snoozed/resolved, starts waiting_since). */
  customerMessage(accountId: number, displayId: number, content: string): Message | undefined {
    const conv = this.state.conversations.find(
      (c) => c.accountId === accountId && c.displayId === displayId,
    );
    return conv ? addIncoming(this.state, conv, content, this.nowMs()) : undefined;
  }

  log(entry: RequestLogEntry): void {
    this.requests.push(entry);
    // Long benchmark runs should not grow memory without bound.
    if (this.requests.length > 50_000) this.requests.splice(0, this.requests.length - 50_000);
  }
}
