import { describe, expect, it } from 'vitest';
import { exactKnn, sortRowByDistance } from '../src/knn';
import { blobs } from './helpers';

describe('exactKnn', () => {
  it('matches a naive search (indices and squared distances, self excluded, ascending)', () => {
    const { X } = blobs(30, 3, 5);
    const k = 7;
    const g = exactKnn(X, k);
    for (let i = 0; i < X.rows; i++) {
      const all: [number, number][] = [];
      for (let j = 0; j < X.rows; j++) {
        if (j === i) continue;
        let s = 0;
        for (let c = 0; c < X.cols; c++) s += (X.data[i * X.cols + c] - X.data[j * X.cols + c]) ** 2;
        all.push([s, j]);
      }
      all.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      for (let t = 0; t < k; t++) {
        expect(g.indices[i * k + t]).toBe(all[t][1]);
        expect(g.distances[i * k + t]).toBeCloseTo(all[t][0], 4);
      }
    }
  });
  it('searches a subset of queries against all rows', () => {
    const { X } = blobs(20, 2, 3);
    const full = exactKnn(X, 4);
    const sub = exactKnn(X, 4, Int32Array.from([5, 17, 33]));
    expect(sub.n).toBe(3);
    expect(Array.from(sub.indices.subarray(4, 8))).toEqual(Array.from(full.indices.subarray(17 * 4, 18 * 4)));
  });
  it('finds duplicates at distance 0', () => {
    const X = { data: Float32Array.from([0, 0, 1, 1, 0, 0, 5, 5]), rows: 4, cols: 2 };
    const g = exactKnn(X, 1);
    expect(g.indices[0]).toBe(2);
    expect(g.distances[0]).toBe(0);
  });
});

describe('sortRowByDistance', () => {
  it('sorts by distance then index', () => {
    const I = Int32Array.from([9, 3, 4, 1]);
    const D = Float64Array.from([2, 1, 2, 0]);
    sortRowByDistance(I, D, 0, 4);
    expect(Array.from(I)).toEqual([1, 3, 4, 9]);
  });
});

describe('exactKnn on worker threads', () => {
  it('gives the same graph as one thread', () => {
    const { X } = blobs(700, 3, 4, 9); // 2,100 points: enough for the parallel path
    const one = exactKnn(X, 5);
    const two = exactKnn(X, 5, undefined, 2);
    expect(Array.from(two.indices)).toEqual(Array.from(one.indices));
    expect(Array.from(two.distances)).toEqual(Array.from(one.distances));
  });
});
