import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { Credentials } from '../../../lib/background/credentials';
import { EarlyLoads } from '../../../lib/background/early-loads';
import { startEarlySwitch } from '../../../lib/background/early-switch';
import { Health } from '../../../lib/background/health/health';
import { tableKv } from '../../../lib/background/kv';
import { PanelHoldings } from '../../../lib/background/panel-holdings';
import { createHandlers } from '../../../lib/background/service';
import {
  loadConversation,
  type ConversationReply,
} from '../../../lib/background/conversation-load';
import { DecisionsDb } from '../../../lib/decisions/db';
import { Outbox } from '../../../lib/outbox/engine';
import { FakePort } from './fake-port';
import { tabUpdated } from '../tab-events';
import { DEFAULT_SETTINGS, settingsItem, type Settings } from '../../../lib/settings/settings';
import { SEED, startStandin, type Standin } from '../../standin/server';
import { FakeChatwoot } from './fake-api';

// Issue 21: the worker starts loading a conversation when a tab moves to it (the browser's event
// comes ~10 ms before the panel's request), only where its window's panel lacks it, and the
// panel's conversation/get takes that load over: still two calls per new conversation.

const deferred = <T>() => {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
};

describe('EarlyLoads', () => {
  it('hands a started load to the first taker only', async () => {
    const early = new EarlyLoads<string>(() => 0);
    let loads = 0;
    early.start('k', async () => `load ${++loads}`);
    early.start('k', async () => `load ${++loads}`); // already waiting: not started again
    expect(loads).toBe(1);
    expect(await early.take('k')).toBe('load 1');
    expect(early.take('k')).toBeNull(); // a later request (a refetch) loads afresh
    expect(early.take('other')).toBeNull();
  });

  it('keeps a load only for its keep time', () => {
    let now = 1_000;
    const early = new EarlyLoads<string>(() => now, 2_000);
    early.start('k', async () => 'x');
    now += 2_001;
    expect(early.take('k')).toBeNull();
    early.start('k', async () => 'y'); // the stale one is gone: a new one starts
    now += 1_999;
    expect(early.take('k')).not.toBeNull();
  });

  it('hands a failed load over as it is, and an untaken failure is no unhandled rejection', async () => {
    const early = new EarlyLoads<string>(() => 0);
    const failing = deferred<string>();
    early.start('k', () => failing.promise);
    early.start('untaken', () => Promise.reject(new Error('nobody asks')));
    const taken = early.take('k')!;
    failing.reject(new Error('offline'));
    await expect(taken).rejects.toThrow('offline');
  });
});

describe('PanelHoldings', () => {
  const holds = (window: number, held: [number, number][]) => ({ holdings: { window, held } });

  it('lacks a conversation only where a panel shows that window without it', () => {
    const holdings = new PanelHoldings();
    const a = new FakePort();
    const b = new FakePort();
    holdings.addPanel(a);
    holdings.addPanel(b);
    expect(holdings.lacks(1, 1, 5)).toBe(false); // no panel has said where it is yet
    a.send(holds(1, [[1, 5]]));
    b.send(holds(2, []));
    const cases: [window: number, account: number, conversation: number, lacks: boolean][] = [
      [1, 1, 5, false], // held
      [1, 1, 6, true], // not held
      [1, 2, 5, true], // the same number in another account
      [2, 1, 5, true], // the other window's panel holds nothing
      [3, 1, 6, false], // no panel in that window
    ];
    for (const [window, account, conversation, lacks] of cases) {
      expect(holdings.lacks(window, account, conversation), `${window} ${conversation}`).toBe(
        lacks,
      );
    }
    a.send(holds(1, [[1, 6]])); // the whole list each time: 5 was dropped from its cache
    expect(holdings.lacks(1, 1, 5)).toBe(true);
    expect(holdings.lacks(1, 1, 6)).toBe(false);
    b.disconnect();
    expect(holdings.lacks(2, 1, 5)).toBe(false);
  });

  it('ignores what is not a holdings message (the realtime watch, garbage)', () => {
    const holdings = new PanelHoldings();
    const port = new FakePort();
    holdings.addPanel(port);
    port.send(holds(1, []));
    for (const junk of [
      { watch: { accountId: 1 } },
      { holdings: { window: 1, held: [[1, -5]] } },
      { holdings: { window: 'one', held: [] } },
      null,
    ]) {
      port.send(junk);
    }
    expect(holdings.lacks(1, 1, 5)).toBe(true);
  });
});

