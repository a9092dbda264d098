import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { browser } from 'wxt/browser';
import type { ApiErrorInfo } from '../../../lib/chatwoot/errors';
import { errorKey, type MessageKey } from '../../../lib/i18n/core';
import type { ProfileInfo } from '../../../lib/messages';
import { send } from '../../../lib/platform/messaging';
import { isGranted, requestOrigin } from '../../../lib/platform/permissions';
import {
  SLA_MAX,
  SLA_MIN,
  validateSettingsForm,
  type SettingsFormErrors,
} from '../../../lib/settings/form';
import {
  getSettings,
  mockModeAllowed,
  normaliseOrigin,
  updateSettings,
  type Settings,
} from '../../../lib/settings/settings';
import { useManagedSettings, useSettings } from '../../shared/hooks';
import { useOperator } from '../ConnectionStatus';
import { useI18n } from '../../shared/i18n';
import { Icon } from '../../shared/Icon';
import { MockModeSwitch } from '../../shared/MockSwitch';
import { Field, Step } from './Field';
import '../onboarding.css';

// The options form as onboarding (issue 7): numbered steps — Chatwoot URL, sign-in check, SLA
// minutes, language, mock mode — one Save that asks for the origin (inside the click, as
// permissions.request needs) and shows who is signed in to which account. Each field says what
// is wrong with it, tied by aria-describedby; nothing is saved until every field is right.

type Outcome =
  { ok: true; profile: ProfileInfo } | { ok: false; error: ApiErrorInfo | string } | null;

const ERROR_KEYS: Record<string, MessageKey> = {
  'url:empty': 'opt_url_empty',
  'url:invalid': 'opt_url_invalid',
  'url:insecure': 'opt_url_insecure',
  'token:empty': 'opt_token_empty',
  'slaMinutes:invalid': 'opt_sla_invalid',
};

