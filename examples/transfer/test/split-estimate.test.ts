import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@dlkit/backend';
import { measureRates, splitSeconds, type SplitPlan } from '../src/split-estimate';

const PLAN: SplitPlan = {
  baseTrainImages: 1000,
  baseTestImages: 100,
  baseEpochs: 2,
  classes: 5,
  labelsPerClass: [10, 50],
  curveTestImages: 200,
  finalTestImages: 1000,
  epochs: 4,
  epochImages: 100,
  learningRates: 2,
  methods: ['feature extractor', 'fine-tune', 'from scratch'],
  headEpochs: 1,
};

describe('split-task time estimate', () => {
  it('charges training images at the training rate, frozen-body epochs and scoring at the test rate', () => {
    const rates = { trainSeconds: 0.01, testSeconds: 0.002 };
    const s = splitSeconds(PLAN, rates);
    expect(s.base).toBeCloseTo(2 * 1000 * 0.01 + 100 * 0.002, 10);
    // 10 per class: 50 images repeated to 100 per epoch; 50 per class: 250 images
    const scoring = 4 * 200 * 0.002 + 1000 * 0.002;
    const perSize = (images: number) =>
      4 * images * 0.002 + // feature extractor
      (images * 0.002 + 3 * images * 0.01) + // fine-tune: 1 head epoch, then 3 of everything
      4 * images * 0.01 + // from scratch
      3 * scoring;
    expect(s.target).toBeCloseTo(2 * (perSize(100) + perSize(250)), 10);
    expect(s.total).toBeCloseTo(s.base + s.target, 10);
  });

  it('counts only what a resumed run has left: the base epochs after its checkpoint and the unfinished target runs', () => {
    const rates = { trainSeconds: 0.01, testSeconds: 0.002 };
    const whole = splitSeconds(PLAN, rates);
    const halfBase = splitSeconds({ ...PLAN, done: { baseEpochs: 1, baseSaved: false, runs: [] } }, rates);
    expect(halfBase.base).toBeCloseTo(1000 * 0.01 + 100 * 0.002, 10);
    expect(halfBase.target).toBeCloseTo(whole.target, 10);
    // One of the two learning rates of "from scratch" at 10 per class is done: half of that pair's cost is left.
    const scratch10 = splitSeconds({ ...PLAN, methods: ['from scratch'], labelsPerClass: [10] }, rates).target;
    const resumed = splitSeconds(
      { ...PLAN, done: { baseEpochs: 2, baseSaved: true, runs: [{ labelsPerClass: 10, method: 'from scratch' }] } },
      rates,
    );
    expect(resumed.base).toBe(0);
    expect(resumed.target).toBeCloseTo(whole.target - scratch10 / 2, 10);
    const everything = PLAN.labelsPerClass.flatMap((labelsPerClass) =>
      PLAN.methods.flatMap((method) => [
        { labelsPerClass, method },
        { labelsPerClass, method },
      ]),
    );
    expect(splitSeconds({ ...PLAN, done: { baseEpochs: 2, baseSaved: true, runs: everything } }, rates).total).toBe(0);
  });

  it('measures positive per-image rates on a few batches, leaking no tensor', async () => {
    await initBackend();
    const n = 48;
    const d = {
      images: new Float32Array(n * 8 * 8 * 3).map((_, i) => (i % 17) / 17),
      labels: new Uint8Array(n).map((_, i) => i % 5),
      shape: [n, 8, 8, 3] as [number, number, number, number],
      classNames: ['a', 'b', 'c', 'd', 'e'],
    };
    const before = tf.memory().numTensors;
    const r = await measureRates(d, { filters: [2, 2], units: [8, 4], batchSize: 8, batches: 2 });
    expect(tf.memory().numTensors).toBe(before);
    expect(r.trainSeconds).toBeGreaterThan(0);
    expect(r.testSeconds).toBeGreaterThan(0);
  });
});
