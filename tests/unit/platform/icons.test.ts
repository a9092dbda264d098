import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ICON_SIZES, ICON_VARIANTS, renderIcons, variantSvg } from '../../../scripts/icons';

// The icons drawn at build from assets/icon/mark.svg (scripts/icons.ts).

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: Buffer): [number, number] {
  expect(file.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [file.readUInt32BE(16), file.readUInt32BE(20)];
}

describe('renderIcons', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'icons-'));
  const written = renderIcons(dir);

  it('writes every state at 16, 32, 48 and 128 px (and 64 for the pages), each a PNG of its size', () => {
    expect(written).toHaveLength(Object.keys(ICON_VARIANTS).length * (ICON_SIZES.length + 1));
    for (const [relative, absolute] of written) {
      const size = Number(/-(\d+)\.png$/.exec(relative)![1]);
      expect(pngSize(readFileSync(absolute))).toEqual([size, size]);
    }
  });

  it('draws the states apart: grey when off, a dot when live', () => {
    const bytes = (name: string) => readFileSync(path.join(dir, name));
    expect(bytes('off-32.png').equals(bytes('on-32.png'))).toBe(false);
    expect(bytes('live-32.png').equals(bytes('on-32.png'))).toBe(false);
    expect(variantSvg('off')).toContain(ICON_VARIANTS.off.tile);
    expect(variantSvg('off')).not.toContain(ICON_VARIANTS.on.tile);
    expect(variantSvg('live')).toContain('<circle');
    expect(variantSvg('on')).not.toContain('<circle');
  });
});
