import { QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { BrandHeader } from '../shared/BrandHeader';
import { ConnectHere, ConnectOutcomeNotice, type ConnectOutcome } from './connect/ConnectHere';
import { ConversationView } from './conversation/ConversationView';
import { useSuggestionWarmer } from './conversation/suggestion';
import { DecisionLog } from '../shared/log/DecisionLog';
import { MockBar, MockTriage } from './mock/MockMode';
import { MockModeSwitch } from '../shared/MockSwitch';
import { useActiveContext, useSettings } from '../shared/hooks';
import { I18nProvider, useI18n } from '../shared/i18n';
import { createQueryClient } from './common/queries';
import { createForesight } from './common/prefetch';
import { Queue } from './queue/Queue';
import { ToastProvider } from '../shared/Toasts';
import { ViewNav, type PanelView } from './ViewNav';
import './panel.css';
import { useLiveUpdates } from './common/live';

/** The side panel: the open conversation, or the escalation queue when none is open. */
export function PanelApp() {
  const [queryClient] = useState(createQueryClient);
  const settings = useSettings();
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider setting={settings.locale}>
        <ToastProvider>
          <Panel />
        </ToastProvider>
      </I18nProvider>
    </QueryClientProvider>
  );
}

function Panel() {
  const { t } = useI18n();
  const settings = useSettings();
  const queryClient = useQueryClient();
  const warm = useSuggestionWarmer();
  const [foresight] = useState(() => createForesight(queryClient, Date.now, warm));
  const live = !settings.mockMode;
  const { context, ready } = useActiveContext((c) => {
    if (live && c.accountId && c.conversationId) foresight.opened(c.accountId, c.conversationId);
  });
  const accountId = context?.accountId;
  const conversationId = context?.conversationId;
  useEffect(() => {
    if (live && accountId && conversationId) {
      void foresight.foresee(accountId, conversationId, settings.slaMinutes);
    }
  }, [foresight, live, accountId, conversationId, settings.slaMinutes]);
  const [view, setView] = useState<PanelView>('triage');
  // The one-click connect's outcome, kept here: a success swaps the view below it.
  const [connected, setConnected] = useState<ConnectOutcome | null>(null);
  useLiveUpdates(context?.accountId ?? null); // Chatwoot's changes, as they happen
  useEffect(() => {
    document.title = t('panel_title');
  }, [t]);
  if (!settings.chatwootUrl && !settings.mockMode) {
    return (
      <main className="panel panel-setup">
        <BrandHeader title={t('not_configured_title')} />
        {connected && <ConnectOutcomeNotice outcome={connected} />}
        <ConnectHere onOutcome={setConnected} />
        <p className="hint">{t('not_configured')}</p>
        <button
          type="button"
          className="secondary"
          onClick={() => void browser.runtime.openOptionsPage()}
        >
          {t('open_options')}
        </button>
        <div className="panel-footer">
          <MockModeSwitch />
        </div>
      </main>
    );
  }
  return (
    <main className="panel" aria-busy={!ready}>
      {settings.mockMode && <MockBar />}
      {connected && <ConnectOutcomeNotice outcome={connected} />}
      <ViewNav view={view} onChange={setView} />
      {view === 'log' ? (
        <DecisionLog onOpenConversation={() => setView('triage')} />
      ) : settings.mockMode ? (
        <MockTriage /> // sample conversations; the Chatwoot tab is not used
      ) : context?.accountId && context.conversationId ? (
        <ConversationView
          key={`${context.accountId}/${context.conversationId}`}
          accountId={context.accountId}
          conversationId={context.conversationId}
        />
      ) : (
        ready && <Queue source={{ mode: 'live', chatwootTabId: context?.tabId ?? null }} />
      )}
      {!settings.mockMode && (
        <div className="panel-footer">
          <MockModeSwitch />
        </div>
      )}
    </main>
  );
}
