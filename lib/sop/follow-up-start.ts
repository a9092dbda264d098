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
}): { approvedAt: Date | null; escalatedAt: Date | null } {
  const latest = (action: string) =>
    input.decisions
      .filter((d) => d.action === action && d.syncState === 'sent')
      .reduce<Date | null>((max, d) => (!max || d.createdAt > max ? d.createdAt : max), null);
  let escalatedAt = latest('chatwoot.escalate');
  if (!escalatedAt) {
    const note = chronological(input.messages)
      .filter(
        (m) =>
          messageKind(m) === 'outgoing' &&
          isPrivate(m) &&
          !isDeleted(m) &&
          messageText(m).startsWith(ESCALATION_NOTE_PREFIX),
      )
      .at(-1);
    escalatedAt = note ? toDate(note.created_at) : null;
  }
  return { approvedAt: latest('chatwoot.approve_send'), escalatedAt };
}
