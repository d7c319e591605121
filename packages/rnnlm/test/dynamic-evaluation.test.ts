import { describe, expect, it } from 'vitest';
import { RnnLm, evaluateDynamically, perplexityOf } from '../src/index';

describe('evaluateDynamically', () => {
  it('adapts to the test text without changing the model', () => {
    const lm = new RnnLm({ vocabSize: 6, hiddenSize: 8, classes: 2, seed: 3 });
    const test = Int32Array.from({ length: 300 }, (_, i) => (i % 3) + 1);
    const weights = new Float64Array(lm.outputWeights);
    const staticPpl = lm.perplexity(test);
    const p = evaluateDynamically(lm, test, { alpha: 0.1 });
    expect(perplexityOf(p)).toBeLessThan(staticPpl);
    // The first token is scored before any learning: it matches the static model.
    expect(p[0]).toBeCloseTo(lm.tokenProbabilities(test.subarray(0, 1))[0], 14);
    expect(Array.from(lm.outputWeights)).toEqual(Array.from(weights));
  });
});
