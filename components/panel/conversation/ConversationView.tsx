import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { displayName, renderLibraryTemplate } from '../../../lib/sop/templates/templates';
import type { LibrarySuggestion } from '../../../lib/sop/templates/library';
import { suggestionFor } from './suggestion';
import type { ReplySource } from '../../../lib/decisions/record';
import { useTemplateLibrary } from '../../shared/useTemplateLibrary';
import { AiDraft } from './AiDraft';
import { cuesQuery } from './cues';
import { slaPriority, nextPriorityChangeAt } from '../../../lib/sop/sla';
import type { WireMessage } from '../../../lib/chatwoot/schemas';
import { formatDuration, fromEpochSeconds } from '../../../lib/i18n/format';
import {
  CONVERSATION_STALE_MS,
  conversationDecisionsQuery,
  conversationQuery,
} from '../common/queries';
import { followUpFlags } from '../../../lib/sop/follow-up';
import { followUpStarts } from '../../../lib/sop/follow-up-start';
import { FollowUpFlags } from '../common/FollowUpFlags';
import { useNow, useSettings } from '../../shared/hooks';
import { useI18n } from '../../shared/i18n';
import { SlaSummary } from './SlaSummary';
import { SuggestedReply } from './SuggestedReply';
import { ActionBar } from './ActionBar';
import { latestCustomerMessageId } from './freshness';
import { ErrorNotice } from '../common/ErrorNotice';
import { OutboxList } from '../common/OutboxList';
import { apiOrigin } from '../../../lib/settings/settings';
import { liveRefetch, liveStaleTime, useLiveMode } from '../common/live';
import { LatestMessage, LiveStatus } from '../common/LiveStatus';

export function ConversationView(props: { accountId: number; conversationId: number }) {
  const { t, locale } = useI18n();
  const settings = useSettings();
  const live = useLiveMode(props.accountId);
  const query = useQuery({
    ...conversationQuery(props.accountId, props.conversationId),
    ...liveRefetch(live), // no socket: every 15 s and on focus
    staleTime: liveStaleTime(live, CONVERSATION_STALE_MS), // live: the events keep it current
  });
  const decisions = useQuery(conversationDecisionsQuery(props.conversationId));
  const data = query.data;
  const slaOptions = { slaMinutes: settings.slaMinutes, clock: settings.slaClock };
  const next = data
    ? nextPriorityChangeAt(data.conversation, { ...slaOptions, now: new Date() })
    : null;
  const now = useNow(30_000, next);
  const templates = useTemplateLibrary();
  const cues = useQuery(cuesQuery());
  const suggestion = useMemo(
    () => (data && cues.data ? suggestionFor(data, templates.library, cues.data) : null),
    [data, templates.library, cues.data],
  );

  if (query.isPending || !templates.ready || cues.isPending) {
    return (
      <div aria-busy="true" className="loading">
        {t('loading')}
      </div>
    );
  }
  if (query.isError || !data || cues.isError) {
    return (
      <>
        {/* The page keeps a heading (axe page-has-heading-one), never a half conversation. */}
        <h1>{t('conversation_unavailable', { id: props.conversationId })}</h1>
        <ErrorNotice
          error={query.error ?? cues.error}
          onRetry={() => void Promise.all([query.refetch(), cues.refetch()])}
        />
      </>
    );
  }

  const { conversation, messages } = data;
  const name = displayName(conversation.meta.sender?.name);
  const sla = slaPriority(conversation, { ...slaOptions, now });
  const lastMessage = fromEpochSeconds(
    conversation.last_non_activity_message?.created_at ?? messages.at(-1)?.created_at,
  );
  const canReply = conversation.can_reply !== false;
  const noSuggestionWhy = !canReply
    ? t('cannot_reply')
    : suggestion
      ? null
      : t('no_customer_message');

  return (
    <article className="conversation" aria-busy={query.isFetching}>
      <h1>{t('title', { customer: name })}</h1>
      <LiveStatus mode={live} polling="conversation" />
      <dl className="facts">
        <div>
          <dt>{t('customer')}</dt>
          <dd>{name}</dd>
        </div>
        <div>
          <dt>{t('status')}</dt>
          <dd>{t(`status_${conversation.status}`)}</dd>
        </div>
      </dl>
      {lastMessage && (
        <p className="last-message">
          {t('last_message', {
            time: formatDuration(now.getTime() - lastMessage.getTime(), locale),
          })}
        </p>
      )}
      <LatestMessage messages={messages} />
      <SlaSummary
        sla={sla}
        now={now}
        status={conversation.status}
        snoozedUntil={conversation.snoozed_until}
        clockSetting={settings.slaClock}
      />
      <FollowUpFlags
        now={now}
        flags={followUpFlags({
          now,
          messages,
          ...followUpStarts({
            decisions: (decisions.data ?? []).filter(
              (d) => d.accountId === props.accountId && d.chatwootOrigin === apiOrigin(settings),
            ),
            messages,
          }),
        })}
      />
      <ConversationActions
        key={`${props.accountId}/${props.conversationId}`}
        accountId={props.accountId}
        conversationId={props.conversationId}
        customerName={name}
        suggestion={canReply && suggestion ? suggestion : null}
        initialReply={
          canReply && suggestion
            ? renderLibraryTemplate(suggestion.template, {
                customerName: conversation.meta.sender?.name,
                agentName: data.operator?.name,
              })
            : ''
        }
        noSuggestionWhy={noSuggestionWhy}
        messages={messages}
        labels={conversation.labels}
        status={conversation.status}
        slaSummary={`${sla.priority ?? 'none'}${sla.breachedAt ? `, breached at ${sla.breachedAt.toISOString()}` : ''}`}
      />
      <OutboxList conversationId={props.conversationId} />
    </article>
  );
}

