import { loadCifar10, loadMnist, normalize, type ImageDataset } from '@dlkit/datasets';
import { evaluationPairs, type PairIndices } from '@dlkit/siamese';
import type { ExperimentOptions } from './options';

/** Per-channel mean and deviation of pixels in [0, 1], as a trainer stored them (cifar-cnn's preprocessing.json). */
export interface ChannelStats {
  mean: readonly number[];
  std: readonly number[];
}

/** The training set, the full test set, and the parts of the test set every setting is scored on. */
export interface ExperimentData {
  /** Uint8 pixels (scaled ÷ 255 when batched), or standardised float32 ones for a `--start-from` network. */
  train: ImageDataset;
  fullTest: ImageDataset;
  /** Image shape [h, w, c]. */
  inputShape: [number, number, number];
  /** The seeded, sorted subset of test images that are embedded and scored. */
  testSubset: Int32Array;
  testLabels: Uint8Array;
  /** Held-out pairs for the loss curves: fixed once, the same for every setting. */
  heldOut: PairIndices;
}

/** Loads Fashion-MNIST (default root /usr/share/datasets/fashion-mnist) or CIFAR-10. */
async function loadDataset(
  opts: ExperimentOptions,
): Promise<{ train: ImageDataset<Uint8Array>; test: ImageDataset<Uint8Array> }> {
  if (opts.dataName === 'fashion') {
    return loadMnist({ variant: 'fashion', root: opts.root ?? '/usr/share/datasets/fashion-mnist' });
  }
  return loadCifar10({ root: opts.root });
}

/** The first `count` indices of a seeded (LCG Fisher–Yates) shuffle of 0…total−1, sorted. */
export function seededSubset(total: number, count: number, seed: number): Int32Array {
  const idx = Int32Array.from({ length: total }, (_, i) => i);
  let s = seed >>> 0;
  for (let i = idx.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [idx[i], idx[j]] = [idx[j], idx[i]];
  }
  return idx.slice(0, Math.min(count, total)).sort();
}

/**
 * The images standardised per channel as the network's trainer fed them: pixels ÷ 255, then `normalize` of
 * `@dlkit/datasets` with the stored statistics (a channel without spread divided by 1, as cifar-cnn does).
 */
export function standardised(d: ImageDataset<Uint8Array>, stats: ChannelStats): ImageDataset<Float32Array> {
  const unit = new Float32Array(d.images.length);
  for (let i = 0; i < unit.length; i++) unit[i] = d.images[i] / 255;
  const std = stats.std.map((s) => (s > 0 ? s : 1));
  return { ...d, images: normalize(unit, d.shape, { mean: stats.mean, std }) };
}

/**
 * Loads the dataset and fixes the scored test subset and the held-out pairs; with `stats` (a `--start-from`
 * network's stored statistics) the images are {@link standardised} with them.
 */
export async function loadExperimentData(opts: ExperimentOptions, stats: ChannelStats | null = null): Promise<ExperimentData> {
  const raw = await loadDataset(opts);
  const train = stats === null ? raw.train : standardised(raw.train, stats);
  const fullTest = stats === null ? raw.test : standardised(raw.test, stats);
  const [, h, w, c] = train.shape;
  const testSubset = seededSubset(fullTest.shape[0], opts.testCount, opts.seed);
  const testLabels = Uint8Array.from(testSubset, (i) => fullTest.labels[i]);
  const heldOut = evaluationPairs(fullTest.labels, {
    count: opts.evalPairCount,
    sameFraction: opts.sameFraction,
    seed: opts.seed + 100,
  });
  return { train, fullTest, inputShape: [h, w, c], testSubset, testLabels, heldOut };
}
