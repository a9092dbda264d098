// The translator without the words: pages load their language's table at run time
// (components/shared/i18n.tsx fetches /i18n/<locale>.json, written from lib/i18n/words.ts at build), so
// neither page bundles both languages' ~35 KB of copy as code (issue 8's panel budget).
// Types only from lib/i18n/words.ts: importing this module pulls no strings in.

import type { ApiErrorKind } from '../chatwoot/errors';
import type { MessageKey } from './words';

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

/** Reads one of the build's word files (`/i18n/<locale>.json`); rejects when it can't. */
export type ReadWords = (locale: Locale) => Promise<unknown>;

/**
 * A page's words, each language read once. A file that can't be read or parsed is reported
 * and not kept (the next ask reads it again); the page then gets English, and if even that
 * fails, the message keys: a broken build shows something, never nothing.
 */
export function wordsLoader(
  read: ReadWords,
  report: (locale: Locale, error: unknown) => void,
): (locale: Locale) => Promise<Partial<StringTable>> {
  const tables = new Map<Locale, Promise<Partial<StringTable>>>();
  const load = (locale: Locale) => {
    let table = tables.get(locale);
    if (!table) {
      table = read(locale).then((data) =>
        Object.fromEntries(
          Object.entries(data && typeof data === 'object' ? data : {}).filter(
            ([, v]) => typeof v === 'string',
          ),
        ),
      );
      tables.set(locale, table);
    }
    return table;
  };
  const orNothing = (locale: Locale) =>
    load(locale).catch((error: unknown) => {
      report(locale, error);
      tables.delete(locale);
      return null;
    });
  return async (locale) =>
    (await orNothing(locale)) ?? (locale === 'en' ? null : await orNothing('en')) ?? {};
}
