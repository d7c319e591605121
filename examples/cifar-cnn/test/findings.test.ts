import { describe, expect, it } from 'vitest';
import { findings, gapFinding, noiseMargin } from '../src/findings';
import { fakeStudy } from './helpers';

describe('findings', () => {
  it('noiseMargin shrinks with the test set size', () => {
    expect(noiseMargin(500, 0.5)).toBeCloseTo(1.96 * Math.sqrt(0.5 / 500), 10);
    expect(noiseMargin(10_000, 0.5)).toBeLessThan(noiseMargin(500, 0.5));
  });

  it('reads verdicts off the accuracies: clear wins reproduce, clear losses contradict, small gaps are inconclusive', () => {
    const acc: Record<string, number> = {
      'ReLU (baseline)': 0.7,
      sigmoid: 0.1,
      tanh: 0.69,
      'no momentum': 0.9,
      Adadelta: 0.71,
      'no batch norm': 0.5,
    };
    const deep = fakeStudy('deep', (n) => acc[n]);
    const f = findings([deep], 1000);
    const verdict = (start: string) => f.find((x) => x.claim.startsWith(start))?.verdict;
    expect(verdict('Deep net: ReLU beats sigmoid')).toBe('reproduces');
    expect(verdict('Deep net: ReLU beats tanh')).toBe('inconclusive');
    expect(verdict('Deep net: momentum')).toBe('contradicts');
    expect(verdict('Deep net: Adadelta')).toBe('reproduces');
    expect(verdict('Deep net: batch norm')).toBe('reproduces');
    expect(f.find((x) => x.claim.includes('sigmoid'))?.measured).toBe('ReLU (baseline) 70.0 % vs sigmoid 10.0 % (Δ 60.0 points)');
  });

  it('checks the depth grid and the CifarNet variants', () => {
    const grid = fakeStudy('grid', (n) => (n.startsWith('conv 7') ? 0.8 : n.startsWith('conv 4') ? 0.6 : 0.4));
    const cifar = fakeStudy('cifarnet', (n) => (n === 'batch 32' ? 0.6 : 0.5));
    const f = findings([cifar, grid], 500);
    expect(f.find((x) => x.claim.startsWith('Depth grid: more conv'))?.verdict).toBe('reproduces');
    expect(f.find((x) => x.claim.startsWith('Depth grid: extra fully'))?.verdict).toBe('reproduces');
    expect(f.find((x) => x.claim.includes('smaller batches'))?.verdict).toBe('reproduces');
    // The fake results' CPU time per image falls with the batch size.
    expect(f.find((x) => x.claim.includes('larger batches'))?.verdict).toBe('reproduces');
    expect(f.filter((x) => x.claim.includes('gap'))).toHaveLength(3);
  });

  it("judges a regulariser's train–test gap on evaluated train accuracy when both results have it", () => {
    const [base, dropout] = fakeStudy('tf', (n) => (n.includes('dropout') ? 0.769 : 0.77)).variants.filter(
      (v) => v.baseline || v.name === 'dropout 0.5',
    );
    if (base === undefined || dropout === undefined) throw new Error('variants missing');
    // Running accuracies (augmented, masks on): dropout's reads as far below its test accuracy.
    const running = gapFinding('gap', { ...dropout, finalTrainAccuracy: 0.765 }, { ...base, finalTrainAccuracy: 0.794 });
    expect(running.verdict).toBe('reproduces');
    expect(running.measured).toContain("the last epoch's running one");
    // Evaluated on the training images, the two nets overfit alike: no narrower gap.
    const evaluated = gapFinding(
      'gap',
      { ...dropout, finalTrainAccuracy: 0.765, trainEvalAccuracy: 0.85 },
      { ...base, finalTrainAccuracy: 0.794, trainEvalAccuracy: 0.853 },
    );
    expect(evaluated.verdict).toBe('inconclusive');
    expect(evaluated.measured).toBe(
      'gap 8.1 points (test 76.9 %) vs baseline 8.3 points (test 77.0 %); train accuracy evaluated on the un-augmented training images',
    );
    // Only one result evaluated (an older results file): the running accuracies for both, never a mix.
    expect(gapFinding('gap', { ...dropout, trainEvalAccuracy: 0.85 }, base).measured).toContain('running one');
  });

  it('calls "extra fc layers add little" contradicted only by a clear gain, not by a loss', () => {
    const fcClaim = (accuracy: (fc: string) => number) =>
      findings([fakeStudy('grid', (n) => accuracy(n.slice(-4)))], 10_000).find((x) =>
        x.claim.startsWith('Depth grid: extra fully'),
      );
    const cost = fcClaim((fc) => (fc === 'fc 2' ? 0.585 : 0.598));
    expect(cost?.verdict).toBe('reproduces');
    expect(cost?.measured).toBe('58.5 % vs 59.8 % (Δ -1.3 points)');
    expect(fcClaim((fc) => (fc === 'fc 2' ? 0.65 : 0.598))?.verdict).toBe('contradicts');
  });
});
