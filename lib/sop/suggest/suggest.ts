// SOP-CX-002 Template Response Guidelines: which template to suggest, and why.
// docs/PRODUCT.md: shipping/delivery cues → ship_update, refund/return cues → refund_offer,
// otherwise ack_delay; customer messages only (incoming, not private); show the cue.
//
// The earlier system matched lowercase substrings ("ship" in "relationship", "return" in
// "returning customer") over every non-agent message. Here:
// - only customer messages count: message_type incoming, not private, not deleted, with text;
// - the most recent intent wins: the newest of the last 5 customer messages that has a cue
//   decides; older ones only speak when newer ones say nothing;
// - whole words with their inflections, English and French (accents optional), typos common
//   in support mail ("recieved", "remboursment", "coli");
// - ordered rules: a specific phrase is read before the words inside it, and non-cue senses
//   are masked first ("returning customer", "return the favour", "votre retour" = your reply,
//   "je n'arrive pas à" = I can't, "broken link", "fast shipping, thanks!");
// - negation: "no need for a refund, where is my parcel?" is a shipping question;
// - within one message, refund/return/defect cues beat shipping cues: "my parcel arrived
//   broken", "where is my refund? tracking says delivered", "wrong item shipped" (the runbook
//   lists it under refund_offer) all want the refund offer. Exception: a refund only threatened
//   on a delivery condition ("if it doesn't arrive by Friday I want a refund") is a
//   shipping question for now;
// - a label (`shipping`, `livraison`, `refund`, `retour`, …) decides only when no customer
//   message has a cue.
// Judgement calls, kept consistent with the corpus in tests/unit/sop/suggest-corpus.ts:
// "where is my order" / "où est ma commande" and "I haven't received my order" are shipping;
// "status of my order", "my order is late/delayed", "still waiting for my order" and
// "cancel my order" with no other cue are ack_delay (the runbook lists "order status
// questions" under ack_delay); changing the delivery address or the order before it ships
// is ack_delay; so is a question asked before buying ("do you ship to Canada? I haven't
// ordered yet"), since nothing is on its way; a replacement that never arrived is shipping.
// Defects are recognised by what the customer describes (cracked, stopped working, leaks,
// "ne s'allume plus", "a lâché"…), not only by the word "refund".

import type { TemplateId } from '../templates/templates';
import {
  foldText,
  originalSlice,
  rx,
  scan,
  sentenceAround,
  type FoldedText,
  type Hit,
  type Rule,
} from './text';
import type { CueData, CueKind } from './cues';
import { chronological, isCustomerMessage, messageId, messageText, type SopMessage } from '../wire';

export type SuggestLanguage = 'en' | 'fr';
export type SuggestReason = 'cue' | 'label' | 'default';

export interface SuggestInput {
  /** Chatwoot messages, oldest first (the messages endpoint's order). */
  messages: readonly SopMessage[];
  labels?: readonly string[] | null;
  /** The contact's or the panel's locale, e.g. "fr-FR": a hint when the text is too short to tell. */
  locale?: string | null;
}

export interface ReplySuggestion {
  templateId: TemplateId;
  reason: SuggestReason;
  /** Why, in plain English for the log and as a fallback for the panel. */
  cue: string;
  /** The customer's words (or the label) that decided; null for the default. */
  matchedText: string | null;
  /** The message that decided; for label/default, the latest customer message. */
  messageId: number | null;
  /** The label that decided (reason 'label'). */
  label: string | null;
  language: SuggestLanguage;
}

/** Only the recent intent matters: older customer messages than these are not read. */
export const RECENT_CUSTOMER_MESSAGES = 5;

/** The cue rules ready to run: compiled once per page from `CUE_DATA` (lib/sop/suggest/cues.ts), which
 * the side panel receives as data (/sop/cues.json). */
export interface Cues {
  rules: readonly Rule<CueKind>[];
  conditional: RegExp;
  presales: RegExp;
  owned: RegExp;
  refundLabelWords: ReadonlySet<string>;
  shipLabelWords: ReadonlySet<string>;
}

