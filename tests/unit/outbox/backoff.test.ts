import { describe, expect, it } from 'vitest';
import { BACKOFF_BASE_MS, BACKOFF_CAP_MS, backoffDelay } from '../../../lib/outbox/backoff';

describe('backoffDelay (exponential, full jitter, base 2 s, cap 5 min)', () => {
  it.each([
    // attempt, random, expected ms
    [1, 0, 0],
    [1, 0.5, 1_000],
    [1, 0.999_999, 1_999],
    [2, 0.5, 2_000],
    [3, 0.5, 4_000],
    [4, 0.25, 4_000],
    [5, 0.5, 16_000],
    [8, 0.5, 128_000],
    [9, 0.5, 150_000], // 2 s · 2^8 = 512 s, capped at 300 s
    [9, 0.999_999, 299_999],
    [50, 0.5, 150_000],
    [10_000, 0.5, 150_000], // 2^9999 overflows to Infinity; still the cap
    [0, 0.5, 1_000], // below 1 counts as the first retry
    [-3, 0.5, 1_000],
    [2.7, 0.5, 2_000], // fractional attempts floor
    [Number.NaN, 0.5, 1_000],
    [Number.POSITIVE_INFINITY, 0.5, 150_000],
    [3, -1, 0], // random clamped into [0, 1)
    [3, 1, 7_999],
    [3, 7, 7_999],
    [3, Number.NaN, 0],
  ])('attempt %s, random %s → %s ms', (attempt, random, expected) => {
    expect(backoffDelay(attempt, random)).toBe(expected);
  });

  it('stays within [0, min(cap, base·2^(n−1))) and is a whole number', () => {
    for (let attempt = 1; attempt <= 20; attempt++) {
      const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
      for (const r of [0, 0.1, 0.37, 0.5, 0.9, 0.999_999_999]) {
        const d = backoffDelay(attempt, r);
        expect(Number.isInteger(d)).toBe(true);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThan(ceiling);
      }
    }
  });

  it('never exceeds the 5-minute cap', () => {
    expect(BACKOFF_CAP_MS).toBe(300_000);
    expect(BACKOFF_BASE_MS).toBe(2_000);
    expect(backoffDelay(1_000, 0.999_999_999)).toBeLessThan(BACKOFF_CAP_MS);
  });
});
