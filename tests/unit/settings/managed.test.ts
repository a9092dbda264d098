import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { Credentials } from '../../../lib/background/credentials';
import { Health } from '../../../lib/background/health/health';
import { tableKv } from '../../../lib/background/kv';
import { Outbox } from '../../../lib/outbox/engine';
import { createHandlers } from '../../../lib/background/service';
import { DecisionsDb, getDecision } from '../../../lib/decisions/db';
import type { ActionInput } from '../../../lib/messages';
import {
  aiDraftAllowed,
  applyManaged,
  approvalsAllowed,
  DEFAULT_SETTINGS,
  getManagedSettings,
  getSettings,
  managedSnapshotItem,
  mockModeAllowed,
  parseManaged,
  parseManagedReport,
  refreshManagedSettings,
  settingsItem,
  updateSettings,
  type ManagedProblem,
  type ManagedSettings,
  type Settings,
} from '../../../lib/settings/settings';
import { defaultLibrary } from '../../../lib/sop/templates/library';
import { parseManagedLibrary } from '../../../lib/sop/templates/library-policy';
import { FakeChatwoot } from '../background/fake-api';

// Team deployment (issue 7): an administrator's policy (chrome.storage.managed) wins over the
// user's own settings. WXT's fake browser has a writable `managed` area standing in for policy.

beforeEach(() => {
  fakeBrowser.reset();
});

const local: Settings = {
  ...DEFAULT_SETTINGS,
  chatwootUrl: 'https://mine.example.org',
  slaMinutes: 30,
  mockMode: true,
};

describe('parseManaged', () => {
  it.each<[string, unknown, ManagedSettings]>([
    ['nothing set', {}, {}],
    ['not an object', 'https://x.org', {}],
    [
      'every key',
      {
        chatwootUrl: 'https://chat.acme.org/app/',
        slaMinutes: 45,
        mockModeAllowed: false,
        approvalsEnabled: false,
      },
      {
        chatwootUrl: 'https://chat.acme.org',
        slaMinutes: 45,
        mockModeAllowed: false,
        approvalsEnabled: false,
      },
    ],
    [
      'a bad URL loses that key only',
      { chatwootUrl: 'javascript:alert(1)', slaMinutes: 60 },
      { slaMinutes: 60 },
    ],
    ['SLA out of range', { slaMinutes: 0, approvalsEnabled: true }, { approvalsEnabled: true }],
    ['SLA not whole', { slaMinutes: 12.5 }, {}],
    ['a string where a boolean goes', { mockModeAllowed: 'false' }, {}],
    ['unknown keys ignored', { token: 'secret', slaMinutes: 10 }, { slaMinutes: 10 }],
    ['the SLA clock', { slaClock: 'created' }, { slaClock: 'created' }],
    ['an SLA clock that is not one', { slaClock: 'updated_at' }, {}],
  ])('%s', (_name, raw, expected) => {
    expect(parseManaged(raw)).toEqual(expected);
  });
});

describe('parseManagedReport: a value that cannot be used is reported, not silently dropped', () => {
  it.each<[string, unknown, ManagedProblem[]]>([
    ['all valid', { chatwootUrl: 'https://chat.acme.org', slaMinutes: 45 }, []],
    [
      'a bad URL, with what was set',
      { chatwootUrl: 'javascript:alert(1)', slaMinutes: 60 },
      [{ key: 'chatwootUrl', value: '"javascript:alert(1)"' }],
    ],
    [
      'several bad values',
      { slaMinutes: 0, mockModeAllowed: 'false', approvalsEnabled: 1 },
      [
        { key: 'slaMinutes', value: '0' },
        { key: 'mockModeAllowed', value: '"false"' },
        { key: 'approvalsEnabled', value: '1' },
      ],
    ],
    ['unknown keys are not ours to report', { token: 'secret' }, []],
    ['a bad SLA clock', { slaClock: 'Created' }, [{ key: 'slaClock', value: '"Created"' }]],
    // A bad library is reported with its own words (library-policy.ts), and still locks.
    ['a bad template library', { templates: 'all of them' }, []],
  ])('%s', (_name, raw, invalid) => {
    expect(parseManagedReport(raw).invalid).toEqual(invalid);
  });

  it('a template library is kept as the policy has it (set = locked); the pages check it', () => {
    const { settings } = parseManagedReport({ templates: { version: 2 } });
    expect(settings).toEqual({ templates: { version: 2 } });
    expect(parseManagedLibrary(settings.templates)).toEqual({
      library: defaultLibrary(),
      problems: [{ kind: 'unusable', code: 'version' }],
    });
  });
});

