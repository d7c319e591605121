import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '@dlkit/backend';
import { loadData, type CifarData } from '../src/data';
import { buildModel, runVariant } from '../src/run-variant';
import { studyPlan } from '../src/variants';

let data: CifarData;
const dir = mkdtempSync(join(tmpdir(), 'cifar-cnn-run-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(async () => {
  await initBackend();
  data = await loadData({ root: '/nonexistent-cifar', trainPerClass: 3, testPerClass: 2, seed: 1 });
});

const tiny = { tfFilters: [2, 3] as [number, number], tfUnits: [6, 4] as [number, number] };

describe('buildModel (TF-tutorial net)', () => {
  it('puts the L2 penalty on fc1 and fc2 only, as layer losses the trainer adds', () => {
    const [plan] = studyPlan(['tf'], tiny);
    const plain = buildModel(plan.variants.find((v) => v.baseline)!, 1);
    const decayed = buildModel(plan.variants.find((v) => v.name === 'L2 fc1/fc2 0.002')!, 1);
    try {
      expect(plain.losses).toHaveLength(0);
      expect(decayed.losses).toHaveLength(2);
      const penalty = tf.tidy(() => tf.addN(decayed.calculateLosses()).dataSync()[0]);
      const expected = ['fc1', 'fc2'].reduce((s, name) => s + tf.tidy(() => tf.sum(tf.square(decayed.getLayer(name).getWeights()[0])).dataSync()[0]), 0) * 0.002;
      expect(penalty).toBeCloseTo(expected, 6);
    } finally {
      plain.dispose();
      decayed.dispose();
    }
  });
});

describe('runVariant with checkpoints', () => {
  it('a run killed after epoch 1 and resumed ends with the same weights as an uninterrupted one (augmented, stepped rate)', async () => {
    const [plan] = studyPlan(['tf'], tiny);
    const spec = plan.variants.find((v) => v.baseline)!;
    const schedule = { type: 'step' as const, stepSize: 1, gamma: 0.5 };
    const whole = await runVariant(spec, data.train, data.test, { epochs: 3, seed: 2, augment: true, schedule });
    const before = tf.memory().numTensors;
    const ck = join(dir, 'ck');
    const opts = { seed: 2, augment: true, schedule, checkpointDir: () => ck };
    await runVariant(spec, data.train, data.test, { ...opts, epochs: 1 });
    const resumed = await runVariant(spec, data.train, data.test, { ...opts, epochs: 3, resume: true });
    expect(tf.memory().numTensors).toBe(before);
    expect(resumed.history).toHaveLength(3);
    expect(resumed.history.map((h) => h.learningRate)).toEqual([0.01, 0.005, 0.0025]);
    expect(resumed.testLoss).toBeCloseTo(whole.testLoss, 6);
    expect(resumed.testAccuracy).toBe(whole.testAccuracy);
    expect(resumed.history.map((h) => h.loss)).toEqual(whole.history.map((h) => h.loss));
  });
});
