import { describe, expect, it } from 'vitest';
import {
  FALLBACK_AGENT,
  agentName,
  renderLibraryTemplate,
} from '../../../lib/sop/templates/templates';
import {
  builtInFor,
  cuePattern,
  defaultLibrary,
  normaliseLibrary,
  templateIssues,
  templateKey,
  type LibraryTemplate,
  type TemplateLibrary,
} from '../../../lib/sop/templates/library';
import { suggestFromLibrary, suggestReply } from './cues-fixture';
import {
  PREVIEW_CONTEXT,
  cannedStatus,
  cannedToBody,
  importCanned,
  newTemplateId,
  parseCues,
  refreshImported,
  removeTemplate,
  upsertTemplate,
  type CannedResponse,
} from '../../../lib/sop/templates/library-edit';
import { TEMPLATES } from '../../../lib/sop/templates/templates';
import { foldText } from '../../../lib/sop/suggest/text';
import type { SopMessage } from '../../../lib/sop/wire';
import { SUGGEST_CORPUS } from './suggest-corpus';

let nextId = 1;
const T0 = 1_767_225_600;
function msg(message_type: number, content: string, extra: Partial<SopMessage> = {}): SopMessage {
  const id = nextId++;
  return { id, content, message_type, private: false, created_at: T0 + id * 60, ...extra };
}
const customer = (text: string) => msg(0, text);
const agent = (text: string) => msg(1, text);
const note = (text: string) => msg(1, text, { private: true });

function custom(label: string, body: string, cues: string[], language: 'en' | 'fr' = 'en') {
  return { id: `custom:${label}`, label, body, language, cues } satisfies LibraryTemplate;
}
function withTemplates(...templates: LibraryTemplate[]): TemplateLibrary {
  return templates.reduce((library, t) => upsertTemplate(library, t), defaultLibrary());
}
const storeHours = custom(
  'Store hours',
  'Hi {{name}}, our stores open 10:00 to 19:00, Monday to Saturday. {{agent}}',
  ['opening hours', 'store hours'],
);
const giftCard = custom('Gift card', 'Hi {{name}}, gift cards never expire.', ['gift card']);
const giftCardBalance = custom('Gift card balance', 'Hi {{name}}, your balance is online.', [
  'gift card balance',
]);

describe('the default library (docs/PRODUCT.md "Templates")', () => {
  const library = defaultLibrary();

  it('holds the three built-ins in English, word for word, and French versions; French off', () => {
    expect(library.frenchTemplates).toBe(false);
    expect(library.templates.map(templateKey)).toEqual([
      'ack_delay|en',
      'ship_update|en',
      'refund_offer|en',
      'ack_delay|fr',
      'ship_update|fr',
      'refund_offer|fr',
    ]);
    for (const id of ['ack_delay', 'ship_update', 'refund_offer'] as const) {
      const en = library.templates.find((t) => t.id === id && t.language === 'en');
      expect(en).toMatchObject({ label: TEMPLATES[id].label, body: TEMPLATES[id].body });
      expect(en?.builtIn).toBe(true);
    }
    expect(library.templates.find((t) => t.id === 'refund_offer')?.body).toBe(
      "I'm sorry for the trouble, {{name}}. I can refund this immediately or offer store credit\u2014let me know what works best.",
    );
  });

  it('has French versions that say "vous", use {{name}} and pass validation', () => {
    for (const t of library.templates) expect(templateIssues(t, library)).toEqual([]);
    for (const t of library.templates.filter((x) => x.language === 'fr')) {
      expect(t.body).toMatch(/\b(?:vous|votre)\b/i);
      expect(t.body).not.toMatch(/\btu\b|\bton\b|\bta\b/);
      expect(t.body).toContain('{{name}}');
    }
  });
});

