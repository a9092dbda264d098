import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../../lib/i18n/format';

const MIN = 60_000;
const HOUR = 60 * MIN;

describe('formatDuration: never rounds a breach down to whole hours', () => {
  it.each([
    [0, '0 min', '0 min'],
    [59 * MIN + 59_000, '59 min', '59 min'],
    [HOUR, '1 hr', '1 h'],
    [2 * HOUR + 59 * MIN, '2 hr 59 min', '2 h 59 min'],
    [2 * HOUR + 59 * MIN + 59_000, '2 hr 59 min', '2 h 59 min'],
    [47 * HOUR + 30 * MIN, '47 hr 30 min', '47 h 30 min'],
    [48 * HOUR, '2 days', '2 j'],
    [3 * 24 * HOUR + 4 * HOUR + 20 * MIN, '3 days 4 hr', '3 j 4 h'],
    [-5 * MIN, '0 min', '0 min'],
  ])('%i ms → %s / %s', (ms, en, fr) => {
    expect(formatDuration(ms, 'en').replace(/\s/g, ' ')).toBe(en);
    expect(formatDuration(ms, 'fr').replace(/\s/g, ' ')).toBe(fr);
  });
});
