import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { train } from '../src/train';
import { ModelsError } from '../src/errors';
import { blobs, cpu, tinyMlp, xorData } from './helpers';

beforeAll(cpu);

describe('train', () => {
  it('learns XOR to 100% training accuracy', async () => {
    const model = tinyMlp(2, 8, 2, 11);
    const data = xorData(8);
    const r = await train(model, data, { epochs: 150, batchSize: 8, optimizer: { name: 'adam', learningRate: 0.05 }, seed: 1 });
    const last = r.history[r.history.length - 1];
    expect(last.accuracy).toBe(1);
    const pred = tf.tidy(() =>
      tf
        .argMax(
          model.predict(
            tf.tensor2d([
              [0, 0],
              [0, 1],
              [1, 0],
              [1, 1],
            ]),
          ) as tf.Tensor,
          -1,
        )
        .arraySync(),
    );
    expect(pred).toEqual([0, 1, 1, 0]);
    expect(r.stopReason).toBe('epochs');
    expect(r.history).toHaveLength(150);
  });

  it('separates two blobs with every optimiser and reports validation metrics', async () => {
    const data = blobs(200, 4);
    for (const optimizer of [
      { name: 'sgd', learningRate: 0.5 },
      { name: 'momentum', learningRate: 0.1 },
      { name: 'adadelta', learningRate: 1 },
      { name: 'adam', learningRate: 0.02 },
    ] as const) {
      const model = tinyMlp(4, 6, 2, 5);
      const r = await train(model, data, { epochs: 8, batchSize: 16, optimizer, validationSplit: 0.25, seed: 2 });
      const last = r.history[r.history.length - 1];
      expect(last.valAccuracy, optimizer.name).toBe(1);
      expect(last.accuracy, optimizer.name).toBeGreaterThan(0.9);
      expect(last.valLoss).toBeLessThan(r.history[0].valLoss as number);
    }
  });

  it('is reproducible with the same seed', async () => {
    const data = blobs(64, 4);
    const run = async () => {
      const model = tinyMlp(4, 6, 2, 9);
      await train(model, data, { epochs: 3, batchSize: 10, optimizer: 'adam', seed: 4 });
      return model.getWeights().map((w) => Array.from(w.dataSync()));
    };
    expect(await run()).toEqual(await run());
  });

  it('draws the dropout masks from the seed: same seed, same weights; another seed, other weights', async () => {
    const data = blobs(64, 4);
    const run = async (seed: number) => {
      const model = tfl.sequential({
        layers: [
          tfl.layers.dense({
            inputShape: [4],
            units: 16,
            activation: 'tanh',
            kernelInitializer: tfl.initializers.glorotUniform({ seed: 1 }),
          }),
          tfl.layers.dropout({ rate: 0.5 }),
          tfl.layers.dense({ units: 2, activation: 'softmax', kernelInitializer: tfl.initializers.glorotUniform({ seed: 2 }) }),
        ],
      });
      await train(model, data, { epochs: 2, batchSize: 8, optimizer: 'adam', seed, shuffle: false });
      const w = model.getWeights().map((t) => Array.from(t.dataSync()));
      model.dispose();
      return w;
    };
    const random = Math.random;
    const a = await run(1);
    expect(await run(1)).toEqual(a);
    expect(await run(2)).not.toEqual(a);
    expect(Math.random).toBe(random);
  });

  it('rejects bad options with typed errors', async () => {
    const model = tinyMlp();
    await expect(train(model, xorData(), { epochs: 0 })).rejects.toThrow(ModelsError);
    await expect(train(model, xorData(), { epochs: 1, batchSize: 1.5 })).rejects.toThrow(/options.batchSize/);
    await expect(train(model, { ...xorData(), labels: new Uint8Array(3) }, { epochs: 1 })).rejects.toThrow(/data.labels/);
  });
});

