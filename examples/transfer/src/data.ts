import { subset, channelStats, loadImageFolder, normalize, type ImageDataset } from '@dlkit/datasets';
import { loadCifarOrStandIn } from '@dlkit-examples/common';

/** Per-channel mean and deviation used to standardise every input of the experiment. */
export interface ChannelStats {
  mean: Float64Array;
  std: Float64Array;
}

/** Options of {@link loadTransferData}. */
export interface TransferDataOptions {
  /** Folder with `cifar-10-batches-bin` and `cifar-100-binary`, which must be there (default: the dataset cache, else the stand-ins). */
  root?: string;
  /** CIFAR-10 training / test images for the base net (the stand-in generates ⌈N/10⌉ per class). */
  baseTrain: number;
  baseTest: number;
  /** CIFAR-100 training / test images per class (the transfer task is kept small on purpose). */
  targetTrainPerClass: number;
  targetTestPerClass: number;
  /** Seed of the generated stand-ins. Default 0. */
  seed?: number;
}

/** Source and target data, standardised with the base training set's statistics. */
export interface TransferData {
  base: { train: ImageDataset<Float32Array>; test: ImageDataset<Float32Array>; source: string; synthetic: boolean };
  target: { train: ImageDataset<Float32Array>; test: ImageDataset<Float32Array>; source: string; synthetic: boolean };
  stats: ChannelStats;
}

/**
 * `n` images of `d`: a stratified seeded draw (seed 0), never just the first ones, which would be a few classes
 * only when the files are ordered by class (the CIFAR-10 JPEG tree `train/<class>/*.jpg` is).
 */
function limitTo(d: ImageDataset<Float32Array>, n: number): ImageDataset<Float32Array> {
  return n >= d.shape[0] ? d : subset(d, n, { seed: 0 });
}

/** The first `perClass` images of each class, in dataset order. */
export function perClass(d: ImageDataset<Float32Array>, per: number): ImageDataset<Float32Array> {
  const size = d.shape[1] * d.shape[2] * d.shape[3];
  const taken = new Map<number, number>();
  const keep: number[] = [];
  for (let i = 0; i < d.shape[0]; i++) {
    const c = d.labels[i];
    const k = taken.get(c) ?? 0;
    if (k < per) {
      keep.push(i);
      taken.set(c, k + 1);
    }
  }
  const images = new Float32Array(keep.length * size);
  const labels = new Uint8Array(keep.length);
  keep.forEach((i, r) => {
    images.set(d.images.subarray(i * size, (i + 1) * size), r * size);
    labels[r] = d.labels[i];
  });
  return { images, labels, shape: [keep.length, d.shape[1], d.shape[2], d.shape[3]], classNames: d.classNames };
}

/** `d` standardised with `stats`. */
export function standardise(d: ImageDataset<Float32Array>, stats: ChannelStats): ImageDataset<Float32Array> {
  return { ...d, images: normalize(d.images, d.shape, stats) };
}

/**
 * CIFAR-10 (base task) and CIFAR-100 fine labels (target task), real from `root` (which must hold both: a
 * DatasetError NOT_FOUND names what is missing) or, without `root`, from the dataset cache when there, otherwise the
 * generated stand-ins (whose CIFAR-100 classes reuse the CIFAR-10 stand-in's shapes with new hues, so features
 * can transfer). Both are standardised with the CIFAR-10 training statistics, as the base net sees them.
 *
 * @example
 * ```ts
 * const d = await loadTransferData({ baseTrain: 4000, baseTest: 1000, targetTrainPerClass: 20, targetTestPerClass: 10 });
 * d.target.train.classNames.length; // 100
 * ```
 */
export async function loadTransferData(options: TransferDataOptions): Promise<TransferData> {
  const seed = options.seed ?? 0;
  const root = options.root ? { root: options.root } : {};
  const c10 = await loadCifarOrStandIn(10, {
    ...root,
    trainPerClass: Math.ceil(options.baseTrain / 10),
    testPerClass: Math.ceil(options.baseTest / 10),
    seed,
  });
  const c100 = await loadCifarOrStandIn(100, {
    ...root,
    trainPerClass: options.targetTrainPerClass,
    testPerClass: options.targetTestPerClass,
    seed,
  });
  const baseTrain = limitTo(c10.train, options.baseTrain);
  const stats = channelStats(baseTrain.images, baseTrain.shape);
  return {
    base: {
      train: standardise(baseTrain, stats),
      test: standardise(limitTo(c10.test, options.baseTest), stats),
      source: c10.source,
      synthetic: c10.synthetic,
    },
    target: {
      train: standardise(perClass(c100.train, options.targetTrainPerClass), stats),
      test: standardise(perClass(c100.test, options.targetTestPerClass), stats),
      source: c100.source,
      synthetic: c100.synthetic,
    },
    stats,
  };
}

/**
 * An image folder's `train/` and `val/` splits at 32×32 RGB, standardised with the folder's own training
 * statistics (a pretrained model's statistics are unknown in general).
 */
export async function loadFolderData(
  root: string,
  size = 32,
): Promise<{ train: ImageDataset<Float32Array>; val: ImageDataset<Float32Array> }> {
  const train = await loadImageFolder(`${root}/train`, { size, channels: 3, dtype: 'float32' });
  const val = await loadImageFolder(`${root}/val`, { size, channels: 3, dtype: 'float32' });
  if (val.classNames.join('\n') !== train.classNames.join('\n')) {
    throw new RangeError(
      `image folder ${root}: val/ classes (${val.classNames.join(', ')}) differ from train/ classes (${train.classNames.join(', ')})`,
    );
  }
  const stats = channelStats(train.images, train.shape);
  const strip = (d: typeof train): ImageDataset<Float32Array> => ({
    images: d.images,
    labels: d.labels,
    shape: d.shape,
    classNames: d.classNames,
  });
  return { train: standardise(strip(train), stats), val: standardise(strip(val), stats) };
}
