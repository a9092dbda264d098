import { describe, expect, it } from 'vitest';
import type { ApiErrorKind } from '../../../lib/chatwoot/errors';
import {
  defaultLibrary,
  templateKey,
  type LibraryTemplate,
  type TemplateLibrary,
} from '../../../lib/sop/templates/library';
import { suggestFromLibrary } from './cues-fixture';
import { upsertTemplate } from '../../../lib/sop/templates/library-edit';
import {
  accountRole,
  effectiveLibrary,
  libraryAccess,
  parseManagedLibrary,
  type LibraryAccess,
  type ManagedLibraryProblem,
  type RoleCheck,
} from '../../../lib/sop/templates/library-policy';
import type { SopMessage } from '../../../lib/sop/wire';

// Issue 10: a library an administrator locks through Chrome policy, and "editable by a lead"
// (an administrator of the Chatwoot account).

const storeHours: LibraryTemplate = {
  id: 'custom:store-hours',
  label: 'Store hours',
  body: 'Hi {{name}}, we open at 10:00. {{agent}}',
  language: 'en',
  cues: ['opening hours'],
};
const giftCard: LibraryTemplate = {
  id: 'custom:gift-card',
  label: 'Gift card',
  body: 'Hi {{name}}, gift cards never expire.',
  language: 'en',
  cues: ['gift card'],
};
const policy = (templates: unknown[], extra: Record<string, unknown> = {}) => ({
  version: 1,
  frenchTemplates: false,
  templates,
  ...extra,
});
const keys = (library: TemplateLibrary) => library.templates.map(templateKey);
const BUILT_IN_KEYS = keys(defaultLibrary());

describe('parseManagedLibrary: a value that is not a library leaves the shipped templates, locked', () => {
  it.each<[string, unknown, ManagedLibraryProblem]>([
    ['a string', '{"version":1}', { kind: 'unusable', code: 'not_object' }],
    ['a list', [storeHours], { kind: 'unusable', code: 'not_object' }],
    ['null', null, { kind: 'unusable', code: 'not_object' }],
    ['version 2', policy([storeHours], { version: 2 }), { kind: 'unusable', code: 'version' }],
    [
      'no version',
      { frenchTemplates: false, templates: [] },
      { kind: 'unusable', code: 'version' },
    ],
    [
      'frenchTemplates as a string',
      policy([storeHours], { frenchTemplates: 'yes' }),
      { kind: 'unusable', code: 'french' },
    ],
    ['templates not a list', policy([], { templates: {} }), { kind: 'unusable', code: 'list' }],
    [
      'more than 200 templates',
      policy(
        Array.from({ length: 201 }, (_, i) => ({
          ...storeHours,
          id: `custom:${i}`,
          label: `T${i}`,
        })),
      ),
      { kind: 'unusable', code: 'list' },
    ],
  ])('%s', (_name, raw, problem) => {
    const got = parseManagedLibrary(raw);
    expect(got.problems).toEqual([problem]);
    expect(got.library).toEqual(defaultLibrary());
  });
});

