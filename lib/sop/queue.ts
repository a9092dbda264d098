import { slaPriority, type SlaConversation } from './sla';

// The escalation queue (SOP-CX-001 applied to a list): open/pending conversations that are
// breached or escalated, P1 first, then P2, then P3; within a priority the longest-breached
// first, and escalations without a breach by age.

export interface QueueItem<C> {
  conversation: C;
  priority: 'P1' | 'P2' | 'P3';
  breachedAt: Date | null;
}

const RANK = { P1: 0, P2: 1, P3: 2 } as const;

export function buildQueue<C extends SlaConversation & { id: number; created_at: number }>(
  conversations: readonly C[],
  options: { now: Date; slaMinutes: number },
): QueueItem<C>[] {
  const seen = new Set<number>();
  const items: QueueItem<C>[] = [];
  for (const conversation of conversations) {
    if (seen.has(conversation.id)) continue; // a conversation can move between pages mid-fetch
    seen.add(conversation.id);
    const sla = slaPriority(conversation, options);
    if (sla.priority)
      items.push({ conversation, priority: sla.priority, breachedAt: sla.breachedAt });
  }
  return items.sort(
    (a, b) =>
      RANK[a.priority] - RANK[b.priority] ||
      (a.breachedAt?.getTime() ?? Infinity) - (b.breachedAt?.getTime() ?? Infinity) ||
      a.conversation.created_at - b.conversation.created_at ||
      a.conversation.id - b.conversation.id,
  );
}
