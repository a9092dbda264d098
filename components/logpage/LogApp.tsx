import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useSettings } from '../shared/hooks';
import { I18nProvider, useI18n } from '../shared/i18n';
import { DecisionLog } from '../shared/log/DecisionLog';
import { ToastProvider } from '../shared/Toasts';

// The decision log in a tab of its own ("Open in a tab" in the panel's log): the same
// components (components/shared/log/), the columns laid out side by side.

export function LogApp() {
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false } } }),
  );
  const settings = useSettings();
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider setting={settings.locale}>
        <ToastProvider>
          <LogPage />
        </ToastProvider>
      </I18nProvider>
    </QueryClientProvider>
  );
}

function LogPage() {
  const { t } = useI18n();
  useEffect(() => {
    document.title = t('log_page_title');
  }, [t]);
  return (
    <main className="log-page">
      <DecisionLog wide />
    </main>
  );
}
