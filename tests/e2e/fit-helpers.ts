import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

// Shared by the accessibility, keyboard and French runs (issue 7).

export type Locale = 'en' | 'fr';
export type Scheme = 'light' | 'dark';
export const SCHEMES: readonly Scheme[] = ['light', 'dark'];
export const LOCALES: readonly Locale[] = ['en', 'fr'];

/** The language override, as the options page stores it; the open pages follow at once. */
export async function setLocale(page: Page, locale: Locale | 'auto'): Promise<void> {
  await page.evaluate(async (value) => {
    const { chrome } = globalThis as unknown as {
      chrome: {
        storage: {
          local: { get(k: string): Promise<Record<string, object>>; set(v: object): Promise<void> };
        };
      };
    };
    const { settings } = await chrome.storage.local.get('settings');
    await chrome.storage.local.set({ settings: { ...settings, locale: value } });
  }, locale);
  if (locale !== 'auto') await expect(page.locator('html')).toHaveAttribute('lang', locale);
}

export interface Violation {
  state: string;
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

/** axe on the page as it is now, in each language and colour scheme; violations collected. */
export async function axeEveryVariant(
  page: Page,
  state: string,
  found: Violation[],
  opts: { locales?: readonly Locale[]; ready?: (locale: Locale) => Promise<void> } = {},
): Promise<void> {
  for (const locale of opts.locales ?? LOCALES) {
    await setLocale(page, locale);
    await opts.ready?.(locale);
    for (const scheme of SCHEMES) {
      await page.emulateMedia({ colorScheme: scheme });
      const result = await new AxeBuilder({ page }).analyze();
      for (const v of result.violations) {
        found.push({
          state: `${state} [${locale}, ${scheme}]`,
          id: v.id,
          impact: v.impact,
          help: v.help,
          targets: v.nodes.map((n) => n.target.join(' ')),
        });
      }
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await setLocale(page, 'en');
}

/** Nothing wider than the viewport: no horizontal scrolling, no control cut off at the edge. */
export async function overflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const root = document.scrollingElement ?? document.documentElement;
    if (root.scrollWidth > root.clientWidth) {
      problems.push(`page scrolls sideways: ${root.scrollWidth} > ${root.clientWidth}`);
    }
    const width = document.documentElement.clientWidth;
    for (const el of document.querySelectorAll<HTMLElement>(
      'button, a, input, select, textarea, h1, h2, p, li, label',
    )) {
      const rect = el.getBoundingClientRect();
      if (!rect.width || el.closest('.sr-only')) continue;
      if (rect.right > width + 1 || rect.left < -1) {
        const text = (el.textContent ?? '').trim().slice(0, 40);
        problems.push(
          `${el.tagName.toLowerCase()} “${text}” ends at ${Math.round(rect.right)} of ${width}`,
        );
      }
    }
    return problems;
  });
}

/** Browser zoom: 200 % of a `width`-pixel window lays out `width / 2` CSS pixels at device
 * scale 2, which is what this sets (the side panel cannot be zoomed from a test). */
export async function zoom200(page: Page, width: number, height: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setDeviceMetricsOverride', {
    width: width / 2,
    height: height / 2,
    deviceScaleFactor: 2,
    mobile: false,
  });
}
