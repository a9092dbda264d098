import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { errorKey } from '../../../lib/i18n/core';
import type { ReplyOf } from '../../../lib/messages';
import { send } from '../../../lib/platform/messaging';
import { aiDraftAllowed } from '../../../lib/settings/settings';
import { useManagedSettings } from '../../shared/hooks';
import { useI18n } from '../../shared/i18n';
import { PanelError, unwrap } from '../common/queries';
import './ai-draft.css';

// Chatwoot's own AI reply draft (OpenAI integration), beside the suggested template, asked for
// only when the agent clicks: a view sends nothing to the AI and asks Chatwoot nothing about
// it (docs/SECURITY.md "The AI draft"). The draft is shown as plain text with its source; using
// it only fills the reply: sending still goes through Approve and its confirmation, which names
// it AI-written, and the decision records `replySource: 'ai'`. Hidden when a policy turns it off
// (`aiDraftEnabled`) or once the session knows the account has no AI.

type Status = ReplyOf<'ai/status'>['status'];

/** What the session knows of the account's AI: a message to the worker, never a Chatwoot call. */
const aiStatusQuery = (accountId: number) =>
  queryOptions({
    queryKey: ['ai-status', accountId],
    queryFn: async (): Promise<Status> => (await send('ai/status', { accountId })).status,
    staleTime: 60_000,
  });

export function AiDraft(props: {
  accountId: number;
  conversationId: number;
  inUse: boolean;
  onUse: (draft: string) => void;
  onUseTemplate: () => void;
}) {
  const { t } = useI18n();
  const headingId = useId();
  const queryClient = useQueryClient();
  const allowed = aiDraftAllowed(useManagedSettings());
  const status = useQuery({ ...aiStatusQuery(props.accountId), enabled: allowed });
  // A query that never runs by itself (`enabled: false`): only the click fetches. Kept in the
  // cache, so a draft survives the panel showing another tab for a moment and coming back.
  const draft = useQuery({
    queryKey: ['ai-draft', props.accountId, props.conversationId],
    queryFn: async () => {
      const draft = unwrap(
        await send('ai/draft', {
          accountId: props.accountId,
          conversationId: props.conversationId,
        }),
      );
      const known: Status = draft.available ? 'available' : 'unavailable';
      queryClient.setQueryData(aiStatusQuery(props.accountId).queryKey, known);
      return draft;
    },
    enabled: false,
    staleTime: Infinity,
    retry: false,
  });
  const asking = draft.fetchStatus === 'fetching';
  const ask = () => void draft.refetch();

  if (!allowed || status.isPending) return null;
  // Known to have no AI, and not just answered so here: nothing about AI.
  if (status.data === 'unavailable' && !draft.data) return null;
  const text = draft.data?.available ? draft.data.draft : null;
  const askButton = (words: string) => (
    <button type="button" className="secondary" disabled={asking} onClick={ask}>
      {words}
    </button>
  );

  return (
    <section className="card ai-draft" aria-labelledby={headingId} aria-busy={asking}>
      <h2 id={headingId} className="card-title">
        <span className="ai-badge" aria-hidden="true">
          {t('ai_badge')}
        </span>
        {t('ai_title')}
      </h2>
      {asking ? (
        <p className="hint">{t('ai_asking')}</p>
      ) : draft.isError ? (
        <div role="alert" className="notice notice-error">
          <p>
            {t('ai_failed', {
              detail:
                draft.error instanceof PanelError
                  ? t(errorKey(draft.error.info.kind), { detail: draft.error.info.detail })
                  : String(draft.error),
            })}
          </p>
          <button type="button" onClick={ask}>
            {t('retry')}
          </button>
        </div>
      ) : draft.data && !draft.data.available ? (
        <p className="hint">{t('ai_unavailable')}</p>
      ) : text !== null ? (
        <>
          {/* Text, never markup or links: the customer's words may have steered it. */}
          <p className="reply-text">{text}</p>
          <p className="hint">{t('ai_hint')}</p>
          <div className="ai-actions">
            {props.inUse ? (
              <button type="button" className="secondary" onClick={props.onUseTemplate}>
                {t('ai_use_template')}
              </button>
            ) : (
              <button type="button" className="secondary" onClick={() => props.onUse(text)}>
                {t('ai_use')}
              </button>
            )}
            {!props.inUse && askButton(t('ai_again'))}
          </div>
        </>
      ) : (
        <>
          <p className="hint">{t('ai_offer')}</p>
          {askButton(t('ai_ask'))}
        </>
      )}
    </section>
  );
}
