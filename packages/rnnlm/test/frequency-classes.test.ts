import { describe, expect, it } from 'vitest';
import { RnnlmError, buildFrequencyClasses } from '../src/index';

describe('buildFrequencyClasses', () => {
  it('gives frequent words small classes and keeps classes contiguous', () => {
    const counts = Uint32Array.from({ length: 200 }, (_, i) => Math.max(1, Math.round(10000 / (i + 1))));
    const c = buildFrequencyClasses(counts, 10);
    expect(c.count).toBe(10);
    expect(c.classStart[0]).toBe(0);
    expect(c.classStart[10]).toBe(200);
    const size = (k: number) => c.classStart[k + 1] - c.classStart[k];
    expect(size(0)).toBeLessThan(size(9));
    for (let p = 0; p < 200; p++) {
      const w = c.wordAt[p];
      expect(c.position[w]).toBe(p);
      expect(p >= c.classStart[c.classOf[w]] && p < c.classStart[c.classOf[w] + 1]).toBe(true);
    }
    expect(c.classOf[0]).toBe(0); // the most frequent word opens the first class
  });

  it('splits the linear frequency mass in "linear" mode', () => {
    const c = buildFrequencyClasses(Uint32Array.of(50, 20, 5, 5, 1), 2, { mode: 'linear' });
    expect(Array.from(c.classOf)).toEqual([0, 1, 1, 1, 1]);
  });

  it('rejects bad arguments', () => {
    expect(() => buildFrequencyClasses(Uint32Array.of(1, 2), 3)).toThrow(RnnlmError);
    expect(() => buildFrequencyClasses(Uint32Array.of(1, 2), 1, { mode: 'log' as 'sqrt' })).toThrow(/mode/);
  });
});
