/** Mean and sample standard deviation (n − 1 in the denominator; 0 for a single value). */
export interface MeanStd {
  mean: number;
  std: number;
  n: number;
}

/**
 * Mean and sample standard deviation of `values`, as numpy's `mean` and `std(ddof=1)`.
 *
 * @example
 * ```ts
 * meanStd([0.9, 0.92, 0.94]); // { mean: 0.92, std: 0.02, n: 3 }
 * ```
 */
export function meanStd(values: readonly number[]): MeanStd {
  const n = values.length;
  if (n === 0) return { mean: NaN, std: NaN, n };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const ss = values.reduce((a, v) => a + (v - mean) ** 2, 0);
  return { mean, std: n > 1 ? Math.sqrt(ss / (n - 1)) : 0, n };
}