describe('templateIssues: what a lead is told before saving', () => {
  const library = withTemplates(storeHours);
  it.each([
    ['a valid template with both variables', storeHours, []],
    [
      'an unknown variable, named',
      custom('Order', 'Your order {{order_id}} left, {{name}}.', []),
      [{ field: 'body', code: 'unknown_variable', variable: 'order_id' }],
    ],
    [
      "Chatwoot's own variable, named",
      custom('Hello', 'Hello {{contact.email}}', []),
      [{ field: 'body', code: 'unknown_variable', variable: 'contact.email' }],
    ],
    [
      'an unclosed variable',
      custom('Hello', 'Hello {{name', []),
      [{ field: 'body', code: 'unmatched_braces' }],
    ],
    [
      'an empty label and body',
      custom('  ', '  ', []),
      [
        { field: 'label', code: 'label_empty' },
        { field: 'body', code: 'body_empty' },
      ],
    ],
    [
      'a label another template of the same language has (any case, any accents)',
      { ...custom('x', 'Hi', []), id: 'custom:other', label: 'STORE HOURS' },
      [{ field: 'label', code: 'label_taken' }],
    ],
    [
      'a cue word another template has, naming it',
      custom('Opening', 'Hi', ['Opening Hours']),
      [{ field: 'cues', code: 'cue_taken', cue: 'Opening Hours', by: 'Store hours' }],
    ],
    [
      'a cue with no word',
      custom('Dots', 'Hi', ['...']),
      [{ field: 'cues', code: 'cue_no_word', cue: '...' }],
    ],
  ] as const)('%s', (_what, template, expected) => {
    expect(templateIssues(template, library)).toEqual(expected);
  });

  it('lets the English and French versions of one built-in share a cue word', () => {
    let lib = defaultLibrary();
    const en = { ...builtInFor(lib, 'ship_update', 'en'), cues: ['colissimo'] };
    lib = upsertTemplate(lib, en);
    const fr = { ...lib.templates.find((t) => templateKey(t) === 'ship_update|fr')! };
    expect(templateIssues({ ...fr, cues: ['Colissimo'] }, lib)).toEqual([]);
  });

  it('checks a saved template against the others, not against itself', () => {
    expect(templateIssues({ ...storeHours, cues: ['store hours'] }, library)).toEqual([]);
  });
});

describe('cue words', () => {
  it.each([
    ['opening hours, store hours', ['opening hours', 'store hours']],
    ['  gift   card ;Gift Card\n voucher ', ['gift card', 'voucher']],
    [',,', []],
  ])('parseCues(%j) → %j', (input, expected) => {
    expect(parseCues(input)).toEqual(expected);
  });

  it.each([
    ['gift card', 'My Gift Cards do not work', true],
    ['gift card', 'my gift-card', false],
    ['card', 'I love this cardigan', false],
    ['colis', 'envoyé en colissimo', false],
    ['colis', 'mes COLIS', true],
    ['rembours*', 'Je veux être remboursée', true],
    ['opening hours', 'your OPENING\n  hours?', true],
    ['délai', 'quel est le delai ?', true],
    ['c++', 'I use C++ daily', true],
    ['a.b', 'axb', false],
  ] as const)('%j in %j: %s', (cue, text, expected) => {
    expect(cuePattern(cue)!.test(foldText(text).text)).toBe(expected);
  });
});

