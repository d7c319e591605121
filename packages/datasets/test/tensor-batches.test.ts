import type * as tfc from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import type { ImageDataset } from '../src/dataset';
import { tensorBatches, type TensorFactory } from '../src/tensor-batches';

/** A stand-in for tf that records every tensor and whether it was disposed. */
class FakeTf implements TensorFactory<FakeTensor> {
  made: FakeTensor[] = [];
  tensor(values: Float32Array | Int32Array, shape: number[], dtype?: 'float32' | 'int32'): FakeTensor {
    const t = new FakeTensor(values, shape, dtype ?? 'float32');
    this.made.push(t);
    return t;
  }
  get live(): number {
    return this.made.filter((t) => !t.disposed).length;
  }
}
class FakeTensor {
  disposed = false;
  constructor(
    readonly values: Float32Array | Int32Array,
    readonly shape: number[],
    readonly dtype: string,
  ) {}
  dispose(): void {
    this.disposed = true;
  }
}

// The real tfjs namespace satisfies the factory type (checked by `pnpm typecheck`).
export type RealTfFits = typeof tfc extends TensorFactory<tfc.Tensor> ? true : never;
const realTfFits: RealTfFits = true;

const ds: ImageDataset<Uint8Array> = {
  images: Uint8Array.from({ length: 7 * 4 }, (_, i) => (i * 9) % 256),
  labels: Uint8Array.from([0, 1, 2, 0, 1, 2, 0]),
  shape: [7, 2, 2, 1],
  classNames: ['a', 'b', 'c'],
};

describe('tensorBatches', () => {
  it('makes float xs in [0,1] and one-hot ys, disposing each batch when the loop moves on', () => {
    expect(realTfFits).toBe(true);
    const tf = new FakeTf();
    let batchesSeen = 0;
    for (const { xs, ys, size } of tensorBatches(ds, { tf, batchSize: 3, shuffle: false })) {
      expect(tf.live).toBe(2); // only the current batch is alive
      expect(xs.shape).toEqual([size, 2, 2, 1]);
      expect(ys.shape).toEqual([size, 3]);
      const first = batchesSeen * 3 * 4; // shuffle: false, so batch b starts at row 3b
      for (let k = 0; k < size * 4; k++) expect(xs.values[k]).toBeCloseTo(ds.images[first + k] / 255, 6);
      expect(Array.from(ys.values.subarray(0, 3))).toEqual([1, 0, 0]);
      batchesSeen++;
    }
    expect(batchesSeen).toBe(3);
    expect(tf.live).toBe(0);
  });

  it('disposes on break, supports int32 labels, augmentation and keep', () => {
    const tf = new FakeTf();
    for (const { ys } of tensorBatches(ds, { tf, batchSize: 2, labels: 'int32', augment: (x) => x.map((v) => v + 1) })) {
      expect(ys.dtype).toBe('int32');
      expect(tf.made[0].values[0]).toBeGreaterThanOrEqual(1);
      break;
    }
    expect(tf.live).toBe(0);
    const kept = new FakeTf();
    const all = [...tensorBatches(ds, { tf: kept, batchSize: 4, keep: true })];
    expect(all).toHaveLength(2);
    expect(kept.live).toBe(4);
  });
});
