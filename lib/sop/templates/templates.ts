// The one template layer (SOP-CX-002): the three built-in templates and the `{{variable}}`
// language every template body uses, built-in or the team's (lib/sop/templates/library.ts): which
// variables exist, how a body is checked for them, and how it is rendered.
// Built-in bodies are byte-for-byte the product's: note the em dash in refund_offer
// ("credit—let") and the straight apostrophe in "I'm".
// Rendering produces plain text. Escaping is the UI's job (render as text, never as markup),
// so a name like "<b>Ann</b>" stays exactly that here.

/** The built-in templates; what the decision log records as `suggestedTemplate` for them. */
export type TemplateId = 'ack_delay' | 'ship_update' | 'refund_offer';

export type TemplateLanguage = 'en' | 'fr';
export const TEMPLATE_LANGUAGES: readonly TemplateLanguage[] = ['en', 'fr'];

export interface Template {
  id: TemplateId;
  /** The label shown to the operator (runbook "Label"). */
  label: string;
  body: string;
  /** When to use it (runbook "Use cases"), for the panel's explanation. */
  useCases: string;
}

export const TEMPLATE_IDS: readonly TemplateId[] = ['ack_delay', 'ship_update', 'refund_offer'];

export const TEMPLATES: Readonly<Record<TemplateId, Template>> = {
  ack_delay: {
    id: 'ack_delay',
    label: 'Acknowledge delay',
    body: "Hi {{name}}, thanks for your patience. I'm checking on your order now and will follow up with an update shortly.",
    useCases: 'Order status questions, general inquiry delays, investigation needed',
  },
  ship_update: {
    id: 'ship_update',
    label: 'Shipping updated',
    body: "Appreciate you reaching out, {{name}}. Your order is with our carrier and I'm expediting a status check right away.",
    useCases: 'Shipping delays, tracking issues, carrier questions',
  },
  refund_offer: {
    id: 'refund_offer',
    label: 'Refund offer',
    body: "I'm sorry for the trouble, {{name}}. I can refund this immediately or offer store credit\u2014let me know what works best.",
    useCases: 'Product defects, wrong item shipped, customer dissatisfaction, quality issues',
  },
};

/** The greeting name when Chatwoot has none (runbook: defaults to "Customer"). */
export const FALLBACK_NAME = 'Customer';

/**
 * `{{name}}`: the contact's name ("Customer" when Chatwoot has none, docs/PRODUCT.md).
 * `{{agent}}`: the operator's name as Chatwoot shows it to customers (profile `available_name`,
 * which agents set to how they sign), for sign-offs. Nothing else: every other value would be a
 * guess the customer reads.
 */
export const LIBRARY_VARIABLES = ['name', 'agent'] as const;

export function isTemplateId(value: unknown): value is TemplateId {
  return typeof value === 'string' && (TEMPLATE_IDS as readonly string[]).includes(value);
}

/**
 * The contact's name as the greeting shows it: trimmed, inner whitespace (newlines, tabs)
 * folded to one space; "Customer" when Chatwoot has no usable name.
 */
export function displayName(name: string | null | undefined): string {
  if (typeof name !== 'string') return FALLBACK_NAME;
  const cleaned = name.replace(/\s+/gu, ' ').trim();
  return cleaned === '' ? FALLBACK_NAME : cleaned;
}

/** `{{name}}`, with optional spaces inside the braces. */
export const VARIABLE = /\{\{\s*([A-Za-z_][A-Za-z0-9_.]*)\s*\}\}/g;

/** The variables a body uses, each once, in order of first use. */
export function templateVariables(body: string): string[] {
  const seen = new Set<string>();
  for (const match of body.matchAll(VARIABLE)) {
    if (match[1] !== undefined) seen.add(match[1]);
  }
  return [...seen];
}

/** Braces that are not a well-formed `{{variable}}`: they would reach the customer as typed. */
export function hasStrayBraces(body: string): boolean {
  return /\{\{|\}\}/.test(body.replace(VARIABLE, ''));
}

/**
 * Fills `{{variable}}`s with plain-text values. A variable with no value is an error rather
 * than a customer receiving "{{order}}" literally.
 */
export function renderBody(body: string, vars: Readonly<Record<string, string>>): string {
  return body.replace(VARIABLE, (_whole, name: string) => {
    const value = Object.prototype.hasOwnProperty.call(vars, name) ? vars[name] : undefined;
    if (value === undefined) throw new Error(`Template variable {{${name}}} has no value`);
    return value;
  });
}

/** A built-in template rendered for a contact (docs/PRODUCT.md "Templates"). */
export function renderTemplate(
  templateId: TemplateId,
  contact: { name?: string | null } = {},
): string {
  if (!isTemplateId(templateId)) throw new Error(`Unknown template: ${String(templateId)}`);
  return renderBody(TEMPLATES[templateId].body, { name: displayName(contact.name) });
}

/** `{{agent}}` when the operator is unknown (profile unreadable) or only an email is known. */
export const FALLBACK_AGENT: Readonly<Record<TemplateLanguage, string>> = {
  en: 'Customer Support',
  fr: 'Le service client',
};

/** The operator's name for `{{agent}}`: Chatwoot's display name, tidied; never an email. */
export function agentName(name: string | null | undefined, language: TemplateLanguage): string {
  const cleaned = typeof name === 'string' ? name.replace(/\s+/gu, ' ').trim() : '';
  return cleaned === '' || cleaned.includes('@') ? FALLBACK_AGENT[language] : cleaned;
}

export interface RenderContext {
  customerName?: string | null;
  agentName?: string | null;
}

/** A library template's reply for a contact, as plain text (the UI renders it as text). */
export function renderLibraryTemplate(
  t: { body: string; language: TemplateLanguage },
  context: RenderContext = {},
): string {
  return renderBody(t.body, {
    name: displayName(context.customerName),
    agent: agentName(context.agentName, t.language),
  });
}
