import { createRng } from '@dlkit/core';
/** The plain-seeded mulberry32 stream of `@dlkit/core`, so test inputs are reproducible. */
export function rng(seed: number): () => number {
  return createRng(seed, { mixing: 'plain' });
}

/** `n` values uniform in [lo, hi), rounded to float32 so tfjs and the float64 reference see the same input. */
export function uniform(n: number, seed: number, lo = -1, hi = 1): Float64Array {
  const r = rng(seed);
  return Float64Array.from({ length: n }, () => Math.fround(lo + (hi - lo) * r()));
}
