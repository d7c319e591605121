import { CIFAR10_CLASS_NAMES, channelStats, deriveSeed, normalize, permutation, type ImageDataset } from '@dlkit/datasets';
import { loadCifarOrStandIn } from '@dlkit-examples/common';
import { check } from './errors';
import type { ChannelStats } from './data';

/** The base classes of the CIFAR-10 split task unless told otherwise: the first five of CIFAR-10's order. */
export const DEFAULT_BASE_CLASSES: readonly string[] = ['airplane', 'automobile', 'bird', 'cat', 'deer'];

/** Which CIFAR-10 classes the base net learns and which form the few-label target task. */
export interface ClassSplit {
  /** Original CIFAR-10 ids of the base classes, ascending; base label `i` is `baseIds[i]`. */
  baseIds: number[];
  /** Original ids of the target classes (every other class), ascending; target label `i` is `targetIds[i]`. */
  targetIds: number[];
  baseNames: string[];
  targetNames: string[];
}

/**
 * The split of `classNames` (default CIFAR-10's) into base classes, given by name or id, and the rest as the
 * target classes. Both sides need at least two classes; names and ids may be mixed; repeats are refused.
 *
 * @example
 * ```ts
 * classSplit(['airplane', 'automobile', 'bird', 'cat', 'deer']).targetNames; // ['dog', 'frog', 'horse', 'ship', 'truck']
 * classSplit(['0', '9']).baseNames;                                          // ['airplane', 'truck']
 * ```
 */
export function classSplit(
  baseClasses: readonly (string | number)[],
  classNames: readonly string[] = CIFAR10_CLASS_NAMES,
): ClassSplit {
  const expected = `names or ids (0–${classNames.length - 1}) of CIFAR-10 classes: ${classNames.join(', ')}`;
  const ids = baseClasses.map((c) => {
    const text = String(c).trim();
    const byName = classNames.indexOf(text);
    const id = byName >= 0 ? byName : /^\d+$/.test(text) ? Number(text) : -1;
    check(id >= 0 && id < classNames.length, 'baseClasses', c, expected);
    return id;
  });
  const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
  check(repeated === undefined, 'baseClasses', baseClasses, 'each class once', `${classNames[repeated ?? 0]} is repeated`);
  check(
    ids.length >= 2 && ids.length <= classNames.length - 2,
    'baseClasses',
    baseClasses,
    `between 2 and ${classNames.length - 2} classes, so that the base and the target task each have at least two`,
  );
  const baseIds = [...ids].sort((a, b) => a - b);
  const targetIds = classNames.map((_, i) => i).filter((i) => !baseIds.includes(i));
  return {
    baseIds,
    targetIds,
    baseNames: baseIds.map((i) => classNames[i]),
    targetNames: targetIds.map((i) => classNames[i]),
  };
}

/** Sizes of the split task's sets. */
export interface SplitSizes {
  /** Base-net training images per base class. */
  baseTrainPerClass: number;
  /** Base-net test images per base class. */
  baseTestPerClass: number;
  /** Labelled target training images per class, one training set each; the smaller sets are subsets of the larger. */
  labelsPerClass: readonly number[];
  /** Target test images per class scored after every epoch (the learning curves), or `'all'`. */
  curveTestPerClass: number | 'all';
  /** Seed of every draw. */
  seed: number;
}

/** The selected sets, labels remapped to `0 … classes-1` in ascending order of the original ids. */
export interface SplitSets<T extends Uint8Array | Float32Array> {
  baseTrain: ImageDataset<T>;
  baseTest: ImageDataset<T>;
  /** One labelled training set per entry of `labelsPerClass`, in the order given. */
  targetTrain: Array<{ labelsPerClass: number; data: ImageDataset<T> }>;
  /** The target test images scored after every epoch. */
  targetCurveTest: ImageDataset<T>;
  /** Every test image of the target classes (scored once at the end of each run). */
  targetTest: ImageDataset<T>;
}

function indicesByClass(labels: ArrayLike<number>, classes: number): number[][] {
  const out: number[][] = Array.from({ length: classes }, () => []);
  for (let i = 0; i < labels.length; i++) out[labels[i]]?.push(i);
  return out;
}

