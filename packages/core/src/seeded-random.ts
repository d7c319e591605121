/** A seeded source of uniform numbers in [0, 1), as a plain function (`rng()`). */
export type Rng = () => number;

/**
 * How the seed becomes the generator's first state:
 * - `'golden'` (default): `floor(seed) XOR 0x9e3779b9` — the golden-ratio constant keeps seed 0 from starting
 *   the stream at state 0 and spreads neighbouring seeds apart; the stream of datasets, models, embeddings, rnnlm.
 * - `'plain'`: `seed >>> 0`, Tommy Ettinger's reference mulberry32 seeding; the stream of svm-bridge.
 */
export type SeedMixing = 'golden' | 'plain';

/** Options of {@link SeededRandom}. */
export interface SeededRandomOptions {
  /** How the seed is turned into the first state. Default `'golden'`. */
  mixing?: SeedMixing;
}

/**
 * The one seeded pseudo-random generator of dlkit: mulberry32 (Tommy Ettinger, 2017; a 32-bit Weyl sequence
 * with increment `0x6d2b79f5` passed through an xorshift-multiply output function), with the draws every package
 * needs on top. Pure 32-bit integer arithmetic (`Math.imul`, `>>>`), so the same seed gives the same numbers on
 * every engine, in Node and in browsers. Not for cryptography.
 *
 * @example
 * ```ts
 * import { SeededRandom } from '@dlkit/core';
 * const rng = new SeededRandom(42);
 * rng.uniform();       // in [0, 1), identical for seed 42 everywhere
 * rng.int(10);         // an integer in [0, 10)
 * rng.normal(0, 0.1);  // a Gaussian draw
 * const f = rng.next;  // the same stream as a plain `() => number`
 * ```
 */
export class SeededRandom {
  private state: number;
  private boxMullerSpare = 0;
  private hasBoxMullerSpare = false;
  private polarSpare = 0;
  private hasPolarSpare = false;

  /**
   * The stream as a plain function, for APIs that take an `Rng` (`() => number`). Draws from, and advances,
   * this generator.
   */
  readonly next: Rng = () => this.uniform();

  /** @param seed any number; the same seed (and mixing) always gives the same sequence. */
  constructor(seed: number, options: SeededRandomOptions = {}) {
    this.state = options.mixing === 'plain' ? seed >>> 0 : (Math.floor(seed) ^ 0x9e3779b9) >>> 0;
  }

  /** Reference mulberry32 seeding (`seed >>> 0`, no mixing): `new SeededRandom(seed, { mixing: 'plain' })`. */
  static plain(seed: number): SeededRandom {
    return new SeededRandom(seed, { mixing: 'plain' });
  }

  /** A uniform draw in [0, 1), a multiple of 2⁻³². */
  uniform(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n): `floor(uniform() · n)`. */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /**
   * A Gaussian draw with the given mean and standard deviation by the Box–Muller transform (Box & Muller, 1958):
   * two uniforms give two independent normals, the second (the sine one) is kept for the next call.
   */
  normal(mean = 0, std = 1): number {
    if (this.hasBoxMullerSpare) {
      this.hasBoxMullerSpare = false;
      return mean + std * this.boxMullerSpare;
    }
    let u = 0;
    while (u === 0) u = this.uniform();
    const v = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    this.boxMullerSpare = r * Math.sin(2 * Math.PI * v);
    this.hasBoxMullerSpare = true;
    return mean + std * r * Math.cos(2 * Math.PI * v);
  }

  /**
   * A standard normal draw by Marsaglia's polar method (Marsaglia & Bray, 1964): no trigonometry, the partner
   * draw kept for the next call. A different stream from {@link normal}; embeddings' PCA sketches and t-SNE
   * starts use this one.
   */
  normalPolar(): number {
    if (this.hasPolarSpare) {
      this.hasPolarSpare = false;
      return this.polarSpare;
    }
    let u = 0;
    let v = 0;
    let r = 0;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      r = u * u + v * v;
    } while (r === 0 || r >= 1);
    const f = Math.sqrt((-2 * Math.log(r)) / r);
    this.polarSpare = v * f;
    this.hasPolarSpare = true;
    return u * f;
  }

  /** An index drawn from the (not necessarily normalised, non-negative) weights `p[0..n)`. */
  categorical(p: ArrayLike<number>, n = p.length): number {
    let total = 0;
    for (let i = 0; i < n; i++) total += p[i];
    let r = this.uniform() * total;
    for (let i = 0; i < n; i++) {
      r -= p[i];
      if (r < 0) return i;
    }
    return n - 1;
  }

  /** Shuffles `array` in place (Fisher–Yates, from the end) and returns it. */
  shuffle<T extends { length: number; [i: number]: number }>(array: T): T {
    return shuffleInPlace(array, this.next);
  }

  /** `k` distinct indices from [0, n), in random order (partial Fisher–Yates, from the front). */
  sample(n: number, k: number): Int32Array {
    const idx = new Int32Array(n);
    for (let i = 0; i < n; i++) idx[i] = i;
    for (let i = 0; i < k; i++) {
      const j = i + this.int(n - i);
      const t = idx[i];
      idx[i] = idx[j];
      idx[j] = t;
    }
    return idx.slice(0, k);
  }
}

/**
 * The seeded stream as a plain function: `createRng(seed)()` is `new SeededRandom(Math.trunc(seed)).uniform()` (the
 * seed is truncated toward zero, as `@dlkit/datasets` always did; for integer seeds the two are the same stream).
 *
 * @example
 * ```ts
 * const rng = createRng(42);
 * rng(); // in [0, 1)
 * ```
 */
export function createRng(seed: number, options: SeededRandomOptions = {}): Rng {
  return new SeededRandom(Math.trunc(seed), options).next;
}

/**
 * An independent seed from a base seed and a stream number (an epoch, a purpose tag): murmur3's 32-bit
 * finaliser over `seed XOR (stream + 1)·0x85ebca6b`, so nearby streams give unrelated seeds.
 */
export function deriveSeed(seed: number, stream: number): number {
  let h = (Math.trunc(seed) ^ Math.imul(Math.trunc(stream) + 1, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** Shuffles `array` in place (Fisher–Yates, from the end) with draws from `rng`, and returns it. */
export function shuffleInPlace<T extends { length: number; [i: number]: number }>(array: T, rng: Rng): T {
  for (let i = array.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const tmp = array[i];
    array[i] = array[j];
    array[j] = tmp;
  }
  return array;
}

/**
 * A seeded random permutation of `0 … n-1` (Fisher–Yates over the identity).
 *
 * @example
 * ```ts
 * permutation(5, 1); // Int32Array of 5 distinct indices, the same for seed 1 every time
 * ```
 */
export function permutation(n: number, seed: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return shuffleInPlace(out, createRng(seed));
}

/**
 * One standard normal draw by Box–Muller from two draws of `rng`, using only the cosine half (stateless, so it
 * works on any `Rng`; {@link SeededRandom.normal} keeps the sine half instead).
 */
export function normalSample(rng: Rng): number {
  let u = 0;
  while (u === 0) u = rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
