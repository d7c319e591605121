import { subset, channelStats, loadMnistSample, normalize, type ImageDataset } from '@dlkit/datasets';
import { loadCifarOrStandIn } from '@dlkit-examples/common';

/** Which data the experiment runs on. */
export type DataName = 'cifar10' | 'mnist';

/** Options of {@link loadExperimentData}. */
export interface DataOptions {
  /** `'cifar10'`: real CIFAR-10 from `root` (or the cache), else the generated stand-in; `'mnist'`: the bundled MNIST sample. */
  data: DataName;
  /** Folder holding `cifar-10-batches-bin` (CIFAR only). */
  root?: string;
  /** Training images used (the first N; the stand-in generates ⌈N/10⌉ per class). */
  trainSize: number;
  /** Test images used. */
  testSize: number;
  /** Seed of the generated stand-in. Default 0. */
  seed?: number;
}

/** Standardised training and test sets and where they came from. */
export interface ExperimentData {
  train: ImageDataset<Float32Array>;
  test: ImageDataset<Float32Array>;
  /** Human-readable origin, printed in every output. */
  source: string;
  /** True when the CIFAR-10 files were not found and the generated stand-in was used. */
  synthetic: boolean;
  data: DataName;
}

/**
 * `n` images of `d`: a stratified seeded draw (seed 0), never just the first ones, which would be a few classes
 * only when the files are ordered by class (the CIFAR-10 JPEG tree `train/<class>/*.jpg` is).
 */
function limitTo(d: ImageDataset<Float32Array>, n: number): ImageDataset<Float32Array> {
  return n >= d.shape[0] ? d : subset(d, n, { seed: 0 });
}

/**
 * Loads the data of the experiment and standardises every channel with the training set's mean and deviation
 * (torchvision's `Normalize`).
 *
 * @example
 * ```ts
 * const { train, test, source } = await loadExperimentData({ data: 'cifar10', trainSize: 5000, testSize: 1000 });
 * ```
 */
export async function loadExperimentData(options: DataOptions): Promise<ExperimentData> {
  let train: ImageDataset<Float32Array>;
  let test: ImageDataset<Float32Array>;
  let source: string;
  let synthetic = false;
  if (options.data === 'mnist') {
    const raw = await loadMnistSample({ dtype: 'float32', seed: 0 });
    train = limitTo(raw.train, options.trainSize);
    test = limitTo(raw.test, options.testSize);
    source = `MNIST (bundled sample, ${train.shape[0]} train / ${test.shape[0]} test)`;
  } else {
    const c = await loadCifarOrStandIn(10, {
      ...(options.root ? { root: options.root } : {}),
      trainPerClass: Math.ceil(options.trainSize / 10),
      testPerClass: Math.ceil(options.testSize / 10),
      seed: options.seed ?? 0,
    });
    train = limitTo(c.train, options.trainSize);
    test = limitTo(c.test, options.testSize);
    source = c.source;
    synthetic = c.synthetic;
  }
  const stats = channelStats(train.images, train.shape);
  const prep = (d: ImageDataset<Float32Array>): ImageDataset<Float32Array> => ({
    ...d,
    images: normalize(d.images, d.shape, stats),
  });
  return { train: prep(train), test: prep(test), source, synthetic, data: options.data };
}
