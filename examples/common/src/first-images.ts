import type { ImageDataset } from '@dlkit/datasets';

/**
 * The first `n` images of `dataset` (all of them when it has fewer), as views — no copy. For timing a network on
 * a few batches before a long run, where which images does not matter.
 *
 * @example
 * ```ts
 * const sample = firstImages(data.train, 2 * batchSize);
 * ```
 */
export function firstImages<T extends ImageDataset['images']>(dataset: ImageDataset<T>, n: number): ImageDataset<T> {
  const rows = Math.min(n, dataset.shape[0]);
  const size = dataset.shape[1] * dataset.shape[2] * dataset.shape[3];
  return {
    images: dataset.images.subarray(0, rows * size) as T,
    labels: dataset.labels.subarray(0, rows),
    shape: [rows, dataset.shape[1], dataset.shape[2], dataset.shape[3]],
    classNames: dataset.classNames,
  };
}
