// The decision record (PRODUCT.md "Decision record"): one row per operator decision.
// Written as `pending` BEFORE the Chatwoot call, then updated to `sent` or `failed`.

export const DECISION_ACTIONS = [
  'chatwoot.approve_send',
  'chatwoot.escalate',
  'chatwoot.mark_resolved',
] as const;
export type DecisionAction = (typeof DECISION_ACTIONS)[number];

export const SYNC_STATES = ['pending', 'sent', 'failed', 'cancelled'] as const;
export type SyncState = (typeof SYNC_STATES)[number];

export const ESCALATION_REASONS = [
  'policy_exception',
  'refund_over_500',
  'legal_fraud',
  'abusive_language',
  'other',
] as const;
export type EscalationReason = (typeof ESCALATION_REASONS)[number];

export type TemplateId = 'ack_delay' | 'ship_update' | 'refund_offer';

export interface DecisionRecord {
  /** UUID, generated before anything is sent; also the outbox key. */
  id: string;
  action: DecisionAction;
  scope: 'ops';
  accountId: number;
  /** Chatwoot's display_id: the number in the dashboard URL. */
  conversationId: number;
  /** e.g. https://app.chatwoot.com — or `mock:` for mock mode. */
  chatwootOrigin: string;
  operatorEmail: string;
  /** approve: the text actually sent. */
  replyBody: string | null;
  /** approve: the template that was suggested, and whether the operator changed its text. */
  suggestedTemplate: TemplateId | null;
  suggestedBody: string | null;
  edited: boolean;
  note: string | null;
  escalationReason: EscalationReason | null;
  createdAt: Date;
  updatedAt: Date;
  syncState: SyncState;
  /** Plain-language reason when `failed` (or the last transient error while `pending`). */
  error: string | null;
  attempts: number;
  mock: boolean;
}
