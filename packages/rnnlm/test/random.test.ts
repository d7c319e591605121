import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../src/index';

describe('SeededRandom', () => {
  it('is reproducible and has the right moments', () => {
    const a = new SeededRandom(5);
    const b = new SeededRandom(5);
    expect(a.uniform()).toBe(b.uniform());
    const r = new SeededRandom(1);
    let s = 0;
    let s2 = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) {
      const x = r.normal(0, 0.1);
      s += x;
      s2 += x * x;
    }
    expect(Math.abs(s / n)).toBeLessThan(0.003);
    expect(Math.sqrt(s2 / n)).toBeCloseTo(0.1, 2);
  });
  it('draws categories in proportion to their weights', () => {
    const r = new SeededRandom(2);
    const hits = [0, 0, 0];
    for (let i = 0; i < 9000; i++) hits[r.categorical([1, 2, 6])]++;
    expect(hits[2] / 9000).toBeCloseTo(6 / 9, 1);
    expect(hits[0]).toBeGreaterThan(700);
  });
});
