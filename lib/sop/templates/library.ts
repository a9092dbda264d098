// The team's template library (runbook next step: "expand the template library beyond
// ack_delay"): the three built-ins in English and French, editable, plus templates the team
// writes or imports from Chatwoot's canned responses, each with its own cue words.
// Pure: storage is lib/settings/settings.ts (`templatesItem`), the UI components/options/templates/TemplateLibrary.tsx.
//
// Which template is suggested (SOP-CX-002, extended):
// 1. The customer's recent messages are read newest first (the same 5 the built-in rules read).
//    The newest message that carries ANY cue decides: a team cue word, or a built-in cue.
// 2. Within that message, a team cue word beats the built-in rules: the team wrote it on
//    purpose ("opening hours" → "Store hours") and it is more specific than "parcel".
//    Several team cues in one message: the longest phrase wins, then the first in the text,
//    then the library's order.
// 3. No cue in any recent message: the built-in label rule, then `ack_delay` (unchanged).
// Team cue words match whole words, case- and accent-insensitive, with an optional plural
// ("gift card" matches "Gift Cards"; a trailing * matches any ending: "rembours*"), and are
// skipped after "no need for" / "pas besoin de" (as the built-in refund cue is). They have no
// other negation or sense handling: that is what the built-in rules are for.
// A built-in intent is answered with its French version only when the team turned French
// templates on and the conversation is French (docs/PRODUCT.md: French conversations get the
// English templates unless French templates are configured).

import { z } from '../../zod';
import {
  RECENT_CUSTOMER_MESSAGES,
  suggestReply,
  type Cues,
  type ReplySuggestion,
  type SuggestInput,
  type SuggestLanguage,
  type SuggestReason,
} from '../suggest/suggest';
import {
  LIBRARY_VARIABLES,
  TEMPLATES,
  TEMPLATE_IDS,
  TEMPLATE_LANGUAGES,
  hasStrayBraces,
  isTemplateId,
  templateVariables,
  type TemplateId,
  type TemplateLanguage,
} from './templates';
import { foldText, originalSlice, rx } from '../suggest/text';
import { chronological, isCustomerMessage, messageId, messageText, type SopMessage } from '../wire';

export const LABEL_MAX = 80;
export const BODY_MAX = 5_000;
export const CUE_MAX = 60;
export const CUES_MAX = 30;
export const TEMPLATES_MAX = 200;

/** Where an imported template came from: a Chatwoot canned response (docs/CHATWOOT.md §6). */
export interface CannedSource {
  kind: 'canned';
  /** Chatwoot's canned response id. */
  id: number;
  shortCode: string;
  /** Chatwoot's `updated_at` when imported or last refreshed. */
  updatedAt: string | null;
  /** Chatwoot's text as imported: a refresh compares with it, so local edits are not mistaken
   * for changes in Chatwoot. */
  content: string;
}

export interface LibraryTemplate {
  /** Built-ins: their TemplateId (the EN and FR versions share it); others: `custom:…` or
   * `canned:<id>`. What the decision log records as `suggestedTemplate`. */
  id: string;
  label: string;
  body: string;
  language: TemplateLanguage;
  /** Team cue words. For a built-in they come on top of the built-in rules. */
  cues: string[];
  builtIn?: boolean;
  source?: CannedSource;
}

export interface TemplateLibrary {
  version: 1;
  /** French conversations get the French versions of the built-ins (off: English, docs/PRODUCT.md). */
  frenchTemplates: boolean;
  templates: LibraryTemplate[];
}

const cannedSourceSchema = z.object({
  kind: z.literal('canned'),
  id: z.number().check(z.int()),
  shortCode: z.string().check(z.maxLength(200)),
  updatedAt: z.nullable(z.string()),
  content: z.string().check(z.maxLength(BODY_MAX * 2)),
});
export const libraryTemplateSchema = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(120)),
  label: z.string().check(z.maxLength(LABEL_MAX)),
  body: z.string().check(z.maxLength(BODY_MAX)),
  language: z.enum(['en', 'fr']),
  cues: z.array(z.string().check(z.maxLength(CUE_MAX))).check(z.maxLength(CUES_MAX)),
  builtIn: z.optional(z.boolean()),
  source: z.optional(cannedSourceSchema),
});
/** The stored and exported shape (settings export/import, managed settings). */
export const templateLibrarySchema = z.object({
  version: z.literal(1),
  frenchTemplates: z.boolean(),
  templates: z.array(libraryTemplateSchema).check(z.maxLength(TEMPLATES_MAX)),
});

