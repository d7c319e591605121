/**
 * @internal `numpy.sum` of a float64 vector, bit for bit: numpy's pairwise summation (a plain loop
 * below 8 values, 8 accumulators up to blocks of 128, recursive halving above). Using the same
 * summation order keeps weighted supports and averages identical to scikit-learn's down to the
 * last digit, which matters when the report prints them with `repr`.
 */
export function numpySum(a: ArrayLike<number>, start = 0, end = a.length): number {
  return end > start ? pairwise(a, start, end - start) : 0;
}

function pairwise(a: ArrayLike<number>, start: number, n: number): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += a[start + i];
    return res;
  }
  if (n <= 128) {
    const r = [a[start], a[start + 1], a[start + 2], a[start + 3], a[start + 4], a[start + 5], a[start + 6], a[start + 7]];
    let i = 8;
    for (; i < n - (n % 8); i += 8) {
      for (let j = 0; j < 8; j++) r[j] += a[start + i + j];
    }
    let res = r[0] + r[1] + (r[2] + r[3]) + (r[4] + r[5] + (r[6] + r[7]));
    for (; i < n; i++) res += a[start + i];
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwise(a, start, n2) + pairwise(a, start + n2, n - n2);
}

/** @internal `numpy.average(values, weights=weights)`: `sum(values · weights) / sum(weights)`. */
export function numpyAverage(values: ArrayLike<number>, weights?: ArrayLike<number>): number {
  if (!weights) return numpySum(values) / values.length;
  const prod = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) prod[i] = values[i] * weights[i];
  return numpySum(prod) / numpySum(weights);
}
