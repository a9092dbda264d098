import { useEffect, useId, useState } from 'react';
import { browser } from 'wxt/browser';
import { useI18n } from '../../shared/i18n';
import { useSetting } from '../../shared/MockSwitch';
import { useManagedSettings } from '../../shared/hooks';
import { isGranted, requestOrigin } from '../../../lib/platform/permissions';
import { maskWebhook, type Settings } from '../../../lib/settings/settings';

// Desktop alerts (on, off, or on for the account's administrators) and, when the policy sets a
// Slack webhook, its host permission: asked inside the click, as for Chatwoot's (docs/ALERTS.md).

export function AlertSettings() {
  const { t } = useI18n();
  const id = useId();
  const [alerts, setAlerts] = useSetting('alerts');
  const webhook = useManagedSettings().slackWebhookUrl;
  const origin = webhook ? new URL(webhook).origin : null;
  const [granted, setGranted] = useState<boolean | null>(null);
  useEffect(() => {
    if (origin) void isGranted(browser.permissions, origin).then(setGranted);
  }, [origin]);
  return (
    <section className="transfer" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('opt_alerts')}</h2>
      <div className="field">
        <label htmlFor={id}>{t('opt_alerts')}</label>
        <select
          id={id}
          value={alerts}
          onChange={(e) => setAlerts(e.target.value as Settings['alerts'])}
        >
          <option value="auto">{t('opt_alerts_auto')}</option>
          <option value="on">{t('opt_alerts_on')}</option>
          <option value="off">{t('opt_alerts_off')}</option>
        </select>
        <p className="hint">{t('opt_alerts_help')}</p>
      </div>
      {webhook && origin && (
        <div className="field">
          <p>{t('opt_slack_set', { url: maskWebhook(webhook) })}</p>
          {granted === false && (
            <button
              type="button"
              onClick={() =>
                void requestOrigin(browser.permissions, origin, false).then(setGranted)
              }
            >
              {t('opt_slack_allow')}
            </button>
          )}
          {granted && <p className="hint">{t('opt_slack_allowed')}</p>}
        </div>
      )}
    </section>
  );
}
