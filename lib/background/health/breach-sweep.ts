import { browser } from 'wxt/browser';
import type { ChatwootApi } from '../../chatwoot/client';
import { getSettings, type Settings } from '../../settings/settings';
import { apiFor, currentOperator, type ApiDeps } from '../api';
import { recordBreaches } from './report';
import type { KeyValueStore } from '../kv';
import { allQueueConversations } from '../service';

// The worker looks at the queue itself every half hour, so the daily breach counts (and "the
// same weekday last week") exist whether or not anyone opened the panel's queue that day.

export const BREACH_SWEEP_ALARM = 'breach-sweep';
const SWEEP_EVERY_MINUTES = 30;

interface SweepDeps {
  kv: KeyValueStore;
  api: (settings: Settings) => Promise<ChatwootApi>;
  now?: () => Date;
}

/** One look: every open and pending conversation, its breaches recorded. Live Chatwoot only. */
export async function sweepBreaches(deps: SweepDeps): Promise<boolean> {
  const settings = await getSettings();
  if (settings.mockMode || !settings.chatwootUrl) return false;
  const client = await deps.api(settings);
  const operator = await currentOperator(client, settings.chatwootUrl);
  const conversations = await allQueueConversations(
    client,
    operator.accountId,
    settings.chatwootUrl,
  );
  await recordBreaches(deps.kv, conversations, {
    now: deps.now?.() ?? new Date(),
    slaMinutes: settings.slaMinutes,
    clock: settings.slaClock,
    origin: settings.chatwootUrl,
  });
  return true;
}

export function startBreachSweep(deps: ApiDeps & { kv: KeyValueStore }): void {
  const sweep: SweepDeps = { kv: deps.kv, api: (settings) => apiFor(deps, settings) };
  browser.alarms.onAlarm.addListener((alarm) => {
    // Signed out or offline: the next sweep tries again; nothing to report to anyone.
    if (alarm.name === BREACH_SWEEP_ALARM) void sweepBreaches(sweep).catch(() => false);
  });
  // Set when installed or updated and when the browser starts, not at every wake of the worker:
  // an alarm survives the worker stopping, and creating it again would push the sweep back.
  const schedule = () =>
    void browser.alarms.create(BREACH_SWEEP_ALARM, {
      delayInMinutes: SWEEP_EVERY_MINUTES,
      periodInMinutes: SWEEP_EVERY_MINUTES,
    });
  browser.runtime.onInstalled.addListener(schedule);
  browser.runtime.onStartup.addListener(schedule);
}
