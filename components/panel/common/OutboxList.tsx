import { useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiErrorKind } from '../../../lib/chatwoot/errors';
import { errorKey, type MessageKey, type Translate } from '../../../lib/i18n/core';
import type { Settings } from '../../../lib/settings/settings';
import type { DecisionSummary } from '../../../lib/messages';
import { onBackgroundEvent, send } from '../../../lib/platform/messaging';
import { useSettings } from '../../shared/hooks';
import { useI18n } from '../../shared/i18n';
import { outboxQuery } from './queries';

/** Actions not yet confirmed by Chatwoot, with Retry and Cancel (the durable outbox). */
export function OutboxList({ conversationId }: { conversationId?: number }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const query = useQuery(outboxQuery(conversationId));
  const { authMode } = useSettings();
  useEffect(
    () =>
      onBackgroundEvent((event) => {
        // Signed out: the queue paused; what the panel shows asks again, and says so.
        if (event.event === 'auth/required') {
          void queryClient.invalidateQueries({ queryKey: ['outbox'] });
          void queryClient.invalidateQueries({ queryKey: ['conversation'] });
          void queryClient.invalidateQueries({ queryKey: ['queue'] });
        }
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
  const paused = query.data?.paused ?? null;
  if (!open.length && !paused) return null;
  const act = async (type: 'outbox/retry' | 'outbox/cancel', decisionId: string) => {
    await send(type, { decisionId });
    await queryClient.invalidateQueries({ queryKey: ['outbox'] });
  };
  return (
    <section className="card outbox" aria-labelledby="outbox-title">
      <h2 id="outbox-title">{t('outbox')}</h2>
      {paused && (
        <p role="status" className="outbox-paused">
          {t('outbox_paused')} {authWords(t, paused, authMode)}
        </p>
      )}
      <ul>
        {open.map((d) => (
          <li key={d.id} className={`outbox-item outbox-${d.syncState}`}>
            <span>
              {t(`action_${d.action.replace('.', '_')}` as MessageKey)} · #{d.conversationId} ·{' '}
              <strong>{t(`state_${d.syncState}`)}</strong>
            </span>
            {d.error && <span className="outbox-error">{decisionErrorText(t, d, authMode)}</span>}
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
  authMode: Settings['authMode'],
): string | null {
  if (d.action === 'chatwoot.approve_send' && isNetworkKind(d.errorInfo?.kind)) {
    return d.syncState === 'failed'
      ? `${t('network_error')} ${t('retry_please')}`
      : t('network_error');
  }
  if (d.errorInfo) {
    return (
      authWords(t, d.errorInfo.kind, authMode) ??
      t(errorKey(d.errorInfo.kind), { detail: d.errorInfo.detail })
    );
  }
  return d.error;
}

/** Signed out, in the words of the sign-in mode in use: in session mode there is no token to
 * copy, only Chatwoot to sign in to. Null for any other error. */
export function authWords(
  t: Translate,
  kind: ApiErrorKind,
  authMode: Settings['authMode'],
): string | null {
  if (kind !== 'signed_out' && kind !== 'bad_token') return null;
  return t(authMode === 'session' ? 'auth_session_signin' : 'auth_token_refused');
}
