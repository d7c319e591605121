/**
 * A small, fast, seeded pseudo-random generator (mulberry32) with uniform and
 * Gaussian draws, so that every model in this package is reproducible from its seed.
 *
 * @example
 * ```ts
 * const rng = new SeededRandom(42);
 * rng.uniform();     // in [0, 1)
 * rng.normal(0, 0.1); // N(0, 0.1²)
 * ```
 */
export class SeededRandom {
  private state: number;
  private spare = 0;
  private hasSpare = false;

  /** @param seed any integer; the same seed gives the same sequence. */
  constructor(seed: number) {
    this.state = (Math.floor(seed) ^ 0x9e3779b9) >>> 0;
  }

  /** A uniform draw in [0, 1). */
  uniform(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** A Gaussian draw with the given mean and standard deviation (Box–Muller). */
  normal(mean = 0, std = 1): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return mean + std * this.spare;
    }
    let u = 0;
    while (u === 0) u = this.uniform();
    const v = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    this.hasSpare = true;
    return mean + std * r * Math.cos(2 * Math.PI * v);
  }

  /** Draws an index from the (not necessarily normalised) weights `p[0..n)`. */
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
}