export function compileCues(data: CueData): Cues {
  return {
    rules: data.rules.map((rule) => ({
      kind: rule.kind,
      pattern: rx(rule.pattern),
      ...(rule.unlessSentence !== undefined && { unlessSentence: rx(rule.unlessSentence) }),
    })),
    conditional: rx(data.conditional),
    presales: rx(data.presales),
    owned: rx(data.owned),
    refundLabelWords: new Set(data.refundLabelWords),
    shipLabelWords: new Set(data.shipLabelWords),
  };
}

interface MessageReading {
  /** 'ship' | 'refund' when this message decides, with the deciding words. */
  decision: { kind: 'ship' | 'refund'; start: number; end: number } | null;
  retracts: Set<'ship' | 'refund'>;
}

function readMessage(
  folded: FoldedText,
  retracted: ReadonlySet<'ship' | 'refund'>,
  cues: Cues,
): MessageReading {
  cues.presales.lastIndex = 0;
  cues.owned.lastIndex = 0;
  if (cues.presales.test(folded.text) && !cues.owned.test(folded.text)) {
    return { decision: null, retracts: new Set() };
  }
  const hits = scan(folded, cues.rules);
  const retracts = new Set<'ship' | 'refund'>();
  for (const hit of hits) {
    if (hit.kind === 'no_refund') retracts.add('refund');
    if (hit.kind === 'no_ship') retracts.add('ship');
  }
  const ship = hits.filter((h) => h.kind === 'ship' && !retracted.has('ship'));
  const refund = hits.filter((h) => h.kind === 'refund' && !retracted.has('refund'));
  const strongRefund = refund.filter((h) => !isThreat(folded, h, ship, cues.conditional));
  const first = <K extends string>(list: Hit<K>[]) => list[0] ?? null;
  const decisive = first(strongRefund) ?? first(ship) ?? first(refund);
  const decision =
    decisive === null
      ? null
      : { kind: decisive.kind as 'ship' | 'refund', start: decisive.start, end: decisive.end };
  return { decision, retracts };
}

function isThreat(
  folded: FoldedText,
  refundHit: Hit<CueKind>,
  ship: readonly Hit<CueKind>[],
  conditional: RegExp,
): boolean {
  // The condition is in the refund's sentence; the delivery it hangs on may be anywhere
  // ("Where is my order? If you can't find it, refund me.").
  if (ship.length === 0) return false;
  const [from, to] = sentenceAround(folded.text, refundHit.start, refundHit.end);
  conditional.lastIndex = 0;
  return conditional.test(folded.text.slice(from, to));
}

function labelKind(label: string, cues: Cues): 'ship' | 'refund' | null {
  const words = foldText(label).text.split(/[^\p{L}\p{N}]+/u);
  if (words.some((word) => cues.refundLabelWords.has(word))) return 'refund';
  if (words.some((word) => cues.shipLabelWords.has(word))) return 'ship';
  return null;
}

// ── Language ───────────────────────────────────────────────────────────────────────────
const FR_WORDS = new Set(
  'le la les des du un une et est je j vous tu il elle nous mon ma mes ton ta votre vos pas ne n pour que qui au aux avec sur dans ce cette ces c d l qu s bonjour bonsoir merci commande colis svp oui non mais ou tres toujours depuis recu ete avoir etre suis ai avez fait jai cest sont rien encore quand comment pourquoi madame monsieur cordialement salut bjr stp slt en livraison retour remboursement rembourse suivi retard allo rappelez rappeler abime casse echange annuler produit defectueux expedie marche plus toujours moi'.split(
    ' ',
  ),
);
const EN_WORDS = new Set(
  "the an and is are was were i i'm im my you your it it's its to of for in with this that have has not no yes but hi hello thanks thank please order package where when what can could would will still from we our been did didn't don't haven't just there any get got refund tracking delivery shipping parcel broken damaged exchange return pls thx help urgent status cancel invoice money doesn't call".split(
    ' ',
  ),
);

