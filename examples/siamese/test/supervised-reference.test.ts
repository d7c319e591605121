import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '@dlkit/backend';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExperimentData, loadExperimentData } from '../src/data';
import type { ExperimentOptions } from '../src/options';
import { supervisedReference } from '../src/supervised-reference';
import { capturingLog, writeTinyFashionMnist } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'siamese-reference-'));
const root = join(dir, 'fashion-mnist');
/** The flags the reference reads: a tiny twin ConvNet, one epoch. */
const opts = {
  dataName: 'fashion',
  root,
  testCount: 60,
  seed: 1,
  evalPairCount: 20,
  sameFraction: 0.5,
  filters: [4, 4],
  hidden: 8,
  embeddingSize: 4,
  supervisedEpochs: 1,
  batchSize: 8,
  lr: 0.001,
  fineTune: false,
} as unknown as ExperimentOptions;
let data: ExperimentData;

beforeAll(async () => {
  await initBackend({ threads: 1 });
  await writeTinyFashionMnist(root, 20, 10);
  data = await loadExperimentData(opts);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('supervisedReference (--supervised N)', () => {
  it('frees its network when done: no tensor stays allocated without --fine-tune', async () => {
    const before = tf.memory().numTensors;
    const { value: run, lines } = await capturingLog(() => supervisedReference(data, opts));
    expect(lines).toEqual([
      expect.stringMatching(
        new RegExp(
          `^supervised reference \\(the same network, 1 epoch of cross-entropy, \\d+ s\\): one-vs-rest linear SVM accuracy ${run.reference.svmAccuracy.toFixed(3)}`,
        ),
      ),
    ]);
    expect(run.trainedWeights).toBeNull();
    expect(run.reference.loadedFrom).toBeNull();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('with --fine-tune only the trained weights it hands back stay allocated, and the caller frees them', async () => {
    const before = tf.memory().numTensors;
    const { value: run } = await capturingLog(() => supervisedReference(data, { ...opts, fineTune: true }));
    // conv1, conv2, the hidden layer and the embedding: a kernel and a bias each.
    expect(run.trainedWeights).toHaveLength(8);
    expect(tf.memory().numTensors).toBe(before + 8);
    tf.dispose(run.trainedWeights ?? []);
    expect(tf.memory().numTensors).toBe(before);
  });
});
