import { interpolateProbabilities, perplexityOf, tuneInterpolationWeights } from '@dlkit/rnnlm';
import { describe, expect, it } from 'vitest';
import { describeCurve, mixtureCurve, type ScoredModel } from '../src/mixture-curve';

/** A model whose per-token probabilities follow a seeded pattern: different models err on different tokens. */
function model(seed: number, n = 400): ScoredModel {
  const at = (i: number, shift: number) => 0.02 + 0.3 * Math.abs(Math.sin(seed * 12.9898 + (i + shift) * 78.233));
  return {
    held: Float64Array.from({ length: n }, (_, i) => at(i, 0)),
    test: Float64Array.from({ length: n }, (_, i) => at(i, 7)),
  };
}

describe('mixtureCurve', () => {
  const rnns = [model(1), model(2), model(3), model(4)];
  const kn = model(9);
  const curve = mixtureCurve(rnns, kn);

  it('has one point per number of RNNs, the first k in order, each + KN5', () => {
    expect(curve.map((p) => p.members)).toEqual([1, 2, 3, 4]);
    expect(curve.map((p) => p.weights.length)).toEqual([2, 3, 4, 5]);
    for (const p of curve) expect(p.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
  });

  it('is the static mixture a run reports: weights tuned on valid, applied to test', () => {
    const last = curve[3];
    const all = tuneInterpolationWeights([...rnns, kn].map((m) => m.held));
    expect(last.weights).toEqual(all.weights);
    expect(last.validPerplexity).toBe(all.perplexity);
    expect(last.testPerplexity).toBe(
      perplexityOf(
        interpolateProbabilities(
          [...rnns, kn].map((m) => m.test),
          all.weights,
        ),
      ),
    );
    // k = 1 is the first RNN + KN5, as its own row has it.
    const pair = tuneInterpolationWeights([rnns[0].held, kn.held]);
    expect(curve[0].weights).toEqual(pair.weights);
  });

  it('never fits valid worse with one more RNN (weight 0 on it is a candidate of the concave objective)', () => {
    for (let k = 1; k < curve.length; k++) {
      expect(curve[k].validPerplexity).toBeLessThanOrEqual(curve[k - 1].validPerplexity * (1 + 1e-6));
    }
  });

  it('reads as test perplexity by number of RNNs', () => {
    expect(describeCurve(curve)).toMatch(/^1: \d+\.\d, 2: \d+\.\d, 3: \d+\.\d, 4: \d+\.\d$/);
    expect(describeCurve(curve).split(', ')[0]).toBe(`1: ${curve[0].testPerplexity.toFixed(1)}`);
  });
});
