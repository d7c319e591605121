import { SvmBridgeError, describe } from './errors';
import { checkMatrix, type FeatureMatrix } from './matrix';
import { affineColumns } from './standard-scaler';

/**
 * Rescale each feature to `featureRange` (default `[0, 1]`) using the training minimum and maximum only,
 * as scikit-learn's `MinMaxScaler` (constant columns map to the range's lower end). Test values outside the
 * training range fall outside `featureRange`; they are not clipped.
 *
 * @example
 * ```ts
 * const scaler = new MinMaxScaler([-1, 1]).fit(Xtrain);
 * const XtestS = scaler.transform(Xtest);
 * ```
 */
export class MinMaxScaler {
  /** Target interval `[low, high]`. */
  readonly featureRange: readonly [number, number];
  private stats?: { min: Float64Array; mul: Float64Array };

  constructor(featureRange: readonly [number, number] = [0, 1]) {
    if (!Array.isArray(featureRange) || !(featureRange[0] < featureRange[1])) {
      throw new SvmBridgeError('featureRange', describe(featureRange), '[low, high] with low < high');
    }
    this.featureRange = [featureRange[0], featureRange[1]];
  }

  /** Learn per-column minimum and maximum. */
  fit(X: FeatureMatrix): this {
    checkMatrix(X, 'X');
    const { rows, cols, data } = X;
    const min = new Float64Array(cols).fill(Infinity);
    const max = new Float64Array(cols).fill(-Infinity);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const v = data[r * cols + c];
        if (v < min[c]) min[c] = v;
        if (v > max[c]) max[c] = v;
      }
    }
    const span = this.featureRange[1] - this.featureRange[0];
    const mul = new Float64Array(cols);
    for (let c = 0; c < cols; c++) mul[c] = max[c] > min[c] ? span / (max[c] - min[c]) : span;
    this.stats = { min, mul };
    return this;
  }

  /** Per-column training minimum. */
  get dataMin(): Float64Array {
    return this.state().min.slice();
  }

  private state() {
    if (!this.stats)
      throw new SvmBridgeError('this', 'an unfitted MinMaxScaler', 'a fitted scaler', 'Call `scaler.fit(Xtrain)` first');
    return this.stats;
  }

  /** `low + (x - min) * (high - low) / (max - min)`, column by column, into a new matrix. */
  transform(X: FeatureMatrix): FeatureMatrix {
    const { min, mul } = this.state();
    checkMatrix(X, 'X', min.length);
    return affineColumns(X, min, mul, this.featureRange[0]);
  }

  /** `fit(X)` then `transform(X)`. */
  fitTransform(X: FeatureMatrix): FeatureMatrix {
    return this.fit(X).transform(X);
  }
}
