import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { KeyValueStore } from '../../../../lib/background/kv';
import { Alerts, parseAlertId, type NamedFacts } from '../../../../lib/background/alerts/alerts';
import { DEFAULT_SETTINGS, type Settings } from '../../../../lib/settings/settings';
import type { WebhookOutbox } from '../../../../lib/outbox/webhook';
import type { AccountRole } from '../../../../lib/sop/roles';
import { stringTable, type Locale } from '../../../../lib/i18n/words';

// The worker's half of the alerts: what it remembers (durably, in `kv`), whom it notifies,
// what goes to Slack. The rule itself is table-tested in tests/unit/sop/alerts.test.ts.

const ORIGIN = 'https://chat.example.org';
const T0 = new Date('2025-03-03T09:00:00Z');
const at = (m: number) => new Date(T0.getTime() + m * 60_000);
const fact = (id: number, over: Partial<NamedFacts> = {}): NamedFacts => ({
  conversationId: id,
  customer: `Customer ${id}`,
  p1: false,
  flags: [],
  escalatedHere: false,
  ...over,
});

function memoryKv(): KeyValueStore {
  const data = new Map<string, unknown>();
  return {
    get: async <T>(k: string) => structuredClone(data.get(k)) as T | undefined,
    set: async (k, v) => void data.set(k, structuredClone(v)),
    delete: async (k) => void data.delete(k),
    keys: async (p) => [...data.keys()].filter((k) => k.startsWith(p)),
  };
}

let kv: KeyValueStore;
let notified: { id: string; title: string; message: string }[];
let posted: { key: string; text: string }[];
let roleCalls: number;

function alerts(
  opts: { alerts?: Settings['alerts']; role?: AccountRole; slack?: string; locale?: Locale } = {},
) {
  return new Alerts({
    kv,
    webhook: {
      enqueue: async (key: string, text: string) => {
        posted.push({ key, text });
        return true;
      },
    } as unknown as WebhookOutbox,
    settings: async () => ({
      ...DEFAULT_SETTINGS,
      alerts: opts.alerts ?? 'auto',
      locale: opts.locale ?? 'en',
    }),
    readWords: async (locale) => stringTable(locale),
    slackUrl: async () => opts.slack,
    role: async () => {
      roleCalls++;
      return opts.role ?? 'administrator';
    },
    notify: async (id, title, message) => void notified.push({ id, title, message }),
  });
}

beforeEach(() => {
  fakeBrowser.reset();
  kv = memoryKv();
  notified = [];
  posted = [];
  roleCalls = 0;
});

describe('Alerts (worker)', () => {
  it('notifies an administrator once per conversation and cause, even across a new worker', async () => {
    await alerts().check(ORIGIN, 1, [fact(1)], at(0)); // the first look: nothing
    await alerts().check(ORIGIN, 1, [fact(1, { p1: true })], at(1));
    await alerts().check(ORIGIN, 1, [fact(1, { p1: true })], at(2)); // another worker, same kv
    expect(notified.map((n) => n.id)).toEqual(['alert|1|1|p1']);
    expect(parseAlertId(notified[0]!.id)).toEqual({ accountId: 1, conversationId: 1 });
  });

  it('an agent gets none by default; "on" turns them on for anyone; "off" for an administrator', async () => {
    await alerts({ role: 'agent' }).check(ORIGIN, 1, [], at(0));
    await alerts({ role: 'agent' }).check(ORIGIN, 1, [fact(2, { p1: true })], at(1));
    expect(notified).toEqual([]);
    await alerts({ role: 'agent', alerts: 'on' }).check(ORIGIN, 1, [], at(0));
    await alerts({ role: 'agent', alerts: 'on' }).check(ORIGIN, 1, [fact(3, { p1: true })], at(1));
    expect(notified.map((n) => n.id)).toEqual(['alert|1|3|p1']);
    await alerts({ alerts: 'off' }).check(ORIGIN, 1, [fact(4, { p1: true })], at(2));
    expect(notified).toHaveLength(1);
  });

  it("words each cause in the user's language, naming the customer and the conversation", async () => {
    const fr = alerts({ locale: 'fr' });
    await fr.check(ORIGIN, 1, [], at(0));
    await fr.check(
      ORIGIN,
      1,
      [fact(8, { p1: true, flags: ['escalation_unacknowledged', 're_escalate_l2'] })],
      at(1),
    );
    expect(notified.map((n) => n.title)).toEqual([
      'Nouveau P1 : Customer 8',
      'Escalade non prise en charge : Customer 8',
      'Aucune réponse du client en 24 h : Customer 8',
    ]);
    expect(notified[0]!.message).toContain('n° 8');
  });

  it('asks the role once per 10 minutes, not at every look', async () => {
    const a = alerts();
    for (let i = 0; i < 5; i++) await a.check(ORIGIN, 1, [], at(i));
    expect(roleCalls).toBe(1);
  });

  it('accounts and origins are remembered apart', async () => {
    const a = alerts({ alerts: 'on' });
    await a.check(ORIGIN, 1, [], at(0));
    await a.check(ORIGIN, 2, [], at(0));
    await a.check(ORIGIN, 1, [fact(5, { p1: true })], at(1));
    await a.check(ORIGIN, 2, [fact(5, { p1: true })], at(1));
    expect(notified.map((n) => n.id)).toEqual(['alert|1|5|p1', 'alert|2|5|p1']);
  });

  it('Slack hears a 2 h miss only from the browser that escalated, once', async () => {
    const slack = 'https://hooks.slack.com/services/T/B/s';
    const a = alerts({ alerts: 'off', slack });
    await a.check(ORIGIN, 1, [], at(0));
    const miss = ['escalation_unacknowledged'] as const;
    await a.check(
      ORIGIN,
      1,
      [fact(6, { flags: [...miss], escalatedHere: true }), fact(7, { flags: [...miss] })],
      at(1),
    );
    await a.check(ORIGIN, 1, [fact(6, { flags: [...miss], escalatedHere: true })], at(2));
    expect(posted.map((p) => p.key)).toEqual([`unacknowledged:${ORIGIN}|1|6`]);
    expect(notified).toEqual([]); // desktop alerts off: Slack still works
  });

  it('nothing wanted (agent, no webhook): the memory is not even started', async () => {
    await alerts({ role: 'agent' }).check(ORIGIN, 1, [fact(1, { p1: true })], at(0));
    expect(await kv.keys('alerts:')).toEqual([]);
  });

  it('a corrupt memory is read as none (a first look again), never a crash', async () => {
    await kv.set(`alerts:${ORIGIN}|1`, 'garbage');
    await alerts().check(ORIGIN, 1, [fact(1, { p1: true })], at(0));
    await alerts().check(ORIGIN, 1, [fact(1, { p1: true }), fact(2, { p1: true })], at(1));
    expect(notified.map((n) => n.id)).toEqual(['alert|1|2|p1']);
  });
});
