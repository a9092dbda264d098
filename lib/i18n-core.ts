// The translator without the words: pages load their language's table at run time
// (components/i18n.tsx fetches /i18n/<locale>.json, written from lib/i18n.ts at build), so
// neither page bundles both languages' ~35 KB of copy as code (issue 8's panel budget).
// Types only from lib/i18n.ts: importing this module pulls no strings in.

import type { ApiErrorKind } from './chatwoot/errors';
import type { MessageKey } from './i18n';

export type { MessageKey };

export type Locale = 'en' | 'fr';

export type StringTable = Readonly<Record<MessageKey, string>>;

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function resolveLocale(setting: 'auto' | Locale, browserLanguage: string): Locale {
  if (setting !== 'auto') return setting;
  return browserLanguage.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/** `{name}` placeholders filled from `vars`; a key missing from the table reads as itself. */
export function translatorFor(table: Partial<StringTable>): Translate {
  return (key, vars) =>
    (table[key] ?? key).replace(/\{(\w+)\}/g, (whole, name: string) =>
      vars && name in vars ? String(vars[name]) : whole,
    );
}

export function errorKey(kind: ApiErrorKind): MessageKey {
  return `err_${kind}`;
}
