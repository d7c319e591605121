import { describe, expect, it } from 'vitest';
import { RnnlmError, perplexityOf, sumLogProbabilities } from '../src/index';

describe('perplexity', () => {
  it('is exp of the mean negative log-probability', () => {
    expect(perplexityOf(Float64Array.of(0.25, 0.25, 0.25))).toBeCloseTo(4, 12);
    expect(perplexityOf(Float64Array.of(0.5, 0.125))).toBeCloseTo(4, 12);
    expect(sumLogProbabilities(Float64Array.of(0.5, 0.5))).toBeCloseTo(2 * Math.log(0.5), 14);
  });
  it('rejects non-probabilities', () => {
    expect(() => perplexityOf(Float64Array.of(0.5, 0))).toThrow(RnnlmError);
    expect(() => perplexityOf(new Float64Array(0))).toThrow(/non-empty/);
  });
});
