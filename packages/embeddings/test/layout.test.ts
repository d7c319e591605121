import { describe, expect, it } from 'vitest';
import { layoutScatter } from '../src/layout.js';
import { matrix } from './helpers.js';

describe('layoutScatter', () => {
  it('fits points inside the plot area, keeps the aspect ratio and flips y upwards', () => {
    const Y = matrix([0, 0, 10, 0, 0, 5], 3, 2);
    const L = layoutScatter(Y, [0, 1, 1], { width: 400, height: 300, classNames: ['a', 'b'] });
    for (let i = 0; i < 3; i++) {
      expect(L.px[i]).toBeGreaterThanOrEqual(0);
      expect(L.px[i]).toBeLessThanOrEqual(L.legendX);
      expect(L.py[i]).toBeGreaterThanOrEqual(L.plotTop);
      expect(L.py[i]).toBeLessThanOrEqual(300);
    }
    expect((L.px[1] - L.px[0]) / (L.py[0] - L.py[2])).toBeCloseTo(2, 6);
    expect(L.classes).toEqual([0, 1]);
    expect(L.names).toEqual(['a', 'b']);
    expect(L.legend).toBe(true);
  });
  it('refuses 1-D embeddings and label count mismatch', () => {
    expect(() => layoutScatter(matrix([1, 2], 2, 1), undefined, {})).toThrow(/Y.cols/);
    expect(() => layoutScatter(matrix([1, 2, 3, 4], 2, 2), [0], {})).toThrow(/labels.length/);
  });
});
