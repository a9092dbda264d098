// SOP-CX-004 Resolution Verification: "Do NOT mark resolved if: refund pending, return in
// progress, follow-up promised." Before Mark Resolved the panel asks for confirmation with
// these warnings (docs/PRODUCT.md "Actions").
//
// Read: every message that is not deleted — the customer's, agents' replies, private notes
// ("refund pending approval") and activity messages — in English and French, plus labels.
// A later message confirming completion of the same kind clears an earlier one ("refund
// processed", "remboursement effectué", "return received"). A promise to follow up counts
// when we made it (agent reply, bot/template, or a note); the customer's own "I'll get back
// to you" is not an SOP commitment. It is kept when a later agent reply makes it again and
// cleared by a later agent reply that does not.

import {
  NEG_EN,
  W,
  any,
  foldText,
  originalSlice,
  rx,
  scan,
  sentenceAround,
  type FoldedText,
  type Rule,
} from './suggest/text';
import {
  chronological,
  isDeleted,
  isPrivate,
  messageId,
  messageKind,
  messageText,
  type SopMessage,
} from './wire';

export type ResolveWarningKind = 'refund_pending' | 'return_in_progress' | 'follow_up_promised';

export interface ResolveWarning {
  kind: ResolveWarningKind;
  /** The words that raised it (a sentence of a message, or `label "…"`), for the confirm dialog. */
  evidence: string;
  /** The message it came from; absent for a label. */
  messageId?: number;
}

export interface ResolveGuardInput {
  /** Chatwoot messages, oldest first. */
  messages: readonly SopMessage[];
  labels?: readonly string[] | null;
}

const KIND_ORDER: readonly ResolveWarningKind[] = [
  'refund_pending',
  'return_in_progress',
  'follow_up_promised',
];

type GuardHit = 'mask' | 'refund_open' | 'refund_done' | 'return_open' | 'return_done' | 'promise';

const g = (kind: GuardHit, ...alternatives: string[]): Rule<GuardHit> => ({
  kind,
  pattern: rx(any(...alternatives)),
});

const NOT_YET_EN = `(?:${NEG_EN}|yet to|still not|still no|no sign of(?: my| the| a)?|waiting (?:for|on)(?: my| the| a| your)?|awaiting(?: my| the| a| your)?)`;
const NOT_YET_FR =
  "(?:pas|jamais|toujours pas|pas encore|toujours rien|aucun|aucune|en attente d'un|en attente du|en attente de|attends)";

