import type { ApiErrorKind } from '../chatwoot/errors';
// The decision record (docs/PRODUCT.md "Decision record"): one row per operator decision.
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

/** approve: what the operator started from: the suggested template or Chatwoot's AI draft. */
export const REPLY_SOURCES = ['template', 'ai'] as const;
export type ReplySource = (typeof REPLY_SOURCES)[number];

export interface DecisionRecord {
  /** UUID, generated before anything is sent; also the outbox key. A UUIDv7 carrying
   * `createdAt` (lib/decisions/ids.ts) for every decision made since database v3. */
  id: string;
  /** The panel's id for the confirmation that made it: a re-sent submit finds this decision.
   * Absent on decisions made before it existed. */
  requestId?: string | null;
  action: DecisionAction;
  scope: 'ops';
  accountId: number;
  /** Chatwoot's display_id: the number in the dashboard URL. */
  conversationId: number;
  /** e.g. https://app.chatwoot.com — or `mock:` for mock mode. */
  chatwootOrigin: string;
  /** Who made it, as Chatwoot named the signed-in user; '' until Chatwoot confirmed it. */
  operatorEmail: string;
  /** That user's Chatwoot id, once Chatwoot confirmed who is signed in (lib/outbox/engine.ts):
   * the outbox sends only as this user. Absent on decisions made before it existed. */
  operatorId?: number | null;
  /** approve: the text actually sent. */
  replyBody: string | null;
  /** approve: the template that was suggested: a built-in TemplateId or a team template's id
   * (`custom:…`, `canned:<id>`, lib/sop/templates/library.ts). */
  suggestedTemplate: string | null;
  /** approve: the text the operator started from (the template, or the AI draft when
   * `replySource` is 'ai'), and whether they changed it before sending. */
  suggestedBody: string | null;
  edited: boolean;
  /** approve: which suggestion was sent; null otherwise. Absent on decisions made before it
   * existed: read it with `replySourceOf`. */
  replySource?: ReplySource | null;
  /** approve: the id of the customer's latest message when the operator confirmed, i.e. the
   * words the reply answers (issue 17). Absent on older decisions and when there was none. */
  answeredMessageId?: number | null;
  note: string | null;
  escalationReason: EscalationReason | null;
  /** escalate: reasons of later escalations merged into this one while it waited (their notes
   * are appended to `note`). */
  extraReasons?: EscalationReason[];
  createdAt: Date;
  updatedAt: Date;
  syncState: SyncState;
  /** Plain-language reason when `failed` (or the last transient error while `pending`). */
  error: string | null;
  /** The same reason as data, so each page shows it in its own language (`error` is English,
   * for the log). Absent on decisions made before it existed. */
  errorInfo?: { kind: ApiErrorKind; detail: string } | null;
  attempts: number;
  mock: boolean;
  /** The Chatwoot message this decision posted (the reply, or the escalation's note), once
   * known: a retry never counts a message another decision already owns. */
  postedMessageId?: number | null;
  /** Copies of that message Chromium re-sent by itself, soft-deleted in Chatwoot (a channel
   * such as email or WhatsApp may already have delivered them). */
  deletedCopyIds?: number[];
  /** The browser profile that made it (a random id kept by that profile's extension). Absent
   * on decisions made before the team log existed. */
  profileId?: string | null;
  /** 'team': read from the team log in Chatwoot (lib/background/team-sync.ts), made in another
   * browser. Absent: made in this browser. */
  source?: 'team';
}

/** Which suggestion an approval sent; approvals logged before the AI draft existed: 'template'. */
export function replySourceOf(
  record: Pick<DecisionRecord, 'action' | 'replySource'>,
): ReplySource | null {
  return record.replySource ?? (record.action === 'chatwoot.approve_send' ? 'template' : null);
}
