import { describe, expect, it } from 'vitest';
import { loadData } from '../src/data';
import { CifarCnnError } from '../src/errors';

describe('loadData', () => {
  it('falls back to the stand-in, says so, and standardises both sets with the training statistics', async () => {
    const data = await loadData({ trainPerClass: 6, testPerClass: 3, seed: 2 });
    expect(data.synthetic).toBe(true);
    expect(data.source).toMatch(/stand-in/);
    expect(data.train.shape).toEqual([60, 32, 32, 3]);
    expect(data.test.shape).toEqual([30, 32, 32, 3]);
    // Per channel: mean 0, deviation 1 on the training set.
    for (let c = 0; c < 3; c++) {
      let s = 0;
      let q = 0;
      for (let i = c; i < data.train.images.length; i += 3) {
        s += data.train.images[i];
        q += data.train.images[i] ** 2;
      }
      const n = data.train.images.length / 3;
      expect(s / n).toBeCloseTo(0, 4);
      expect(Math.sqrt(q / n)).toBeCloseTo(1, 3);
      expect(data.stats.mean[c]).toBeGreaterThan(0);
      expect(data.stats.mean[c]).toBeLessThan(1);
    }
    const limited = await loadData({
      trainPerClass: 6,
      testPerClass: 3,
      seed: 2,
      limit: 25,
      testLimit: 7,
    });
    expect(limited.train.shape[0]).toBe(25);
    expect(limited.test.labels).toHaveLength(7);
    // The stand-in is ordered by class, like the image tree train/<class>/*.jpg: a limit must not keep only
    // the first classes (the first 25 images would be classes 0–4), but every class at its share.
    expect(new Set(limited.train.labels).size).toBe(10);
    for (let c = 0; c < 10; c++) expect([2, 3]).toContain(limited.train.labels.filter((l) => l === c).length);
    await expect(loadData({ trainPerClass: 0 })).rejects.toThrow(CifarCnnError);
  });
});
