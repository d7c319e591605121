import { imageSize, type ImageDataset } from './dataset';
import { DatasetError, check } from './errors';
import { stratifiedHoldOut } from './split';
import { permutation } from '@dlkit/core';

/**
 * A new dataset holding the images at `indices`, in that order (copied into fresh typed arrays).
 *
 * @throws {DatasetError} `BAD_ARGUMENT` for an index outside `0 … n-1`.
 * @example
 * ```ts
 * const { train } = await loadMnistSample();
 * const firstTen = gather(train, Int32Array.from({ length: 10 }, (_, i) => i));
 * firstTen.shape; // [10, 28, 28, 1]
 * ```
 */
export function gather<T extends Uint8Array | Float32Array>(
  dataset: ImageDataset<T>,
  indices: ArrayLike<number>,
): ImageDataset<T> {
  const size = imageSize(dataset.shape);
  const n = dataset.shape[0];
  const images = new (dataset.images.constructor as new (n: number) => T)(indices.length * size);
  const labels = new Uint8Array(indices.length);
  for (let i = 0; i < indices.length; i++) {
    const j = indices[i];
    if (!Number.isInteger(j) || j < 0 || j >= n) {
      throw new DatasetError('Index out of range', {
        code: 'BAD_ARGUMENT',
        field: `indices[${i}]`,
        received: j,
        expected: `an integer in 0..${n - 1}`,
      });
    }
    images.set(dataset.images.subarray(j * size, (j + 1) * size), i * size);
    labels[i] = dataset.labels[j];
  }
  return {
    images,
    labels,
    shape: [indices.length, dataset.shape[1], dataset.shape[2], dataset.shape[3]],
    classNames: dataset.classNames,
  };
}

/** Options for {@link subset}. */
export interface SubsetOptions {
  /** Seed of the draw. Default 0. */
  seed?: number;
  /** Keep class proportions (default true). */
  stratified?: boolean;
}

/**
 * A seeded random subset of `size` images, stratified by default: the "small" 600-sample runs used for
 * quick hyper-parameter sweeps.
 *
 * @example
 * ```ts
 * const { train } = await loadMnistSample();
 * const small = subset(train, 600, { seed: 1 }); // class proportions of train, to within one image
 * ```
 */
export function subset<T extends Uint8Array | Float32Array>(
  dataset: ImageDataset<T>,
  size: number,
  options: SubsetOptions = {},
): ImageDataset<T> {
  const n = dataset.shape[0];
  check(Number.isInteger(size) && size >= 0 && size <= n, 'size', size, `an integer in 0..${n}`);
  const seed = options.seed ?? 0;
  if (size === n) return gather(dataset, permutation(n, seed));
  if (options.stratified ?? true) {
    const { test } = stratifiedHoldOut(dataset.labels, { testFraction: size / n, seed });
    if (test.length === size) return gather(dataset, test);
  }
  return gather(dataset, permutation(n, seed).subarray(0, size));
}
