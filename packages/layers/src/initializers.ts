import { initializers } from '@tensorflow/tfjs-layers';
import type { Initializer } from '@tensorflow/tfjs-layers/dist/initializers.js';
import { oneOf, finiteNumber } from './validate';

/** Options of {@link normal}. */
export interface NormalInitializerOptions {
  /** Standard deviation σ (the seeds use 0.08, 0.01 and 0.001). */
  stddev: number;
  /** Mean. Default 0. */
  mean?: number;
  /** Seed, for reproducible weights. */
  seed?: number;
}

/**
 * Weights drawn from N(mean, σ²) with σ given (not derived from the fan-in). tfjs-layers' `RandomNormal`.
 *
 * @example
 * ```ts
 * import * as tfl from '@tensorflow/tfjs-layers';
 * import { normal } from '@dlkit/layers';
 * tfl.layers.dense({ units: 10, kernelInitializer: normal({ stddev: 0.01 }) });
 * ```
 */
export function normal(options: NormalInitializerOptions): Initializer {
  const stddev = finiteNumber('normal', 'stddev', options.stddev, 'positive');
  const mean = finiteNumber('normal', 'mean', options.mean ?? 0);
  return initializers.randomNormal({ mean, stddev, seed: options.seed });
}

/**
 * Every weight set to `value` (typically biases: 0, or 0.1 before a ReLU). tfjs-layers' `Constant`.
 *
 * @example
 * ```ts
 * import * as tfl from '@tensorflow/tfjs-layers';
 * import { constant } from '@dlkit/layers';
 * tfl.layers.dense({ units: 10, biasInitializer: constant(0.1) });
 * ```
 */
export function constant(value: number): Initializer {
  return initializers.constant({ value: finiteNumber('constant', 'value', value) });
}

/**
 * Variance of a standard normal truncated to ±2σ. tfjs-layers' `VarianceScaling` draws truncated normals with the
 * untruncated σ, which yields only 77% of the intended variance; Keras ≥ 2.3 divides σ by `sqrt` of this factor.
 */
const TRUNCATED_VARIANCE = 0.87962566103423978 ** 2;

/** Options of {@link xavier} and {@link he}. */
export interface FanInitializerOptions {
  /**
   * `'uniform'` or `'normal'` (a normal truncated at 2σ, rescaled as Keras ≥ 2.3 does so the variance is exactly
   * the paper's). Default `'uniform'` for Xavier, `'normal'` for He.
   */
  distribution?: 'uniform' | 'normal';
  /** Seed, for reproducible weights. */
  seed?: number;
}

/**
 * Xavier/Glorot initialisation (Glorot & Bengio 2010): variance `2 / (fanIn + fanOut)`; uniform on `±sqrt(6 /
 * (fanIn + fanOut))`. tfjs-layers' `GlorotUniform`, or `VarianceScaling` (truncated normal, variance-corrected).
 *
 * @example
 * ```ts
 * import * as tfl from '@tensorflow/tfjs-layers';
 * import { xavier } from '@dlkit/layers';
 * tfl.layers.dense({ units: 10, kernelInitializer: xavier() });
 * ```
 */
export function xavier(options: FanInitializerOptions = {}): Initializer {
  const d = oneOf('xavier', 'distribution', options.distribution ?? 'uniform', ['uniform', 'normal'] as const);
  return d === 'uniform'
    ? initializers.glorotUniform({ seed: options.seed })
    : initializers.varianceScaling({ scale: 1 / TRUNCATED_VARIANCE, mode: 'fanAvg', distribution: 'normal', seed: options.seed });
}

/**
 * He/Kaiming initialisation for ReLU networks (He et al. 2015): variance `2 / fanIn`; uniform on `±sqrt(6 / fanIn)`.
 * tfjs-layers' `VarianceScaling` (truncated normal, variance-corrected) or `HeUniform`.
 *
 * @example
 * ```ts
 * import * as tfl from '@tensorflow/tfjs-layers';
 * import { he } from '@dlkit/layers';
 * tfl.layers.conv2d({ filters: 32, kernelSize: 3, kernelInitializer: he() });
 * ```
 */
export function he(options: FanInitializerOptions = {}): Initializer {
  const d = oneOf('he', 'distribution', options.distribution ?? 'normal', ['uniform', 'normal'] as const);
  return d === 'uniform'
    ? initializers.heUniform({ seed: options.seed })
    : initializers.varianceScaling({ scale: 2 / TRUNCATED_VARIANCE, mode: 'fanIn', distribution: 'normal', seed: options.seed });
}
