import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { createRng } from '@dlkit/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { trainingStep } from '../src/training-step';
import { cpu } from './helpers';

beforeAll(cpu);

function dropoutNet(): tfl.Sequential {
  const model = tfl.sequential();
  model.add(tfl.layers.dense({ inputShape: [6], units: 8, kernelInitializer: tfl.initializers.glorotUniform({ seed: 3 }) }));
  model.add(tfl.layers.dropout({ rate: 0.5 }));
  model.add(tfl.layers.dense({ units: 1, kernelInitializer: tfl.initializers.glorotUniform({ seed: 4 }) }));
  return model;
}

/** One step of SGD on a fresh dropout net with the given mask source; returns the loss and the updated weights. */
function stepOnce(random?: () => number): { loss: number; weights: number[] } {
  const model = dropoutNet();
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const optimizer = tf.train.sgd(0.1);
  const x = tf.tensor2d([
    [1, 2, 3, 4, 5, 6],
    [6, 5, 4, 3, 2, 1],
  ]);
  const y = tf.tensor2d([[1], [0]]);
  const loss = trainingStep(
    optimizer,
    () => tf.losses.meanSquaredError(y, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar,
    { vars, random },
  );
  const out = { loss: loss.dataSync()[0], weights: Array.from(vars[0].dataSync()) };
  tf.dispose([loss, x, y]);
  optimizer.dispose();
  model.layers.forEach((l) => l.dispose());
  return out;
}

describe('trainingStep', () => {
  it('takes one optimiser step and returns the loss before the update', () => {
    const w = tf.variable(tf.tensor1d([1, -2]));
    const optimizer = tf.train.sgd(0.5);
    // loss = Σ w² → gradient 2w → w − 0.5·2w = 0
    const loss = trainingStep(optimizer, () => tf.sum(tf.square(w)) as tf.Scalar, { vars: [w] });
    expect(loss.dataSync()[0]).toBe(5);
    expect(Array.from(w.dataSync())).toEqual([0, 0]);
    tf.dispose([loss, w]);
    optimizer.dispose();
  });

  it('draws the dropout masks from `random`: the same stream gives the same step, another stream another', () => {
    const a = stepOnce(createRng(7));
    const b = stepOnce(createRng(7));
    const c = stepOnce(createRng(8));
    expect(b).toEqual(a);
    expect(c.weights).not.toEqual(a.weights);
  });

  it('puts Math.random back after the step, also when the loss throws', () => {
    const original = Math.random;
    stepOnce(createRng(1));
    expect(Math.random).toBe(original);
    const w = tf.variable(tf.scalar(1));
    const optimizer = tf.train.sgd(0.1);
    expect(() =>
      trainingStep(
        optimizer,
        () => {
          tf.square(w);
          throw new Error('loss failed');
        },
        { vars: [w], random: createRng(1) },
      ),
    ).toThrow('loss failed');
    expect(Math.random).toBe(original);
    tf.dispose(w);
    optimizer.dispose();
  });

  it('leaks no tensor: only the returned loss stays, and a failing loss leaves nothing behind', () => {
    const w = tf.variable(tf.tensor1d([1, 2, 3]));
    const optimizer = tf.train.adam(0.01);
    const f = () => tf.sum(tf.square(tf.mul(w, 2))) as tf.Scalar;
    // Adam makes its moment variables on the first step: take it before counting.
    trainingStep(optimizer, f, { vars: [w] }).dispose();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) trainingStep(optimizer, f, { vars: [w], random: createRng(i) }).dispose();
    expect(tf.memory().numTensors).toBe(before);
    for (let i = 0; i < 3; i++) {
      expect(() =>
        trainingStep(
          optimizer,
          () => {
            tf.exp(tf.mul(w, 3)); // saved for backprop, then abandoned
            throw new Error('boom');
          },
          { vars: [w] },
        ),
      ).toThrow('boom');
    }
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(w);
    optimizer.dispose();
  });
});
