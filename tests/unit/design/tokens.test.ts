import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The colour tokens (components/shared/tokens.css) pass WCAG AA in both schemes: every pair of
// text and background the pages use, computed from the file itself (docs/DESIGN.md).

const css = readFileSync('components/shared/tokens.css', 'utf8');

/** `--name: value` declarations, later ones winning, `var(--x)` resolved at the end. */
function tokens(declarations: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [, name, value] of declarations.matchAll(/--([\w-]+):\s*([^;]+);/g)) {
    out[name!] = value!.trim();
  }
  for (const [name, value] of Object.entries(out)) {
    const ref = /^var\(--([\w-]+)\)$/.exec(value);
    if (ref) out[name] = out[ref[1]!]!;
  }
  return out;
}

const darkStart = css.indexOf('@media (prefers-color-scheme: dark)');
const light = tokens(css.slice(0, darkStart));
// Dark overrides the light values; aliases (--p1: var(--danger)) follow the override.
const dark = tokens(css.slice(0, darkStart) + css.slice(darkStart));

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const lin = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!);
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** [text, background] pairs as the CSS files use them. */
const PAIRS: [string, string][] = [
  ['text', 'bg'],
  ['text', 'surface'],
  ['text', 'surface-2'],
  ['text', 'surface-hover'],
  ['muted', 'bg'],
  ['muted', 'surface'],
  ['muted', 'surface-2'],
  ['link', 'bg'],
  ['link', 'surface'],
  ['accent-text', 'accent'],
  ['accent-text', 'accent-hover'],
  ['accent-soft-text', 'accent-soft'],
  ['text', 'accent-soft'],
  ['bg', 'text'], // toasts
  ['bg', 'danger'], // the purge button
  ['danger', 'bg'],
  ['danger', 'danger-bg'],
  ['warn', 'warn-bg'],
  ['ok', 'ok-bg'],
  ['p1', 'p1-bg'],
  ['p2', 'p2-bg'],
  ['p3', 'p3-bg'],
];

describe.each([
  ['light', light],
  ['dark', dark],
])('%s scheme', (_scheme, t) => {
  it.each(PAIRS)('--%s on --%s is at least 4.5:1', (fg, bg) => {
    expect(t[fg], fg).toMatch(/^#[0-9a-f]{6}$/i);
    expect(t[bg], bg).toMatch(/^#[0-9a-f]{6}$/i);
    expect(contrast(t[fg]!, t[bg]!)).toBeGreaterThanOrEqual(4.5);
  });
});

it('the dark scheme really overrides the light one', () => {
  expect(dark.bg).not.toBe(light.bg);
  expect(dark.p1).toBe(dark.danger);
  expect(dark.p1).not.toBe(light.p1);
});
