import { describe, expect, it } from 'vitest';
import { gaussian1d, gaussian2d } from '../src/index';

describe('Gaussian kernels', () => {
  it("match Torch's image.gaussian1D(size, sigma = 0.25): exp(−((i − c)/(σ·size))²/2)", () => {
    const g = gaussian1d(7);
    expect(g).toHaveLength(7);
    expect(g[3]).toBe(1);
    expect(g[0]).toBeCloseTo(Math.exp(-((3 / 1.75) ** 2) / 2), 12);
    expect(g[1]).toBeCloseTo(g[5], 15);
    const n = gaussian1d(5, { sigma: 0.5, normalize: true });
    expect(n.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('gaussian2d is the outer product of two 1-D windows', () => {
    const one = gaussian1d(5, { sigma: 0.3 });
    const two = gaussian2d(5, { sigma: 0.3 });
    for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) expect(two[i][j]).toBeCloseTo(one[i] * one[j], 12);
  });

  it('rejects a non-positive size or sigma', () => {
    expect(() => gaussian1d(0)).toThrow(/gaussian1d: size must be a positive integer/);
    expect(() => gaussian2d(3, { sigma: 0 })).toThrow(/gaussian2d: sigma/);
  });
});
