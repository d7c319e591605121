/**
 * A dense row-major matrix: `rows` samples of `cols` values each, `data[r * cols + c]`. How feature matrices,
 * embeddings and model outputs cross package borders in dlkit (models' `predict`/`extractFeatures` return one,
 * svm-bridge, embeddings and siamese take one).
 *
 * `T` is `Float32Array` unless a package also accepts doubles (svm-bridge: `FeatureMatrix<Float32Array | Float64Array>`).
 *
 * @example
 * ```ts
 * import type { FeatureMatrix } from '@dlkit/core';
 * const X: FeatureMatrix = { data: new Float32Array([0, 1, 2, 3, 4, 5]), rows: 3, cols: 2 };
 * X.data[2 * X.cols + 1]; // row 2, column 1 → 5
 * ```
 */
export interface FeatureMatrix<T extends Float32Array | Float64Array = Float32Array> {
  /** Row-major values, length `rows * cols`. */
  data: T;
  /** Number of samples (points). */
  rows: number;
  /** Number of values (features) per sample. */
  cols: number;
}
