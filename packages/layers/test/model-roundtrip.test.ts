import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, describe, expect, it } from 'vitest';
import {
  categoricalCrossEntropy,
  contrastiveNormalization,
  divisiveNormalization,
  elman,
  gaussian1d,
  gaussianNoise,
  he,
  l2Pooling2d,
  leakyRelu,
  localResponseNormalization,
  normal,
  sigmoid,
  softmaxTemperature,
  subtractiveNormalization,
  weightPenalty,
} from '../src/index';
import { ENGINES, useEngine } from './helpers/engines';
import { fileHandler } from './helpers/file-io';

function convNet(): tfl.Sequential {
  return tfl.sequential({
    layers: [
      tfl.layers.conv2d({
        inputShape: [12, 12, 2],
        filters: 4,
        kernelSize: 3,
        padding: 'same',
        kernelInitializer: he({ seed: 1 }),
        kernelRegularizer: weightPenalty({ l2: 1e-3 }),
      }),
      subtractiveNormalization({ kernel: gaussian1d(5), channels: 4 }),
      l2Pooling2d({ poolSize: 2 }),
      divisiveNormalization({
        kernel: [
          [1, 2, 1],
          [2, 4, 2],
          [1, 2, 1],
        ],
      }),
      contrastiveNormalization({ kernel: gaussian1d(3) }),
      localResponseNormalization({ size: 3, alpha: 1e-3 }),
      leakyRelu(),
      gaussianNoise({ stddev: 0.1 }),
      tfl.layers.flatten(),
      tfl.layers.dense({ units: 5, kernelInitializer: normal({ stddev: 0.08, seed: 2 }) }),
      softmaxTemperature({ beta: 2 }),
    ],
  });
}

async function roundTrip(model: tfl.LayersModel): Promise<tfl.LayersModel> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    }),
  );
  return tfl.loadLayersModel(tf.io.fromMemory(saved as tf.io.ModelArtifacts));
}

function expectSameOutputs(a: tfl.LayersModel, b: tfl.LayersModel, x: tf.Tensor): void {
  const [ya, yb] = [a.predict(x) as tf.Tensor, b.predict(x) as tf.Tensor];
  expect(Array.from(yb.dataSync())).toEqual(Array.from(ya.dataSync()));
  tf.dispose([ya, yb]);
}

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe.each(ENGINES)('models using the custom layers on %s', (engine) => {
  useEngine(engine);

  it('summary() lists every custom layer with its output shape', () => {
    const model = convNet();
    const lines: string[] = [];
    model.summary(220, [0.5, 0.7, 0.9, 1], (line: string) => lines.push(line));
    const text = lines.join('\n');
    for (const name of [
      'SubtractiveNormalization',
      'L2Pooling2D',
      'DivisiveNormalization',
      'ContrastiveNormalization',
      'LocalResponseNormalization',
      'SoftmaxTemperature',
    ]) {
      expect(text).toContain(name);
    }
    expect(text).toContain('[null,6,6,4]');
    expect(text).toContain('Total params: 801');
    model.dispose();
  });

  it('saves to memory and loads back with identical outputs and configs', async () => {
    const model = convNet();
    const loaded = await roundTrip(model);
    expect(loaded.layers.map((l) => l.getClassName())).toEqual(model.layers.map((l) => l.getClassName()));
    expect(loaded.layers.map((l) => l.getConfig())).toEqual(model.layers.map((l) => l.getConfig()));
    const x = tf.randomNormal([2, 12, 12, 2], 0, 1, 'float32', 3);
    expectSameOutputs(model, loaded, x);
    tf.dispose(x);
    model.dispose();
    loaded.dispose();
  });

  it('an L2-pooling + subtractive-normalisation model saved to disk loads back with identical outputs', async () => {
    const model = tfl.sequential({
      layers: [
        tfl.layers.conv2d({
          inputShape: [16, 16, 1],
          filters: 3,
          kernelSize: 5,
          kernelInitializer: normal({ stddev: 0.08, seed: 4 }),
        }),
        l2Pooling2d({ poolSize: 2, strides: 2 }),
        subtractiveNormalization({ kernel: gaussian1d(7), channels: 3 }),
        tfl.layers.flatten(),
        tfl.layers.dense({ units: 10 }),
      ],
    });
    const dir = await mkdtemp(join(tmpdir(), 'dlkit-layers-'));
    dirs.push(dir);
    await model.save(fileHandler(dir));
    const loaded = await tfl.loadLayersModel(fileHandler(dir));
    const x = tf.randomNormal([3, 16, 16, 1], 0, 1, 'float32', 5);
    expectSameOutputs(model, loaded, x);
    tf.dispose(x);
    model.dispose();
    loaded.dispose();
  });

  it('a stateful Elman language model saves and loads', async () => {
    const model = tfl.sequential({
      layers: [
        elman({
          units: 6,
          returnSequences: true,
          stateful: true,
          batchInputShape: [2, 4, 5],
          kernelInitializer: normal({ stddev: 0.1, seed: 6 }),
        }),
        tfl.layers.timeDistributed({ layer: tfl.layers.dense({ units: 5 }) }),
        sigmoid(),
      ],
    });
    const loaded = await roundTrip(model);
    const x = tf.randomUniform([2, 4, 5], 0, 1, 'float32', 7);
    expectSameOutputs(model, loaded, x); // both start from zero state
    expectSameOutputs(model, loaded, x); // and carry it identically
    tf.dispose(x);
    model.dispose();
    loaded.dispose();
  });

  it('apply and fit leave no tensors behind', async () => {
    const model = convNet();
    model.compile({ optimizer: tf.train.sgd(0.01), loss: categoricalCrossEntropy() });
    const x = tf.randomNormal([8, 12, 12, 2], 0, 1, 'float32', 8);
    const y = tf.oneHot(tf.tensor1d([0, 1, 2, 3, 4, 0, 1, 2], 'int32'), 5);
    const fit = () => model.fit(x, y, { epochs: 1, batchSize: 4, verbose: 0 });
    await fit(); // creates the optimizer's slots
    tf.dispose(model.predict(x) as tf.Tensor);
    const before = tf.memory().numTensors;
    await fit();
    await fit();
    tf.dispose(model.predict(x) as tf.Tensor);
    tf.dispose(model.apply(x, { training: true }) as tf.Tensor);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, y]);
    model.dispose();
  });
});
