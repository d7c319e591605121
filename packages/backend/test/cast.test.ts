import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../src/index';

describe('wasm Cast fix-up', () => {
  beforeAll(async () => {
    await initBackend({ prefer: 'wasm', strict: true, threads: 1 });
  });

  it('a cast to the same dtype shares the data, survives its source and leaks nothing', () => {
    const before = tf.memory().numTensors;
    const x = tf.tensor1d([1.5, -2, 3]);
    const y = tf.cast(x, 'float32');
    expect(y.dataId).toBe(x.dataId);
    x.dispose();
    expect(Array.from(y.dataSync())).toEqual([1.5, -2, 3]);
    y.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a cast to another dtype converts; to bool, every non-zero value (NaN too) is true', () => {
    const out = tf.tidy(() => ({
      ints: Array.from(tf.cast(tf.tensor1d([1.7, -2.2, 0]), 'int32').dataSync()),
      bools: Array.from(tf.cast(tf.tensor1d([0, 2, -1, 0.25, NaN]), 'bool').dataSync()),
      intBools: Array.from(tf.cast(tf.tensor1d([0, 7, -300], 'int32'), 'bool').dataSync()),
      floats: Array.from(tf.cast(tf.tensor1d([3, 4], 'int32'), 'float32').dataSync()),
    }));
    expect(out).toEqual({ ints: [1, -2, 0], bools: [0, 1, 1, 1, 1], intBools: [0, 1, 1], floats: [3, 4] });
  });

  it('keeps the ReLU gradient (step mask cast to float32) right', () => {
    const g = tf.tidy(() =>
      Array.from(
        tf
          .grad((t: tf.Tensor) => tf.sum(tf.relu(t)))(tf.tensor1d([-1, 0.5, 2, -3]))
          .dataSync(),
      ),
    );
    expect(g).toEqual([0, 1, 1, 0]);
  });
});
