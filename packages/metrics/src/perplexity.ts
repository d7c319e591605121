import { MetricsError } from './errors';
import { accurateSum } from './input';

/** Options of {@link perplexity}. */
export interface PerplexityOptions {
  /** Base of the logarithms: `'e'` (natural log, default), `2` or `10`. */
  base?: 'e' | 2 | 10;
}

function checkBase(base: unknown): 'e' | 2 | 10 {
  if (base === undefined) return 'e';
  if (base === 'e' || base === 2 || base === 10) return base;
  throw new MetricsError('options.base', base, "'e', 2 or 10");
}

function power(base: 'e' | 2 | 10, x: number): number {
  return base === 'e' ? Math.exp(x) : base ** x;
}

/**
 * Perplexity of a language model over `tokenCount` tokens: `base^(−sumLogProb / tokenCount)`,
 * i.e. `exp` of the mean negative log-likelihood (the cross-entropy) per token.
 *
 * @param sumLogProb - the total log-probability the model gave the tokens, in `options.base`
 *   (a sum of log-probabilities, hence ≤ 0; pass `-nll` if you hold a negative log-likelihood).
 * @param tokenCount - number of predicted tokens (> 0).
 * @example
 * ```ts
 * perplexity(-4 * Math.log(4), 4); // 4: a uniform guess among 4 words
 * perplexity(-20, 10, { base: 2 }); // 4 (2 bits per token)
 * ```
 */
export function perplexity(sumLogProb: number, tokenCount: number, options: PerplexityOptions = {}): number {
  const base = checkBase(options.base);
  if (typeof sumLogProb !== 'number' || Number.isNaN(sumLogProb) || sumLogProb > 0) {
    throw new MetricsError(
      'sumLogProb',
      sumLogProb,
      'a total log-probability <= 0',
      'A positive value looks like a negative log-likelihood: pass its negation',
    );
  }
  if (typeof tokenCount !== 'number' || !Number.isFinite(tokenCount) || tokenCount <= 0) {
    throw new MetricsError('tokenCount', tokenCount, 'a positive number of tokens');
  }
  return power(base, -sumLogProb / tokenCount);
}

/**
 * Perplexity from the log-probability of each token (in `options.base`): the same as
 * `perplexity(sum(logProbs), logProbs.length, options)`, summed with compensation so long
 * streams do not lose precision.
 *
 * @example
 * ```ts
 * perplexityFromLogProbs([Math.log(0.5), Math.log(0.25)]); // 2.828… = 1 / sqrt(0.5 · 0.25)
 * perplexityFromLogProbs(new Float32Array([-1, -3]), { base: 2 }); // 4
 * ```
 */
export function perplexityFromLogProbs(logProbs: ArrayLike<number>, options: PerplexityOptions = {}): number {
  if (logProbs === null || typeof logProbs !== 'object' || typeof logProbs.length !== 'number') {
    throw new MetricsError('logProbs', logProbs, 'an array of per-token log-probabilities');
  }
  if (logProbs.length === 0) throw new MetricsError('logProbs', 'an empty input', 'at least one token');
  for (let i = 0; i < logProbs.length; i++) {
    const v = logProbs[i];
    if (typeof v !== 'number' || Number.isNaN(v) || v > 0) {
      throw new MetricsError(`logProbs[${i}]`, v, 'a log-probability <= 0');
    }
  }
  for (let i = 0; i < logProbs.length; i++) {
    if (logProbs[i] === -Infinity) return Infinity; // a token the model deemed impossible
  }
  return perplexity(accurateSum(logProbs), logProbs.length, options);
}