describe('applyManaged: managed over local', () => {
  it.each<[string, ManagedSettings, Partial<Settings>]>([
    [
      'no policy: the user’s own',
      {},
      {
        chatwootUrl: 'https://mine.example.org',
        slaMinutes: 30,
        slaClock: 'waiting', // the default: the customer waiting
        mockMode: true,
      },
    ],
    ['the URL', { chatwootUrl: 'https://chat.acme.org' }, { chatwootUrl: 'https://chat.acme.org' }],
    ['the SLA', { slaMinutes: 90 }, { slaMinutes: 90 }],
    ['the SLA clock', { slaClock: 'created' }, { slaClock: 'created' }],
    ['mock mode not allowed turns it off', { mockModeAllowed: false }, { mockMode: false }],
    ['mock mode allowed leaves the user’s choice', { mockModeAllowed: true }, { mockMode: true }],
    [
      'approvals only hide a button: settings unchanged',
      { approvalsEnabled: false },
      { slaMinutes: 30 },
    ],
  ])('%s', (_name, managed, expected) => {
    expect(applyManaged(local, managed)).toMatchObject({ ...expected, locale: local.locale });
  });

  it('approvals and mock mode are allowed unless the policy says false', () => {
    expect(approvalsAllowed({})).toBe(true);
    expect(approvalsAllowed({ approvalsEnabled: true })).toBe(true);
    expect(approvalsAllowed({ approvalsEnabled: false })).toBe(false);
    expect(mockModeAllowed({})).toBe(true);
    expect(mockModeAllowed({ mockModeAllowed: false })).toBe(false);
  });

  it('the AI draft is allowed unless the policy says false', () => {
    expect(aiDraftAllowed({})).toBe(true);
    expect(aiDraftAllowed({ aiDraftEnabled: true })).toBe(true);
    expect(aiDraftAllowed({ aiDraftEnabled: false })).toBe(false);
    expect(parseManagedReport({ aiDraftEnabled: 'no' })).toEqual({
      settings: {},
      invalid: [{ key: 'aiDraftEnabled', value: '"no"' }],
    });
  });
});

describe('the policy copy the background keeps', () => {
  it('reads managed storage, and getSettings applies it over the stored settings', async () => {
    await settingsItem.setValue(local);
    await fakeBrowser.storage.managed.set({ chatwootUrl: 'https://chat.acme.org', slaMinutes: 45 });
    expect(await getSettings()).toMatchObject({ chatwootUrl: 'https://mine.example.org' }); // not read yet
    await refreshManagedSettings();
    expect(await getManagedSettings()).toEqual({
      chatwootUrl: 'https://chat.acme.org',
      slaMinutes: 45,
    });
    expect(await getSettings()).toMatchObject({
      chatwootUrl: 'https://chat.acme.org',
      slaMinutes: 45,
    });
    // A change is written onto the user's own settings, never onto the policy's.
    await updateSettings({ locale: 'fr' });
    expect(await settingsItem.getValue()).toMatchObject({
      chatwootUrl: 'https://mine.example.org',
      locale: 'fr',
    });
  });

  it('keeps the policy’s own values, so a page can report a bad one; the library among them', async () => {
    const templates = {
      version: 1,
      frenchTemplates: false,
      templates: [
        { id: 'custom:a', label: 'A', body: 'Hi {{name}}', language: 'en', cues: ['gift'] },
        { id: 'custom:b', label: 'B', body: 'At {{hours}}', language: 'en', cues: ['hours'] },
      ],
    };
    await fakeBrowser.storage.managed.set({ chatwootUrl: 'not a url', templates, other: 1 });
    const parsed = await refreshManagedSettings();
    expect(await managedSnapshotItem.getValue()).toEqual({ chatwootUrl: 'not a url', templates });
    expect(parsed.chatwootUrl).toBeUndefined();
    expect(parseManagedReport(await managedSnapshotItem.getValue()).invalid).toEqual([
      { key: 'chatwootUrl', value: '"not a url"' },
    ]);
    const managed = parseManagedLibrary((await getManagedSettings()).templates);
    expect(managed.library.templates.map((t) => t.id).slice(0, 2)).toEqual([
      'custom:a',
      'ack_delay',
    ]);
    expect(managed.problems).toMatchObject([{ kind: 'template', position: 2, label: 'B' }]);
  });

  it('follows the policy when it is removed', async () => {
    await fakeBrowser.storage.managed.set({ approvalsEnabled: false });
    await refreshManagedSettings();
    expect(await getManagedSettings()).toEqual({ approvalsEnabled: false });
    await fakeBrowser.storage.managed.clear();
    await refreshManagedSettings();
    expect(await getManagedSettings()).toEqual({});
  });

  it('no managed area, or one that rejects (Firefox without policy): nothing managed', async () => {
    expect(await refreshManagedSettings(undefined)).toEqual({});
    const rejecting = {
      get: () => Promise.reject(new Error('Managed storage manifest not found')),
    };
    expect(await refreshManagedSettings(rejecting)).toEqual({});
  });
});

