import type { WireConversation, WireMessage } from '../../chatwoot/schemas';
import type { LoggedDecision } from '../../sop/follow-up-start';
import { needsThread, nextFollowUpAt, queueFollowUps } from '../../sop/follow-up-queue';
import { hasPriority, nextPriorityChangeAt, slaPriority } from '../../sop/sla';
import type { LiveChange } from '../../messages';
import type { Urgency } from '../../platform/badge';
import type { NamedFacts } from '../alerts/alerts';

// The worker's own copy of the queue, for the toolbar badge: loaded when the channel goes live
// (and whenever the panel loads the queue), kept current by the same realtime changes, and
// counted again at the next breach or follow-up instant by the SLA clock, not by polling.

export interface UrgencyDeps {
  show: (urgency: Urgency) => void;
  slaMinutes: () => Promise<number>;
  /** The open and pending conversations, the decisions of the last two weeks on them, and
   * the threads of those that can carry a follow-up flag. */
  load: (accountId: number) => Promise<{
    conversations: WireConversation[];
    decisions: Map<number, LoggedDecision[]>;
    threads: Map<number, WireMessage[]>;
  }>;
  now?: () => Date;
  /** Each count's facts per conversation, and the next instant one may change (the alerts). */
  onFacts?: (accountId: number, facts: NamedFacts[], now: Date, next: number) => void;
}

const MAX_TIMER_MS = 6 * 3_600_000;

export class UrgencyBadge {
  private accountId: number | null = null;
  private conversations = new Map<number, WireConversation>();
  private decisions = new Map<number, LoggedDecision[]>();
  private threads = new Map<number, WireMessage[]>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private last = '';

  constructor(private readonly deps: UrgencyDeps) {}

  async refresh(accountId: number): Promise<void> {
    const loaded = await this.deps.load(accountId);
    this.accountId = accountId;
    this.conversations = new Map(loaded.conversations.map((c) => [c.id, c]));
    this.decisions = loaded.decisions;
    this.threads = loaded.threads;
    await this.recount();
  }

  async apply(accountId: number, changes: readonly LiveChange[]): Promise<void> {
    if (accountId !== this.accountId) return;
    for (const change of changes) {
      if (change.kind === 'conversation') {
        const old = this.conversations.get(change.conversation.id);
        this.conversations.set(change.conversation.id, { ...old, ...change.conversation });
      } else if (change.kind === 'message') {
        const thread = this.threads.get(change.conversationId);
        if (thread) {
          const rest = thread.filter((m) => m.id !== change.message.id);
          this.threads.set(change.conversationId, [...rest, change.message]);
        }
      }
    }
    await this.recount();
  }

  private async recount(): Promise<void> {
    clearTimeout(this.timer);
    const now = this.deps.now?.() ?? new Date();
    const slaMinutes = await this.deps.slaMinutes();
    let p1 = 0;
    let flagged = 0;
    let next = Infinity;
    const facts: NamedFacts[] = [];
    for (const c of this.conversations.values()) {
      if (!hasPriority(c.status)) continue;
      const isP1 = slaPriority(c, { now, slaMinutes }).priority === 'P1';
      if (isP1) p1++;
      next = Math.min(next, nextPriorityChangeAt(c, { now, slaMinutes })?.getTime() ?? Infinity);
      const decisions = this.decisions.get(c.id) ?? [];
      const fact: NamedFacts = {
        conversationId: c.id,
        customer: c.meta?.sender?.name ?? '',
        p1: isP1,
        flags: [],
        escalatedHere: decisions.some((d) => d.action === 'chatwoot.escalate'),
      };
      facts.push(fact);
      if (!needsThread(c, decisions)) continue;
      const thread = this.threads.get(c.id);
      fact.flags = queueFollowUps({ thread, decisions, now }).map((f) => f.kind);
      if (fact.flags.length) flagged++;
      next = Math.min(next, nextFollowUpAt({ thread, decisions, now })?.getTime() ?? Infinity);
    }
    if (this.accountId !== null) this.deps.onFacts?.(this.accountId, facts, now, next);
    const text = `${p1}/${flagged}`;
    if (text !== this.last) {
      this.last = text;
      this.deps.show({ p1, flagged });
    }
    if (Number.isFinite(next)) {
      const delay = Math.min(MAX_TIMER_MS, Math.max(250, next - now.getTime() + 50));
      this.timer = setTimeout(() => void this.recount(), delay);
    }
  }
}
