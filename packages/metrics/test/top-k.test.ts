import { describe, expect, it } from 'vitest';
import { MetricsError, topKAccuracy, topKError } from '../src/index';
import { collector, expectClose, fixture } from './helpers';

const fx = fixture<{
  meta: { sklearn: string };
  cases: Array<{
    scores: number[][];
    yTrue: number[];
    k: number;
    normalize: boolean;
    sampleWeight: number[] | null;
    result: number | null;
    warnings: { type: string; message: string }[];
  }>;
}>('topk.json');

describe('topKAccuracy', () => {
  it(`matches top_k_accuracy_score on ${fx.cases.length} score matrices (many ties, k up to classes, weights)`, () => {
    for (const [i, c] of fx.cases.entries()) {
      const col = collector();
      const v = topKAccuracy(c.scores, c.yTrue, c.k, {
        normalize: c.normalize,
        sampleWeight: c.sampleWeight,
        onWarning: col.onWarning,
      });
      expectClose(v, c.result!, `case ${i} (k=${c.k})`);
      expect(
        col.warnings.map((w) => w.message),
        `case ${i}`,
      ).toEqual(c.warnings.map((w) => w.message));
    }
  });

  it('accepts nested arrays, { data, shape } and tensor-likes alike', () => {
    const rows = [
      [0.5, 0.2, 0.2],
      [0.3, 0.4, 0.2],
      [0.2, 0.4, 0.3],
      [0.7, 0.2, 0.1],
    ];
    const flat = Float32Array.from(rows.flat());
    const y = [0, 1, 2, 2];
    expect(topKAccuracy(rows, y, 2)).toBe(0.75);
    expect(topKAccuracy({ data: flat, shape: [4, 3] }, y, 2)).toBe(0.75);
    expect(topKAccuracy({ shape: [4, 3], dataSync: () => flat }, { shape: [4], dataSync: () => Int32Array.from(y) }, 2)).toBe(
      0.75,
    );
    expect(topKAccuracy(rows, y, 2, { normalize: false })).toBe(3);
    expect(topKError(rows, y, 1)).toBe(0.5);
  });

  it('k larger than the number of classes, bad k, NaN scores and mismatched lengths throw naming the argument', () => {
    const s = [
      [1, 2],
      [3, 4],
    ];
    const arg = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(MetricsError);
        return (e as MetricsError).argument;
      }
      throw new Error('did not throw');
    };
    expect(arg(() => topKAccuracy(s, [0, 1], 3))).toBe('k');
    expect(arg(() => topKAccuracy(s, [0, 1], 0))).toBe('k');
    expect(arg(() => topKAccuracy(s, [0, 1], 1.5))).toBe('k');
    expect(arg(() => topKAccuracy(s, [0], 1))).toBe('yTrue');
    expect(arg(() => topKAccuracy(s, [0, 2], 1))).toBe('yTrue[1]');
    expect(arg(() => topKAccuracy([[1, Number.NaN]], [0], 1))).toBe('scores[0][1]');
    expect(arg(() => topKAccuracy([[1, 2], [3]], [0, 1], 1))).toBe('scores[1]');
    expect(arg(() => topKAccuracy([], [], 1))).toBe('scores');
  });
});