// Ordered like suggest's rules: a match is blanked before later rules run (see scan()).
const GUARD_RULES: readonly Rule<GuardHit>[] = [
  // Not about this conversation's money or parcel.
  g(
    'mask',
    '(?:refund|returns?|exchange) (?:policy|policies|window|period|conditions)',
    'non-?refundable|refundable',
    'return(?:ing)? (?:customer|customers|client|clients|buyer|shopper|visitor)',
    'in return|return(?:ed|ing)? (?:the |your |my |a )?(?:favou?r|kindness|call|calls|email|emails|message|messages|visit)',
    'return(?:ed|ing)? (?:to|from|home)(?! sender)',
    'return(?:ed|ing)? to sender',
    'satisfait ou rembours[a-z]*|politique de (?:remboursement|retour)|conditions de (?:remboursement|retour)',
    "(?:votre|vos|ton|tes) retours?(?! (?:de|du|des|d') ?(?:l'|la |le |mon |ma |mes )?(?:article|colis|produit|commande|paquet))",
    "retours? (?:de votre part|rapide|d'experience)|dans l'attente (?:d'un|de votre|de vos) retours?|(?:sans|aucun) retour|en retour",
    "(?:suis|serai|sera|serons|etre|est|sommes|etais) de retour|de retour (?:de|d'|a|au|en|lundi|mardi|mercredi|jeudi|vendredi|demain)",
    "retour(?:ne|nee)? a l'expediteur",
    // The customer does not want one: nothing is pending.
    `(?:no need|${NEG_EN} (?:need|want)|${NEG_EN} (?:asking|looking) for|instead of|rather than)(?: for| to)?(?: get| have| request)?(?: a| an| any| the| my)? (?:refund|return|money back)`,
    "(?:pas besoin|inutile|pas la peine) (?:de |d'|du )?(?:un |une |me |etre )?(?:rembours[a-z]*|retour[a-z]*)",
    "(?:ne |n')?(?:veux|souhaite|demande|voudrais) (?:pas|aucun)(?: ?(?:de|d'|du|etre|un|une|me|m'))* ?(?:rembours[a-z]*|retour[a-z]*)",
  ),

  // ── Refund: still waiting (read before "received my refund" could match) ───────────
  g(
    'refund_open',
    // "I've issued a refund of $89 — it is pending": issued, but not there yet.
    `refund[^.!?]{0,60}?\\b(?:it|which|that)(?: is|'s| has been| was)? (?:still |now )?(?:pending|being processed|processing|in progress|on (?:its|the) way|awaiting approval)`,
    `${NOT_YET_EN}(?: ${W}){0,2} (?:received|got|gotten|seen|been|get|had)?(?: ${W})? ?(?:my |the |a |any |your )?(?:refund|refunded|money back)`,
    `where(?:'s| is) (?:my|the) (?:refund|money)`,
    `refund(?: #?[a-z0-9-]+)? (?:is |has been |was )?(?:still )?(?:pending|requested|in progress|being processed|processing|awaiting|on hold|under review|initiated|started|to be (?:processed|issued|approved)|not (?:yet )?(?:processed|issued|received|through))`,
    `${NOT_YET_FR}(?: ${W}){0,2} (?:ete |encore |recu |eu |vu )?(?:de |d'un |du |mon |le |un )?(?:rembours[a-z]*)`,
    '(?:ou en est|ou est) (?:mon|le|votre) remboursement',
    // Asked for or promised, and not yet done.
    `(?:want|need|like|request(?:ing|ed)?|asking for|ask for|get|demand|claim(?:ing)?) (?:a |my |the |for a |for my )?(?:full |partial )?refund`,
    `refund (?:me|my order|this|it|the order)|please refund|approve (?:the|a|this) refund|refund request`,
    `(?:i'?ll|i will|we'?ll|we will|going to|will) (?:${W} )?(?:issue|process|arrange|submit|request|initiate|raise) (?:a |the |your )?(?:full |partial )?refund`,
    `(?:want|need|like) (?:my )?money back|chargeback`,
    '(?:veux|voudrais|souhaite|demande|exige|aimerais|souhaiterais|sollicite) (?:etre rembourse[a-z]*|un remboursement|le remboursement|a etre rembourse[a-z]*|me faire rembourser)',
    'rembourse[rz]?-moi|me rembourser|(?:je|nous) (?:vais|allons) (?:vous )?rembourser|demande de remboursement|(?:procederons|procedons|allons proceder|vais proceder) au remboursement',
    'remboursement (?:est |toujours |reste )?(?:en attente|en cours|a venir|pas encore|toujours pas|demande|a valider|en validation)',
  ),
  // ── Refund: done ───────────────────────────────────────────────────────────────────
  g(
    'refund_done',
    `refund(?:ed)? (?:has |have )?(?:now )?(?:been |was |is )?(?:successfully |now |already )?(?:processed|issued|completed|complete|sent|paid|credited|went through|gone through|came through|received|done|finali[sz]ed)`,
    `(?:i|we)(?:'ve| have)? (?:just |now |already )?(?:processed|issued|sent|completed|refunded|credited) (?:your |the |a |you |this )?(?:full |partial )?(?:refund|order|payment|amount|money)?`,
    `(?:you'?ve|you have|you were|you'?ll see|has been|have been|i'?ve been|i have been|i was|i got) (?:now |already |fully )?(?:been )?refunded`,
    `(?:got|received|have) (?:my|the|your) (?:refund|money back)`,
    'refund (?:received|showed up|arrived|appeared|landed|is in my account)',
    '(?:thanks?|thank you) for (?:the|my) refund',
    'rembourse(?:ment)? (?:a ete |est |bien |a bien ete )*(?:effectue|fait|valide et effectue|traite|envoye|recu|vire|credite|emis|finalise)',
    "(?:vous avez ete|vous etes|j'?ai ete|je suis|avez bien ete|a bien ete|ai bien ete|avez ete) (?:bien |integralement )?rembourse[a-z]*",
    "(?:j'?ai|nous avons|on a|avons) (?:bien )?(?:recu|effectue|procede au|emis|valide|vire) (?:le |mon |votre )?remboursement",
    'remboursement (?:bien )?recu|merci pour le remboursement',
  ),
  // ── Return: done (before "return" reads as a return in progress) ─────────────────────
  g(
    'return_done',
    `return(?:ed (?:item|parcel|package))? (?:has |have )?(?:now )?(?:been |was |is )?(?:successfully )?(?:received|processed|completed|closed|accepted|checked in|arrived|inspected)`,
    `(?:we'?ve|we have|we) (?:now |just )?(?:received|got|checked in) (?:your|the) (?:return|returned (?:item|parcel|package)|item back|parcel back|package back|item|parcel|package|jacket|shoes|order)`,
    `received (?:it|the item|the return|your return) back`,
    'retour (?:a ete |est |bien )*(?:recu|traite|valide|receptionne|cloture|enregistre et traite|accepte)',
    '(?:nous avons|on a|avons) (?:bien )?(?:recu|receptionne) (?:votre|le) (?:retour|colis|article|produit)',
    'article retourne (?:bien )?recu',
  ),
  // ── Return: in progress ──────────────────────────────────────────────────────────────
  g(
    'return_open',
    `return (?:label|request|shipment|parcel|package|number|authori[sz]ation|form|slip)`,
    `return (?:is |was )?(?:in progress|pending|initiated|started|open|in transit|on its way|approved|requested)`,
    `(?:i'?ve|i have|i|we'?ve|we have|we|you) (?:already |just )?(?:returned|sent (?:it|them|the ${W}) back|shipped (?:it|them|the ${W}) back|posted (?:it|them|the ${W}) back|mailed (?:it|them) back|dropped off the (?:return|parcel))`,
    `(?:i'?ll|i will|going to|want to|would like to|like to|need to|how (?:do|can|should) i|can i) (?:return|send (?:it|them|this|these|the ${W}) back)`,
    'rma|return authori[sz]ation',
    `(?:once|when|as soon as|after) (?:we|the warehouse|our warehouse) (?:receive|get|have) (?:the|your|it|them)(?: ${W})?`,
    `(?:waiting|wait) (?:for|on) (?:the|your|my) return`,
    `returning (?:it|them|the|this|these|my)|return (?:it|them|the (?:item|product|order|parcel)|this|these)|(?:start|started|open|opened|begin|began|make|made|process|processing) (?:a |the |your )?return`,
    '(?:etiquette|bon|bordereau|demande|numero|colis|formulaire|procedure) de retour|colis retour',
    'retour (?:en cours|en attente|accepte|initie|enregistre|valide|autorise)',
    "(?:j'?ai|nous avons|je vous ai|on a) (?:deja |bien )?(?:renvoye|retourne|reexpedie|depose) (?:le |la |les |l'|mon |ma |mes |votre )?(?:colis|article|produit|commande|retour|paquet)",
    "(?:je vais|je veux|je souhaite|je voudrais|comment|puis-je|je dois|dois-je) (?:vous )?(?:le |la |les |l')?(?:renvoyer|retourner)",
    "des (?:reception|que nous recevrons|que nous aurons recu) (?:de )?(?:votre|du|le|l') ?(?:retour|colis|article|produit)",
    'en attente (?:du|de votre|de la reception du) retour',
    '(?:faire|effectuer|demander) (?:un|le) retour',
  ),
  // ── A promise to come back to the customer ───────────────────────────────────────────
  g(
    'promise',
    `(?:i'?ll|i will|we'?ll|we will|i'?m going to|we'?re going to|i am going to|we are going to|will) (?:${W} ){0,2}(?:follow up|follow-up|get back to you|update you|keep you (?:posted|updated|informed)|let you know|reach out|call you(?: back)?|check back|circle back|be in touch|contact you|come back to you|email you|write back|send you an update)`,
    'follow[- ]up (?:scheduled|planned|tomorrow|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|next week|by|due|needed|required|pending)',
    `(?:still|currently) (?:checking|looking into|investigating|waiting (?:on|for) (?:the )?(?:carrier|warehouse|courier|team|supplier))`,
    '(?:to )?follow up (?:with (?:the )?customer|tomorrow|on (?:monday|tuesday|wednesday|thursday|friday)|next week)',
    'callback (?:scheduled|booked|requested)|call back (?:scheduled|tomorrow)|reminder set',
    '(?:je|nous|on) (?:vous )?(?:reviens|reviendrai|reviendrons|revenons|recontacte|recontacterai|recontacterons|rappelle|rappellerai|rappellerons|ecrirai|ecrirons|informerai|informerons|tiens informee?s?|tiens au courant|tiendrai (?:au courant|informee?s?)|tiendrons (?:au courant|informee?s?))',
    '(?:je|nous|on) (?:vais|allons|va) (?:vous )?(?:recontacter|rappeler|tenir (?:au courant|informee?s?)|revenir vers vous|relancer|ecrire|informer)',
    '(?:reviens|revenir|reviendrai|reviendrons|revenons) (?:rapidement |tres vite |au plus vite |des que possible )?vers vous',
    'relance prevue|rappel prevu|suivi prevu|a rappeler|a relancer|en cours de verification',
    'je (?:regarde|verifie) (?:ca |cela )?et (?:je )?(?:reviens|vous (?:tiens|recontacte|dis|rappelle))',
  ),
];

