import type { WireProfile } from '../../chatwoot/schemas';
import {
  panelPortMessageSchema,
  type BackgroundEvent,
  type LiveChange,
  type LiveMode,
} from '../../messages';
import type { PanelPort } from '../../platform/panel-port';
import { Cable, cableUrl, type CableState, type SocketFactory } from './cable';
import { coalesce, normalise } from './events';

// Holds Chatwoot's realtime channel while at least one panel is open (docs/ARCHITECTURE.md
// "Live updates"): subscribes when the first panel connects its port, keeps the socket a few
// minutes after the last one closes, and hands the panels each 100 ms batch of changes.
// The pubsub token is read from the profile here and never leaves the worker.

export const LINGER_MS = 3 * 60_000;
const BATCH_MS = 100;
const MAX_REFUSED_DELAY_MS = 5 * 60_000;

export interface HubDeps {
  /** The Chatwoot origin in effect; `null` in mock mode or before setup (no socket then). */
  origin: () => Promise<string | null>;
  /** A fresh profile call: the token may have been rotated since the last one. */
  profile: () => Promise<WireProfile>;
  socket?: SocketFactory;
  lingerMs?: number;
  batchMs?: number;
  /** Every batch, for the worker's own queue (the toolbar badge). */
  onChanges?: (accountId: number, changes: LiveChange[]) => void;
  onMode?: (mode: LiveMode, accountId: number | null) => void;
}

export interface HubCounters {
  frames: number;
  malformed: number;
  otherAccount: number;
  ignored: number;
  changes: number;
}

