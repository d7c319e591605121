import * as tf from '@tensorflow/tfjs-core';
import { safeSqrt } from './safe-sqrt';
import { SpatialNormalization, type SpatialNormalizationArgs } from './spatial-normalization';
import { thresholdOp } from './threshold';
import { finiteNumber } from './validate';

/** Arguments of {@link divisiveNormalization}. */
export interface DivisiveNormalizationArgs extends SpatialNormalizationArgs {
  /** Local standard deviations at or below this are replaced by `thresval`. Default 1e-4 (Torch). */
  threshold?: number;
  /** Replacement for standard deviations at or below `threshold`. Default 1e-4 (Torch). */
  thresval?: number;
}

/** Validates `threshold`/`thresval`. Internal. */
export function thresholds(layer: string, args: DivisiveNormalizationArgs): { threshold: number; thresval: number } {
  return {
    threshold: finiteNumber(layer, 'threshold', args.threshold ?? 1e-4, 'nonNegative'),
    thresval: finiteNumber(layer, 'thresval', args.thresval ?? 1e-4, 'positive'),
  };
}

/**
 * The divisive step shared by {@link DivisiveNormalization} and the contrastive layer: `x / max'(σ)` with
 * `σ = sqrt(Σ_c Σ_ij w_ij x²[c, y+i, x+j]) / coef` and `max'` Torch's threshold. Internal.
 */
export function divide(layer: SpatialNormalization, x: tf.Tensor4D, threshold: number, thresval: number): tf.Tensor4D {
  const { sums, coef } = layer.localSums(tf.square(x));
  const std = tf.div(safeSqrt(sums), coef);
  return tf.div(x, thresholdOp(std, threshold, thresval)) as tf.Tensor4D;
}

/**
 * Divisive (local contrast) normalisation, Torch's `nn.SpatialDivisiveNormalization`: divides every pixel by the
 * Gaussian-weighted local standard deviation across channels, `σ = sqrt(Σ_c Σ_ij w_ij x²) / coef` (weights summing
 * to 1, `coef` the weight inside the image: Torch divides the root, not the sum, by it), thresholded as Torch's
 * `nn.Threshold(threshold, thresval)`: `y = x / (σ > threshold ? σ : thresval)`. Like Torch it assumes zero-mean
 * input (put a {@link SubtractiveNormalization} first, or use the contrastive layer).
 * Input `[batch, height, width, channels]`.
 */
export class DivisiveNormalization extends SpatialNormalization {
  /** @nocollapse */
  static className = 'DivisiveNormalization';
  readonly threshold: number;
  readonly thresval: number;

  constructor(args: DivisiveNormalizationArgs = {}) {
    super(DivisiveNormalization.className, args);
    ({ threshold: this.threshold, thresval: this.thresval } = thresholds(DivisiveNormalization.className, args));
  }

  protected layerName(): string {
    return DivisiveNormalization.className;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() =>
      divide(this, (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D, this.threshold, this.thresval),
    );
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), threshold: this.threshold, thresval: this.thresval };
  }
}
tf.serialization.registerClass(DivisiveNormalization);

/**
 * Creates a {@link DivisiveNormalization} layer.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { divisiveNormalization, gaussian1d } from '@dlkit/layers';
 * const div = divisiveNormalization({ kernel: gaussian1d(7) });
 * const y = div.apply(tf.randomNormal([1, 16, 16, 4])) as tf.Tensor; // locally unit-variance
 * ```
 */
export function divisiveNormalization(args: DivisiveNormalizationArgs = {}): DivisiveNormalization {
  return new DivisiveNormalization(args);
}
