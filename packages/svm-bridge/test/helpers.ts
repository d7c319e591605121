import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FeatureMatrix } from '../src/index';

export interface DigitsFixture {
  rows: number;
  cols: number;
  nTrain: number;
  pixels16: number[];
  y: number[];
  svc: {
    options: {
      kernel: 'rbf' | 'poly' | 'linear' | 'sigmoid';
      C: number;
      gamma?: number | 'scale';
      degree?: number;
      coef0?: number;
    };
    gamma: number;
    predictions: number[];
    nSupport: number;
    decisionOvoFirst10: number[][];
  }[];
  binary: { options: { kernel: 'rbf'; C: number; gamma: number }; trainRows: number[]; testRows: number[]; decision: number[] };
  linear: {
    options: { C: number; loss: 'hinge' | 'squared_hinge'; tol: number };
    predictions: number[];
    coef?: number[][];
    intercept?: number[];
  }[];
}

export const digits = JSON.parse(
  readFileSync(fileURLToPath(new URL('./fixtures/sklearn-digits.json', import.meta.url)), 'utf8'),
) as DigitsFixture;

/** Rows [from, to) of the digits fixture, features / 16. */
export function digitsRows(from: number, to: number): FeatureMatrix {
  const { cols } = digits;
  const data = new Float32Array((to - from) * cols);
  for (let i = 0; i < data.length; i++) data[i] = digits.pixels16[from * cols + i] / 16;
  return { data, rows: to - from, cols };
}

export function pick(rows: number[]): FeatureMatrix {
  const { cols } = digits;
  const data = new Float32Array(rows.length * cols);
  rows.forEach((r, i) => {
    for (let c = 0; c < cols; c++) data[i * cols + c] = digits.pixels16[r * cols + c] / 16;
  });
  return { data, rows: rows.length, cols };
}

export function agreement(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

/** Two well-separated Gaussian-ish blobs, deterministic. */
export function blobs(n: number, cols = 2, seed = 1): { X: FeatureMatrix; y: Int32Array } {
  let s = seed;
  const rnd = () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647 - 0.5;
  };
  const data = new Float32Array(n * cols);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = i % 2;
    for (let c = 0; c < cols; c++) data[i * cols + c] = (y[i] ? 2 : -2) + rnd();
  }
  return { X: { data, rows: n, cols }, y };
}
