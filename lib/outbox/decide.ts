import type { DecisionRecord } from '../decisions/record';
import { findByRequestId, type DecisionsDb } from '../decisions/db';
import { decisionIdAt } from '../decisions/ids';
import type { ActionInput, DecisionSummary } from '../messages';
import { apiOrigin, browserProfileId, operatorItem, type Settings } from '../settings/settings';
import {
  conversationKey,
  mergeEscalation,
  pendingForConversation,
  recordAndEnqueue,
} from './store';

// Making a decision: written as `pending` with its outbox entry BEFORE any Chatwoot call, and
// before any profile call too: the operator comes from the session cache (kept fresh by the
// background, lib/background/session.ts) and Chatwoot confirms it right after.

export function summary(record: DecisionRecord): DecisionSummary {
  return {
    id: record.id,
    action: record.action,
    accountId: record.accountId,
    conversationId: record.conversationId,
    syncState: record.syncState,
    error: record.error,
    errorInfo: record.errorInfo ?? null,
    attempts: record.attempts,
    createdAt: record.createdAt.toISOString(),
    mock: record.mock,
  };
}

/** Writes the pending decision and its outbox entry, or returns the twin already queued. */
export async function decide(
  db: DecisionsDb,
  settings: Settings,
  input: ActionInput,
  now: Date,
): Promise<DecisionRecord> {
  const origin = apiOrigin(settings); // `mock:` in mock mode
  const key = conversationKey(origin, input.accountId, input.conversationId);
  // The same confirmation re-sent (its answer was lost when the worker stopped): same decision.
  const again = input.requestId ? await findByRequestId(db, input.requestId) : undefined;
  if (again) {
    if (again.action !== input.action || again.conversationId !== input.conversationId)
      throw new Error('requestId reused for another action');
    return again;
  }
  // Two panels (or a double click) submitting the same action: one decision, one send. A second
  // escalation adds its reason and note to the waiting one.
  for (const twin of await pendingForConversation(db, key)) {
    if (!sameIntent(twin, input)) continue;
    if (input.action !== 'chatwoot.escalate') return twin;
    if (await mergeEscalation(db, twin.id, input, now)) return (await db.decisions.get(twin.id))!;
  }
  const cached = await operatorItem.getValue();
  const known = cached && cached.origin === origin && cached.accountId === input.accountId;
  const record: DecisionRecord = {
    id: decisionIdAt(now, crypto.getRandomValues(new Uint8Array(10))),
    requestId: input.requestId ?? null,
    action: input.action,
    scope: 'ops',
    accountId: input.accountId,
    conversationId: input.conversationId,
    chatwootOrigin: origin,
    // A guess until Chatwoot confirms who is signed in (lib/outbox/engine.ts).
    operatorEmail: known ? cached.email : '',
    operatorId: null,
    profileId: await browserProfileId(),
    replyBody: input.action === 'chatwoot.approve_send' ? input.replyBody : null,
    suggestedTemplate:
      input.action === 'chatwoot.approve_send'
        ? input.suggestedTemplate
        : input.action === 'chatwoot.escalate'
          ? (input.shownTemplate ?? null)
          : null,
    suggestedBody: input.action === 'chatwoot.approve_send' ? input.suggestedBody : null,
    edited:
      input.action === 'chatwoot.approve_send' &&
      input.replyBody.trim() !== input.suggestedBody.trim(),
    replySource:
      input.action === 'chatwoot.approve_send' ? (input.replySource ?? 'template') : null,
    answeredMessageId:
      input.action === 'chatwoot.approve_send' ? (input.answeredMessageId ?? null) : null,
    note: input.note,
    escalationReason: input.action === 'chatwoot.escalate' ? input.reason : null,
    createdAt: now,
    updatedAt: now,
    syncState: 'pending',
    error: null,
    attempts: 0,
    mock: settings.mockMode,
    postedMessageId: null,
  };
  await recordAndEnqueue(db, record, { conversationKey: key, payload: input, notBefore: now }, now);
  return record;
}

function sameIntent(record: DecisionRecord, input: ActionInput): boolean {
  if (record.action !== input.action || record.syncState !== 'pending') return false;
  if (input.action === 'chatwoot.approve_send') return record.replyBody === input.replyBody;
  return true;
}
