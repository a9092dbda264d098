import { describe, expect, it } from 'vitest';
import { resolveWarnings, type ResolveWarningKind } from '../../../lib/sop/resolve-guard';
import type { SopMessage } from '../../../lib/sop/wire';

let nextId = 100;
const T0 = 1_767_225_600;
function msg(
  message_type: SopMessage['message_type'],
  content: string,
  extra: Partial<SopMessage> = {},
): SopMessage {
  const id = nextId++;
  return { id, content, message_type, private: false, created_at: T0 + id * 60, ...extra };
}
const customer = (content: string, extra: Partial<SopMessage> = {}) => msg(0, content, extra);
const agent = (content: string) => msg(1, content);
const note = (content: string) => msg(1, content, { private: true });
const activity = (content: string) => msg(2, content);
const bot = (content: string) => msg(3, content);

type Row = [string, () => SopMessage[], string[], ResolveWarningKind[]];

describe('SOP-CX-004: do not resolve with a refund pending, a return in progress or a follow-up promised', () => {
  const cases: Row[] = [
    // Refund pending
    [
      'the customer asked for a refund and nothing happened since',
      () => [customer('I want a refund please.')],
      [],
      ['refund_pending'],
    ],
    [
      'a note says "refund pending approval"',
      () => [customer('Hi'), note('Refund pending approval from finance')],
      [],
      ['refund_pending'],
    ],
    [
      'an agent promised a refund',
      () => [customer('It broke.'), agent("We'll issue a full refund today.")],
      [],
      ['refund_pending'],
    ],
    [
      'an activity message says a refund is pending',
      () => [activity('Refund #4412 pending (Shopify)')],
      [],
      ['refund_pending'],
    ],
    [
      'an agent issued a refund that is still pending',
      () => [
        customer('My headphones arrived broken.'),
        agent(
          "I've issued a refund of $89 — it is pending and should reach your card in 5–7 days.",
        ),
        customer("Thanks, I'll wait for it."),
      ],
      [],
      ['refund_pending'],
    ],
    [
      '"refund processed" clears it',
      () => [customer('I want a refund.'), agent('Your refund has been processed.')],
      [],
      [],
    ],
    [
      'the customer confirms receipt',
      () => [customer('Refund me please'), customer('Got my refund, thanks!')],
      [],
      [],
    ],
    [
      '"still haven\'t received my refund" after "refunded" re-opens it',
      () => [agent('We have refunded you.'), customer("I still haven't received my refund")],
      [],
      ['refund_pending'],
    ],
    [
      'a refund request after an earlier one was processed',
      () => [agent('Refund processed.'), customer('Now I need a refund for the second item too')],
      [],
      ['refund_pending'],
    ],
    [
      'French: a refund requested',
      () => [customer('Je souhaite être remboursée.')],
      [],
      ['refund_pending'],
    ],
    [
      'French: "remboursement effectué" clears it',
      () => [customer('Je veux un remboursement'), agent('Remboursement effectué ce jour.')],
      [],
      [],
    ],
    [
      'French: "toujours pas remboursé" is pending',
      () => [customer("Je n'ai toujours pas été remboursé.")],
      [],
      ['refund_pending'],
    ],
    [
      'French: "vous avez été remboursé" clears it',
      () => [customer('Où en est mon remboursement ?'), agent('Vous avez été remboursé hier.')],
      [],
      [],
    ],
    [
      'a question about the refund policy is not a pending refund',
      () => [customer("What's your refund policy?")],
      [],
      [],
    ],
    [
      '"no need for a refund" is not a pending refund',
      () => [customer('No need for a refund, where is my parcel?')],
      [],
      [],
    ],
    [
      'a refund only threatened is not pending',
      () => [customer("If it doesn't arrive by Friday I want a refund.")],
      [],
      [],
    ],
    // Return in progress
    [
      'the customer sent the item back',
      () => [customer("I've sent the shoes back yesterday.")],
      [],
      ['return_in_progress'],
    ],
    [
      'an agent sent a return label',
      () => [agent('Here is your return label.')],
      [],
      ['return_in_progress'],
    ],
    [
      '"return received" clears it',
      () => [customer("I've returned the jacket."), agent("We've received your return.")],
      [],
      [],
    ],
    [
      'French: "j\'ai renvoyé le colis"',
      () => [customer("J'ai renvoyé le colis hier.")],
      [],
      ['return_in_progress'],
    ],
    [
      'French: "retour bien reçu" clears it',
      () => [customer("J'ai renvoyé le colis."), agent('Retour bien reçu, merci.')],
      [],
      [],
    ],
    [
      'a returning customer is not a return',
      () => [customer("I'm a returning customer, love your shop")],
      [],
      [],
    ],
    [
      '"votre retour" (your reply) is not a return',
      () => [customer("J'attends votre retour.")],
      [],
      [],
    ],
    [
      'a parcel returned to sender is not a customer return',
      () => [customer('My parcel was returned to sender')],
      [],
      [],
    ],
    // Follow-up promised
    [
      'the ack_delay template promises a follow-up',
      () => [
        customer('Any news?'),
        agent(
          "Hi Jane, thanks for your patience. I'm checking on your order now and will follow up with an update shortly.",
        ),
      ],
      [],
      ['follow_up_promised'],
    ],
    [
      '"I\'ll get back to you tomorrow"',
      () => [agent("I'll get back to you tomorrow.")],
      [],
      ['follow_up_promised'],
    ],
    [
      'a note "follow up with customer Monday"',
      () => [note('Follow up with customer on Monday re: carrier claim')],
      [],
      ['follow_up_promised'],
    ],
    [
      'a bot promising to follow up',
      () => [bot('We will get back to you within 24 hours.')],
      [],
      ['follow_up_promised'],
    ],
    [
      'a later reply that delivers the update clears it',
      () => [agent("I'll get back to you tomorrow."), agent('Here is your tracking link.')],
      [],
      [],
    ],
    [
      'a later reply that promises again keeps it',
      () => [
        agent("I'll get back to you tomorrow."),
        agent("Still checking with the carrier, I'll update you."),
      ],
      [],
      ['follow_up_promised'],
    ],
    [
      'a later private note does not clear it',
      () => [agent("I'll get back to you tomorrow."), note('Waiting for carrier')],
      [],
      ['follow_up_promised'],
    ],
    [
      'the customer saying "I\'ll get back to you" is not our promise',
      () => [customer("I'll get back to you when I've checked.")],
      [],
      [],
    ],
    [
      'French: "je reviens vers vous"',
      () => [agent('Je vérifie et je reviens vers vous.')],
      [],
      ['follow_up_promised'],
    ],
    [
      'French: "nous vous tiendrons informé"',
      () => [agent('Nous vous tiendrons informé.')],
      [],
      ['follow_up_promised'],
    ],
    // Deleted, labels, several at once
    [
      'a deleted message says nothing',
      () =>
        [agent("I'll refund you today.")].map((m) => ({
          ...m,
          content_attributes: { deleted: true },
        })),
      [],
      [],
    ],
    ['label refund-pending', () => [customer('ok')], ['refund-pending'], ['refund_pending']],
    ['label return', () => [customer('ok')], ['return'], ['return_in_progress']],
    ['label follow-up', () => [customer('ok')], ['follow-up'], ['follow_up_promised']],
    [
      'French labels',
      () => [customer('ok')],
      ['remboursement', 'retour'],
      ['refund_pending', 'return_in_progress'],
    ],
    ['a done label does not warn', () => [customer('ok')], ['refund-done', 'return_received'], []],
    [
      'a plain refund label after a processed refund does not warn',
      () => [customer('Refund please'), agent('Refund processed.')],
      ['refund'],
      [],
    ],
    [
      'a refund-pending label warns even after a processed message',
      () => [agent('Refund processed.')],
      ['refund-pending'],
      ['refund_pending'],
    ],
    ['unrelated labels', () => [customer('ok')], ['vip', 'escalation', 'returning-customer'], []],
    [
      'all three at once, in a fixed order',
      () => [
        customer("I've sent it back, I want a refund."),
        agent("We'll refund once it arrives and I'll update you."),
      ],
      [],
      ['refund_pending', 'return_in_progress', 'follow_up_promised'],
    ],
    [
      'nothing to worry about',
      () => [customer('Thanks, all good!'), agent('Glad to help.')],
      [],
      [],
    ],
    ['no messages', () => [], [], []],
  ];

  it.each(cases)('%s', (_name, build, labels, expected) => {
    expect(resolveWarnings({ messages: build(), labels }).map((w) => w.kind)).toEqual(expected);
  });

  it('quotes the evidence and the message it came from', () => {
    const noteMessage = note('Refund pending approval from finance. Customer informed.');
    expect(resolveWarnings({ messages: [customer('hi'), noteMessage], labels: [] })).toEqual([
      {
        kind: 'refund_pending',
        evidence: 'Refund pending approval from finance',
        messageId: noteMessage.id,
      },
    ]);
    expect(resolveWarnings({ messages: [], labels: ['refund-pending'] })).toEqual([
      { kind: 'refund_pending', evidence: 'label "refund-pending"' },
    ]);
  });

  it('keeps the latest evidence of a kind', () => {
    const first = customer('I want a refund.');
    const second = customer('Still waiting for my refund!');
    const [warning] = resolveWarnings({ messages: [first, second], labels: [] });
    expect(warning).toMatchObject({ kind: 'refund_pending', messageId: second.id });
  });

  it('accepts labels being absent', () => {
    expect(resolveWarnings({ messages: [customer('Refund me')] })).toHaveLength(1);
  });
});
