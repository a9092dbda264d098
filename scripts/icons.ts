import { Resvg } from '@resvg/resvg-js';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// The extension's icons, drawn from one SVG (assets/icon/mark.svg) at every build: the manifest
// sizes, plus the toolbar states that lib/platform/action-icon.ts sets per tab. Called by the
// `build:publicAssets` hook in wxt.config.ts; nothing generated is committed.

export const ICON_SIZES = [16, 32, 48, 128] as const;
/** Also drawn: the pages' header mark (BrandHeader.tsx), sharp at 2x without the store margin. */
const EXTRA_SIZES = [64] as const;

/** Toolbar states; `on` is also the manifest's icon (the store and chrome://extensions). */
export const ICON_VARIANTS = {
  on: { tile: '#1F5FCF', dot: null },
  off: { tile: '#6B7280', dot: null }, // not connected: grey
  live: { tile: '#1F5FCF', dot: '#12B76A' }, // this tab is the connected Chatwoot
} as const;
export type IconVariant = keyof typeof ICON_VARIANTS;

const SOURCE = path.resolve(import.meta.dirname, '../assets/icon/mark.svg');
const MARK_COLOUR = '#1F5FCF';

/** The mark in one variant's colours, with the "live" dot drawn over its corner. */
export function variantSvg(variant: IconVariant, source = readFileSync(SOURCE, 'utf8')): string {
  const { tile, dot } = ICON_VARIANTS[variant];
  const svg = source.replaceAll(MARK_COLOUR, tile);
  if (!dot) return svg;
  const badge = `<circle cx="104" cy="24" r="22" fill="${dot}" stroke="#FFFFFF" stroke-width="7"/>`;
  return svg.replace('</svg>', `${badge}</svg>`);
}

/** `icon/<variant>-<size>.png` for every variant and size; returns [relative, absolute] pairs. */
export function renderIcons(outDir: string): Array<[string, string]> {
  const source = readFileSync(SOURCE, 'utf8');
  mkdirSync(outDir, { recursive: true });
  const written: Array<[string, string]> = [];
  for (const variant of Object.keys(ICON_VARIANTS) as IconVariant[]) {
    const svg = variantSvg(variant, source);
    for (const size of [...ICON_SIZES, ...EXTRA_SIZES]) {
      const name = `${variant}-${size}.png`;
      // The store's 128 px icon keeps 16 px of transparent margin around 96 px of artwork.
      const drawn =
        size === 128 ? svg.replace('viewBox="0 0 128 128"', 'viewBox="-16 -16 160 160"') : svg;
      const png = new Resvg(drawn, { fitTo: { mode: 'width', value: size } }).render().asPng();
      writeFileSync(path.join(outDir, name), png);
      written.push([`icon/${name}`, path.join(outDir, name)]);
    }
  }
  return written;
}
