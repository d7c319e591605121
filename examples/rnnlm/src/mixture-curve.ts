/**
 * How a static mixture grows with its members: the mixture of the first k RNNs (in the order of `--hidden`) + KN5,
 * for k = 1 … N, each with its own weights tuned on valid. The published mixture (95.5) combined many RNNs; the
 * curve says how much each added RNN still brings, so the number a target needs can be read off it.
 */
import { interpolateProbabilities, perplexityOf, tuneInterpolationWeights } from '@dlkit/rnnlm';

/** A model's per-token probabilities on the validation and the test text. */
export interface ScoredModel {
  held: Float64Array;
  test: Float64Array;
}

/** One point of the curve: the first `members` RNNs + KN5. */
export interface MixturePoint {
  members: number;
  testPerplexity: number;
  validPerplexity: number;
  /** The EM weights on valid: the `members` RNNs in order, then KN5. */
  weights: number[];
}

/**
 * The mixtures of the first k `rnns` + `kn` for k = 1 … `rnns.length` (k = 1 is the first RNN + KN5), weights
 * tuned on valid for each k, test perplexity with those weights. The test text chooses nothing.
 *
 * @example
 * ```ts
 * mixtureCurve([rnn1, rnn2, rnn3], kn5).map((p) => p.testPerplexity); // e.g. [105.1, 102.4, 101.2]
 * ```
 */
export function mixtureCurve(rnns: readonly ScoredModel[], kn: ScoredModel): MixturePoint[] {
  return rnns.map((_, i) => {
    const parts = [...rnns.slice(0, i + 1), kn];
    const tuned = tuneInterpolationWeights(parts.map((p) => p.held));
    return {
      members: i + 1,
      testPerplexity: perplexityOf(
        interpolateProbabilities(
          parts.map((p) => p.test),
          tuned.weights,
        ),
      ),
      validPerplexity: tuned.perplexity,
      weights: tuned.weights,
    };
  });
}

/** "1: 105.1, 2: 102.4, 3: 101.2": test perplexity by number of RNNs, for the log. */
export function describeCurve(points: readonly MixturePoint[]): string {
  return points.map((p) => `${p.members}: ${p.testPerplexity.toFixed(1)}`).join(', ');
}
