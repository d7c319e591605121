import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { elman, elmanCell, LayerArgumentError } from '../src/index';
import { ENGINES, useEngine } from './helpers/engines';
import { gradCheck, numericGradient, scaledError } from './helpers/gradcheck';
import { elmanForward, sigmoid } from './helpers/reference';
import { uniform } from './helpers/rng';

const [N, T, F, U] = [2, 3, 2, 3];
const W = uniform(F * U, 31);
const R = uniform(U * U, 32);
const B = uniform(U, 33);

function withWeights<L extends tfl.RNN>(layer: L): L {
  tf.dispose(layer.apply(tf.zeros([N, T, F])) as tf.Tensor); // builds the layer
  layer.setWeights([
    tf.tensor2d(Float32Array.from(W), [F, U]),
    tf.tensor2d(Float32Array.from(R), [U, U]),
    tf.tensor1d(Float32Array.from(B)),
  ]);
  if (layer.stateful) layer.resetStates();
  return layer;
}

describe.each(ENGINES)('Elman on %s', (engine) => {
  useEngine(engine);

  it('computes h_t = σ(x_t W + h_{t−1} U + b) (hand value, one unit)', () => {
    const layer = elman({ units: 1, returnSequences: true });
    tf.dispose(layer.apply(tf.zeros([1, 2, 1])) as tf.Tensor);
    layer.setWeights([tf.tensor2d([[2]]), tf.tensor2d([[-1]]), tf.tensor1d([0.5])]);
    const x = tf.tensor3d([[[1], [0]]]);
    const y = (layer.apply(x) as tf.Tensor).dataSync();
    const h1 = sigmoid(2 + 0.5);
    expect(y[0]).toBeCloseTo(h1, 6);
    expect(y[1]).toBeCloseTo(sigmoid(-h1 + 0.5), 6);
    x.dispose();
  });

  it('gradient with respect to the input sequence matches float64 central differences', () => {
    const layer = withWeights(elman({ units: U, returnSequences: true }));
    gradCheck({
      f: (x) => layer.apply(x) as tf.Tensor,
      reference: (x) => elmanForward(x, N, T, F, U, W, R, B).sequence,
      x: uniform(N * T * F, 34),
      shape: [N, T, F],
    });
  });

  it('gradient with respect to W, U and b matches float64 central differences', () => {
    const layer = withWeights(elman({ units: U, returnSequences: true }));
    const xs = uniform(N * T * F, 35);
    const proj = uniform(N * T * U, 36);
    const x = tf.tensor3d(Float32Array.from(xs), [N, T, F]);
    const wT = tf.tensor3d(Float32Array.from(proj), [N, T, U]);
    const vars = layer.trainableWeights.map((v) => v.read() as tf.Variable);
    const { value, grads } = tf.variableGrads(() => tf.sum(tf.mul(layer.apply(x) as tf.Tensor, wT)) as tf.Scalar, vars);
    const loss = (params: Float64Array): number => {
      const out = elmanForward(
        xs,
        N,
        T,
        F,
        U,
        params.subarray(0, F * U),
        params.subarray(F * U, F * U + U * U),
        params.subarray(F * U + U * U),
      ).sequence;
      return out.reduce((a, v, i) => a + v * proj[i], 0);
    };
    const numeric = numericGradient(loss, Float64Array.from([...W, ...R, ...B]));
    const analytic = vars.flatMap((v) => Array.from(grads[v.name].dataSync()));
    expect(scaledError(analytic, numeric)).toBeLessThan(1e-5);
    expect(value.dataSync()[0]).toBeCloseTo(loss(Float64Array.from([...W, ...R, ...B])), 4);
    tf.dispose([x, wT, value, ...Object.values(grads)]);
  });

  it('carries the hidden state across batches when stateful, and resetStates() clears it', () => {
    const layer = withWeights(elman({ units: U, returnSequences: true, stateful: true, batchInputShape: [N, T, F] }));
    const xs = uniform(N * 2 * T * F, 37);
    // two consecutive chunks of one 2T-step stream per row
    const chunk = (k: number) => {
      const out = new Float32Array(N * T * F);
      for (let r = 0; r < N; r++) out.set(xs.subarray((r * 2 * T + k * T) * F, (r * 2 * T + (k + 1) * T) * F), r * T * F);
      return tf.tensor3d(out, [N, T, F]);
    };
    const full = elmanForward(xs, N, 2 * T, F, U, W, R, B).sequence;
    const [c0, c1] = [chunk(0), chunk(1)];
    const y0 = (layer.apply(c0) as tf.Tensor).dataSync();
    const y1 = (layer.apply(c1) as tf.Tensor).dataSync();
    for (let r = 0; r < N; r++)
      for (let i = 0; i < T * U; i++) {
        expect(y0[r * T * U + i]).toBeCloseTo(full[r * 2 * T * U + i], 5);
        expect(y1[r * T * U + i]).toBeCloseTo(full[r * 2 * T * U + T * U + i], 5);
      }
    layer.resetStates();
    const again = (layer.apply(c0) as tf.Tensor).dataSync();
    expect(scaledError(again, y0)).toBeLessThan(1e-6);
    tf.dispose([c0, c1]);
  });

  it('an Elman cell in tf.layers.rnn computes the same sequence', () => {
    const rnn = tfl.layers.rnn({ cell: elmanCell({ units: U }), returnSequences: true });
    const layer = withWeights(rnn);
    const xs = uniform(N * T * F, 38);
    const x = tf.tensor3d(Float32Array.from(xs), [N, T, F]);
    const y = layer.apply(x) as tf.Tensor;
    expect(scaledError(y.dataSync(), elmanForward(xs, N, T, F, U, W, R, B).sequence)).toBeLessThan(1e-5);
    tf.dispose([x, y]);
  });
});

describe('Elman bad input', () => {
  it('needs positive units and a fixed batch when stateful', () => {
    expect(() => elman({ units: 0 })).toThrow(/Elman: units must be a positive integer/);
    expect(() => elmanCell({ units: 1.5 })).toThrow(LayerArgumentError);
    expect(() => elman({ units: 4, stateful: true })).toThrow(/Elman: batchInputShape must be/);
  });
});
