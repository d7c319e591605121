import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { siamese } from '../src/siamese';
import { trainSiamese, type SiameseProgress } from '../src/train-siamese';
import { evaluationPairs, randomPairSampler, anchorPairSampler } from '../src/pair-sampler';
import { pairLoss } from '../src/pair-loss';
import { SiameseError } from '../src/errors';
import { denseBase, engine, tinyImages } from './helpers';

beforeAll(engine);

describe('trainSiamese', () => {
  const train = tinyImages(3, 40, 3);
  const heldOut = tinyImages(3, 20, 11);
  const pairs = evaluationPairs(heldOut.labels, { count: 120, seed: 2 });

  for (const form of ['half-squared', 'squared', 'hadsell'] as const) {
    it(`lowers the held-out pair loss on a separable problem (${form})`, () => {
      const net = siamese(denseBase(4, 4, 2, 5));
      const events: SiameseProgress[] = [];
      const history = trainSiamese(net, train, {
        sampler: randomPairSampler(train.labels, { batchSize: 32, seed: 1 }),
        steps: 150,
        form,
        optimizer: { name: 'adam', learningRate: 0.01 },
        evaluation: { pairs, data: heldOut, every: 50 },
        onProgress: (e) => events.push(e),
      });
      expect(history.trainLoss).toHaveLength(150);
      expect(history.evaluations.map((e) => e.step)).toEqual([0, 50, 100, 150]);
      expect(events.map((e) => e.step)).toEqual([0, 50, 100, 150]);
      const first = history.evaluations[0].evalLoss as number;
      const last = history.evaluations[3].evalLoss as number;
      expect(last).toBeLessThan(0.35 * first);
      // The history is the loss of the trained network on those pairs.
      expect(pairLoss(net, heldOut, pairs, { form })).toBeCloseTo(last, 5);
      expect(JSON.parse(JSON.stringify(history))).toEqual(history);
      expect(history).toMatchObject({ strategy: 'random', form, margin: 1, batchSize: 32, sameFraction: 0.5, steps: 150 });
      net.twin.dispose();
    });
  }

  it('leaks no tensor (steps, evaluations and optimiser state are disposed)', () => {
    const net = siamese(denseBase(4, 4, 2, 6));
    const before = tf.memory().numTensors;
    trainSiamese(net, train, {
      sampler: anchorPairSampler(train.labels, { batchSize: 16, seed: 1 }),
      steps: 12,
      evaluation: { pairs, data: heldOut, every: 4, batchSize: 50 },
    });
    expect(tf.memory().numTensors).toBe(before);
    pairLoss(net, heldOut, pairs);
    expect(tf.memory().numTensors).toBe(before);
    net.twin.dispose();
  });

  it('rejects bad options with typed errors', () => {
    const net = siamese(denseBase());
    const sampler = randomPairSampler(train.labels);
    expect(() => trainSiamese(net, train, { sampler, steps: 0 })).toThrow(/options.steps/);
    expect(() => trainSiamese(net, train, { sampler, steps: 1, margin: -1 })).toThrow(SiameseError);
    expect(() => trainSiamese(net, train, { sampler, steps: 1, form: 'cubed' as never })).toThrow(/options.form/);
    // Pairs that index past the evaluation data.
    const tooBig = evaluationPairs(train.labels, { count: 10 });
    tooBig.left[0] = 10_000;
    expect(() => trainSiamese(net, train, { sampler, steps: 1, evaluation: { pairs: tooBig } })).toThrow(/indices in/);
    net.twin.dispose();
  });
});
