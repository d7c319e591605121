import { channelStats, loadMnist, loadMnistSample, normalize, type ImageDataset } from '@dlkit/datasets';
import type { Cli } from '@dlkit-examples/common';
import type { Options } from './options';

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
}

/** The first `n` images of `d`, standardised with the training set's mean and deviation. */
function prepare(d: ImageDataset<Float32Array>, n: number, stats: ReturnType<typeof channelStats>): ImageDataset<Float32Array> {
  const size = d.shape[1] * d.shape[2] * d.shape[3];
  const shape: [number, number, number, number] = [n, d.shape[1], d.shape[2], d.shape[3]];
  return {
    images: normalize(d.images.subarray(0, n * size), shape, stats),
    labels: d.labels.subarray(0, n),
    shape,
    classNames: d.classNames,
  };
}

/** Loads the data set and checks --train-size, --test-size and --perplexity against it (exits on bad input). */
export async function loadData(options: Options, cli: Cli): Promise<Data> {
  const { variant, perplexity } = options;
  const die = cli.die;
  const raw =
    variant === 'mnist'
      ? await loadMnistSample({ dtype: 'float32', seed: 0 })
      : await loadMnist({ variant: 'fashion', dtype: 'float32', root: options.root });
  const trainSize = cli.int('train-size', Math.min(raw.train.shape[0], variant === 'mnist' ? 8000 : 10000));
  const testSize = cli.int('test-size', Math.min(raw.test.shape[0], 2000));
  if (trainSize > raw.train.shape[0]) die(`--train-size is at most ${raw.train.shape[0]} for --data ${variant}`);
  if (testSize > raw.test.shape[0]) die(`--test-size is at most ${raw.test.shape[0]} for --data ${variant}`);
  if (perplexity >= testSize) die(`--perplexity must be below --test-size (${testSize})`);
  const stats = channelStats(raw.train.images.subarray(0, trainSize * 784), [trainSize, 28, 28, 1]);
  const trainSet = prepare(raw.train, trainSize, stats);
  const testSet = prepare(raw.test, testSize, stats);
  const labels = Int32Array.from(testSet.labels);
  const title = variant === 'mnist' ? 'MNIST (bundled sample)' : 'Fashion-MNIST';
  return { trainSet, testSet, labels, trainSize, testSize, title };
}
