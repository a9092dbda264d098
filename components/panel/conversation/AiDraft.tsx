import { queryOptions, useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { errorKey } from '../../../lib/i18n/core';
import { send } from '../../../lib/platform/messaging';
import { useI18n } from '../../shared/i18n';
import { PanelError } from '../common/queries';
import './ai-draft.css';

// Chatwoot's own AI reply draft (OpenAI integration, CHATWOOT.md §6), beside the suggested
// template. Shown only when the instance has the integration: while unknown, and where there
// is none, nothing about AI appears. Using it only fills the reply: sending still goes through
// Approve and its confirmation, and the decision records `replySource: 'ai'`.

/** One draft per conversation state: a new message asks for a new draft. */
export const aiDraftQuery = (accountId: number, conversationId: number, lastMessageId: number) =>
  queryOptions({
    queryKey: ['ai-draft', accountId, conversationId, lastMessageId],
    queryFn: async () => {
      const reply = await send('ai/draft', { accountId, conversationId });
      if (!reply.ok) throw new PanelError(reply.error);
      return reply.value;
    },
    staleTime: Infinity,
    retry: false,
  });

export function AiDraft(props: {
  accountId: number;
  conversationId: number;
  lastMessageId: number;
  inUse: boolean;
  onUse: (draft: string) => void;
  onUseTemplate: () => void;
}) {
  const { t } = useI18n();
  const headingId = useId();
  const query = useQuery(aiDraftQuery(props.accountId, props.conversationId, props.lastMessageId));
  if (query.isPending || (query.isSuccess && !query.data.available)) return null;
  const draft = query.data?.available ? query.data.draft : null;
  return (
    <section className="card ai-draft" aria-labelledby={headingId} aria-busy={query.isFetching}>
      <h2 id={headingId} className="card-title">
        <span className="ai-badge" aria-hidden="true">
          {t('ai_badge')}
        </span>
        {t('ai_title')}
      </h2>
      {draft !== null ? (
        <>
          <p className="reply-text">{draft}</p>
          <p className="hint">{t('ai_hint')}</p>
          {props.inUse ? (
            <button type="button" className="secondary" onClick={props.onUseTemplate}>
              {t('ai_use_template')}
            </button>
          ) : (
            <button type="button" className="secondary" onClick={() => props.onUse(draft)}>
              {t('ai_use')}
            </button>
          )}
        </>
      ) : (
        <div role="alert" className="notice notice-error">
          <p>
            {t('ai_failed', {
              detail:
                query.error instanceof PanelError
                  ? t(errorKey(query.error.info.kind), { detail: query.error.info.detail })
                  : String(query.error),
            })}
          </p>
          <button type="button" onClick={() => void query.refetch()}>
            {t('retry')}
          </button>
        </div>
      )}
    </section>
  );
}