describe('parseManagedLibrary: the options page’s rules, template by template', () => {
  it('a valid library is used as it is, built-ins added back', () => {
    const got = parseManagedLibrary(policy([storeHours, giftCard], { frenchTemplates: true }));
    expect(got.problems).toEqual([]);
    expect(got.library.frenchTemplates).toBe(true);
    expect(keys(got.library)).toEqual([
      'custom:store-hours|en',
      'custom:gift-card|en',
      ...BUILT_IN_KEYS,
    ]);
    expect(got.library.templates[0]).toEqual(storeHours);
  });

  it('an edited built-in is the administrator’s version, still a built-in', () => {
    const ack = {
      id: 'ack_delay',
      label: 'Delay',
      body: 'Hello {{name}}, on it.',
      language: 'en',
      cues: ['late'],
    };
    const got = parseManagedLibrary(policy([ack]));
    expect(got.problems).toEqual([]);
    expect(got.library.templates.find((t) => t.id === 'ack_delay' && t.language === 'en')).toEqual({
      ...ack,
      builtIn: true,
    });
  });

  it('drops where a canned response came from: a policy library is not refreshed from Chatwoot', () => {
    const imported = {
      ...giftCard,
      source: { kind: 'canned', id: 4, shortCode: 'gift', updatedAt: null, content: 'x' },
    };
    const got = parseManagedLibrary(policy([imported]));
    expect(got.problems).toEqual([]);
    expect(got.library.templates[0]).toEqual(giftCard);
  });

  const hours = {
    ...storeHours,
    id: 'custom:hours',
    label: 'Hours',
    body: 'We open at {{hours}}.',
    cues: ['hours'],
  };
  it.each<[string, unknown[], string[], ManagedLibraryProblem[]]>([
    [
      'an unknown variable: that template is left out, named, the others stay',
      [storeHours, hours, giftCard],
      ['custom:store-hours|en', 'custom:gift-card|en'],
      [
        {
          kind: 'template',
          position: 2,
          label: 'Hours',
          problem: {
            code: 'issues',
            issues: [{ field: 'body', code: 'unknown_variable', variable: 'hours' }],
          },
        },
      ],
    ],
    [
      'a language other than en or fr',
      [{ ...storeHours, language: 'de' }],
      [],
      [
        {
          kind: 'template',
          position: 1,
          label: 'Store hours',
          problem: { code: 'field', field: 'language' },
        },
      ],
    ],
    [
      'cue words not a list',
      [giftCard, { ...storeHours, cues: 'opening hours' }],
      ['custom:gift-card|en'],
      [
        {
          kind: 'template',
          position: 2,
          label: 'Store hours',
          problem: { code: 'field', field: 'cues' },
        },
      ],
    ],
    [
      'not an object',
      ['Hi {{name}}'],
      [],
      [{ kind: 'template', position: 1, label: '', problem: { code: 'field', field: 'template' } }],
    ],
    [
      'an empty label',
      [{ ...storeHours, label: '  ' }],
      [],
      [
        {
          kind: 'template',
          position: 1,
          label: '',
          problem: { code: 'issues', issues: [{ field: 'label', code: 'label_empty' }] },
        },
      ],
    ],
    [
      'the same id and language twice: the second is left out',
      [storeHours, { ...storeHours, label: 'Hours again', cues: [] }],
      ['custom:store-hours|en'],
      [
        {
          kind: 'template',
          position: 2,
          label: 'Hours again',
          problem: { code: 'duplicate' },
        },
      ],
    ],
    [
      'one cue for two templates: both are left out (which one was meant is unclear)',
      [storeHours, { ...giftCard, cues: ['gift card', 'Opening hours'] }],
      [],
      [
        {
          kind: 'template',
          position: 1,
          label: 'Store hours',
          problem: {
            code: 'issues',
            issues: [{ field: 'cues', code: 'cue_taken', cue: 'opening hours', by: 'Gift card' }],
          },
        },
        {
          kind: 'template',
          position: 2,
          label: 'Gift card',
          problem: {
            code: 'issues',
            issues: [{ field: 'cues', code: 'cue_taken', cue: 'Opening hours', by: 'Store hours' }],
          },
        },
      ],
    ],
    [
      'an id longer than the stored schema allows',
      [{ ...storeHours, id: `custom:${'x'.repeat(130)}` }],
      [],
      [
        {
          kind: 'template',
          position: 1,
          label: 'Store hours',
          problem: { code: 'field', field: 'id' },
        },
      ],
    ],
  ])('%s', (_name, templates, teamKeys, problems) => {
    const got = parseManagedLibrary(policy(templates));
    expect(got.problems).toEqual(problems);
    expect(keys(got.library)).toEqual([...teamKeys, ...BUILT_IN_KEYS]);
  });

  it('a built-in with a broken text is left out and comes back as shipped', () => {
    const broken = {
      id: 'refund_offer',
      label: 'Refund',
      body: 'Refund {{amount}}',
      language: 'en',
      cues: [],
    };
    const got = parseManagedLibrary(policy([broken]));
    expect(got.problems).toHaveLength(1);
    expect(got.library).toEqual(defaultLibrary());
  });
});

