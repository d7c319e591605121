import { perplexity } from '@dlkit/metrics';
import { RnnlmError, checkInteger, checkNumber } from './errors';
import type { LanguageModel } from './language-model';
import { perplexityOf } from './perplexity';

/** Options of {@link tuneInterpolationWeights}. */
export interface TuneWeightsOptions {
  /** Maximum EM iterations (default 200). */
  readonly maxIterations?: number;
  /** Stop when the mean log-likelihood gains less than this per iteration (default 1e-9). */
  readonly tolerance?: number;
}

/** The result of {@link tuneInterpolationWeights}. */
export interface TunedWeights {
  /** One weight per component, non-negative, summing to 1. */
  readonly weights: number[];
  /** Perplexity of the mixture on the tuning tokens. */
  readonly perplexity: number;
  /** EM iterations run. */
  readonly iterations: number;
}

function checkComponents(components: readonly Float64Array[]): number {
  if (!Array.isArray(components) || components.length === 0) {
    throw new RnnlmError('components', components, 'a non-empty array of Float64Array per-token probabilities');
  }
  const n = components[0].length;
  components.forEach((c, i) => {
    if (!(c instanceof Float64Array) || c.length !== n) {
      throw new RnnlmError(`components[${i}]`, c, `a Float64Array of ${n} probabilities`);
    }
  });
  return n;
}

function checkWeights(weights: readonly number[], k: number): void {
  if (!Array.isArray(weights) || weights.length !== k) throw new RnnlmError('weights', weights, `${k} weights`);
  let sum = 0;
  weights.forEach((w, i) => {
    checkNumber(`weights[${i}]`, w, 0, 1);
    sum += w;
  });
  if (Math.abs(sum - 1) > 1e-6) throw new RnnlmError('weights', `sum ${sum}`, 'weights summing to 1');
}

/**
 * Linear interpolation of per-token probabilities: p = Σₖ λₖ pₖ.
 *
 * @example
 * ```ts
 * const p = interpolateProbabilities([rnn.tokenProbabilities(test), kn.tokenProbabilities(test)], [0.5, 0.5]);
 * ```
 */
export function interpolateProbabilities(components: readonly Float64Array[], weights: readonly number[]): Float64Array {
  const n = checkComponents(components);
  checkWeights(weights, components.length);
  const out = new Float64Array(n);
  for (let k = 0; k < components.length; k++) {
    const c = components[k];
    const w = weights[k];
    for (let i = 0; i < n; i++) out[i] += w * c[i];
  }
  return out;
}

/**
 * Finds the interpolation weights that maximise the likelihood of held-out text (expectation–
 * maximisation; the objective is concave, so EM converges to the optimum). Use it on validation
 * probabilities, then apply the weights to test probabilities.
 *
 * @example
 * ```ts
 * const { weights } = tuneInterpolationWeights([rnn.tokenProbabilities(valid), kn.tokenProbabilities(valid)]);
 * ```
 */
export function tuneInterpolationWeights(components: readonly Float64Array[], options: TuneWeightsOptions = {}): TunedWeights {
  const n = checkComponents(components);
  if (n === 0) throw new RnnlmError('components[0]', components[0], 'at least one token');
  const maxIterations = checkInteger('maxIterations', options.maxIterations ?? 200, 1);
  const tolerance = checkNumber('tolerance', options.tolerance ?? 1e-9, 0);
  const K = components.length;
  let weights = new Array<number>(K).fill(1 / K);
  let last = -Infinity;
  let iterations = 0;
  let meanLog = -Infinity;
  for (; iterations < maxIterations; iterations++) {
    const posterior = new Float64Array(K);
    let ll = 0;
    for (let i = 0; i < n; i++) {
      let mix = 0;
      for (let k = 0; k < K; k++) mix += weights[k] * components[k][i];
      ll += Math.log(mix);
      for (let k = 0; k < K; k++) posterior[k] += (weights[k] * components[k][i]) / mix;
    }
    meanLog = ll / n;
    weights = Array.from(posterior, (p) => p / n);
    if (meanLog - last < tolerance) break;
    last = meanLog;
  }
  // Perplexity for the final weights.
  let ll = 0;
  for (let i = 0; i < n; i++) {
    let mix = 0;
    for (let k = 0; k < K; k++) mix += weights[k] * components[k][i];
    ll += Math.log(mix);
  }
  return { weights, perplexity: perplexity(ll, n), iterations: iterations + 1 };
}

/**
 * A linear mixture of language models, P(w | h) = Σₖ λₖ Pₖ(w | h): RNN + Kneser-Ney
 * interpolation, or a mixture of several RNN LMs (different seeds or sizes).
 *
 * @example
 * ```ts
 * const mix = new InterpolatedLm([rnn, kn], [0.5, 0.5]);
 * mix.perplexity(test);
 * ```
 */
export class InterpolatedLm implements LanguageModel {
  /** Vocabulary size shared by all components. */
  readonly vocabSize: number;
  /** The component models. */
  readonly models: readonly LanguageModel[];
  /** Their weights (sum to 1). */
  readonly weights: readonly number[];

  constructor(models: readonly LanguageModel[], weights?: readonly number[]) {
    if (!Array.isArray(models) || models.length === 0)
      throw new RnnlmError('models', models, 'a non-empty array of language models');
    const V = models[0].vocabSize;
    models.forEach((m, i) => {
      if (m.vocabSize !== V) throw new RnnlmError(`models[${i}].vocabSize`, m.vocabSize, `${V} (the same vocabulary)`);
    });
    const w = weights ?? models.map(() => 1 / models.length);
    checkWeights(w, models.length);
    this.vocabSize = V;
    this.models = models;
    this.weights = [...w];
  }

  /**
   * Tunes the weights on held-out tokens (EM) and returns the tuned mixture.
   *
   * @example
   * ```ts
   * const mix = InterpolatedLm.tune([rnn, kn], valid);
   * mix.weights; // e.g. [0.55, 0.45]
   * ```
   */
  static tune(models: readonly LanguageModel[], heldOut: Int32Array, options: TuneWeightsOptions = {}): InterpolatedLm {
    const { weights } = tuneInterpolationWeights(
      models.map((m) => m.tokenProbabilities(heldOut)),
      options,
    );
    return new InterpolatedLm(models, weights);
  }

  /** Mixed per-token probabilities. */
  tokenProbabilities(tokens: Int32Array): Float64Array {
    return interpolateProbabilities(
      this.models.map((m) => m.tokenProbabilities(tokens)),
      this.weights,
    );
  }

  /** Mixed next-word distribution (sums to 1). */
  nextDistribution(history: Int32Array): Float64Array {
    return interpolateProbabilities(
      this.models.map((m) => m.nextDistribution(history)),
      this.weights,
    );
  }

  /** Perplexity of the mixture over all tokens. */
  perplexity(tokens: Int32Array): number {
    return perplexityOf(this.tokenProbabilities(tokens));
  }
}
