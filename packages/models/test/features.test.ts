import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractFeatures } from '../src/features';
import { mnistConvNet } from '../src/zoo/mnist-convnet';
import { ModelsError } from '../src/errors';
import { cpu } from './helpers';

beforeAll(cpu);

function images(n: number): { images: Float32Array; shape: number[] } {
  const data = new Float32Array(n * 28 * 28);
  for (let i = 0; i < data.length; i++) data[i] = Math.sin(i * 0.37);
  return { images: data, shape: [n, 28, 28, 1] };
}

describe('extractFeatures', () => {
  const model = mnistConvNet({ nstates: [3, 4, 6], seed: 1 });

  it('returns any layer as a rows × cols Float32Array matrix, batched, without leaking tensors', () => {
    const x = images(7);
    const before = tf.memory().numTensors;
    const f = extractFeatures(model, 'norm2', x, { batchSize: 3 });
    expect(tf.memory().numTensors).toBe(before);
    expect(f.data).toBeInstanceOf(Float32Array);
    expect([f.rows, f.cols, f.sampleShape]).toEqual([7, 4 * 4 * 4, [4, 4, 4]]);
    const fc = extractFeatures(model, 'fc1', x);
    expect([fc.rows, fc.cols]).toEqual([7, 6]);
    const out = extractFeatures(model, 'output', x, { batchSize: 2 });
    const direct = tf.tidy(() => (model.predict(tf.tensor4d(x.images, [7, 28, 28, 1])) as tf.Tensor).dataSync());
    expect(Array.from(out.data)).toEqual(Array.from(direct));
  });

  it('names the layers when the layer does not exist', () => {
    expect(() => extractFeatures(model, 'fc9', images(1))).toThrow(ModelsError);
    expect(() => extractFeatures(model, 'fc9', images(1))).toThrow(/conv1, act1/);
  });
});
