import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { dashboardOrigin } from '../../../lib/chatwoot/routes';
import { errorKey } from '../../../lib/i18n/core';
import type { ProfileInfo } from '../../../lib/messages';
import { send } from '../../../lib/platform/messaging';
import { requestOrigin } from '../../../lib/platform/permissions';
import { actionInvokedItem, activeTabUrl, onTabChange } from '../../../lib/platform/tabs';
import { useI18n } from '../../shared/i18n';
import { Icon } from '../../shared/Icon';

// One-click connect (issue 20): before setup, a panel beside a Chatwoot dashboard offers
// "Connect to <origin>". The click asks for that one origin (inside the gesture), saves it with
// the session sign-in, and the background checks who is signed in — nothing typed.

export type ConnectOutcome =
  { ok: true; origin: string; profile: ProfileInfo } | { ok: false; reason: string };

/** The origin of a Chatwoot dashboard in this window's active tab, when Chrome lets us see it. */
function useDashboardHere(): string | null {
  const [origin, setOrigin] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    let stop = () => {};
    void browser.windows.getCurrent().then((win) => {
      const windowId = win.id;
      if (!live || windowId === undefined) return;
      const look = () =>
        void activeTabUrl(windowId).then((url) => {
          if (live) setOrigin(url ? dashboardOrigin(url) : null);
        });
      look();
      const unwatchTabs = onTabChange(look);
      const unwatchClicks = actionInvokedItem.watch(look); // activeTab was just granted
      stop = () => {
        unwatchTabs();
        unwatchClicks();
      };
    });
    return () => {
      live = false;
      stop();
    };
  }, []);
  return origin;
}

export function ConnectHere({ onOutcome }: { onOutcome: (o: ConnectOutcome) => void }) {
  const { t } = useI18n();
  const origin = useDashboardHere();
  const [busy, setBusy] = useState(false);
  if (!origin) {
    return <p className="connect-how">{t('connect_how')}</p>;
  }
  const connect = () => {
    // Synchronously, before any await: Chrome grants the request only inside the click.
    const granted = requestOrigin(browser.permissions, origin, false);
    setBusy(true);
    void (async () => {
      try {
        if (!(await granted)) return onOutcome({ ok: false, reason: t('err_no_permission') });
        const result = await send('settings/save', { chatwootUrl: origin, authMode: 'session' });
        onOutcome(
          result.ok
            ? { ok: true, origin, profile: result.value }
            : {
                ok: false,
                reason: t(errorKey(result.error.kind), { detail: result.error.detail }),
              },
        );
      } finally {
        setBusy(false);
      }
    })();
  };
  return (
    <section className="connect-here card" aria-labelledby="connect-here-title">
      <h2 id="connect-here-title" className="connect-origin">
        <Icon name="check" /> {origin}
      </h2>
      <p>{t('connect_here_hint')}</p>
      <button type="button" className="primary connect-button" disabled={busy} onClick={connect}>
        {busy ? t('connect_busy') : t('connect_here', { origin })}
      </button>
    </section>
  );
}

/** What the click gave: who is signed in, or why not. Shown above whichever view follows. */
export function ConnectOutcomeNotice({ outcome }: { outcome: ConnectOutcome }) {
  const { t } = useI18n();
  return outcome.ok ? (
    <p className="notice notice-ok" role="status">
      <Icon name="check" />{' '}
      {t('opt_signed_in', {
        name: outcome.profile.name,
        email: outcome.profile.email,
        account: outcome.profile.accountName,
      })}
    </p>
  ) : (
    <p className="notice notice-error" role="alert">
      <Icon name="alert" /> {t('connect_failed', { reason: outcome.reason })}
    </p>
  );
}