function ConversationActions(props: {
  accountId: number;
  conversationId: number;
  customerName: string;
  suggestion: LibrarySuggestion | null;
  initialReply: string;
  noSuggestionWhy: string | null;
  messages: WireMessage[];
  labels: string[];
  slaSummary: string;
  status: string;
}) {
  const { t } = useI18n();
  const [reply, setReply] = useState(props.initialReply);
  const [note, setNote] = useState('');
  // What the reply started from: `edited` and `replySource` in the log compare with it.
  const [base, setBase] = useState<{ source: ReplySource; body: string }>({
    source: 'template',
    body: props.initialReply,
  });
  // The customer message the reply in the box was chosen on (issue 17).
  const [basis, setBasis] = useState(() => latestCustomerMessageId(props.messages));
  return (
    <>
      <SuggestedReply
        suggestion={props.suggestion}
        reply={reply}
        onReplyChange={setReply}
        noSuggestionWhy={props.noSuggestionWhy}
        aiInUse={base.source === 'ai'}
        latestCustomerMessageId={latestCustomerMessageId(props.messages)}
      />
      {props.suggestion && (
        <AiDraft
          accountId={props.accountId}
          conversationId={props.conversationId}
          inUse={base.source === 'ai'}
          onUse={(draft) => {
            setBasis(latestCustomerMessageId(props.messages));
            setReply(draft);
            setBase({ source: 'ai', body: draft });
          }}
          onUseTemplate={() => {
            setBasis(latestCustomerMessageId(props.messages));
            setReply(props.initialReply);
            setBase({ source: 'template', body: props.initialReply });
          }}
        />
      )}
      <div className="field">
        <label htmlFor="operator-note">{t('operator_note')}</label>
        <textarea
          id="operator-note"
          value={note}
          onChange={(e) => setNote(e.target.value)}
          rows={2}
        />
      </div>
      <ActionBar
        accountId={props.accountId}
        conversationId={props.conversationId}
        customerName={props.customerName}
        suggestion={props.suggestion}
        suggestedBody={base.body}
        replySource={base.source}
        reply={reply}
        note={note}
        onDone={() => {
          setNote('');
          setBasis(latestCustomerMessageId(props.messages));
        }}
        messages={props.messages}
        labels={props.labels}
        slaSummary={props.slaSummary}
        status={props.status}
        basis={basis}
      />
    </>
  );
}
