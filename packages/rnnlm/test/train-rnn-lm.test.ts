import { describe, expect, it } from 'vitest';
import { RnnLm, RnnlmError, trainRnnLm } from '../src/index';

function corpus(n: number, seed: number): Int32Array {
  // Sentences "1 2 3 4 </s>" and "5 6 7 </s>" in a pseudo-random order.
  const out: number[] = [];
  let s = seed;
  while (out.length < n) {
    s = (s * 1103515245 + 12345) >>> 0;
    out.push(...(s & 0x10000 ? [1, 2, 3, 4, 0] : [5, 6, 7, 0]));
  }
  return Int32Array.from(out.slice(0, n));
}

describe('trainRnnLm', () => {
  it('follows the paper schedule: keep α while improving, then halve each epoch, then stop', () => {
    const lm = new RnnLm({ vocabSize: 8, hiddenSize: 8, classes: 2, seed: 4 });
    const epochs: number[] = [];
    const report = trainRnnLm(lm, corpus(800, 1), corpus(200, 2), { alpha: 0.1, onEpoch: (e) => epochs.push(e.epoch) });
    expect(epochs.length).toBe(report.epochs.length);
    const alphas = report.epochs.map((e) => e.alpha);
    const firstHalved = alphas.findIndex((a) => a < 0.1);
    expect(firstHalved).toBeGreaterThan(0);
    for (let i = firstHalved; i < alphas.length; i++) expect(alphas[i]).toBeCloseTo(alphas[i - 1] / 2, 12);
    expect(report.epochs.length).toBeLessThan(50);
    expect(report.validPerplexity).toBeLessThan(2.2); // only the sentence choice is uncertain
    expect(lm.perplexity(corpus(200, 2))).toBeCloseTo(report.validPerplexity, 8);
    expect(report.tokensPerSecond).toBeGreaterThan(0);
  });

  it('undoes an epoch that makes validation worse', () => {
    const lm = new RnnLm({ vocabSize: 8, hiddenSize: 4, classes: 2, seed: 1 });
    // A huge learning rate ruins the model; the schedule must keep the initial weights.
    const before = lm.perplexity(corpus(100, 3));
    const report = trainRnnLm(lm, corpus(300, 1), corpus(100, 3), { alpha: 50, maxEpochs: 2 });
    expect(report.epochs.some((e) => !e.kept)).toBe(true);
    expect(lm.perplexity(corpus(100, 3))).toBeLessThanOrEqual(before + 1e-9);
    expect(report.validPerplexity).toBeCloseTo(lm.perplexity(corpus(100, 3)), 8);
  });

  it('rejects empty data', () => {
    const lm = new RnnLm({ vocabSize: 8, hiddenSize: 4 });
    expect(() => trainRnnLm(lm, new Int32Array(0), corpus(10, 1))).toThrow(RnnlmError);
  });
});
