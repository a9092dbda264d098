import { describe, expect, it } from 'vitest';
import { check, markdownTable, quantile, summarize, textTable } from '../../../bench/stats';

describe('bench statistics', () => {
  it.each([
    // [values, q, expected] — linear interpolation between order statistics (R type 7)
    [[1, 2, 3, 4], 0.5, 2.5],
    [[5, 1, 3], 0.5, 3],
    [[10, 20], 0.95, 19.5],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20], 0.95, 19.05],
    [[7], 0.95, 7],
  ])('quantile of %j at %d is %d', (values, q, expected) => {
    expect(
      quantile(
        [...values].sort((a, b) => a - b),
        q,
      ),
    ).toBeCloseTo(expected, 10);
  });

  it('summarises unsorted runs, rounded', () => {
    const s = summarize([30, 10, 20, 40.004], 2);
    expect(s).toEqual({ n: 4, median: 25, p95: 38.5, min: 10, max: 40, mean: 25 });
  });

  it('an empty run is NaN, and a NaN figure never passes a budget', () => {
    expect(summarize([]).median).toBeNaN();
    expect(check('x', 'figure', NaN, 10, 'ms').pass).toBe(false);
  });

  it('a figure at its budget passes, just over fails', () => {
    expect(check('a', 'warm', 50, 50, 'ms').pass).toBe(true);
    const over = check('b', 'warm', 50.01, 50, 'ms', 'p95 60 ms');
    expect(over.pass).toBe(false);
    expect(over.budget).toBe('≤ 50 ms');
    expect(over.measured).toBe('50.0 ms (p95 60 ms)');
  });

  it('tables escape pipes and keep columns aligned', () => {
    expect(markdownTable(['a', 'b'], [['x|y', '1']])).toBe(
      '| a | b |\n| --- | --- |\n| x\\|y | 1 |',
    );
    const text = textTable(['figure', 'result'], [['long figure', 'pass']]).split('\n');
    expect(text[2]!.indexOf('pass')).toBe(text[0]!.indexOf('result'));
  });
});
