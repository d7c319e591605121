import { DatasetError, check } from './errors';
import { createRng, shuffleInPlace, type Rng } from '@dlkit/core';

/** Indices of one split: `train` and `test` are disjoint and cover the input. */
export interface SplitIndices {
  train: Int32Array;
  test: Int32Array;
}

/** Options for {@link holdOut} and {@link stratifiedHoldOut}. */
export interface HoldOutOptions {
  /** Fraction of samples in `test`. Default 0.2 (the 80:20 split of the experiments). */
  testFraction?: number;
  /** Seed of the shuffle. Default 0. */
  seed?: number;
  /** Shuffle before splitting (default true); when false, the last samples form `test`. */
  shuffle?: boolean;
}

/** Options for {@link kFold} and {@link stratifiedKFold}. */
export interface KFoldOptions {
  /** Number of folds. Default 5. */
  k?: number;
  /** Seed of the shuffle. Default 0. */
  seed?: number;
  /** Shuffle before folding (default true), as scikit-learn's `KFold(shuffle=True)`. */
  shuffle?: boolean;
}

function range(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

function checkFraction(f: number): void {
  check(Number.isFinite(f) && f > 0 && f < 1, 'testFraction', f, 'a number strictly between 0 and 1');
}

/**
 * Hold-out split of `n` samples by ratio, seeded: `round(n * testFraction)` go to `test`.
 *
 * @example
 * ```ts
 * const { train, test } = holdOut(1000, { testFraction: 0.2, seed: 42 });
 * train.length; // 800
 * test.length;  // 200
 * ```
 */
export function holdOut(n: number, options: HoldOutOptions = {}): SplitIndices {
  check(Number.isInteger(n) && n >= 2, 'n', n, 'an integer >= 2');
  const f = options.testFraction ?? 0.2;
  checkFraction(f);
  const order = range(n);
  if (options.shuffle ?? true) shuffleInPlace(order, createRng(options.seed ?? 0));
  const nTest = Math.min(n - 1, Math.max(1, Math.round(n * f)));
  return { train: order.slice(0, n - nTest), test: order.slice(n - nTest) };
}

/** Groups sample indices by label, each group shuffled by `rng` when given. */
function byClass(labels: ArrayLike<number>, rng: Rng | undefined): Int32Array[] {
  const groups = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i];
    let g = groups.get(y);
    if (g === undefined) groups.set(y, (g = []));
    g.push(i);
  }
  return [...groups.keys()]
    .sort((a, b) => a - b)
    .map((y) => {
      const idx = Int32Array.from(groups.get(y) as number[]);
      return rng !== undefined ? shuffleInPlace(idx, rng) : idx;
    });
}

/**
 * Refuses a class with fewer than `min` members, in scikit-learn's words (`StratifiedShuffleSplit`,
 * `StratifiedKFold`): such a class cannot be represented on every side of the split.
 */
function checkLeastPopulated(groups: Int32Array[], labels: ArrayLike<number>, min: number, what: string, hint: string): void {
  let least = 0;
  for (let g = 1; g < groups.length; g++) if (groups[g].length < groups[least].length) least = g;
  const size = groups[least]?.length ?? 0;
  if (groups.length === 0 || size >= min) return;
  const label = labels[groups[least][0]];
  throw new DatasetError(
    `The least populated class in labels (${label}) has only ${size} member${size === 1 ? '' : 's'}, which is too few. The minimum number of members in any class cannot be less than ${what}`,
    {
      code: 'BAD_ARGUMENT',
      field: 'labels',
      received: `class ${label} with ${size} member${size === 1 ? '' : 's'}`,
      expected: `at least ${min} members in every class`,
      hint,
    },
  );
}

/**
 * Stratified hold-out split: every class keeps (up to rounding) the same share in `train` and `test`.
 * The test size is `round(n * testFraction)`, apportioned to classes by largest remainder. A class with a
 * single member is refused (`DatasetError`, field `labels`), as scikit-learn's `train_test_split(stratify=…)`.
 *
 * @example
 * ```ts
 * const labels = new Uint8Array([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
 * stratifiedHoldOut(labels, { testFraction: 0.2 }).test; // one 0 and one 1
 * ```
 */
