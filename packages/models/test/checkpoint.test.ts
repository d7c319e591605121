import * as tf from '@tensorflow/tfjs-core';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { train } from '../src/train';
import { latestCheckpoint, restoreWeights, verifyCheckpoint } from '../src/checkpoint';
import { ModelsError } from '../src/errors';
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
        batchSize: 8,
        optimizer,
        seed: 5,
        validationSplit: 0.2,
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
    expect((await readdir(join(ckdir, 'epoch-0005'))).sort()).toEqual([
      'model.json',
      'model.weights.bin',
      'optimizer.bin',
      'trainer.json',
    ]);
    expect(JSON.parse(await readFile(join(ckdir, 'latest.json'), 'utf8'))).toEqual({
      checkpoint: 'epoch-0005',
      epoch: 5,
      checkpoints: ['epoch-0004', 'epoch-0005'],
    });
    const latest = await latestCheckpoint(ckdir);
    expect(latest?.state.epoch).toBe(5);
    expect(latest?.state.history).toHaveLength(5);
    expect(await latestCheckpoint(join(dir, 'nothing-here'))).toBeNull();
  });

  it('refuses to resume with another seed or architecture', async () => {
    const ckdir = join(dir, 'guard');
    await train(tinyMlp(4, 6, 2, 1), blobs(20, 4), { epochs: 1, checkpoint: { dir: ckdir }, seed: 1 });
    await expect(
      train(tinyMlp(4, 6, 2, 1), blobs(20, 4), { epochs: 2, checkpoint: { dir: ckdir }, resume: true, seed: 2 }),
    ).rejects.toThrow(/seed/);
    await expect(
      train(tinyMlp(4, 5, 2, 1), blobs(20, 4), { epochs: 2, checkpoint: { dir: ckdir }, resume: true, seed: 1 }),
    ).rejects.toThrow(/shape/);
  });

  it('prunes in the order checkpoints were written, never the one latest.json names (a fresh run into an old folder)', async () => {
    const ckdir = join(dir, 'old-run');
    const data = blobs(20, 4);
    // An earlier run left epoch-0003 and epoch-0004.
    await train(tinyMlp(4, 6, 2, 1), data, { epochs: 4, checkpoint: { dir: ckdir, keep: 2 }, seed: 1 });
    expect((await readdir(ckdir)).sort()).toEqual(['epoch-0003', 'epoch-0004', 'latest.json']);
    // A fresh run (no resume) for one epoch writes epoch-0001 and must keep it.
    const fresh = tinyMlp(4, 6, 2, 2);
    await train(fresh, data, { epochs: 1, checkpoint: { dir: ckdir, keep: 2 }, seed: 1 });
    const latest = await latestCheckpoint(ckdir);
    expect(latest?.state.epoch).toBe(1);
    expect((await readdir(ckdir)).sort()).toEqual(['epoch-0001', 'epoch-0004', 'latest.json']);
    const again = tinyMlp(4, 6, 2, 3);
    await restoreWeights(again, latest!.path);
    expect(weights(again)).toEqual(weights(fresh));
    // Two more: the oldest written (epoch-0004, then epoch-0001) go first.
    await train(tinyMlp(4, 6, 2, 2), data, { epochs: 2, checkpoint: { dir: ckdir, keep: 2 }, seed: 1 });
    expect((await readdir(ckdir)).sort()).toEqual(['epoch-0001', 'epoch-0002', 'latest.json']);
    expect(JSON.parse(await readFile(join(ckdir, 'latest.json'), 'utf8'))).toMatchObject({
      checkpoint: 'epoch-0002',
      epoch: 2,
      checkpoints: ['epoch-0001', 'epoch-0002'],
    });
  });
});

