import { MetricsError, describe } from './errors';

/**
 * Anything tensor-shaped, recognised by duck typing (a tfjs `Tensor` fits): a `shape` and a
 * `dataSync()` returning the values in row-major order. `@dlkit/metrics` never imports tfjs.
 */
export interface TensorLike {
  readonly shape: readonly number[];
  dataSync(): ArrayLike<number>;
}

/** Class labels: non-negative integers, as a plain array, a typed array or a rank-1 tensor. */
export type LabelsInput = ArrayLike<number> | TensorLike;

/**
 * A `rows × cols` score matrix (one row per sample, one column per class): nested arrays, a
 * rank-2 tensor, or row-major data with its shape.
 */
export type MatrixInput =
  | ArrayLike<ArrayLike<number>>
  | TensorLike
  | { readonly data: ArrayLike<number>; readonly shape: readonly [number, number] };

/** A validated score matrix in row-major order. */
export interface Matrix {
  readonly data: ArrayLike<number>;
  readonly rows: number;
  readonly cols: number;
}

/** Largest label value accepted (labels index typed arrays). */
export const MAX_LABEL = 2 ** 31 - 1;

function isTensorLike(x: unknown): x is TensorLike {
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof (x as TensorLike).dataSync === 'function' &&
    Array.isArray((x as TensorLike).shape)
  );
}

function isArrayLike(x: unknown): x is ArrayLike<unknown> {
  if (Array.isArray(x) || ArrayBuffer.isView(x)) return true;
  return typeof x === 'object' && x !== null && typeof (x as { length?: unknown }).length === 'number';
}

/**
 * @internal Validates class labels and returns them as an Int32Array (no copy when the input
 * already is one). Every entry must be an integer in [0, 2^31 - 1]; the input must not be empty.
 */
export function toLabels(input: unknown, argument: string, allowEmpty = false): Int32Array {
  let values: ArrayLike<unknown>;
  if (isTensorLike(input)) {
    const shape = input.shape;
    const rank1 = shape.length === 1 || (shape.length === 2 && shape[1] === 1);
    if (!rank1) {
      throw new MetricsError(
        argument,
        `a tensor of shape [${shape.join(', ')}]`,
        'a rank-1 tensor of class indices (shape [n] or [n, 1])',
      );
    }
    values = input.dataSync();
  } else if (isArrayLike(input) && typeof input !== 'string') {
    values = input;
  } else {
    throw new MetricsError(argument, input, 'an array, typed array or rank-1 tensor of class labels');
  }
  const n = values.length;
  if (n === 0 && !allowEmpty) throw new MetricsError(argument, 'an empty input', 'at least one label');
  if (values instanceof Int32Array) {
    for (let i = 0; i < n; i++) {
      if (values[i] < 0) badLabel(argument, i, values[i]);
    }
    return values;
  }
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > MAX_LABEL) badLabel(argument, i, v);
    out[i] = v as number;
  }
  return out;
}

function badLabel(argument: string, index: number, value: unknown): never {
  throw new MetricsError(
    `${argument}[${index}]`,
    value,
    'a non-negative integer class label',
    'Labels must be class indices (0, 1, 2, …); map names to indices first',
  );
}

/** @internal Throws unless both label arrays have the same length. */
export function checkSameLength(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, predName = 'yPred'): void {
  if (yTrue.length !== yPred.length) {
    throw new MetricsError(predName, `length ${yPred.length}`, `the same length as yTrue (${yTrue.length})`);
  }
}

/**
 * @internal Validates optional sample weights: finite, non-negative, one per sample.
 * Returns a Float64Array or `undefined` when no weights were given.
 */
export function toWeights(input: unknown, n: number, argument = 'options.sampleWeight'): Float64Array | undefined {
  if (input === undefined || input === null) return undefined;
  let values: ArrayLike<unknown>;
  if (isTensorLike(input)) values = input.dataSync();
  else if (isArrayLike(input)) values = input;
  else throw new MetricsError(argument, input, 'an array of non-negative sample weights');
  if (values.length !== n) {
    throw new MetricsError(argument, `length ${values.length}`, `one weight per sample (${n})`);
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      throw new MetricsError(`${argument}[${i}]`, v, 'a finite, non-negative weight');
    }
    out[i] = v;
  }
  return out;
}