describe('effectiveLibrary and the suggestion: the policy’s library wins', () => {
  let n = 1;
  const customer = (content: string): SopMessage => ({
    id: n++,
    content,
    message_type: 0,
    private: false,
    created_at: 1_767_225_600 + n * 60,
  });
  const mine = upsertTemplate(defaultLibrary(), { ...giftCard, cues: ['opening hours'] });
  const managed = parseManagedLibrary(policy([storeHours]));

  it.each<[string, TemplateLibrary | null, boolean, string]>([
    ['no policy: the user’s own library', mine, false, 'custom:gift-card'],
    ['a policy: its library, whatever the user saved', mine, true, 'custom:store-hours'],
    ['no policy, nothing saved: the shipped templates', null, false, 'ack_delay'],
  ])('%s', (_name, local, withPolicy, expected) => {
    const library = effectiveLibrary(local, withPolicy ? managed : null);
    const got = suggestFromLibrary(
      { messages: [customer('What are your opening hours on Sunday?')] },
      library,
    );
    expect(got?.templateId).toBe(expected);
  });
});

describe('who may edit (libraryAccess)', () => {
  const known = (role: 'administrator' | 'agent'): RoleCheck => ({
    state: 'known',
    role,
    accountName: 'Acme',
  });
  const failed = (kind: ApiErrorKind): RoleCheck => ({
    state: 'failed',
    error: { kind, detail: '' },
  });

  it.each<[string, boolean, RoleCheck, LibraryAccess]>([
    [
      'an administrator edits',
      false,
      known('administrator'),
      { editable: true, reason: 'administrator' },
    ],
    ['an agent reads', false, known('agent'), { editable: false, reason: 'agent' }],
    [
      'a policy locks it, even for an administrator',
      true,
      known('administrator'),
      { editable: false, reason: 'managed' },
    ],
    [
      'a policy locks it while the role is unknown',
      true,
      { state: 'checking' },
      { editable: false, reason: 'managed' },
    ],
    [
      'read-only while the role is being checked',
      false,
      { state: 'checking' },
      { editable: false, reason: 'checking' },
    ],
    ...(
      [
        'not_configured',
        'no_permission',
        'signed_out',
        'bad_token',
        'not_in_account',
        'not_chatwoot',
      ] as const
    ).map((kind): [string, boolean, RoleCheck, LibraryAccess] => [
      `not signed in (${kind}): read-only, sign in`,
      false,
      failed(kind),
      { editable: false, reason: 'not_signed_in', error: kind },
    ]),
    ...(['offline', 'timeout', 'server', 'rate_limited', 'unexpected'] as const).map(
      (kind): [string, boolean, RoleCheck, LibraryAccess] => [
        `Chatwoot unreachable (${kind}): read-only, try again`,
        false,
        failed(kind),
        { editable: false, reason: 'unreachable', error: kind },
      ],
    ),
  ])('%s', (_name, managed, check, expected) => {
    expect(libraryAccess(managed, check)).toEqual(expected);
  });

  it.each<[string | null | undefined, 'administrator' | 'agent']>([
    ['administrator', 'administrator'],
    ['agent', 'agent'],
    ['Administrator', 'agent'], // Chatwoot's enum is lower case; anything else is not trusted
    [null, 'agent'],
    [undefined, 'agent'],
  ])('Chatwoot role %s → %s', (role, expected) => {
    expect(accountRole(role)).toBe(expected);
  });
});
