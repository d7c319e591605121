import { describe, expect, it } from 'vitest';
import { EmbeddingError } from '../src/errors';
import { trustworthiness } from '../src/trustworthiness';
import { fixture, matrix } from './helpers';

const X = matrix(fixture.X, fixture.n, fixture.d);
const maps = {
  random: matrix(fixture.Y_random, fixture.n, 2),
  pca: matrix(fixture.Y_pca, fixture.n, 2),
  noisy: matrix(fixture.Y_noisy, fixture.n, 2),
};

describe('trustworthiness', () => {
  for (const name of ['random', 'pca', 'noisy'] as const) {
    for (const k of [1, 5, 12]) {
      it(`equals sklearn.manifold.trustworthiness for the ${name} map, k=${k}`, () => {
        const expected = (fixture.trustworthiness as Record<string, number>)[`${name}_k${k}`];
        expect(trustworthiness(X, maps[name], k)).toBeCloseTo(expected, 10);
      });
    }
  }
  it('is 1 for the identity map', () => {
    expect(trustworthiness(X, X, 5)).toBeCloseTo(1, 12);
  });
  it('estimates from a sample close to the full value', () => {
    const full = trustworthiness(X, maps.noisy, 5);
    const est = trustworthiness(X, maps.noisy, 5, { sampleSize: 80, seed: 2 });
    expect(Math.abs(est - full)).toBeLessThan(0.03);
  });
  it('refuses k ≥ n/2 and mismatched rows', () => {
    expect(() => trustworthiness(X, maps.pca, 60)).toThrow(/n_samples \/ 2/);
    expect(() => trustworthiness(X, matrix([0, 0, 1, 1], 2, 2), 1)).toThrow(EmbeddingError);
  });
});
