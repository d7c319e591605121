import * as tf from '@tensorflow/tfjs-core';
import { layers, type Shape } from '@tensorflow/tfjs-layers';
import type { LayerArgs } from '@tensorflow/tfjs-layers/dist/engine/topology.js';
import { LayerArgumentError } from './errors';
import { finiteNumber } from './validate';

/** Arguments of {@link softmaxTemperature}. Give `beta` or `temperature`, not both. */
export interface SoftmaxTemperatureArgs extends LayerArgs {
  /** Inverse temperature β: `y = softmax(β x)`. Default 1. */
  beta?: number;
  /** Temperature T = 1/β: `y = softmax(x / T)`. */
  temperature?: number;
}

/**
 * Softmax over the last axis with an inverse temperature β (a "soft" arg-max that sharpens as β grows):
 * `y_i = exp(β x_i) / Σ_j exp(β x_j)`, Jacobian `∂y_i/∂x_j = β · y_i (δ_ij − y_j)`.
 */
export class SoftmaxTemperature extends layers.Layer {
  /** @nocollapse */
  static className = 'SoftmaxTemperature';
  readonly beta: number;

  constructor(args: SoftmaxTemperatureArgs = {}) {
    super(args);
    const name = SoftmaxTemperature.className;
    if (args.beta !== undefined && args.temperature !== undefined) {
      throw new LayerArgumentError(name, 'temperature', args.temperature, 'omitted when beta is given (β = 1 / temperature)');
    }
    this.beta =
      args.temperature !== undefined
        ? 1 / finiteNumber(name, 'temperature', args.temperature, 'positive')
        : finiteNumber(name, 'beta', args.beta ?? 1, 'positive');
  }

  /** `1 / β`. */
  get temperature(): number {
    return 1 / this.beta;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    return (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => tf.softmax(tf.mul(Array.isArray(inputs) ? inputs[0] : inputs, this.beta)));
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), beta: this.beta };
  }
}
tf.serialization.registerClass(SoftmaxTemperature);

/**
 * Creates a {@link SoftmaxTemperature} layer.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { softmaxTemperature } from '@dlkit/layers';
 * const soft = softmaxTemperature({ beta: 5 });
 * const y = soft.apply(tf.tensor2d([[1, 2, 3]])) as tf.Tensor; // ≈ [[0.00005, 0.0067, 0.9933]]
 * ```
 */
export function softmaxTemperature(args: SoftmaxTemperatureArgs = {}): SoftmaxTemperature {
  return new SoftmaxTemperature(args);
}
