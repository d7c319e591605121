import { describe, expect, it } from 'vitest';
import { SeededRandom, createRng, deriveSeed, normalSample, permutation, shuffleInPlace } from '../src/index';

// The four generators dlkit had before this one, copied verbatim from the packages (datasets/src/random.ts,
// svm-bridge/src/random.ts, embeddings/src/random.ts, rnnlm/src/random.ts; models used datasets' createRng).
// They are the oracle: the shared generator must reproduce every one of their streams bit for bit.
function oldDatasetsCreateRng(seed: number): () => number {
  let a = (Math.trunc(seed) ^ 0x9e3779b9) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function oldDatasetsNormalSample(rng: () => number): number {
  let u = 0;
  while (u === 0) u = rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
function oldDatasetsPermutation(n: number, seed: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  const rng = oldDatasetsCreateRng(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const tmp = out[i];
    out[i] = out[j];
    out[j] = tmp;
  }
  return out;
}
function oldSvmMulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
class OldEmbeddingsRandom {
  private state: number;
  private spare = NaN;
  constructor(seed: number) {
    this.state = (Math.floor(seed) ^ 0x9e3779b9) >>> 0;
  }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const s = this.spare;
      this.spare = NaN;
      return s;
    }
    let u = 0;
    let v = 0;
    let r = 0;
    do {
      u = 2 * this.next() - 1;
      v = 2 * this.next() - 1;
      r = u * u + v * v;
    } while (r === 0 || r >= 1);
    const f = Math.sqrt((-2 * Math.log(r)) / r);
    this.spare = v * f;
    return u * f;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
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
class OldRnnlmSeededRandom {
  private state: number;
  private spare = 0;
  private hasSpare = false;
  constructor(seed: number) {
    this.state = (Math.floor(seed) ^ 0x9e3779b9) >>> 0;
  }
  uniform(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
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

const SEEDS = [0, 1, 2, 7, 42, 1234, 0x5eed, 2 ** 31 - 1, 2 ** 32 - 1, -1, -12345, deriveSeed(3, 0xd40)];
const N = 2000;

function draws(f: () => number, n = N): number[] {
  return Array.from({ length: n }, f);
}

describe('SeededRandom reproduces every stream dlkit had before it, bit for bit', () => {
  it.each(SEEDS)("the golden-mixed stream of datasets' createRng and models (seed %d)", (seed) => {
    expect(draws(createRng(seed))).toEqual(draws(oldDatasetsCreateRng(seed)));
    const r = new SeededRandom(seed);
    expect(draws(() => r.uniform())).toEqual(draws(oldDatasetsCreateRng(seed)));
  });

  it.each(SEEDS)("svm-bridge's plain mulberry32 stream (seed %d)", (seed) => {
    const r = SeededRandom.plain(seed);
    expect(draws(() => r.uniform())).toEqual(draws(oldSvmMulberry32(seed)));
    expect(draws(createRng(seed, { mixing: 'plain' }))).toEqual(draws(oldSvmMulberry32(seed)));
  });

  it.each(SEEDS)("embeddings' uniforms, polar normals, ints and samples (seed %d)", (seed) => {
    const r = new SeededRandom(seed);
    const old = new OldEmbeddingsRandom(seed);
    // Interleaved as embeddings uses them, so a shared state or spare would show.
    for (let i = 0; i < 300; i++) {
      expect(r.normalPolar()).toBe(old.normal());
      expect(r.uniform()).toBe(old.next());
      expect(r.int(97)).toBe(old.int(97));
      expect(r.normalPolar()).toBe(old.normal());
    }
    expect(r.sample(500, 60)).toEqual(old.sample(500, 60));
  });

  it.each(SEEDS)("rnnlm's Box–Muller normals and categorical draws (seed %d)", (seed) => {
    const r = new SeededRandom(seed);
    const old = new OldRnnlmSeededRandom(seed);
    const p = [0.1, 2, 0, 0.5, 3.25, 1];
    for (let i = 0; i < 300; i++) {
      expect(r.normal(0.5, 0.1)).toBe(old.normal(0.5, 0.1));
      expect(r.categorical(p)).toBe(old.categorical(p));
      expect(r.normal()).toBe(old.normal());
      expect(r.categorical(p, 4)).toBe(old.categorical(p, 4));
    }
  });

  it.each(SEEDS)("datasets' permutation, shuffle and one-sided normal (seed %d)", (seed) => {
    expect(permutation(1000, seed)).toEqual(oldDatasetsPermutation(1000, seed));
    expect(new SeededRandom(Math.trunc(seed)).shuffle(Int32Array.from({ length: 1000 }, (_, i) => i))).toEqual(
      oldDatasetsPermutation(1000, seed),
    );
    const a = createRng(seed);
    const b = oldDatasetsCreateRng(seed);
    expect(draws(() => normalSample(a), 500)).toEqual(draws(() => oldDatasetsNormalSample(b), 500));
  });

  it('truncates fractional seeds in createRng (as datasets did) and floors them in the constructor (as embeddings/rnnlm did)', () => {
    expect(draws(createRng(-1.5), 50)).toEqual(draws(oldDatasetsCreateRng(-1.5), 50));
    const r = new SeededRandom(-1.5);
    const old = new OldEmbeddingsRandom(-1.5);
    expect(draws(() => r.uniform(), 50)).toEqual(draws(() => old.next(), 50));
    const p = SeededRandom.plain(2.7);
    expect(draws(() => p.uniform(), 50)).toEqual(draws(oldSvmMulberry32(2.7), 50));
  });
});

describe('SeededRandom', () => {
  it('gives the same sequence for the same seed and different ones for neighbouring seeds', () => {
    expect(draws(createRng(5), 100)).toEqual(draws(createRng(5), 100));
    expect(draws(createRng(5), 100)).not.toEqual(draws(createRng(6), 100));
    expect(draws(createRng(5), 100)).not.toEqual(draws(createRng(5, { mixing: 'plain' }), 100));
  });

  it('draws uniforms in [0, 1) with mean ≈ 1/2, ints in [0, n), normals with mean ≈ 0 and variance ≈ 1', () => {
    const r = new SeededRandom(9);
    const u = draws(() => r.uniform(), 20000);
    expect(Math.min(...u)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...u)).toBeLessThan(1);
    expect(u.reduce((a, b) => a + b, 0) / u.length).toBeCloseTo(0.5, 1);
    const k = draws(() => r.int(7), 5000);
    expect(new Set(k)).toEqual(new Set([0, 1, 2, 3, 4, 5, 6]));
    for (const normal of [() => r.normal(), () => r.normalPolar(), () => normalSample(r.next)]) {
      const z = draws(normal, 20000);
      const mean = z.reduce((a, b) => a + b, 0) / z.length;
      const variance = z.reduce((a, b) => a + (b - mean) ** 2, 0) / z.length;
      expect(Math.abs(mean)).toBeLessThan(0.03);
      expect(Math.abs(variance - 1)).toBeLessThan(0.05);
    }
  });

  it('next is the same stream as uniform, as a plain function', () => {
    const a = new SeededRandom(3);
    const b = new SeededRandom(3);
    const f = a.next;
    expect(draws(f, 20)).toEqual(draws(() => b.uniform(), 20));
  });

  it('shuffles and samples without losing or repeating an index', () => {
    const r = new SeededRandom(11);
    expect([...r.shuffle(Int32Array.from({ length: 50 }, (_, i) => i))].sort((x, y) => x - y)).toEqual(
      Array.from({ length: 50 }, (_, i) => i),
    );
    const s = r.sample(100, 30);
    expect(s.length).toBe(30);
    expect(new Set(s).size).toBe(30);
    expect(shuffleInPlace([1, 2, 3], () => 0)).toEqual([2, 3, 1]);
  });

  it('derives distinct, reproducible seeds per stream', () => {
    expect(deriveSeed(1, 0)).toBe(deriveSeed(1, 0));
    const seeds = new Set(Array.from({ length: 1000 }, (_, i) => deriveSeed(1, i)));
    expect(seeds.size).toBe(1000);
  });
});
