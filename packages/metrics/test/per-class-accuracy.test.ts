import { describe, expect, it } from 'vitest';
import { confusionMatrix, perClassAccuracy } from '../src/index';
import { accuracyFixture } from './accuracy-fixture';
import { collector, expectAllClose } from './helpers';

describe('perClassAccuracy', () => {
  it(`equals recall_score(average=None) on ${accuracyFixture.cases.length} label sets`, () => {
    for (const [i, c] of accuracyFixture.cases.entries()) {
      const col = collector();
      const r = perClassAccuracy(c.yTrue, c.yPred, {
        labels: c.perClass.labels,
        zeroDivision: c.perClass.zeroDivision,
        sampleWeight: c.sampleWeight,
        onWarning: col.onWarning,
      });
      expectAllClose(r.accuracy, c.perClass.result!, `case ${i}`);
      const ill = Array.from(r.total).some((t) => t === 0);
      expect(col.warnings.length, `case ${i}`).toBe(ill && c.perClass.zeroDivision === 'warn' ? 1 : 0);
    }
  });

  it('is the diagonal of the row-normalised confusion matrix (ants / bees)', () => {
    const t = [0, 0, 0, 1, 1, 1, 1, 0];
    const p = [0, 1, 0, 1, 1, 0, 1, 0];
    const r = perClassAccuracy(t, p);
    const cm = confusionMatrix(t, p, { normalize: 'true' });
    expect(Array.from(r.accuracy)).toEqual([cm.at(0, 0), cm.at(1, 1)]);
    expect(Array.from(r.correct)).toEqual([3, 3]);
    expect(Array.from(r.total)).toEqual([4, 4]);
  });
});
