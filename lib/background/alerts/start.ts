import { browser } from 'wxt/browser';
import type { DecisionRecord } from '../../decisions/record';
import { getManagedSettings, getSettings } from '../../settings/settings';
import { onNotificationClick, showNotification } from '../../platform/notifications';
import { openInDashboard } from '../../platform/tabs';
import { WEBHOOK_ALARM, WebhookOutbox } from '../../outbox/webhook';
import { apiFor, currentOperator, type ApiDeps } from '../api';
import { operatorRole } from '../operator-role';
import { BREACH_SWEEP_ALARM } from '../health/breach-sweep';
import type { KeyValueStore } from '../kv';
import { Alerts, conversationPage, parseAlertId, type NamedFacts } from './alerts';

// Wiring of the alerts (docs/ALERTS.md): live from the badge's snapshot while a panel is open,
// and with none open from the breach sweep's alarm and an alarm at the next instant a cause
// can come true, which reload that snapshot.

const ALERTS_ALARM = 'alerts';

export function startAlerts(deps: ApiDeps & { kv: KeyValueStore }) {
  const slackUrl = async () => (await getManagedSettings()).slackWebhookUrl;
  const webhook = new WebhookOutbox({
    kv: deps.kv,
    url: slackUrl,
    wake: (at) => {
      const delay = at - Date.now();
      if (delay < 30_000) setTimeout(() => void webhook.run(), Math.max(0, delay));
      void browser.alarms.create(WEBHOOK_ALARM, { when: Math.max(Date.now() + 1000, at) });
    },
  });
  const alerts = new Alerts({
    kv: deps.kv,
    webhook,
    settings: getSettings,
    slackUrl,
    role: async () => {
      const s = await getSettings();
      return (await operatorRole(await apiFor(deps, s), s.chatwootUrl)).role;
    },
    notify: showNotification,
  });
  onNotificationClick((id) => {
    const ref = parseAlertId(id);
    if (!ref) return;
    void getSettings().then(({ chatwootUrl }) =>
      openInDashboard(
        chatwootUrl,
        conversationPage(chatwootUrl, ref.accountId, ref.conversationId),
      ),
    );
  });
  void webhook.run(); // whatever a stopped worker left queued

  return {
    onFacts(accountId: number, facts: NamedFacts[], now: Date, next: number) {
      void getSettings().then(async (s) => {
        if (s.mockMode || !s.chatwootUrl) return;
        await alerts.check(s.chatwootUrl, accountId, facts, now);
        if (Number.isFinite(next)) {
          await browser.alarms.create(ALERTS_ALARM, {
            when: Math.max(Date.now() + 60_000, next + 1000),
          });
        }
      });
    },
    async onEscalated(record: DecisionRecord) {
      if (!(await slackUrl())) return;
      const t = await alerts.words();
      const page = conversationPage(record.chatwootOrigin, record.accountId, record.conversationId);
      const reason = record.escalationReason ? t(`reason_${record.escalationReason}`) : '';
      await webhook.enqueue(
        `escalated:${record.id}`,
        t('slack_escalated', { id: record.conversationId, reason, url: page }),
      );
    },
    /** With no panel open: the worker reloads the snapshot itself when an alarm says so. */
    watch(refresh: (accountId: number) => Promise<void>) {
      browser.alarms.onAlarm.addListener((alarm) => {
        if (alarm.name === WEBHOOK_ALARM) void webhook.run();
        if (alarm.name !== ALERTS_ALARM && alarm.name !== BREACH_SWEEP_ALARM) return;
        void (async () => {
          const want = await alerts.wanted();
          const s = await getSettings();
          if ((!want.desktop && !want.slack) || s.mockMode || !s.chatwootUrl) return;
          const client = await apiFor(deps, s);
          await refresh((await currentOperator(client, s.chatwootUrl)).accountId);
        })().catch(() => undefined); // offline or signed out: the next alarm tries again
      });
    },
  };
}
