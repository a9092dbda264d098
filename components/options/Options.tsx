import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { MessageKey } from '../../lib/i18n/core';
import { useSettings } from '../shared/hooks';
import { usePolicy } from '../shared/usePolicy';
import { I18nProvider, useI18n } from '../shared/i18n';
import { BrandHeader } from '../shared/BrandHeader';
import { ConnectionStatus } from './ConnectionStatus';
import { Icon } from '../shared/Icon';
import { MockBanner } from '../shared/MockSwitch';
import { SettingsForm } from './settings/SettingsForm';
import { SettingsTransfer } from './settings/SettingsTransfer';
import { AlertSettings } from './settings/AlertSettings';
import { TemplateLibrary } from './templates/TemplateLibrary';
import { getSettings, type ManagedProblem } from '../../lib/settings/settings';

const MANAGED_LABEL: Record<ManagedProblem['key'], MessageKey> = {
  chatwootUrl: 'opt_url',
  slaMinutes: 'opt_sla',
  slaClock: 'opt_sla_clock',
  mockModeAllowed: 'mock_mode',
  approvalsEnabled: 'approve',
  aiDraftEnabled: 'ai_title',
  escalationL3Label: 'ladder_l3_label',
  nativePriority: 'native_priority',
  slackWebhookUrl: 'opt_slack',
};

/** The options page asks the background on demand (the template library's role check and
 * canned responses): errors are shown with a Retry, never retried behind the user's back. */
const createOptionsQueryClient = () =>
  new QueryClient({
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });

export function OptionsApp() {
  const settings = useSettings();
  const [queryClient] = useState(createOptionsQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider setting={settings.locale}>
        <OptionsPage />
      </I18nProvider>
    </QueryClientProvider>
  );
}

function OptionsPage() {
  const { t } = useI18n();
  const settings = useSettings();
  // Policy values that could not be used are said, never silently dropped.
  const { settings: managed, invalid } = usePolicy();
  // First run (nothing set up yet): the welcome and the "what next" line after sign-in.
  const [firstRun, setFirstRun] = useState(false);
  const [formKey, setFormKey] = useState(0);
  useEffect(() => {
    void getSettings().then((s) => setFirstRun(!s.chatwootUrl && !s.mockMode));
  }, []);
  useEffect(() => {
    document.title = t('opt_title');
  }, [t]);
  const anyManaged = Object.keys(managed).length > 0;
  return (
    <main className="options">
      <BrandHeader title={t('opt_title')} />
      <ConnectionStatus />
      {settings.mockMode && <MockBanner />}
      {anyManaged && (
        <p className="notice notice-info">
          <Icon name="lock" /> {t('opt_managed')}
          {managed.approvalsEnabled === false && <> {t('opt_approvals_off')}</>}
          {managed.aiDraftEnabled === false && <> {t('opt_ai_off')}</>}
        </p>
      )}
      {invalid.map((p) => (
        <p key={p.key} className="notice notice-warning">
          <Icon name="alert" />{' '}
          {t('opt_managed_invalid', { field: t(MANAGED_LABEL[p.key]), value: p.value })}
        </p>
      ))}
      {/* Remounted after an import, so the fields show the imported values. */}
      <SettingsForm key={formKey} firstRun={firstRun} />
      <AlertSettings />
      <SettingsTransfer onImported={() => setFormKey((k) => k + 1)} />
      <TemplateLibrary />
    </main>
  );
}