describe('suggestFromLibrary: which template, and the cue that chose it', () => {
  type Case = [
    name: string,
    messages: () => SopMessage[],
    library: TemplateLibrary,
    templateId: string,
    reason: string,
    cue: RegExp,
  ];
  const cases: Case[] = [
    [
      'a team cue in the latest message beats the default ack_delay',
      () => [customer('Hi, what are your opening hours in Paris?')],
      withTemplates(storeHours),
      'custom:Store hours',
      'team_cue',
      /^Team cue "opening hours" in the customer's latest message \(template "Store hours"\)$/,
    ],
    [
      'a team cue beats a built-in cue in the same message',
      () => [customer('Where is my parcel? I paid with a gift card.')],
      withTemplates(giftCard),
      'custom:Gift card',
      'team_cue',
      /"gift card"/,
    ],
    [
      'a built-in cue in a newer message beats a team cue in an older one',
      () => [
        customer('Can I pay with a gift card?'),
        agent('Yes.'),
        customer('Where is my parcel?'),
      ],
      withTemplates(giftCard),
      'ship_update',
      'cue',
      /^Shipping\/delivery cue "[^"]*parcel" in the customer's latest message$/,
    ],
    [
      'a team cue in a newer message beats a built-in cue in an older one',
      () => [customer('My parcel is late.'), agent('Sorry!'), customer('Also, store hours?')],
      withTemplates(storeHours),
      'custom:Store hours',
      'team_cue',
      /"store hours" in the customer's latest message/,
    ],
    [
      'an older team cue decides when newer messages have no cue at all',
      () => [customer('What are your opening hours?'), customer('Hello??')],
      withTemplates(storeHours),
      'custom:Store hours',
      'team_cue',
      /in an earlier customer message/,
    ],
    [
      'the longest team cue in one message wins',
      () => [customer('What is my gift card balance?')],
      withTemplates(giftCard, giftCardBalance),
      'custom:Gift card balance',
      'team_cue',
      /"gift card balance"/,
    ],
    [
      '"no need for" a team cue is no cue',
      () => [customer('No need for a gift card, thanks. Is my invoice ready?')],
      withTemplates(giftCard),
      'ack_delay',
      'default',
      /No shipping or refund cue/,
    ],
    [
      'team cues in agent replies and private notes do not count',
      () => [customer('Hello?'), agent('Our opening hours are on the site'), note('store hours')],
      withTemplates(storeHours),
      'ack_delay',
      'default',
      /No shipping or refund cue/,
    ],
    [
      'a template with an unknown variable is never suggested',
      () => [customer('What are your opening hours?')],
      withTemplates({ ...storeHours, body: 'Open {{hours}}' }),
      'ack_delay',
      'default',
      /No shipping or refund cue/,
    ],
    [
      'a team cue added to a built-in suggests that built-in, saying so',
      () => [customer('Mon envoi Colissimo ?')],
      withTemplates({ ...builtInFor(defaultLibrary(), 'ship_update', 'en'), cues: ['colissimo'] }),
      'ship_update',
      'team_cue',
      /^Team cue "Colissimo" .*\(template "Shipping updated"\)$/,
    ],
    [
      'with no team cue, the built-in rules decide as before',
      () => [customer('I want a refund, it arrived broken.')],
      withTemplates(storeHours),
      'refund_offer',
      'cue',
      /^Refund\/return cue/,
    ],
    [
      'a label still decides when no message has a cue',
      () => [customer('Any update please?')],
      withTemplates(storeHours),
      'ship_update',
      'label',
      /label "shipping"/,
    ],
  ];
  it.each(cases)('%s', (name, messages, library, templateId, reason, cue) => {
    const labels = name.startsWith('a label') ? ['shipping'] : [];
    const got = suggestFromLibrary({ messages: messages(), labels }, library);
    expect(got?.templateId).toBe(templateId);
    expect(got?.template.id).toBe(templateId);
    expect(got?.reason).toBe(reason);
    expect(got?.cue).toMatch(cue);
  });

  it('is null when the customer has written nothing, as the built-in rules', () => {
    expect(suggestFromLibrary({ messages: [agent('Hello')] }, withTemplates(storeHours))).toBe(
      null,
    );
  });

  describe('French conversations', () => {
    const french = () => [customer('Bonjour, où est mon colis ? Merci')];
    it.each([
      ['French templates off: the English version', false, 'en'],
      ['French templates on: the French version', true, 'fr'],
    ] as const)('%s', (_name, frenchTemplates, language) => {
      const got = suggestFromLibrary(
        { messages: french() },
        { ...defaultLibrary(), frenchTemplates },
      );
      expect(got?.language).toBe('fr');
      expect(got?.templateId).toBe('ship_update');
      expect(got?.template.language).toBe(language);
    });

    it('an English conversation keeps English with French on', () => {
      const got = suggestFromLibrary(
        { messages: [customer('Where is my parcel?')] },
        { ...defaultLibrary(), frenchTemplates: true },
      );
      expect(got?.template.language).toBe('en');
    });

    it('a French version broken by hand falls back to English', () => {
      const library = { ...defaultLibrary(), frenchTemplates: true };
      const fr = library.templates.find((t) => templateKey(t) === 'ship_update|fr')!;
      const broken = upsertTemplate(library, { ...fr, body: 'Bonjour {{prenom}}' });
      expect(suggestFromLibrary({ messages: french() }, broken)?.template.language).toBe('en');
    });

    it('an edited English built-in is what is suggested', () => {
      const en = builtInFor(defaultLibrary(), 'ack_delay', 'en');
      const library = withTemplates({ ...en, body: 'Hello {{name}}, we are on it. {{agent}}' });
      const got = suggestFromLibrary({ messages: [customer('Hi')] }, library);
      expect(
        got && renderLibraryTemplate(got.template, { customerName: 'Jo', agentName: 'Dana' }),
      ).toBe('Hello Jo, we are on it. Dana');
    });
  });

  it('with the default library, chooses exactly as the built-in rules on the whole corpus', () => {
    const library = defaultLibrary();
    const differ = SUGGEST_CORPUS.filter((entry) => {
      const input = { messages: [customer(entry.text)], labels: [] };
      const ours = suggestFromLibrary(input, library);
      const theirs = suggestReply(input);
      return ours?.templateId !== theirs?.templateId || ours?.cue !== theirs?.cue;
    });
    expect(SUGGEST_CORPUS.length).toBeGreaterThan(1000);
    expect(differ.map((e) => e.text)).toEqual([]);
  });
});

