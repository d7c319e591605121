import * as tf from '@tensorflow/tfjs-core';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { train } from '../src/train';
import { latestCheckpoint } from '../src/checkpoint';
import { blobs, cpu, tinyMlp } from './helpers';

let dir: string;
beforeAll(async () => {
  await cpu();
  dir = await mkdtemp(join(tmpdir(), 'dlkit-models-ckpt-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const weights = (m: { getWeights(): tf.Tensor[] }) => m.getWeights().map((w) => Array.from(w.dataSync()));

describe('checkpoints', () => {
  for (const optimizer of ['adam', 'momentum'] as const) {
    it(`resuming gives the same weights as an uninterrupted seeded run (${optimizer})`, async () => {
      const data = blobs(60, 4, 7);
      const options = {
        batchSize: 8, optimizer, seed: 5, validationSplit: 0.2,
        schedule: { type: 'halveOnPlateau' as const },
      };
      const straight = tinyMlp(4, 6, 2, 13);
      const full = await train(straight, data, { ...options, epochs: 6 });

      const ckdir = join(dir, optimizer);
      const first = tinyMlp(4, 6, 2, 13);
      await train(first, data, { ...options, epochs: 3, checkpoint: { dir: ckdir, every: 3 } });
      // A fresh process: a new model with different initial weights, restored from the checkpoint.
      const resumed = tinyMlp(4, 6, 2, 99);
      const rest = await train(resumed, data, { ...options, epochs: 6, checkpoint: { dir: ckdir, every: 3 }, resume: true });

      expect(rest.resumedFrom).toBe(3);
      expect(rest.history.map((r) => r.epoch)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(rest.history.map((r) => r.loss)).toEqual(full.history.map((r) => r.loss));
      expect(rest.history.map((r) => r.learningRate)).toEqual(full.history.map((r) => r.learningRate));
      expect(weights(resumed)).toEqual(weights(straight));
    });
  }

  it('writes complete checkpoint folders, keeps the newest ones and points latest.json at the last', async () => {
    const ckdir = join(dir, 'layout');
    await train(tinyMlp(4, 6, 2, 1), blobs(20, 4), { epochs: 5, checkpoint: { dir: ckdir, every: 2, keep: 2 }, seed: 1 });
    const files = (await readdir(ckdir)).sort();
    expect(files).toEqual(['epoch-0004', 'epoch-0005', 'latest.json']);
    expect((await readdir(join(ckdir, 'epoch-0005'))).sort()).toEqual(['model.json', 'optimizer.bin', 'trainer.json', 'weights.bin']);
    expect(JSON.parse(await readFile(join(ckdir, 'latest.json'), 'utf8'))).toEqual({ checkpoint: 'epoch-0005', epoch: 5 });
    const latest = await latestCheckpoint(ckdir);
    expect(latest?.state.epoch).toBe(5);
    expect(latest?.state.history).toHaveLength(5);
    expect(await latestCheckpoint(join(dir, 'nothing-here'))).toBeNull();
  });

  it('refuses to resume with another seed or architecture', async () => {
    const ckdir = join(dir, 'guard');
    await train(tinyMlp(4, 6, 2, 1), blobs(20, 4), { epochs: 1, checkpoint: { dir: ckdir }, seed: 1 });
    await expect(train(tinyMlp(4, 6, 2, 1), blobs(20, 4), { epochs: 2, checkpoint: { dir: ckdir }, resume: true, seed: 2 })).rejects.toThrow(/seed/);
    await expect(train(tinyMlp(4, 5, 2, 1), blobs(20, 4), { epochs: 2, checkpoint: { dir: ckdir }, resume: true, seed: 1 })).rejects.toThrow(/shape/);
  });
});
