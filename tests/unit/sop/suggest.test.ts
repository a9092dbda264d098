import { describe, expect, it } from 'vitest';
import type { TemplateId } from '../../../lib/sop/templates/templates';
import { RECENT_CUSTOMER_MESSAGES, detectLanguage } from '../../../lib/sop/suggest/suggest';
import { suggestReply } from './cues-fixture';
import type { SopMessage } from '../../../lib/sop/wire';
import { SUGGEST_CORPUS } from './suggest-corpus';

let nextId = 1;
const T0 = 1_767_225_600; // 2026-01-01T00:00:00Z, epoch seconds as Chatwoot sends them
/** A raw Chatwoot message: 0 incoming (customer), 1 outgoing (agent), 2 activity, 3 template. */
function msg(
  message_type: SopMessage['message_type'],
  content: string | null,
  extra: Partial<SopMessage> & Record<string, unknown> = {},
): SopMessage {
  const id = nextId++;
  return {
    id,
    content,
    message_type,
    private: false,
    created_at: T0 + id * 60,
    content_type: 'text',
    sender: { id: 9, name: 'Someone' },
    attachments: [],
    ...extra,
  } as SopMessage;
}
const customer = (content: string | null, extra: Partial<SopMessage> = {}) =>
  msg(0, content, extra);
const agent = (content: string, extra: Partial<SopMessage> = {}) => msg(1, content, extra);
const note = (content: string) => msg(1, content, { private: true });
const activity = (content: string) => msg(2, content);

// ── The earlier system's rule (docs/PRODUCT.md SOP-CX-002), kept here only as the baseline. ──
const OLD_SHIPPING = [
  'ship',
  'shipping',
  'delivery',
  'carrier',
  'tracking',
  'tracking number',
  'in transit',
  'delivered',
  'delayed delivery',
  'late delivery',
  'lost package',
  'delayed shipment',
];
const OLD_REFUND = [
  'refund',
  'return',
  'damage',
  'damaged',
  'broken',
  'defective',
  'replacement',
  'store credit',
  'exchange',
  'faulty',
  'warranty',
];
/** Lowercase substrings over every non-agent message, shipping checked first. */
function oldRule(messages: readonly SopMessage[]): TemplateId {
  const text = messages
    .filter((m) => m.message_type !== 1 && m.message_type !== 'outgoing')
    .map((m) => m.content ?? '')
    .join('\n')
    .toLowerCase();
  if (OLD_SHIPPING.some((cue) => text.includes(cue))) return 'ship_update';
  if (OLD_REFUND.some((cue) => text.includes(cue))) return 'refund_offer';
  return 'ack_delay';
}

describe('SOP-CX-002 suggested template on the hand-labelled corpus', () => {
  const results = SUGGEST_CORPUS.map((entry) => {
    const messages = [customer(entry.text)];
    const suggestion = suggestReply({ messages, labels: [] });
    return { entry, got: suggestion?.templateId, old: oldRule(messages), suggestion };
  });
  const accuracy = (pick: (r: (typeof results)[number]) => boolean, rows = results) =>
    rows.filter(pick).length / rows.length;

  it('has at least 200 messages, 80 of them French, covering all three templates', () => {
    expect(SUGGEST_CORPUS.length).toBeGreaterThanOrEqual(200);
    expect(SUGGEST_CORPUS.filter((e) => e.lang === 'fr').length).toBeGreaterThanOrEqual(80);
    for (const id of ['ack_delay', 'ship_update', 'refund_offer'] as const) {
      expect(SUGGEST_CORPUS.filter((e) => e.expected === id).length).toBeGreaterThan(100);
    }
    expect(new Set(SUGGEST_CORPUS.map((e) => e.text)).size).toBe(SUGGEST_CORPUS.length);
  });

  it('is right at least 97% of the time, far above the old substring rule', () => {
    const ours = accuracy((r) => r.got === r.entry.expected);
    const old = accuracy((r) => r.old === r.entry.expected);
    const fr = results.filter((r) => r.entry.lang === 'fr');
    const en = results.filter((r) => r.entry.lang === 'en');
    const traps = results.filter((r) => r.entry.trap !== undefined);
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
    console.info(
      [
        `suggestReply corpus accuracy: ${pct(ours)} of ${results.length}` +
          ` (EN ${pct(accuracy((r) => r.got === r.entry.expected, en))},` +
          ` FR ${pct(accuracy((r) => r.got === r.entry.expected, fr))},` +
          ` traps ${pct(accuracy((r) => r.got === r.entry.expected, traps))})`,
        `old substring rule:           ${pct(old)}` +
          ` (EN ${pct(accuracy((r) => r.old === r.entry.expected, en))},` +
          ` FR ${pct(accuracy((r) => r.old === r.entry.expected, fr))},` +
          ` traps ${pct(accuracy((r) => r.old === r.entry.expected, traps))})`,
        ...results
          .filter((r) => r.got !== r.entry.expected)
          .map((r) => `  miss: expected ${r.entry.expected}, got ${r.got}: ${r.entry.text}`),
      ].join('\n'),
    );
    expect(ours).toBeGreaterThanOrEqual(0.97);
    expect(old).toBeLessThan(0.75);
    expect(ours - old).toBeGreaterThan(0.25);
  });

  it('detects the language of every corpus message', () => {
    const wrong = results.filter((r) => r.suggestion?.language !== r.entry.lang);
    expect(wrong.map((r) => r.entry.text)).toEqual([]);
  });

  it('always names the words that decided a cue', () => {
    for (const { entry, suggestion } of results) {
      if (suggestion?.reason !== 'cue') continue;
      expect(suggestion.matchedText, entry.text).toBeTruthy();
      expect(entry.text.toLowerCase(), entry.text).toContain(
        (suggestion.matchedText ?? '').toLowerCase(),
      );
      expect(suggestion.cue).toContain(`"${suggestion.matchedText}"`);
    }
  });
});