/**
 * @internal Validates a list of class labels given as an option (`labels`): non-negative integers,
 * no duplicates, at least one.
 */
export function toLabelList(input: unknown, argument = 'options.labels'): number[] {
  const arr = toLabels(input, argument, true);
  if (arr.length === 0) throw new MetricsError(argument, 'an empty list', 'at least one label');
  const seen = new Set<number>();
  for (let i = 0; i < arr.length; i++) {
    if (seen.has(arr[i])) throw new MetricsError(`${argument}[${i}]`, arr[i], 'labels without duplicates');
    seen.add(arr[i]);
  }
  return Array.from(arr);
}

/** @internal Validates a score matrix (finite values, at least one row and one column). */
export function toMatrix(input: unknown, argument: string): Matrix {
  let data: ArrayLike<number>;
  let rows: number;
  let cols: number;
  if (isTensorLike(input)) {
    if (input.shape.length !== 2) {
      throw new MetricsError(argument, `a tensor of shape [${input.shape.join(', ')}]`, 'a rank-2 tensor [samples, classes]');
    }
    [rows, cols] = input.shape as [number, number];
    data = input.dataSync();
  } else if (
    typeof input === 'object' &&
    input !== null &&
    !isArrayLike(input) &&
    isArrayLike((input as { data?: unknown }).data) &&
    Array.isArray((input as { shape?: unknown }).shape)
  ) {
    const m = input as { data: ArrayLike<number>; shape: readonly number[] };
    if (m.shape.length !== 2) throw new MetricsError(`${argument}.shape`, `[${m.shape.join(', ')}]`, '[rows, cols]');
    [rows, cols] = m.shape as [number, number];
    data = m.data;
    if (data.length !== rows * cols) {
      throw new MetricsError(`${argument}.data`, `length ${data.length}`, `rows × cols = ${rows * cols} values`);
    }
  } else if (isArrayLike(input)) {
    rows = input.length;
    const first = input[0];
    if (rows > 0 && !isArrayLike(first)) {
      throw new MetricsError(argument, describe(input), 'a 2-D score matrix: nested arrays, a rank-2 tensor or { data, shape }');
    }
    cols = rows > 0 ? (first as ArrayLike<number>).length : 0;
    const flat = new Float64Array(rows * cols);
    for (let i = 0; i < rows; i++) {
      const row = input[i] as ArrayLike<number>;
      if (!isArrayLike(row) || row.length !== cols) {
        throw new MetricsError(`${argument}[${i}]`, isArrayLike(row) ? `length ${row.length}` : row, `a row of ${cols} scores`);
      }
      for (let j = 0; j < cols; j++) flat[i * cols + j] = row[j];
    }
    data = flat;
  } else {
    throw new MetricsError(argument, input, 'a 2-D score matrix: nested arrays, a rank-2 tensor or { data, shape }');
  }
  if (rows === 0) throw new MetricsError(argument, 'an empty input', 'at least one row of scores');
  if (cols === 0) throw new MetricsError(argument, 'rows of length 0', 'at least one class column');
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (typeof v !== 'number' || Number.isNaN(v)) {
      throw new MetricsError(`${argument}[${Math.floor(i / cols)}][${i % cols}]`, v, 'a number (not NaN)');
    }
  }
  return { data, rows, cols };
}

/** @internal Sum with Neumaier compensation (close to numpy's pairwise sum, and order-robust). */
export function accurateSum(values: ArrayLike<number>, length = values.length): number {
  let sum = 0;
  let c = 0;
  for (let i = 0; i < length; i++) {
    const v = values[i];
    const t = sum + v;
    if (Math.abs(sum) >= Math.abs(v)) c += sum - t + v;
    else c += v - t + sum;
    sum = t;
  }
  return sum + c;
}
