import { useId, useState } from 'react';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { errorKey, type MessageKey } from '../../../lib/i18n/core';
import { MOCK_FAILURES } from '../../../lib/settings/settings';
import { MOCK_ORIGIN } from '../../../lib/mock/scenario';
import { send } from '../../../lib/platform/messaging';
import type { Settings } from '../../../lib/settings/settings';
import { followUpFlags } from '../../../lib/sop/follow-up';
import { followUpStarts, type LoggedDecision } from '../../../lib/sop/follow-up-start';
import { slaPriority } from '../../../lib/sop/sla';
import { displayName } from '../../../lib/sop/templates';
import { ConversationView } from '../conversation/ConversationView';
import { Dialog } from '../../shared/Dialog';
import { ErrorNotice } from '../common/ErrorNotice';
import { FollowUpFlags } from '../common/FollowUpFlags';
import { useNow, useSettings } from '../../shared/hooks';
import { useI18n } from '../../shared/i18n';
import { OutboxList } from '../common/OutboxList';
import { PanelError, recentFollowUpDecisionsQuery } from '../common/queries';
import { PriorityBadge } from '../common/PriorityBadge';
import { useToast } from '../../shared/Toasts';
import { MockBanner, MockModeSwitch, useSetting } from '../../shared/MockSwitch';

// Mock mode in the panel (the switch and banner: MockSwitch.tsx). Only the picker and the
// trainer's controls are here: a picked sample is shown by the SAME ConversationView, fed by
// the same `conversation/get` (the background answers from lib/mock/mock-chatwoot.ts).

const mockSamplesQuery = () =>
  queryOptions({
    queryKey: ['mock', 'samples'],
    queryFn: async () => {
      const result = await send('mock/list', {});
      if (!result.ok) throw new PanelError(result.error);
      return result.value;
    },
    staleTime: 0,
  });

/** Top of the panel in mock mode: the banner and the trainer's controls. */
export function MockBar() {
  const { t } = useI18n();
  const [failure, setFailure] = useSetting('mockFailure');
  const toast = useToast();
  const queryClient = useQueryClient();
  const failureId = useId();
  const [confirming, setConfirming] = useState(false);
  const reset = useMutation({
    mutationFn: async () => {
      const result = await send('mock/reset', {});
      if (!result.ok) throw new PanelError(result.error);
      return result.value;
    },
    onSuccess: ({ deletedDecisions }) => {
      setConfirming(false);
      toast(t('mock_reset_done', { n: deletedDecisions }));
      void queryClient.invalidateQueries();
    },
    onError: (error) => {
      setConfirming(false);
      toast(
        error instanceof PanelError
          ? t(errorKey(error.info.kind), { detail: error.info.detail })
          : String(error),
        'error',
      );
    },
  });
  return (
    <>
      <MockBanner />
      <div className="mock-controls">
        <MockModeSwitch />
        <div className="mock-failure">
          <label htmlFor={failureId}>{t('mock_failure')}</label>
          <select
            id={failureId}
            value={failure}
            aria-describedby={`${failureId}-hint`}
            onChange={(e) => setFailure(e.target.value as Settings['mockFailure'])}
          >
            {MOCK_FAILURES.map((f) => (
              <option key={f} value={f}>
                {t(`mock_failure_${f}` as MessageKey)}
              </option>
            ))}
          </select>
          <p id={`${failureId}-hint`} className="hint">
            {t('mock_failure_hint')}
          </p>
        </div>
        <button type="button" className="secondary" onClick={() => setConfirming(true)}>
          {t('mock_reset')}
        </button>
      </div>
      {confirming && (
        <Dialog
          title={t('mock_reset_title')}
          onClose={() => setConfirming(false)}
          actions={
            <>
              <button
                type="button"
                className="primary"
                disabled={reset.isPending}
                onClick={() => reset.mutate()}
              >
                {t('mock_reset')}
              </button>
              <button type="button" onClick={() => setConfirming(false)}>
                {t('cancel')}
              </button>
            </>
          }
        >
          <p>{t('mock_reset_body')}</p>
        </Dialog>
      )}
    </>
  );
}

/** Mock mode's triage: the sample conversations, or the one picked. */
export function MockTriage() {
  const { t } = useI18n();
  const [picked, setPicked] = useState<{ accountId: number; conversationId: number } | null>(null);
  if (!picked) return <SampleList onPick={setPicked} />;
  return (
    <>
      <button type="button" className="secondary mock-back" onClick={() => setPicked(null)}>
        <span aria-hidden="true">← </span>
        {t('mock_back')}
      </button>
      <ConversationView
        key={`${picked.accountId}/${picked.conversationId}`}
        accountId={picked.accountId}
        conversationId={picked.conversationId}
      />
    </>
  );
}

function SampleList(props: {
  onPick: (picked: { accountId: number; conversationId: number }) => void;
}) {
  const { t } = useI18n();
  const settings = useSettings();
  const query = useQuery(mockSamplesQuery());
  const now = useNow(30_000);
  const since = new Date(now.getTime() - 14 * 86_400_000);
  // After the samples: mock/list writes the scenario's history on first use, and a read
  // racing it would cache an empty log (no follow-up flags until the next refresh).
  const decisions = useQuery({ ...recentFollowUpDecisionsQuery(since), enabled: query.isSuccess });
  const byConversation = new Map<number, LoggedDecision[]>();
  for (const d of decisions.data ?? []) {
    if (d.chatwootOrigin !== MOCK_ORIGIN) continue;
    byConversation.set(d.conversationId, [...(byConversation.get(d.conversationId) ?? []), d]);
  }
  return (
    <section className="queue" aria-labelledby="mock-samples-title" aria-busy={query.isFetching}>
      <h1 id="mock-samples-title">{t('mock_samples')}</h1>
      <p className="hint">{t('mock_pick')}</p>
      {query.isError && <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />}
      {query.isPending && <p aria-busy="true">{t('loading')}</p>}
      {query.data && (
        <ul className="queue-list">
          {query.data.conversations.map((c) => {
            const sla = slaPriority(c, { now, slaMinutes: settings.slaMinutes });
            // The list payload carries only the last message: enough to see an answer came.
            const messages = c.last_non_activity_message ? [c.last_non_activity_message] : [];
            const flags = followUpFlags({
              now,
              messages,
              ...followUpStarts({ decisions: byConversation.get(c.id) ?? [], messages }),
            });
            return (
              <li key={c.id}>
                <button
                  type="button"
                  className="queue-item"
                  onClick={() =>
                    props.onPick({ accountId: query.data.accountId, conversationId: c.id })
                  }
                >
                  <PriorityBadge priority={sla.priority} />
                  <span className="queue-name">
                    {displayName(c.meta.sender?.name)} · #{c.id}
                  </span>
                  <span className="queue-when">{t(`status_${c.status}`)}</span>
                </button>
                <FollowUpFlags flags={flags} now={now} />
              </li>
            );
          })}
        </ul>
      )}
      <OutboxList />
    </section>
  );
}