describe('train: regularisation, early stopping, progress, memory', () => {
  it('L2 and L1 decay shrink the kernels compared with no decay', async () => {
    const data = blobs(64, 4);
    const norm = async (opts: { l1?: number; l2?: number }) => {
      const model = tinyMlp(4, 6, 2, 21);
      await train(model, data, { epochs: 5, batchSize: 16, optimizer: { name: 'sgd', learningRate: 0.2 }, ...opts });
      return model
        .getWeights()
        .filter((w) => w.rank === 2)
        .reduce((s, w) => s + tf.sum(tf.square(w)).dataSync()[0], 0);
    };
    const plain = await norm({});
    expect(await norm({ l2: 0.05 })).toBeLessThan(plain);
    expect(await norm({ l1: 0.02 })).toBeLessThan(plain);
  });

  it('stops at a loss threshold and by patience', async () => {
    const data = blobs(64, 4);
    const r1 = await train(tinyMlp(4, 6, 2, 1), data, {
      epochs: 200,
      batchSize: 8,
      optimizer: { name: 'adam', learningRate: 0.05 },
      earlyStopping: { lossThreshold: 0.005 },
    });
    expect(r1.stopReason).toBe('lossThreshold');
    expect(r1.history.length).toBeLessThan(200);
    expect(r1.history[r1.history.length - 1].loss).toBeLessThanOrEqual(0.005);
    expect(r1.history[r1.history.length - 2].loss).toBeGreaterThan(0.005);
    // A learning rate of 0 never improves: patience 2 stops after epoch 3 (best at 1, two more without).
    const r2 = await train(tinyMlp(4, 6, 2, 1), data, {
      epochs: 50,
      optimizer: { name: 'sgd', learningRate: 0 },
      validationSplit: 0.25,
      earlyStopping: { patience: 2 },
    });
    expect(r2.stopReason).toBe('patience');
    expect(r2.history).toHaveLength(3);
    expect(r2.bestEpoch).toBe(1);
  });

  it('reports batch and epoch progress and stops when aborted', async () => {
    const events: string[] = [];
    const controller = new AbortController();
    const r = await train(tinyMlp(4, 6, 2, 1), blobs(40, 4), {
      epochs: 5,
      batchSize: 10,
      onProgress: (e) => {
        events.push(e.type === 'batch' ? `b${e.epoch}.${e.batch}/${e.batches}` : `e${e.record.epoch}`);
        if (e.type === 'epoch' && e.record.epoch === 2) controller.abort();
      },
      signal: controller.signal,
    });
    expect(events.slice(0, 5)).toEqual(['b1.1/4', 'b1.2/4', 'b1.3/4', 'b1.4/4', 'e1']);
    expect(r.stopReason).toBe('aborted');
    expect(r.history).toHaveLength(2);
  });

  it('keeps the tensor count flat across 20 epochs', async () => {
    const model = tinyMlp(4, 6, 2, 1);
    const data = blobs(50, 4);
    await train(model, data, { epochs: 1, batchSize: 8, validationSplit: 0.2, optimizer: 'momentum' });
    const before = tf.memory().numTensors;
    const counts: number[] = [];
    await train(model, data, {
      epochs: 20,
      batchSize: 8,
      validationSplit: 0.2,
      optimizer: 'momentum',
      l2: 1e-3,
      schedule: { type: 'halveOnPlateau' },
      onProgress: (e) => {
        if (e.type === 'epoch') counts.push(tf.memory().numTensors);
      },
    });
    expect(new Set(counts).size).toBe(1);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('train: labels and input shapes are checked before any step', () => {
  async function failure(p: Promise<unknown>): Promise<ModelsError> {
    const error = await p.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ModelsError);
    return error as ModelsError;
  }

  const three = (labels: ArrayLike<number>) => {
    const n = labels.length;
    return { images: new Float32Array(n * 2).map((_, i) => (i % 7) / 7), shape: [n, 2], labels };
  };

  it('refuses labels outside [0, numClasses) or not integers, naming the first bad index and value', async () => {
    const model = tinyMlp(2, 4, 3, 1);
    const cases: Array<[ArrayLike<number>, number, number]> = [
      [Uint8Array.from([0, 1, 2, 9, 1, 0]), 3, 9],
      [Int32Array.from([0, -1, 2, 1]), 1, -1],
      [[0, 1, 2, 1, 7], 4, 7],
      [Float32Array.from([0, 1, 1.5, 2]), 2, 1.5],
      [[0, 1, NaN], 2, NaN],
      [[0, 3], 1, 3],
    ];
    for (const [labels, index, value] of cases) {
      const before = tf.memory().numTensors;
      const e = await failure(train(model, three(labels), { epochs: 1, optimizer: 'adam' }));
      expect(e.argument).toBe(`data.labels[${index}]`);
      expect(e.received).toBe(value);
      expect(e.expected).toBe('an integer class id in [0, 3) (the model has 3 outputs)');
      expect(tf.memory().numTensors).toBe(before);
    }
  });

  it('checks validation labels too, by their own name, and split data by its index in data', async () => {
    const model = tinyMlp(2, 4, 3, 1);
    const good = three([0, 1, 2, 0, 1, 2, 0, 1]);
    const e1 = await failure(train(model, good, { epochs: 1, validationData: three([0, 1, 5]) }));
    expect(e1.argument).toBe('options.validationData.labels[2]');
    const e2 = await failure(train(model, three([0, 1, 2, 0, 1, 2, 0, 3]), { epochs: 1, validationSplit: 0.5, seed: 3 }));
    expect(e2.argument).toBe('data.labels[7]');
  });

  it("refuses data whose samples do not have the model's input shape (and leaks nothing)", async () => {
    const model = tinyMlp(2, 4, 3, 1);
    const bad = { images: new Float32Array(12), shape: [4, 3], labels: new Uint8Array(4) };
    for (const optimizer of ['adam', 'momentum', 'adadelta', 'sgd'] as const) {
      const before = tf.memory().numTensors;
      const e = await failure(train(model, bad, { epochs: 1, optimizer }));
      expect(e.argument).toBe('data.shape');
      expect(e.message).toBe("data.shape: expected samples of shape [2] (the model's input shape is [null, 2]), received [4, 3]");
      expect(tf.memory().numTensors).toBe(before);
    }
    const image = { images: new Float32Array(4 * 28 * 28), shape: [4, 28, 28], labels: new Uint8Array(4) };
    await expect(train(model, image, { epochs: 1 })).rejects.toThrow(
      "expected samples of shape [2] (the model's input shape is [null, 2]), received [4, 28, 28]",
    );
    const before = tf.memory().numTensors;
    const e = await failure(train(model, three([0, 1, 2, 0]), { epochs: 1, validationData: bad }));
    expect(e.argument).toBe('options.validationData.shape');
    expect(tf.memory().numTensors).toBe(before);
  });

  it('leaks no tensor when an option is refused after the optimiser would have been made', async () => {
    const model = tinyMlp(2, 4, 3, 1);
    const data = three([0, 1, 2, 0]);
    const before = tf.memory().numTensors;
    await expect(train(model, data, { epochs: 1, checkpoint: { dir: 'x', keep: 0 } })).rejects.toThrow(/options.checkpoint.keep/);
    await expect(train(model, data, { epochs: 1, checkpoint: { dir: '' } })).rejects.toThrow(/options.checkpoint.dir/);
    await expect(train(model, data, { epochs: 1, resume: true })).rejects.toThrow(/options.resume/);
    await expect(train(model, data, { epochs: 1, schedule: { type: 'step', stepSize: 0 } })).rejects.toThrow(
      /options.schedule.stepSize/,
    );
    await expect(train(model, data, { epochs: 1, earlyStopping: { patience: -1 } })).rejects.toThrow(
      /options.earlyStopping.patience/,
    );
    expect(tf.memory().numTensors).toBe(before);
  });

  it('leaks no tensor when the loss function throws mid-epoch', async () => {
    const model = tinyMlp(2, 4, 3, 1);
    const data = three([0, 1, 2, 0, 1, 2, 0, 1]);
    await train(model, data, { epochs: 1, batchSize: 4 });
    const before = tf.memory().numTensors;
    let calls = 0;
    const loss = (y: tf.Tensor, p: tf.Tensor) => {
      if (++calls === 2) throw new Error('boom');
      return tf.losses.softmaxCrossEntropy(y, p) as tf.Scalar;
    };
    await expect(train(model, data, { epochs: 1, batchSize: 4, loss, optimizer: 'adam' })).rejects.toThrow('boom');
    expect(tf.memory().numTensors).toBe(before);
  });
});
