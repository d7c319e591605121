import { appendFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';
import { uniform } from './rng';

/** Central finite differences of a float64 function: `(f(x + h e_i) − f(x − h e_i)) / 2h`. */
export function numericGradient(f: (x: Float64Array) => number, x: Float64Array, h = 1e-6): Float64Array {
  const g = new Float64Array(x.length);
  const probe = Float64Array.from(x);
  for (let i = 0; i < x.length; i++) {
    probe[i] = x[i] + h;
    const up = f(probe);
    probe[i] = x[i] - h;
    const down = f(probe);
    probe[i] = x[i];
    g[i] = (up - down) / (2 * h);
  }
  return g;
}

/** max |a − b| / max(1, max |b|): an error relative to the reference's scale, absolute below 1. */
export function scaledError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let diff = 0;
  let scale = 1;
  for (let i = 0; i < a.length; i++) {
    expect(Number.isFinite(a[i])).toBe(true);
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return diff / scale;
}

export interface GradCheckCase {
  /** The tfjs computation under test (float32, on the active backend). */
  f: (x: tf.Tensor) => tf.Tensor;
  /** The same computation in plain JS, float64, written independently. */
  reference: (x: Float64Array) => Float64Array;
  x: Float64Array;
  shape: number[];
  /** Tolerance on the forward values (scaled error). Default 2e-6. */
  forwardTol?: number;
  /** Tolerance on the gradient (scaled error). Default 1e-5. */
  gradTol?: number;
  /** Seed of the random projection w of the output. */
  seed?: number;
}

export interface GradCheckResult {
  forwardError: number;
  gradError: number;
}

/**
 * Checks `f` against `reference` on `x`: forward values, then the gradient of the scalar `Σ w ⊙ f(x)` (w random,
 * so every output element's Jacobian row counts) from tfjs's autodiff against central finite differences of the
 * float64 reference. Also checks the computation leaves no tensor behind.
 */
export function gradCheck(c: GradCheckCase): GradCheckResult {
  const before = tf.memory().numTensors;
  const ref = c.reference(c.x);
  const w = uniform(ref.length, c.seed ?? 7, -1, 1);
  const x = tf.tensor(Float32Array.from(c.x), c.shape);
  const y = c.f(x);
  const forward = y.dataSync();
  const wT = tf.tensor(Float32Array.from(w), y.shape);
  const g = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(c.f(t), wT)))(x);
  const analytic = g.dataSync();
  tf.dispose([x, y, wT, g]);
  expect(tf.memory().numTensors).toBe(before);
  const numeric = numericGradient((v) => {
    const out = c.reference(v);
    let s = 0;
    for (let i = 0; i < out.length; i++) s += w[i] * out[i];
    return s;
  }, c.x);
  const forwardError = scaledError(forward, ref);
  const gradError = scaledError(analytic, numeric);
  // GRADCHECK_LOG=file.jsonl records every check's errors and tolerances (for the closing note).
  const log = process.env.GRADCHECK_LOG;
  if (log !== undefined) {
    const entry = {
      test: expect.getState().currentTestName,
      forwardError,
      gradError,
      forwardTol: c.forwardTol ?? 2e-6,
      gradTol: c.gradTol ?? 1e-5,
    };
    appendFileSync(log, `${JSON.stringify(entry)}\n`);
  }
  expect(forwardError).toBeLessThan(c.forwardTol ?? 2e-6);
  expect(gradError).toBeLessThan(c.gradTol ?? 1e-5);
  return { forwardError, gradError };
}
