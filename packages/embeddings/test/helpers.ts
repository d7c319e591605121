import type { FeatureMatrix } from '../src/matrix';
import { SeededRandom } from '@dlkit/core';
import fixture from './fixtures/sklearn.json';

export { fixture };

/** `clusters` Gaussian blobs (σ = 1) in `d` dimensions, centres 10 apart on the axes; labels 0..clusters-1. */
export function blobs(perCluster: number, clusters: number, d: number, seed = 1): { X: FeatureMatrix; labels: Int32Array } {
  const rng = new SeededRandom(seed);
  const n = perCluster * clusters;
  const data = new Float32Array(n * d);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % clusters;
    labels[i] = c;
    for (let j = 0; j < d; j++) data[i * d + j] = (j === c % d ? 10 * (1 + Math.floor(c / d)) : 0) + rng.normalPolar();
  }
  return { X: { data, rows: n, cols: d }, labels };
}

export function matrix(values: readonly number[], rows: number, cols: number): FeatureMatrix {
  return { data: Float32Array.from(values), rows, cols };
}