/** 'fr' or 'en': from the text when it is clear, else from the locale, else English. */
export function detectLanguage(text: string, locale?: string | null): SuggestLanguage {
  const folded = foldText(text).text;
  let fr = 0;
  let en = 0;
  for (const word of folded.split(/[^\p{L}']+/u)) {
    const bare = word.replace(/^'+|'+$/g, '');
    const head = bare.split("'")[0] ?? '';
    if (FR_WORDS.has(bare) || (bare.includes("'") && FR_WORDS.has(head))) fr += 1;
    if (EN_WORDS.has(bare)) en += 1;
  }
  // Accented letters lean French (the folded text has lost them, the original has not).
  if (/[éèêàçùûôîœ]/iu.test(text)) fr += 1;
  if (fr - en >= 2 || (fr > 0 && en === 0)) return 'fr';
  if (en - fr >= 2 || (en > 0 && fr === 0)) return 'en';
  const hint = (locale ?? '').trim().toLowerCase();
  if (hint.startsWith('fr')) return 'fr';
  if (hint.startsWith('en')) return 'en';
  return fr > en ? 'fr' : 'en';
}

// ── The rule ───────────────────────────────────────────────────────────────────────────
const TEMPLATE_FOR: Readonly<Record<'ship' | 'refund', TemplateId>> = {
  ship: 'ship_update',
  refund: 'refund_offer',
};
const KIND_WORDS: Readonly<Record<'ship' | 'refund', string>> = {
  ship: 'Shipping/delivery',
  refund: 'Refund/return',
};

/**
 * The template to suggest for a conversation, and why (SOP-CX-002); null when there is no
 * customer message to answer (the panel then offers Escalate instead of Approve).
 */
export function suggestReply(input: SuggestInput, cues: Cues): ReplySuggestion | null {
  const customer = chronological(input.messages ?? [])
    .filter((message) => isCustomerMessage(message) && messageText(message) !== '')
    .slice(-RECENT_CUSTOMER_MESSAGES)
    .reverse();
  const latest = customer[0];
  if (latest === undefined) return null;

  const language = detectLanguage(customer.map(messageText).join('\n'), input.locale);
  const latestId = messageId(latest) ?? null;

  const retracted = new Set<'ship' | 'refund'>();
  for (const [index, message] of customer.entries()) {
    const folded = foldText(messageText(message));
    const { decision, retracts } = readMessage(folded, retracted, cues);
    if (decision !== null) {
      const words = originalSlice(folded, decision.start, decision.end);
      const where = index === 0 ? "the customer's latest message" : 'an earlier customer message';
      return {
        templateId: TEMPLATE_FOR[decision.kind],
        reason: 'cue',
        cue: `${KIND_WORDS[decision.kind]} cue "${words}" in ${where}`,
        matchedText: words,
        messageId: messageId(message) ?? null,
        label: null,
        language,
      };
    }
    for (const kind of retracts) retracted.add(kind);
  }

  const labels = (input.labels ?? []).filter((label): label is string => typeof label === 'string');
  const labelled =
    labels.find((label) => labelKind(label, cues) === 'refund') ??
    labels.find((label) => labelKind(label, cues) === 'ship');
  if (labelled !== undefined) {
    const kind = labelKind(labelled, cues) ?? 'ship';
    return {
      templateId: TEMPLATE_FOR[kind],
      reason: 'label',
      cue: `${KIND_WORDS[kind]} label "${labelled}" (no cue in the customer's messages)`,
      matchedText: labelled,
      messageId: latestId,
      label: labelled,
      language,
    };
  }

  return {
    templateId: 'ack_delay',
    reason: 'default',
    cue: "No shipping or refund cue in the customer's recent messages",
    matchedText: null,
    messageId: latestId,
    label: null,
    language,
  };
}
