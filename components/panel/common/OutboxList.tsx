import { useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { errorKey, type MessageKey, type Translate } from '../../../lib/i18n/core';
import type { ApiErrorKind } from '../../../lib/chatwoot/errors';
import type { DecisionSummary } from '../../../lib/messages';
import { onBackgroundEvent, send } from '../../../lib/platform/messaging';
import { useI18n } from '../../shared/i18n';
import { outboxQuery } from './queries';

/** Actions not yet confirmed by Chatwoot, with Retry and Cancel (the durable outbox). */
export function OutboxList({ conversationId }: { conversationId?: number }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const query = useQuery(outboxQuery(conversationId));
  useEffect(
    () =>
      onBackgroundEvent((event) => {
        if (event.event === 'outbox/changed') {
          void queryClient.invalidateQueries({ queryKey: ['outbox'] });
          void queryClient.invalidateQueries({ queryKey: ['decisions'] });
          if (event.conversationId !== null) {
            void queryClient.invalidateQueries({ queryKey: ['conversation'] });
          }
        }
      }),
    [queryClient],
  );
  const open = (query.data?.decisions ?? []).filter(
    (d) => d.syncState === 'pending' || d.syncState === 'failed',
  );
  if (!open.length) return null;
  const act = async (type: 'outbox/retry' | 'outbox/cancel', decisionId: string) => {
    await send(type, { decisionId });
    await queryClient.invalidateQueries({ queryKey: ['outbox'] });
  };
  return (
    <section className="card outbox" aria-labelledby="outbox-title">
      <h2 id="outbox-title">{t('outbox')}</h2>
      <ul>
        {open.map((d) => (
          <li key={d.id} className={`outbox-item outbox-${d.syncState}`}>
            <span>
              {t(`action_${d.action.replace('.', '_')}` as MessageKey)} · #{d.conversationId} ·{' '}
              <strong>{t(`state_${d.syncState}`)}</strong>
            </span>
            {d.error && <span className="outbox-error">{decisionErrorText(t, d)}</span>}
            <span className="outbox-buttons">
              <button type="button" onClick={() => void act('outbox/retry', d.id)}>
                {t('retry')}
              </button>
              <button type="button" onClick={() => void act('outbox/cancel', d.id)}>
                {t('cancel')}
              </button>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The request never got an answer: the network, not Chatwoot, stopped it. */
export function isNetworkKind(kind: ApiErrorKind | null | undefined): boolean {
  return kind === 'offline' || kind === 'timeout';
}

/**
 * A decision's error in the page's language (`error` itself is the log's English words). A
 * reply stopped by the network says so in the copy deck's words; "Please try again." once
 * it is up to the agent (failed), not while the outbox still retries it (pending).
 */
export function decisionErrorText(
  t: Translate,
  d: Pick<DecisionSummary, 'error' | 'errorInfo'> &
    Partial<Pick<DecisionSummary, 'action' | 'syncState'>>,
): string | null {
  if (d.action === 'chatwoot.approve_send' && isNetworkKind(d.errorInfo?.kind)) {
    return d.syncState === 'failed'
      ? `${t('network_error')} ${t('retry_please')}`
      : t('network_error');
  }
  if (d.errorInfo) return t(errorKey(d.errorInfo.kind), { detail: d.errorInfo.detail });
  return d.error;
}
