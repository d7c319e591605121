import { join, resolve } from 'node:path';
import { ENGINE_ORDER, type EngineName } from '@dlkit/backend';
import { parseCli, type Cli } from '@dlkit-examples/common';

const USAGE = `Usage: tsne-features [options]
  --data mnist|fashion|cifar10
                           the bundled MNIST sample (default; 8,000 train / 2,000 test), Fashion-MNIST, or
                           CIFAR-10 (32×32 colour, TF-tutorial CifarNet instead of the Torch-tutorial ConvNet)
  --root PATH              fashion: folder with the IDX files (default /usr/share/datasets/fashion-mnist);
                           cifar10: folder with the binary batches (cifar-10-batches-bin or its parent), an image
                           tree train|test/<class>/*.jpg, or a .tar/.tar.gz of either (default: the dataset cache)
  --train-size N           training images used (default: all 8,000 for mnist, 10,000 for fashion and
                           cifar10; cifar10 draws train and test images stratified, seed 0)
  --test-size N            test images embedded (default 2,000; up to 10,000 for fashion and cifar10)
  --epochs N               training epochs (default 3; 4 for cifar10)
  --snapshots A,B,C        epochs at which to embed, 0 = before training (default 0, epochs/2 rounded down, epochs)
  --layers A,B             layers whose outputs are embedded (default flatten,act3: conv output, penultimate
                           dense; cifar10: flatten,fc2)
  --batch-size N           mini-batch size (default 32)
  --lr X                   Adam learning rate (default 0.001)
  --pca N                  PCA dimensions before t-SNE (default 50)
  --perplexity X           t-SNE perplexity (default 30)
  --iterations N           t-SNE iterations, early exaggeration included (default 1000)
  --threads N              t-SNE worker threads (default: the library's choice, 1 below 5,000 points)
  --k N                    neighbours of trustworthiness and kNN accuracy (default 5)
  --seed N                 seed of the weights, the shuffling, PCA and t-SNE (default 1)
  --engine NAME            tfjs-node-gpu | tfjs-node | wasm | cpu (default: the fastest available)
  --out DIR                output folder (default ./reports/tsne-features)
  --json FILE              also write trustworthiness, kNN accuracy and timings as JSON
  --estimate-only          print the measured time estimate (training + feature capture) and stop
  -h, --help               this text`;

/** The data sets --data offers. */
export type DataVariant = 'mnist' | 'fashion' | 'cifar10';

/** The checked command-line options that do not depend on the data set (the sizes are checked once it is loaded). */
export interface Options {
  variant: DataVariant;
  /** Where the data are: Fashion-MNIST's IDX folder, or CIFAR-10's root (undefined: the dataset cache). */
  root: string | undefined;
  epochs: number;
  /** Distinct snapshot epochs, ascending, each in 0 … epochs. */
  snapshots: number[];
  layerNames: string[];
  batchSize: number;
  learningRate: number;
  pcaDims: number;
  perplexity: number;
  nIter: number;
  /** t-SNE worker threads, or undefined for the library's choice. */
  threads: number | undefined;
  k: number;
  seed: number;
  /** The preferred engine, or undefined for the fastest available. */
  engine: EngineName | undefined;
  outDir: string;
  /** Absolute path of the JSON summary, or undefined when none is asked for. */
  jsonPath: string | undefined;
  /** Print the measured time estimate and stop. */
  estimateOnly: boolean;
}

/**
 * Parses and checks the command line (exits with the usage on bad input). The returned `cli` stays needed for the
 * flags whose defaults and bounds depend on the data set: --train-size and --test-size.
 */
export function parseOptions(): { options: Options; cli: Cli } {
  const cli = parseCli('tsne-features', USAGE, {
    data: { type: 'string' },
    root: { type: 'string' },
    'train-size': { type: 'string' },
    'test-size': { type: 'string' },
    epochs: { type: 'string' },
    snapshots: { type: 'string' },
    layers: { type: 'string' },
    'batch-size': { type: 'string' },
    lr: { type: 'string' },
    pca: { type: 'string' },
    perplexity: { type: 'string' },
    iterations: { type: 'string' },
    threads: { type: 'string' },
    k: { type: 'string' },
    engine: { type: 'string' },
    'estimate-only': { type: 'boolean' },
  });
  const str = cli.str;
  const die = cli.die;
  const positive = (name: string, fallback: number): number => {
    const v = cli.float(name, fallback);
    if (!(v > 0)) die(`--${name} must be a positive number, got ${JSON.stringify(str(name))}`);
    return v;
  };
  const variant = cli.choice('data', ['mnist', 'fashion', 'cifar10'] as const, 'mnist');
  const cifar = variant === 'cifar10';
  // CIFAR-10's default (10,000 images, 4 epochs of the TF-tutorial net) is sized to stay within 15 min on 2 busy cores.
  const epochs = cli.int('epochs', cifar ? 4 : 3);
  const snapshotList = cli.numbers('snapshots', [0, Math.floor(epochs / 2), epochs]);
  if (snapshotList.some((e) => !Number.isInteger(e) || e < 0))
    die(`--snapshots takes epochs ≥ 0, got ${JSON.stringify(str('snapshots'))}`);
  const snapshots = [...new Set(snapshotList)].sort((a, b) => a - b);
  if (snapshots.some((e) => e > epochs)) die(`--snapshots must lie in 0 … ${epochs} (--epochs), got ${snapshots.join(',')}`);
  const layerNames = cli.list('layers', cifar ? ['flatten', 'fc2'] : ['flatten', 'act3']);
  const batchSize = cli.int('batch-size', 32);
  const learningRate = positive('lr', 0.001);
  const pcaDims = cli.int('pca', 50);
  const perplexity = positive('perplexity', 30);
  const nIter = cli.int('iterations', 1000, 251);
  const threads = str('threads') ? cli.int('threads', 1) : undefined;
  const k = cli.int('k', 5);
  const seed = cli.int('seed', 1, 0);
  const outDir = resolve(str('out') ?? join('reports', 'tsne-features'));
  const options: Options = {
    variant,
    root: str('root') ?? (variant === 'fashion' ? '/usr/share/datasets/fashion-mnist' : undefined),
    epochs,
    snapshots,
    layerNames,
    batchSize,
    learningRate,
    pcaDims,
    perplexity,
    nIter,
    threads,
    k,
    seed,
    // Checked here: an unknown name would otherwise stop the run with the engine loader's stack trace.
    engine: str('engine') === undefined ? undefined : cli.choice('engine', ENGINE_ORDER, 'wasm'),
    outDir,
    jsonPath: str('json') === undefined ? undefined : resolve(str('json') as string),
    estimateOnly: cli.flag('estimate-only'),
  };
  return { options, cli };
}
