import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '@dlkit/backend';
import { loadData, type CifarData } from '../src/data';
import { runStudies } from '../src/studies';
import { studyPlan } from '../src/variants';

let data: CifarData;

beforeAll(async () => {
  await initBackend();
  data = await loadData({ trainPerClass: 3, testPerClass: 2, seed: 1 });
});

describe('runStudies (tiny, in-process)', () => {
  it('trains every variant of every study and leaves no tensors behind', async () => {
    const plans = studyPlan(['cifarnet', 'deep', 'grid'], {
      cifarFilters: [2, 2, 4],
      deepFilters: [2, 4],
      deepUnits: [6, 4],
      gridConv: [1, 2],
      gridFc: [0, 2],
    });
    // Keep it small: two variants of the first two studies, the whole 2 × 2 grid.
    for (const p of plans)
      if (p.id !== 'grid')
        p.variants = p.variants.filter((v) => v.baseline || v.name === 'dropout 0.5' || v.name === 'no batch norm');
    const seen: string[] = [];
    const first = await runStudies(plans, data.train, data.test, {
      epochs: 2,
      seed: 1,
      augment: true,
      onVariant: (r, i, n) => seen.push(`${i + 1}/${n} ${r.name}`),
    });
    const before = tf.memory().numTensors;
    const second = await runStudies(plans, data.train, data.test, { epochs: 2, seed: 1, augment: true });
    expect(tf.memory().numTensors).toBe(before);

    expect(seen).toEqual([
      '1/8 batch 64 (baseline)',
      '2/8 dropout 0.5',
      '3/8 ReLU (baseline)',
      '4/8 no batch norm',
      '5/8 conv 1 × fc 0',
      '6/8 conv 1 × fc 2',
      '7/8 conv 2 × fc 0',
      '8/8 conv 2 × fc 2',
    ]);
    expect(first.map((s) => s.id)).toEqual(['cifarnet', 'deep', 'grid']);
    for (const st of first) {
      expect(st.seconds).toBeGreaterThan(0);
      for (const v of st.variants) {
        expect(v.history).toHaveLength(2);
        expect(v.testAccuracy).toBeGreaterThanOrEqual(0);
        expect(v.testAccuracy).toBeLessThanOrEqual(1);
        expect(Number.isFinite(v.finalTrainLoss)).toBe(true);
        expect(v.history[1].valAccuracy).not.toBeNull();
        expect(v.parameters).toBeGreaterThan(0);
        expect(v.imagesPerSecond).toBeGreaterThan(0);
      }
    }
    // Same seed, same data, same augmentation: the same numbers, dropout masks included (train seeds them).
    const seeded = (rs: typeof first) => rs.map((s) => s.variants.map((v) => v.testAccuracy));
    expect(seeded(second)).toEqual(seeded(first));
    expect(second[0].variants[0].finalTrainLoss).toBeCloseTo(first[0].variants[0].finalTrainLoss, 5);
    const grid = first[2].variants;
    // conv 2 adds a 4-map convolution, so the flattened features (and the softmax layer) double.
    expect(grid[2].parameters).toBeGreaterThan(grid[0].parameters);
  });
});