describe('rendering', () => {
  it.each([
    ['both variables', { customerName: 'Jane Doe', agentName: 'Dana' }, 'Hi Jane Doe. Dana'],
    ['no contact name', { customerName: null, agentName: 'Dana' }, 'Hi Customer. Dana'],
    ['no operator', {}, `Hi Customer. ${FALLBACK_AGENT.en}`],
    [
      'an operator known only by email',
      { agentName: 'dana@acme.test' },
      'Hi Customer. Customer Support',
    ],
    [
      'markup stays text',
      { customerName: '<b>x</b>', agentName: ' Sam\n Lee ' },
      'Hi <b>x</b>. Sam Lee',
    ],
  ] as const)('%s', (_what, context, expected) => {
    expect(renderLibraryTemplate(custom('x', 'Hi {{name}}. {{ agent }}', []), context)).toBe(
      expected,
    );
  });

  it('signs French templates with the French fallback', () => {
    expect(agentName('', 'fr')).toBe('Le service client');
  });

  it('previews with a sample customer and agent', () => {
    expect(renderLibraryTemplate(storeHours, PREVIEW_CONTEXT)).toBe(
      'Hi Alex Martin, our stores open 10:00 to 19:00, Monday to Saturday. Sam',
    );
  });
});

describe('normaliseLibrary: what is stored or imported becomes a usable library', () => {
  it.each([
    ['nothing', undefined],
    ['garbage', { templates: 'x' }],
    ['a wrong version', { ...defaultLibrary(), version: 2 }],
  ])('%s → the defaults', (_what, value) => {
    expect(normaliseLibrary(value)).toEqual(defaultLibrary());
  });

  it('puts a missing built-in back, drops duplicates and keeps team templates', () => {
    const library = defaultLibrary();
    const value = {
      ...library,
      frenchTemplates: true,
      templates: [
        ...library.templates.filter((t) => templateKey(t) !== 'refund_offer|fr'),
        storeHours,
        { ...storeHours, label: 'dup' },
      ],
    };
    const got = normaliseLibrary(value);
    expect(got.frenchTemplates).toBe(true);
    expect(got.templates.filter((t) => t.id === storeHours.id)).toEqual([storeHours]);
    expect(got.templates.find((t) => templateKey(t) === 'refund_offer|fr')?.builtIn).toBe(true);
    expect(got.templates).toHaveLength(7);
  });

  it('a built-in cannot be removed, a team template can', () => {
    const library = withTemplates(storeHours);
    expect(removeTemplate(library, 'ack_delay|en').templates).toHaveLength(7);
    expect(removeTemplate(library, templateKey(storeHours)).templates).toHaveLength(6);
  });

  it('an edit that changes a team template’s language replaces it where it was', () => {
    const library = withTemplates(storeHours, giftCard);
    const edited = upsertTemplate(
      library,
      { ...storeHours, language: 'fr' },
      templateKey(storeHours),
    );
    expect(edited.templates.map(templateKey).slice(-2)).toEqual([
      'custom:Store hours|fr',
      'custom:Gift card|en',
    ]);
  });

  it('gives new templates readable, unique ids', () => {
    const library = withTemplates({ ...storeHours, id: 'custom:store-hours' });
    expect(newTemplateId('Store hours', library)).toBe('custom:store-hours-2');
    expect(newTemplateId('Délai de livraison !', library)).toBe('custom:delai-de-livraison');
    expect(newTemplateId('!!!', library)).toBe('custom:template');
  });
});

