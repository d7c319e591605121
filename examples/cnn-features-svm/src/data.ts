import { subset, channelStats, loadMnistSample, normalize, type ImageDataset } from '@dlkit/datasets';
import { loadCifarOrStandIn } from '@dlkit-examples/common';
import { FeaturesSvmError } from './errors';

/** Which data the experiment runs on. */
export type DataName = 'cifar10' | 'mnist';

/** Options of {@link loadExperimentData}. */
export interface DataOptions {
  /** `'cifar10'`: real CIFAR-10 from `root`, or without it from the cache, else the generated stand-in; `'mnist'`: the bundled MNIST sample. */
  data: DataName;
  /**
   * CIFAR-10 as `loadCifar10` reads it (CIFAR only): a folder holding `cifar-10-batches-bin` (or the batches
   * themselves), an image tree `train|test/<class>/*.jpg`, or a `.tar` / `.tar.gz` of either. Given, CIFAR-10 must
   * be there (DatasetError NOT_FOUND otherwise): the stand-in stands only for a missing dataset cache.
   */
  root?: string;
  /** Without `root`: fail (DatasetError NOT_FOUND) instead of generating the stand-in when the cache lacks CIFAR-10. Default false. */
  requireReal?: boolean;
  /** Training images used (the first N; the stand-in generates ⌈N/10⌉ per class). */
  trainSize: number;
  /** Test images used. */
  testSize: number;
  /** Seed of the generated stand-in. Default 0. */
  seed?: number;
  /**
   * Standardise with the statistics of this many training images (a stratified draw, seed 0, the one
   * `trainSize` and cifar-cnn's `--limit` take) instead of the `trainSize` used. A network loaded with
   * `--model` must see its inputs standardised exactly as in its training: cifar-cnn's `--full` trained on all
   * 50 000 images, so a smaller SVM run still standardises with all of them (`Infinity`: every image there is).
   */
  statsImages?: number;
  /**
   * Standardise with these statistics (stored with a trained network) instead of computing them; `images` is
   * how many training images they came from. One mean and deviation per image channel.
   */
  stats?: { mean: number[]; std: number[]; images: number };
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
  /** The per-channel mean and deviation every image was standardised with, and how many training images gave them. */
  stats: { mean: number[]; std: number[]; images: number };
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
 * (torchvision's `Normalize`), as examples/cifar-cnn's `loadData` does — the same stratified draw, the same
 * `channelStats` and `normalize` of `@dlkit/datasets` — so a network it trained sees the inputs it was trained
 * on (see `statsImages`).
 *
 * @example
 * ```ts
 * const { train, test, source } = await loadExperimentData({ data: 'cifar10', trainSize: 5000, testSize: 1000 });
 * ```
 */
export async function loadExperimentData(options: DataOptions): Promise<ExperimentData> {
  let train: ImageDataset<Float32Array>;
  let test: ImageDataset<Float32Array>;
  let statsSet: ImageDataset<Float32Array>;
  let source: string;
  let synthetic = false;
  if (options.data === 'mnist') {
    const raw = await loadMnistSample({ dtype: 'float32', seed: 0 });
    train = limitTo(raw.train, options.trainSize);
    test = limitTo(raw.test, options.testSize);
    statsSet = limitTo(raw.train, options.statsImages ?? options.trainSize);
    source = `MNIST (bundled sample, ${train.shape[0]} train / ${test.shape[0]} test)`;
  } else {
    const c = await loadCifarOrStandIn(10, {
      ...(options.root ? { root: options.root } : {}),
      trainPerClass: Math.ceil(options.trainSize / 10),
      testPerClass: Math.ceil(options.testSize / 10),
      seed: options.seed ?? 0,
      ...(options.requireReal ? { requireReal: true } : {}),
    });
    train = limitTo(c.train, options.trainSize);
    test = limitTo(c.test, options.testSize);
    statsSet = limitTo(c.train, options.statsImages ?? options.trainSize);
    source = c.source;
    synthetic = c.synthetic;
  }
  const channels = train.shape[3];
  if (options.stats !== undefined && (options.stats.mean.length !== channels || options.stats.std.length !== channels)) {
    throw new FeaturesSvmError(
      'stats',
      `${options.stats.mean.length} means, ${options.stats.std.length} deviations`,
      `one per channel of the ${channels}-channel images of ${source}`,
    );
  }
  // As cifar-cnn's loadData: a channel without spread is divided by 1, not 0.
  const raw = options.stats ?? channelStats(statsSet.images, statsSet.shape);
  const stats = { mean: Array.from(raw.mean), std: Array.from(raw.std, (s) => (s > 0 ? s : 1)) };
  const prep = (d: ImageDataset<Float32Array>): ImageDataset<Float32Array> => ({
    ...d,
    images: normalize(d.images, d.shape, stats),
  });
  return {
    train: prep(train),
    test: prep(test),
    source,
    synthetic,
    data: options.data,
    stats: { ...stats, images: options.stats?.images ?? statsSet.shape[0] },
  };
}
