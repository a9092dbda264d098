// The escalation ladder (runbook, "Escalation Ladder" and SOP-CX-002's escalation criteria):
// L2, the CX lead, takes escalations; L3, the operations manager, takes a refund over $500, a
// policy exception, or a customer who asks for a manager. Pure: the caller passes the reasons
// and the customer's words.

import type { EscalationReason } from '../decisions/record';

export type EscalationLevel = 'L2' | 'L3';
/** Why the level: the reason that sends it to L3, the customer's request, or a plain escalation. */
export type LevelCause = 'refund_over_500' | 'policy_exception' | 'manager_request' | 'escalation';

export interface Ladder {
  level: EscalationLevel;
  cause: LevelCause;
}

/** The label an L3 escalation carries beside `escalation` (managed key `escalationL3Label`). */
export const DEFAULT_L3_LABEL = 'escalation-l3';

// "manager", "supervisor", "someone in charge", "your boss"; French "responsable", "superviseur",
// "directeur", "chef". A word, not a substring ("managerial" does not count); a negation just
// before it ("no manager", "pas besoin de responsable") does not either.
const ASKS =
  /\b(?:manager|supervisor|superior|someone in charge|person in charge|your boss|responsable|superviseur|supérieur|directeur|directrice|chef)\b/giu;
const NEGATED =
  /\b(?:no|not|without|don't need|do not need|pas|sans|pas besoin d[eu']?)\s*(?:a |an |the |un |une |le |la |du |de |d')?$/iu;

/** Whether the customer's words ask for a manager. */
export function asksForManager(text: string | null | undefined): boolean {
  if (!text) return false;
  for (const m of text.matchAll(ASKS)) {
    const before = text.slice(Math.max(0, m.index - 24), m.index);
    if (!NEGATED.test(before)) return true;
  }
  return false;
}

export function escalationLevel(
  reasons: readonly EscalationReason[],
  customerText: string | null | undefined,
): Ladder {
  if (reasons.includes('refund_over_500')) return { level: 'L3', cause: 'refund_over_500' };
  if (reasons.includes('policy_exception')) return { level: 'L3', cause: 'policy_exception' };
  if (asksForManager(customerText)) return { level: 'L3', cause: 'manager_request' };
  return { level: 'L2', cause: 'escalation' };
}
