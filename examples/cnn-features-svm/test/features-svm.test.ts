import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@dlkit/backend';
import { loadExperimentData } from '../src/data';
import { runFeaturesSvm } from '../src/features-svm';
import { featuresSvmHtml } from '../src/html';
import { headline, methodsTable, perClassTable } from '../src/summary';

beforeAll(async () => {
  await initBackend();
});

describe('runFeaturesSvm (tiny CIFAR-10 stand-in run)', () => {
  it('scores the softmax head and a linear SVM per layer, reports them, and leaks no tensors', async () => {
    const data = await loadExperimentData({ data: 'cifar10', trainSize: 120, testSize: 40, seed: 3 });
    expect(data.synthetic).toBe(true);
    expect(data.source).toMatch(/stand-in/);
    expect(data.train.shape).toEqual([120, 32, 32, 3]);
    const before = tf.memory().numTensors;
    const result = await runFeaturesSvm(data.train, data.test, {
      data: 'cifar10',
      epochs: 1,
      filters: [8, 8],
      units: [32, 16],
      maxIter: 50,
      seed: 3,
    });
    expect(tf.memory().numTensors).toBe(before);

    expect(result.methods.map((m) => m.method)).toEqual([
      'softmax (network head)',
      'linear-svc @ flatten',
      'linear-svc @ fc1',
      'linear-svc @ fc2',
    ]);
    expect(result.methods.map((m) => m.features)).toEqual([10, 8 * 8 * 8, 32, 16]);
    for (const m of result.methods) {
      expect(m.accuracy).toBeGreaterThanOrEqual(0);
      expect(m.accuracy).toBeLessThanOrEqual(1);
      expect(m.trainSeconds).toBeGreaterThan(0);
      expect(m.confusion.flat().reduce((a, b) => a + b, 0)).toBe(40);
      // accuracy agrees with the confusion matrix's diagonal
      expect(m.confusion.reduce((s, row, i) => s + row[i], 0) / 40).toBeCloseTo(m.accuracy, 10);
      expect(Object.keys(m.report)).toContain('airplane');
    }
    expect(result.history).toHaveLength(1);
    expect(result.trainSamples).toBe(120);

    const text = methodsTable(result);
    expect(text).toContain('linear-svc @ fc2');
    expect(perClassTable(result).split('\n')).toHaveLength(12);
    expect(Object.keys(headline(result))[0]).toBe('softmax head');
    const html = featuresSvmHtml(result, {
      title: 't',
      source: data.source,
      synthetic: true,
      info: { a: 1 },
      timing: result.timing,
    });
    expect(html).toContain('<svg');
    expect(html).toContain('indicative only');
  });

  it('rejects a layer the network does not have, without leaking', async () => {
    const data = await loadExperimentData({ data: 'mnist', trainSize: 40, testSize: 20 });
    const before = tf.memory().numTensors;
    await expect(runFeaturesSvm(data.train, data.test, { data: 'mnist', epochs: 1, layers: ['fc9'] })).rejects.toThrow(
      /no layer "fc9"/,
    );
    expect(tf.memory().numTensors).toBe(before);
  });
});
