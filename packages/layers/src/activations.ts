import { layers } from '@tensorflow/tfjs-layers';
import type { Layer, LayerArgs } from '@tensorflow/tfjs-layers/dist/engine/topology.js';
import { finiteNumber } from './validate';

/**
 * Logistic sigmoid layer, `σ(x) = 1 / (1 + e^−x)`, `σ′ = σ(1 − σ)`. tfjs-layers' `Activation('sigmoid')`.
 *
 * @example
 * ```ts
 * import { sigmoid } from '@dlkit/layers';
 * model.add(sigmoid());
 * ```
 */
export function sigmoid(args: LayerArgs = {}): Layer {
  return layers.activation({ ...args, activation: 'sigmoid' });
}

/**
 * Hyperbolic tangent layer, `tanh′ = 1 − tanh²`. tfjs-layers' `Activation('tanh')`.
 *
 * @example
 * ```ts
 * import { tanh } from '@dlkit/layers';
 * model.add(tanh());
 * ```
 */
export function tanh(args: LayerArgs = {}): Layer {
  return layers.activation({ ...args, activation: 'tanh' });
}

/**
 * Softplus layer, `log(1 + e^x)`, derivative `σ(x)`. tfjs-layers' `Activation('softplus')`.
 *
 * @example
 * ```ts
 * import { softplus } from '@dlkit/layers';
 * model.add(softplus());
 * ```
 */
export function softplus(args: LayerArgs = {}): Layer {
  return layers.activation({ ...args, activation: 'softplus' });
}

/**
 * Rectified linear unit layer, `max(x, 0)`. tfjs-layers' `ReLU`.
 *
 * @example
 * ```ts
 * import { relu } from '@dlkit/layers';
 * model.add(relu());
 * ```
 */
export function relu(args: LayerArgs = {}): Layer {
  return layers.reLU(args);
}

/** Arguments of {@link leakyRelu}. */
export interface LeakyReluArgs extends LayerArgs {
  /** Slope for negative inputs. Default 0.01 (Maas et al. 2013; PyTorch's default — Keras uses 0.3). */
  alpha?: number;
}

/**
 * Leaky ReLU layer, `x > 0 ? x : α x`. tfjs-layers' `LeakyReLU` with α defaulting to 0.01.
 *
 * @example
 * ```ts
 * import { leakyRelu } from '@dlkit/layers';
 * model.add(leakyRelu({ alpha: 0.1 }));
 * ```
 */
export function leakyRelu(args: LeakyReluArgs = {}): Layer {
  const alpha = finiteNumber('LeakyReLU', 'alpha', args.alpha ?? 0.01, 'nonNegative');
  return layers.leakyReLU({ ...args, alpha });
}
