import { describe, expect, it } from 'vitest';
import { accuracy, MetricsError } from '../src/index';
import { accuracyFixture } from './accuracy-fixture';
import { expectClose } from './helpers';

describe('accuracy', () => {
  it(`matches accuracy_score on ${accuracyFixture.cases.length} label sets (normalize, weights)`, () => {
    for (const [i, c] of accuracyFixture.cases.entries()) {
      const run = () => accuracy(c.yTrue, c.yPred, { normalize: c.accuracy.normalize, sampleWeight: c.sampleWeight });
      if (c.accuracy.error) expect(run, `case ${i}`).toThrow(MetricsError);
      else expectClose(run(), c.accuracy.result!, `case ${i}`);
    }
  });

  it('docstring example and bad input', () => {
    expect(accuracy([0, 1, 2, 3], [0, 2, 1, 3])).toBe(0.5);
    expect(accuracy([0, 1, 2, 3], [0, 2, 1, 3], { normalize: false })).toBe(2);
    expect(() => accuracy([0, 1, 2], [0, 1])).toThrow(/yPred/);
    expect(() => accuracy([], [])).toThrow(/yTrue/);
    expect(() => accuracy([0, 1], [0, 1], { sampleWeight: [0, 0] })).toThrow(/sampleWeight/);
    expect(() => accuracy([0, 1], [0, 1], { sampleWeight: [1, -1] })).toThrow(MetricsError);
  });
});
