import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../src/index';
import { seeded } from './helpers/reference';

describe('wasm Identity and Sum fix-ups', () => {
  beforeAll(async () => {
    await initBackend({ prefer: 'wasm', strict: true, threads: 1 });
  });

  it('Identity shares data, and a variable assigned afterwards does not change the clone', () => {
    const v = tf.variable(tf.tensor1d([1, 2, 3]));
    const c = tf.clone(v);
    v.assign(tf.tensor1d([7, 8, 9]));
    expect(Array.from(c.dataSync())).toEqual([1, 2, 3]);
    expect(Array.from(v.dataSync())).toEqual([7, 8, 9]);
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      tf.clone(tf.clone(c));
    });
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([v, c]);
  });

  it('Sum over every axis but the last equals the cpu backend, with and without keepDims', async () => {
    const values = seeded(4 * 5 * 6 * 7, 3);
    const run = () =>
      tf.tidy(() => {
        const x = tf.tensor4d(values, [4, 5, 6, 7]);
        return [tf.sum(x, [0, 1, 2]), tf.sum(x, [2, 0, 1], true), tf.sum(x, [-4, -3, -2]), tf.sum(x, [0, 1]), tf.sum(x)].map(
          (t) => ({
            shape: t.shape,
            values: Array.from(t.dataSync()),
          }),
        );
      });
    const onWasm = run();
    await tf.setBackend('cpu');
    const onCpu = run();
    await tf.setBackend('wasm');
    for (let i = 0; i < onWasm.length; i++) {
      expect(onWasm[i].shape).toEqual(onCpu[i].shape);
      onWasm[i].values.forEach((v, j) => expect(v).toBeCloseTo(onCpu[i].values[j], 4));
    }
  });
});
