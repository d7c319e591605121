import { expect } from 'vitest';
import { MetricsError } from '../src/index';
import { collector, expectAllClose, expectClose, fixture, sklearnMessage } from './helpers';

export interface Outcome<T> {
  result: T | null;
  warnings: { type: string; message: string }[];
  error: string | null;
}
export interface PrfsCase {
  yTrue: number[];
  yPred: number[];
  sampleWeight: number[] | null;
  labels: number[] | null;
  average: 'micro' | 'macro' | 'weighted' | 'binary' | null;
  zeroDivision: 'warn' | 0 | 1;
  beta: number;
  posLabel: number;
  prfs: Outcome<[number | number[], number | number[], number | number[], number[] | null]>;
  precision: Outcome<number | number[]>;
  recall: Outcome<number | number[]>;
  f1: Outcome<number | number[]>;
  fbeta: Outcome<number | number[]>;
}

export const prfsCases = fixture<{ meta: { sklearn: string }; cases: PrfsCase[] }>('prfs.json');

export function commonOptions(c: PrfsCase) {
  return {
    labels: c.labels,
    average: c.average,
    zeroDivision: c.zeroDivision,
    sampleWeight: c.sampleWeight,
    posLabel: c.posLabel,
  };
}

/** Compares one call against a fixture outcome: value, warnings (text and count), or the error. */
export function checkOutcome<T>(
  outcome: Outcome<number | number[]>,
  call: (onWarning: ReturnType<typeof collector>['onWarning']) => T,
  extract: (r: T) => number | ArrayLike<number>,
  label: string,
): void {
  const col = collector();
  if (outcome.error) {
    expect(() => call(col.onWarning), `${label}: scikit-learn raised ${outcome.error}`).toThrow(MetricsError);
    return;
  }
  const value = extract(call(col.onWarning));
  if (typeof outcome.result === 'number') expectClose(value as number, outcome.result, label);
  else expectAllClose(value as ArrayLike<number>, outcome.result as number[], label);
  const expected = outcome.warnings.filter((w) => w.type === 'UndefinedMetricWarning').map((w) => sklearnMessage(w.message));
  expect(
    col.warnings.filter((w) => w.type === 'UndefinedMetricWarning').map((w) => w.message),
    label,
  ).toEqual(expected);
}
