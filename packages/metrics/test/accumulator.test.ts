import { describe, expect, it } from 'vitest';
import {
  accuracy,
  balancedAccuracy,
  classificationReport,
  confusionMatrix,
  createMetricAccumulator,
  MetricsError,
  precisionRecallFscoreSupport,
  topKAccuracy,
} from '../src/index';
import { createRng } from '@dlkit/core';
import { expectAllClose, expectClose, fixture } from './helpers';

/** Small deterministic PRNG: `@dlkit/core`'s mulberry32 with plain seeding. */
function rng(seed: number): () => number {
  return createRng(seed, { mixing: 'plain' });
}

describe('createMetricAccumulator', () => {
  it("streams the 10-class fixture in batches and prints scikit-learn's exact report", () => {
    const t = fixture<{
      tenClass: { yTrue: number[]; yPred: number[]; targetNames: string[]; text: string; confusion: number[][] };
    }>('report.json').tenClass;
    const acc = createMetricAccumulator({ numClasses: 10, targetNames: t.targetNames });
    for (let i = 0; i < t.yTrue.length; i += 64) acc.update(t.yTrue.slice(i, i + 64), t.yPred.slice(i, i + 64));
    const r = acc.result();
    expect(r.report.text).toBe(t.text);
    expect(r.confusionMatrix!.toArray()).toEqual(t.confusion);
    expect(r.samples).toBe(1000);
  });

  it('equals the batch functions on random data (never-present classes, weights, scores, argmax)', () => {
    const rand = rng(7);
    for (let trial = 0; trial < 40; trial++) {
      const C = 3 + Math.floor(rand() * 8);
      const useWeights = trial % 3 === 0;
      const acc = createMetricAccumulator({ numClasses: C, topK: [1, 2, 3] });
      const all = { t: [] as number[], p: [] as number[], w: [] as number[], s: [] as number[][] };
      const batches = 1 + Math.floor(rand() * 5);
      const seenClasses = Math.max(2, Math.floor(rand() * C));
      for (let b = 0; b < batches; b++) {
        const n = 1 + Math.floor(rand() * 30);
        const t: number[] = [];
        const s: number[][] = [];
        const w: number[] = [];
        for (let i = 0; i < n; i++) {
          const y = Math.floor(rand() * seenClasses);
          t.push(y);
          const row = Array.from({ length: C }, () => Math.round(rand() * 4)); // ties on purpose
          if (rand() < 0.5) row[y] += 2;
          s.push(row);
          w.push(useWeights ? rand() * 2 : 1);
        }
        const p = s.map((row) => row.indexOf(Math.max(...row)));
        acc.update(t, b % 2 === 0 ? null : p, s, useWeights ? w : undefined);
        all.t.push(...t);
        all.p.push(...p);
        all.w.push(...w);
        all.s.push(...s);
      }
      const r = acc.result({ zeroDivision: 0 });
      const labels = Array.from({ length: C }, (_, i) => i);
      const sw = useWeights ? all.w : undefined;
      const label = `trial ${trial}`;
      expectClose(r.accuracy, accuracy(all.t, all.p, { sampleWeight: sw }), `${label} accuracy`);
      expectClose(
        r.balancedAccuracy,
        balancedAccuracy(all.t, all.p, { sampleWeight: sw, onWarning: () => {} }),
        `${label} balanced`,
      );
      expectAllClose(r.confusionMatrix!.data, confusionMatrix(all.t, all.p, { labels, sampleWeight: sw }).data, `${label} cm`);
      const per = precisionRecallFscoreSupport(all.t, all.p, { labels, sampleWeight: sw, zeroDivision: 0 });
      expectAllClose(r.perClass.fscore, per.fscore, `${label} f1`);
      expectAllClose(r.perClass.support, per.support, `${label} support`);
      for (const average of ['micro', 'macro', 'weighted'] as const) {
        const a = precisionRecallFscoreSupport(all.t, all.p, { labels, sampleWeight: sw, zeroDivision: 0, average });
        const mine = average === 'micro' ? r.micro : average === 'macro' ? r.macro : r.weighted;
        expectClose(mine.precision, a.precision, `${label} ${average} precision`);
        expectClose(mine.recall, a.recall, `${label} ${average} recall`);
        expectClose(mine.fscore, a.fscore, `${label} ${average} fscore`);
      }
      const report = classificationReport(all.t, all.p, { labels, sampleWeight: sw, zeroDivision: 0 });
      expect(r.report.text, label).toBe(report.text);
      for (const k of [1, 2, 3]) {
        expectClose(r.topK![k], topKAccuracy(all.s, all.t, k, { sampleWeight: sw }), `${label} top-${k}`);
      }
    }
  });

  it('does not keep predictions, validates labels and can be reset', () => {
    const acc = createMetricAccumulator({ labels: [3, 5, 9] });
    expect(() => acc.result()).toThrow(MetricsError);
    acc.update([3, 5], [5, 5]);
    expect(() => acc.update([3, 4], [3, 3])).toThrow(/yTrue\[1\]/);
    expect(() => acc.update([3], [3, 5])).toThrow(/yPred/);
    expect(() => acc.update([3], null)).toThrow(/yPred/);
    const r = acc.result({ zeroDivision: 0 });
    expect(r.samples).toBe(2);
    expect(r.accuracy).toBe(0.5);
    expect(r.topK).toBeNull();
    expect(r.perClassAccuracy[2]).toBeNaN();
    acc.reset();
    expect(() => acc.result()).toThrow(MetricsError);
    expect(() => createMetricAccumulator({})).toThrow(/numClasses/);
    expect(() => createMetricAccumulator({ numClasses: 3, topK: [4] })).toThrow(/k/);
  });
});
