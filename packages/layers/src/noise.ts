import { layers } from '@tensorflow/tfjs-layers';
import type { Layer, LayerArgs } from '@tensorflow/tfjs-layers/dist/engine/topology.js';
import { LayerArgumentError } from './errors';
import { finiteNumber } from './validate';

/** Arguments of {@link gaussianNoise}. */
export interface GaussianNoiseArgs extends LayerArgs {
  /** Standard deviation σ of the additive noise N(0, σ²). */
  stddev: number;
}

/**
 * Additive Gaussian noise, applied only while training (`fit`, or `apply(x, { training: true })`); the identity
 * at inference. A regulariser / data augmentation. tfjs-layers' `GaussianNoise`.
 *
 * @example
 * ```ts
 * import { gaussianNoise } from '@dlkit/layers';
 * model.add(gaussianNoise({ stddev: 0.1 }));
 * ```
 */
export function gaussianNoise(args: GaussianNoiseArgs): Layer {
  const stddev = finiteNumber('GaussianNoise', 'stddev', args.stddev, 'positive');
  return layers.gaussianNoise({ ...args, stddev });
}

/** Arguments of {@link dropout}. */
export interface DropoutArgs extends LayerArgs {
  /** Probability p of zeroing a unit, `0 <= p < 1`. */
  rate: number;
  /** Seed of the mask, for reproducible tests. */
  seed?: number;
}

/**
 * Inverted dropout (Srivastava et al. 2014): while training each unit is zeroed with probability p and the
 * survivors are scaled by `1 / (1 − p)`, so inference is the identity. tfjs-layers' `Dropout`.
 *
 * @example
 * ```ts
 * import { dropout } from '@dlkit/layers';
 * model.add(dropout({ rate: 0.5 }));
 * ```
 */
export function dropout(args: DropoutArgs): Layer {
  const rate = finiteNumber('Dropout', 'rate', args.rate, 'nonNegative');
  if (rate >= 1) throw new LayerArgumentError('Dropout', 'rate', rate, 'a probability in [0, 1)');
  return layers.dropout({ ...args, rate });
}
