import { describe, expect, it } from 'vitest';
import { chromeMessages, LOCALES, localeFile, stringsFile } from '../../../lib/i18n/chrome-locales';
import { translatorFor } from '../../../lib/i18n/core';
import { MESSAGE_KEYS, translator } from '../../../lib/i18n/words';

// _locales/<lang>/messages.json are generated from lib/i18n/words.ts at build time (wxt.config.ts):
// the manifest's name, description and shortcut through chrome.i18n, every other string for
// translators. The e2e suite checks the built files and the manifest that uses them.

describe('chrome.i18n locale files', () => {
  it.each(LOCALES)('%s: one entry per key, valid chrome.i18n names', (locale) => {
    const messages = chromeMessages(locale);
    expect(Object.keys(messages)).toEqual(MESSAGE_KEYS);
    for (const name of Object.keys(messages)) expect(name).toMatch(/^[A-Za-z0-9_]+$/);
    expect(JSON.parse(localeFile(locale))).toEqual(messages);
  });

  it('turns {placeholders} into $named$ placeholders, in order, the same in both languages', () => {
    const en = chromeMessages('en');
    const fr = chromeMessages('fr');
    expect(en.sent).toEqual({
      message: 'Reply sent to $customer$.',
      placeholders: { customer: { content: '$1' } },
    });
    expect(fr.opt_signed_in).toEqual({
      message: 'Connecté en tant que $name$ ($email$) — compte « $account$ ».',
      placeholders: {
        name: { content: '$1' },
        email: { content: '$2' },
        account: { content: '$3' },
      },
    });
    for (const key of MESSAGE_KEYS) {
      expect(Object.keys(fr[key]?.placeholders ?? {}).sort(), key).toEqual(
        Object.keys(en[key]?.placeholders ?? {}).sort(),
      );
    }
  });

  it('escapes a literal $ and keeps {{name}} template variables as text', () => {
    expect(chromeMessages('en').reason_refund_over_500?.message).toBe('Refund over $$500');
    const hint = chromeMessages('en').tpl_body_hint;
    expect(hint?.message).toContain('{{name}}');
    expect(hint?.placeholders).toBeUndefined();
  });

  it.each(LOCALES)('%s: the manifest words fit Chrome Web Store limits', (locale) => {
    const t = translator(locale);
    expect(t('ext_name').length).toBeLessThanOrEqual(45); // name: 75 max, 45 shown
    expect(t('ext_description').length).toBeLessThanOrEqual(132);
    expect(t('ext_action_title').length).toBeGreaterThan(0);
    expect(t('ext_command_open').length).toBeGreaterThan(0);
  });
});

describe('the pages’ string files (/i18n/<locale>.json)', () => {
  it.each(LOCALES)(
    '%s: every key, and the page translator reads them as the in-code one',
    (locale) => {
      const table = JSON.parse(stringsFile(locale)) as Record<string, string>;
      expect(Object.keys(table).sort()).toEqual([...MESSAGE_KEYS].sort());
      const fromFile = translatorFor(table);
      const inCode = translator(locale);
      for (const key of MESSAGE_KEYS) {
        expect(fromFile(key, { n: 3, detail: 'x', name: 'Ana' })).toBe(
          inCode(key, { n: 3, detail: 'x', name: 'Ana' }),
        );
      }
    },
  );

  it('a key missing from a loaded table reads as the key (visible, not blank)', () => {
    expect(translatorFor({})('approve')).toBe('approve');
    expect(translatorFor({ approve: 'Go {n}' })('approve', { n: 2 })).toBe('Go 2');
  });
});
