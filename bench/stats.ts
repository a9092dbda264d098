// Figures and budgets for `npm run bench` (scripts/bench.ts): summaries of repeated runs and
// the budget table. Pure: no clock, no I/O.

export interface Summary {
  n: number;
  median: number;
  p95: number;
  min: number;
  max: number;
  mean: number;
}

/**
 * Quantile with linear interpolation between order statistics (R type 7, what numpy and
 * spreadsheets use): q = 0.5 is the usual median.
 */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  return a + (b - a) * (pos - lo);
}

const round = (x: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

/** n, median, p95, min, max, mean; rounded to `digits` decimals (NaN when empty). */
export function summarize(values: readonly number[], digits = 2): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const mean = n ? sorted.reduce((s, x) => s + x, 0) / n : NaN;
  return {
    n,
    median: round(quantile(sorted, 0.5), digits),
    p95: round(quantile(sorted, 0.95), digits),
    min: round(n ? sorted[0]! : NaN, digits),
    max: round(n ? sorted[n - 1]! : NaN, digits),
    mean: round(mean, digits),
  };
}

export interface BudgetCheck {
  id: string;
  /** What is measured, in words. */
  figure: string;
  /** The budget in words, e.g. "≤ 50 ms". */
  budget: string;
  /** The measured value in words, e.g. "12.3 ms (p95 20.1 ms, n = 60)". */
  measured: string;
  value: number;
  limit: number;
  unit: string;
  /** Pass when value ≤ limit. */
  pass: boolean;
}

export function check(
  id: string,
  figure: string,
  value: number,
  limit: number,
  unit: string,
  detail = '',
  budgetWords?: string,
): BudgetCheck {
  const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(x < 10 ? 2 : 1));
  return {
    id,
    figure,
    budget: budgetWords ?? `≤ ${fmt(limit)} ${unit}`.trim(),
    measured: `${fmt(value)} ${unit}`.trim() + (detail ? ` (${detail})` : ''),
    value,
    limit,
    unit,
    pass: Number.isFinite(value) && value <= limit,
  };
}

/** A GitHub-flavoured Markdown table; `|` in cells is escaped. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]) {
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  return [
    `| ${header.map(cell).join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}

/** The budget table as plain text for the terminal (fixed-width columns). */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]) {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