export function stratifiedHoldOut(labels: ArrayLike<number>, options: HoldOutOptions = {}): SplitIndices {
  const n = labels.length;
  check(n >= 2, 'labels.length', n, 'at least 2 labels');
  const f = options.testFraction ?? 0.2;
  checkFraction(f);
  const shuffle = options.shuffle ?? true;
  const rng = shuffle ? createRng(options.seed ?? 0) : undefined;
  const groups = byClass(labels, rng);
  checkLeastPopulated(groups, labels, 2, '2', 'Drop or merge the rarest classes, or split without stratification (holdOut)');
  const nTest = Math.min(n - 1, Math.max(1, Math.round(n * f)));
  // Largest-remainder apportionment of nTest across classes.
  const exact = groups.map((g) => (g.length * nTest) / n);
  const take = exact.map(Math.floor);
  let left = nTest - take.reduce((s, v) => s + v, 0);
  const order = exact.map((_e, i) => i).sort((a, b) => exact[b] - take[b] - (exact[a] - take[a]) || a - b);
  for (const i of order) {
    if (left === 0) break;
    if (take[i] < groups[i].length) {
      take[i]++;
      left--;
    }
  }
  const train: number[] = [];
  const test: number[] = [];
  groups.forEach((g, c) => {
    const cut = g.length - take[c];
    for (let i = 0; i < g.length; i++) (i < cut ? train : test).push(g[i]);
  });
  const trainIdx = Int32Array.from(train);
  const testIdx = Int32Array.from(test);
  if (rng !== undefined) {
    shuffleInPlace(trainIdx, rng);
    shuffleInPlace(testIdx, rng);
  } else {
    trainIdx.sort();
    testIdx.sort();
  }
  return { train: trainIdx, test: testIdx };
}

function checkK(k: number, n: number): void {
  check(Number.isInteger(k) && k >= 2 && k <= n, 'k', k, `an integer in 2..${n} (the number of samples)`);
}

function foldsFromAssignment(fold: Int32Array, k: number): SplitIndices[] {
  const out: SplitIndices[] = [];
  for (let f = 0; f < k; f++) {
    const train: number[] = [];
    const test: number[] = [];
    for (let i = 0; i < fold.length; i++) (fold[i] === f ? test : train).push(i);
    out.push({ train: Int32Array.from(train), test: Int32Array.from(test) });
  }
  return out;
}

/**
 * K-fold cross-validation indices (default 5 folds), seeded; fold sizes differ by at most one, as
 * scikit-learn's `KFold`. Each sample is in exactly one `test` set.
 *
 * @example
 * ```ts
 * for (const { train, test } of kFold(100, { k: 5, seed: 0 })) {
 *   // train.length === 80, test.length === 20
 * }
 * ```
 */
export function kFold(n: number, options: KFoldOptions = {}): SplitIndices[] {
  const k = options.k ?? 5;
  checkK(k, n);
  const order = range(n);
  if (options.shuffle ?? true) shuffleInPlace(order, createRng(options.seed ?? 0));
  const fold = new Int32Array(n);
  let pos = 0;
  for (let f = 0; f < k; f++) {
    const size = Math.floor(n / k) + (f < n % k ? 1 : 0);
    for (let i = 0; i < size; i++) fold[order[pos++]] = f;
  }
  return foldsFromAssignment(fold, k);
}

/**
 * Stratified k-fold indices (default 5 folds), seeded: each class is dealt round-robin across folds, so
 * every fold keeps the class proportions (within one sample per class), as scikit-learn's `StratifiedKFold`.
 * A class with fewer than `k` members is refused (`DatasetError`, field `labels`): it cannot appear in every fold.
 *
 * @example
 * ```ts
 * const folds = stratifiedKFold(train.labels, { k: 5, seed: 1 });
 * folds.length; // 5
 * ```
 */
export function stratifiedKFold(labels: ArrayLike<number>, options: KFoldOptions = {}): SplitIndices[] {
  const k = options.k ?? 5;
  const n = labels.length;
  checkK(k, n);
  const rng = (options.shuffle ?? true) ? createRng(options.seed ?? 0) : undefined;
  const groups = byClass(labels, rng);
  checkLeastPopulated(
    groups,
    labels,
    k,
    `n_splits=${k}`,
    'Use fewer folds, drop or merge the rarest classes, or fold without stratification (kFold)',
  );
  const fold = new Int32Array(n);
  let next = 0; // continue the deal where the previous class stopped, to balance fold sizes
  for (const g of groups) {
    for (let i = 0; i < g.length; i++) {
      fold[g[i]] = next;
      next = (next + 1) % k;
    }
  }
  return foldsFromAssignment(fold, k);
}