/** French versions of the built-ins: our translation ("vous"), for the team to check and edit. */
export const FRENCH_BUILT_INS: Readonly<Record<TemplateId, { label: string; body: string }>> = {
  ack_delay: {
    label: 'Retard : accusé de réception',
    body: 'Bonjour {{name}}, merci de votre patience. Je vérifie votre commande dès maintenant et je reviens vers vous très vite avec des nouvelles.',
  },
  ship_update: {
    label: 'Livraison : point sur le colis',
    body: 'Merci de nous avoir contactés, {{name}}. Votre commande est chez notre transporteur et je lance tout de suite une vérification de son statut.',
  },
  refund_offer: {
    label: 'Offre de remboursement',
    body: 'Je suis désolé pour ce désagrément, {{name}}. Je peux vous rembourser immédiatement ou vous proposer un avoir : dites-moi ce qui vous convient le mieux.',
  },
};

export function defaultBuiltIn(id: TemplateId, language: TemplateLanguage): LibraryTemplate {
  const text = language === 'fr' ? FRENCH_BUILT_INS[id] : TEMPLATES[id];
  return { id, label: text.label, body: text.body, language, cues: [], builtIn: true };
}

/** The library as shipped: the three built-ins, English then French; French off. */
export function defaultLibrary(): TemplateLibrary {
  return {
    version: 1,
    frenchTemplates: false,
    templates: TEMPLATE_LANGUAGES.flatMap((language) =>
      TEMPLATE_IDS.map((id) => defaultBuiltIn(id, language)),
    ),
  };
}

/** One entry per (id, language): the EN and FR versions of a built-in share the id. */
export function templateKey(t: Pick<LibraryTemplate, 'id' | 'language'>): string {
  return `${t.id}|${t.language}`;
}

/**
 * A stored or imported value as a usable library: unreadable → the defaults; a missing
 * built-in version is put back; duplicates dropped (first kept); `builtIn` follows the id.
 */
export function normaliseLibrary(value: unknown): TemplateLibrary {
  const parsed = templateLibrarySchema.safeParse(value);
  if (!parsed.success) return defaultLibrary();
  const seen = new Set<string>();
  const templates: LibraryTemplate[] = [];
  for (const t of parsed.data.templates) {
    const key = templateKey(t);
    if (seen.has(key)) continue;
    seen.add(key);
    const builtIn = isTemplateId(t.id);
    const { builtIn: _flag, source, ...rest } = t;
    templates.push(builtIn ? { ...rest, builtIn: true } : source ? { ...rest, source } : rest);
  }
  for (const language of TEMPLATE_LANGUAGES) {
    for (const id of TEMPLATE_IDS) {
      if (!seen.has(templateKey({ id, language }))) templates.push(defaultBuiltIn(id, language));
    }
  }
  return { version: 1, frenchTemplates: parsed.data.frenchTemplates, templates };
}

// ── Validation ─────────────────────────────────────────────────────────────────────────

export type TemplateIssue =
  | { field: 'label'; code: 'label_empty' | 'label_too_long' }
  | { field: 'label'; code: 'label_taken' }
  | { field: 'body'; code: 'body_empty' | 'body_too_long' | 'unmatched_braces' }
  | { field: 'body'; code: 'unknown_variable'; variable: string }
  | { field: 'cues'; code: 'too_many_cues' }
  | { field: 'cues'; code: 'cue_no_word' | 'cue_too_long'; cue: string }
  | { field: 'cues'; code: 'cue_taken'; cue: string; by: string };

