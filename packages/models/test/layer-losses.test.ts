import type * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { layerLosses } from '../src/layer-losses';
import { train } from '../src/train';
import { blobs, cpu } from './helpers';

beforeAll(cpu);

const dense = (units: number, l2: number, inputShape?: number[]) =>
  tfl.layers.dense({
    units,
    kernelInitializer: 'ones',
    kernelRegularizer: tfl.regularizers.l2({ l2 }),
    ...(inputShape ? { inputShape } : {}),
  });

const values = (losses: tf.Scalar[]) =>
  losses.map((l) => {
    const v = l.dataSync()[0];
    l.dispose();
    return v;
  });

describe('layerLosses', () => {
  it('returns the regularisers of a Sequential model (tfjs calculateLosses returns none)', () => {
    const model = tfl.sequential({ layers: [dense(3, 0.5, [4]), dense(2, 0.25)] });
    expect(model.calculateLosses()).toEqual([]);
    // 0.5 · 12 ones, 0.25 · 6 ones.
    expect(values(layerLosses(model))).toEqual([6, 1.5]);
  });

  it('returns those of a functional model, nested models included, a shared layer once', () => {
    const shared = dense(4, 1);
    const inner = tfl.sequential({ layers: [dense(2, 0.5, [4])] });
    const a = tfl.input({ shape: [4] });
    const h = shared.apply(shared.apply(a)) as tfl.SymbolicTensor;
    const model = tfl.model({ inputs: a, outputs: inner.apply(h) as tfl.SymbolicTensor });
    // shared: 1 · 16 once; inner dense: 0.5 · 8.
    expect(values(layerLosses(model)).sort()).toEqual([16, 4].sort());
  });

  it('is empty for a model without regularisers', () => {
    const model = tfl.sequential({ layers: [tfl.layers.dense({ units: 2, inputShape: [3] })] });
    expect(layerLosses(model)).toEqual([]);
  });
});

describe('train with layer regularisers', () => {
  it('applies a Sequential layer kernelRegularizer exactly as train({ l2 }) does', async () => {
    const data = blobs(48, 4);
    const run = async (layerL2: number, trainL2: number) => {
      const model = tfl.sequential({
        layers: [
          tfl.layers.dense({
            units: 2,
            inputShape: [4],
            activation: 'softmax',
            kernelInitializer: tfl.initializers.glorotUniform({ seed: 3 }),
            ...(layerL2 > 0 ? { kernelRegularizer: tfl.regularizers.l2({ l2: layerL2 }) } : {}),
          }),
        ],
      });
      await train(model, data, {
        epochs: 3,
        batchSize: 16,
        optimizer: { name: 'sgd', learningRate: 0.2 },
        seed: 1,
        ...(trainL2 > 0 ? { l2: trainL2 } : {}),
      });
      return Array.from(model.getWeights()[0]?.dataSync() ?? []);
    };
    const viaLayer = await run(0.05, 0);
    const viaTrain = await run(0, 0.05);
    const plain = await run(0, 0);
    expect(viaLayer).not.toEqual(plain);
    for (let i = 0; i < viaLayer.length; i++) expect(viaLayer[i]).toBeCloseTo(viaTrain[i] as number, 6);
  });
});
