import { describe, expect, it } from 'vitest';
import { firstImages } from '../src/first-images';

describe('firstImages', () => {
  const dataset = {
    images: Float32Array.from({ length: 3 * 2 * 2 * 1 }, (_, i) => i),
    labels: Uint8Array.of(2, 0, 1),
    shape: [3, 2, 2, 1] as [number, number, number, number],
    classNames: ['a', 'b', 'c'],
  };

  it('gives the first n images and labels as views of the same memory', () => {
    const two = firstImages(dataset, 2);
    expect(two.shape).toEqual([2, 2, 2, 1]);
    expect(Array.from(two.images)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(Array.from(two.labels)).toEqual([2, 0]);
    expect(two.images.buffer).toBe(dataset.images.buffer);
    expect(two.classNames).toBe(dataset.classNames);
  });

  it('gives all images when asked for more than there are', () => {
    expect(firstImages(dataset, 10).shape).toEqual([3, 2, 2, 1]);
  });
});