describe('startEarlySwitch', () => {
  const ORIGIN = 'https://chat.example.org';
  const page = (conversationId: number, origin = ORIGIN) =>
    `${origin}/app/accounts/1/conversations/${conversationId}`;

  beforeEach(() => fakeBrowser.reset());

  const cases: {
    name: string;
    settings?: Partial<Settings>;
    change: object;
    tab?: object;
    started: boolean;
  }[] = [
    { name: 'a conversation the panel lacks', change: { url: page(5) }, started: true },
    { name: 'one the panel holds', change: { url: page(4) }, started: false },
    {
      name: 'a tab in the background',
      change: { url: page(5) },
      tab: { active: false },
      started: false,
    },
    {
      name: 'a tab of a window with no panel',
      change: { url: page(5) },
      tab: { windowId: 9 },
      started: false,
    },
    { name: 'another origin', change: { url: page(5, 'https://evil.test') }, started: false },
    {
      name: 'a page that is no conversation',
      change: { url: `${ORIGIN}/app/accounts/1/dashboard` },
      started: false,
    },
    { name: 'no new URL (a load state)', change: { status: 'complete' }, started: false },
    { name: 'mock mode', settings: { mockMode: true }, change: { url: page(5) }, started: false },
    { name: 'not set up', settings: { chatwootUrl: '' }, change: { url: page(5) }, started: false },
  ];
  it.each(cases)('$name: started $started', async ({ settings, change, tab, started }) => {
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, chatwootUrl: ORIGIN, ...settings });
    const holdings = new PanelHoldings();
    const port = new FakePort();
    holdings.addPanel(port);
    port.send({ holdings: { window: 1, held: [[1, 4]] } });
    const loads: number[] = [];
    const early = new EarlyLoads<ConversationReply>();
    const stop = startEarlySwitch({
      holdings,
      early,
      load: async (_s, _a, conversationId) => {
        loads.push(conversationId);
        return { ok: false, error: { kind: 'offline', detail: 'test' } } as ConversationReply;
      },
    });
    await tabUpdated(7, change, { windowId: 1, active: true, ...tab });
    await new Promise((r) => setTimeout(r, 0));
    stop();
    expect(loads).toEqual(started ? [5] : []);
  });
});

describe('conversation/get takes the early load over', () => {
  let standin: Standin;
  beforeAll(async () => {
    standin = await startStandin({ quiet: true });
  });
  afterAll(async () => {
    await standin.close();
  });

  it('two calls for the switch, then a refetch loads afresh', async () => {
    fakeBrowser.reset();
    standin.reset();
    const db = new DecisionsDb(`early-${crypto.randomUUID()}`);
    const kv = tableKv(db.kv);
    const credentials = new Credentials(kv);
    await credentials.setToken(standin.url, SEED.agentToken);
    const settings: Settings = { ...DEFAULT_SETTINGS, chatwootUrl: standin.url, authMode: 'token' };
    await settingsItem.setValue(settings);
    const outbox = new Outbox({ db, kv, credentials, api: async () => new FakeChatwoot() });
    const early = new EarlyLoads<ConversationReply>();
    const deps = { db, outbox, credentials, kv, health: new Health(kv), early };
    const h = createHandlers(deps);
    const from = { id: fakeBrowser.runtime.id, url: 'chrome-extension://x/sidepanel.html' };
    const id = SEED.conversations.p2Refund;
    const A = `/api/v1/accounts/${SEED.accountId}/conversations/${id}`;
    // Who is signed in is read once, before.
    await loadConversation(deps, settings, SEED.accountId, SEED.conversations.p1Tracking);
    standin.requests.clear();

    const holdings = new PanelHoldings();
    const port = new FakePort();
    holdings.addPanel(port);
    port.send({ holdings: { window: 1, held: [] } });
    const stop = startEarlySwitch({
      holdings,
      early,
      load: (s, a, c) => loadConversation(deps, s, a, c),
    });
    await tabUpdated(
      7,
      { url: `${standin.url}/app/accounts/${SEED.accountId}/conversations/${id}` },
      { windowId: 1, active: true },
    );
    await new Promise((r) => setTimeout(r, 0));
    const calls = () => standin.requests.list().map((r) => `${r.method} ${r.path}`);
    // The tab's move alone started both GETs, before the panel asked.
    await expect.poll(calls).toEqual([`GET ${A}`, `GET ${A}/messages`]);
    const reply = await h['conversation/get'](
      { accountId: SEED.accountId, conversationId: id },
      from,
    );
    expect(reply.ok && reply.value.conversation.id).toBeTruthy();
    expect(calls().sort()).toEqual([`GET ${A}`, `GET ${A}/messages`]);

    // A refetch (after an action, say) is never the early answer.
    await h['conversation/get']({ accountId: SEED.accountId, conversationId: id }, from);
    expect(calls()).toHaveLength(4);
    stop();
    await db.delete();
  });
});
