import { describe, expect, it } from 'vitest';
import { stringsFile } from '../../../lib/i18n/chrome-locales';
import { translatorFor, wordsLoader, type Locale } from '../../../lib/i18n/core';

// How a page gets its words (components/shared/i18n.tsx): the build's /i18n/<locale>.json, read once;
// a file that fails gives English, then the message keys.

const FILES: Record<Locale, unknown> = {
  en: JSON.parse(stringsFile('en')),
  fr: JSON.parse(stringsFile('fr')),
};

function setup(broken: Partial<Record<Locale, unknown>> = {}) {
  const reads: Locale[] = [];
  const reported: Array<[Locale, string]> = [];
  const words = wordsLoader(
    async (locale) => {
      reads.push(locale);
      if (locale in broken) throw broken[locale];
      return FILES[locale];
    },
    (locale, error) => reported.push([locale, String(error)]),
  );
  return { words, reads, reported };
}

describe('wordsLoader', () => {
  it.each<[Locale, string]>([
    ['en', 'Approve & Send Reply'],
    ['fr', 'Approuver et envoyer la réponse'],
  ])('gives the %s words from the build file', async (locale, approve) => {
    const { words, reads, reported } = setup();
    expect(translatorFor(await words(locale))('approve')).toBe(approve);
    expect(reads).toEqual([locale]);
    expect(reported).toEqual([]);
  });

  it('reads each language once, however many times it is asked', async () => {
    const { words, reads } = setup();
    await Promise.all([words('fr'), words('fr')]);
    await words('fr');
    expect(reads).toEqual(['fr']);
  });

  it('falls back to English when the French file cannot be read, and says why', async () => {
    const { words, reads, reported } = setup({ fr: new Error('/i18n/fr.json: HTTP 404') });
    expect(translatorFor(await words('fr'))('approve')).toBe('Approve & Send Reply');
    expect(reads).toEqual(['fr', 'en']);
    expect(reported).toEqual([['fr', 'Error: /i18n/fr.json: HTTP 404']]);
  });

  it('shows the message keys when no file can be read, rather than nothing', async () => {
    const { words, reported } = setup({ fr: new Error('gone'), en: new Error('gone too') });
    expect(translatorFor(await words('fr'))('approve')).toBe('approve');
    expect(reported.map(([locale]) => locale)).toEqual(['fr', 'en']);
  });

  it('does not keep a failure: the next ask reads the file again', async () => {
    let fail = true;
    const reads: Locale[] = [];
    const words = wordsLoader(
      async (locale) => {
        reads.push(locale);
        if (fail) throw new SyntaxError('Unexpected end of JSON input');
        return FILES[locale];
      },
      () => undefined,
    );
    expect(await words('en')).toEqual({});
    fail = false;
    expect(translatorFor(await words('en'))('approve')).toBe('Approve & Send Reply');
    expect(reads).toEqual(['en', 'en']);
  });

  it('keeps only string values from a file (a damaged file cannot put markup or objects in)', async () => {
    const words = wordsLoader(
      async () => ({ approve: 'OK', resolve: { html: '<b>x</b>' }, edit: 3, escalate: null }),
      () => undefined,
    );
    expect(await words('en')).toEqual({ approve: 'OK' });
    const notAnObject = wordsLoader(
      async () => 'approve',
      () => undefined,
    );
    expect(await notAnObject('en')).toEqual({});
  });
});
