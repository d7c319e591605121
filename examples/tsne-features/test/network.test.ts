import { initBackend } from '@dlkit/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { networkFor } from '../src/network';
import { defaultOptions } from './options-fixture';

beforeAll(async () => {
  await initBackend();
});

/** The features per image that a layer of the network hands to PCA. */
function width(model: ReturnType<typeof networkFor>['model'], layer: string): number {
  const shape = model.getLayer(layer).outputShape as (number | null)[];
  return shape.slice(1).reduce((a: number, b) => a * (b ?? 1), 1);
}

describe('the network of each data set', () => {
  it('is the Torch-tutorial ConvNet on 28×28 digits: flatten has 64·4·4 = 1,024 features, act3 128, ten outputs', () => {
    const { model, description } = networkFor(defaultOptions(), [8000, 28, 28, 1], 10);
    try {
      expect(description).toContain('mnistConvNet');
      expect([width(model, 'flatten'), width(model, 'act3'), width(model, 'output')]).toEqual([1024, 128, 10]);
    } finally {
      model.dispose();
    }
  });

  it('is the TF-tutorial CifarNet on 32×32 colour images: flatten has 64·8·8 = 4,096 features, fc2 192', () => {
    const { model, description } = networkFor(defaultOptions({ variant: 'cifar10' }), [10000, 32, 32, 3], 10);
    try {
      expect(description).toContain('cifarNetTf');
      expect([width(model, 'flatten'), width(model, 'fc1'), width(model, 'fc2'), width(model, 'output')]).toEqual([
        4096, 384, 192, 10,
      ]);
    } finally {
      model.dispose();
    }
  });

  it('draws its initial weights from --seed: the same seed gives the same network, another seed another', () => {
    const firstKernel = (seed: number) => {
      const { model } = networkFor(defaultOptions({ seed }), [10, 28, 28, 1], 10);
      const values = model.getLayer('conv1').getWeights()[0].dataSync().slice();
      model.dispose();
      return values;
    };
    const a = firstKernel(1);
    expect(firstKernel(1)).toEqual(a);
    expect(firstKernel(2)).not.toEqual(a);
  });
});
