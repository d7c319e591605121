import { describe, expect, it } from 'vitest';
import { channelStats, gaussianNoise, horizontalFlip, normalize, oneHot, randomCrop, scaleToUnit } from '../src/transforms';
import { catchSync } from './helpers';

describe('transforms', () => {
  it('scaleToUnit maps bytes to [0, 1]', () => {
    expect(Array.from(scaleToUnit(Uint8Array.of(0, 51, 255)))).toEqual([0, 0.20000000298023224, 1]);
  });

  it('channelStats + normalize give zero mean and unit std per channel', () => {
    const x = Float32Array.from({ length: 2 * 2 * 2 * 3 }, (_, i) => (i % 3) * 10 + (i % 7));
    const shape = [2, 2, 2, 3] as const;
    const { mean, std } = channelStats(x, shape);
    const y = normalize(x, shape, { mean, std });
    const after = channelStats(y, shape);
    for (let c = 0; c < 3; c++) {
      expect(after.mean[c]).toBeCloseTo(0, 5);
      expect(after.std[c]).toBeCloseTo(1, 5);
    }
    expect(catchSync(() => normalize(x, shape, { mean: [0], std: [1] })).field).toBe('mean.length');
    expect(catchSync(() => normalize(x, shape, { mean: [0, 0, 0], std: [1, 0, 1] })).field).toBe('std[1]');
  });

  it('gaussianNoise has the requested std, is seeded, and clips', () => {
    const x = new Float32Array(20000).fill(0.5);
    const y = gaussianNoise(x, { std: 0.1, seed: 3 });
    let s = 0;
    let s2 = 0;
    for (const v of y) {
      s += v - 0.5;
      s2 += (v - 0.5) ** 2;
    }
    expect(s / y.length).toBeCloseTo(0, 2);
    expect(Math.sqrt(s2 / y.length)).toBeCloseTo(0.1, 2);
    expect(Array.from(gaussianNoise(x.subarray(0, 5), { std: 0.1, seed: 3 }))).toEqual(Array.from(y.subarray(0, 5)));
    const clipped = gaussianNoise(x, { std: 2, seed: 1, clip: [0, 1] });
    expect(Math.min(...clipped)).toBe(0);
    expect(Math.max(...clipped)).toBe(1);
    expect(x[0]).toBe(0.5); // input untouched
  });

  it('oneHot encodes and rejects labels out of range', () => {
    expect(Array.from(oneHot(Uint8Array.of(2, 0), 3))).toEqual([0, 0, 1, 1, 0, 0]);
    expect(catchSync(() => oneHot([3], 3)).field).toBe('labels[0]');
  });

  it('horizontalFlip with p=1 mirrors each row; p=0 is the identity', () => {
    const img = Uint8Array.from([1, 2, 3, 4, 5, 6]); // 1 image, 2 rows, 3 columns, 1 channel
    expect(Array.from(horizontalFlip(img, [1, 2, 3, 1], { p: 1 }))).toEqual([3, 2, 1, 6, 5, 4]);
    expect(Array.from(horizontalFlip(img, [1, 2, 3, 1], { p: 0 }))).toEqual([1, 2, 3, 4, 5, 6]);
    const rgb = Uint8Array.from([1, 1, 1, 2, 2, 2]);
    expect(Array.from(horizontalFlip(rgb, [1, 1, 2, 3], { p: 1 }))).toEqual([2, 2, 2, 1, 1, 1]);
  });

  it('randomCrop shifts content within the padding and fills with zeros', () => {
    const n = 50;
    const img = new Float32Array(n * 4 * 4).fill(1);
    const out = randomCrop(img, [n, 4, 4, 1], { padding: 2, seed: 4 });
    expect(out).toBeInstanceOf(Float32Array);
    let shifted = 0;
    for (let i = 0; i < n; i++) {
      const ones = out.subarray(i * 16, (i + 1) * 16).reduce((s, v) => s + v, 0);
      expect(ones).toBeGreaterThanOrEqual(4); // at most 2 rows and 2 columns lost
      if (ones < 16) shifted++;
    }
    expect(shifted).toBeGreaterThan(30);
    expect(Array.from(randomCrop(img, [n, 4, 4, 1], { padding: 0 }))).toEqual(Array.from(img));
  });
});