describe('AI draft enabled: false, in the worker', () => {
  it('refuses ai/draft without calling Chatwoot; allowed again, it asks', async () => {
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, chatwootUrl: 'https://chat.example.org' });
    await fakeBrowser.storage.managed.set({ aiDraftEnabled: false });
    await refreshManagedSettings();
    const db = new DecisionsDb(`managed-ai-${crypto.randomUUID()}`);
    const kv = tableKv(db.kv);
    const credentials = new Credentials(kv);
    const outbox = new Outbox({ db, kv, credentials, api: async () => new FakeChatwoot() });
    const h = createHandlers({ credentials, outbox, db, kv, health: new Health(kv) });
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    try {
      const draft = { accountId: 1, conversationId: 7 };
      expect(await h['ai/draft'](draft, {})).toMatchObject({
        ok: false,
        error: { kind: 'ai_disabled' },
      });
      expect(fetchSpy).not.toHaveBeenCalled();
      await managedSnapshotItem.setValue({ aiDraftEnabled: true });
      // No origin granted in the fake browser: it gets as far as asking, and is refused there.
      const allowed = await h['ai/draft'](draft, {});
      expect(allowed).toMatchObject({ ok: false });
      expect(allowed.ok || allowed.error.kind).not.toBe('ai_disabled');
    } finally {
      fetchSpy.mockRestore();
    }
  });
});

describe('approvals enabled: false, in the worker', () => {
  let n = 0;
  function handlers() {
    const db = new DecisionsDb(`managed-${n++}`);
    const kv = tableKv(db.kv);
    const credentials = new Credentials(kv);
    const chatwoot = new FakeChatwoot();
    const outbox = new Outbox({ db, kv, credentials, api: async () => chatwoot, random: () => 0 });
    const health = new Health(kv);
    return {
      db,
      chatwoot,
      h: createHandlers({ credentials, outbox, db, kv, health, onSample: health.record }),
    };
  }
  const approve: ActionInput = {
    action: 'chatwoot.approve_send',
    requestId: '5b3c3f4e-2f1a-4c55-9b7e-1f2a3b4c5d6e',
    accountId: 1,
    conversationId: 7,
    replyBody: 'Hi Ana, thanks for your patience.',
    suggestedTemplate: 'ack_delay',
    suggestedBody: 'Hi Ana, thanks for your patience.',
    note: null,
    customerName: 'Ana',
  };

  it('refuses Approve & Send, and nothing is logged or sent', async () => {
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, chatwootUrl: 'https://chat.example.org' });
    await fakeBrowser.storage.managed.set({ approvalsEnabled: false });
    await refreshManagedSettings();
    const { h, db, chatwoot } = handlers();
    const result = await h['action/submit'](approve, {});
    expect(result).toMatchObject({ ok: false, error: { kind: 'approvals_disabled' } });
    expect(await db.decisions.count()).toBe(0);
    expect(chatwoot.calls).toEqual([]);
  });

  it('still escalates; and approves once the policy allows it', async () => {
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, chatwootUrl: 'https://chat.example.org' });
    await managedSnapshotItem.setValue({ approvalsEnabled: false });
    const { h, db } = handlers();
    const escalated = await h['action/submit'](
      {
        action: 'chatwoot.escalate',
        requestId: '6b3c3f4e-2f1a-4c55-9b7e-1f2a3b4c5d6e',
        accountId: 1,
        conversationId: 7,
        reason: 'policy_exception',
        note: null,
        customerLastMessage: null,
        slaSummary: 'P1',
      },
      {},
    );
    expect(escalated.ok).toBe(true);
    await managedSnapshotItem.setValue({ approvalsEnabled: true });
    const approved = await h['action/submit'](approve, {});
    expect(approved.ok).toBe(true);
    expect(approved.ok && (await getDecision(db, approved.value.id))?.action).toBe(
      'chatwoot.approve_send',
    );
  });
});