export class RealtimeHub {
  readonly counters: HubCounters = {
    frames: 0,
    malformed: 0,
    otherAccount: 0,
    ignored: 0,
    changes: 0,
  };
  private readonly panels = new Map<PanelPort, number | null>();
  private cable: Cable | null = null;
  private accountId: number | null = null;
  private mode: LiveMode = 'connecting';
  private generation = 0;
  private refusals = 0;
  private lingerTimer: ReturnType<typeof setTimeout> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private batch: LiveChange[] = [];
  private batchTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly deps: HubDeps) {}

  addPanel(port: PanelPort): void {
    this.panels.set(port, null);
    port.onMessage((message) => {
      const parsed = panelPortMessageSchema.safeParse(message);
      if (!parsed.success) return;
      this.panels.set(port, parsed.data.watch.accountId);
      this.post({ event: 'live/status', accountId: this.accountId, mode: this.mode }, port);
      void this.ensure();
    });
    port.onDisconnect(() => {
      this.panels.delete(port);
      void this.ensure();
    });
    this.post({ event: 'live/status', accountId: this.accountId, mode: this.mode }, port);
    void this.ensure();
  }

  get panelCount(): number {
    return this.panels.size;
  }

  /** Settings changed (URL, sign-in, mock mode): subscribe again from scratch. */
  restart(): void {
    this.close();
    void this.ensure();
  }

  /** Drops the socket now (the linger ran out, or the settings changed). */
  close(): void {
    this.generation++;
    clearTimeout(this.lingerTimer);
    clearTimeout(this.retryTimer);
    this.lingerTimer = this.retryTimer = undefined;
    this.cable?.stop();
    this.cable = null;
    clearTimeout(this.batchTimer);
    this.batchTimer = undefined;
    this.flush();
    this.accountId = null;
    this.setMode('connecting');
  }

  private async ensure(): Promise<void> {
    if (this.panels.size === 0) {
      if (this.cable && !this.lingerTimer) {
        this.lingerTimer = setTimeout(() => this.close(), this.deps.lingerMs ?? LINGER_MS);
      }
      return;
    }
    clearTimeout(this.lingerTimer);
    this.lingerTimer = undefined;
    const wanted = [...this.panels.values()].findLast((a) => a !== null) ?? null;
    if ((this.cable || this.retryTimer) && (wanted === null || wanted === this.accountId)) return;
    await this.connect(wanted);
  }

  private async connect(wanted: number | null): Promise<void> {
    const generation = ++this.generation;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.cable?.stop();
    this.cable = null;
    let origin: string | null;
    let profile: WireProfile;
    try {
      origin = await this.deps.origin();
      if (!origin) {
        if (generation === this.generation) this.setMode('off');
        return;
      }
      profile = await this.deps.profile();
    } catch {
      if (generation === this.generation) this.refused(wanted); // offline, signed out: poll
      return;
    }
    if (generation !== this.generation) return; // a newer connect or a close won
    const accountId = wanted ?? profile.accounts[0]?.id ?? null;
    const token = profile.pubsub_token;
    if (!token || accountId === null || !profile.accounts.some((a) => a.id === accountId)) {
      this.accountId = accountId;
      this.setMode('polling'); // a Chatwoot without the channel, or an account not ours
      this.retryLater(wanted, MAX_REFUSED_DELAY_MS);
      return;
    }
    this.accountId = accountId;
    const cable = new Cable({
      url: cableUrl(origin),
      params: { pubsub_token: token, account_id: accountId, user_id: profile.id },
      socket: this.deps.socket,
      onMessage: (message) => this.onMessage(accountId, message),
      onMalformed: () => {
        this.counters.frames++;
        this.counters.malformed++;
      },
      onState: (state) => {
        if (this.cable === cable) this.onCableState(state, wanted);
      },
    });
    this.cable = cable;
    cable.start();
  }

  private onCableState(state: CableState, wanted: number | null) {
    if (state === 'live') {
      this.refusals = 0;
      this.setMode('live');
    } else if (state === 'connecting') this.setMode('connecting');
    else if (state === 'retrying') this.setMode('polling');
    else {
      this.cable = null;
      // refused: a revoked or rotated token → a fresh profile, later; unsupported: much later.
      if (state === 'refused') this.refused(wanted);
      else {
        this.setMode('polling');
        this.retryLater(wanted, MAX_REFUSED_DELAY_MS);
      }
    }
  }

  private refused(wanted: number | null) {
    this.setMode('polling');
    const delay = Math.min(MAX_REFUSED_DELAY_MS, 2_000 * 3 ** this.refusals++);
    this.retryLater(wanted, delay);
  }

  private retryLater(wanted: number | null, ms: number) {
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.panels.size > 0) void this.connect(wanted);
    }, ms);
  }

  private onMessage(accountId: number, message: unknown) {
    this.counters.frames++;
    const result = normalise(message, accountId);
    if (!result.ok) {
      if (result.why === 'malformed') this.counters.malformed++;
      else if (result.why === 'other_account') this.counters.otherAccount++;
      else this.counters.ignored++;
      return;
    }
    this.counters.changes++;
    this.batch.push(result.change);
    // The first change goes at once (with whatever arrived in the same tick); later ones wait
    // for the end of a 100 ms window, so a flood is ~10 messages a second.
    this.batchTimer ??= setTimeout(() => this.tick(), 0);
  }

  private tick() {
    this.batchTimer = undefined;
    if (this.batch.length === 0) return; // quiet: the window closes
    this.flush();
    this.batchTimer = setTimeout(() => this.tick(), this.deps.batchMs ?? BATCH_MS);
  }

  private flush() {
    const accountId = this.accountId;
    if (this.batch.length === 0 || accountId === null) {
      this.batch = [];
      return;
    }
    const changes = coalesce(this.batch);
    this.batch = [];
    this.post({ event: 'chatwoot/event', accountId, changes });
    this.deps.onChanges?.(accountId, changes);
  }

  private setMode(mode: LiveMode) {
    if (mode === this.mode) return;
    this.mode = mode;
    this.post({ event: 'live/status', accountId: this.accountId, mode });
    this.deps.onMode?.(mode, this.accountId);
  }

  private post(event: BackgroundEvent, only?: PanelPort) {
    for (const port of only ? [only] : this.panels.keys()) {
      try {
        port.postMessage(event);
      } catch {
        this.panels.delete(port); // closed under us
      }
    }
  }
}
