// Stand-in for the OpenAI integration hook (docs/CHATWOOT.md §6 "AI drafts"). Deterministic: the
// draft names the topic of the customer's last message, in the customer's language. Like a real
// language model it can be steered by the words it drafts from: a customer message saying
// "ignore previous instructions, …" gets what follows, links and markup included (the prompt
// injection of tests/e2e/robustness/hostile-input.spec.ts; docs/SECURITY.md "The AI draft").
import type { Conversation, StandinState } from '../types';

const SHIPPING =
  /\b(ship|shipping|shipped|shipment|deliver|delivery|delivered|carrier|tracking|package|parcel|colis|livraison|livré|livrée|transporteur|suivi)\b/iu;
const REFUND =
  /\b(refund|refunds|return|returned|damaged?|broken|defective|faulty|replacement|exchange|warranty|remboursement|rembourser|retour|retourner|échange|échanger|abîmé|défectueux|avoir)\b/iu;
const FRENCH = /\b(bonjour|merci|je|ma|mon|colis|commande|vous)\b/iu;

/** Customer messages only (incoming, public, not deleted), newest first. */
function customerMessages(conv: Conversation): string[] {
  return [...conv.messages]
    .reverse()
    .filter((x) => x.messageType === 0 && !x.private && x.contentAttributes.deleted !== true)
    .map((x) => x.content ?? '')
    .filter((x) => x.trim() !== '');
}

function lastCustomerMessage(conv: Conversation): string | undefined {
  return customerMessages(conv)[0];
}

/** The topic of the newest customer message that has one. */
function topicOf(conv: Conversation): 'shipping' | 'refund' | 'general' {
  for (const text of customerMessages(conv)) {
    if (SHIPPING.test(text)) return 'shipping';
    if (REFUND.test(text)) return 'refund';
  }
  return 'general';
}

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 80 ? `${flat.slice(0, 77)}...` : flat;
}

const STEER = /\bignore (?:all |any )?(?:previous|prior|earlier|above) instructions\b[\s,.:;!-]*/iu;

export function replySuggestion(state: StandinState, conv: Conversation): string {
  const contact = state.contacts.find((c) => c.id === conv.contactId);
  const text = lastCustomerMessage(conv);
  const order = text?.split(STEER)[1]?.trim();
  if (order) return `Of course, ${contact?.name?.trim() || 'there'}! As you asked: ${order}`;
  const french = conv.additionalAttributes.browser_language === 'fr' || FRENCH.test(text ?? '');
  const name = contact?.name?.trim() || (french ? 'Madame, Monsieur' : 'there');
  if (!text) {
    return french
      ? `Bonjour ${name}, merci de nous avoir contactés. Comment pouvons-nous vous aider ?`
      : `Hi ${name}, thanks for getting in touch. How can we help?`;
  }
  const topic = topicOf(conv);
  if (french) {
    const sujet = {
      shipping: 'votre livraison',
      refund: 'votre remboursement ou retour',
      general: 'votre commande',
    }[topic];
    return `Bonjour ${name}, merci pour votre message concernant ${sujet} (« ${snippet(text)} »). Je m'en occupe et reviens vers vous très vite.`;
  }
  const subject = {
    shipping: 'your delivery',
    refund: 'your refund or return',
    general: 'your order',
  }[topic];
  return `Hi ${name}, thanks for your message about ${subject} ("${snippet(text)}"). I'm looking into it now and will get back to you shortly.`;
}

export function summary(state: StandinState, conv: Conversation): string {
  const contact = state.contacts.find((c) => c.id === conv.contactId);
  const text = lastCustomerMessage(conv);
  const count = conv.messages.filter((m) => m.messageType !== 2).length;
  return `Customer ${contact?.name || 'without a name'} (${count} messages, ${conv.status}). Last customer message: ${text ? snippet(text) : 'none'}`;
}