// "If it doesn't arrive, I'll want a refund" is a threat, not a pending refund.
const CONDITIONAL = rx(
  any(
    `if (?:${W} ){0,6}(?:${NEG_EN}|no|nothing)`,
    'unless|otherwise|or else',
    `si (?:${W} ){0,6}(?:pas|jamais|rien|plus)`,
    "s'il (?:n'|ne )|sinon|faute de quoi|a defaut",
  ),
);

function inConditional(folded: FoldedText, start: number, end: number): boolean {
  const [from, to] = sentenceAround(folded.text, start, end);
  CONDITIONAL.lastIndex = 0;
  return CONDITIONAL.test(folded.text.slice(from, to));
}

/** The sentence around a match, as the customer or agent wrote it, kept short. */
function evidenceOf(folded: FoldedText, start: number, end: number): string {
  const [from, to] = sentenceAround(folded.text, start, end);
  const sentence = originalSlice(folded, from, to).replace(/\s+/g, ' ').trim();
  return sentence.length > 160 ? `${sentence.slice(0, 157)}…` : sentence;
}

type Kind = 'refund' | 'return' | 'follow';
const WARNING_FOR: Readonly<Record<Kind, ResolveWarningKind>> = {
  refund: 'refund_pending',
  return: 'return_in_progress',
  follow: 'follow_up_promised',
};

