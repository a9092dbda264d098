import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import {
  resolveLocale,
  translatorFor,
  wordsLoader,
  type Locale,
  type Translate,
} from '../../lib/i18n/core';
import type { Settings } from '../../lib/settings/settings';

interface I18n {
  locale: Locale;
  t: Translate;
}

const I18nContext = createContext<I18n>({ locale: 'en', t: translatorFor({}) });

// The words are data, not code: the build writes each language's table to /i18n/<locale>.json
// (wxt.config.ts, from lib/i18n/words.ts), and a page fetches only the one it shows, once.
const words = wordsLoader(
  async (locale) => {
    const res = await fetch(`/i18n/${locale}.json`);
    if (!res.ok) throw new Error(`/i18n/${locale}.json: HTTP ${res.status}`);
    return res.json() as Promise<unknown>;
  },
  (locale, error) => console.error(`Could not load the interface words (${locale})`, error),
);

export function I18nProvider(props: { setting: Settings['locale']; children: ReactNode }) {
  const locale = resolveLocale(props.setting, navigator.language);
  const [value, setValue] = useState<I18n | null>(null);
  useEffect(() => {
    let live = true;
    void words(locale).then((table) => live && setValue({ locale, t: translatorFor(table) }));
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
