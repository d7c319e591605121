import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { initializers, input, layers as tfl, model } from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { siamese } from '../src/siamese';
import { trainSiamese, type PairAugmentation, type SiameseProgress } from '../src/train-siamese';
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
    it(`lowers the held-out pair loss on a separable problem (${form})`, async () => {
      const net = siamese(denseBase(4, 4, 2, 5));
      const events: SiameseProgress[] = [];
      const history = await trainSiamese(net, train, {
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
      expect(history).toMatchObject({
        strategy: 'random',
        form,
        margin: 1,
        batchSize: 32,
        sameFraction: 0.5,
        steps: 150,
        stopReason: 'steps',
      });
      net.twin.dispose();
    });
  }

  it('leaks no tensor (steps, evaluations and optimiser state are disposed)', async () => {
    const net = siamese(denseBase(4, 4, 2, 6));
    const before = tf.memory().numTensors;
    await trainSiamese(net, train, {
      sampler: anchorPairSampler(train.labels, { batchSize: 16, seed: 1 }),
      steps: 12,
      evaluation: { pairs, data: heldOut, every: 4, batchSize: 50 },
    });
    expect(tf.memory().numTensors).toBe(before);
    pairLoss(net, heldOut, pairs);
    expect(tf.memory().numTensors).toBe(before);
    net.twin.dispose();
  });

  it('rejects bad options with typed errors', async () => {
    const net = siamese(denseBase());
    const sampler = randomPairSampler(train.labels);
    await expect(trainSiamese(net, train, { sampler, steps: 0 })).rejects.toThrow(/options.steps/);
    await expect(trainSiamese(net, train, { sampler, steps: 1, margin: -1 })).rejects.toThrow(SiameseError);
    await expect(trainSiamese(net, train, { sampler, steps: 1, form: 'cubed' as never })).rejects.toThrow(/options.form/);
    await expect(trainSiamese(net, train, { sampler, steps: 1, seed: 1.5 })).rejects.toThrow(
      'options.seed: expected an integer, received 1.5',
    );
    // Pairs that index past the evaluation data.
    const tooBig = evaluationPairs(train.labels, { count: 10 });
    tooBig.left[0] = 10_000;
    await expect(trainSiamese(net, train, { sampler, steps: 1, evaluation: { pairs: tooBig } })).rejects.toThrow(/indices in/);
    net.twin.dispose();
  });

  it('seeds the dropout masks: same seeds, same trained network; another mask seed, another', async () => {
    const run = async (seed: number) => {
      const x = input({ shape: [4, 4, 1] });
      const h = tfl
        .dense({ units: 16, activation: 'relu', kernelInitializer: initializers.glorotUniform({ seed: 9 }) })
        .apply(tfl.flatten().apply(x));
      // A dropout layer inside the embedding: its masks are drawn through trainingStep.
      const z = tfl
        .dense({ units: 2, kernelInitializer: initializers.glorotUniform({ seed: 10 }) })
        .apply(tfl.dropout({ rate: 0.3 }).apply(h));
      const net = siamese(model({ inputs: x, outputs: z as never }));
      const history = await trainSiamese(net, train, {
        sampler: randomPairSampler(train.labels, { batchSize: 16, seed: 1 }),
        steps: 20,
        seed,
      });
      net.twin.dispose();
      return history.trainLoss;
    };
    const a = await run(1);
    expect(await run(1)).toEqual(a);
    expect(await run(2)).not.toEqual(a);
  });

  it('stops after the current step when aborted, with the losses so far and no leaked tensor', async () => {
    const net = siamese(denseBase(4, 4, 2, 10));
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    const history = await trainSiamese(net, train, {
      sampler: randomPairSampler(train.labels, { batchSize: 8, seed: 1 }),
      steps: 100,
      evaluation: { pairs, data: heldOut, every: 10 },
      signal: controller.signal,
      onProgress: (e) => {
        if (e.step === 20) controller.abort();
      },
    });
    expect(history.stopReason).toBe('aborted');
    expect(history.trainLoss).toHaveLength(21);
    expect(history.evaluations.map((e) => e.step)).toEqual([0, 10, 20, 21]);
    expect(tf.memory().numTensors).toBe(before);
    net.twin.dispose();
  });

  it('an abort from a timer reaches a long run (the loop yields to the event loop)', async () => {
    const net = siamese(denseBase(4, 4, 2, 12));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const history = await trainSiamese(net, train, {
      sampler: randomPairSampler(train.labels, { batchSize: 8, seed: 1 }),
      steps: 1_000_000,
      signal: controller.signal,
      evaluation: undefined,
    });
    expect(history.stopReason).toBe('aborted');
    expect(history.trainLoss.length).toBeLessThan(1_000_000);
    net.twin.dispose();
  });
});

