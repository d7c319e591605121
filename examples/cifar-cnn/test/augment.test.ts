import { describe, expect, it } from 'vitest';
import type { ImageDataset } from '@dlkit/datasets';
import { augmenter } from '../src/augment';

function ramp(n: number): ImageDataset<Float32Array> {
  const images = new Float32Array(n * 32 * 32 * 3);
  for (let i = 0; i < images.length; i++) images[i] = 1 + (i % 97);
  return { images, labels: new Uint8Array(n), shape: [n, 32, 32, 3], classNames: ['a'] };
}

describe('augmenter', () => {
  it('redraws crops and flips from the untouched originals, seeded', () => {
    const original = ramp(8);
    const copy = original.images.slice();
    const a = augmenter(original, 3);
    a.next();
    const first = a.data.images.slice();
    a.next();
    const second = a.data.images.slice();
    expect(first).not.toEqual(copy);
    expect(second).not.toEqual(first);
    expect(original.images).toEqual(copy);
    expect(a.data.labels).toBe(original.labels);
    // Padding brings zeros (the mean of standardised data); the ramp itself has none.
    expect(first.some((v) => v === 0)).toBe(true);
    const b = augmenter(original, 3);
    b.next();
    expect(b.data.images).toEqual(first);
  });
});
