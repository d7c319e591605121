import { describe, expect, it } from 'vitest';
import { numpyAverage, numpySum } from '../src/numpy-sum';

describe('numpySum', () => {
  it('reproduces numpy.sum bit for bit where naive summation differs', () => {
    // numpy: np.array([1.2373704318946372, 1.2419655938451104, 2.6431065887017597, 0.1525380704887317]).sum()
    expect(numpySum([1.2373704318946372, 1.2419655938451104, 2.6431065887017597, 0.1525380704887317])).toBe(5.274980684930239);
    // numpy: (np.arange(1, 201) / 7).sum() == 2871.4285714285716 (pairwise, > 128 values)
    const a = Float64Array.from({ length: 200 }, (_, i) => (i + 1) / 7);
    expect(numpySum(a)).toBe(2871.4285714285716);
    expect(numpySum([])).toBe(0);
    expect(numpyAverage([1, 2, 3], [1, 0, 1])).toBe(2);
  });
});