interface Open {
  evidence: string;
  messageId?: number;
}

/** Who can make an SOP promise: agents' replies, bot/template messages and private notes. */
function speaksForUs(message: SopMessage): boolean {
  const kind = messageKind(message);
  return kind === 'outgoing' || kind === 'template' || (isPrivate(message) && kind !== 'activity');
}

/** SOP-CX-004: what should stop an agent from resolving this conversation without a second look. */
export function resolveWarnings(input: ResolveGuardInput): ResolveWarning[] {
  const open: Partial<Record<Kind, Open>> = {};
  const completed = new Set<Kind>();

  for (const message of chronological(input.messages ?? [])) {
    if (isDeleted(message)) continue;
    const text = messageText(message);
    if (text === '') continue;
    const folded = foldText(text);
    const id = messageId(message);
    const ours = speaksForUs(message);
    let promised = false;
    for (const hit of scan(folded, GUARD_RULES)) {
      const raise = (kind: Kind) => {
        open[kind] = {
          evidence: evidenceOf(folded, hit.start, hit.end),
          ...(id === undefined ? {} : { messageId: id }),
        };
        completed.delete(kind);
      };
      const clear = (kind: Kind) => {
        delete open[kind];
        completed.add(kind);
      };
      switch (hit.kind) {
        case 'refund_open':
          if (!inConditional(folded, hit.start, hit.end)) raise('refund');
          break;
        case 'refund_done':
          clear('refund');
          break;
        case 'return_open':
          if (!inConditional(folded, hit.start, hit.end)) raise('return');
          break;
        case 'return_done':
          clear('return');
          break;
        case 'promise':
          if (ours) {
            raise('follow');
            promised = true;
          }
          break;
        case 'mask':
          break;
      }
    }
    // A later reply to the customer that promises nothing new is the follow-up itself.
    if (!promised && messageKind(message) === 'outgoing' && !isPrivate(message) && open.follow) {
      delete open.follow;
    }
  }

  for (const label of input.labels ?? []) {
    if (typeof label !== 'string') continue;
    const fromLabel = labelKind(label);
    if (fromLabel === null) continue;
    const { kind, explicit } = fromLabel;
    // A plain `refund`/`return` label may be stale once messages show it done;
    // `refund-pending`-style labels say what the team decided, so they always warn.
    if (!explicit && completed.has(kind)) continue;
    if (open[kind] === undefined) open[kind] = { evidence: `label "${label}"` };
  }

  return KIND_ORDER.flatMap((warningKind) => {
    const kind = (Object.keys(WARNING_FOR) as Kind[]).find((k) => WARNING_FOR[k] === warningKind);
    const found = kind === undefined ? undefined : open[kind];
    return found === undefined ? [] : [{ kind: warningKind, ...found }];
  });
}

