import * as tf from '@tensorflow/tfjs-core';
import { layers as tfl, sequential } from '@tensorflow/tfjs-layers';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { addHead, cutAt, freeze, loadBody, transferLearn, unfreeze } from '../src/transfer';
import { saveModel } from '../src/save-load';
import { blobs, cpu } from './helpers';

beforeAll(cpu);

function pretrained() {
  const m = sequential();
  m.add(tfl.dense({ units: 8, activation: 'relu', inputShape: [4], name: 'b1', kernelInitializer: 'glorotUniform' }));
  m.add(tfl.dense({ units: 6, activation: 'relu', name: 'b2' }));
  m.add(tfl.dense({ units: 3, activation: 'softmax', name: 'old_head' }));
  return m;
}

const snapshot = (ws: tf.Tensor[]) => ws.map((w) => Array.from(w.dataSync()));

describe('transfer learning', () => {
  it('cuts at a layer, freezes the body, trains only the new head, then fine-tunes what is unfrozen', async () => {
    const base = pretrained();
    const body = cutAt(base, 'b2');
    expect(body.outputs[0].shape).toEqual([null, 6]);
    const b1 = base.getLayer('b1');
    const b2 = base.getLayer('b2');
    const b1Before = snapshot(b1.getWeights());
    const b2Before = snapshot(b2.getWeights());

    const data = blobs(64, 4, 3);
    const r = await transferLearn(body, data, {
      head: { numClasses: 2, hidden: [5], seed: 1 },
      headTraining: { epochs: 3, batchSize: 16, optimizer: { name: 'sgd', learningRate: 0.2 } },
      fineTune: { epochs: 2, batchSize: 16, unfreezeFrom: 'b2' },
    });
    expect(r.frozen).toEqual(['b1_input', 'b1', 'b2']);
    expect(r.unfrozen).toEqual(['b2']);
    expect(r.model.layers.map((l) => l.name).slice(-2)).toEqual(['head_fc1', 'head_output']);
    // After both phases: b1 never changed (frozen throughout), b2 changed only in fine-tuning.
    expect(snapshot(b1.getWeights())).toEqual(b1Before);
    expect(snapshot(b2.getWeights())).not.toEqual(b2Before);
    expect(r.head.history).toHaveLength(3);
    expect(r.fineTune?.history[0].learningRate).toBeCloseTo(0.02, 10);
  });

  it('the head phase alone leaves every body weight untouched and changes the head', async () => {
    const base = pretrained();
    const body = cutAt(base, 'b2');
    const bodyBefore = snapshot(body.getWeights());
    const frozen = freeze(body);
    const model = addHead(body, { numClasses: 2, seed: 4 });
    const headBefore = snapshot(model.getLayer('head_output').getWeights());
    expect(model.trainableWeights.map((w) => w.originalName)).toEqual(['head_output/kernel', 'head_output/bias']);
    const { train } = await import('../src/train');
    await train(model, blobs(32, 4), { epochs: 2, optimizer: { name: 'sgd', learningRate: 0.5 } });
    expect(snapshot(body.getWeights())).toEqual(bodyBefore);
    expect(snapshot(model.getLayer('head_output').getWeights())).not.toEqual(headBefore);
    expect(frozen).toContain('b1');
    expect(unfreeze(body, { from: 'b1' })).toEqual(
      body.layers.slice(body.layers.findIndex((l) => l.name === 'b1')).map((l) => l.name),
    );
  });

  it('loads a saved model from disk as a body (cut before its output by default)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dlkit-transfer-'));
    try {
      await saveModel(pretrained(), dir);
      const body = await loadBody(dir);
      expect(body.outputs[0].shape).toEqual([null, 6]);
      const fromB1 = await loadBody(`file://${dir}`, 'b1');
      expect(fromB1.outputs[0].shape).toEqual([null, 8]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('loadBody frees the weights of the layers it cuts off, so body + head dispose to nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dlkit-transfer-'));
    try {
      const saved = pretrained();
      await saveModel(saved, dir);
      const savedB1 = snapshot(saved.getWeights().slice(0, 2));
      saved.dispose();
      const before = tf.memory().numTensors;
      const body = await loadBody(dir, 'b1');
      expect(body.layers.map((l) => l.name)).toEqual(['b1_input', 'b1']);
      expect(tf.memory().numTensors).toBe(before + 2); // b1's kernel and bias only
      const model = addHead(body, { numClasses: 2, seed: 1 });
      model.dispose();
      expect(tf.memory().numTensors).toBe(before);
      const untrained = await loadBody(dir, 'b1', { weights: 'initial' });
      expect(tf.memory().numTensors).toBe(before + 2);
      expect(snapshot(untrained.getWeights())).not.toEqual(savedB1);
      untrained.dispose();
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
