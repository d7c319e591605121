import { createRng, type Rng } from '@dlkit/core';
import { classIndex, type ClassIndex } from './class-index';
import { check, numberIn, positiveInt } from './errors';

/**
 * A batch of pairs as indices into a dataset: pair `i` is (`left[i]`, `right[i]`), and `same[i]` is 1 when
 * both samples are of the same class (the contrastive target Y), else 0.
 */
export interface PairIndices {
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly same: Uint8Array;
}

/** The two pair-sampling strategies of the siamese experiment (see {@link anchorPairSampler}, {@link randomPairSampler}). */
export type PairStrategy = 'anchor' | 'random';

/** Every {@link PairStrategy}. */
export const PAIR_STRATEGIES: readonly PairStrategy[] = ['anchor', 'random'];

/** Options of the pair samplers. */
export interface PairSamplerOptions {
  /** Pairs per batch. Default 64. */
  batchSize?: number;
  /**
   * Fraction of same-class pairs in each batch, in [0, 1]: every batch holds exactly
   * `round(sameFraction · batchSize)` of them, at shuffled positions. Default 0.5.
   */
  sameFraction?: number;
  /** Seed: the same seed gives the same sequence of batches. Default 0. */
  seed?: number;
}

/** An endless, seeded source of pair batches. */
export interface PairSampler {
  /** The strategy it follows. */
  readonly strategy: PairStrategy;
  /** Pairs per batch. */
  readonly batchSize: number;
  /** Fraction of same-class pairs per batch. */
  readonly sameFraction: number;
  /** The next batch (new arrays, owned by the caller). */
  next(): PairIndices;
}

interface Resolved {
  batchSize: number;
  sameFraction: number;
  nSame: number;
  rng: Rng;
  index: ClassIndex;
}

function resolve(labels: ArrayLike<number>, options: PairSamplerOptions): Resolved {
  check(options !== null && typeof options === 'object', 'options', options, 'an options object');
  const batchSize = positiveInt('options.batchSize', options.batchSize ?? 64);
  const sameFraction = numberIn('options.sameFraction', options.sameFraction ?? 0.5, 0, 1);
  const seed = options.seed ?? 0;
  check(Number.isFinite(seed), 'options.seed', seed, 'a finite number');
  const index = classIndex(labels);
  return { batchSize, sameFraction, nSame: Math.round(sameFraction * batchSize), rng: createRng(seed), index };
}

function pick(rng: Rng, n: number): number {
  return Math.min(n - 1, Math.floor(rng() * n));
}

/** A random member of class slot `k`, different from `avoid` when the class has another member. */
function sameClassPartner(ix: ClassIndex, k: number, avoid: number, rng: Rng): number {
  const m = ix.members[k];
  if (m.length === 1) return m[0];
  let j: number;
  do j = m[pick(rng, m.length)];
  while (j === avoid);
  return j;
}

/** Uniformly random slot among the classes other than `k`. */
function otherClass(ix: ClassIndex, k: number, rng: Rng): number {
  const o = pick(rng, ix.classes.length - 1);
  return o >= k ? o + 1 : o;
}

/** `true` at `nSame` shuffled positions out of `n`. */
function sameMask(n: number, nSame: number, rng: Rng): Uint8Array {
  const mask = new Uint8Array(n);
  mask.fill(1, 0, nSame);
  for (let i = n - 1; i > 0; i--) {
    const j = pick(rng, i + 1);
    const t = mask[i];
    mask[i] = mask[j];
    mask[j] = t;
  }
  return mask;
}

/**
 * The "anchor" strategy of the report: each batch has ONE anchor image, drawn uniformly from the dataset
 * (so classes appear as often as they are frequent), repeated in `left`; `right` holds images of the
 * anchor's class for `sameFraction` of the batch and images of other classes (class uniform among the
 * others) for the rest.
 *
 * @throws {SiameseError} on bad options or labels with fewer than two classes.
 * @example
 * ```ts
 * const sampler = anchorPairSampler(train.labels, { batchSize: 64, sameFraction: 0.5, seed: 1 });
 * const { left, right, same } = sampler.next(); // left is 64 × the same anchor index
 * ```
 */
