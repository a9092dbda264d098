import { useId, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorKey, type MessageKey } from '../../../lib/i18n/core';
import { MOCK_FAILURES } from '../../../lib/settings/settings';
import { send } from '../../../lib/platform/messaging';
import type { Settings } from '../../../lib/settings/settings';
import { ConversationView } from '../conversation/ConversationView';
import { Dialog } from '../../shared/Dialog';
import { useI18n } from '../../shared/i18n';
import { PanelError, unwrap } from '../common/queries';
import { Queue } from '../queue/Queue';
import { useToast } from '../../shared/Toasts';
import { MockBanner, MockModeSwitch, useSetting } from '../../shared/MockSwitch';

// Mock mode in the panel (the switch and banner: MockSwitch.tsx). Only the trainer's controls
// are here: the samples are shown by the SAME Queue as live mode, and a picked one by the SAME
// ConversationView, fed by the same `conversation/get` (answered from lib/mock/mock-chatwoot.ts).

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
      return unwrap(await send('mock/reset', {}));
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
  if (!picked) return <Queue source={{ mode: 'mock', onPick: setPicked }} />;
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