describe('canned responses from Chatwoot (docs/CHATWOOT.md §6)', () => {
  const canned = (
    id: number,
    shortCode: string,
    content: string,
    updatedAt = '2026-01-01T00:00:00Z',
  ) => ({ id, shortCode, content, updatedAt }) satisfies CannedResponse;
  const greeting = canned(4, 'greeting', 'Hello {{contact.name}}, how can I help you today?');
  const livraison = canned(
    5,
    'livraison_fr',
    'Bonjour {{ contact.name }}, votre colis est chez notre transporteur.',
  );
  const email = canned(9, 'email', 'We wrote to {{contact.email}}, {{contact.name}}.');

  it.each([
    ['Hello {{contact.name}}', 'Hello {{name}}'],
    ['Thanks, {{agent.name}} / {{ agent.first_name }}', 'Thanks, {{agent}} / {{agent}}'],
    ['{{contact.phone_number}}', '{{contact.phone_number}}'],
  ])('cannedToBody(%j) → %j', (content, body) => {
    expect(cannedToBody(content)).toBe(body);
  });

  it('adds picked responses by short code, guessing the language, with no cue words yet', () => {
    const { library, added } = importCanned(defaultLibrary(), [greeting, livraison]);
    expect(added.map((t) => [t.id, t.label, t.language, t.body, t.cues])).toEqual([
      ['canned:4', 'greeting', 'en', 'Hello {{name}}, how can I help you today?', []],
      [
        'canned:5',
        'livraison_fr',
        'fr',
        'Bonjour {{name}}, votre colis est chez notre transporteur.',
        [],
      ],
    ]);
    expect(library.templates).toHaveLength(8);
    expect(cannedStatus(greeting, library)).toMatchObject({ kind: 'imported' });
    // Importing again adds nothing.
    expect(importCanned(library, [greeting]).added).toEqual([]);
  });

  it('refuses a response with a variable we cannot fill, naming it', () => {
    expect(cannedStatus(email, defaultLibrary())).toEqual({
      kind: 'invalid',
      issues: [{ field: 'body', code: 'unknown_variable', variable: 'contact.email' }],
    });
    expect(importCanned(defaultLibrary(), [email]).added).toEqual([]);
  });

  it('labels a response whose short code is already a label so both can be told apart', () => {
    const lib = withTemplates(custom('greeting', 'Hi', []));
    expect(importCanned(lib, [greeting]).added[0]?.label).toBe('greeting (Chatwoot)');
  });

  it('refresh: changed in Chatwoot → new body; gone → kept and reported; unknown variable → not updated', () => {
    let { library } = importCanned(defaultLibrary(), [
      greeting,
      livraison,
      canned(6, 'bye', 'Bye'),
    ]);
    // The lead gave the greeting cue words and a label: a refresh keeps them.
    const mine = library.templates.find((t) => t.id === 'canned:4')!;
    library = upsertTemplate(library, { ...mine, label: 'Greeting', cues: ['hello'] });
    const now = [
      {
        ...greeting,
        content: 'Hi {{contact.name}}! What can I do for you?',
        updatedAt: '2026-02-01T00:00:00Z',
      },
      { ...livraison, content: 'Bonjour {{contact.first_name}}' },
    ];
    const result = refreshImported(library, now);
    expect(
      result.changed.map((c) => [c.template.label, c.before, c.template.body, c.template.cues]),
    ).toEqual([
      [
        'Greeting',
        'Hello {{name}}, how can I help you today?',
        'Hi {{name}}! What can I do for you?',
        ['hello'],
      ],
    ]);
    expect(result.missing.map((t) => t.id)).toEqual(['canned:6']);
    expect(result.invalid).toEqual([
      {
        template: expect.objectContaining({ id: 'canned:5' }),
        issues: [{ field: 'body', code: 'unknown_variable', variable: 'contact.first_name' }],
      },
    ]);
    expect(result.library.templates.find((t) => t.id === 'canned:5')?.body).toBe(
      'Bonjour {{name}}, votre colis est chez notre transporteur.',
    );
    // A second refresh finds nothing new.
    expect(refreshImported(result.library, now).changed).toEqual([]);
  });

  it('refresh: a local edit is kept while Chatwoot has not changed its text', () => {
    let { library } = importCanned(defaultLibrary(), [greeting]);
    const mine = library.templates.find((t) => t.id === 'canned:4')!;
    library = upsertTemplate(library, { ...mine, body: 'Hello {{name}}! {{agent}}' });
    const result = refreshImported(library, [{ ...greeting, updatedAt: '2026-03-01T00:00:00Z' }]);
    expect(result.changed).toEqual([]);
    const after = result.library.templates.find((t) => t.id === 'canned:4');
    expect(after?.body).toBe('Hello {{name}}! {{agent}}');
    expect(after?.source?.updatedAt).toBe('2026-03-01T00:00:00Z');
  });
});
