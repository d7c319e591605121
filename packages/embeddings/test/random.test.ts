import { describe, expect, it } from 'vitest';
import { Random } from '../src/random.js';

describe('Random', () => {
  it('is reproducible for a seed and differs across seeds', () => {
    const a = new Random(3);
    const b = new Random(3);
    const c = new Random(4);
    const sa = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(sa);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(sa);
  });
  it('draws standard normals (mean ≈ 0, variance ≈ 1)', () => {
    const r = new Random(1);
    let s = 0;
    let s2 = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) {
      const v = r.normal();
      s += v;
      s2 += v * v;
    }
    expect(Math.abs(s / n)).toBeLessThan(0.03);
    expect(Math.abs(s2 / n - 1)).toBeLessThan(0.05);
  });
  it('samples distinct indices', () => {
    const idx = new Random(2).sample(100, 30);
    expect(new Set(idx).size).toBe(30);
    expect(Math.max(...idx)).toBeLessThan(100);
  });
});
