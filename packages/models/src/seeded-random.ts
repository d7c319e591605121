/**
 * Runs the synchronous `fn` with `Math.random` drawn from `random`, then puts the real one back.
 *
 * Why: tfjs seeds every unseeded random op from `Math.random` — the masks of Dropout, Gaussian noise — so a
 * seeded training run would otherwise differ from run to run. A fixed seed on the layer is no answer: it
 * reuses one mask for every batch. Swapping only around synchronous code keeps the rest of the program
 * (anything awaiting between batches) on the real generator.
 */
export function withSeededRandom<T>(random: () => number, fn: () => T): T {
  const original = Math.random;
  Math.random = random;
  try {
    return fn();
  } finally {
    Math.random = original;
  }
}
