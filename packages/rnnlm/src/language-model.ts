/**
 * What every model in this package can do, so that models can be compared, interpolated
 * and mixed without knowing what they are.
 *
 * @example
 * ```ts
 * const models: LanguageModel[] = [rnn, kn];
 * const probs = models.map((m) => m.tokenProbabilities(valid));
 * ```
 */
export interface LanguageModel {
  /** Vocabulary size V. */
  readonly vocabSize: number;
  /** P(tokens[i] | history) for every token of a stream. */
  tokenProbabilities(tokens: Int32Array): Float64Array;
  /** The next-word distribution over all V words after `history` (sums to 1). */
  nextDistribution(history: Int32Array): Float64Array;
}
