import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { siamese } from '../src/siamese';
import { trainSiamese, type SiameseProgress } from '../src/train-siamese';
import { evaluationPairs, randomPairSampler, anchorPairSampler } from '../src/pair-sampler';
import { pairLoss } from '../src/pair-loss';
import { embed } from '../src/embed';
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

describe('trainSiamese: input shapes are checked before anything is made', () => {
  const train = tinyImages(3, 20, 3);
  const wrong = tinyImages(3, 20, 4);
  const fiveByFive = { ...wrong, images: new Float32Array(60 * 25), shape: [60, 5, 5, 1] as [number, number, number, number] };
  const rgb = { ...wrong, images: new Float32Array(60 * 48), shape: [60, 4, 4, 3] as [number, number, number, number] };

  function failure(f: () => unknown): SiameseError {
    const error = (() => { try { f(); return null; } catch (e) { return e; } })();
    expect(error).toBeInstanceOf(SiameseError);
    return error as SiameseError;
  }

  it("names the network's input shape and the data's, and leaks no tensor", () => {
    const net = siamese(denseBase(4, 4, 2, 7));
    for (const [data, shape] of [[fiveByFive, '[60, 5, 5, 1]'], [rgb, '[60, 4, 4, 3]']] as const) {
      for (const optimizer of ['adam', 'momentum', 'adadelta', 'sgd'] as const) {
        const before = tf.memory().numTensors;
        const e = failure(() => trainSiamese(net, data, { sampler: randomPairSampler(data.labels, { batchSize: 8, seed: 1 }), steps: 3, optimizer }));
        expect(e.argument).toBe('data.shape');
        expect(e.message).toBe(`data.shape: expected images of shape [4, 4, 1] (the network's input shape), received ${shape}`);
        expect(tf.memory().numTensors).toBe(before);
      }
    }
    const before = tf.memory().numTensors;
    const pairs = evaluationPairs(fiveByFive.labels, { count: 10, seed: 1 });
    const e = failure(() => trainSiamese(net, train, { sampler: randomPairSampler(train.labels, { batchSize: 8, seed: 1 }), steps: 3, evaluation: { pairs, data: fiveByFive } }));
    expect(e.argument).toBe('options.evaluation.data.shape');
    expect(tf.memory().numTensors).toBe(before);
    net.twin.dispose();
  });

  it('embed and pairLoss name the shapes too', () => {
    const net = siamese(denseBase(4, 4, 2, 7));
    const before = tf.memory().numTensors;
    expect(() => embed(net, fiveByFive)).toThrow("data.shape: expected images of shape [4, 4, 1] (the network's input shape), received [60, 5, 5, 1]");
    expect(() => embed(net.embedding, rgb)).toThrow("data.shape: expected images of shape [4, 4, 1] (the network's input shape), received [60, 4, 4, 3]");
    expect(() => pairLoss(net, fiveByFive, evaluationPairs(fiveByFive.labels, { count: 10 }))).toThrow(SiameseError);
    expect(tf.memory().numTensors).toBe(before);
    net.twin.dispose();
  });

  it('leaks no tensor when training fails after it started (a diverging loss)', () => {
    const net = siamese(denseBase(4, 4, 2, 8));
    const before = tf.memory().numTensors;
    expect(() => trainSiamese(net, train, {
      sampler: randomPairSampler(train.labels, { batchSize: 8, seed: 1 }), steps: 50, optimizer: { name: 'sgd', learningRate: 1e30 },
    })).toThrow(/diverged/);
    expect(tf.memory().numTensors).toBe(before);
    net.twin.dispose();
  });
});