function gather<T extends Uint8Array | Float32Array>(
  d: ImageDataset<T>,
  perClass: readonly (readonly number[])[],
  names: readonly string[],
): ImageDataset<T> {
  const size = d.shape[1] * d.shape[2] * d.shape[3];
  const n = perClass.reduce((s, idx) => s + idx.length, 0);
  const images = new (d.images.constructor as new (n: number) => T)(n * size);
  const labels = new Uint8Array(n);
  let r = 0;
  perClass.forEach((idx, label) => {
    for (const i of idx) {
      images.set(d.images.subarray(i * size, (i + 1) * size), r * size);
      labels[r++] = label;
    }
  });
  return { images, labels, shape: [n, d.shape[1], d.shape[2], d.shape[3]], classNames: names };
}

/**
 * Selects the split task's sets from CIFAR-10's `train` and `test` by label — never by position, since an image
 * tree is read class by class. Every class's images are put in a seeded order (one stream per class and set) and
 * the first ones taken, so the base and target sets are disjoint by class, the target training sets are nested
 * (the 10 labels per class are among the 50), and the same seed draws the same images. A class with too few
 * images for a requested size is an error naming the size.
 *
 * @example
 * ```ts
 * const s = selectSplit(c10.train, c10.test, classSplit(DEFAULT_BASE_CLASSES), {
 *   baseTrainPerClass: 1000, baseTestPerClass: 200, labelsPerClass: [10, 50], curveTestPerClass: 200, seed: 1,
 * });
 * s.targetTrain[0].data.shape[0]; // 50 (10 labels × 5 classes)
 * ```
 */
export function selectSplit<T extends Uint8Array | Float32Array>(
  train: ImageDataset<T>,
  test: ImageDataset<T>,
  split: ClassSplit,
  sizes: SplitSizes,
): SplitSets<T> {
  const classes = split.baseIds.length + split.targetIds.length;
  check(
    train.classNames.length === classes && test.classNames.length === classes,
    'data.classNames',
    train.classNames.length,
    `${classes} classes (CIFAR-10)`,
  );
  const trainIdx = indicesByClass(train.labels, classes);
  const testIdx = indicesByClass(test.labels, classes);
  // One seeded order per (set, class): the draws of one class do not depend on the other classes' sizes.
  const ordered = (idx: number[][], stream: number, c: number) =>
    Array.from(permutation(idx[c].length, deriveSeed(sizes.seed, stream * 100 + c)), (k) => idx[c][k]);
  const take = (idx: number[][], stream: number, ids: readonly number[], n: number, what: string): number[][] =>
    ids.map((c) => {
      check(idx[c].length >= n, what, n, `at most ${idx[c].length} (the images of class ${train.classNames[c]} in the data)`);
      return ordered(idx, stream, c).slice(0, n);
    });
  const positive = (n: number, what: string) => check(Number.isInteger(n) && n > 0, what, n, 'a positive integer');
  positive(sizes.baseTrainPerClass, 'baseTrainPerClass');
  positive(sizes.baseTestPerClass, 'baseTestPerClass');
  check(sizes.labelsPerClass.length > 0, 'labelsPerClass', sizes.labelsPerClass, 'at least one size');
  for (const k of sizes.labelsPerClass) positive(k, 'labelsPerClass');
  if (sizes.curveTestPerClass !== 'all') positive(sizes.curveTestPerClass, 'curveTestPerClass');

  const maxLabels = Math.max(...sizes.labelsPerClass);
  const targetPool = take(trainIdx, 2, split.targetIds, maxLabels, 'labelsPerClass');
  const allTargetTest = split.targetIds.map((c) => ordered(testIdx, 3, c));
  const curve =
    sizes.curveTestPerClass === 'all'
      ? allTargetTest
      : take(testIdx, 3, split.targetIds, sizes.curveTestPerClass, 'curveTestPerClass');
  return {
    baseTrain: gather(train, take(trainIdx, 0, split.baseIds, sizes.baseTrainPerClass, 'baseTrainPerClass'), split.baseNames),
    baseTest: gather(test, take(testIdx, 1, split.baseIds, sizes.baseTestPerClass, 'baseTestPerClass'), split.baseNames),
    targetTrain: sizes.labelsPerClass.map((k) => ({
      labelsPerClass: k,
      data: gather(
        train,
        targetPool.map((idx) => idx.slice(0, k)),
        split.targetNames,
      ),
    })),
    targetCurveTest: gather(test, curve, split.targetNames),
    targetTest: gather(test, allTargetTest, split.targetNames),
  };
}

