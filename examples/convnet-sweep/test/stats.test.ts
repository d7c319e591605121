import { describe, expect, it } from 'vitest';
import { meanStd } from '../src/stats';

describe('meanStd', () => {
  it('matches numpy mean and std(ddof=1)', () => {
    // np.mean([0.9, 0.92, 0.97]) = 0.93; np.std([...], ddof=1) = 0.036055512754639925
    const r = meanStd([0.9, 0.92, 0.97]);
    expect(r.mean).toBeCloseTo(0.93, 12);
    expect(r.std).toBeCloseTo(0.036055512754639925, 12);
    expect(r.n).toBe(3);
  });

  it('gives std 0 for one value and NaN for none', () => {
    expect(meanStd([0.5])).toEqual({ mean: 0.5, std: 0, n: 1 });
    expect(Number.isNaN(meanStd([]).mean)).toBe(true);
  });
});
