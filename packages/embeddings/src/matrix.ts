import type { FeatureMatrix as CoreFeatureMatrix } from '@dlkit/core';
import { EmbeddingError } from './errors';

/** A dense row-major matrix of features (`@dlkit/core`'s type): `rows` points of `cols` values, `data[r * cols + c]`. */
export type FeatureMatrix = CoreFeatureMatrix;

/** Checks shape consistency; throws `INVALID_SHAPE`. @internal */
export function checkShape(X: FeatureMatrix, name: string): void {
  if (X === null || typeof X !== 'object' || !(X.data instanceof Float32Array)) {
    throw new EmbeddingError('INVALID_SHAPE', name, describe(X), '{ data: Float32Array, rows, cols }');
  }
  if (!Number.isInteger(X.rows) || !Number.isInteger(X.cols) || X.rows < 0 || X.cols < 1) {
    throw new EmbeddingError('INVALID_SHAPE', name, `rows=${X.rows}, cols=${X.cols}`, 'non-negative integer rows and cols ≥ 1');
  }
  if (X.data.length !== X.rows * X.cols) {
    throw new EmbeddingError(
      'INVALID_SHAPE',
      `${name}.data`,
      `length ${X.data.length}`,
      `rows * cols = ${X.rows} * ${X.cols} = ${X.rows * X.cols}`,
    );
  }
}

/** Throws `NON_FINITE` naming the first offending rows. @internal */
export function checkFinite(X: FeatureMatrix, name: string): void {
  const bad: number[] = [];
  let count = 0;
  const { data, rows, cols } = X;
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    for (let c = 0; c < cols; c++) {
      if (!Number.isFinite(data[o + c])) {
        count++;
        if (bad.length < 5) bad.push(r);
        break;
      }
    }
  }
  if (count > 0) {
    throw new EmbeddingError(
      'NON_FINITE',
      `${name}.data`,
      `${count} row(s) with NaN or Infinity (first: ${bad.join(', ')})`,
      'finite values in every row',
      'Drop or impute those rows before embedding',
    );
  }
}

/** Throws `TOO_FEW_POINTS`. @internal */
export function checkMinRows(X: FeatureMatrix, name: string, min: number): void {
  if (X.rows < min) {
    throw new EmbeddingError('TOO_FEW_POINTS', name, `${X.rows} row(s)`, `at least ${min} rows`);
  }
}

/** Validates a finite number option within bounds; throws `INVALID_OPTION`. @internal */
export function checkNumber(
  value: number,
  name: string,
  {
    min = -Infinity,
    max = Infinity,
    integer = false,
    minExclusive = false,
  }: { min?: number; max?: number; integer?: boolean; minExclusive?: boolean } = {},
): void {
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (minExclusive ? value > min : value >= min) &&
    value <= max &&
    (!integer || Number.isInteger(value));
  if (!ok) {
    const range = `${minExclusive ? '>' : '≥'} ${min}${max < Infinity ? ` and ≤ ${max}` : ''}`;
    throw new EmbeddingError('INVALID_OPTION', name, String(value), `${integer ? 'an integer' : 'a finite number'} ${range}`);
  }
}

/** Validates a string option against its allowed values. @internal */
export function checkOneOf<T extends string>(value: T, name: string, allowed: readonly T[]): void {
  if (!allowed.includes(value)) {
    throw new EmbeddingError('INVALID_OPTION', name, JSON.stringify(value), `one of ${allowed.map((a) => `'${a}'`).join(', ')}`);
  }
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v !== 'object') return typeof v;
  const data = (v as { data?: unknown }).data;
  return `object with data of type ${data === undefined ? 'undefined' : ((data as object).constructor?.name ?? typeof data)}`;
}
