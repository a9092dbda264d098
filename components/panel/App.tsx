import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { ConversationView } from './conversation/ConversationView';
import { DecisionLog } from './log/DecisionLog';
import { MockBar, MockTriage } from './mock/MockMode';
import { MockModeSwitch } from '../shared/MockSwitch';
import { useActiveContext, useSettings } from '../shared/hooks';
import { I18nProvider, useI18n } from '../shared/i18n';
import { createQueryClient } from './common/queries';
import { Queue } from './queue/Queue';
import { ToastProvider } from '../shared/Toasts';
import { ViewNav, type PanelView } from './ViewNav';

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
  const { context, ready } = useActiveContext();
  const [view, setView] = useState<PanelView>('triage');
  useEffect(() => {
    document.title = t('panel_title');
  }, [t]);
  if (!settings.chatwootUrl && !settings.mockMode) {
    return (
      <main className="panel">
        <h1>{t('not_configured_title')}</h1>
        <p>{t('not_configured')}</p>
        <button
          type="button"
          className="primary"
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
