import { describe, expect, it } from 'vitest';
import { chosenOnValid, describeSizes, expectedTokensPerSecond, planRnns } from '../src/full-protocol';

/** `n` tokens each given probability `p` (perplexity 1/p). */
const flat = (p: number, n = 50): Float64Array => new Float64Array(n).fill(p);

describe('planRnns', () => {
  it('gives the k-th RNN of the same size and dropout seed first + k, and different RNNs the first seed', () => {
    expect(planRnns([400, 400, 200, 400], [0.25, 0, 0.25, 0.25], 1)).toEqual([
      { hidden: 400, dropout: 0.25, minImprovement: 1.003, direct: 0, classes: 100, seed: 1 },
      { hidden: 400, dropout: 0, minImprovement: 1.003, direct: 0, classes: 100, seed: 1 },
      { hidden: 200, dropout: 0.25, minImprovement: 1.003, direct: 0, classes: 100, seed: 1 },
      { hidden: 400, dropout: 0.25, minImprovement: 1.003, direct: 0, classes: 100, seed: 2 },
    ]);
  });

  it('keeps the seeds of the RNNs a run had when sizes are appended (so --resume reuses their checkpoints)', () => {
    const before = planRnns([200, 200], [0, 0], 3);
    const after = planRnns([200, 200, 400], [0, 0, 0.3], 3);
    expect(after.slice(0, 2)).toEqual(before);
    expect(after[2]).toEqual({ hidden: 400, dropout: 0.3, minImprovement: 1.003, direct: 0, classes: 100, seed: 3 });
  });

  it('counts seeds per size, dropout and schedule factor: another min-improvement is another model', () => {
    expect(
      planRnns([400, 400, 400], [0.25, 0.25, 0.25], 1, [1.003, 1.001, 1.003]).map((r) => [r.minImprovement, r.seed]),
    ).toEqual([
      [1.003, 1],
      [1.001, 1],
      [1.003, 2],
    ]);
  });

  it('counts seeds per direct connections too: an RNNME is another model than the RNN of its size', () => {
    expect(planRnns([200, 200, 200], [0.25, 0.25, 0.25], 1, [], [0, 2_000_000, 0]).map((r) => [r.direct, r.seed])).toEqual([
      [0, 1],
      [2_000_000, 1],
      [0, 2],
    ]);
  });

  it('counts seeds per number of classes too: a softmax factored otherwise is another model', () => {
    expect(planRnns([200, 200, 200], [0, 0, 0], 1, [], [], [100, 50, 100]).map((r) => [r.classes, r.seed])).toEqual([
      [100, 1],
      [50, 1],
      [100, 2],
    ]);
  });

  it("reads a missing dropout as 0, a missing schedule factor as rnnlm's 1.003 and missing classes as its 100", () => {
    expect(planRnns([100], [], 1)[0]).toEqual({
      hidden: 100,
      dropout: 0,
      minImprovement: 1.003,
      direct: 0,
      classes: 100,
      seed: 1,
    });
  });

  it('reads a missing dropout as 0', () => {
    expect(planRnns([100, 100], [], 1).map((r) => [r.dropout, r.seed])).toEqual([
      [0, 1],
      [0, 2],
    ]);
  });
});

describe('describeSizes', () => {
  it('groups the RNNs in the order they first appear, naming the dropout when there is one', () => {
    expect(describeSizes(planRnns([200, 400, 200], [0, 0.25, 0], 1))).toBe('2 RNNs H=200 and 1 RNN H=400 (dropout 0.25)');
  });

  it('names an RNNME and its hash size', () => {
    expect(describeSizes(planRnns([200, 200, 200], [0.25, 0.25, 0.25], 1, [], [0, 2_000_000, 2_000_000]))).toBe(
      '1 RNN H=200 (dropout 0.25) and 2 RNNMEs H=200 (direct 2000000, dropout 0.25)',
    );
  });

  it("names a number of classes that is not rnnlm's", () => {
    expect(describeSizes(planRnns([200, 200], [0.25, 0.25], 1, [], [], [100, 50]))).toBe(
      '1 RNN H=200 (dropout 0.25) and 1 RNN H=200 (50 classes, dropout 0.25)',
    );
  });

  it("names a schedule factor that is not rnnlm's", () => {
    expect(describeSizes(planRnns([400, 400], [0.25, 0.25], 1, [1.003, 1.001]))).toBe(
      '1 RNN H=400 (dropout 0.25) and 1 RNN H=400 (dropout 0.25, min-improvement 1.001)',
    );
  });
});

describe('chosenOnValid', () => {
  it('chooses the RNN with the lowest validation perplexity, whatever its test perplexity', () => {
    const members = [
      { name: 'a', held: flat(1 / 140), test: flat(1 / 120) },
      { name: 'b', held: flat(1 / 130), test: flat(1 / 135) },
      { name: 'c', held: flat(1 / 150), test: flat(1 / 100) },
    ];
    expect(chosenOnValid(members).name).toBe('b');
  });

  it('gives ties to the earlier RNN', () => {
    expect(
      chosenOnValid([
        { name: 'a', held: flat(0.01) },
        { name: 'b', held: flat(0.01) },
      ]).name,
    ).toBe('a');
  });

  it('refuses an empty list', () => {
    expect(() => chosenOnValid([])).toThrow(RangeError);
  });
});

describe('expectedTokensPerSecond', () => {
  it('passes through the measured speeds and falls as H grows', () => {
    expect(expectedTokensPerSecond(100)).toBeCloseTo(52_700, 6);
    expect(expectedTokensPerSecond(200)).toBeCloseTo(20_600, 6);
    expect(expectedTokensPerSecond(400)).toBeLessThan(expectedTokensPerSecond(200));
    expect(expectedTokensPerSecond(400)).toBeGreaterThan(0);
  });

  it('counts the direct connections of an RNNME as a few µs more per token, whatever H', () => {
    for (const h of [100, 200, 500]) {
      const extra = 1 / expectedTokensPerSecond(h, 2_000_000) - 1 / expectedTokensPerSecond(h);
      expect(extra).toBeCloseTo(4e-6, 12);
    }
  });
});
