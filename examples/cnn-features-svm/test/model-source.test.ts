import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { initBackend } from '@dlkit/backend';
import { cifarNetTf, extractFeatures, saveModel, train } from '@dlkit/models';
import { writeSyntheticCifar } from '@dlkit-examples/common';
import { loadExperimentData, type ExperimentData } from '../src/data';
import { FeaturesSvmError } from '../src/errors';
import { extractLayers } from '../src/extract-layers';
import { runFeaturesSvm, SEED_004_REFERENCE } from '../src/features-svm';
import { checkPretrained, defaultPretrainedLayers, loadPretrained } from '../src/model-source';

let dir: string;
let data: ExperimentData;
const tiny = () => cifarNetTf({ numClasses: 10, seed: 2, filters: [4, 4], units: [12, 6] });

beforeAll(async () => {
  await initBackend();
  dir = await mkdtemp(join(tmpdir(), 'cnn-features-svm-model-'));
  data = await loadExperimentData({ data: 'cifar10', trainSize: 60, testSize: 20, seed: 4 });
  // What cifar-cnn --checkpoint writes: DIR/<variant>/{latest.json, epoch-0001/, epoch-0002/}.
  const model = tiny();
  await train(model, data.train, { epochs: 2, batchSize: 20, seed: 1, checkpoint: { dir: join(dir, 'ck'), keep: 2 } });
  await saveModel(model, join(dir, 'saved'));
  model.dispose();
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('checkPretrained and the default layers', () => {
  let model: LayersModel;
  beforeAll(async () => {
    model = (await loadPretrained(join(dir, 'ck'), { imageShape: [32, 32, 3], numClasses: 10, layers: null })).model;
  });
  afterAll(() => model.dispose());
  const req = { file: 'x/model.json', imageShape: [32, 32, 3], numClasses: 10, layers: ['fc2'] };

  it('accepts a CIFAR-10 network with the layers asked for, and defaults to fc1, fc2', () => {
    expect(() => checkPretrained(model, req)).not.toThrow();
    expect(defaultPretrainedLayers(model, 'x/model.json')).toEqual(['fc1', 'fc2']);
  });

  it('names the missing layer, the file and every layer the network has', () => {
    const e = (() => {
      try {
        checkPretrained(model, { ...req, layers: ['fc2', 'fc9'] });
      } catch (x) {
        return x as FeaturesSvmError;
      }
    })();
    expect(e).toBeInstanceOf(FeaturesSvmError);
    expect(e).toMatchObject({ argument: '--layers', received: 'fc9', file: 'x/model.json' });
    expect(e?.message).toContain('conv1, pool1, norm1, conv2, norm2, pool2, flatten, fc1, fc2, output');
  });

  it('rejects a network whose input is not the data image shape or whose output is not one unit per class', () => {
    expect(() => checkPretrained(model, { ...req, imageShape: [28, 28, 1] })).toThrow(
      /input shape: expected .*\[28, 28, 1\].*\[32, 32, 3\]/,
    );
    expect(() => checkPretrained(model, { ...req, numClasses: 100 })).toThrow(/output units: expected 100/);
  });

  it('loadPretrained disposes a network it rejects', async () => {
    const before = tf.memory().numTensors;
    await expect(
      loadPretrained(join(dir, 'saved'), { imageShape: [32, 32, 3], numClasses: 10, layers: ['fc9'] }),
    ).rejects.toThrow(FeaturesSvmError);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('a run on a loaded network', () => {
  it('extracts several layers in one pass, the same numbers as extractFeatures layer by layer', async () => {
    const { model } = await loadPretrained(join(dir, 'saved'), { imageShape: [32, 32, 3], numClasses: 10, layers: null });
    const before = tf.memory().numTensors;
    const seen: number[] = [];
    const f = extractLayers(model, ['flatten', 'fc2'], data.test, { batchSize: 8, onBatch: (done) => seen.push(done) });
    expect(tf.memory().numTensors).toBe(before);
    expect(seen).toEqual([8, 16, 20]);
    for (const layer of ['flatten', 'fc2']) {
      const one = extractFeatures(model, layer, data.test);
      expect(f.get(layer)?.cols).toBe(one.cols);
      expect(Array.from(f.get(layer)?.data ?? [])).toEqual(Array.from(one.data));
    }
    model.dispose();
  });

  it('scores the softmax head and the SVMs without training, leaves the model to the caller and shows seed 004', async () => {
    const { model, layers } = await loadPretrained(join(dir, 'ck'), { imageShape: [32, 32, 3], numClasses: 10, layers: null });
    const before = tf.memory().numTensors;
    const r = await runFeaturesSvm(data.train, data.test, {
      data: 'cifar10',
      epochs: 99,
      layers,
      maxIter: 20,
      pretrained: { model, name: 'loaded', detail: 'loaded with --model, epoch 2' },
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(model.layers.length).toBeGreaterThan(0);
    expect(() => model.predict(tf.zeros([1, 32, 32, 3]))).not.toThrow(); // not disposed
    expect(r.pretrained).toBe(true);
    expect(r.history).toEqual([]);
    expect(r.methods.map((m) => m.method)).toEqual(['softmax (network head)', 'linear-svc @ fc1', 'linear-svc @ fc2']);
    expect(r.methods[0]).toMatchObject({ trainSeconds: 0, detail: 'loaded with --model, epoch 2' });
    expect(r.reference).toEqual({ ...SEED_004_REFERENCE });
    expect(r.reference?.accuracy).toBe(0.7685);
    model.dispose();
  });

  it('standardises with all training images when asked (cifar-cnn --full), not only the ones used', async () => {
    // Real-format files: the stand-in would generate only as many images as asked for.
    const root = join(dir, 'cifar');
    await writeSyntheticCifar(root, 10, { trainPerClass: 6, testPerClass: 2, seed: 4 });
    const options = { data: 'cifar10', root, trainSize: 30, testSize: 20, requireReal: true } as const;
    const small = await loadExperimentData(options);
    const all = await loadExperimentData({ ...options, statsImages: Number.POSITIVE_INFINITY });
    const ten = await loadExperimentData({ ...options, trainSize: 10, statsImages: 30 });
    expect(small.synthetic).toBe(false);
    expect([small.stats.images, all.stats.images, ten.stats.images]).toEqual([30, 60, 30]);
    expect(all.stats.mean).not.toEqual(small.stats.mean);
    // statsImages N takes the draw trainSize N takes (cifar-cnn's --limit N): the same statistics.
    expect(ten.stats).toEqual(small.stats);
    expect(Array.from(all.train.images.subarray(0, 5))).not.toEqual(Array.from(small.train.images.subarray(0, 5)));
  });

  it('fails instead of generating the stand-in when the named root holds no CIFAR-10', async () => {
    const nope = join(dir, 'nope');
    await expect(loadExperimentData({ data: 'cifar10', root: nope, trainSize: 10, testSize: 10 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      file: nope,
      message: expect.stringContaining('CIFAR-10 files not found'),
    });
  });

  it('without a root, generates the stand-in for a dataset cache without CIFAR-10, unless real files are required', async () => {
    const before = process.env.DLKIT_DATA_DIR;
    process.env.DLKIT_DATA_DIR = join(dir, 'empty-cache');
    try {
      const options = { data: 'cifar10', trainSize: 10, testSize: 10 } as const;
      const standIn = await loadExperimentData(options);
      expect(standIn.synthetic).toBe(true);
      expect(standIn.source).toContain('generated CIFAR-10 stand-in');
      await expect(loadExperimentData({ ...options, requireReal: true })).rejects.toThrow(/CIFAR-10 files not found/);
    } finally {
      if (before === undefined) delete process.env.DLKIT_DATA_DIR;
      else process.env.DLKIT_DATA_DIR = before;
    }
  });
});

describe('stored statistics (preprocessing.json)', () => {
  it('standardises with stored statistics as given, and refuses ones of the wrong channel count', async () => {
    const options = { data: 'cifar10', trainSize: 60, testSize: 20, seed: 4 } as const;
    const computed = await loadExperimentData(options);
    // The statistics computed from the same images reproduce the same inputs exactly.
    const same = await loadExperimentData({ ...options, stats: { ...computed.stats, images: 50000 } });
    expect(same.stats.images).toBe(50000);
    expect(Array.from(same.train.images.subarray(0, 50))).toEqual(Array.from(computed.train.images.subarray(0, 50)));
    const other = await loadExperimentData({ ...options, stats: { mean: [0, 0, 0], std: [1, 1, 1], images: 7 } });
    // mean 0, std 1: the [0, 1] pixels unchanged, which the computed standardisation is not.
    const x = other.train.images[0] ?? Number.NaN;
    expect(x).toBeGreaterThanOrEqual(0);
    expect(x).toBeLessThanOrEqual(1);
    expect(x).toBeCloseTo((computed.train.images[0] ?? 0) * computed.stats.std[0] + computed.stats.mean[0], 5);
    const err = await loadExperimentData({ ...options, stats: { mean: [0.5], std: [0.2], images: 7 } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FeaturesSvmError);
    expect((err as FeaturesSvmError).argument).toBe('stats');
    expect((err as Error).message).toMatch(/one per channel of the 3-channel images/);
  });
});
