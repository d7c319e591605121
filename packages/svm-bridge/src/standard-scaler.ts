import { SvmBridgeError } from './errors';
import { checkMatrix, type FeatureMatrix } from './matrix';

/** @internal Apply `(x - shift[c]) * mul[c]` per column into a new matrix of the same array type. */
export function affineColumns(X: FeatureMatrix, shift: Float64Array, mul: Float64Array, add = 0): FeatureMatrix {
  const out = new (X.data.constructor as Float32ArrayConstructor | Float64ArrayConstructor)(X.data.length);
  const { rows, cols, data } = X;
  for (let r = 0; r < rows; r++)
    for (let c = 0, o = r * cols; c < cols; c++) out[o + c] = (data[o + c] - shift[c]) * mul[c] + add;
  return { data: out, rows, cols };
}

/**
 * Standardise features to zero mean and unit variance, with statistics from the training data only
 * (as scikit-learn's `StandardScaler`: population variance, constant columns left unscaled).
 *
 * @example
 * ```ts
 * const scaler = new StandardScaler().fit(Xtrain);
 * const XtrainS = scaler.transform(Xtrain);
 * const XtestS = scaler.transform(Xtest); // uses the training mean and std
 * ```
 */
export class StandardScaler {
  private stats?: { mean: Float64Array; scale: Float64Array };

  /** Learn per-column mean and standard deviation. */
  fit(X: FeatureMatrix): this {
    checkMatrix(X, 'X');
    const { rows, cols, data } = X;
    const mean = new Float64Array(cols);
    const scale = new Float64Array(cols);
    // The scaler is the cure for huge features, so it must not overflow on them: a running mean (no sum of
    // 1e300s), and squares taken relative to the largest deviation (no (1e200)² = Infinity, which zeroed them).
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) mean[c] += (data[r * cols + c] - mean[c]) / (r + 1);
    const peak = new Float64Array(cols);
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < cols; c++) peak[c] = Math.max(peak[c], Math.abs(data[r * cols + c] - mean[c]));
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) if (peak[c] > 0) scale[c] += ((data[r * cols + c] - mean[c]) / peak[c]) ** 2;
    }
    for (let c = 0; c < cols; c++) {
      const sd = peak[c] * Math.sqrt(scale[c] / rows);
      if (!Number.isFinite(mean[c]) || !Number.isFinite(sd)) {
        throw new SvmBridgeError(
          `X[:, ${c}]`,
          `a column whose spread overflows (mean ${mean[c]}, sd ${sd})`,
          'features whose differences are finite in float64',
        );
      }
      scale[c] = sd > 1e-12 ? sd : 1;
    }
    this.stats = { mean, scale };
    return this;
  }

  /** Per-column mean learned by `fit`. */
  get mean(): Float64Array {
    return this.state().mean.slice();
  }

  /** Per-column scale (standard deviation, 1 for constant columns). */
  get scale(): Float64Array {
    return this.state().scale.slice();
  }

  private state() {
    if (!this.stats)
      throw new SvmBridgeError('this', 'an unfitted StandardScaler', 'a fitted scaler', 'Call `scaler.fit(Xtrain)` first');
    return this.stats;
  }

  /** `(x - mean) / scale`, column by column, into a new matrix. */
  transform(X: FeatureMatrix): FeatureMatrix {
    const { mean, scale } = this.state();
    checkMatrix(X, 'X', mean.length);
    return affineColumns(
      X,
      mean,
      scale.map((s) => 1 / s),
    );
  }

  /** `fit(X)` then `transform(X)`. */
  fitTransform(X: FeatureMatrix): FeatureMatrix {
    return this.fit(X).transform(X);
  }
}