export function anchorPairSampler(labels: ArrayLike<number>, options: PairSamplerOptions = {}): PairSampler {
  const { batchSize, sameFraction, nSame, rng, index } = resolve(labels, options);
  return {
    strategy: 'anchor',
    batchSize,
    sameFraction,
    next(): PairIndices {
      const anchor = pick(rng, index.size);
      const k = index.slot[anchor];
      const same = sameMask(batchSize, nSame, rng);
      const left = new Int32Array(batchSize).fill(anchor);
      const right = new Int32Array(batchSize);
      for (let i = 0; i < batchSize; i++) {
        if (same[i] === 1) right[i] = sameClassPartner(index, k, anchor, rng);
        else {
          const m = index.members[otherClass(index, k, rng)];
          right[i] = m[pick(rng, m.length)];
        }
      }
      return { left, right, same };
    },
  };
}

/**
 * The "random" strategy of the report: every pair has its own anchor, whose class is drawn uniformly over
 * the classes (then the image uniformly within it), so all classes are covered evenly in every stretch of
 * training; the anchor is paired with an image of its class for `sameFraction` of the batch, with an image
 * of another class (uniform over the other classes) for the rest.
 *
 * @throws {SiameseError} on bad options or labels with fewer than two classes.
 * @example
 * ```ts
 * const sampler = randomPairSampler(train.labels, { batchSize: 64, sameFraction: 0.5, seed: 1 });
 * for (let step = 0; step < 100; step++) {
 *   const { left, right, same } = sampler.next();
 * }
 * ```
 */
export function randomPairSampler(labels: ArrayLike<number>, options: PairSamplerOptions = {}): PairSampler {
  const { batchSize, sameFraction, nSame, rng, index } = resolve(labels, options);
  return {
    strategy: 'random',
    batchSize,
    sameFraction,
    next(): PairIndices {
      return randomBatch(index, batchSize, nSame, rng);
    },
  };
}

function randomBatch(index: ClassIndex, n: number, nSame: number, rng: Rng): PairIndices {
  const same = sameMask(n, nSame, rng);
  const left = new Int32Array(n);
  const right = new Int32Array(n);
  const nClasses = index.classes.length;
  for (let i = 0; i < n; i++) {
    const k = pick(rng, nClasses);
    const m = index.members[k];
    const a = m[pick(rng, m.length)];
    left[i] = a;
    if (same[i] === 1) right[i] = sameClassPartner(index, k, a, rng);
    else {
      const o = index.members[otherClass(index, k, rng)];
      right[i] = o[pick(rng, o.length)];
    }
  }
  return { left, right, same };
}

/**
 * A pair sampler of the named strategy.
 *
 * @example
 * ```ts
 * const sampler = pairSampler('random', train.labels, { batchSize: 64, seed: 3 });
 * ```
 */
export function pairSampler(strategy: PairStrategy, labels: ArrayLike<number>, options: PairSamplerOptions = {}): PairSampler {
  check(PAIR_STRATEGIES.includes(strategy), 'strategy', strategy, `one of ${PAIR_STRATEGIES.map((s) => `'${s}'`).join(', ')}`);
  return strategy === 'anchor' ? anchorPairSampler(labels, options) : randomPairSampler(labels, options);
}

/** Options of {@link evaluationPairs}. */
export interface EvaluationPairsOptions {
  /** Number of pairs. Default 1000. */
  count?: number;
  /** Fraction of same-class pairs. Default 0.5. */
  sameFraction?: number;
  /** Seed. Default 12345. */
  seed?: number;
}

/**
 * A fixed set of evaluation pairs, built once (by the class-balanced "random" strategy, so that both sampling
 * strategies are judged on the same, unbiased pairs): pass it to {@link trainSiamese} to follow the held-out
 * loss. Usually drawn from held-out data.
 *
 * @example
 * ```ts
 * const pairs = evaluationPairs(test.labels, { count: 2000, seed: 7 });
 * pairs.left.length; // 2000
 * ```
 */
export function evaluationPairs(labels: ArrayLike<number>, options: EvaluationPairsOptions = {}): PairIndices {
  const count = positiveInt('options.count', options.count ?? 1000);
  const { nSame, rng, index } = resolve(labels, {
    batchSize: count,
    sameFraction: options.sameFraction,
    seed: options.seed ?? 12345,
  });
  return randomBatch(index, count, nSame, rng);
}
