import { describe, expect, it } from 'vitest';
import { gradientDescent } from '../src/optimizer';

describe('gradientDescent', () => {
  it('minimises a convex quadratic, reporting checks with error and gradient norm', () => {
    const target = [3, -2, 0.5];
    const checks: number[] = [];
    const params = new Float64Array(3);
    const { error, iteration } = gradientDescent(
      (p, grad) => {
        let e = 0;
        for (let i = 0; i < 3; i++) {
          grad[i] = 2 * (p[i] - target[i]);
          e += (p[i] - target[i]) ** 2;
        }
        return e;
      },
      params,
      {
        it: 0,
        nIter: 300,
        momentum: 0.5,
        learningRate: 0.05,
        minGain: 0.01,
        minGradNorm: 1e-7,
        nIterWithoutProgress: 300,
        nIterCheck: 50,
        onCheck: (i) => checks.push(i),
      },
    );
    for (let i = 0; i < 3; i++) expect(params[i]).toBeCloseTo(target[i], 4);
    expect(error).toBeLessThan(1e-8);
    expect(checks[0]).toBe(50);
    expect(iteration).toBeLessThan(300);
  });
  it('stops when the error stops improving', () => {
    const params = new Float64Array(1);
    let calls = 0;
    const { iteration } = gradientDescent(
      (_p, grad) => {
        calls++;
        grad[0] = 1e-3;
        return 1; // never improves after the first check
      },
      params,
      {
        it: 0,
        nIter: 1000,
        momentum: 0.5,
        learningRate: 1,
        minGain: 0.01,
        minGradNorm: 0,
        nIterWithoutProgress: 100,
        nIterCheck: 10,
      },
    );
    expect(iteration).toBeLessThan(200);
    expect(calls).toBe(iteration + 1);
  });
});
