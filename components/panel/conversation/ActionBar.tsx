import { useRef, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { WireMessage } from '../../../lib/chatwoot/schemas';
import {
  ESCALATION_REASONS,
  type EscalationReason,
  type ReplySource,
} from '../../../lib/decisions/record';
import { errorKey, type MessageKey } from '../../../lib/i18n/core';
import type { ActionInput, DecisionSummary } from '../../../lib/messages';
import { send } from '../../../lib/platform/messaging';
import { resolveWarnings } from '../../../lib/sop/resolve-guard';
import { escalationLevel } from '../../../lib/sop/ladder';
import { isCustomerMessage } from '../../../lib/sop/wire';
import type { LibrarySuggestion as Suggestion } from '../../../lib/sop/templates/library';
import { approvalsAllowed } from '../../../lib/settings/settings';
import { ConfirmActions, Dialog } from '../../shared/Dialog';
import { useManagedSettings, useSettings } from '../../shared/hooks';
import { useI18n } from '../../shared/i18n';
import { decisionErrorText, isNetworkKind } from '../common/OutboxList';
import { shortcutProps, usePanelShortcuts } from '../usePanelShortcuts';
import { PanelError, unwrap } from '../common/queries';
import { useToast } from '../../shared/Toasts';
import { useNow } from '../../shared/hooks';
import { changesKey, changesSince, latestCustomerMessageId, type Seen } from './freshness';
import { ChangesNotice } from './ChangesNotice';

type Which = 'approve' | 'escalate' | 'resolve';
/** The dialog shown; `n` tells one opening from the next (the same dialog may open again). */
type Open = { which: Which; n: number } | null;

export function ActionBar(props: {
  accountId: number;
  conversationId: number;
  customerName: string;
  suggestion: Suggestion | null;
  suggestedBody: string;
  /** What `suggestedBody` is: the template, or Chatwoot's AI draft. */
  replySource?: ReplySource;
  reply: string;
  note: string;
  onDone: () => void;
  messages: WireMessage[];
  labels: string[];
  slaSummary: string;
  /** The conversation's status now (live). */
  status: string;
  /** The customer message the reply was chosen on (issue 17: no reply on stale words). */
  basis: number | null;
}) {
  const { t } = useI18n();
  const toast = useToast();
  const settings = useSettings();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<Open>(null);
  const openings = useRef(0);
  const show = (which: Which) => setOpen({ which, n: ++openings.current });
  // No reason preselected: a default would skew every report built on the reasons.
  const [reason, setReason] = useState<EscalationReason | null>(null);
  // Policy "approvals enabled: false" (lib/settings/settings.ts): no Approve, by button or shortcut.
  const approvals = approvalsAllowed(useManagedSettings());
  const canApprove = !!props.suggestion && approvals;
  // A dialog's `close` event comes after the fact: it closes that opening only, never one opened
  // meanwhile (Escape, then at once a shortcut, even the same one).
  const closed = (opening: Open) => () =>
    setOpen((current) => (current === opening ? null : current));
  usePanelShortcuts({
    approve: canApprove ? () => show('approve') : null,
    escalate: () => show('escalate'),
    resolve: () => show('resolve'),
  });
  const ids = { accountId: props.accountId, conversationId: props.conversationId };
  // What changed since the reply was chosen / the conversation was opened: each confirmation
  // is stopped once for changes it has not shown yet, and asks again (./freshness.tsx).
  const [seen, setSeen] = useState<Seen>(() => ({
    messageId: props.messages.at(-1)?.id ?? 0,
    status: props.status,
  }));
  const [ownReplies] = useState(() => new Set<string>());
  const changes = changesSince({
    messages: props.messages,
    seen,
    status: props.status,
    basis: props.basis,
    ownReplies,
  });
  const [acknowledged, setAcknowledged] = useState<Partial<Record<Which, string>>>({});
  const clean = '||';
  const keyOf = (which: Which) => changesKey(changes, which === 'approve');
  const askedAgain = (which: Which) =>
    keyOf(which) !== clean && acknowledged[which] === keyOf(which);
  /** Runs `act` unless something changed that this dialog has not shown yet. */
  const confirmed = (which: Which, act: () => void) => () => {
    const key = keyOf(which);
    if (key !== clean && acknowledged[which] !== key) {
      setAcknowledged((a) => ({ ...a, [which]: key }));
      return;
    }
    act();
  };
  const now = useNow(60_000);
  const note = props.note.trim() || null;

  const mutation = useMutation({
    mutationFn: async (input: ActionInput) => {
      // One id per confirmation: if the answer is lost and send() re-sends, no second decision.
      return unwrap(await send('action/submit', { ...input, requestId: crypto.randomUUID() }));
    },
    onSuccess: (decision: DecisionSummary, input) => {
      setOpen(null);
      if (input.action === 'chatwoot.approve_send') ownReplies.add(input.replyBody.trim());
      setSeen({
        messageId: props.messages.at(-1)?.id ?? 0,
        status: input.action === 'chatwoot.mark_resolved' ? 'resolved' : props.status,
      });
      setAcknowledged({});
      props.onDone();
      announce(decision, input);
      void queryClient.invalidateQueries({
        queryKey: ['conversation', ids.accountId, ids.conversationId],
      });
      void queryClient.invalidateQueries({ queryKey: ['outbox'] });
      void queryClient.invalidateQueries({ queryKey: ['queue'] });
    },
    onError: (error, input) => {
      setOpen(null);
      toast(
        error instanceof PanelError
          ? input.action === 'chatwoot.approve_send' && isNetworkKind(error.info.kind)
            ? `${t('network_error')} ${t('retry_please')}`
            : error.info.kind === 'signed_out' && settings.authMode === 'session'
              ? t('signin_toast')
              : t(errorKey(error.info.kind), { detail: error.info.detail })
          : String(error),
        'error',
      );
    },
  });

  function announce(decision: DecisionSummary, input: ActionInput) {
    if (decision.syncState === 'failed') {
      toast(decisionErrorText(t, decision, settings.authMode) ?? t('network_error'), 'error');
      return;
    }
    if (decision.syncState === 'pending') {
      const kind = decision.errorInfo?.kind;
      // A 401 paused the queue: nothing is retried until the user signs in again.
      if (kind === 'signed_out' || kind === 'bad_token') {
        toast(t('paused_toast'), 'error');
        return;
      }
      // A reply the network stopped: the copy deck's words, then what happens next.
      const stopped = decisionErrorText(t, decision, settings.authMode);
      if (stopped && isNetworkKind(decision.errorInfo?.kind)) toast(stopped, 'error');
      toast(t('queued_toast'));
      return;
    }
    const done: Record<ActionInput['action'], string> = {
      'chatwoot.approve_send': t('sent', { customer: props.customerName }),
      'chatwoot.escalate': t('escalated_toast'),
      'chatwoot.mark_resolved': t('resolved_toast'),
    };
    toast(done[input.action]);
    toast(t('logged'));
  }

  const warnings =
    open?.which === 'resolve'
      ? resolveWarnings({ messages: props.messages, labels: props.labels })
      : [];
  const busy = mutation.isPending;

  return (
    <div className="actions">
      {props.suggestion && !approvals && <p className="approvals-off hint">{t('approvals_off')}</p>}
      {canApprove && (
        <button
          type="button"
          className="primary"
          onClick={() => show('approve')}
          {...shortcutProps('approve', t)}
        >
          {t('approve')}
        </button>
      )}
      <button type="button" onClick={() => show('escalate')} {...shortcutProps('escalate', t)}>
        {t('escalate')}
      </button>
      <button type="button" onClick={() => show('resolve')} {...shortcutProps('resolve', t)}>
        {t('resolve')}
      </button>

      {open?.which === 'approve' && canApprove && (
        <Dialog
          key={open.n}
          title={t('confirm_send_title', { customer: props.customerName })}
          onClose={closed(open)}
          actions={
            <ConfirmActions
              confirm={t('confirm_send')}
              disabled={busy || !props.reply.trim()}
              onConfirm={confirmed('approve', () =>
                mutation.mutate({
                  action: 'chatwoot.approve_send',
                  ...ids,
                  replyBody: props.reply,
                  suggestedTemplate: props.suggestion!.templateId,
                  suggestedBody: props.suggestedBody,
                  replySource: props.replySource ?? 'template',
                  answeredMessageId: latestCustomerMessageId(props.messages),
                  note,
                  customerName: props.customerName,
                }),
              )}
              onCancel={() => setOpen(null)}
            />
          }
        >
          <ChangesNotice
            changes={changes}
            withCustomer
            askedAgain={askedAgain('approve')}
            now={now}
          />
          {props.replySource === 'ai' && (
            <p className="notice notice-warning ai-source">
              {t('ai_in_use')} {t('ai_confirm')}
            </p>
          )}
          <blockquote className="confirm-text">{props.reply}</blockquote>
        </Dialog>
      )}

      {open?.which === 'escalate' && (
        <Dialog
          key={open.n}
          title={t('escalate')}
          onClose={closed(open)}
          actions={
            <ConfirmActions
              confirm={t('confirm_escalate')}
              disabled={busy || reason === null}
              onConfirm={confirmed(
                'escalate',
                () =>
                  reason &&
                  mutation.mutate({
                    action: 'chatwoot.escalate',
                    ...ids,
                    reason,
                    note,
                    customerLastMessage: lastCustomerMessage(props.messages),
                    slaSummary: props.slaSummary,
                    shownTemplate: props.suggestion?.templateId,
                  }),
              )}
              onCancel={() => setOpen(null)}
            />
          }
        >
          <ChangesNotice
            changes={changes}
            withCustomer={false}
            askedAgain={askedAgain('escalate')}
            now={now}
          />
          <fieldset>
            <legend>{t('escalation_reason')}</legend>
            {ESCALATION_REASONS.map((r) => (
              <label key={r} className="radio">
                <input
                  type="radio"
                  name="reason"
                  value={r}
                  checked={reason === r}
                  onChange={() => setReason(r)}
                />
                {t(`reason_${r}` as MessageKey)}
              </label>
            ))}
          </fieldset>
          {reason === null ? (
            <p className="hint">{t('reason_required')}</p>
          ) : (
            <LadderLine reason={reason} customerText={lastCustomerMessage(props.messages)} />
          )}
          {note && <p className="confirm-note">{note}</p>}
        </Dialog>
      )}

      {open?.which === 'resolve' && (
        <Dialog
          key={open.n}
          title={t('resolve_confirm_title')}
          onClose={closed(open)}
          actions={
            <ConfirmActions
              confirm={t('confirm_resolve')}
              disabled={busy}
              onConfirm={confirmed('resolve', () =>
                mutation.mutate({ action: 'chatwoot.mark_resolved', ...ids, note }),
              )}
              onCancel={() => setOpen(null)}
            />
          }
        >
          <ChangesNotice
            changes={changes}
            withCustomer={false}
            askedAgain={askedAgain('resolve')}
            now={now}
          />
          {warnings.length > 0 && (
            <div role="alert" className="notice notice-warning">
              <p>{t('resolve_warning')}</p>
              <ul>
                {warnings.map((w) => (
                  <li key={w.kind}>
                    <strong>{t(`warn_${w.kind}`)}</strong> “{w.evidence}”
                  </li>
                ))}
              </ul>
            </div>
          )}
        </Dialog>
      )}
    </div>
  );
}

function lastCustomerMessage(messages: WireMessage[]): string | null {
  return (
    messages.findLast((m) => isCustomerMessage(m) && !!m.content)?.content?.slice(0, 2000) ?? null
  );
}

/** Who the escalation goes to (lib/sop/ladder.ts), shown before the operator confirms. */
function LadderLine(props: { reason: EscalationReason; customerText: string | null }) {
  const { t } = useI18n();
  const { level, cause } = escalationLevel([props.reason], props.customerText);
  return (
    <p className="hint" data-level={level}>
      {level === 'L2'
        ? t('ladder_l2')
        : t('ladder_l3', { cause: t(`ladder_cause_${cause}` as MessageKey) })}
    </p>
  );
}
