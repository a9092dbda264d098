import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_ERROR_KINDS } from '../../../lib/chatwoot/errors';
import {
  errorKey,
  MESSAGE_KEYS,
  resolveLocale,
  translator,
  type MessageKey,
} from '../../../lib/i18n/words';

// docs/PRODUCT.md "Words": every string in EN and FR, "vous", French ≈ 30 % longer, so button text
// ≤ 25 characters and toasts ≤ 80.

const en = translator('en');
const fr = translator('fr');
const placeholders = (text: string) =>
  [...text.matchAll(/(?<!\{)\{(\w+)\}(?!\})/g)].map((m) => m[1]).sort();

/** Words on buttons (besides those the components scan below finds). */
const BUTTON_KEYS: MessageKey[] = [
  'approve',
  'edit',
  'escalate',
  'resolve',
  'confirm_send',
  'confirm_escalate',
  'confirm_resolve',
  'cancel',
  'retry',
  'refresh',
  'open_options',
  'opt_save',
  'opt_export',
  'opt_import',
  'mock_reset',
  'mock_back',
  'view_triage',
  'view_log',
  'export_csv',
  'purge_open',
  'purge_confirm',
  'ai_ask',
  'ai_again',
];

/** Toasts (components/shared/Toasts.tsx), with the longest values they are given in practice. */
const TOASTS: [MessageKey, Record<string, string | number>?][] = [
  ['sent', { customer: 'Marie-Christine Lefèvre' }],
  ['logged'],
  ['escalated_toast'],
  ['resolved_toast'],
  ['queued_toast'],
  ['paused_toast'],
  ['signin_toast'],
  ['network_error'],
  ['retry_please'],
  ['mock_reset_done', { n: 10_000 }],
  // A failed action toasts its error's words (ActionBar); `{detail}` is Chatwoot's own text.
  ...API_ERROR_KINDS.map((kind): [MessageKey, Record<string, string>] => [
    errorKey(kind),
    { detail: '' },
  ]),
];

const COMPONENTS = path.resolve(__dirname, '../../../components');
const sources = readdirSync(COMPONENTS, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.tsx'))
  .map((f) => readFileSync(path.join(COMPONENTS, f), 'utf8'));

describe('the EN and FR tables', () => {
  it('have every key, none empty, and French is French', () => {
    expect(MESSAGE_KEYS.length).toBeGreaterThan(300);
    for (const key of MESSAGE_KEYS) {
      expect(en(key).trim(), key).not.toBe('');
      expect(fr(key).trim(), key).not.toBe('');
    }
    // Not an English copy: most French strings differ from the English ones.
    const same = MESSAGE_KEYS.filter((k) => en(k) === fr(k));
    expect(same.length / MESSAGE_KEYS.length).toBeLessThan(0.1);
  });

  it('have the same placeholders in both languages', () => {
    for (const key of MESSAGE_KEYS) {
      expect(placeholders(fr(key)), key).toEqual(placeholders(en(key)));
    }
  });

  it('keep the copy table of docs/PRODUCT.md word for word', () => {
    const table: [MessageKey, string, string][] = [
      ['approve', 'Approve & Send Reply', 'Approuver et envoyer la réponse'],
      ['edit', 'Edit Reply', 'Modifier la réponse'],
      ['escalate', 'Escalate to Manager', 'Escalader au gestionnaire'],
      ['resolve', 'Mark Resolved', 'Marquer comme résolu'],
      ['breached', 'SLA breached', 'SLA dépassé'],
      ['none', 'No SLA breaches detected.', 'Aucun dépassement de SLA détecté.'],
      ['title', 'CX Escalation — {customer}', 'Escalade CX — {customer}'],
      ['priority', 'Priority', 'Priorité'],
      ['breach_ago', 'SLA: Breached ({time} ago)', 'SLA : Dépassé (il y a {time})'],
      ['last_message', 'Last Message: {time} ago', 'Dernier message : il y a {time}'],
      ['suggestion', 'Suggested Reply:', 'Réponse suggérée :'],
      ['sent', 'Reply sent to {customer}.', 'Réponse envoyée à {customer}.'],
      [
        'logged',
        'Decision logged to audit trail.',
        "Décision enregistrée dans le journal d'audit.",
      ],
      [
        'network_error',
        'Unable to send reply. Network error.',
        "Impossible d'envoyer la réponse. Erreur réseau.",
      ],
      ['retry_please', 'Please try again.', 'Veuillez réessayer.'],
    ];
    for (const [key, english, french] of table) {
      expect(en(key)).toBe(english);
      expect(fr(key)).toBe(french);
    }
  });

  it('keep French button text within 25 characters (the copy table’s Approve excepted)', () => {
    const scanned = sources.flatMap((s) =>
      [...s.matchAll(/\{t\('(\w+)'[^}]*\}\s*<\/button>/g)].map((m) => m[1] as MessageKey),
    );
    expect(scanned.length).toBeGreaterThan(20); // the scan does find the buttons
    const keys = [...new Set([...BUTTON_KEYS, ...scanned])];
    const tooLong = keys
      .filter((k) => fr(k).length > 25)
      .map((k) => `${k}: “${fr(k)}” (${fr(k).length})`);
    // docs/PRODUCT.md's own table gives this label 31 characters; it is kept word for word (it wraps
    // at 320 px, see tests/e2e/panel/a11y.spec.ts), the one exception to its 25-character rule.
    expect(tooLong).toEqual(['approve: “Approuver et envoyer la réponse” (31)']);
  });

  it('keep toasts within 80 characters, in both languages', () => {
    const scanned = sources.flatMap((s) =>
      [...s.matchAll(/toast\(\s*t\('(\w+)'/g)].map((m) => m[1] as MessageKey),
    );
    const listed = new Set(TOASTS.map(([key]) => key));
    expect(scanned.filter((k) => !listed.has(k))).toEqual([]); // every toast is measured
    for (const [key, vars] of TOASTS) {
      expect(en(key, vars).length, `${key}: ${en(key, vars)}`).toBeLessThanOrEqual(80);
      expect(fr(key, vars).length, `${key}: ${fr(key, vars)}`).toBeLessThanOrEqual(80);
    }
  });

  it('address the user as “vous”, never “tu”', () => {
    for (const key of MESSAGE_KEYS) {
      expect(fr(key), key).not.toMatch(/(?<!\p{L})(tu|toi|ton|ta|tes)(?!\p{L})/iu);
    }
  });
});

describe('resolveLocale', () => {
  it.each([
    ['auto', 'fr-CA', 'fr'],
    ['auto', 'fr', 'fr'],
    ['auto', 'en-GB', 'en'],
    ['auto', 'de-DE', 'en'],
    ['fr', 'en-US', 'fr'],
    ['en', 'fr-FR', 'en'],
  ] as const)('setting %s with browser %s → %s', (setting, browserLanguage, expected) => {
    expect(resolveLocale(setting, browserLanguage)).toBe(expected);
  });
});