describe('SOP-CX-002 single messages named in the runbook words', () => {
  it.each([
    [
      '"ship" inside "relationship" is no shipping cue',
      'Our relationship has been great, is my order confirmed?',
      'ack_delay',
    ],
    [
      '"returning customer" is no return cue',
      "I'm a returning customer, can I get a discount?",
      'ack_delay',
    ],
    [
      '"return the favour" is no return cue',
      'I want to return the favour and say thanks!',
      'ack_delay',
    ],
    [
      '"I\'ll return to this later" is no return cue',
      "I'll return to this later, is my invoice ready?",
      'ack_delay',
    ],
    [
      '"worship", "hardship", "membership", "shipshape" are no shipping cues',
      'Worship group here; hardship fund; membership is shipshape.',
      'ack_delay',
    ],
    [
      '"delivery" of a webinar is no shipping cue',
      'Great delivery of the webinar, where is the recording?',
      'ack_delay',
    ],
    ['a broken link is no defect', 'The link in your email is broken.', 'ack_delay'],
    [
      'praise of fast shipping is no shipping question',
      'Thanks for the fast shipping! Do you sell gift cards?',
      'ack_delay',
    ],
    [
      '"no need for a refund, just tell me where the parcel is" is shipping',
      'No need for a refund, just tell me where the parcel is',
      'ship_update',
    ],
    [
      '"my package arrived broken, I want a refund" is a refund',
      'My package arrived broken, I want a refund.',
      'refund_offer',
    ],
    [
      '"where is my refund? tracking says delivered" is a refund',
      'Where is my refund? Tracking says delivered.',
      'refund_offer',
    ],
    [
      'a wrong item shipped is a refund offer (runbook use case)',
      'You shipped the wrong item.',
      'refund_offer',
    ],
    [
      'a refund only threatened on delivery is shipping',
      "If it doesn't arrive by Friday I want a refund.",
      'ship_update',
    ],
    ['a parcel returned to sender is shipping', 'My parcel was returned to sender.', 'ship_update'],
    ['"où est mon colis" is shipping', 'Bonjour, où est mon colis ?', 'ship_update'],
    ['"remboursement" is a refund', 'Je veux un remboursement.', 'refund_offer'],
    ['accents are optional', 'colis pas recu, livraison en retard', 'ship_update'],
    ['"votre retour" is your reply, not a return', "J'attends votre retour.", 'ack_delay'],
    ['"de retour" is being back, not a return', 'Je serai de retour lundi.', 'ack_delay'],
    [
      '"je n\'arrive pas à" is I can\'t, not a delivery',
      "Je n'arrive pas à me connecter.",
      'ack_delay',
    ],
    [
      '"livre" (book) is not "livré"',
      "J'ai commandé un livre, puis-je ajouter un article ?",
      'ack_delay',
    ],
    ['"un avoir" is store credit', 'Je préfère un avoir.', 'refund_offer'],
    ['"merci d\'avoir" is not store credit', "Merci d'avoir répondu.", 'ack_delay'],
    ['order status with no cue is ack_delay', 'What is the status of my order?', 'ack_delay'],
  ] as const)('%s', (_name, text, expected) => {
    expect(suggestReply({ messages: [customer(text)], labels: [] })?.templateId).toBe(expected);
  });
});

