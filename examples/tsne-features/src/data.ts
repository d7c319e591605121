import {
  DatasetError,
  channelStats,
  loadCifar10,
  loadMnist,
  loadMnistSample,
  normalize,
  subset,
  type ImageDataset,
  type TrainTest,
} from '@dlkit/datasets';
import { type Cli, withHint } from '@dlkit-examples/common';
import type { DataVariant, Options } from './options';

/** The training and test images, standardised with the training set's statistics. */
export interface Data {
  trainSet: ImageDataset<Float32Array>;
  testSet: ImageDataset<Float32Array>;
  /** The test labels, as the metrics and plots take them. */
  labels: Int32Array;
  trainSize: number;
  testSize: number;
  /** The data set's name as the console and the page show it. */
  title: string;
  /** Where the images came from and how they were drawn, as the console, the page and the JSON say it. */
  source: string;
}

type Pixels = Uint8Array | Float32Array;

/** Default training images: all of the MNIST sample, 10,000 of Fashion-MNIST, 10,000 of CIFAR-10 (≤ 15 min). */
const DEFAULT_TRAIN_SIZE: Record<DataVariant, number> = { mnist: 8000, fashion: 10000, cifar10: 10000 };

const TITLE: Record<DataVariant, string> = {
  mnist: 'MNIST (bundled sample)',
  fashion: 'Fashion-MNIST',
  cifar10: 'CIFAR-10',
};

/** What --root must point at, for the error when it does not. */
const ROOT_TAKES: Record<DataVariant, string> = {
  mnist: 'is not used (the sample is bundled)',
  fashion:
    'takes the folder of the Fashion-MNIST IDX files (train-images-idx3-ubyte[.gz], …; Debian: apt-get install ' +
    'dataset-fashion-mnist)',
  cifar10:
    'takes the folder of the binary batches (cifar-10-batches-bin or its parent), an image tree ' +
    'train|test/<class>/*.jpg, or a .tar/.tar.gz of either',
};

/**
 * `n` images of `d`. MNIST and Fashion-MNIST take the first `n`, as before; CIFAR-10 takes a stratified seeded
 * draw (seed 0), because its image-tree form is ordered by class and the first `n` would be a few classes only.
 */
function draw<T extends Pixels>(d: ImageDataset<T>, n: number, variant: DataVariant): ImageDataset<T> {
  if (variant === 'cifar10') return n >= d.shape[0] ? d : subset(d, n, { seed: 0 });
  const size = d.shape[1] * d.shape[2] * d.shape[3];
  return {
    ...d,
    images: d.images.subarray(0, n * size) as T,
    labels: d.labels.subarray(0, n),
    shape: [n, d.shape[1], d.shape[2], d.shape[3]],
  };
}

/** `d` standardised per channel with the training set's mean and deviation. */
function standardise(d: ImageDataset<Pixels>, stats: ReturnType<typeof channelStats>): ImageDataset<Float32Array> {
  return { ...d, images: normalize(d.images, d.shape, stats) };
}

/**
 * The raw data set of --data. A data set that cannot be found or read (a DatasetError naming the path and what
 * was expected) exits with status 1 and that message, with what --root takes, instead of a stack trace.
 */
async function loadRaw(options: Options): Promise<TrainTest<Pixels>> {
  const { variant, root } = options;
  try {
    if (variant === 'mnist') return await loadMnistSample({ dtype: 'float32', seed: 0 });
    // CIFAR-10 stays uint8 until the draw: 60,000 float32 images would take 737 MB for nothing.
    if (variant === 'cifar10') return await loadCifar10(root === undefined ? {} : { root });
    return await loadMnist({ variant: 'fashion', dtype: 'float32', root });
  } catch (e) {
    if (!(e instanceof DatasetError)) throw e;
    // A data error, not a usage error: the message alone, without the usage after it.
    console.error(`tsne-features: --data ${variant}: cannot load ${TITLE[variant]} from ${root ?? 'the dataset cache'}`);
    // The loader's hint is for library users (`{ download: true }`); on this command line the answer is --root.
    console.error(`  ${variant === 'mnist' ? e.message : withHint(e, `--root ${ROOT_TAKES[variant]}`)}`);
    return process.exit(1);
  }
}

/** Loads the data set and checks --train-size, --test-size and --perplexity against it (exits on bad input). */
export async function loadData(options: Options, cli: Cli): Promise<Data> {
  const { variant, perplexity } = options;
  const die = cli.die;
  const raw = await loadRaw(options);
  const trainSize = cli.int('train-size', Math.min(raw.train.shape[0], DEFAULT_TRAIN_SIZE[variant]));
  const testSize = cli.int('test-size', Math.min(raw.test.shape[0], 2000));
  if (trainSize > raw.train.shape[0]) die(`--train-size is at most ${raw.train.shape[0]} for --data ${variant}`);
  if (testSize > raw.test.shape[0]) die(`--test-size is at most ${raw.test.shape[0]} for --data ${variant}`);
  if (perplexity >= testSize) die(`--perplexity must be below --test-size (${testSize})`);
  const train = draw(raw.train, trainSize, variant);
  const stats = channelStats(train.images, train.shape);
  const trainSet = standardise(train, stats);
  const testSet = standardise(draw(raw.test, testSize, variant), stats);
  const labels = Int32Array.from(testSet.labels);
  const how = variant === 'cifar10' ? 'a stratified draw (seed 0) of' : 'the first';
  const from = variant === 'mnist' ? '' : ` from ${options.root ?? 'the dataset cache'}`;
  const source =
    `${TITLE[variant]}${from}: ${how} ${trainSize} of ${raw.train.shape[0]} training and ` +
    `${testSize} of ${raw.test.shape[0]} test images`;
  return { trainSet, testSet, labels, trainSize, testSize, title: TITLE[variant], source };
}
