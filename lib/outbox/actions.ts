import { ChatwootError } from '../chatwoot/errors';
import type { ActionInput } from '../messages';
import type { DecisionRecord, EscalationReason } from '../decisions/record';
import { isEscalated } from '../sop/sla';
import { ESCALATION_NOTE_PREFIX } from '../sop/follow-up-start';
import { REASONS_EN } from '../i18n/errors';
import { postOnce, type OnceContext, type PostOutcome } from './once';
import { writeTeamRecord } from './team-write';
import { DEFAULT_L3_LABEL, escalationLevel, type Ladder } from '../sop/ladder';

// What each decision does to Chatwoot. Every step can be re-run after a crash or an ambiguous
// failure without doing its effect twice: messages go through postOnce (lib/outbox/once.ts),
// labels are merged and checked, a status is set (setting it twice changes nothing).

export const ESCALATION_LABEL = 'escalation';

export type ActionContext = Omit<OnceContext, 'accountId' | 'conversationId'> & {
  record: DecisionRecord;
  input: ActionInput;
  /** The label of an L3 escalation (managed `escalationL3Label`; default `escalation-l3`). */
  l3Label?: string;
};

/** The message the action posted (none for a resolve). */
export type ActionResult = Partial<PostOutcome>;

export async function runAction(ctx: ActionContext): Promise<ActionResult> {
  const result = await runEffect(ctx);
  // Then its team record, once Chatwoot took the decision (lib/outbox/team-write.ts).
  await writeTeamRecord(ctx.api, ctx.record, result.messageId ?? null);
  return result;
}

async function runEffect(ctx: ActionContext): Promise<ActionResult> {
  const once = {
    ...ctx,
    accountId: ctx.record.accountId,
    conversationId: ctx.record.conversationId,
  };
  switch (ctx.input.action) {
    case 'chatwoot.approve_send':
      return postOnce(once, 'reply', ctx.input.replyBody, false);
    case 'chatwoot.escalate': {
      const ladder = ladderOf(ctx.record, ctx.input);
      await addEscalationLabels(ctx, ladder);
      return postOnce(once, 'note', managerNote(ctx.record, ctx.input), true);
    }
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

/** The private note for the manager (SOP-CX-003 handoff). The reference makes it findable.
 * Reasons and notes of escalations merged into this one come from the decision. */
export function managerNote(
  record: Pick<DecisionRecord, 'id' | 'operatorEmail' | 'note' | 'escalationReason'> & {
    extraReasons?: EscalationReason[];
  },
  input: Extract<ActionInput, { action: 'chatwoot.escalate' }>,
): string {
  const reasons = [record.escalationReason ?? input.reason, ...(record.extraReasons ?? [])];
  const words = [...new Set(reasons)].map((r) => REASONS_EN[`reason_${r}`] ?? r).join('; ');
  const note = record.note ?? input.note;
  const ladder = ladderOf(record, input);
  return [
    `${ESCALATION_NOTE_PREFIX}${record.operatorEmail || 'an operator not yet known'}.`,
    `Reason: ${words}.`,
    ladder.level === 'L3'
      ? `Level: L3, operations manager (${LEVEL_CAUSE_EN[ladder.cause]}).`
      : 'Level: L2, CX lead.',
    note ? `Note: ${note}` : null,
    `Customer's last message: ${input.customerLastMessage ? `"${input.customerLastMessage}"` : '(none)'}`,
    `SLA: ${input.slaSummary}`,
    `Ref: ${record.id}`,
  ]
    .filter(Boolean)
    .join('\n');
}

const LEVEL_CAUSE_EN: Record<Ladder['cause'], string> = {
  refund_over_500: 'refund over $500',
  policy_exception: 'policy exception',
  manager_request: 'the customer asks for a manager',
  escalation: 'escalation',
};

/** The rung (lib/sop/ladder.ts) from the decision's reasons and the customer's last words. */
function ladderOf(
  record: Pick<DecisionRecord, 'escalationReason'> & { extraReasons?: EscalationReason[] },
  input: Extract<ActionInput, { action: 'chatwoot.escalate' }>,
): Ladder {
  const reasons = [record.escalationReason ?? input.reason, ...(record.extraReasons ?? [])];
  return escalationLevel(reasons, input.customerLastMessage);
}

/** Labels POST REPLACES the list (chatwoot labelable.rb): read, merge, write, check it stuck.
 * L3 adds its own label beside `escalation`; an instance that refuses that one (labels it does
 * not define) still gets the escalation: the note says the level. */
async function addEscalationLabels({ api, record, l3Label }: ActionContext, ladder: Ladder) {
  const { accountId: a, conversationId: c } = record;
  const current = await api.labels(a, c);
  const wanted = ladder.level === 'L3' ? [ESCALATION_LABEL, l3Label || DEFAULT_L3_LABEL] : [];
  const missing = [
    ...(isEscalated(current) ? [] : [ESCALATION_LABEL]), // legacy `escalated` counts
    ...wanted.filter((l) => l !== ESCALATION_LABEL && !current.includes(l)),
  ];
  if (missing.length === 0) return;
  const saved = await api.setLabels(a, c, [...current, ...missing]);
  if (!isEscalated(saved)) {
    throw new ChatwootError('label_refused', 'Chatwoot did not keep the escalation label');
  }
  const dropped = current.filter((label) => !saved.includes(label));
  if (dropped.length) {
    throw new ChatwootError('unprocessable', `Chatwoot dropped labels: ${dropped.join(', ')}`);
  }
}