/** Options of {@link loadSplitData}. */
export interface SplitDataOptions extends SplitSizes {
  /** CIFAR-10 as `loadCifar10` reads it (binary batches, image tree, or a .tar.gz of either), which must be there; default the dataset cache, else the stand-in. */
  root?: string;
  /** The base classes, by name or id (default {@link DEFAULT_BASE_CLASSES}); the other classes are the target. */
  baseClasses?: readonly (string | number)[];
}

/** The split task's data, standardised with the base training set's statistics. */
export interface SplitData extends SplitSets<Float32Array> {
  split: ClassSplit;
  stats: ChannelStats;
  /** Where the images came from (the real folder, or the generated stand-in's size and seed). */
  source: string;
  /** True when CIFAR-10 was not found and the generated stand-in was used. */
  synthetic: boolean;
}

function toUnitFloat(d: ImageDataset<Uint8Array>): ImageDataset<Float32Array> {
  const images = new Float32Array(d.images.length);
  for (let i = 0; i < images.length; i++) images[i] = d.images[i] / 255;
  return { ...d, images };
}

/**
 * The CIFAR-10 split task: a base task of some classes (default airplane, automobile, bird, cat, deer) and a
 * target task of the others with few labels per class, read with `loadCifar10` from `root` (binary batches,
 * the JPEG tree or a .tar.gz; given, it must hold CIFAR-10) or, without `root`, from the dataset cache, else the generated stand-in (same format, same
 * reader; `synthetic` says so). Pixels are read as bytes and only the selected images become floats, standardised
 * per channel with the base training set's mean and deviation — the statistics the base net was trained with.
 *
 * @example
 * ```ts
 * const d = await loadSplitData({ root: '/data/cifar10', baseTrainPerClass: 5000, baseTestPerClass: 1000,
 *   labelsPerClass: [10, 50, 250], curveTestPerClass: 'all', seed: 1 });
 * d.split.targetNames; // ['dog', 'frog', 'horse', 'ship', 'truck']
 * ```
 */
export async function loadSplitData(options: SplitDataOptions): Promise<SplitData> {
  const split = classSplit(options.baseClasses ?? DEFAULT_BASE_CLASSES);
  const numeric = (n: number | 'all') => (n === 'all' ? 0 : n);
  const raw = await loadCifarOrStandIn(10, {
    ...(options.root === undefined ? {} : { root: options.root }),
    dtype: 'uint8',
    // Only used when CIFAR-10 is missing: a stand-in just large enough for the sizes asked for.
    trainPerClass: Math.max(options.baseTrainPerClass, ...options.labelsPerClass),
    testPerClass: Math.max(options.baseTestPerClass, numeric(options.curveTestPerClass), 20),
    seed: options.seed,
  });
  const sets = selectSplit(raw.train, raw.test, split, options);
  const baseTrain = toUnitFloat(sets.baseTrain);
  const { mean, std } = channelStats(baseTrain.images, baseTrain.shape);
  const stats = { mean, std: std.map((s) => (s > 0 ? s : 1)) };
  const standardise = (d: ImageDataset<Uint8Array>): ImageDataset<Float32Array> => {
    const f = toUnitFloat(d);
    return { ...f, images: normalize(f.images, f.shape, stats) };
  };
  return {
    baseTrain: { ...baseTrain, images: normalize(baseTrain.images, baseTrain.shape, stats) },
    baseTest: standardise(sets.baseTest),
    targetTrain: sets.targetTrain.map((t) => ({ labelsPerClass: t.labelsPerClass, data: standardise(t.data) })),
    targetCurveTest: standardise(sets.targetCurveTest),
    targetTest: standardise(sets.targetTest),
    split,
    stats,
    source: raw.source,
    synthetic: raw.synthetic,
  };
}
