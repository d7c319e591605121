import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadMnist } from '@dlkit/datasets';
import { extractFeatures, loadModel, saveModel } from '@dlkit/models';
import { ModelSourceError, writePreprocessing } from '@dlkit-examples/common';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExperimentData, loadExperimentData, standardised } from '../src/data';
import type { ExperimentOptions } from '../src/options';
import {
  checkStartFits,
  openStartNetwork,
  type StartNetwork,
  startReference,
  startTwin,
  untrainedStartTwin,
} from '../src/start-network';
import { capturingLog, TINY_STATS, tinyClassifier, writeTinyClassifierCheckpoint, writeTinyFashionMnist } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'siamese-start-'));
const root = join(dir, 'fashion-mnist');
const ck = join(dir, 'classifier');
const opts = { dataName: 'fashion', root, testCount: 60, seed: 1, evalPairCount: 20, sameFraction: 0.5 } as ExperimentOptions;
let start: StartNetwork;
let data: ExperimentData;

beforeAll(async () => {
  await writeTinyFashionMnist(root, 20, 10);
  await writeTinyClassifierCheckpoint(ck, root);
  start = await openStartNetwork(ck);
  data = await loadExperimentData(opts, start.stats?.values ?? null);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('openStartNetwork (--start-from PATH)', () => {
  it('takes the newest checkpoint, its stored statistics, and the layer before the output to cut at', () => {
    expect(start.source.file).toBe(join(ck, 'epoch-0002', 'model.json'));
    expect(start.source.epoch).toBe(2);
    expect(start.stats).toEqual({ file: join(ck, 'preprocessing.json'), values: TINY_STATS });
    expect(start).toMatchObject({ inputShape: [28, 28, 1], classes: 10, cutLayer: 'fc' });
  });

  it('standardises the images as the classifier was trained on them: ÷ 255, then (x − mean) / std per channel', async () => {
    const raw = await loadMnist({ variant: 'fashion', root });
    const i = 28 * 14 + 9;
    expect(data.train.images).toBeInstanceOf(Float32Array);
    expect(data.train.images[i]).toBeCloseTo((raw.train.images[i] / 255 - 0.2) / 0.3, 6);
    expect(data.fullTest.images[i]).toBeCloseTo((raw.test.images[i] / 255 - 0.2) / 0.3, 6);
    // A channel without spread is divided by 1, not 0.
    expect(standardised(raw.train, { mean: [0.5], std: [0] }).images[i]).toBeCloseTo(raw.train.images[i] / 255 - 0.5, 6);
  });

  it('refuses a path without a network, naming --start-from and the path', async () => {
    const e = await openStartNetwork(join(dir, 'nothing')).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ModelSourceError);
    expect((e as ModelSourceError).argument).toBe('--start-from');
    expect((e as ModelSourceError).file).toBe(join(dir, 'nothing'));
  });

  it('refuses statistics with another channel count than the network takes, naming preprocessing.json', async () => {
    const other = join(dir, 'three-channel-stats');
    mkdirSync(other, { recursive: true });
    const model = await loadModel(start.source.file);
    await saveModel(model, other);
    model.dispose();
    await writePreprocessing(other, {
      normalization: { mean: [0.4, 0.5, 0.6], std: [0.2, 0.2, 0.2] },
      trainImages: 1,
      source: 'x',
      classNames: [],
    });
    const e = await openStartNetwork(other).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ModelSourceError);
    expect((e as ModelSourceError).file).toBe(join(other, 'preprocessing.json'));
    expect((e as Error).message).toMatch(/one mean per input channel of the network \(1\)/);
  });

  it('refuses, before any training, a network for other images or another number of classes', () => {
    const bigger = { ...start, inputShape: [32, 32, 3] };
    expect(() => checkStartFits(bigger, data)).toThrow(/--start-from input shape: expected the data's images, \[28, 28, 1\]/);
    expect(() => checkStartFits({ ...start, classes: 5 }, data)).toThrow(
      /output units: expected 10 \(one per class of the data\)/,
    );
    expect(() => checkStartFits(start, data)).not.toThrow();
  });
});

describe('the twins made from it', () => {
  it("embeds with the trained classifier's own layers: the embedding is its fc layer's output", async () => {
    const model = await loadModel(start.source.file);
    const net = await startTwin(start);
    const images = data.fullTest.images.slice(0, 5 * 784);
    const x = tf.tensor4d(images, [5, 28, 28, 1]);
    const fc = extractFeatures(model, 'fc', { images, shape: [5, 28, 28, 1] });
    const z = net.embedding.predict(x) as tf.Tensor;
    expect(net.embeddingSize).toBe(8);
    expect(Array.from(await z.data())).toEqual(Array.from(fc.data));
    tf.dispose([x, z]);
    model.dispose();
    net.twin.dispose();
  });

  it("the untrained twin has the architecture's initial weights (its seeded initialisers), not the trained ones", async () => {
    const initial = tinyClassifier();
    const net = await untrainedStartTwin(start);
    const trained = await startTwin(start);
    const values = (ws: tf.Tensor[]) => ws.map((w) => Array.from(w.dataSync()));
    // The body holds every weight of the classifier but its output layer's kernel and bias.
    const initialBody = initial.getWeights().slice(0, -2);
    expect(values(net.embedding.getWeights())).toEqual(values(initialBody));
    expect(values(trained.embedding.getWeights())).not.toEqual(values(initialBody));
    initial.dispose();
    net.twin.dispose();
    trained.twin.dispose();
  });

  it('scores the start network as the settings are scored, with its softmax beside, and leaks no tensor', async () => {
    const before = tf.memory().numTensors;
    const { value: ref, lines } = await capturingLog(() => startReference(start, data, 1));
    (await untrainedStartTwin(start)).twin.dispose();
    (await startTwin(start)).twin.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(ref).toMatchObject({ epochs: 2, trainSeconds: 0, resumedFrom: 0, loadedFrom: start.source.label });
    expect(ref.svmAccuracy).toBeGreaterThan(0);
    expect(ref.softmaxAccuracy).toBeGreaterThan(0.1);
    expect(ref.distances.different).toBeGreaterThan(0);
    expect(lines).toEqual([
      expect.stringContaining(
        `start network (${start.source.label}, cut at ${start.cutLayer}): one-vs-rest linear SVM accuracy ${ref.svmAccuracy.toFixed(3)}`,
      ),
    ]);
    expect(lines[0]).toContain(`its softmax ${ref.softmaxAccuracy.toFixed(3)}`);
  });
});
