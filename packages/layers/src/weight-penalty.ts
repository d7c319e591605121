import { regularizers } from '@tensorflow/tfjs-layers';
import type { Regularizer } from '@tensorflow/tfjs-layers/dist/regularizers.js';
import { finiteNumber } from './validate';

/** Options of {@link weightPenalty}. */
export interface WeightPenaltyOptions {
  /** λ₁ of `λ₁ Σ|w|`. Default 0. */
  l1?: number;
  /** λ₂ of `λ₂ Σw²` (no ½: the gradient is `2 λ₂ w`). Default 0. */
  l2?: number;
}

/**
 * An L1 and/or L2 penalty `λ₁ Σ|w| + λ₂ Σw²` on one layer's weights, attached through that layer's
 * `kernelRegularizer` / `biasRegularizer` / `recurrentRegularizer`; `fit` adds it to the loss. tfjs-layers' `L1L2`.
 *
 * @example
 * ```ts
 * import * as tfl from '@tensorflow/tfjs-layers';
 * import { weightPenalty } from '@dlkit/layers';
 * tfl.layers.dense({ units: 10, kernelRegularizer: weightPenalty({ l2: 1e-4 }) });
 * ```
 */
export function weightPenalty(options: WeightPenaltyOptions): Regularizer {
  const l1 = finiteNumber('weightPenalty', 'l1', options.l1 ?? 0, 'nonNegative');
  const l2 = finiteNumber('weightPenalty', 'l2', options.l2 ?? 0, 'nonNegative');
  return regularizers.l1l2({ l1, l2 });
}

/**
 * L1 penalty `λ Σ|w|` (sparse weights). Shorthand for `weightPenalty({ l1: lambda })`.
 *
 * @example
 * ```ts
 * import { l1 } from '@dlkit/layers';
 * tfl.layers.dense({ units: 10, kernelRegularizer: l1(1e-5) });
 * ```
 */
export function l1(lambda: number): Regularizer {
  return weightPenalty({ l1: lambda });
}

/**
 * L2 penalty (weight decay) `λ Σw²`. Shorthand for `weightPenalty({ l2: lambda })`.
 *
 * @example
 * ```ts
 * import { l2 } from '@dlkit/layers';
 * tfl.layers.dense({ units: 10, kernelRegularizer: l2(1e-4) });
 * ```
 */
export function l2(lambda: number): Regularizer {
  return weightPenalty({ l2: lambda });
}
