import { useEffect, useId, useState, type FormEvent } from 'react';
import { browser } from 'wxt/browser';
import { errorKey } from '../lib/i18n';
import type { ApiErrorInfo } from '../lib/chatwoot/errors';
import type { ProfileInfo } from '../lib/messages';
import { send } from '../lib/platform/messaging';
import { isGranted, requestOrigin } from '../lib/platform/permissions';
import {
  getSettings,
  normaliseOrigin,
  settingsItem,
  type Settings,
} from '../lib/settings';
import { useSettings } from './hooks';
import { I18nProvider, useI18n } from './i18n';
import { MockModeOption } from './MockSwitch';

export function OptionsApp() {
  const settings = useSettings();
  return (
    <I18nProvider setting={settings.locale}>
      <OptionsForm />
    </I18nProvider>
  );
}

type Outcome =
  { ok: true; profile: ProfileInfo } | { ok: false; error: ApiErrorInfo | string } | null;

function OptionsForm() {
  const { t } = useI18n();
  const [url, setUrl] = useState('');
  const [authMode, setAuthMode] = useState<Settings['authMode']>('session');
  const [token, setToken] = useState('');
  const [slaMinutes, setSlaMinutes] = useState('30');
  const [locale, setLocale] = useState<Settings['locale']>('auto');
  const [grant, setGrant] = useState<{ origin: string; granted: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const ids = { url: useId(), token: useId(), sla: useId(), locale: useId() };

  useEffect(() => {
    void getSettings().then((s) => {
      setUrl(s.chatwootUrl);
      setAuthMode(s.authMode);
      setSlaMinutes(String(s.slaMinutes));
      setLocale(s.locale);
    });
  }, []);

  // Known before the click, so the permission request happens inside the user gesture.
  const origin = normaliseOrigin(url);
  useEffect(() => {
    if (!origin) return;
    let live = true;
    void isGranted(browser.permissions, origin).then((granted) => live && setGrant({ origin, granted }));
    return () => {
      live = false;
    };
  }, [origin]);
  const granted = grant?.origin === origin && grant.granted;

  const sla = Number(slaMinutes);
  const slaValid = Number.isInteger(sla) && sla >= 1 && sla <= 1440;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!origin) return setOutcome({ ok: false, error: t('err_not_configured') });
    if (!slaValid) return;
    setBusy(true);
    setOutcome(null);
    try {
      if (!(await requestOrigin(browser.permissions, origin, granted))) {
        return setOutcome({ ok: false, error: t('err_no_permission') });
      }
      const current = await getSettings();
      await settingsItem.setValue({ ...current, slaMinutes: sla, locale });
      const result = await send('settings/save', {
        chatwootUrl: origin,
        authMode,
        token: authMode === 'token' ? token : undefined,
      });
      setOutcome(
        result.ok ? { ok: true, profile: result.value } : { ok: false, error: result.error },
      );
      if (authMode === 'token') setToken('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="options">
      <h1>CX Escalations — {t('settings')}</h1>
      <MockModeOption />
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        <div className="field">
          <label htmlFor={ids.url}>Chatwoot URL</label>
          <input
            id={ids.url}
            type="url"
            value={url}
            placeholder="https://app.chatwoot.com"
            onChange={(e) => setUrl(e.target.value)}
            aria-invalid={url !== '' && !origin}
            required
          />
        </div>
        <fieldset>
          <legend>Sign-in</legend>
          <label className="radio">
            <input
              type="radio"
              name="auth"
              checked={authMode === 'session'}
              onChange={() => setAuthMode('session')}
            />
            Use my Chatwoot session
          </label>
          <label className="radio">
            <input
              type="radio"
              name="auth"
              checked={authMode === 'token'}
              onChange={() => setAuthMode('token')}
            />
            Use an access token
          </label>
          {authMode === 'token' && (
            <div className="field">
              <label htmlFor={ids.token}>Access token</label>
              <input
                id={ids.token}
                type="password"
                autoComplete="off"
                value={token}
                onChange={(e) => setToken(e.target.value)}
              />
            </div>
          )}
        </fieldset>
        <div className="field">
          <label htmlFor={ids.sla}>SLA minutes</label>
          <input
            id={ids.sla}
            type="number"
            min={1}
            max={1440}
            value={slaMinutes}
            onChange={(e) => setSlaMinutes(e.target.value)}
            aria-invalid={!slaValid}
            aria-describedby={`${ids.sla}-hint`}
          />
          <p id={`${ids.sla}-hint`} className={slaValid ? 'hint' : 'hint error'}>
            First-response SLA used when Chatwoot has none: a whole number of minutes, 1 to 1440.
          </p>
        </div>
        <div className="field">
          <label htmlFor={ids.locale}>Language</label>
          <select
            id={ids.locale}
            value={locale}
            onChange={(e) => setLocale(e.target.value as Settings['locale'])}
          >
            <option value="auto">Browser language</option>
            <option value="en">English</option>
            <option value="fr">Français</option>
          </select>
        </div>
        <button type="submit" className="primary" disabled={busy}>
          Save
        </button>
      </form>
      <div aria-live="polite" className="outcome">
        {outcome?.ok && (
          <p className="notice notice-ok">
            Signed in as {outcome.profile.name} ({outcome.profile.email}) — account “
            {outcome.profile.accountName}”.
          </p>
        )}
      </div>
      {outcome && !outcome.ok && (
        <p role="alert" className="notice notice-error">
          {typeof outcome.error === 'string'
            ? outcome.error
            : t(errorKey(outcome.error.kind), { detail: outcome.error.detail })}
        </p>
      )}
    </main>
  );
}
