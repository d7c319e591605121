import { describe, expect, it } from 'vitest';
import { RnnlmError, buildFrequencyClasses, rnnlmVocabularyOrder } from '../src/index';

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

  it("ranks words exactly as rnnlm-0.4b's unstable selection sort when given its vocabulary order", () => {
    // rnnlm's sortVocab, literally: for a ≥ 1, swap a with the first position of the largest count in [a, V).
    const selectionSort = (counts: Uint32Array, order: Int32Array): number[] => {
      const v = Array.from(order);
      for (let a = 1; a < v.length; a++) {
        let max = a;
        for (let b = a + 1; b < v.length; b++) if (counts[v[max]] < counts[v[b]]) max = b;
        [v[a], v[max]] = [v[max], v[a]];
      }
      return v;
    };
    // Hand-checked: order [0, 4, 1, 2, 3] with counts 0:5, 1:1, 2:3, 3:3, 4:1 → a=1 takes word 2 (first 3),
    // swapping it with word 4; a=2: [1, 4, 3] → word 3; a=3: [4, 1] → tie, stays: ranking [0, 2, 3, 4, 1].
    const small = Uint32Array.of(5, 1, 3, 3, 1);
    const c = buildFrequencyClasses(small, 5, { order: Int32Array.of(0, 4, 1, 2, 3) });
    expect(Array.from(c.wordAt)).toEqual([0, 2, 3, 4, 1]);
    expect(selectionSort(small, Int32Array.of(0, 4, 1, 2, 3))).toEqual([0, 2, 3, 4, 1]);
    // Many ties: the segment-tree version equals the quadratic one.
    const V = 300;
    const counts = Uint32Array.from({ length: V }, (_, i) => 1 + ((i * 7919) % 13 === 0 ? 40 : (i * 31) % 4));
    const tokens = Int32Array.from({ length: 2000 }, (_, i) => (i * 7 + ((i * i) % 11)) % V);
    const order = rnnlmVocabularyOrder(tokens, V, 5);
    expect(order[0]).toBe(5);
    expect(new Set(order).size).toBe(V);
    const ranked = buildFrequencyClasses(counts, 1, { order }).wordAt;
    expect(Array.from(ranked)).toEqual(selectionSort(counts, order));
    // Without an order, ties keep id order instead.
    expect(Array.from(buildFrequencyClasses(counts, 1).wordAt)).not.toEqual(Array.from(ranked));
  });

  it('lists the vocabulary in order of first appearance, end of sentence first', () => {
    expect(Array.from(rnnlmVocabularyOrder(Int32Array.of(3, 1, 3, 0), 4, 0))).toEqual([0, 3, 1, 2]);
    expect(() => rnnlmVocabularyOrder(Int32Array.of(4), 4, 0)).toThrow(RnnlmError);
  });

  it('rejects bad arguments', () => {
    expect(() => buildFrequencyClasses(Uint32Array.of(1, 2), 1, { order: Int32Array.of(0, 0) })).toThrow(/order/);
    expect(() => buildFrequencyClasses(Uint32Array.of(1, 2), 3)).toThrow(RnnlmError);
    expect(() => buildFrequencyClasses(Uint32Array.of(1, 2), 1, { mode: 'log' as 'sqrt' })).toThrow(/mode/);
  });
});