describe('trainSiamese: input shapes are checked before anything is made', () => {
  const train = tinyImages(3, 20, 3);
  const wrong = tinyImages(3, 20, 4);
  const fiveByFive = { ...wrong, images: new Float32Array(60 * 25), shape: [60, 5, 5, 1] as [number, number, number, number] };
  const rgb = { ...wrong, images: new Float32Array(60 * 48), shape: [60, 4, 4, 3] as [number, number, number, number] };

  async function failure(f: () => unknown): Promise<SiameseError> {
    const error = await (async () => {
      try {
        await f();
        return null;
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(SiameseError);
    return error as SiameseError;
  }

  it("names the network's input shape and the data's, and leaks no tensor", async () => {
    const net = siamese(denseBase(4, 4, 2, 7));
    for (const [data, shape] of [
      [fiveByFive, '[60, 5, 5, 1]'],
      [rgb, '[60, 4, 4, 3]'],
    ] as const) {
      for (const optimizer of ['adam', 'momentum', 'adadelta', 'sgd'] as const) {
        const before = tf.memory().numTensors;
        const e = await failure(() =>
          trainSiamese(net, data, { sampler: randomPairSampler(data.labels, { batchSize: 8, seed: 1 }), steps: 3, optimizer }),
        );
        expect(e.argument).toBe('data.shape');
        expect(e.message).toBe(`data.shape: expected images of shape [4, 4, 1] (the network's input shape), received ${shape}`);
        expect(tf.memory().numTensors).toBe(before);
      }
    }
    const before = tf.memory().numTensors;
    const pairs = evaluationPairs(fiveByFive.labels, { count: 10, seed: 1 });
    const e = await failure(() =>
      trainSiamese(net, train, {
        sampler: randomPairSampler(train.labels, { batchSize: 8, seed: 1 }),
        steps: 3,
        evaluation: { pairs, data: fiveByFive },
      }),
    );
    expect(e.argument).toBe('options.evaluation.data.shape');
    expect(tf.memory().numTensors).toBe(before);
    net.twin.dispose();
  });

  it('embed and pairLoss name the shapes too', () => {
    const net = siamese(denseBase(4, 4, 2, 7));
    const before = tf.memory().numTensors;
    expect(() => embed(net, fiveByFive)).toThrow(
      "data.shape: expected images of shape [4, 4, 1] (the network's input shape), received [60, 5, 5, 1]",
    );
    expect(() => embed(net.embedding, rgb)).toThrow(
      "data.shape: expected images of shape [4, 4, 1] (the network's input shape), received [60, 4, 4, 3]",
    );
    expect(() => pairLoss(net, fiveByFive, evaluationPairs(fiveByFive.labels, { count: 10 }))).toThrow(SiameseError);
    expect(tf.memory().numTensors).toBe(before);
    net.twin.dispose();
  });

  it('leaks no tensor when training fails after it started (a diverging loss, named by its step)', async () => {
    const net = siamese(denseBase(4, 4, 2, 8));
    const before = tf.memory().numTensors;
    await expect(
      trainSiamese(net, train, {
        sampler: randomPairSampler(train.labels, { batchSize: 8, seed: 1 }),
        steps: 50,
        optimizer: { name: 'sgd', learningRate: 1e30 },
      }),
    ).rejects.toThrow(/loss (NaN|-?Infinity) at step \d+.*diverged/);
    expect(tf.memory().numTensors).toBe(before);
    net.twin.dispose();
  });
});

describe('trainSiamese: training-time augmentation (options.augment)', () => {
  const train = tinyImages(3, 30, 5);
  // Seeded noise on every pixel: shows which images the network saw and which random stream drew them.
  const noise: PairAugmentation = (images, _shape, random) => images.map((v) => v + 0.2 * (random() - 0.5));
  const base = (augment?: PairAugmentation) => ({
    sampler: anchorPairSampler(train.labels, { batchSize: 8, seed: 4 }),
    steps: 12,
    optimizer: { name: 'adam', learningRate: 0.01 } as const,
    seed: 7,
    ...(augment ? { augment } : {}),
  });
  const weights = (n: ReturnType<typeof siamese>) => n.embedding.getWeights().map((t) => Array.from(t.dataSync()));

  it("augments each branch's batch every step, with its shape and the pixels as the network would see them", async () => {
    const calls: { shape: number[]; first: number; random: number }[] = [];
    const net = siamese(denseBase(4, 4, 2, 31));
    await trainSiamese(net, train, {
      ...base((images, shape, random) => {
        calls.push({ shape: [...shape], first: images[0], random: random() });
        return images;
      }),
      steps: 3,
    });
    // Left then right, every step; the float pixels of the 8 pairs' images.
    expect(calls.map((c) => c.shape)).toEqual(Array.from({ length: 6 }, () => [8, 4, 4, 1]));
    // A fresh stream per step: the two branches of one step share it, the steps do not.
    expect(new Set(calls.map((c) => c.random)).size).toBe(6);
    net.twin.dispose();
  });

  it('is seeded: same seed, same trained network; without it (or with another seed) another', async () => {
    const run = async (augment?: PairAugmentation, seed = 7) => {
      const net = siamese(denseBase(4, 4, 2, 32));
      const h = await trainSiamese(net, train, { ...base(augment), seed });
      const w = weights(net);
      net.twin.dispose();
      return { loss: h.trainLoss, w };
    };
    const a = await run(noise);
    expect(await run(noise)).toEqual(a);
    expect((await run()).loss).not.toEqual(a.loss);
    expect((await run(noise, 8)).loss).not.toEqual(a.loss);
  });

  it("a resumed augmented run ends with the uninterrupted run's losses and weights", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'siamese-aug-'));
    try {
      const straight = siamese(denseBase(4, 4, 2, 33));
      const full = await trainSiamese(straight, train, base(noise));
      const split = siamese(denseBase(4, 4, 2, 33));
      await trainSiamese(split, train, { ...base(noise), steps: 5, checkpoint: { dir, every: 5 } });
      const resumedNet = siamese(denseBase(4, 4, 2, 99));
      const resumed = await trainSiamese(resumedNet, train, { ...base(noise), checkpoint: { dir, every: 5 }, resume: true });
      expect(resumed.resumedFrom).toBe(5);
      expect(resumed.trainLoss).toEqual(full.trainLoss);
      expect(weights(resumedNet)).toEqual(weights(straight));
      for (const n of [straight, split, resumedNet]) n.twin.dispose();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a non-function, and an augmentation that returns other than the pixels it was given, leaking no tensor', async () => {
    const net = siamese(denseBase(4, 4, 2, 34));
    const before = tf.memory().numTensors;
    await expect(trainSiamese(net, train, { ...base(), augment: 'flip' as unknown as PairAugmentation })).rejects.toThrow(
      /options\.augment/,
    );
    const short = await trainSiamese(
      net,
      train,
      base((images) => images.subarray(1)),
    ).catch((e: unknown) => e);
    expect(short).toBeInstanceOf(SiameseError);
    expect((short as SiameseError).argument).toBe('options.augment');
    expect(String((short as Error).message)).toMatch(/128 pixels it was given \(shape \[8, 4, 4, 1\]\), received "127 values"/);
    const plain = await trainSiamese(
      net,
      train,
      base((images) => Array.from(images) as unknown as Float32Array),
    ).catch((e: unknown) => e);
    expect(plain).toBeInstanceOf(SiameseError);
    expect(tf.memory().numTensors).toBe(before);
    net.twin.dispose();
  });
});

describe('trainSiamese: checkpoints and resume through @dlkit/models', () => {
  const train = tinyImages(3, 30, 5);
  const heldOut = tinyImages(3, 10, 6);
  const pairs = evaluationPairs(heldOut.labels, { count: 60, seed: 3 });
  const dir = mkdtempSync(join(tmpdir(), 'siamese-ckpt-'));
  const options = (steps: number, sub: string, resume = false) => ({
    sampler: anchorPairSampler(train.labels, { batchSize: 8, seed: 4 }),
    steps,
    optimizer: { name: 'adam', learningRate: 0.01 } as const,
    evaluation: { pairs, data: heldOut, every: 5 },
    seed: 7,
    checkpoint: { dir: join(dir, sub), every: 5 },
    resume,
  });

  it("a run stopped after 10 steps and resumed to 20 ends with the uninterrupted run's losses and weights", async () => {
    try {
      const straight = siamese(denseBase(4, 4, 2, 21));
      const full = await trainSiamese(straight, train, options(20, 'straight'));
      const split = siamese(denseBase(4, 4, 2, 21));
      const half = await trainSiamese(split, train, options(10, 'split'));
      expect(half.trainLoss).toEqual(full.trainLoss.slice(0, 10));
      // A fresh network (other initial weights) picks up the checkpoint's weights, optimiser and history.
      const resumedNet = siamese(denseBase(4, 4, 2, 99));
      const before = tf.memory().numTensors;
      const resumed = await trainSiamese(resumedNet, train, options(20, 'split', true));
      expect(resumed.resumedFrom).toBe(10);
      expect(resumed.trainLoss).toEqual(full.trainLoss);
      expect(resumed.evaluations.map((e) => [e.step, e.trainLoss, e.evalLoss])).toEqual(
        full.evaluations.map((e) => [e.step, e.trainLoss, e.evalLoss]),
      );
      const w = (n: typeof straight) => n.embedding.getWeights().map((t) => Array.from(t.dataSync()));
      expect(w(resumedNet)).toEqual(w(straight));
      expect(tf.memory().numTensors).toBe(before);
      for (const n of [straight, split, resumedNet]) n.twin.dispose();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to resume with another seed, with fewer steps than the checkpoint has, or without a folder', async () => {
    const local = mkdtempSync(join(tmpdir(), 'siamese-ckpt-'));
    try {
      const net = siamese(denseBase(4, 4, 2, 22));
      await trainSiamese(net, train, { ...options(5, 'x'), checkpoint: { dir: local } });
      await expect(trainSiamese(net, train, { ...options(10, 'x', true), checkpoint: { dir: local }, seed: 8 })).rejects.toThrow(
        "options.seed: expected the checkpoint's seed 7, received 8",
      );
      await expect(trainSiamese(net, train, { ...options(3, 'x', true), checkpoint: { dir: local } })).rejects.toThrow(
        /at least the 5 steps of the checkpoint/,
      );
      await expect(
        trainSiamese(net, train, { sampler: randomPairSampler(train.labels), steps: 1, resume: true }),
      ).rejects.toThrow(/options.resume/);
      net.twin.dispose();
    } finally {
      rmSync(local, { recursive: true, force: true });
    }
  });
});
