import type { WireMessage } from '../../../lib/chatwoot/schemas';
import { isAgentReply, isCustomerMessage, messageKind } from '../../../lib/sop/wire';

// "No reply chosen on stale words" (issue 17): what changed in the conversation since the
// operator chose the reply or opened the conversation, shown in the confirmation before
// anything is sent. The confirmation is stopped once for every change not yet shown.

/** What the operator had seen: the conversation when opened (or after their own action). */
export interface Seen {
  /** The last message id then (anything later is new). */
  messageId: number;
  status: string;
}

export interface Changes {
  /** Customer messages after the one the reply was chosen on. */
  customer: WireMessage[];
  /** Replies the customer saw, by someone else (not one this panel sent), since `Seen`. */
  others: WireMessage[];
  /** The status now, when it is not the one seen, with Chatwoot's activity line if any. */
  status: { now: string; activity: WireMessage | null } | null;
}

export function latestCustomerMessageId(messages: readonly WireMessage[]): number | null {
  return messages.findLast((m) => isCustomerMessage(m) && !!m.content)?.id ?? null;
}

export function changesSince(input: {
  messages: readonly WireMessage[];
  seen: Seen;
  status: string;
  /** The customer message the reply was chosen on. */
  basis: number | null;
  /** Reply texts this panel sent (its own replies are not "someone else"). */
  ownReplies: ReadonlySet<string>;
}): Changes {
  const after = input.messages.filter((m) => m.id > input.seen.messageId);
  const customer = input.messages.filter(
    (m) => isCustomerMessage(m) && !!m.content && m.id > (input.basis ?? 0),
  );
  const others = after.filter(
    (m) => isAgentReply(m) && !input.ownReplies.has((m.content ?? '').trim()),
  );
  const status =
    input.status === input.seen.status
      ? null
      : {
          now: input.status,
          activity: after.findLast((m) => messageKind(m) === 'activity' && !!m.content) ?? null,
        };
  return { customer, others, status };
}

/** A key per change: the confirmation asks again when it differs from the one acknowledged. */
export function changesKey(changes: Changes, withCustomer: boolean): string {
  return [
    withCustomer ? changes.customer.map((m) => m.id).join(',') : '',
    changes.others.map((m) => m.id).join(','),
    changes.status?.now ?? '',
  ].join('|');
}
