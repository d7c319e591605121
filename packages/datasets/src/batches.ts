import { imageSize, type ImageDataset } from './dataset';
import { check } from './errors';
import { deriveSeed, permutation } from '@dlkit/core';

/** One mini-batch: copies of the selected images and labels, with their NHWC shape. */
export interface Batch<T extends Uint8Array | Float32Array = Uint8Array | Float32Array> {
  images: T;
  labels: Uint8Array;
  shape: [number, number, number, number];
  /** Dataset index of each row. */
  indices: Int32Array;
}

/** Options for {@link batches}. */
export interface BatchOptions {
  /** Rows per batch (the last batch may be smaller unless `dropLast`). */
  batchSize: number;
  /** Shuffle the order (default true). */
  shuffle?: boolean;
  /** Base seed. Default 0. */
  seed?: number;
  /** Epoch number: each epoch gets its own permutation derived from `seed`. Default 0. */
  epoch?: number;
  /** Drop the last, incomplete batch. Default false. */
  dropLast?: boolean;
}

/**
 * Number of batches {@link batches} yields for `n` rows.
 *
 * @example
 * ```ts
 * batchCount(1000, 64);                     // 16
 * batchCount(1000, 64, { dropLast: true }); // 15
 * ```
 */
export function batchCount(n: number, batchSize: number, options: { dropLast?: boolean } = {}): number {
  return options.dropLast ? Math.floor(n / batchSize) : Math.ceil(n / batchSize);
}

/** The row order of one epoch. Internal helper shared with {@link tensorBatches}. */
export function epochOrder(n: number, options: BatchOptions): Int32Array {
  check(Number.isInteger(options.batchSize) && options.batchSize > 0, 'batchSize', options.batchSize, 'a positive integer');
  if (options.shuffle ?? true) return permutation(n, deriveSeed(options.seed ?? 0, options.epoch ?? 0));
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return order;
}

/**
 * Iterates over mini-batches of a dataset: a seeded shuffle per epoch (the same `seed` and `epoch` always
 * give the same order), optional drop-last. Each batch holds fresh typed-array copies the caller owns.
 *
 * @example
 * ```ts
 * for (let epoch = 0; epoch < 10; epoch++) {
 *   for (const batch of batches(train, { batchSize: 64, seed: 1, epoch })) {
 *     // batch.images: Uint8Array of 64*28*28, batch.labels: Uint8Array of 64
 *   }
 * }
 * ```
 */
export function* batches<T extends Uint8Array | Float32Array>(
  dataset: ImageDataset<T>,
  options: BatchOptions,
): Generator<Batch<T>, void, undefined> {
  const n = dataset.shape[0];
  const order = epochOrder(n, options);
  const size = imageSize(dataset.shape);
  const count = batchCount(n, options.batchSize, options);
  const Ctor = dataset.images.constructor as new (n: number) => T;
  for (let b = 0; b < count; b++) {
    const indices = order.slice(b * options.batchSize, Math.min(n, (b + 1) * options.batchSize));
    const images = new Ctor(indices.length * size);
    const labels = new Uint8Array(indices.length);
    for (let i = 0; i < indices.length; i++) {
      const j = indices[i];
      images.set(dataset.images.subarray(j * size, (j + 1) * size), i * size);
      labels[i] = dataset.labels[j];
    }
    yield { images, labels, shape: [indices.length, dataset.shape[1], dataset.shape[2], dataset.shape[3]], indices };
  }
}