describe('checkpoints: damaged files fail loudly, naming the file', () => {
  const data = blobs(20, 4);
  const options = { checkpoint: { dir: '' }, seed: 1, batchSize: 10 };

  /** A folder with checkpoints after epochs 1 and 2, latest.json naming epoch-0002. */
  async function twoCheckpoints(name: string): Promise<string> {
    const ckdir = join(dir, name);
    await train(tinyMlp(4, 6, 2, 1), data, { ...options, epochs: 2, checkpoint: { dir: ckdir } });
    return ckdir;
  }

  async function failure(p: Promise<unknown>): Promise<ModelsError> {
    const error = await p.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ModelsError);
    return error as ModelsError;
  }

  it('an empty or corrupt latest.json is an error on resume, and the good checkpoints stay', async () => {
    for (const [what, text] of [
      ['empty', ''],
      ['corrupt', '{"checkpoint": "epoch-00'],
      ['not an object', '[1]'],
      ['no name', '{"epoch": 2}'],
    ] as const) {
      const ckdir = await twoCheckpoints(`latest-${what.replace(/ /g, '-')}`);
      await writeFile(join(ckdir, 'latest.json'), text);
      const e = await failure(
        train(tinyMlp(4, 6, 2, 1), data, { ...options, epochs: 4, checkpoint: { dir: ckdir }, resume: true }),
      );
      expect(e.file, what).toBe(join(ckdir, 'latest.json'));
      await expect(latestCheckpoint(ckdir)).rejects.toThrow(ModelsError);
      expect((await readdir(ckdir)).sort(), what).toEqual(['epoch-0001', 'epoch-0002', 'latest.json']);
      expect(await readFile(join(ckdir, 'latest.json'), 'utf8'), what).toBe(text);
    }
    // Only a missing file means "no checkpoint yet".
    expect(await latestCheckpoint(join(dir, 'never-written'))).toBeNull();
  });

  it('refuses a latest.json that points outside its folder', async () => {
    const ckdir = await twoCheckpoints('escape');
    for (const bad of ['../escape/epoch-0002', '/tmp', 'epoch-0002/../../escape/epoch-0002', '..', '.']) {
      await writeFile(join(ckdir, 'latest.json'), JSON.stringify({ checkpoint: bad, epoch: 2 }));
      const e = await failure(latestCheckpoint(ckdir));
      expect([e.file, e.argument], bad).toEqual([join(ckdir, 'latest.json'), 'checkpoint']);
    }
  });

  it('a fresh run (no resume) stops before training on a damaged index, but not on a damaged old checkpoint', async () => {
    const ckdir = await twoCheckpoints('fresh-over-damaged');
    await writeFile(join(ckdir, 'epoch-0002', 'trainer.json'), '');
    const r = await train(tinyMlp(4, 6, 2, 1), data, { ...options, epochs: 1, checkpoint: { dir: ckdir } });
    expect(r.history).toHaveLength(1);
    await writeFile(join(ckdir, 'latest.json'), '{');
    const e = await failure(train(tinyMlp(4, 6, 2, 1), data, { ...options, epochs: 1, checkpoint: { dir: ckdir } }));
    expect(e.file).toBe(join(ckdir, 'latest.json'));
    expect(await readFile(join(ckdir, 'latest.json'), 'utf8')).toBe('{');
  });

  it('resumes from a checkpoint written before the write order was recorded (weights.bin, no checkpoints list)', async () => {
    const ckdir = await twoCheckpoints('old-layout');
    const folder = join(ckdir, 'epoch-0002');
    const json = JSON.parse(await readFile(join(folder, 'model.json'), 'utf8'));
    json.weightsManifest[0].paths = ['./weights.bin'];
    await writeFile(join(folder, 'model.json'), JSON.stringify(json));
    await writeFile(join(folder, 'weights.bin'), await readFile(join(folder, 'model.weights.bin')));
    await rm(join(folder, 'model.weights.bin'));
    await writeFile(join(ckdir, 'latest.json'), JSON.stringify({ checkpoint: 'epoch-0002', epoch: 2 }));
    const straight = tinyMlp(4, 6, 2, 1);
    await train(straight, data, { ...options, epochs: 3, checkpoint: undefined });
    const resumed = tinyMlp(4, 6, 2, 9);
    const r = await train(resumed, data, { ...options, epochs: 3, checkpoint: { dir: ckdir }, resume: true });
    expect(r.resumedFrom).toBe(2);
    expect(weights(resumed)).toEqual(weights(straight));
    expect(JSON.parse(await readFile(join(ckdir, 'latest.json'), 'utf8'))).toEqual({
      checkpoint: 'epoch-0003',
      epoch: 3,
      checkpoints: ['epoch-0002', 'epoch-0003'],
    });
  });

  it('a checkpoint named by latest.json but missing is an error, not a fresh start', async () => {
    const ckdir = await twoCheckpoints('gone');
    await rm(join(ckdir, 'epoch-0002'), { recursive: true });
    const e = await failure(
      train(tinyMlp(4, 6, 2, 1), data, { ...options, epochs: 4, checkpoint: { dir: ckdir }, resume: true }),
    );
    expect(e.file).toBe(join(ckdir, 'epoch-0002', 'trainer.json'));
  });

  for (const [file, cut] of [
    ['model.weights.bin', 10],
    ['optimizer.bin', 7],
    ['trainer.json', 30],
    ['model.json', 50],
    ['model.weights.bin', 0],
    ['optimizer.bin', 0],
    ['trainer.json', 0],
  ] as const) {
    it(`a truncated ${file} (${cut} bytes) is a typed error naming it`, async () => {
      const ckdir = await twoCheckpoints(`cut-${file}-${cut}`);
      const path = join(ckdir, 'epoch-0002', file);
      await writeFile(path, (await readFile(path)).subarray(0, cut));
      const model = tinyMlp(4, 6, 2, 1);
      const before = tf.memory().numTensors;
      const e = await failure(train(model, data, { ...options, epochs: 4, checkpoint: { dir: ckdir }, resume: true }));
      expect(e.file).toBe(path);
      expect(tf.memory().numTensors).toBe(before);
      // Nothing was overwritten.
      expect((await readdir(ckdir)).sort()).toEqual(['epoch-0001', 'epoch-0002', 'latest.json']);
    });
  }

  it('verifyCheckpoint finds a cut-short file of any kind without a model, and passes an intact checkpoint', async () => {
    const ckdir = await twoCheckpoints('verify');
    const before = tf.memory().numTensors;
    expect(await verifyCheckpoint(ckdir)).toEqual(await latestCheckpoint(ckdir));
    expect(await verifyCheckpoint(join(dir, 'no-checkpoint-here'))).toBeNull();
    for (const [file, code] of [
      ['model.weights.bin', 'TRUNCATED'],
      ['optimizer.bin', 'TRUNCATED'],
      ['model.json', 'CORRUPT'],
      ['trainer.json', 'CORRUPT'],
    ] as const) {
      const path = join(ckdir, 'epoch-0002', file);
      const intact = await readFile(path);
      await writeFile(path, intact.subarray(0, 9));
      const e = await failure(verifyCheckpoint(ckdir));
      expect([e.file, e.code]).toEqual([path, code]);
      await writeFile(path, intact);
    }
    await rm(join(ckdir, 'epoch-0002', 'model.weights.bin'));
    const missing = await failure(verifyCheckpoint(ckdir));
    expect([missing.file, missing.code]).toEqual([join(ckdir, 'epoch-0002', 'model.weights.bin'), 'NOT_FOUND']);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('trainer.json with fields of the wrong type is a typed error naming the field', async () => {
    const ckdir = await twoCheckpoints('fields');
    const path = join(ckdir, 'epoch-0002', 'trainer.json');
    const state = JSON.parse(await readFile(path, 'utf8'));
    await writeFile(path, JSON.stringify({ ...state, epoch: 'two' }));
    const e = await failure(latestCheckpoint(ckdir));
    expect([e.file, e.argument]).toEqual([path, 'epoch']);
  });

  it('finishes a pruning that a killed writer began (the index lists what it was removing)', async () => {
    const ckdir = await twoCheckpoints('half-pruned');
    // Killed after naming epoch-0002 and listing epoch-0001 for removal, before removing it.
    await writeFile(
      join(ckdir, 'latest.json'),
      JSON.stringify({ checkpoint: 'epoch-0002', epoch: 2, checkpoints: ['epoch-0002'], prune: ['epoch-0001'] }),
    );
    expect((await latestCheckpoint(ckdir))?.state.epoch).toBe(2);
    await train(tinyMlp(4, 6, 2, 1), data, { ...options, epochs: 3, checkpoint: { dir: ckdir }, resume: true });
    expect((await readdir(ckdir)).sort()).toEqual(['epoch-0002', 'epoch-0003', 'latest.json']);
    expect(JSON.parse(await readFile(join(ckdir, 'latest.json'), 'utf8'))).toEqual({
      checkpoint: 'epoch-0003',
      epoch: 3,
      checkpoints: ['epoch-0002', 'epoch-0003'],
    });
    await writeFile(join(ckdir, 'latest.json'), JSON.stringify({ checkpoint: 'epoch-0003', epoch: 3, prune: ['../..'] }));
    await expect(latestCheckpoint(ckdir)).rejects.toThrow(/prune\[0\]/);
  });

  it('the next write removes what a killed write left behind', async () => {
    const ckdir = await twoCheckpoints('leftovers');
    // What a writer killed mid-checkpoint leaves: a temporary folder of a process that no longer runs.
    const leftover = join(ckdir, '.epoch-0003.999999999.abcd1234.dlkit-tmp');
    await mkdir(leftover);
    await writeFile(join(leftover, 'model.weights.bin'), new Uint8Array(10));
    await train(tinyMlp(4, 6, 2, 1), data, { ...options, epochs: 3, checkpoint: { dir: ckdir }, resume: true });
    expect((await readdir(ckdir)).sort()).toEqual(['epoch-0002', 'epoch-0003', 'latest.json']);
  });
});
