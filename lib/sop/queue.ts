import type { FollowUpFlag } from './follow-up';
import {
  hasPriority,
  slaPriority,
  type Priority,
  type SlaClockSetting,
  type SlaConversation,
} from './sla';

// The escalation queue (SOP-CX-001 applied to a list): open/pending conversations that are
// breached or escalated, P1 first, then P2, then P3; within a priority the longest-breached
// first, and escalations without a breach by age. Conversations with a follow-up flag
// (docs/PRODUCT.md "Both show in the queue") join the queue too, after the prioritised ones.

export interface QueueItem<C> {
  conversation: C;
  priority: Priority | null;
  breachedAt: Date | null;
  flags: FollowUpFlag[];
}

const RANK = { P1: 0, P2: 1, P3: 2 } as const;

export function buildQueue<C extends SlaConversation & { id: number; created_at: number }>(
  conversations: readonly C[],
  options: {
    now: Date;
    slaMinutes: number;
    clock?: SlaClockSetting;
    followUps?: (conversation: C) => FollowUpFlag[];
  },
): QueueItem<C>[] {
  const seen = new Set<number>();
  const items: QueueItem<C>[] = [];
  for (const conversation of conversations) {
    if (seen.has(conversation.id)) continue; // a conversation can move between pages mid-fetch
    seen.add(conversation.id);
    const sla = slaPriority(conversation, options);
    if (!hasPriority(conversation.status)) continue; // only open and pending are worked
    const flags = options.followUps?.(conversation) ?? [];
    if (sla.priority || flags.length) {
      items.push({ conversation, priority: sla.priority, breachedAt: sla.breachedAt, flags });
    }
  }
  const rank = (item: QueueItem<C>) => (item.priority ? RANK[item.priority] : 3);
  return items.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.breachedAt?.getTime() ?? Infinity) - (b.breachedAt?.getTime() ?? Infinity) ||
      a.conversation.created_at - b.conversation.created_at ||
      a.conversation.id - b.conversation.id,
  );
}
