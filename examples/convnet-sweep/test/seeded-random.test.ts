import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '@dlkit/backend';
import { withSeededRandom } from '../src/seeded-random';

describe('withSeededRandom', () => {
  beforeAll(async () => {
    await initBackend();
  });

  it('gives the same stream for the same seed, a different one for another, and restores Math.random', async () => {
    const original = Math.random;
    const draw = () => Array.from({ length: 5 }, () => Math.random());
    const a = await withSeededRandom(7, async () => draw());
    const b = await withSeededRandom(7, async () => draw());
    const c = await withSeededRandom(8, async () => draw());
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(a.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(new Set(a).size).toBe(5);
    expect(Math.random).toBe(original);
    await expect(withSeededRandom(1, async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    expect(Math.random).toBe(original);
  });

  it('makes unseeded tfjs dropout masks reproducible, fresh on every call', async () => {
    const x = tf.ones([1, 64]);
    const masks = () => [0, 1].map(() => tf.tidy(() => Array.from(tf.dropout(x, 0.5).dataSync())));
    const [a1, a2] = await withSeededRandom(3, async () => masks());
    const [b1, b2] = await withSeededRandom(3, async () => masks());
    x.dispose();
    expect(a1).toEqual(b1);
    expect(a2).toEqual(b2);
    expect(a1).not.toEqual(a2);
  });
});
