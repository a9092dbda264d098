import {
  CUSTOMER_REPLY_WINDOW_MS,
  ESCALATION_ACK_WINDOW_MS,
  followUpFlags,
  type FollowUpFlag,
} from './follow-up';
import { followUpStarts, type LoggedDecision } from './follow-up-start';
import { hasPriority, isEscalated } from './sla';
import type { SopMessage } from './wire';

// The queue's follow-up flags come from each conversation's own messages and the decisions
// made on it (issue 17), never from the list payload's last message: one later note or
// activity line hid the customer's answer (a false "re-escalate to L2"), and a customer
// message hid the escalation note (an unacknowledged escalation dropped).

/** Only these can carry a flag: a decision was logged on them, or they are labelled escalated. */
export function needsThread(
  conversation: { status?: string | null; labels?: readonly string[] | null },
  decisions: readonly LoggedDecision[] | undefined,
): boolean {
  return (
    hasPriority(conversation.status) && (!!decisions?.length || isEscalated(conversation.labels))
  );
}

/** The flags due at `now`; none until the conversation's own thread is known. */
export function queueFollowUps(input: {
  thread: readonly SopMessage[] | undefined;
  decisions: readonly LoggedDecision[];
  now: Date;
}): FollowUpFlag[] {
  if (!input.thread) return [];
  const messages = input.thread;
  return followUpFlags({
    now: input.now,
    messages,
    ...followUpStarts({ decisions: input.decisions, messages }),
  });
}

/** When the next follow-up flag of a conversation goes up (for the queue's next re-render). */
export function nextFollowUpAt(input: {
  thread: readonly SopMessage[] | undefined;
  decisions: readonly LoggedDecision[];
  now: Date;
}): Date | null {
  if (!input.thread) return null;
  const starts = followUpStarts({ decisions: input.decisions, messages: input.thread });
  const due = [
    starts.approvedAt && starts.approvedAt.getTime() + CUSTOMER_REPLY_WINDOW_MS,
    starts.escalatedAt && starts.escalatedAt.getTime() + ESCALATION_ACK_WINDOW_MS,
  ].filter((t): t is number => !!t && t > input.now.getTime());
  return due.length ? new Date(Math.min(...due)) : null;
}
