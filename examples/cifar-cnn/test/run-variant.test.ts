import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '@dlkit/backend';
import { loadData, type CifarData } from '../src/data';
import { categoricalCrossEntropy } from '@dlkit/layers';
import { evaluate, latestCheckpoint, restoreWeights } from '@dlkit/models';
import { buildModel, lossFor, runVariant } from '../src/run-variant';
import { studyPlan } from '../src/variants';

let data: CifarData;
const dir = mkdtempSync(join(tmpdir(), 'cifar-cnn-run-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(async () => {
  await initBackend();
  data = await loadData({ trainPerClass: 3, testPerClass: 2, seed: 1 });
});

const tiny = { tfFilters: [2, 3] as [number, number], tfUnits: [6, 4] as [number, number] };

describe('buildModel (TF-tutorial net)', () => {
  it('puts the L2 penalty on fc1 and fc2 only: the loss is cross-entropy + λ Σ w² over their kernels', () => {
    const [plan] = studyPlan(['tf'], tiny);
    const baseSpec = plan.variants.find((v) => v.baseline)!;
    const decaySpec = plan.variants.find((v) => v.name === 'L2 fc1/fc2 0.002')!;
    const plain = buildModel(baseSpec, 1);
    const decayed = buildModel(decaySpec, 1);
    try {
      expect(lossFor(baseSpec, plain)).toBeUndefined();
      const loss = lossFor(decaySpec, decayed)!;
      const before = tf.memory().numTensors;
      const [withPenalty, plainCe] = tf.tidy(() => {
        const y = tf.cast(tf.oneHot([1, 3], 10), 'float32');
        const p = tf.softmax(tf.randomNormal([2, 10], 0, 1, 'float32', 3));
        return [loss(y, p).dataSync()[0], categoricalCrossEntropy()(y, p).dataSync()[0]];
      });
      expect(tf.memory().numTensors).toBe(before);
      const expected =
        ['fc1', 'fc2'].reduce(
          (s, name) => s + tf.tidy(() => tf.sum(tf.square(decayed.getLayer(name).getWeights()[0])).dataSync()[0]),
          0,
        ) * 0.002;
      expect(withPenalty - plainCe).toBeCloseTo(expected, 5);
    } finally {
      plain.dispose();
      decayed.dispose();
    }
  });

  it('adds the fc penalty to the training objective of the decayed variant (same seed)', async () => {
    const [plan] = studyPlan(['tf'], tiny);
    for (const v of plan.variants) if (v.model.kind === 'cifarnet-tf' && v.model.fcL2 > 0) v.model.fcL2 = 0.5;
    const plain = await runVariant(plan.variants[0], data.train, data.test, { epochs: 2, seed: 1 });
    const decayed = await runVariant(plan.variants[2], data.train, data.test, { epochs: 2, seed: 1 });
    // The penalty is part of the reported training loss: with λ = 0.5 it dominates.
    expect(decayed.finalTrainLoss).toBeGreaterThan(plain.finalTrainLoss);
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
    // Its time counts the epochs before the resume; resumed once more after the last epoch, nothing changes.
    const epochSeconds = resumed.history.reduce((s, h) => s + h.seconds, 0);
    expect(resumed.seconds).toBeGreaterThanOrEqual(epochSeconds);
    const again = await runVariant(spec, data.train, data.test, { ...opts, epochs: 3, resume: true });
    expect(again.history).toEqual(resumed.history);
    expect(again.seconds).toBeCloseTo(epochSeconds, 6);
    expect(again.imagesPerSecond).toBeCloseTo((3 * data.train.shape[0]) / epochSeconds, 6);
    // A run resumed after its last epoch still scores the trained net on the training images, as evaluate does.
    expect(again.trainEvalAccuracy).toBe(resumed.trainEvalAccuracy);
  });
});

describe('runVariant: train accuracy as a user measures it', () => {
  it('evaluates the trained net on the un-augmented training images in inference mode (dropout off)', async () => {
    const [plan] = studyPlan(['tf'], tiny);
    const spec = plan.variants.find((v) => v.name === 'dropout 0.5')!;
    const ck = join(dir, 'ck-eval');
    const r = await runVariant(spec, data.train, data.test, { epochs: 2, seed: 3, augment: true, checkpointDir: () => ck });
    // The trained weights, loaded into a fresh net and evaluated as a user would, give the same figure.
    const latest = await latestCheckpoint(ck);
    const model = buildModel(spec, 3);
    try {
      await restoreWeights(model, latest!.path);
      expect(r.trainEvalAccuracy).toBe(evaluate(model, data.train, { topK: [1] }).accuracy);
    } finally {
      model.dispose();
    }
  });
});
