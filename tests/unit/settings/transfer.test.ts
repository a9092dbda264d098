import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../../lib/settings/settings';
import { SLA_MAX, validateSettingsForm, type SettingsFormInput } from '../../../lib/settings/form';
import {
  buildSettingsFile,
  parseSettingsFile,
  planImport,
  settingsFileName,
  SETTINGS_FILE_MAX_BYTES,
} from '../../../lib/settings/transfer';
import { defaultLibrary, type TemplateLibrary } from '../../../lib/sop/templates/library';
import { upsertTemplate } from '../../../lib/sop/templates/library-edit';

const now = new Date('2026-11-27T10:00:00Z');
const settings: Settings = {
  ...DEFAULT_SETTINGS,
  chatwootUrl: 'https://chat.acme.org',
  authMode: 'token',
  slaMinutes: 45,
  slaClock: 'created',
  locale: 'fr',
  mockMode: false,
  mockFailure: 'send_refused',
};

describe('settings export', () => {
  it('has the settings and the template library, and never a credential', () => {
    const file = buildSettingsFile(settings, defaultLibrary(), now);
    expect(file).toMatchObject({
      kind: 'cx-escalations-settings',
      version: 1,
      exportedAt: '2026-11-27T10:00:00.000Z',
      settings: {
        chatwootUrl: 'https://chat.acme.org',
        authMode: 'token',
        slaMinutes: 45,
        slaClock: 'created',
        locale: 'fr',
        mockMode: false,
      },
    });
    expect(file.templates?.templates).toHaveLength(6);
    // A whitelist: a trainer's scripted failure is not a setting to copy; no token key at all.
    expect(Object.keys(file.settings).sort()).toEqual([
      'authMode',
      'chatwootUrl',
      'locale',
      'mockMode',
      'slaClock',
      'slaMinutes',
    ]);
    expect(JSON.stringify(file)).not.toMatch(/token"\s*:|secret|password/i);
    expect(settingsFileName(now)).toBe('cx-escalations-settings-2026-11-27.json');
  });

  it('round-trips: what is exported imports to the same settings and templates', () => {
    const library = upsertTemplate(defaultLibrary(), {
      id: 'custom:vip',
      label: 'VIP apology',
      body: 'Dear {{name}}, we are on it.',
      language: 'en',
      cues: ['vip'],
    });
    const text = JSON.stringify(buildSettingsFile(settings, library, now), null, 2);
    const parsed = parseSettingsFile(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const plan = planImport(parsed.file, {});
    expect(plan.patch).toEqual({
      chatwootUrl: 'https://chat.acme.org',
      authMode: 'token',
      slaMinutes: 45,
      slaClock: 'created',
      locale: 'fr',
      mockMode: false,
    });
    expect(plan.templates).toEqual(library);
    expect(plan.lockedKeys).toEqual([]);
  });

  it('null templates (the shipped ones) stay null; a file without templates leaves them alone', () => {
    const withNull = parseSettingsFile(JSON.stringify(buildSettingsFile(settings, null, now)));
    expect(withNull.ok && planImport(withNull.file, {}).templates).toBeNull();
    const partial = parseSettingsFile(
      JSON.stringify({ kind: 'cx-escalations-settings', version: 1, settings: { slaMinutes: 20 } }),
    );
    expect(partial.ok && planImport(partial.file, {})).toEqual({
      patch: { slaMinutes: 20 },
      lockedKeys: [],
      templatesManaged: false,
    });
  });
});

describe('settings transfer and a library set by policy (managed key `templates`)', () => {
  const managed = {
    templates: { ...defaultLibrary(), frenchTemplates: true },
  };
  const file = (templates: TemplateLibrary | null | undefined) => {
    const parsed = parseSettingsFile(JSON.stringify(buildSettingsFile(settings, templates, now)));
    if (!parsed.ok) throw new Error(parsed.problem);
    return parsed.file;
  };

  it.each<[string, TemplateLibrary | null | undefined, boolean, boolean]>([
    ['a file with templates: skipped, and said', defaultLibrary(), true, true],
    ['a file resetting to the shipped ones: skipped, and said', null, true, true],
    ['a file without templates: nothing to skip', undefined, true, false],
    ['no policy: imported', defaultLibrary(), false, false],
  ])('%s', (_name, templates, withPolicy, skipped) => {
    const plan = planImport(file(templates), withPolicy ? managed : {});
    expect(plan.templatesManaged).toBe(skipped);
    expect('templates' in plan).toBe(!withPolicy && templates !== undefined);
    // The rest of the file still applies.
    expect(plan.patch).toMatchObject({ slaMinutes: 45, locale: 'fr' });
  });

  it('the export leaves the templates out when a policy sets them (the page passes undefined)', () => {
    const text = JSON.stringify(buildSettingsFile(settings, undefined, now));
    expect(JSON.parse(text)).not.toHaveProperty('templates');
    expect(parseSettingsFile(text).ok).toBe(true);
  });
});

describe('settings import: a clear reason, nothing applied', () => {
  const base = { kind: 'cx-escalations-settings', version: 1, settings: {} };
  it.each<[string, string, { problem: string; detail?: string }]>([
    ['not JSON', '{"kind": ', { problem: 'not_json' }],
    ['a CSV', 'id,action\n1,approve', { problem: 'not_json' }],
    [
      'another JSON file',
      JSON.stringify({ name: 'package' }),
      { problem: 'invalid', detail: 'kind' },
    ],
    [
      'a newer version',
      JSON.stringify({ ...base, version: 2 }),
      { problem: 'invalid', detail: 'version' },
    ],
    [
      'SLA out of range',
      JSON.stringify({ ...base, settings: { slaMinutes: SLA_MAX + 1 } }),
      { problem: 'invalid', detail: 'settings.slaMinutes' },
    ],
    [
      'a token slipped in',
      JSON.stringify({ ...base, settings: { token: 'abc' } }),
      { problem: 'invalid', detail: 'settings.token' },
    ],
    [
      'a javascript: URL',
      JSON.stringify({ ...base, settings: { chatwootUrl: 'javascript:alert(1)' } }),
      { problem: 'invalid', detail: 'settings.chatwootUrl' },
    ],
    [
      'broken templates',
      JSON.stringify({ ...base, templates: { version: 1 } }),
      { problem: 'invalid', detail: 'templates.frenchTemplates' },
    ],
  ])('%s', (_name, text, expected) => {
    const parsed = parseSettingsFile(text);
    expect(parsed.ok).toBe(false);
    expect(parsed).toMatchObject(expected);
  });

  it('accepts a byte-order mark; refuses an absurdly large file', () => {
    expect(parseSettingsFile(`\uFEFF${JSON.stringify(base)}`).ok).toBe(true);
    expect(parseSettingsFile(' '.repeat(SETTINGS_FILE_MAX_BYTES + 1))).toEqual({
      ok: false,
      problem: 'too_big',
    });
  });

  it('keeps what the administrator set, and says which', () => {
    const parsed = parseSettingsFile(
      JSON.stringify({
        ...base,
        settings: {
          chatwootUrl: 'https://other.example.org',
          slaMinutes: 10,
          slaClock: 'created',
          mockMode: true,
          locale: 'en',
        },
      }),
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const plan = planImport(parsed.file, {
      chatwootUrl: 'https://chat.acme.org',
      slaMinutes: 10, // the same value: nothing to report
      slaClock: 'waiting',
      mockModeAllowed: false,
    });
    expect(plan.patch).toEqual({ slaMinutes: 10, locale: 'en' });
    expect(plan.lockedKeys).toEqual(['chatwootUrl', 'slaClock', 'mockMode']);
  });
});

describe('the options form, field by field', () => {
  const ok: SettingsFormInput = {
    url: 'https://chat.acme.org',
    authMode: 'session',
    token: '',
    slaMinutes: '30',
  };
  it.each<[string, Partial<SettingsFormInput>, object]>([
    ['all good', {}, {}],
    ['a host alone is a web address', { url: 'chat.acme.org' }, {}],
    ['URL empty', { url: '  ' }, { url: 'empty' }],
    ['URL not a web address', { url: 'javascript:alert(9)' }, { url: 'invalid' }],
    ['URL a file', { url: 'file:///etc/passwd' }, { url: 'invalid' }],
    ['URL with a space', { url: 'chat example' }, { url: 'invalid' }],
    ['an intranet host over https', { url: 'https://cx_chat.corp:3000' }, {}],
    // Plain http:// would carry the session headers readable on the way: this machine only.
    ['an intranet host over plain http', { url: 'http://cx_chat.corp:3000' }, { url: 'insecure' }],
    ['a public host over plain http', { url: 'http://chat.acme.org' }, { url: 'insecure' }],
    ['localhost over plain http (a test server)', { url: 'http://localhost:3000' }, {}],
    ['127.0.0.1 over plain http', { url: 'http://127.0.0.1:3000' }, {}],
    ['an IPv6 host', { url: 'http://[::1]:3000' }, {}],
    ['URL markup', { url: '<img src=x onerror=alert(1)>' }, { url: 'invalid' }],
    ['token mode without a token', { authMode: 'token', token: ' ' }, { token: 'empty' }],
    ['token mode with a token', { authMode: 'token', token: 'abc' }, {}],
    ['session mode ignores the token', { token: '' }, {}],
    ['SLA 0', { slaMinutes: '0' }, { slaMinutes: 'invalid' }],
    ['SLA 1', { slaMinutes: '1' }, {}],
    ['SLA 1440', { slaMinutes: '1440' }, {}],
    ['SLA 1441', { slaMinutes: '1441' }, { slaMinutes: 'invalid' }],
    ['SLA 12.5', { slaMinutes: '12.5' }, { slaMinutes: 'invalid' }],
    ['SLA empty', { slaMinutes: '' }, { slaMinutes: 'invalid' }],
    [
      'everything wrong at once',
      { url: '', authMode: 'token', slaMinutes: 'x' },
      { url: 'empty', token: 'empty', slaMinutes: 'invalid' },
    ],
  ])('%s', (_name, patch, expected) => {
    expect(validateSettingsForm({ ...ok, ...patch })).toEqual(expected);
  });
});
