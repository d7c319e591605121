import * as tf from '@tensorflow/tfjs-core';
import { model, type SymbolicTensor, models as tfModels } from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { siamese } from '../src/siamese';
import { embeddingConvNet } from '../src/embedding-convnet';
import { SiameseError } from '../src/errors';
import { denseBase, engine, tinyImages } from './helpers';
import { gatherImages } from '../src/image-set';

beforeAll(engine);

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

describe('siamese', () => {
  it('builds a twin with two inputs, a [batch, 1] distance and one set of weights', () => {
    const base = denseBase();
    const net = siamese(base);
    expect(net.twin.inputs.map((i) => i.shape)).toEqual([
      [null, 4, 4, 1],
      [null, 4, 4, 1],
    ]);
    expect(net.twin.outputs[0].shape).toEqual([null, 1]);
    expect(net.embeddingSize).toBe(2);
    expect(net.inputShape).toEqual([4, 4, 1]);
    // The twin's trainable variables are exactly the base's, not two copies.
    const twinIds = net.twin.trainableWeights.map((w) => w.read().id);
    const baseIds = base.trainableWeights.map((w) => w.read().id);
    expect(twinIds).toEqual(baseIds);
    expect(net.twin.countParams()).toBe(base.countParams());
    net.twin.dispose();
  });

  it('shares weights: one update through the twin moves both branches identically', () => {
    const net = siamese(denseBase(4, 4, 3, 7));
    const baseLayer = net.twin.layers.find((l) => l.name === net.embedding.name);
    expect(baseLayer).toBeDefined();
    // A probe exposing each branch's output of the twin: the base model's last two call nodes are the
    // left and right branches (node 0 is its own construction).
    const nodes = baseLayer!.inboundNodes.length;
    expect(nodes).toBe(3);
    const probe = model({
      inputs: net.twin.inputs,
      outputs: [baseLayer!.getOutputAt(nodes - 2) as SymbolicTensor, baseLayer!.getOutputAt(nodes - 1) as SymbolicTensor],
    });
    const data = tinyImages(3, 4, 1);
    const x = gatherImages(data, [0, 1, 2, 3]);
    const y = gatherImages(data, [4, 5, 6, 7]);
    // The left branch on x (input [x, y]) and the right branch on x (input [y, x]).
    const branches = () => {
      const [l, r1] = probe.predict([x, y]) as tf.Tensor[];
      const [r2, r] = probe.predict([y, x]) as tf.Tensor[];
      const out = [l.dataSync().slice(), r.dataSync().slice()];
      tf.dispose([l, r1, r2, r]);
      return out;
    };
    const [left0, right0] = branches();
    expect(maxAbsDiff(left0, right0)).toBe(0);

    // One SGD step on a loss that reads the twin's distance.
    const opt = tf.train.sgd(0.5);
    const vars = net.twin.trainableWeights.map((w) => w.read() as tf.Variable);
    tf.tidy(() => {
      opt.minimize(() => tf.mean(net.twin.apply([x, y], { training: true }) as tf.Tensor) as tf.Scalar, false, vars);
    });
    opt.dispose();

    const [left1, right1] = branches();
    expect(maxAbsDiff(left1, left0)).toBeGreaterThan(1e-4); // the left branch moved
    expect(maxAbsDiff(right1, right0)).toBeGreaterThan(1e-4); // the right branch moved
    expect(maxAbsDiff(left1, right1)).toBe(0); // … by the same update
    const alone = net.embedding.predict(x) as tf.Tensor;
    expect(maxAbsDiff(alone.dataSync(), left1)).toBeLessThan(1e-6); // the embedding model is the branch
    // And the distance of an image to itself stays 0, symmetric in its arguments.
    const dxy = net.twin.predict([x, y]) as tf.Tensor;
    const dyx = net.twin.predict([y, x]) as tf.Tensor;
    const dxx = net.twin.predict([x, x]) as tf.Tensor;
    expect(maxAbsDiff(dxy.dataSync(), dyx.dataSync())).toBeLessThan(1e-5);
    expect(Math.max(...dxx.dataSync())).toBe(0);
    tf.dispose([x, y, alone, dxy, dyx, dxx]);
    net.twin.dispose();
  });

  it('computes the Euclidean distance between the two embeddings', () => {
    const net = siamese(denseBase(4, 4, 3, 2));
    const data = tinyImages(3, 2, 5);
    const x = gatherImages(data, [0, 1, 2]);
    const y = gatherImages(data, [3, 4, 5]);
    const zx = (net.embedding.predict(x) as tf.Tensor).arraySync() as number[][];
    const zy = (net.embedding.predict(y) as tf.Tensor).arraySync() as number[][];
    const d = (net.twin.predict([x, y]) as tf.Tensor).dataSync();
    zx.forEach((row, i) => {
      const ref = Math.sqrt(row.reduce((s, v, j) => s + (v - zy[i][j]) ** 2, 0));
      expect(d[i]).toBeCloseTo(ref, 5);
    });
    tf.dispose([x, y]);
    net.twin.dispose();
  });

  it('round-trips through the tfjs-layers JSON topology (distance layer registered)', async () => {
    const net = siamese(denseBase());
    const topology = net.twin.toJSON(null, false) as unknown as tf.io.ModelJSON['modelTopology'];
    const restored = await tfModels.modelFromJSON({ modelTopology: topology });
    expect(restored.outputs[0].shape).toEqual([null, 1]);
    expect(restored.layers.some((l) => l.getClassName() === 'DlkitEuclideanDistance')).toBe(true);
    restored.dispose();
    net.twin.dispose();
  });

  it('frees every weight on twin.dispose(), the base model’s included, whatever kind of model the base is', () => {
    const bases = {
      'the ConvNet base (Sequential)': () =>
        embeddingConvNet({ inputShape: [28, 28, 1], filters: [2, 2], hidden: 4, embeddingSize: 2, seed: 1 }),
      'a functional model': () => denseBase(),
      'a base that predicted before': () => {
        const m = embeddingConvNet({ inputShape: [28, 28, 1], filters: [2, 2], hidden: 4, embeddingSize: 2, seed: 2 });
        const x = tf.zeros([1, 28, 28, 1]);
        tf.dispose([x, m.predict(x) as tf.Tensor]);
        return m;
      },
    };
    for (const [kind, make] of Object.entries(bases)) {
      const before = tf.memory().numTensors;
      const net = siamese(make());
      expect(tf.memory().numTensors, kind).toBeGreaterThan(before);
      net.twin.dispose();
      expect(tf.memory().numTensors, kind).toBe(before);
    }
  });

  it('works with the ConvNet base of the experiment', () => {
    const net = siamese(embeddingConvNet({ inputShape: [28, 28, 1], embeddingSize: 8, seed: 1 }));
    const x = tf.randomUniform([2, 28, 28, 1]);
    const d = net.twin.predict([x, x]) as tf.Tensor;
    expect(d.shape).toEqual([2, 1]);
    expect(Array.from(d.dataSync())).toEqual([0, 0]);
    tf.dispose([x, d]);
    net.twin.dispose();
  });

  it('rejects base models without a vector output', () => {
    const x = denseBase();
    expect(() => siamese({} as never)).toThrow(SiameseError);
    const conv = embeddingConvNet({ seed: 1 });
    conv.pop();
    conv.pop();
    conv.pop(); // now ends with a [batch, 4, 4, maps] feature map
    expect(() => siamese(conv)).toThrow(/batch, features/);
    x.dispose();
  });
});
