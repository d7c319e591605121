import { describe, expect, it } from 'vitest';
import { anchorPairSampler, evaluationPairs, pairSampler, randomPairSampler, type PairIndices } from '../src/pair-sampler';
import { SiameseError } from '../src/errors';

/** 10 classes, deliberately imbalanced: class k has 20 + 15·k members, in a shuffled order. */
function imbalancedLabels(): Uint8Array {
  const out: number[] = [];
  for (let k = 0; k < 10; k++) for (let j = 0; j < 20 + 15 * k; j++) out.push(k);
  let s = 9;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return Uint8Array.from(out);
}

const labels = imbalancedLabels();
const N = labels.length;

/** Y matches the labels, and a same-class pair never pairs an image with itself. */
function checkTargets(b: PairIndices): void {
  let wrong = 0;
  for (let i = 0; i < b.left.length; i++) {
    if (b.same[i] !== (labels[b.left[i]] === labels[b.right[i]] ? 1 : 0)) wrong++;
    if (b.same[i] === 1 && b.right[i] === b.left[i]) wrong++;
  }
  expect(wrong).toBe(0);
}

describe('randomPairSampler', () => {
  it('holds the same-class fraction in every batch and covers classes uniformly over many batches', () => {
    const sampler = randomPairSampler(labels, { batchSize: 50, sameFraction: 0.3, seed: 1 });
    const anchorCounts = new Array(10).fill(0);
    const partnerCounts = new Array(10).fill(0);
    let diffPairs = 0;
    const batches = 400;
    for (let b = 0; b < batches; b++) {
      const batch = sampler.next();
      expect(batch.left.length).toBe(50);
      expect(batch.same.reduce((a, v) => a + v, 0)).toBe(15); // exactly round(0.3 · 50)
      checkTargets(batch);
      for (let i = 0; i < 50; i++) {
        anchorCounts[labels[batch.left[i]]]++;
        if (batch.same[i] === 0) {
          partnerCounts[labels[batch.right[i]]]++;
          diffPairs++;
        }
      }
    }
    // Uniform over classes despite the 1:7 imbalance of the data: each class ≈ 10 % of the anchors.
    const total = batches * 50;
    for (const c of anchorCounts) expect(Math.abs(c / total - 0.1)).toBeLessThan(0.012);
    for (const c of partnerCounts) expect(Math.abs(c / diffPairs - 0.1)).toBeLessThan(0.012);
  });

  it('puts the same-class pairs at varying positions', () => {
    const sampler = randomPairSampler(labels, { batchSize: 20, sameFraction: 0.5, seed: 2 });
    const first = Array.from(sampler.next().same).join('');
    const second = Array.from(sampler.next().same).join('');
    expect(first).not.toBe(second);
  });

  it('is reproducible from its seed, and differs across seeds', () => {
    const a = randomPairSampler(labels, { seed: 5 });
    const b = randomPairSampler(labels, { seed: 5 });
    const c = randomPairSampler(labels, { seed: 6 });
    const [x, y, z] = [a.next(), b.next(), c.next()];
    expect(Array.from(x.left)).toEqual(Array.from(y.left));
    expect(Array.from(x.right)).toEqual(Array.from(y.right));
    expect(Array.from(x.left)).not.toEqual(Array.from(z.left));
  });

  it('supports all-same and all-different batches', () => {
    const allSame = randomPairSampler(labels, { batchSize: 16, sameFraction: 1, seed: 1 }).next();
    expect(Array.from(allSame.same).every((v) => v === 1)).toBe(true);
    checkTargets(allSame);
    const allDiff = randomPairSampler(labels, { batchSize: 16, sameFraction: 0, seed: 1 }).next();
    expect(Array.from(allDiff.same).every((v) => v === 0)).toBe(true);
    checkTargets(allDiff);
  });
});

describe('anchorPairSampler', () => {
  it('uses one anchor per batch, holds the fraction, and visits every class in proportion to its size', () => {
    const sampler = anchorPairSampler(labels, { batchSize: 40, sameFraction: 0.25, seed: 3 });
    const anchorClass = new Array(10).fill(0);
    const partnerCounts = new Array(10).fill(0);
    let diffPairs = 0;
    const batches = 3000;
    for (let b = 0; b < batches; b++) {
      const batch = sampler.next();
      expect(new Set(batch.left).size).toBe(1);
      expect(batch.same.reduce((a, v) => a + v, 0)).toBe(10);
      checkTargets(batch);
      anchorClass[labels[batch.left[0]]]++;
      for (let i = 0; i < 40; i++) {
        if (batch.same[i] === 0) {
          partnerCounts[labels[batch.right[i]]]++;
          diffPairs++;
        }
      }
    }
    // Anchors are drawn from the data, so class k is anchor in (20 + 15k) / N of the batches.
    anchorClass.forEach((c, k) => expect(Math.abs(c / batches - (20 + 15 * k) / N)).toBeLessThan(0.02));
    // Every class shows up among the different-class partners.
    for (const c of partnerCounts) expect(c / diffPairs).toBeGreaterThan(0.05);
  });
});

describe('pairSampler / evaluationPairs', () => {
  it('dispatches on the strategy name', () => {
    expect(pairSampler('anchor', labels).strategy).toBe('anchor');
    expect(pairSampler('random', labels, { batchSize: 8 }).batchSize).toBe(8);
    expect(() => pairSampler('hard' as never, labels)).toThrow(SiameseError);
  });

  it('builds one fixed, balanced evaluation set', () => {
    const a = evaluationPairs(labels, { count: 1000, seed: 4 });
    const b = evaluationPairs(labels, { count: 1000, seed: 4 });
    expect(Array.from(a.right)).toEqual(Array.from(b.right));
    expect(a.same.reduce((s, v) => s + v, 0)).toBe(500);
    checkTargets(a);
  });

  it('rejects bad arguments with typed errors', () => {
    expect(() => randomPairSampler(new Uint8Array(10).fill(3))).toThrow(/at least 2 classes/);
    expect(() => randomPairSampler(labels, { sameFraction: 1.5 })).toThrow(SiameseError);
    expect(() => anchorPairSampler(labels, { batchSize: 0 })).toThrow(/options.batchSize/);
    let error: unknown;
    try {
      randomPairSampler([0, 1, 0.5]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SiameseError);
    expect((error as SiameseError).argument).toBe('labels[2]');
    expect((error as SiameseError).received).toBe('0.5');
    expect((error as SiameseError).expected).toBe('an integer class label');
  });
});
