// When each follow-up wait started (docs/PRODUCT.md "Follow-up timers"), from what is known:
// our own decision log first; for an escalation made from another machine, the manager note
// this extension posts in Chatwoot (it starts with ESCALATION_NOTE_PREFIX). Pure.

import {
  chronological,
  isDeleted,
  isPrivate,
  messageKind,
  messageText,
  toDate,
  type AgentRef,
  type SopMessage,
} from './wire';

export const ESCALATION_NOTE_PREFIX = 'Escalated to a manager by ';

export interface LoggedDecision {
  action: string;
  createdAt: Date;
  syncState: string;
}

export function followUpStarts(input: {
  decisions: readonly LoggedDecision[];
  messages: readonly SopMessage[];
}): { approvedAt: Date | null; escalatedAt: Date | null; escalatedBy: AgentRef | null } {
  const latest = (action: string) =>
    input.decisions
      .filter((d) => d.action === action && d.syncState === 'sent')
      .reduce<Date | null>((max, d) => (!max || d.createdAt > max ? d.createdAt : max), null);
  const note = chronological(input.messages)
    .filter(
      (m) =>
        messageKind(m) === 'outgoing' &&
        isPrivate(m) &&
        !isDeleted(m) &&
        messageText(m).startsWith(ESCALATION_NOTE_PREFIX),
    )
    .at(-1);
  const escalatedAt = latest('chatwoot.escalate') ?? (note ? toDate(note.created_at) : null);
  // The note is posted with the escalating agent's own sign-in: its sender is who escalated.
  const sender = note?.sender;
  const escalatedBy: AgentRef | null = sender ? { id: sender.id, name: sender.name } : null;
  return { approvedAt: latest('chatwoot.approve_send'), escalatedAt, escalatedBy };
}