const DONE_WORDS = new Set([
  'done',
  'completed',
  'complete',
  'processed',
  'closed',
  'received',
  'refunded',
  'resolved',
  'fait',
  'effectue',
  'termine',
  'recu',
  'traite',
  'clos',
]);
const PENDING_WORDS = new Set([
  'pending',
  'progress',
  'awaiting',
  'open',
  'requested',
  'transit',
  'waiting',
  'attente',
  'cours',
  'todo',
  'needed',
  'required',
  'promised',
]);

function labelKind(label: string): { kind: Kind; explicit: boolean } | null {
  const words = foldText(label)
    .text.split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
  if (words.some((w) => DONE_WORDS.has(w))) return null;
  const explicit = words.some((w) => PENDING_WORDS.has(w));
  const joined = words.join(' ');
  if (/\b(?:refunds?|remboursements?|rembourse[rz]?|chargeback)\b/.test(joined)) {
    return { kind: 'refund', explicit };
  }
  if (/\b(?:returns?|retours?|rma)\b/.test(joined)) return { kind: 'return', explicit };
  if (
    /\b(?:follow ?up|followup|callback|call back|rappel|a rappeler|relance|recontacter)\b/.test(
      joined,
    )
  ) {
    // A follow-up label is itself the promise.
    return { kind: 'follow', explicit: true };
  }
  return null;
}
