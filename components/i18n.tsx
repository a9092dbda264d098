import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { resolveLocale, translator, type Locale, type Translate } from '../lib/i18n';
import type { Settings } from '../lib/settings';

interface I18n {
  locale: Locale;
  t: Translate;
}

const I18nContext = createContext<I18n>({ locale: 'en', t: translator('en') });

export function I18nProvider(props: { setting: Settings['locale']; children: ReactNode }) {
  const locale = resolveLocale(props.setting, navigator.language);
  const value = useMemo(() => ({ locale, t: translator(locale) }), [locale]);
  useEffect(() => {
    document.documentElement.lang = locale; // screen readers pick the voice from it
  }, [locale]);
  return <I18nContext.Provider value={value}>{props.children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