/** Problems with the body alone: a template with any of these is never suggested. */
export function bodyIssues(body: string): TemplateIssue[] {
  const issues: TemplateIssue[] = [];
  if (body.trim() === '') issues.push({ field: 'body', code: 'body_empty' });
  if (body.length > BODY_MAX) issues.push({ field: 'body', code: 'body_too_long' });
  for (const variable of templateVariables(body)) {
    if (!(LIBRARY_VARIABLES as readonly string[]).includes(variable)) {
      issues.push({ field: 'body', code: 'unknown_variable', variable });
    }
  }
  if (hasStrayBraces(body)) issues.push({ field: 'body', code: 'unmatched_braces' });
  return issues;
}

/** Every problem with `t` as it would be saved into `library` (replacing its own key). */
export function templateIssues(t: LibraryTemplate, library: TemplateLibrary): TemplateIssue[] {
  const issues: TemplateIssue[] = [];
  const label = t.label.trim();
  if (label === '') issues.push({ field: 'label', code: 'label_empty' });
  if (label.length > LABEL_MAX) issues.push({ field: 'label', code: 'label_too_long' });
  const others = library.templates.filter((o) => templateKey(o) !== templateKey(t));
  if (
    label !== '' &&
    others.some((o) => o.language === t.language && fold(o.label) === fold(label))
  ) {
    issues.push({ field: 'label', code: 'label_taken' });
  }
  issues.push(...bodyIssues(t.body));
  if (t.cues.length > CUES_MAX) issues.push({ field: 'cues', code: 'too_many_cues' });
  for (const cue of t.cues) {
    if (cuePattern(cue) === null) issues.push({ field: 'cues', code: 'cue_no_word', cue });
    else if (cue.length > CUE_MAX) issues.push({ field: 'cues', code: 'cue_too_long', cue });
    // The EN and FR versions of one built-in answer the same intent: they may share cues.
    const taken = others.find((o) => o.id !== t.id && o.cues.some((c) => fold(c) === fold(cue)));
    if (taken) issues.push({ field: 'cues', code: 'cue_taken', cue, by: taken.label });
  }
  return issues;
}

/** A label or cue as compared: case, accents and spacing folded. */
export function fold(s: string): string {
  return foldText(s).text.trim();
}

// ── Suggestion ─────────────────────────────────────────────────────────────────────────

export type LibraryReason = 'team_cue' | SuggestReason;

export interface LibrarySuggestion {
  /** The template to send (`template.id`: what the decision log records). */
  template: LibraryTemplate;
  templateId: string;
  reason: LibraryReason;
  /** Why, in plain English (as the built-in rules word it). */
  cue: string;
  /** The customer's words (or the label) that decided; null for the default. */
  matchedText: string | null;
  messageId: number | null;
  label: string | null;
  /** The conversation's language. */
  language: SuggestLanguage;
  /** What the built-in rules alone chose. */
  builtIn: ReplySuggestion;
}

interface TeamHit {
  template: LibraryTemplate;
  order: number;
  start: number;
  end: number;
}

/** Set by "no need for" / "pas besoin de" just before the cue. */
const NEGATED_BEFORE =
  /(?<![\p{L}\p{N}])(?:no need (?:for|of)|(?:do not|don'?t|doesn'?t|did not|didn'?t) need|(?:pas|plus) besoin (?:de|d')|sans) ?(?:(?:a|an|the|any|my|un|une|le|la|les|mon|ma|mes|de|du|des|l'|d') ?)?$/u;

/** Whole words, optional plural (s, es, x) or, with a trailing `*`, any ending. */
export function cuePattern(cue: string): RegExp | null {
  const folded = fold(cue);
  const wildcard = folded.endsWith('*');
  const core = (wildcard ? folded.slice(0, -1) : folded).trim();
  if (!/[\p{L}\p{N}]/u.test(core)) return null;
  const escaped = core.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const ending = wildcard
    ? String.raw`[\p{L}\p{N}'-]*`
    : /[\p{L}]$/u.test(core)
      ? '(?:s|es|x)?'
      : '';
  return rx(escaped + ending);
}

