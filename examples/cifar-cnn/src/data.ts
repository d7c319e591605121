import { channelStats, normalize, subset, type ImageDataset } from '@dlkit/datasets';
import { loadCifarOrStandIn } from '@dlkit-examples/common';
import { check } from './errors';

/** Standardised CIFAR-10 train and test sets and where they came from. */
export interface CifarData {
  /** Training images, standardised with the training set's per-channel mean and deviation. */
  train: ImageDataset<Float32Array>;
  /** Test images, standardised with the training set's statistics. */
  test: ImageDataset<Float32Array>;
  /** True when the generated stand-in was used because CIFAR-10 was not found. */
  synthetic: boolean;
  /** Human-readable origin (real folder or stand-in size and seed). */
  source: string;
  /** Per-channel training-set mean and deviation of the [0, 1] pixels (R, G, B). */
  stats: { mean: number[]; std: number[] };
}

/** Options of {@link loadData}. */
export interface LoadDataOptions {
  /**
   * Where CIFAR-10 is, as `loadCifar10` reads it (binary batches, the image tree or a .tar/.tar.gz). Given, CIFAR-10
   * must be there: a folder without it is an error, never the stand-in. Default: the dataset cache, else the stand-in.
   */
  root?: string;
  /** Stand-in training images per class (ignored for real CIFAR-10). Default 100. */
  trainPerClass?: number;
  /** Stand-in test images per class (ignored for real CIFAR-10). Default 50. */
  testPerClass?: number;
  /** Keep N training images (a stratified draw with seed 0, so every class keeps its share) (default: all of the stand-in, 10 × trainPerClass of real CIFAR-10). */
  limit?: number;
  /** Keep N test images (stratified, seed 0) (default: all of the stand-in, 10 × testPerClass of real CIFAR-10). */
  testLimit?: number;
  /** Seed of the stand-in. Default 0. */
  seed?: number;
}

/**
 * The first `n` images would be a few classes only when the files are ordered by class (the image tree
 * `train/<class>/*.jpg` is): a stratified seeded draw keeps every class at its share instead.
 */
function limitTo(d: ImageDataset<Float32Array>, n: number): ImageDataset<Float32Array> {
  return n >= d.shape[0] ? d : subset(d, n, { seed: 0 });
}

/**
 * Loads CIFAR-10 from `root` (which must hold it), or without `root` from the dataset cache when present and else
 * the generated stand-in of `@dlkit-examples/common`; keeps a
 * stratified draw of `limit` / `testLimit` images (never just the first ones: image trees are ordered by class), and standardises both sets per channel with the training set's
 * statistics (torchvision's `Normalize`). With real CIFAR-10 the default sizes equal the stand-in's, so a
 * default run takes the same time on either; raise `limit` for the full 50 000.
 *
 * @example
 * ```ts
 * const data = await loadData({ trainPerClass: 100, testPerClass: 50 });
 * console.log(data.source, data.train.shape);   // generated CIFAR-10 stand-in …, [1000, 32, 32, 3]
 * ```
 */
export async function loadData(options: LoadDataOptions = {}): Promise<CifarData> {
  const trainPerClass = options.trainPerClass ?? 100;
  const testPerClass = options.testPerClass ?? 50;
  check(Number.isInteger(trainPerClass) && trainPerClass > 0, 'trainPerClass', trainPerClass, 'a positive integer');
  check(Number.isInteger(testPerClass) && testPerClass > 0, 'testPerClass', testPerClass, 'a positive integer');
  const raw = await loadCifarOrStandIn(10, {
    root: options.root,
    trainPerClass,
    testPerClass,
    seed: options.seed ?? 0,
    dtype: 'float32',
  });
  const limit = options.limit ?? (raw.synthetic ? raw.train.shape[0] : 10 * trainPerClass);
  const testLimit = options.testLimit ?? (raw.synthetic ? raw.test.shape[0] : 10 * testPerClass);
  check(Number.isInteger(limit) && limit > 0, 'limit', limit, 'a positive integer');
  check(Number.isInteger(testLimit) && testLimit > 0, 'testLimit', testLimit, 'a positive integer');
  const train = limitTo(raw.train, limit);
  const test = limitTo(raw.test, testLimit);
  const { mean, std } = channelStats(train.images, train.shape);
  const stats = { mean: Array.from(mean), std: Array.from(std, (s) => (s > 0 ? s : 1)) };
  return {
    train: { ...train, images: normalize(train.images, train.shape, stats) },
    test: { ...test, images: normalize(test.images, test.shape, stats) },
    synthetic: raw.synthetic,
    source: raw.source,
    stats,
  };
}
