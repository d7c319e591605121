import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '@dlkit/backend';
import { loadData, type CifarData } from '../src/data';
import { estimateRun } from '../src/estimate';
import { studyPlan } from '../src/variants';

let data: CifarData;

beforeAll(async () => {
  await initBackend();
  data = await loadData({ trainPerClass: 3, testPerClass: 2, seed: 1 });
});

describe('estimateRun', () => {
  it('times every planned variant and scales its cost to the run size, leaving no tensors', async () => {
    const plans = studyPlan(['tf'], { tfFilters: [2, 3], tfUnits: [6, 4] });
    const before = tf.memory().numTensors;
    const est = await estimateRun(plans, data.train, {
      epochs: 30,
      trainImages: 50_000,
      testImages: 10_000,
      seed: 1,
      batches: 1,
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(est.map((e) => e.variant.name)).toEqual(plans[0].variants.map((v) => v.name));
    for (const e of est) {
      expect(e.secondsPerImage).toBeGreaterThan(0);
      expect(e.seconds).toBeCloseTo(30 * (50_000 + 10_000 / 3) * e.secondsPerImage, 6);
    }
  });
});
