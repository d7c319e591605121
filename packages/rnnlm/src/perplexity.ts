import { perplexity } from '@dlkit/metrics';
import { RnnlmError } from './errors';

/**
 * Perplexity exp(−(1/N) Σ ln pᵢ) from per-token probabilities (as returned by
 * `tokenProbabilities`), computed by `perplexity` of `@dlkit/metrics`. Every token counts,
 * end-of-sentence tokens included.
 *
 * @example
 * ```ts
 * perplexityOf(Float64Array.of(0.5, 0.25)); // 2.828…
 * ```
 */
export function perplexityOf(probabilities: Float64Array): number {
  return perplexity(sumLogProbabilities(probabilities), probabilities.length);
}

/**
 * Σ ln pᵢ over per-token probabilities (the total log-likelihood, a negative number).
 *
 * @example
 * ```ts
 * sumLogProbabilities(Float64Array.of(0.5, 0.5)); // −1.386…
 * ```
 */
export function sumLogProbabilities(probabilities: Float64Array): number {
  if (!(probabilities instanceof Float64Array) || probabilities.length === 0) {
    throw new RnnlmError('probabilities', probabilities, 'a non-empty Float64Array of per-token probabilities');
  }
  let s = 0;
  for (let i = 0; i < probabilities.length; i++) {
    const p = probabilities[i];
    if (!(p > 0 && p <= 1 + 1e-9)) throw new RnnlmError(`probabilities[${i}]`, p, 'a probability in (0, 1]');
    s += Math.log(p);
  }
  return s;
}
