import { describe, expect, it } from 'vitest';
import { RnnLm, RnnlmError, trainRnnLm } from '../src/index';
import { twoSentences } from './two-sentences';

describe('trainRnnLm', () => {
  it('follows the paper schedule: keep α while improving, then halve each epoch, then stop', () => {
    const lm = new RnnLm({ vocabSize: 8, hiddenSize: 8, classes: 2, seed: 4 });
    const epochs: number[] = [];
    const report = trainRnnLm(lm, twoSentences(800, 1), twoSentences(200, 2), {
      alpha: 0.1,
      onEpoch: (e) => epochs.push(e.epoch),
    });
    expect(epochs.length).toBe(report.epochs.length);
    const alphas = report.epochs.map((e) => e.alpha);
    const firstHalved = alphas.findIndex((a) => a < 0.1);
    expect(firstHalved).toBeGreaterThan(0);
    for (let i = firstHalved; i < alphas.length; i++) expect(alphas[i]).toBeCloseTo(alphas[i - 1] / 2, 12);
    expect(report.epochs.length).toBeLessThan(50);
    expect(report.validPerplexity).toBeLessThan(2.2); // only the sentence choice is uncertain
    expect(lm.perplexity(twoSentences(200, 2))).toBeCloseTo(report.validPerplexity, 8);
    expect(report.tokensPerSecond).toBeGreaterThan(0);
  });

  it('undoes an epoch that makes validation worse than the epoch before, as rnnlm does', () => {
    // Training text and validation text disagree after word 1, so every epoch makes validation worse.
    const train = Int32Array.from({ length: 400 }, (_, i) => [1, 2, 3, 4, 0][i % 5]);
    const valid = Int32Array.from({ length: 100 }, (_, i) => [1, 5, 6, 7, 0][i % 5]);
    const lm = new RnnLm({ vocabSize: 8, hiddenSize: 6, classes: 2, seed: 1 });
    const report = trainRnnLm(lm, train, valid, { alpha: 0.2, maxEpochs: 2 });
    const [first, second] = report.epochs;
    expect(first.kept).toBe(true); // rnnlm compares with the previous pass; the first always stays
    expect(second.validPerplexity).toBeGreaterThan(first.validPerplexity);
    expect(second.kept).toBe(false);
    // The weights after epoch 1 came back.
    expect(lm.perplexity(valid)).toBeCloseTo(first.validPerplexity, 8);
    expect(report.validPerplexity).toBeCloseTo(first.validPerplexity, 8);
  });

  it('trains with dropout reproducibly from its seed', () => {
    const run = (seed: number): { lm: RnnLm; valid: number } => {
      const lm = new RnnLm({ vocabSize: 8, hiddenSize: 8, classes: 2, seed: 4 });
      const report = trainRnnLm(lm, twoSentences(800, 1), twoSentences(200, 2), {
        alpha: 0.1,
        dropout: 0.25,
        seed,
        maxEpochs: 4,
      });
      return { lm, valid: report.validPerplexity };
    };
    const a = run(3);
    const b = run(3);
    const c = run(4);
    expect(Array.from(a.lm.outputWeights)).toEqual(Array.from(b.lm.outputWeights));
    expect(Array.from(a.lm.outputWeights)).not.toEqual(Array.from(c.lm.outputWeights));
    expect(a.valid).toBeLessThan(3); // still learns the two sentences
    expect(() => trainRnnLm(run(3).lm, twoSentences(80, 1), twoSentences(20, 2), { dropout: 1 })).toThrow(RnnlmError);
  });

  it('rejects empty data', () => {
    const lm = new RnnLm({ vocabSize: 8, hiddenSize: 4 });
    expect(() => trainRnnLm(lm, new Int32Array(0), twoSentences(10, 1))).toThrow(RnnlmError);
  });
});
