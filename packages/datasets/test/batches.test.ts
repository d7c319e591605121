import { describe, expect, it } from 'vitest';
import { batchCount, batches } from '../src/batches';
import type { ImageDataset } from '../src/dataset';
import { catchSync } from './helpers';

const ds: ImageDataset<Float32Array> = {
  images: Float32Array.from({ length: 10 * 3 }, (_, i) => Math.floor(i / 3)),
  labels: Uint8Array.from({ length: 10 }, (_, i) => i % 3),
  shape: [10, 1, 3, 1],
  classNames: ['a', 'b', 'c'],
};

describe('batches', () => {
  it('covers every row once per epoch, keeps images with their labels', () => {
    const seen: number[] = [];
    for (const b of batches(ds, { batchSize: 4, seed: 1 })) {
      expect(b.images).toBeInstanceOf(Float32Array);
      expect(b.shape[0]).toBe(b.labels.length);
      b.indices.forEach((j, i) => {
        expect(b.images[i * 3]).toBe(j);
        expect(b.labels[i]).toBe(j % 3);
      });
      seen.push(...b.indices);
    }
    expect(seen.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('same seed and epoch, same order; a new epoch reshuffles; dropLast drops the remainder', () => {
    const order = (epoch: number) => [...batches(ds, { batchSize: 3, seed: 7, epoch })].flatMap((b) => Array.from(b.indices));
    expect(order(0)).toEqual(order(0));
    expect(order(1)).not.toEqual(order(0));
    const dropped = [...batches(ds, { batchSize: 3, dropLast: true })];
    expect(dropped.map((b) => b.labels.length)).toEqual([3, 3, 3]);
    expect(batchCount(10, 3, { dropLast: true })).toBe(3);
    expect(batchCount(10, 3)).toBe(4);
    const plain = [...batches(ds, { batchSize: 5, shuffle: false })];
    expect(Array.from(plain[1].indices)).toEqual([5, 6, 7, 8, 9]);
    expect(catchSync(() => [...batches(ds, { batchSize: 0 })]).field).toBe('batchSize');
  });
});