export function SettingsForm(props: { firstRun: boolean }) {
  const { t, locale } = useI18n();
  const managed = useManagedSettings();
  const [url, setUrl] = useState('');
  const [authMode, setAuthMode] = useState<Settings['authMode']>('session');
  const [token, setToken] = useState('');
  const [slaMinutes, setSlaMinutes] = useState('30');
  const [slaClock, setSlaClock] = useState<Settings['slaClock']>('waiting');
  const [language, setLanguage] = useState<Settings['locale']>('auto');
  const [grant, setGrant] = useState<{ origin: string; granted: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [showErrors, setShowErrors] = useState(false);
  const [shortcut, setShortcut] = useState<string | null>(null);
  const base = useId();
  const ids = {
    url: `${base}-url`,
    token: `${base}-token`,
    sla: `${base}-sla`,
    clock: `${base}-clock`,
    language: `${base}-language`,
  };
  const fields = {
    url: useRef<HTMLInputElement>(null),
    token: useRef<HTMLInputElement>(null),
    slaMinutes: useRef<HTMLInputElement>(null),
  };

  useEffect(() => {
    void getSettings().then((s) => {
      setUrl(s.chatwootUrl);
      setAuthMode(s.authMode);
      setSlaMinutes(String(s.slaMinutes));
      setSlaClock(s.slaClock);
      setLanguage(s.locale);
    });
    // The shortcut as the user has it (chrome://extensions/shortcuts may have changed it).
    void browser.commands
      ?.getAll()
      .then((all) => setShortcut(all.find((c) => c.shortcut)?.shortcut || null));
  }, []);

  // The steps' states: the address saved as typed, and someone signed in to it.
  const settings = useSettings();
  const operator = useOperator();
  // A policy's values replace whatever the form held.
  const effectiveUrl = managed.chatwootUrl ?? url;
  const effectiveSla = managed.slaMinutes !== undefined ? String(managed.slaMinutes) : slaMinutes;

  // Known before the click, so the permission request happens inside the user gesture.
  const origin = normaliseOrigin(effectiveUrl);
  useEffect(() => {
    if (!origin) return;
    let live = true;
    void isGranted(browser.permissions, origin).then(
      (granted) => live && setGrant({ origin, granted }),
    );
    return () => {
      live = false;
    };
  }, [origin]);
  const granted = grant?.origin === origin && grant.granted;
  const saved = origin !== null && settings.chatwootUrl === origin;
  const signedIn = saved && operator?.origin === origin;

  const errors = validateSettingsForm({
    url: effectiveUrl,
    authMode,
    token,
    slaMinutes: effectiveSla,
  });
  const shown: SettingsFormErrors = showErrors ? errors : {};
  const number = (n: number) => new Intl.NumberFormat(locale).format(n);
  const errorText = (field: keyof SettingsFormErrors) => {
    const code = shown[field];
    const key = code && ERROR_KEYS[`${field}:${code}`];
    return key ? t(key, { min: number(SLA_MIN), max: number(SLA_MAX) }) : null;
  };

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setOutcome(null);
    const invalid = (['url', 'token', 'slaMinutes'] as const).filter((f) => errors[f]);
    if (invalid.length) {
      setShowErrors(true);
      fields[invalid[0]!].current?.focus();
      return;
    }
    setShowErrors(false);
    if (!origin) return;
    setBusy(true);
    try {
      if (!(await requestOrigin(browser.permissions, origin, granted))) {
        return setOutcome({ ok: false, error: t('err_no_permission') });
      }
      await updateSettings({
        locale: language,
        ...(managed.slaMinutes === undefined && { slaMinutes: Number(slaMinutes) }),
        ...(managed.slaClock === undefined && { slaClock }),
      });
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

  const summary = (['url', 'token', 'slaMinutes'] as const)
    .map((field) => ({ field, text: errorText(field) }))
    .filter((e): e is { field: 'url' | 'token' | 'slaMinutes'; text: string } => !!e.text);
  const idOf = { url: ids.url, token: ids.token, slaMinutes: ids.sla };
  const browserLanguage =
    new Intl.DisplayNames([locale], { type: 'language' }).of(navigator.language) ??
    navigator.language;
  const step = (n: number, title: MessageKey) => t('opt_step', { n, title: t(title) });

  return (
    <>
      {props.firstRun && (
        <section className="welcome card" aria-labelledby={`${base}-welcome`}>
          <h2 id={`${base}-welcome`}>{t('opt_welcome_title')}</h2>
          <p>{t('opt_welcome')}</p>
        </section>
      )}
      <form className="settings-form" onSubmit={(e) => void onSubmit(e)} noValidate>
        {summary.length > 0 && (
          <div role="alert" className="notice notice-error error-summary">
            <p>
              <Icon name="alert" /> {t('opt_not_saved')}
            </p>
            <ul>
              {summary.map((e) => (
                <li key={e.field}>
                  <a href={`#${idOf[e.field]}`}>{e.text}</a>
                </li>
              ))}
            </ul>
          </div>
        )}

        <Step title={step(1, 'opt_step_url')} done={saved}>
          <Field
            id={ids.url}
            label={t('opt_url')}
            hint={t('opt_url_hint')}
            error={errorText('url')}
            locked={managed.chatwootUrl !== undefined}
          >
            {(describedBy) => (
              <input
                ref={fields.url}
                id={ids.url}
                type="url"
                inputMode="url"
                autoComplete="url"
                spellCheck={false}
                value={effectiveUrl}
                placeholder="https://app.chatwoot.com"
                onChange={(e) => setUrl(e.target.value)}
                disabled={managed.chatwootUrl !== undefined}
                aria-invalid={!!shown.url}
                aria-describedby={describedBy}
              />
            )}
          </Field>
        </Step>

        <Step title={step(2, 'opt_step_signin')} done={signedIn}>
          <fieldset aria-describedby={`${base}-signin-hint`}>
            <legend>{t('opt_signin')}</legend>
            <label className="radio">
              <input
                type="radio"
                name="auth"
                checked={authMode === 'session'}
                onChange={() => setAuthMode('session')}
                aria-describedby={`${base}-session-hint`}
              />
              {t('opt_session')}
            </label>
            <p id={`${base}-session-hint`} className="hint radio-hint">
              {t('opt_session_hint')}
            </p>
            <label className="radio">
              <input
                type="radio"
                name="auth"
                checked={authMode === 'token'}
                onChange={() => setAuthMode('token')}
              />
              {t('opt_token_mode')}
            </label>
            {authMode === 'token' && (
              <Field
                id={ids.token}
                label={t('opt_token')}
                hint={t('opt_token_hint')}
                error={errorText('token')}
              >
                {(describedBy) => (
                  <input
                    ref={fields.token}
                    id={ids.token}
                    type="password"
                    autoComplete="off"
                    spellCheck={false}
                    value={token}
                    onChange={(e) => setToken(e.target.value)}
                    aria-invalid={!!shown.token}
                    aria-describedby={describedBy}
                  />
                )}
              </Field>
            )}
          </fieldset>
          <p id={`${base}-signin-hint`} className="hint">
            {t('opt_signin_hint')}
          </p>
        </Step>

        <Step title={step(3, 'opt_step_sla')}>
          <Field
            id={ids.sla}
            label={t('opt_sla')}
            hint={t('opt_sla_hint', { min: number(SLA_MIN), max: number(SLA_MAX) })}
            error={errorText('slaMinutes')}
            locked={managed.slaMinutes !== undefined}
          >
            {(describedBy) => (
              <input
                ref={fields.slaMinutes}
                id={ids.sla}
                className="narrow"
                type="number"
                inputMode="numeric"
                min={SLA_MIN}
                max={SLA_MAX}
                step={1}
                value={effectiveSla}
                onChange={(e) => setSlaMinutes(e.target.value)}
                disabled={managed.slaMinutes !== undefined}
                aria-invalid={!!shown.slaMinutes}
                aria-describedby={describedBy}
              />
            )}
          </Field>
          <Field
            id={ids.clock}
            label={t('opt_sla_clock')}
            hint={t('opt_sla_clock_hint')}
            locked={managed.slaClock !== undefined}
          >
            {(describedBy) => (
              <select
                id={ids.clock}
                value={managed.slaClock ?? slaClock}
                onChange={(e) => setSlaClock(e.target.value as Settings['slaClock'])}
                disabled={managed.slaClock !== undefined}
                aria-describedby={describedBy}
              >
                <option value="waiting">{t('opt_sla_clock_waiting')}</option>
                <option value="created">{t('opt_sla_clock_created')}</option>
              </select>
            )}
          </Field>
        </Step>

        <Step title={step(4, 'opt_step_language')}>
          <Field id={ids.language} label={t('opt_language')} hint={t('opt_language_hint')}>
            {(describedBy) => (
              <select
                id={ids.language}
                value={language}
                onChange={(e) => setLanguage(e.target.value as Settings['locale'])}
                aria-describedby={describedBy}
              >
                <option value="auto">
                  {t('opt_language_auto', { language: browserLanguage })}
                </option>
                <option value="en" lang="en">
                  English
                </option>
                <option value="fr" lang="fr">
                  Français
                </option>
              </select>
            )}
          </Field>
        </Step>

        <div className="form-actions">
          <button
            type="submit"
            className="primary"
            disabled={busy}
            aria-describedby={`${base}-signin-hint`}
          >
            {t('opt_save')}
          </button>
        </div>
        <div aria-live="polite" className="outcome">
          {busy && <p className="hint">{t('opt_checking')}</p>}
          {outcome?.ok && (
            <div className="notice notice-ok">
              <p>
                <Icon name="check" />{' '}
                {t('opt_signed_in', {
                  name: outcome.profile.name,
                  email: outcome.profile.email,
                  account: outcome.profile.accountName,
                })}
              </p>
              {props.firstRun && (
                <p>{shortcut ? t('opt_done', { keys: shortcut }) : t('opt_done_no_keys')}</p>
              )}
            </div>
          )}
        </div>
        {outcome && !outcome.ok && (
          <p role="alert" className="notice notice-error">
            <Icon name="alert" />{' '}
            {typeof outcome.error === 'string'
              ? outcome.error
              : t(errorKey(outcome.error.kind), { detail: outcome.error.detail })}
          </p>
        )}
      </form>

      <Step title={step(5, 'opt_step_mock')}>
        {mockModeAllowed(managed) ? (
          <>
            <MockModeSwitch />
            <p className="hint">{t('mock_mode_hint')}</p>
          </>
        ) : (
          <p className="locked">
            <Icon name="lock" /> {t('opt_mock_not_allowed')}
          </p>
        )}
      </Step>
    </>
  );
}
