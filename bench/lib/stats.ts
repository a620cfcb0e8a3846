/** Summaries of samples (milliseconds unless said otherwise). */
export interface Summary {
  n: number;
  median: number;
  p95: number;
  min: number;
  max: number;
  /** Median absolute deviation, as a share of the median (0.05 = ±5 %). */
  spread: number;
}

export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function summarize(samples: readonly number[]): Summary {
  const s = [...samples].sort((a, b) => a - b);
  const median = quantile(s, 0.5);
  const mad = quantile(
    s.map((x) => Math.abs(x - median)).sort((a, b) => a - b),
    0.5,
  );
  return { n: s.length, median, p95: quantile(s, 0.95), min: s[0] ?? NaN, max: s[s.length - 1] ?? NaN, spread: median ? mad / median : 0 };
}

/** Element-wise a[i] / b[i]: ratios of runs taken side by side. */
export function pairedRatios(a: readonly number[], b: readonly number[]): number[] {
  return a.map((x, i) => x / b[i]!);
}
