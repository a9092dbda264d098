// Follow-up timers (docs/PRODUCT.md "Follow-up timers", runbook §2 and §3 "Escalation Criteria/SLA"):
// - an approved reply with no customer message within 24 h → "re-escalate to L2";
// - an escalation not acknowledged within 2 h → flag to the lead. An acknowledgement is an
//   agent's reply, a private note or an assignment by someone other than the escalating agent
//   (how a lead usually picks one up), or a status change (docs/SOP.md).
// Pure: `now` is passed in. A flag is raised once its window has fully elapsed (due ≤ now),
// the same boundary as an SLA deadline in ./sla; an answer that comes later, even late,
// clears it (the ball is then back with the agent, and SOP-CX-001 takes over).

import { ESCALATION_NOTE_PREFIX } from './follow-up-start';
import { foldText, rx } from './suggest/text';
import {
  chronological,
  contentAttributes,
  isAgentReply,
  isCustomerMessage,
  isDeleted,
  isPrivate,
  messageKind,
  messageText,
  toDate,
  type AgentRef,
  type SopMessage,
  type TimeInput,
} from './wire';

export type FollowUpFlagKind = 're_escalate_l2' | 'escalation_unacknowledged';

export interface FollowUpFlag {
  kind: FollowUpFlagKind;
  /** When the wait started: the approved reply, or the escalation. */
  since: Date;
  /** When the wait ran out and the flag went up (since + 24 h or + 2 h). */
  dueAt: Date;
}

export interface FollowUpInput {
  now: Date;
  /** The last approved reply we sent (decision log, `chatwoot.approve_send`). */
  approvedAt: TimeInput;
  /** The escalation (decision log, `chatwoot.escalate`). */
  escalatedAt: TimeInput;
  /** Who escalated (the sender of the escalation note), when known: their own notes and
   * assignments are not an acknowledgement. Unknown: anyone's counts. */
  escalatedBy?: AgentRef | null;
  /** Chatwoot messages, oldest first. */
  messages: readonly SopMessage[];
}

const HOUR = 3_600_000;
/** Runbook: "Approved reply but no customer acknowledgement in 24h → Re-escalate to L2". */
export const CUSTOMER_REPLY_WINDOW_MS = 24 * HOUR;
/** Runbook: "Manager must acknowledge within 2 hours". */
export const ESCALATION_ACK_WINDOW_MS = 2 * HOUR;

// Chatwoot's activity text for a status change (config/locales: "Conversation was marked
// resolved by …", "… reopened by …", "… marked as pending …", snoozed), English and French.
const STATUS_CHANGE = rx(
  [
    'conversation (?:was |has been )?(?:marked|reopened|re-opened|resolved|snoozed|opened|set)',
    '(?:marked|set) (?:as |to )?(?:resolved|pending|open|snoozed)',
    '(?:reopened|resolved|snoozed) (?:the |this )?conversation',
    'conversation (?:a ete )?(?:marquee?|rouverte|reouverte|mise|reportee|resolue|fermee)',
    'marquee? comme (?:resolue|en attente|ouverte)',
  ].join('|'),
);

function isStatusChange(message: SopMessage): boolean {
  if (messageKind(message) !== 'activity' || isDeleted(message)) return false;
  if (contentAttributes(message)?.activity?.type === 'conversation_status_changed') return true;
  STATUS_CHANGE.lastIndex = 0;
  return STATUS_CHANGE.test(foldText(messageText(message)).text);
}

// Chatwoot's assignment activity (config/locales: "Assigned to A by B", "Assigned to A via Team
// by B", "B self-assigned this conversation"), English and French: who did it.
const ASSIGNED_BY = [
  /^assigned to .+? by (.+?)\.?$/,
  /^(.+?) self-assigned this conversation/,
  /^assigne(?:e)? a .+? par (.+?)\.?$/,
  /^(.+?) s'est (?:auto-)?assigne(?:e)? (?:a )?cette conversation/,
];

function assignedBy(message: SopMessage): string | null {
  if (messageKind(message) !== 'activity' || isDeleted(message)) return null;
  const text = foldText(messageText(message)).text.replace(/[’]/g, "'");
  for (const pattern of ASSIGNED_BY) {
    const match = pattern.exec(text);
    if (match?.[1]) return match[1].trim();
  }
  return null;
}

const sameName = (a: string | null | undefined, b: string | null | undefined) =>
  !!a && !!b && foldText(a).text === foldText(b).text;

/** The sender is the escalating agent: by id when both have one, else by name. */
function isEscalator(sender: AgentRef | null | undefined, escalator: AgentRef | null | undefined) {
  if (!sender || !escalator) return false;
  if (typeof sender.id === 'number' && typeof escalator.id === 'number') {
    return sender.id === escalator.id;
  }
  return sameName(sender.name, escalator.name);
}

/** What acknowledges an escalation (docs/SOP.md), given who escalated. */
function acknowledges(message: SopMessage, escalator: AgentRef | null | undefined): boolean {
  if (isAgentReply(message) || isStatusChange(message)) return true;
  if (messageKind(message) === 'outgoing' && isPrivate(message) && !isDeleted(message)) {
    // The escalation note itself (or a second one) is the escalation, not its answer.
    if (messageText(message).startsWith(ESCALATION_NOTE_PREFIX)) return false;
    return !isEscalator(message.sender, escalator);
  }
  const actor = assignedBy(message);
  if (actor === null) return false;
  return !escalator?.name || !sameName(actor, escalator.name);
}

/** Messages placed strictly after `start`; a message with no usable time cannot be placed. */
function after(messages: readonly SopMessage[], start: Date): SopMessage[] {
  return messages.filter((message) => {
    const at = toDate(message.created_at);
    return at !== null && at.getTime() > start.getTime();
  });
}

/** The follow-up flags due at `now`, in the order the runbook lists them. */
export function followUpFlags(input: FollowUpInput): FollowUpFlag[] {
  const { now } = input;
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
    throw new RangeError('followUpFlags needs a valid `now`');
  }
  const messages = chronological(input.messages ?? []);
  const flags: FollowUpFlag[] = [];

  const approvedAt = toDate(input.approvedAt);
  if (approvedAt !== null) {
    const dueAt = new Date(approvedAt.getTime() + CUSTOMER_REPLY_WINDOW_MS);
    const customerAnswered = after(messages, approvedAt).some(isCustomerMessage);
    if (dueAt.getTime() <= now.getTime() && !customerAnswered) {
      flags.push({ kind: 're_escalate_l2', since: approvedAt, dueAt });
    }
  }

  const escalatedAt = toDate(input.escalatedAt);
  if (escalatedAt !== null) {
    const dueAt = new Date(escalatedAt.getTime() + ESCALATION_ACK_WINDOW_MS);
    const acknowledged = after(messages, escalatedAt).some((message) =>
      acknowledges(message, input.escalatedBy),
    );
    if (dueAt.getTime() <= now.getTime() && !acknowledged) {
      flags.push({ kind: 'escalation_unacknowledged', since: escalatedAt, dueAt });
    }
  }

  return flags;
}
