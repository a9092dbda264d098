import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import {
  AI_HOOK_TTL_MS,
  aiDraft,
  aiStatus,
  forgetAiHooks,
  openaiHookId,
} from '../../../lib/background/ai';
import { Credentials } from '../../../lib/background/credentials';
import { Health } from '../../../lib/background/health/health';
import { tableKv } from '../../../lib/background/kv';
import { Outbox } from '../../../lib/outbox/engine';
import { createHandlers } from '../../../lib/background/service';
import { ChatwootError } from '../../../lib/chatwoot/errors';
import { cannedResponsesSchema, integrationAppsSchema } from '../../../lib/chatwoot/schemas';
import { DecisionsDb } from '../../../lib/decisions/db';
import { replies, requests } from '../../../lib/messages';
import { DEFAULT_SETTINGS, settingsItem } from '../../../lib/settings/settings';
import { SEED, startStandin, type Standin } from '../../standin/server';
import { FakeChatwoot } from './fake-api';
import { MockChatwoot } from '../../../lib/mock/mock-chatwoot';
import { defaultLibrary } from '../../../lib/sop/templates/library';
import { importCanned } from '../../../lib/sop/templates/library-edit';
import type { WireCannedResponse } from '../../../lib/chatwoot/schemas';

const fromWire = (r: WireCannedResponse) => ({
  id: r.id,
  shortCode: r.short_code,
  content: r.content,
  updatedAt: r.updated_at,
});

// `canned/list` and `ai/draft`: the background handlers through the live client against the
// Chatwoot stand-in (tests/standin), and the AI hook lookup with a scripted fake.

const fromOptions = { id: fakeBrowser.runtime.id, url: 'chrome-extension://x/options.html' };
const CV = SEED.conversations;

let standin: Standin;
let db: DecisionsDb;
beforeAll(async () => {
  standin = await startStandin({ quiet: true });
});
afterAll(async () => {
  await standin.close();
});
beforeEach(async () => {
  fakeBrowser.reset();
  standin.reset();
  db = new DecisionsDb(`templates-ai-${crypto.randomUUID()}`);
  await settingsItem.setValue({
    ...DEFAULT_SETTINGS,
    chatwootUrl: standin.url,
    authMode: 'token',
  });
});

async function handlers() {
  const kv = tableKv(db.kv);
  const credentials = new Credentials(kv);
  await credentials.setToken(standin.url, SEED.agentToken);
  const outbox = new Outbox({ db, kv, credentials, api: async () => new FakeChatwoot() });
  return createHandlers({ db, outbox, credentials, kv, health: new Health(kv) });
}

