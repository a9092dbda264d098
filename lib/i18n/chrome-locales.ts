import { MESSAGE_KEYS, stringTable, translator, type Locale } from './words';

// _locales/<lang>/messages.json, generated from lib/i18n/words.ts at build time (wxt.config.ts) so
// the manifest's name, description and shortcut are localised by the browser, and translators
// see every string in the format they know. The pages keep using the in-code tables:
// chrome.i18n follows the browser language and cannot switch at run time, as the override must.

export interface ChromeMessage {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

// `{name}` is a placeholder; `{{name}}` (a template variable shown to the user) is literal.
const PLACEHOLDER = /(?<!\{)\{(\w+)\}(?!\})/g;

/** One table in chrome.i18n's format: `$` escaped, `{x}` → `$x$` with `$1…` in order. */
export function chromeMessages(locale: Locale): Record<string, ChromeMessage> {
  const t = translator(locale);
  const out: Record<string, ChromeMessage> = {};
  for (const key of MESSAGE_KEYS) {
    const text = t(key); // no values: placeholders stay as `{x}`
    const names: string[] = [];
    const message = text.replace(/\$/g, '$$$$').replace(PLACEHOLDER, (_whole, name: string) => {
      if (!names.includes(name)) names.push(name);
      return `$${name}$`;
    });
    out[key] = names.length
      ? {
          message,
          placeholders: Object.fromEntries(
            names.map((name, i) => [name, { content: `$${i + 1}` }]),
          ),
        }
      : { message };
  }
  return out;
}

export const LOCALES: readonly Locale[] = ['en', 'fr'];

export function localeFile(locale: Locale): string {
  return `${JSON.stringify(chromeMessages(locale), null, 2)}\n`;
}

/** /i18n/<locale>.json: the table the pages load (components/shared/i18n.tsx), `{x}` kept as is. */
export function stringsFile(locale: Locale): string {
  return JSON.stringify(stringTable(locale));
}
