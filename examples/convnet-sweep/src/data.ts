import { channelStats, loadMnist, loadMnistSample, normalize, subset, type ImageDataset } from '@dlkit/datasets';
import { check } from './errors';

/** Which images: the bundled MNIST sample, or the full Fashion-MNIST from IDX files. */
export type DataVariant = 'mnist' | 'fashion';

/** Standardised train and test images with a description of where they came from. */
export interface SweepData {
  /** All training images, standardised with the training set's mean and deviation. */
  train: ImageDataset<Float32Array>;
  /** All test images, standardised the same way. */
  test: ImageDataset<Float32Array>;
  /** e.g. `MNIST (bundled sample)`. */
  title: string;
}

/** Options of {@link loadSweepData}. */
export interface LoadSweepDataOptions {
  /** Folder with the Fashion-MNIST IDX files. Default `/usr/share/datasets/fashion-mnist`. */
  root?: string;
}

function standardise(d: ImageDataset<Float32Array>, stats: ReturnType<typeof channelStats>): ImageDataset<Float32Array> {
  return { images: normalize(d.images, d.shape, stats), labels: d.labels, shape: d.shape, classNames: d.classNames };
}

/**
 * Loads the images of the sweep: `mnist` is the bundled sample (8,000 train / 2,000 test, stratified, seed 0),
 * `fashion` the full Fashion-MNIST (60,000 / 10,000). Pixels are scaled to [0, 1] and standardised with the
 * training set's mean and deviation (torchvision's `Normalize`).
 *
 * @example
 * ```ts
 * const { train, test } = await loadSweepData('mnist');
 * train.shape; // [8000, 28, 28, 1]
 * ```
 */
export async function loadSweepData(variant: DataVariant, options: LoadSweepDataOptions = {}): Promise<SweepData> {
  check(variant === 'mnist' || variant === 'fashion', 'data', variant, "'mnist' or 'fashion'");
  const raw =
    variant === 'mnist'
      ? await loadMnistSample({ dtype: 'float32', seed: 0 })
      : await loadMnist({ variant: 'fashion', dtype: 'float32', root: options.root ?? '/usr/share/datasets/fashion-mnist' });
  const stats = channelStats(raw.train.images, raw.train.shape);
  return {
    train: standardise(raw.train, stats),
    test: standardise(raw.test, stats),
    title: variant === 'mnist' ? 'MNIST (bundled sample)' : 'Fashion-MNIST',
  };
}

/**
 * A fixed, stratified draw of `size` images (all of them when `size` ≥ the set's size), for evaluating every
 * sweep run on the same images.
 *
 * @example
 * ```ts
 * const evalSet = fixedSubset(test, 1000); // 100 of each digit
 * ```
 */
export function fixedSubset(d: ImageDataset<Float32Array>, size: number, seed = 0): ImageDataset<Float32Array> {
  check(Number.isInteger(size) && size > 0, 'size', size, 'a positive integer');
  return size >= d.shape[0] ? d : subset(d, size, { seed, stratified: true });
}
