/**
 * Runs `fn` with `Math.random` replaced by a seeded generator (mulberry32), and restores it afterwards.
 *
 * Why: tfjs draws the seed of every unseeded random op from `Math.random` — notably the masks of `Dropout`
 * layers (a fixed `seed` on the layer would reuse one mask for every batch). Seeding `Math.random` around a
 * training run makes dropout runs reproducible while each batch still gets a fresh mask. Only for sequential
 * code: nothing else may run on the event loop meanwhile and expect the real `Math.random`.
 *
 * @example
 * ```ts
 * const result = await withSeededRandom(1, () => train(model, data, { epochs: 5, seed: 1 }));
 * ```
 */
export async function withSeededRandom<T>(seed: number, fn: () => Promise<T>): Promise<T> {
  const original = Math.random;
  let state = (Math.imul(seed | 0, 0x9e3779b1) ^ 0x5eed) >>> 0;
  Math.random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  try {
    return await fn();
  } finally {
    Math.random = original;
  }
}
