import type { ChatwootApi } from '../chatwoot/client';
import { ChatwootError } from '../chatwoot/errors';
import type { WireMessage } from '../chatwoot/schemas';
import type { ActionInput } from '../messages';
import type { DecisionRecord } from '../decisions/record';
import { isEscalated } from '../sop/sla';
import { ESCALATION_NOTE_PREFIX } from '../sop/follow-up-start';
import { REASONS_EN } from '../i18n/errors';

// What each decision does to Chatwoot. Every step can be re-run after a crash or an ambiguous
// failure without doing its effect twice: messages are looked for before being posted again.

export const ESCALATION_LABEL = 'escalation';

export interface ActionResult {
  messageId?: number;
  /** Chromium re-sent a POST by itself (docs/CHATWOOT.md §10) and we removed the copy. */
  repairedDuplicates?: number;
}

export interface ActionContext {
  api: ChatwootApi;
  record: DecisionRecord;
  input: ActionInput;
  /** A previous attempt may have reached Chatwoot: look before posting again. */
  mayHaveRun: boolean;
}

export async function runAction(ctx: ActionContext): Promise<ActionResult> {
  switch (ctx.input.action) {
    case 'chatwoot.approve_send':
      return postOnce(ctx, ctx.input.replyBody, false);
    case 'chatwoot.escalate':
      await addEscalationLabel(ctx);
      return postOnce(ctx, managerNote(ctx.record, ctx.input), true);
    case 'chatwoot.mark_resolved': {
      const status = await ctx.api.setStatus(
        ctx.record.accountId,
        ctx.record.conversationId,
        'resolved',
      );
      if (status !== 'resolved') {
        throw new ChatwootError('unprocessable', `Chatwoot kept the conversation ${status}`);
      }
      return {};
    }
  }
}

/** The private note for the manager (SOP-CX-003 handoff). The reference makes it findable. */
export function managerNote(
  record: DecisionRecord,
  input: Extract<ActionInput, { action: 'chatwoot.escalate' }>,
): string {
  return [
    `${ESCALATION_NOTE_PREFIX}${record.operatorEmail}.`,
    `Reason: ${REASONS_EN[`reason_${input.reason}`]}.`,
    input.note ? `Note: ${input.note}` : null,
    `Customer's last message: ${input.customerLastMessage ? `"${input.customerLastMessage}"` : '(none)'}`,
    `SLA: ${input.slaSummary}`,
    `Ref: ${record.id}`,
  ]
    .filter(Boolean)
    .join('\n');
}

/** Labels POST REPLACES the list (chatwoot labelable.rb): read, merge, write, check it stuck. */
async function addEscalationLabel({ api, record }: ActionContext): Promise<void> {
  const { accountId: a, conversationId: c } = record;
  const current = await api.labels(a, c);
  if (isEscalated(current)) return; // legacy `escalated` counts as escalated
  const saved = await api.setLabels(a, c, [...current, ESCALATION_LABEL]);
  if (!saved.includes(ESCALATION_LABEL)) {
    throw new ChatwootError('label_refused', 'Chatwoot did not keep the escalation label');
  }
  const dropped = current.filter((label) => !saved.includes(label));
  if (dropped.length) {
    throw new ChatwootError('unprocessable', `Chatwoot dropped labels: ${dropped.join(', ')}`);
  }
}

function sameMessage(m: WireMessage, content: string, isPrivate: boolean, since: number): boolean {
  return (
    (m.message_type === 1 || m.message_type === 'outgoing') &&
    m.private === isPrivate &&
    !m.content_attributes?.deleted &&
    m.content === content &&
    m.created_at >= since
  );
}

async function postOnce(
  ctx: ActionContext,
  content: string,
  isPrivate: boolean,
): Promise<ActionResult> {
  const { api, record } = ctx;
  const { accountId: a, conversationId: c } = record;
  // Allow for clock skew between this machine and Chatwoot.
  const since = Math.floor(record.createdAt.getTime() / 1000) - 120;
  if (ctx.mayHaveRun) {
    const found = (await api.messages(a, c)).filter((m) =>
      sameMessage(m, content, isPrivate, since),
    );
    // An earlier attempt landed, maybe twice if its read-back never finished: repair that too.
    if (found[0]) {
      return { messageId: found[0].id, repairedDuplicates: await deleteCopies(ctx, found) };
    }
  }
  const posted = await api.postMessage(a, c, { content, private: isPrivate });
  // Read back: Chromium may have re-sent the POST on a dropped keep-alive connection without
  // telling fetch (docs/CHATWOOT.md §10). Keep the first copy, soft-delete the others.
  const copies = (await api.messages(a, c)).filter((m) =>
    sameMessage(m, content, isPrivate, since),
  );
  const repaired = await deleteCopies(ctx, copies);
  return { messageId: copies[0]?.id ?? posted.id, repairedDuplicates: repaired };
}

/** Keeps the first copy and soft-deletes the others; returns how many were deleted. */
async function deleteCopies({ api, record }: ActionContext, copies: WireMessage[]) {
  for (const extra of copies.slice(1)) {
    await api.deleteMessage(record.accountId, record.conversationId, extra.id);
  }
  return Math.max(0, copies.length - 1);
}
