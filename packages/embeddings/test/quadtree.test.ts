import { describe, expect, it } from 'vitest';
import { QuadTree } from '../src/quadtree';
import { SeededRandom } from '@dlkit/core';

describe('QuadTree', () => {
  it('root holds every point and the overall centre of mass; leaves partition the points', () => {
    const r = new SeededRandom(1);
    const n = 300;
    const Y = Float64Array.from({ length: 2 * n }, () => r.normalPolar() * 5);
    const t = new QuadTree(16);
    t.build(Y, n);
    let mx = 0;
    let my = 0;
    for (let i = 0; i < n; i++) {
      mx += Y[2 * i] / n;
      my += Y[2 * i + 1] / n;
    }
    expect(t.count[0]).toBe(n);
    expect(t.comX[0]).toBeCloseTo(mx, 10);
    expect(t.comY[0]).toBeCloseTo(my, 10);
    let leafPoints = 0;
    for (let v = 0; v < t.size; v++) {
      if (t.child[v] < 0 && t.count[v] > 0) {
        leafPoints += t.count[v];
        const p = t.point[v];
        expect(Math.abs(Y[2 * p] - t.cx[v])).toBeLessThanOrEqual(t.half[v] * (1 + 1e-9));
        expect(Math.abs(Y[2 * p + 1] - t.cy[v])).toBeLessThanOrEqual(t.half[v] * (1 + 1e-9));
      }
      if (t.child[v] >= 0) {
        const c = t.child[v];
        expect(t.count[c] + t.count[c + 1] + t.count[c + 2] + t.count[c + 3]).toBe(t.count[v]);
      }
    }
    expect(leafPoints).toBe(n);
  });
  it('keeps exact duplicates in one counted leaf instead of splitting forever', () => {
    const Y = Float64Array.from([1, 1, 1, 1, 1, 1, 3, 3]);
    const t = new QuadTree(4);
    t.build(Y, 4);
    const leaves = [];
    for (let v = 0; v < t.size; v++) if (t.child[v] < 0 && t.count[v] > 0) leaves.push(t.count[v]);
    expect(leaves.sort()).toEqual([1, 3]);
  });
});
