import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { disposeAbandonedTape } from '../src/abandoned-tape';
import { cpu, tinyMlp } from './helpers';

beforeAll(cpu);

describe('disposeAbandonedTape', () => {
  it("frees what a forward pass that threw left on tfjs' gradient tape", () => {
    const model = tinyMlp(2, 4, 3, 1);
    const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
    const optimizer = tf.train.sgd(0.1);
    const x = tf.ones([4, 2]);
    const fail = () =>
      optimizer.minimize(
        () => {
          model.apply(x, { training: true });
          throw new Error('boom');
        },
        true,
        vars,
      );
    const before = tf.memory().numTensors;
    expect(fail).toThrow('boom');
    // tfjs alone keeps the tensors it saved for a backprop that never ran.
    expect(tf.memory().numTensors).toBeGreaterThan(before);
    disposeAbandonedTape();
    expect(tf.memory().numTensors).toBe(before);
    // Harmless after a gradient computation that completed.
    optimizer.minimize(() => tf.sum(model.apply(x) as tf.Tensor) as tf.Scalar, true, vars)?.dispose();
    const after = tf.memory().numTensors;
    disposeAbandonedTape();
    expect(tf.memory().numTensors).toBe(after);
    tf.dispose([x]);
    optimizer.dispose();
    model.dispose();
  });
});