/** Templates that may be suggested: a body with no problem and a label. */
function usable(t: LibraryTemplate): boolean {
  return t.label.trim() !== '' && bodyIssues(t.body).length === 0;
}

function teamHit(text: string, library: TemplateLibrary): (TeamHit & { words: string }) | null {
  const folded = foldText(text);
  let best: TeamHit | null = null;
  for (const [order, template] of library.templates.entries()) {
    if (!usable(template)) continue;
    for (const cue of template.cues) {
      const pattern = cuePattern(cue);
      if (!pattern) continue;
      for (const match of folded.text.matchAll(pattern)) {
        const start = match.index;
        const end = start + match[0].length;
        if (NEGATED_BEFORE.test(folded.text.slice(Math.max(0, start - 40), start))) continue;
        const hit = { template, order, start, end };
        if (best === null || better(hit, best)) best = hit;
        break; // the first occurrence of this cue is its best
      }
    }
  }
  return best === null ? null : { ...best, words: originalSlice(folded, best.start, best.end) };
}

function better(a: TeamHit, b: TeamHit): boolean {
  const length = a.end - a.start - (b.end - b.start);
  if (length !== 0) return length > 0;
  if (a.start !== b.start) return a.start < b.start;
  return a.order < b.order;
}

/** The version of a built-in to send for this conversation (see the header). */
export function builtInFor(
  library: TemplateLibrary,
  id: TemplateId,
  language: SuggestLanguage,
): LibraryTemplate {
  const find = (lang: TemplateLanguage) =>
    library.templates.find((t) => t.id === id && t.language === lang && usable(t));
  const french = library.frenchTemplates && language === 'fr' ? find('fr') : undefined;
  return french ?? find('en') ?? defaultBuiltIn(id, 'en');
}

/**
 * The template to suggest from the team's library, and why; null when there is no customer
 * message to answer (as `suggestReply`). Precedence: see the header of this file.
 */
export function suggestFromLibrary(
  input: SuggestInput,
  library: TemplateLibrary,
  cues: Cues,
): LibrarySuggestion | null {
  const builtIn = suggestReply(input, cues);
  if (builtIn === null) return null;
  // The same messages, in the same order, as suggestReply reads them.
  const customer = chronological(input.messages ?? [])
    .filter((m) => isCustomerMessage(m) && messageText(m) !== '')
    .slice(-RECENT_CUSTOMER_MESSAGES)
    .reverse();
  const decidedAt =
    builtIn.reason === 'cue' ? decidingIndex(customer, builtIn) : customer.length - 1;

  for (let index = 0; index <= decidedAt && index < customer.length; index++) {
    const message = customer[index]!;
    const hit = teamHit(messageText(message), library);
    if (!hit) continue;
    const template = isTemplateId(hit.template.id)
      ? builtInFor(library, hit.template.id, builtIn.language)
      : hit.template;
    const where = index === 0 ? "the customer's latest message" : 'an earlier customer message';
    return {
      template,
      templateId: template.id,
      reason: 'team_cue',
      cue: `Team cue "${hit.words}" in ${where} (template "${template.label}")`,
      matchedText: hit.words,
      messageId: messageId(message) ?? null,
      label: null,
      language: builtIn.language,
      builtIn,
    };
  }

  const template = builtInFor(library, builtIn.templateId, builtIn.language);
  return {
    template,
    templateId: template.id,
    reason: builtIn.reason,
    cue: builtIn.cue,
    matchedText: builtIn.matchedText,
    messageId: builtIn.messageId,
    label: builtIn.label,
    language: builtIn.language,
    builtIn,
  };
}

/** Where in `customer` (newest first) the built-in rules found their cue. */
function decidingIndex(customer: readonly SopMessage[], builtIn: ReplySuggestion): number {
  if (builtIn.messageId !== null) {
    const index = customer.findIndex((m) => messageId(m) === builtIn.messageId);
    if (index >= 0) return index;
  }
  const words = builtIn.matchedText ?? '';
  const index = customer.findIndex((m) => words !== '' && messageText(m).includes(words));
  return index >= 0 ? index : 0;
}
