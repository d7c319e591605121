import { loadCifar10, loadMnist, type ImageDataset } from '@dlkit/datasets';
import { evaluationPairs, type PairIndices } from '@dlkit/siamese';
import type { ExperimentOptions } from './options';

/** The training set, the full test set, and the parts of the test set every setting is scored on. */
export interface ExperimentData {
  train: ImageDataset<Uint8Array>;
  fullTest: ImageDataset<Uint8Array>;
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

/** Loads the dataset and fixes the scored test subset and the held-out pairs. */
export async function loadExperimentData(opts: ExperimentOptions): Promise<ExperimentData> {
  const { train, test: fullTest } = await loadDataset(opts);
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
