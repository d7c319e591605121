import type { FeatureMatrix as CoreFeatureMatrix } from '@dlkit/core';
import { SvmBridgeError, describe } from './errors';

/**
 * A dense row-major feature matrix (`@dlkit/core`'s type, here also accepting doubles): `data[r * cols + c]` is
 * feature `c` of sample `r`.
 *
 * @example
 * ```ts
 * const X: FeatureMatrix = { data: new Float32Array([0, 1, 1, 0]), rows: 2, cols: 2 };
 * ```
 */
export type FeatureMatrix = CoreFeatureMatrix<Float32Array | Float64Array>;

/** Integer class labels, one per row of a {@link FeatureMatrix}. */
export type Labels = Int32Array | Uint8Array | Uint16Array | Int16Array | Int8Array | readonly number[];

/** @internal Check shape and finiteness of a feature matrix; throws {@link SvmBridgeError}. */
export function checkMatrix(X: FeatureMatrix, name = 'X', expectedCols?: number): void {
  if (X === null || typeof X !== 'object') throw new SvmBridgeError(name, describe(X), '{ data, rows, cols }');
  const { data, rows, cols } = X;
  if (!(data instanceof Float32Array || data instanceof Float64Array)) {
    throw new SvmBridgeError(`${name}.data`, describe(data), 'a Float32Array or Float64Array');
  }
  if (!Number.isInteger(rows) || rows < 1) throw new SvmBridgeError(`${name}.rows`, describe(rows), 'a positive integer');
  if (!Number.isInteger(cols) || cols < 1) throw new SvmBridgeError(`${name}.cols`, describe(cols), 'a positive integer');
  if (data.length !== rows * cols) {
    throw new SvmBridgeError(
      `${name}.data`,
      `length ${data.length}`,
      `length rows * cols = ${rows} * ${cols} = ${rows * cols}`,
      'Ragged or mis-shaped rows: flatten every sample to exactly `cols` values',
    );
  }
  if (expectedCols !== undefined && cols !== expectedCols) {
    throw new SvmBridgeError(`${name}.cols`, String(cols), `${expectedCols} features, as at fit time`);
  }
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (!Number.isFinite(v)) {
      throw new SvmBridgeError(
        `${name}.data[${i}]`,
        describe(v),
        'a finite number',
        `Row ${Math.floor(i / cols)}, column ${i % cols} is not finite: clean or impute the features first`,
      );
    }
  }
}

/** @internal Check labels against a row count and return them as an Int32Array. */
export function checkLabels(y: Labels, rows: number, name = 'y'): Int32Array {
  if (!(ArrayBuffer.isView(y) || Array.isArray(y)))
    throw new SvmBridgeError(name, describe(y), 'an Int32Array, Uint8Array or number[]');
  if (y.length !== rows) throw new SvmBridgeError(name, `length ${y.length}`, `length ${rows} (one label per row of X)`);
  const out = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    const v = y[i];
    // Int32Array would wrap 2^31 to −2^31 silently: refuse what does not fit.
    if (!Number.isInteger(v) || v < -2147483648 || v > 2147483647) {
      throw new SvmBridgeError(
        `${name}[${i}]`,
        describe(v),
        'an integer class label in the int32 range [-2147483648, 2147483647]',
      );
    }
    out[i] = v;
  }
  return out;
}

/** @internal Sorted distinct labels; throws when fewer than two classes are present. */
export function uniqueClasses(y: Int32Array, name = 'y'): Int32Array {
  const classes = Int32Array.from(new Set(y)).sort();
  if (classes.length < 2) {
    throw new SvmBridgeError(
      name,
      `${classes.length} distinct class${classes.length === 1 ? ` (${classes[0]})` : 'es'}`,
      'at least 2 classes',
    );
  }
  return classes;
}

/** @internal Rows `idx` of X as a new matrix. */
export function takeRows(X: FeatureMatrix, idx: ArrayLike<number>): FeatureMatrix {
  const { cols } = X;
  const data = new (X.data.constructor as Float32ArrayConstructor | Float64ArrayConstructor)(idx.length * cols);
  for (let i = 0; i < idx.length; i++) data.set(X.data.subarray(idx[i] * cols, idx[i] * cols + cols), i * cols);
  return { data, rows: idx.length, cols };
}
