import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { MetricWarning } from '../src/index';

/** Loads a fixture written by scripts/make-fixtures.py, decoding "NaN" / "Infinity" strings. */
export function fixture<T = any>(name: string): T {
  const path = fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
  return JSON.parse(readFileSync(path, 'utf8'), (_k, v) =>
    v === 'NaN' ? Number.NaN : v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : v,
  ) as T;
}

/** Asserts two numbers agree to ~1e-12 relative (NaN equals NaN). */
export function expectClose(actual: number, expected: number, label = ''): void {
  if (Number.isNaN(expected)) {
    expect(actual, label).toBeNaN();
    return;
  }
  const tol = 1e-12 * Math.max(1, Math.abs(expected));
  if (!(Math.abs(actual - expected) <= tol)) {
    expect(actual, `${label} (expected ${expected})`).toBe(expected);
  }
}

/** Element-wise {@link expectClose}. */
export function expectAllClose(actual: ArrayLike<number>, expected: ArrayLike<number>, label = ''): void {
  expect(actual.length, `${label} length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expectClose(actual[i], expected[i], `${label}[${i}]`);
}

/** scikit-learn's warning text with our option name. */
export function sklearnMessage(m: string): string {
  return m.replace('Use `zero_division` parameter to control', 'Use `zeroDivision` option to control');
}

/** Collects warnings of one call. */
export function collector(): { onWarning: (w: MetricWarning) => void; warnings: MetricWarning[] } {
  const warnings: MetricWarning[] = [];
  return { warnings, onWarning: (w) => warnings.push(w) };
}