describe('canned/list', () => {
  it('lists the signed-in account’s canned responses with their short codes', async () => {
    const reply = replies['canned/list'].parse(
      await (await handlers())['canned/list']({}, fromOptions),
    );
    expect(reply.ok).toBe(true);
    if (!reply.ok) return;
    expect(reply.value.accountId).toBe(SEED.accountId);
    expect(reply.value.responses.map((r) => r.shortCode)).toEqual([
      'ack_delay',
      'ship_update',
      'refund_offer',
      'greeting',
      'livraison_fr',
      'remboursement_fr',
    ]);
    expect(reply.value.responses[3]).toEqual({
      id: 4,
      shortCode: 'greeting',
      content: 'Hello {{contact.name}}, how can I help you today?',
      updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });

  it('passes the search on to Chatwoot', async () => {
    const reply = await (await handlers())['canned/list']({ search: 'livraison' }, fromOptions);
    expect(reply.ok && reply.value.responses.map((r) => r.shortCode)).toEqual(['livraison_fr']);
    expect(standin.requests.list().at(-1)).toMatchObject({
      path: `/api/v1/accounts/${SEED.accountId}/canned_responses`,
      query: '?search=livraison',
    });
  });

  it('answers a Chatwoot failure in words, not an empty list', async () => {
    standin.faults.add({ path: '/canned_responses$', kind: 'status', status: 503 });
    const reply = await (await handlers())['canned/list']({}, fromOptions);
    expect(reply).toMatchObject({ ok: false, error: { kind: 'server' } });
  });

  it('accepts a search of up to 200 characters only', () => {
    expect(requests['canned/list'].safeParse({ search: 'x'.repeat(200) }).success).toBe(true);
    expect(requests['canned/list'].safeParse({ search: 'x'.repeat(201) }).success).toBe(false);
  });
});

describe('ai/draft against the stand-in', () => {
  const draft = async (conversationId: number) =>
    replies['ai/draft'].parse(
      await (
        await handlers()
      )['ai/draft']({ accountId: SEED.accountId, conversationId }, fromOptions),
    );
  const status = async () =>
    replies['ai/status'].parse(
      await (await handlers())['ai/status']({ accountId: SEED.accountId }, fromOptions),
    ).status;
  const appsCalls = () =>
    standin.requests.list().filter((r) => r.path.endsWith('/integrations/apps')).length;

  it('is not available when the instance has no AI integration, and asks nothing else', async () => {
    expect(await draft(CV.p2Refund)).toEqual({ ok: true, value: { available: false } });
    expect(standin.requests.list().map((r) => r.path)).toEqual([
      `/api/v1/accounts/${SEED.accountId}/integrations/apps`,
    ]);
  });

  it('returns the OpenAI hook’s reply suggestion when the integration is on', async () => {
    standin.config({ aiEnabled: true });
    const reply = await draft(CV.p2Refund);
    expect(reply).toEqual({
      ok: true,
      value: { available: true, draft: expect.stringContaining('Priya Shah') },
    });
    const posted = standin.requests.list().filter((r) => r.method === 'POST');
    expect(posted.map((r) => r.path)).toEqual([
      `/api/v1/accounts/${SEED.accountId}/integrations/hooks/${SEED.openaiHookId}/process_event`,
    ]);
  });

  it('looks the hook up once per session, not per draft', async () => {
    standin.config({ aiEnabled: true });
    await draft(CV.p2Refund);
    await draft(CV.p1Tracking);
    expect(appsCalls()).toBe(1);
    expect(await status()).toBe('available');
  });

  it.each([404, 401])(
    'keeps a %i answer for the apps list as "not available" for the session',
    async (code) => {
      standin.config({ aiEnabled: true });
      standin.faults.add({ path: '/integrations/apps$', kind: 'status', status: code });
      expect(await status()).toBe('unknown');
      expect(await draft(CV.p2Refund)).toEqual({ ok: true, value: { available: false } });
      expect(await status()).toBe('unavailable');
      expect(await draft(CV.p1Tracking)).toEqual({ ok: true, value: { available: false } });
      expect(appsCalls()).toBe(1);
      expect(standin.requests.list().some((r) => r.path.endsWith('/process_event'))).toBe(false);
    },
  );

  it('asks again after the options are saved', async () => {
    standin.faults.add({ path: '/integrations/apps$', kind: 'status', status: 404, times: 1 });
    await draft(CV.p2Refund);
    expect(await status()).toBe('unavailable');
    // Whatever the sign-in check then answers, the session's answer is forgotten.
    await (
      await handlers()
    )['settings/save']({ chatwootUrl: standin.url, authMode: 'token' }, fromOptions);
    expect(await status()).toBe('unknown');
    standin.config({ aiEnabled: true });
    expect(await draft(CV.p2Refund)).toMatchObject({ ok: true, value: { available: true } });
    expect(appsCalls()).toBe(2);
  });

  it('a failing apps list is an error to show, asked again next time', async () => {
    standin.faults.add({ path: '/integrations/apps$', kind: 'status', status: 503, times: 1 });
    expect(await draft(CV.p2Refund)).toMatchObject({ ok: false, error: { kind: 'server' } });
    expect(await status()).toBe('unknown');
    standin.config({ aiEnabled: true });
    expect(await draft(CV.p2Refund)).toMatchObject({ ok: true, value: { available: true } });
  });

  it('a failing draft is an error to show, not a silent absence', async () => {
    standin.config({ aiEnabled: true });
    standin.faults.add({ path: '/process_event$', kind: 'status', status: 500 });
    expect(await draft(CV.p2Refund)).toMatchObject({ ok: false, error: { kind: 'server' } });
  });
});

describe('a new conversation view costs the two GETs it needs', () => {
  // What the panel sends for a view (components/panel/conversation/): the conversation, and the
  // AI card's status (answered from the session). The draft itself only on a click.
  async function view(conversationId: number) {
    const h = await handlers();
    const conversation = await h['conversation/get'](
      { accountId: SEED.accountId, conversationId },
      fromOptions,
    );
    expect(replies['conversation/get'].parse(conversation).ok).toBe(true);
    await h['ai/status']({ accountId: SEED.accountId }, fromOptions);
  }

  it.each([
    ['with the OpenAI integration', { aiEnabled: true }, null],
    ['without it', { aiEnabled: false }, null],
    ['when the apps list answers 404', { aiEnabled: true }, 404],
    ['when the apps list answers 401', { aiEnabled: true }, 401],
  ] as const)('%s', async (_what, config, appsStatus) => {
    standin.config(config);
    if (appsStatus) {
      standin.faults.add({ path: '/integrations/apps$', kind: 'status', status: appsStatus });
    }
    await view(CV.p1Tracking); // the first view also reads who is signed in
    for (const id of [CV.p2Refund, CV.noneFresh, CV.p2Refund]) {
      standin.requests.clear();
      await view(id);
      const A = `/api/v1/accounts/${SEED.accountId}/conversations/${id}`;
      expect(
        standin.requests
          .list()
          .map((r) => `${r.method} ${r.path}`)
          .sort(),
      ).toEqual([`GET ${A}`, `GET ${A}/messages`]);
    }
  });
});

describe('aiDraft: finding the hook', () => {
  const where = { origin: 'https://chat.example.org', accountId: 1, conversationId: 7 };

  it.each([
    ['no openai app', { payload: [{ id: 'webhook', hooks: [] }] }, null],
    ['an openai app without hooks', { payload: [{ id: 'openai', hooks: [] }] }, null],
    ['an enabled hook', { payload: [{ id: 'openai', hooks: [{ id: 9, status: 'enabled' }] }] }, 9],
    [
      'a disabled hook, then an enabled one',
      {
        payload: [
          {
            id: 'openai',
            hooks: [
              { id: 3, status: 'disabled' },
              { id: 4, status: 'enabled' },
            ],
          },
        ],
      },
      4,
    ],
    ['hooks that are not a list', { payload: [{ id: 'openai', hooks: 'x' }] }, null],
  ])('%s → %s', (_what, body, expected) => {
    expect(openaiHookId(integrationAppsSchema.parse(body).payload)).toBe(expected);
  });

  it('forgets a hook that has gone (404) and says AI is not available', async () => {
    const api = new FakeChatwoot();
    api.openaiHookId = 5;
    let now = 1_000;
    expect(await aiDraft(api, where, () => now)).toEqual({
      available: true,
      draft: 'Hi, this is the AI draft.',
    });
    api.openaiHookId = null; // switched off in Chatwoot
    expect(await aiDraft(api, where, () => now)).toEqual({ available: false });
    now += 1; // the next draft looks again, and finds none
    expect(await aiDraft(api, where, () => now)).toEqual({ available: false });
    expect(api.calls).toEqual([
      'integrationApps',
      'aiReplySuggestion',
      'aiReplySuggestion',
      'integrationApps',
    ]);
  });

  it('sees an integration switched on after a day', async () => {
    const api = new FakeChatwoot();
    let now = 1_000;
    expect(await aiDraft(api, where, () => now)).toEqual({ available: false });
    expect(await aiStatus(where, () => now)).toBe('unavailable');
    api.openaiHookId = 2;
    now += AI_HOOK_TTL_MS - 1;
    expect(await aiDraft(api, where, () => now)).toEqual({ available: false });
    now += 1;
    expect(await aiStatus(where, () => now)).toBe('unknown');
    expect(await aiDraft(api, where, () => now)).toMatchObject({ available: true });
    expect(await aiStatus(where, () => now)).toBe('available');
    expect(AI_HOOK_TTL_MS).toBe(24 * 60 * 60_000);
  });

  it('a 401 or 403 for the apps list is kept as "not available"; offline is not', async () => {
    const api = new FakeChatwoot();
    api.openaiHookId = 2;
    api.script.integrationApps = [new ChatwootError('offline', 'no network')];
    await expect(aiDraft(api, where)).rejects.toMatchObject({ kind: 'offline' });
    expect(await aiStatus(where)).toBe('unknown');
    api.script.integrationApps = [new ChatwootError('forbidden', 'admins only', 401)];
    expect(await aiDraft(api, where)).toEqual({ available: false });
    expect(await aiDraft(api, where)).toEqual({ available: false });
    expect(api.calls.filter((c) => c === 'integrationApps')).toHaveLength(2);
    await forgetAiHooks();
    expect(await aiDraft(api, where)).toMatchObject({ available: true });
  });

  it('an empty draft is an error', async () => {
    const api = new FakeChatwoot();
    api.openaiHookId = 2;
    api.aiDraft = '  ';
    await expect(aiDraft(api, where)).rejects.toMatchObject({ kind: 'invalid_response' });
  });

  it('keeps one cache per origin and account', async () => {
    const api = new FakeChatwoot();
    api.openaiHookId = 2;
    await aiDraft(api, where);
    await aiDraft(api, { ...where, accountId: 2 });
    await aiDraft(api, { ...where, origin: 'https://other.example.org' });
    await aiDraft(api, { ...where, conversationId: 8 });
    expect(api.calls.filter((c) => c === 'integrationApps')).toHaveLength(3);
  });
});

describe('mock mode', () => {
  it('offers two canned responses to import and no AI draft, without the network', async () => {
    const mock = new MockChatwoot({ kv: tableKv(db.kv), latencyMs: () => 0 });
    const canned = await mock.cannedResponses(1);
    expect(canned.map((r) => r.short_code)).toEqual(['store_hours', 'gift_card']);
    expect(importCanned(defaultLibrary(), canned.map(fromWire)).added).toHaveLength(2);
    expect((await mock.cannedResponses(1, 'gift')).map((r) => r.short_code)).toEqual(['gift_card']);
    const where = { origin: 'mock:', accountId: 1, conversationId: 1 };
    expect(await aiDraft(mock, where)).toEqual({ available: false });
  });

  it('offers no AI button: the status is "unavailable" without asking anything', async () => {
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, mockMode: true });
    const reply = await (await handlers())['ai/status']({ accountId: 1 }, fromOptions);
    expect(reply).toEqual({ status: 'unavailable' });
    expect(standin.requests.list()).toEqual([]);
  });
});

describe('wire schemas', () => {
  it('read canned responses with a null content or no updated_at', () => {
    expect(
      cannedResponsesSchema.parse([
        { id: 1, short_code: 'a', content: null, extra: true },
        { id: 2, short_code: 'b', content: 'x', updated_at: '2026-01-01T00:00:00Z' },
      ]),
    ).toEqual([
      { id: 1, short_code: 'a', content: '', updated_at: null },
      { id: 2, short_code: 'b', content: 'x', updated_at: '2026-01-01T00:00:00Z' },
    ]);
  });

  it('refuse a canned response without a short code', () => {
    expect(cannedResponsesSchema.safeParse([{ id: 1, content: 'x' }]).success).toBe(false);
  });
});
