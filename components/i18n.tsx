import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import {
  resolveLocale,
  translatorFor,
  type Locale,
  type StringTable,
  type Translate,
} from '../lib/i18n-core';
import type { Settings } from '../lib/settings';

interface I18n {
  locale: Locale;
  t: Translate;
}

const I18nContext = createContext<I18n>({ locale: 'en', t: translatorFor({}) });

// The words are data, not code: the build writes each language's table to /i18n/<locale>.json
// (wxt.config.ts, from lib/i18n.ts), and a page fetches only the one it shows, once.
const tables = new Map<Locale, Promise<Partial<StringTable>>>();

function loadTable(locale: Locale): Promise<Partial<StringTable>> {
  let table = tables.get(locale);
  if (!table) {
    table = fetch(`/i18n/${locale}.json`)
      .then((res) => {
        if (!res.ok) throw new Error(`/i18n/${locale}.json: HTTP ${res.status}`);
        return res.json() as Promise<unknown>;
      })
      .then((data) =>
        Object.fromEntries(
          Object.entries(data && typeof data === 'object' ? data : {}).filter(
            ([, v]) => typeof v === 'string',
          ),
        ),
      );
    tables.set(locale, table);
  }
  return table;
}

export function I18nProvider(props: { setting: Settings['locale']; children: ReactNode }) {
  const locale = resolveLocale(props.setting, navigator.language);
  const [value, setValue] = useState<I18n | null>(null);
  useEffect(() => {
    let live = true;
    loadTable(locale)
      .catch((error: unknown) => {
        // A broken build: say why, then English, then the message keys rather than nothing.
        console.error(`Could not load the interface words (${locale})`, error);
        tables.delete(locale);
        if (locale === 'en') return {};
        return loadTable('en').catch(() => {
          tables.delete('en');
          return {};
        });
      })
      .then((table) => live && setValue({ locale, t: translatorFor(table) }));
    return () => {
      live = false;
    };
  }, [locale]);
  useEffect(() => {
    document.documentElement.lang = locale; // screen readers pick the voice from it
  }, [locale]);
  // Until the words arrive (one local file, a few ms) there is nothing to say.
  if (!value) return null;
  return <I18nContext.Provider value={value}>{props.children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
