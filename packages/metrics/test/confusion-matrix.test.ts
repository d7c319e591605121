import { describe, expect, it } from 'vitest';
import { confusionMatrix, MetricsError } from '../src/index';
import { expectAllClose, fixture } from './helpers';

const fx = fixture<{
  meta: { sklearn: string };
  cases: Array<{
    yTrue: number[];
    yPred: number[];
    sampleWeight: number[] | null;
    labels: number[] | null;
    normalize: 'true' | 'pred' | 'all' | null;
    result: number[][] | null;
    error: string | null;
  }>;
}>('confusion.json');

describe('confusionMatrix', () => {
  it(`matches confusion_matrix of scikit-learn ${fx.meta.sklearn} on ${fx.cases.length} label sets (labels, normalize, weights)`, () => {
    for (const [i, c] of fx.cases.entries()) {
      const run = () =>
        confusionMatrix(c.yTrue, c.yPred, { labels: c.labels, normalize: c.normalize, sampleWeight: c.sampleWeight });
      if (c.error) {
        expect(run, `case ${i}: ${c.error}`).toThrow(MetricsError);
        continue;
      }
      const cm = run();
      expect(cm.size).toBe(c.result!.length);
      expectAllClose(cm.data, c.result!.flat(), `case ${i}`);
      expect(cm.toArray().flat()).toEqual(Array.from(cm.data));
    }
    expect(fx.cases.filter((c) => c.error).length).toBeGreaterThan(0);
  });

  it('scikit-learn docstring example, label order and at()', () => {
    const cm = confusionMatrix([2, 0, 2, 2, 0, 1], [0, 0, 2, 2, 0, 2]);
    expect(cm.toArray()).toEqual([
      [2, 0, 0],
      [0, 0, 1],
      [1, 0, 2],
    ]);
    expect(cm.labels).toEqual([0, 1, 2]);
    expect(cm.at(2, 0)).toBe(1);
    const reordered = confusionMatrix([2, 0, 2, 2, 0, 1], [0, 0, 2, 2, 0, 2], { labels: [2, 0] });
    expect(reordered.toArray()).toEqual([
      [2, 1],
      [0, 2],
    ]);
  });

  it('accepts typed arrays and tensor-likes (duck typing, no tfjs)', () => {
    const tensor = (v: number[]) => ({ shape: [v.length], dataSync: () => Int32Array.from(v) });
    const a = confusionMatrix(tensor([0, 1, 1]), new Uint8Array([0, 1, 0]));
    expect(a.toArray()).toEqual([
      [1, 0],
      [1, 1],
    ]);
    const col = { shape: [3, 1], dataSync: () => Float32Array.from([0, 1, 1]) };
    expect(confusionMatrix(col, [0, 1, 1]).toArray()).toEqual([
      [1, 0],
      [0, 2],
    ]);
  });

  it('rejects bad input naming the argument', () => {
    const arg = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(MetricsError);
        return (e as MetricsError).argument;
      }
      throw new Error('did not throw');
    };
    expect(arg(() => confusionMatrix([0, 1], [0]))).toBe('yPred');
    expect(arg(() => confusionMatrix([], []))).toBe('yTrue');
    expect(arg(() => confusionMatrix([0, 1.5], [0, 1]))).toBe('yTrue[1]');
    expect(arg(() => confusionMatrix([0, 1], [0, -1]))).toBe('yPred[1]');
    expect(arg(() => confusionMatrix([0, 1], [0, 1], { normalize: 'rows' as never }))).toBe('options.normalize');
    expect(arg(() => confusionMatrix([0, 1], [0, 1], { sampleWeight: [1] }))).toBe('options.sampleWeight');
    expect(arg(() => confusionMatrix([0, 1], [0, 1], { labels: [7] }))).toBe('options.labels');
    expect(arg(() => confusionMatrix({ shape: [2, 2], dataSync: () => [0, 1, 1, 0] }, [0, 1]))).toBe('yTrue');
  });
});
