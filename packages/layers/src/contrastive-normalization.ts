import * as tf from '@tensorflow/tfjs-core';
import { divide, thresholds, type DivisiveNormalizationArgs } from './divisive-normalization';
import { SpatialNormalization } from './spatial-normalization';

/** Arguments of {@link contrastiveNormalization}. */
export type ContrastiveNormalizationArgs = DivisiveNormalizationArgs;

/**
 * Local contrast normalisation, Torch's `nn.SpatialContrastiveNormalization`: a subtractive normalisation followed
 * by a divisive one with the same Gaussian neighbourhood across channels (see `SubtractiveNormalization` and
 * `DivisiveNormalization` for the formulas). As used after each stage of the Torch ConvNet tutorial
 * (`nn.SpatialContrastiveNormalization(nfeats, image.gaussian1D(7))`). Input `[batch, height, width, channels]`.
 */
export class ContrastiveNormalization extends SpatialNormalization {
  /** @nocollapse */
  static className = 'ContrastiveNormalization';
  readonly threshold: number;
  readonly thresval: number;

  constructor(args: ContrastiveNormalizationArgs = {}) {
    super(ContrastiveNormalization.className, args);
    ({ threshold: this.threshold, thresval: this.thresval } = thresholds(ContrastiveNormalization.className, args));
  }

  protected layerName(): string {
    return ContrastiveNormalization.className;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
      const { sums, coef } = this.localSums(x);
      const centred = tf.sub(x, tf.div(sums, coef)) as tf.Tensor4D;
      return divide(this, centred, this.threshold, this.thresval);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), threshold: this.threshold, thresval: this.thresval };
  }
}
tf.serialization.registerClass(ContrastiveNormalization);

/**
 * Creates a {@link ContrastiveNormalization} layer.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { contrastiveNormalization, gaussian1d } from '@dlkit/layers';
 * const lcn = contrastiveNormalization({ kernel: gaussian1d(7), channels: 16 });
 * const y = lcn.apply(tf.randomNormal([1, 28, 28, 16])) as tf.Tensor;
 * ```
 */
export function contrastiveNormalization(args: ContrastiveNormalizationArgs = {}): ContrastiveNormalization {
  return new ContrastiveNormalization(args);
}
