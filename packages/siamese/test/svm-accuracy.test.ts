import { describe, expect, it } from 'vitest';
import { svmAccuracy } from '../src/svm-accuracy';
import { lcg } from './helpers';

function clusters(
  n: number,
  spread: number,
  seed: number,
): { X: { data: Float32Array; rows: number; cols: number }; y: Uint8Array } {
  const rnd = lcg(seed);
  const cols = 4;
  const data = new Float32Array(n * cols);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = i % 4;
    for (let c = 0; c < cols; c++) data[i * cols + c] = (c === y[i] ? 3 : 0) + spread * (rnd() - 0.5);
  }
  return { X: { data, rows: n, cols }, y };
}

describe('svmAccuracy', () => {
  it('scores separable embeddings near 1 on the held-out 20 %', () => {
    const { X, y } = clusters(400, 1, 1);
    const r = svmAccuracy(X, y);
    expect(r.testSize).toBe(80);
    expect(r.trainSize).toBe(320);
    expect(r.accuracy).toBe(1);
    expect(r.trainAccuracy).toBe(1);
  });

  it('scores embeddings that carry no class information near chance', () => {
    const { X } = clusters(800, 1, 2);
    const rnd = lcg(5);
    const shuffled = Uint8Array.from({ length: 800 }, () => Math.floor(rnd() * 4));
    const r = svmAccuracy(X, shuffled, { seed: 3 });
    expect(r.accuracy).toBeGreaterThan(0.1);
    expect(r.accuracy).toBeLessThan(0.4);
  });

  it('checks its arguments', () => {
    const { X, y } = clusters(20, 1, 1);
    expect(() => svmAccuracy(X, y.subarray(1))).toThrow(/labels/);
    expect(() => svmAccuracy(X, y, { testFraction: 1 })).toThrow(/options.testFraction/);
  });
});
