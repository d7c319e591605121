import { describe, expect, it } from 'vitest';
import { InterpolatedLm, KneserNeyLm, RnnLm, RnnlmError, interpolateProbabilities, tuneInterpolationWeights } from '../src/index';

describe('interpolation', () => {
  it('mixes RNN and Kneser-Ney distributions into one that sums to 1', () => {
    const text = Int32Array.from({ length: 400 }, (_, i) => (i % 7 === 6 ? 0 : ((i * 5) % 9) + 1));
    const rnn = new RnnLm({ vocabSize: 10, hiddenSize: 6, classes: 3, seed: 2 });
    rnn.learn(text, { alpha: 0.1 });
    const kn = KneserNeyLm.train(text, 10, { order: 3 });
    const mix = new InterpolatedLm([rnn, kn], [0.3, 0.7]);
    for (const h of [new Int32Array(0), Int32Array.of(4, 2), text.subarray(0, 13)]) {
      const p = mix.nextDistribution(h);
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      const pr = rnn.nextDistribution(h);
      const pk = kn.nextDistribution(h);
      expect(p[3]).toBeCloseTo(0.3 * pr[3] + 0.7 * pk[3], 14);
    }
    const tokens = text.subarray(0, 50);
    const expected = interpolateProbabilities([rnn.tokenProbabilities(tokens), kn.tokenProbabilities(tokens)], [0.3, 0.7]);
    expect(Array.from(mix.tokenProbabilities(tokens))).toEqual(Array.from(expected));
  });

  it('tunes weights by EM to the likelihood optimum found by a fine grid search', () => {
    const a = Float64Array.from({ length: 300 }, (_, i) => 0.05 + (0.9 * ((i * 37) % 100)) / 100);
    const b = Float64Array.from({ length: 300 }, (_, i) => 0.05 + (0.9 * ((i * 61 + 13) % 100)) / 100);
    const tuned = tuneInterpolationWeights([a, b], { maxIterations: 2000, tolerance: 1e-14 });
    let best = 0;
    let bestLl = -Infinity;
    for (let l = 0; l <= 1; l += 0.0005) {
      const p = interpolateProbabilities([a, b], [l, 1 - l]);
      const ll = p.reduce((s, x) => s + Math.log(x), 0);
      if (ll > bestLl) {
        bestLl = ll;
        best = l;
      }
    }
    expect(tuned.weights[0]).toBeCloseTo(best, 2);
    expect(tuned.weights[0] + tuned.weights[1]).toBeCloseTo(1, 12);
    expect(tuned.perplexity).toBeCloseTo(Math.exp(-bestLl / 300), 5);
  });

  it('rejects mismatched inputs', () => {
    expect(() => interpolateProbabilities([new Float64Array(2), new Float64Array(3)], [0.5, 0.5])).toThrow(RnnlmError);
    expect(() => interpolateProbabilities([new Float64Array(2)], [0.5])).toThrow(/sum/);
    expect(() => tuneInterpolationWeights([])).toThrow(/components/);
  });
});
