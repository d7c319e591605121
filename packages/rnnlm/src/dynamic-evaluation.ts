import type { RnnLearnOptions } from './rnn-lm';
import type { RnnLm } from './rnn-lm';

/**
 * Dynamic evaluation (Mikolov et al. 2010, §3.1): the model keeps learning on the text it
 * scores, each token being scored before the model learns from it. Works on a copy, so `model`
 * is left unchanged.
 *
 * @param options learning options for the test text (rnnlm uses a small α, e.g. 0.1, and bptt as in training).
 * @returns P(tokens[i] | history) for every token.
 *
 * @example
 * ```ts
 * const p = evaluateDynamically(lm, test, { alpha: 0.1 });
 * perplexityOf(p);
 * ```
 */
export function evaluateDynamically(
  model: RnnLm,
  tokens: Int32Array,
  options: Omit<RnnLearnOptions, 'probabilities'>,
): Float64Array {
  const copy = model.clone();
  const probabilities = new Float64Array(tokens.length);
  copy.learn(tokens, { ...options, probabilities });
  return probabilities;
}
