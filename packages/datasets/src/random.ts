/** A seeded source of uniform numbers in [0, 1). */
export type Rng = () => number;

/**
 * A small, fast, seeded pseudo-random generator (mulberry32). The same seed always gives the same
 * sequence on every platform.
 *
 * @example
 * ```ts
 * const rng = createRng(42);
 * const a = rng(); // in [0, 1), identical for seed 42 on every machine
 * ```
 */
export function createRng(seed: number): Rng {
  let a = (Math.trunc(seed) ^ 0x9e3779b9) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Derives an independent seed from a base seed and a stream number (e.g. the epoch). */
export function deriveSeed(seed: number, stream: number): number {
  let h = (Math.trunc(seed) ^ Math.imul(Math.trunc(stream) + 1, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** Shuffles `array` in place (Fisher–Yates) using `rng`, and returns it. */
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
 * A seeded random permutation of `0 … n-1`.
 *
 * @example
 * ```ts
 * permutation(5, 1); // Int32Array [ … 5 distinct indices … ], the same for seed 1 every time
 * ```
 */
export function permutation(n: number, seed: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return shuffleInPlace(out, createRng(seed));
}

/** A standard normal sample via Box–Muller, drawing from `rng`. */
export function normalSample(rng: Rng): number {
  let u = 0;
  while (u === 0) u = rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
