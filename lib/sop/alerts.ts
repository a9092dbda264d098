// Alerts that reach a lead (docs/ALERTS.md): a new P1, an escalation not acknowledged within
// 2 h, an approved reply with no customer answer for 24 h. Pure: the worker passes what it
// remembered, the queue's facts and `now`, and stores the memory this returns.

import type { FollowUpFlagKind } from './follow-up';

export type AlertCause = 'p1' | FollowUpFlagKind;

/** What the worker knows of one open or pending conversation at `now`. */
export interface AlertFacts {
  conversationId: number;
  p1: boolean;
  /** The follow-up flags up now (lib/sop/follow-up-queue.ts). */
  flags: readonly FollowUpFlagKind[];
  /** The escalation was made from this browser (its decision log holds it). */
  escalatedHere: boolean;
}

export interface Alert {
  cause: AlertCause;
  conversationId: number;
  escalatedHere: boolean;
}

/** Durable: when the watch started (null: never looked), and per `cause:conversation` when it
 * was raised (or found already true at the first look). */
export interface AlertMemory {
  since: number | null;
  raised: Record<string, number>;
}

export const EMPTY_ALERT_MEMORY: AlertMemory = { since: null, raised: {} };

/** A cause no longer true is forgotten this long after it was raised: a conversation that comes
 * back weeks later alerts again; a P1 that flickers (answered, breached again) does not. */
export const ALERT_MEMORY_MS = 14 * 86_400_000;

const alertKey = (cause: AlertCause, conversationId: number) => `${cause}:${conversationId}`;

/** The alerts to raise now, at most one per conversation and cause, and the memory to store.
 * The first look only records what is already true: switching alerts on raises no burst. */
export function alertsToRaise(
  memory: AlertMemory,
  facts: readonly AlertFacts[],
  now: Date,
): { alerts: Alert[]; memory: AlertMemory } {
  const at = now.getTime();
  const first = memory.since === null;
  const raised: Record<string, number> = {};
  const current = new Set<string>();
  const alerts: Alert[] = [];
  for (const fact of facts) {
    const causes: AlertCause[] = [...(fact.p1 ? ['p1' as const] : []), ...new Set(fact.flags)];
    for (const cause of causes) {
      const key = alertKey(cause, fact.conversationId);
      if (current.has(key)) continue; // the same conversation listed twice
      current.add(key);
      const before = memory.raised[key];
      raised[key] = before ?? at;
      if (before === undefined && !first) {
        alerts.push({
          cause,
          conversationId: fact.conversationId,
          escalatedHere: fact.escalatedHere,
        });
      }
    }
  }
  for (const [key, when] of Object.entries(memory.raised)) {
    if (!current.has(key) && at - when < ALERT_MEMORY_MS) raised[key] = when;
  }
  return { alerts, memory: { since: memory.since ?? at, raised } };
}
