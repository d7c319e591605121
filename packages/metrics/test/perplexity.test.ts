import { describe, expect, it } from 'vitest';
import { MetricsError, perplexity, perplexityFromLogProbs } from '../src/index';
import { fixture } from './helpers';

const fx = fixture<{
  cases: Array<{ logProbs: number[]; log2Probs: number[]; sumLogProb: number; tokenCount: number; perplexity: number }>;
}>('perplexity.json');

describe('perplexity', () => {
  it(`equals exp(cross-entropy) from PyTorch on ${fx.cases.length} random language-model batches (natural log and log2)`, () => {
    for (const c of fx.cases) {
      const tol = 1e-10 * c.perplexity;
      expect(Math.abs(perplexity(c.sumLogProb, c.tokenCount) - c.perplexity)).toBeLessThanOrEqual(tol);
      expect(Math.abs(perplexityFromLogProbs(c.logProbs) - c.perplexity)).toBeLessThanOrEqual(tol);
      expect(Math.abs(perplexityFromLogProbs(c.log2Probs, { base: 2 }) - c.perplexity)).toBeLessThanOrEqual(tol);
      const sum2 = c.log2Probs.reduce((a, b) => a + b, 0);
      expect(Math.abs(perplexity(sum2, c.tokenCount, { base: 2 }) - c.perplexity)).toBeLessThanOrEqual(tol);
      const sum10 = c.logProbs.reduce((a, b) => a + b / Math.LN10, 0);
      expect(Math.abs(perplexity(sum10, c.tokenCount, { base: 10 }) - c.perplexity)).toBeLessThanOrEqual(tol);
    }
  });

  it('uniform guesses have perplexity equal to the vocabulary size', () => {
    expect(perplexity(-4 * Math.log(4), 4)).toBeCloseTo(4, 12);
    expect(perplexity(-20, 10, { base: 2 })).toBe(4);
    expect(perplexityFromLogProbs([Math.log(0.5), Math.log(0.25)])).toBeCloseTo(1 / Math.sqrt(0.125), 12);
    expect(perplexity(0, 3)).toBe(1);
    expect(perplexityFromLogProbs([-Infinity, -1])).toBe(Infinity);
  });

  it('rejects a positive sum (a negative log-likelihood), bad counts, bases and empty input', () => {
    expect(() => perplexity(12.5, 10)).toThrow(/sumLogProb.*negation/);
    expect(() => perplexity(-1, 0)).toThrow(MetricsError);
    expect(() => perplexity(-1, 1, { base: 3 as never })).toThrow(/options.base/);
    expect(() => perplexityFromLogProbs([])).toThrow(/logProbs/);
    expect(() => perplexityFromLogProbs([-1, 0.5])).toThrow(/logProbs\[1\]/);
  });
});
