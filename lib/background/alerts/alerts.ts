import { browser } from 'wxt/browser';
import type { AccountRole } from '../../sop/roles';
import {
  alertsToRaise,
  EMPTY_ALERT_MEMORY,
  type AlertFacts,
  type AlertMemory,
} from '../../sop/alerts';
import { resolveLocale, translatorFor, type Locale, type Translate } from '../../i18n/core';
import type { Settings } from '../../settings/settings';
import type { KeyValueStore } from '../kv';
import type { WebhookOutbox } from '../../outbox/webhook';

// Desktop notifications and Slack posts from the worker's queue snapshot (docs/ALERTS.md). The
// rule is lib/sop/alerts.ts; this file remembers (IndexedDB `kv`), words and delivers.

export interface AlertDeps {
  kv: KeyValueStore;
  webhook: WebhookOutbox;
  settings: () => Promise<Settings>;
  slackUrl: () => Promise<string | undefined>;
  /** The signed-in user's role in the account (a profile call; kept 10 minutes here). */
  role: () => Promise<AccountRole>;
  notify: (id: string, title: string, message: string) => Promise<void>;
  /** The build's word file for a language (default: fetched from the package). */
  readWords?: (locale: Locale) => Promise<unknown>;
}

/** A conversation's facts, with its customer's name for the words. */
export type NamedFacts = AlertFacts & { customer: string };

const ROLE_MS = 10 * 60_000;

export const conversationPage = (origin: string, accountId: number, conversationId: number) =>
  `${origin}/app/accounts/${accountId}/conversations/${conversationId}`;

/** `alert|<account>|<conversation>|<cause>`: what a click opens. */
export function parseAlertId(id: string): { accountId: number; conversationId: number } | null {
  const m = /^alert\|(\d+)\|(\d+)\|/.exec(id);
  return m ? { accountId: Number(m[1]), conversationId: Number(m[2]) } : null;
}

export class Alerts {
  private chain: Promise<unknown> = Promise.resolve();
  private role: { value: AccountRole; at: number } | null = null;

  constructor(private readonly deps: AlertDeps) {}

  /** Whether anything would be delivered: desktop alerts on, or a Slack webhook set. */
  async wanted(): Promise<{ desktop: boolean; slack: boolean }> {
    const { alerts } = await this.deps.settings();
    let desktop = alerts === 'on';
    if (alerts === 'auto') {
      if (!this.role || Date.now() - this.role.at > ROLE_MS) {
        this.role = { value: await this.deps.role().catch(() => 'agent' as const), at: Date.now() };
      }
      desktop = this.role.value === 'administrator';
    }
    return { desktop, slack: !!(await this.deps.slackUrl()) };
  }

  /** One look at the queue: raises what is new, remembers it durably first. */
  check(origin: string, accountId: number, facts: readonly NamedFacts[], now: Date): Promise<void> {
    const work = async () => {
      const want = await this.wanted();
      if (!want.desktop && !want.slack) return;
      const key = `alerts:${origin}|${accountId}`;
      const stored = await this.deps.kv.get<AlertMemory>(key);
      const memory = stored && typeof stored.raised === 'object' ? stored : EMPTY_ALERT_MEMORY;
      const out = alertsToRaise(memory, facts, now);
      // Remembered before anything is shown: a worker stopped half-way loses an alert rather
      // than repeating one (a notice twice is the noise leads switch alerts off for).
      await this.deps.kv.set(key, out.memory);
      if (!out.alerts.length) return;
      const t = await this.words();
      const names = new Map(facts.map((f) => [f.conversationId, f.customer]));
      for (const alert of out.alerts) {
        const vars = { customer: names.get(alert.conversationId) ?? '', id: alert.conversationId };
        const url = conversationPage(origin, accountId, alert.conversationId);
        if (want.desktop) {
          const id = `alert|${accountId}|${alert.conversationId}|${alert.cause}`;
          const title = t(`alert_${alert.cause}_title`, vars);
          await this.deps.notify(id, title, t(`alert_${alert.cause}_body`, vars)).catch(() => {});
        }
        // Slack hears a miss from the browser that escalated: one post for the team.
        if (want.slack && alert.cause === 'escalation_unacknowledged' && alert.escalatedHere) {
          await this.deps.webhook.enqueue(
            `unacknowledged:${origin}|${accountId}|${alert.conversationId}`,
            t('slack_unacknowledged', { ...vars, url }),
          );
        }
      }
    };
    const result = this.chain.then(work, work);
    this.chain = result.catch(() => undefined);
    return result;
  }

  /** The user's language, from the build's word files (the worker bundles no words). */
  async words(): Promise<Translate> {
    const language = globalThis.navigator?.language ?? 'en';
    const locale = resolveLocale((await this.deps.settings()).locale, language);
    const read =
      this.deps.readWords ??
      (async (l: Locale) => (await fetch(browser.runtime.getURL(`/i18n/${l}.json` as '/'))).json());
    try {
      return translatorFor((await read(locale)) as Record<string, string>);
    } catch {
      return translatorFor({});
    }
  }
}
