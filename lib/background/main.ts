import { browser } from 'wxt/browser';
import { DecisionsDb } from '../decisions/db';
import { handleRequests, broadcast } from './requests';
import {
  getSettings,
  managedSnapshotItem,
  refreshManagedSettings,
  settingsInEffect,
  settingsItem,
} from '../settings/settings';
import { enableEnglishIssueMessages } from '../zod-messages';
import { startFirefoxSupport } from './firefox';
import { Credentials } from './credentials';
import { contextOfTab, forgetTab } from './context';
import { Health } from './health/health';
import { tableKv } from './kv';
import { startBreachSweep } from './health/breach-sweep';
import { AUTH_ALARM, Outbox, OUTBOX_ALARM } from '../outbox/engine';
import { watchSession } from './session';
import { chromeRegistration, syncDetector } from './registration';
import { createHandlers } from './service';
import { loadConversation, type ConversationReply } from './conversation-load';
import { EarlyLoads } from './early-loads';
import { PanelHoldings } from './panel-holdings';
import { startEarlySwitch } from './early-switch';
import { startToolbar } from './toolbar';
import { apiFor } from './api';
import { onPanelConnect } from '../platform/panel-port';
import { RealtimeHub } from './realtime/hub';
import { UrgencyBadge } from './realtime/urgency';
import { loadQueueSnapshot } from './realtime/snapshot';
import { showUrgency } from '../platform/badge';
import { startAlerts } from './alerts/start';

export function startBackground(): void {
  enableEnglishIssueMessages();
  const db = new DecisionsDb();
  const kv = tableKv(db.kv);
  const credentials = new Credentials(kv);
  const health = new Health(kv);
  const alerting = startAlerts({ credentials, onSample: health.record, kv });
  const outbox = new Outbox({
    db,
    credentials,
    onSample: health.record,
    kv,
    onEscalated: alerting.onEscalated,
  });
  const early = new EarlyLoads<ConversationReply>();
  // First of the tab listeners: its fetches go out before anything else a switch sets off.
  const holdings = new PanelHoldings();
  startEarlySwitch({
    holdings,
    early,
    load: (settings, accountId, conversationId) =>
      loadConversation(
        { credentials, kv, onSample: health.record },
        settings,
        accountId,
        conversationId,
      ),
  });
  const handlers = createHandlers({
    ...{ credentials, outbox, db, kv, health, early },
    onSample: health.record,
  });

  handleRequests(handlers, {
    extensionId: browser.runtime.id,
    extensionOrigin: new URL(browser.runtime.getURL('/')).origin,
    // Every navigation asks: from memory, not storage (settingsInEffect, issue 21).
    allowedContentOrigin: async () => (await settingsInEffect()).chatwootUrl || null,
  });

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === OUTBOX_ALARM) void outbox.run();
    // Paused by a 401: is someone signed in again? (Token mode, or a session restored without
    // a cookie change.) The queue resumes by itself.
    if (alarm.name === AUTH_ALARM) void outbox.checkAuth();
  });
  watchSession(outbox, credentials);
  browser.runtime.onStartup.addListener(() => void outbox.run());
  startBreachSweep({ credentials, onSample: health.record, kv });
  browser.runtime.onInstalled.addListener((details) => {
    // The button opens the panel through action.onClicked (lib/background/toolbar.ts): activeTab.
    void browser.sidePanel?.setPanelBehavior({ openPanelOnActionClick: false });
    if (details.reason === 'install') void browser.runtime.openOptionsPage();
    void getSettings().then((s) => syncDetector(chromeRegistration, s.chatwootUrl || null));
  });
  // The toolbar badge (P1 count, "!" for a follow-up), kept current by the realtime changes.
  const urgency = new UrgencyBadge({
    show: (u) => void showUrgency(u).catch(() => undefined),
    slaMinutes: async () => (await getSettings()).slaMinutes,
    load: (accountId) => loadQueueSnapshot({ credentials, kv, db }, accountId),
    // Desktop and Slack alerts from the same snapshot (lib/background/alerts/).
    onFacts: alerting.onFacts,
  });
  alerting.watch((accountId) => urgency.refresh(accountId));
  // Chatwoot's realtime channel while a panel is open (lib/background/realtime/hub.ts).
  const realtime = new RealtimeHub({
    onChanges: (accountId, changes) => void urgency.apply(accountId, changes),
    // Each (re)subscription reloads the badge's queue once: it fills what the gap missed.
    onMode: (mode, accountId) => {
      if (mode === 'live' && accountId) void urgency.refresh(accountId).catch(() => undefined);
    },
    origin: async () => {
      const s = await getSettings();
      return s.mockMode ? null : s.chatwootUrl || null;
    },
    profile: async () => (await apiFor({ credentials, kv })).profile(),
  });
  // What each open panel holds: a tab moving to a conversation its panel lacks starts loading it.
  onPanelConnect((port) => {
    realtime.addPanel(port);
    holdings.addPanel(port);
  });
  // The origin in effect: a policy's URL wins over the stored one (lib/settings/settings.ts).
  const resync = () => {
    realtime.restart();
    void getSettings().then((s) => syncDetector(chromeRegistration, s.chatwootUrl || null));
  };
  settingsItem.watch(resync);
  managedSnapshotItem.watch(resync);
  // The administrator's policy: read at every start (slow, awaited by no one) and on change.
  void refreshManagedSettings();
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area === 'managed') void refreshManagedSettings();
  });
  if (import.meta.env.FIREFOX) startFirefoxSupport(handlers);
  startToolbar();

  // A Chatwoot tab that loads another site no longer shows a conversation. (Without the
  // "tabs" permission `tab.url` is only visible for granted origins: unseen means elsewhere.)
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.status !== 'loading') return;
    // Every switch in Chatwoot fires this: settings from memory, no storage read on its way.
    void settingsInEffect().then(async ({ chatwootUrl }) => {
      if (tab.url && chatwootUrl && tab.url.startsWith(chatwootUrl)) return;
      if (!(await contextOfTab(tabId))) return;
      await forgetTab(tabId);
      broadcast({
        event: 'context/changed',
        context: {
          windowId: tab.windowId,
          tabId,
          origin: '',
          accountId: null,
          conversationId: null,
        },
      });
    });
  });
  browser.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId));

  // Whatever was queued before the worker was stopped resumes now.
  void outbox.run();
}