describe('SOP-CX-002 conversations: the most recent customer intent wins', () => {
  type Case = [
    string,
    () => SopMessage[],
    string[],
    TemplateId | null,
    'cue' | 'label' | 'default' | null,
    number,
  ];
  // [name, messages, labels, template, reason, index of the deciding message (-1: latest customer)]
  const cases: Case[] = [
    [
      'a newer refund request beats an older shipping question',
      () => [
        customer('Where is my parcel?'),
        agent('Checking.'),
        customer('It arrived broken, I want a refund'),
      ],
      [],
      'refund_offer',
      'cue',
      2,
    ],
    [
      'a newer shipping question beats an older refund',
      () => [
        customer('I returned the shoes.'),
        agent('Thanks!'),
        customer('Can you send the tracking for my new pair?'),
      ],
      [],
      'ship_update',
      'cue',
      2,
    ],
    [
      'an older cue decides when the newer messages have none',
      () => [
        customer('My package is late.'),
        agent('Sorry!'),
        customer('Any update?'),
        customer('Hello??'),
      ],
      [],
      'ship_update',
      'cue',
      0,
    ],
    [
      'a later "no need for a refund" takes back an older refund',
      () => [
        customer('I want a refund.'),
        customer('Actually, no need for a refund anymore. Is my invoice ready?'),
      ],
      [],
      'ack_delay',
      'default',
      -1,
    ],
    [
      'private notes are not the customer',
      () => [customer('Hello?'), note('Customer wants a refund, parcel lost by carrier')],
      [],
      'ack_delay',
      'default',
      -1,
    ],
    [
      'an incoming private message is not the customer either',
      () => [customer('Hi'), msg(0, 'refund this one', { private: true })],
      [],
      'ack_delay',
      'default',
      -1,
    ],
    [
      'activity messages are not the customer',
      () => [
        customer('Hi, any news?'),
        activity('Conversation was marked resolved by Ann; refund label added'),
      ],
      [],
      'ack_delay',
      'default',
      -1,
    ],
    [
      'agent replies are not the customer',
      () => [
        customer('Hi, any news?'),
        agent('Your parcel is with the carrier, tracking attached'),
      ],
      [],
      'ack_delay',
      'default',
      -1,
    ],
    [
      'template (bot) messages are not the customer',
      () => [msg(3, 'Do you need a refund or tracking?'), customer('Just a question about sizes')],
      [],
      'ack_delay',
      'default',
      -1,
    ],
    [
      'a deleted customer message is ignored',
      () => [
        customer('This message was deleted', { content_attributes: { deleted: true } }),
        customer('Hi there'),
      ],
      [],
      'ack_delay',
      'default',
      -1,
    ],
    [
      'a deleted message with a cue is ignored',
      () => [
        customer('I want a refund', { content_attributes: { deleted: true } }),
        customer('Hi there'),
      ],
      [],
      'ack_delay',
      'default',
      -1,
    ],
    [
      'message types as names (webhook payloads)',
      () => [msg('incoming', 'Where is my parcel?'), msg('outgoing', 'I want a refund')],
      [],
      'ship_update',
      'cue',
      0,
    ],
    [
      'message types as numeric strings',
      () => [msg('0', 'Tracking shows nothing')],
      [],
      'ship_update',
      'cue',
      0,
    ],
    [
      'a label decides when no message has a cue',
      () => [customer('Any update please?')],
      ['vip', 'shipping'],
      'ship_update',
      'label',
      -1,
    ],
    [
      'a French label decides too',
      () => [customer('Des nouvelles ?')],
      ['livraison'],
      'ship_update',
      'label',
      -1,
    ],
    [
      'a refund label',
      () => [customer('Any update please?')],
      ['refund-pending'],
      'refund_offer',
      'label',
      -1,
    ],
    [
      'a return label, any case',
      () => [customer('Des nouvelles ?')],
      ['Retour'],
      'refund_offer',
      'label',
      -1,
    ],
    [
      'messages take precedence over labels',
      () => [customer('Where is my parcel?')],
      ['refund'],
      'ship_update',
      'cue',
      0,
    ],
    [
      'a label like returning-customer is no return',
      () => [customer('Hello')],
      ['returning-customer', 'escalation'],
      'ack_delay',
      'default',
      -1,
    ],
    [
      'only the last 5 customer messages are read',
      () => [
        customer('My parcel never arrived.'),
        ...Array.from({ length: RECENT_CUSTOMER_MESSAGES }, (_, i) =>
          customer(`Hello? (${i + 1})`),
        ),
      ],
      [],
      'ack_delay',
      'default',
      -1,
    ],
    [
      'the 5th most recent customer message still counts',
      () => [
        customer('My parcel never arrived.'),
        ...Array.from({ length: RECENT_CUSTOMER_MESSAGES - 1 }, (_, i) =>
          customer(`Hello? (${i + 1})`),
        ),
      ],
      [],
      'ship_update',
      'cue',
      0,
    ],
    [
      'messages handed newest first are put back in order by created_at',
      () => {
        const older = customer('Where is my parcel?');
        const newer = customer('It came today but it is cracked.');
        return [newer, older];
      },
      [],
      'refund_offer',
      'cue',
      0,
    ],
    [
      'no customer message at all: no suggestion',
      () => [agent('Hi!'), note('call her')],
      ['shipping'],
      null,
      null,
      -1,
    ],
    ['no messages: no suggestion', () => [], ['shipping'], null, null, -1],
    [
      'only an attachment (no text): no suggestion',
      () => [customer(null), customer('   ')],
      [],
      null,
      null,
      -1,
    ],
  ];

  it.each(cases)('%s', (_name, build, labels, template, reason, decidingIndex) => {
    const messages = build();
    const suggestion = suggestReply({ messages, labels });
    if (template === null) {
      expect(suggestion).toBeNull();
      return;
    }
    expect(suggestion?.templateId).toBe(template);
    expect(suggestion?.reason).toBe(reason);
    const customers = messages.filter(
      (m) =>
        (m.message_type === 0 || m.message_type === 'incoming' || m.message_type === '0') &&
        !m.private,
    );
    const latest = [...customers]
      .sort((a, b) => Number(a.created_at) - Number(b.created_at))
      .at(-1);
    const deciding = decidingIndex === -1 ? latest : messages[decidingIndex];
    expect(suggestion?.messageId).toBe(deciding?.id);
  });

  it('explains itself', () => {
    expect(suggestReply({ messages: [customer('Hi')], labels: [] })).toEqual({
      templateId: 'ack_delay',
      reason: 'default',
      cue: "No shipping or refund cue in the customer's recent messages",
      matchedText: null,
      messageId: expect.any(Number),
      label: null,
      language: 'en',
    });
    const byCue = suggestReply({ messages: [customer('Where is my parcel?')], labels: [] });
    expect(byCue).toMatchObject({ reason: 'cue', templateId: 'ship_update', label: null });
    expect(byCue?.cue).toMatch(/^Shipping\/delivery cue ".+" in the customer's latest message$/);
    const older = suggestReply({
      messages: [customer('Remboursez-moi.'), customer('Merci')],
      labels: [],
    });
    expect(older?.cue).toBe('Refund/return cue "Remboursez" in an earlier customer message');
    const byLabel = suggestReply({ messages: [customer('?')], labels: ['late-delivery'] });
    expect(byLabel).toMatchObject({
      reason: 'label',
      label: 'late-delivery',
      matchedText: 'late-delivery',
    });
  });
});

describe('language: from the text when clear, else the locale', () => {
  it.each([
    ['Bonjour, où est mon colis ?', undefined, 'fr'],
    ['Where is my parcel?', undefined, 'en'],
    ['Where is my parcel?', 'fr-FR', 'en'],
    ['Bonjour, mon colis est perdu', 'en', 'fr'],
    ['ok', 'fr-CA', 'fr'],
    ['ok', 'en-GB', 'en'],
    ['ok', undefined, 'en'],
    ['ok', 'de', 'en'],
    ['Déçue', undefined, 'fr'],
    ['', 'fr', 'fr'],
  ] as const)('%j with locale %j → %s', (text, locale, expected) => {
    expect(detectLanguage(text, locale)).toBe(expected);
  });

  it('uses the locale hint in suggestReply', () => {
    expect(suggestReply({ messages: [customer('?')], labels: [], locale: 'fr' })?.language).toBe(
      'fr',
    );
  });
});
