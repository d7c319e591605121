import { describe, expect, it } from 'vitest';
import { fixedSubset, loadSweepData } from '../src/data';
import { SweepError } from '../src/errors';

describe('loadSweepData / fixedSubset', () => {
  it('loads the bundled MNIST sample standardised with the training statistics', async () => {
    const d = await loadSweepData('mnist');
    expect(d.train.shape).toEqual([8000, 28, 28, 1]);
    expect(d.test.shape).toEqual([2000, 28, 28, 1]);
    let s = 0;
    let ss = 0;
    for (const v of d.train.images) {
      s += v;
      ss += v * v;
    }
    const n = d.train.images.length;
    expect(s / n).toBeCloseTo(0, 4);
    expect(Math.sqrt(ss / n - (s / n) ** 2)).toBeCloseTo(1, 3);

    const e = fixedSubset(d.test, 1000);
    expect(e.shape[0]).toBe(1000);
    // stratified: every class keeps its share of the test set, to within one image
    for (let c = 0; c < 10; c++) {
      const inTest = d.test.labels.filter((l) => l === c).length;
      expect(Math.abs(e.labels.filter((l) => l === c).length - inTest / 2)).toBeLessThanOrEqual(1);
    }
    expect(fixedSubset(d.test, 1000).labels).toEqual(e.labels); // fixed: the same draw every time
    expect(fixedSubset(d.test, 5000)).toBe(d.test);
  });

  it('rejects an unknown variant and a bad size', async () => {
    await expect(loadSweepData('cifar' as never)).rejects.toThrow(SweepError);
    const d = {
      images: new Float32Array(4),
      labels: new Uint8Array(1),
      shape: [1, 2, 2, 1] as [number, number, number, number],
      classNames: ['a'],
    };
    expect(() => fixedSubset(d, 0)).toThrow(/size/);
  });
});
