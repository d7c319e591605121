import * as tf from '@tensorflow/tfjs-core';
import { SpatialNormalization, type SpatialNormalizationArgs } from './spatial-normalization';

/** Arguments of {@link subtractiveNormalization}. */
export type SubtractiveNormalizationArgs = SpatialNormalizationArgs;

/**
 * Subtractive normalisation, Torch's `nn.SpatialSubtractiveNormalization`: subtracts from every pixel of every
 * channel the Gaussian-weighted mean of its neighbourhood across all channels,
 * `y = x − Σ_c Σ_ij w_ij x[c, y+i, x+j] / coef`, where the weights sum to 1 and `coef` is the weight that falls
 * inside the image (so borders use the mean of what is there). Jarrett et al. 2009, "What is the best
 * multi-stage architecture for object recognition?". Input `[batch, height, width, channels]`.
 */
export class SubtractiveNormalization extends SpatialNormalization {
  /** @nocollapse */
  static className = 'SubtractiveNormalization';

  constructor(args: SubtractiveNormalizationArgs = {}) {
    super(SubtractiveNormalization.className, args);
  }

  protected layerName(): string {
    return SubtractiveNormalization.className;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
      const { sums, coef } = this.localSums(x);
      return tf.sub(x, tf.div(sums, coef));
    });
  }
}
tf.serialization.registerClass(SubtractiveNormalization);

/**
 * Creates a {@link SubtractiveNormalization} layer.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { gaussian1d, subtractiveNormalization } from '@dlkit/layers';
 * const sub = subtractiveNormalization({ kernel: gaussian1d(7), channels: 3 });
 * const y = sub.apply(tf.randomNormal([1, 32, 32, 3])) as tf.Tensor; // locally zero-mean
 * ```
 */
export function subtractiveNormalization(args: SubtractiveNormalizationArgs = {}): SubtractiveNormalization {
  return new SubtractiveNormalization(args);
}
