import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestCheckpoint, restoreWeights } from '../src/checkpoint';
import { loadModel, saveModel } from '../src/save-load';
import { train } from '../src/train';
import { blobs, cpu, tinyMlp } from './helpers';
import { TRAIN_OPTIONS, modelArgs } from './fixtures/sigkill-setup';

const here = dirname(fileURLToPath(import.meta.url));
let dir: string;
beforeAll(async () => {
  await cpu();
  dir = await mkdtemp(join(tmpdir(), 'dlkit-models-sigkill-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const weights = (m: { getWeights(): tf.Tensor[] }) => m.getWeights().map((w) => Array.from(w.dataSync()));

/** Runs the child until it has reported `minEpochs` more epochs, then `delayMs` later kills it with SIGKILL. */
async function runAndKill(ckdir: string, modelJson: string, delayMs: number): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'fixtures', 'train-until-killed.ts'), ckdir, modelJson], {
    cwd: join(here, '..'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let reported = 0;
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const started = new Promise<void>((resolve) => {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      for (const m of chunk.matchAll(/epoch (\d+)/g)) reported = Number(m[1]);
      resolve();
    });
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const first = await Promise.race([started.then(() => 'started' as const), exited.then(() => 'exited' as const)]);
  if (first === 'exited') throw new Error(`the child exited before training: ${stderr}`);
  await new Promise((r) => setTimeout(r, delayMs));
  child.kill('SIGKILL');
  await exited;
  return reported;
}

describe('checkpoints and saved models survive SIGKILL at any moment', () => {
  it('the previous checkpoint and the saved model still load, and resume: true ends where an uninterrupted run does', async () => {
    const ckdir = join(dir, 'run');
    const modelJson = join(dir, 'saved', 'tiny.json');
    const data = blobs(...TRAIN_OPTIONS.data);
    let lastEpoch = 0;
    const rounds = 7;
    for (let round = 0; round < rounds; round++) {
      const delayMs = Math.floor(Math.random() * 400);
      const reported = await runAndKill(ckdir, modelJson, delayMs);
      const what = `round ${round}, killed ${delayMs} ms after the first epoch`;
      // Every epoch the child reported finished is still there: the index names it or a newer one.
      const latest = await latestCheckpoint(ckdir);
      expect(latest, what).not.toBeNull();
      expect(latest!.state.epoch, what).toBeGreaterThanOrEqual(Math.max(reported, lastEpoch));
      lastEpoch = latest!.state.epoch;
      expect(latest!.state.history, what).toHaveLength(lastEpoch);
      const restored = tinyMlp(...modelArgs);
      await restoreWeights(restored, latest!.path);
      expect(weights(restored).flat().every(Number.isFinite), what).toBe(true);
      const saved = await loadModel(modelJson);
      expect(
        saved.getWeights().map((w) => w.shape),
        what,
      ).toEqual(restored.getWeights().map((w) => w.shape));
      saved.dispose();
      restored.dispose();
    }
    // One more epoch in this process: resume continues from the newest checkpoint, and cleans up after the kills.
    const resumed = tinyMlp(...modelArgs);
    const r = await train(resumed, data, {
      ...TRAIN_OPTIONS.train,
      epochs: lastEpoch + 1,
      checkpoint: { dir: ckdir, keep: 2 },
      resume: true,
    });
    expect(r.resumedFrom).toBe(lastEpoch);
    // Nothing left over from the kills: no temporary files, no checkpoint a killed writer was pruning.
    expect((await readdir(ckdir)).sort()).toEqual([
      `epoch-${String(lastEpoch).padStart(4, '0')}`,
      `epoch-${String(lastEpoch + 1).padStart(4, '0')}`,
      'latest.json',
    ]);
    const straight = tinyMlp(...modelArgs);
    const s = await train(straight, data, { ...TRAIN_OPTIONS.train, epochs: lastEpoch + 1 });
    expect(r.history.map((e) => e.loss)).toEqual(s.history.map((e) => e.loss));
    expect(weights(resumed)).toEqual(weights(straight));
    await saveModel(resumed, modelJson);
    expect((await readdir(dirname(modelJson))).sort()).toEqual(['tiny.json', 'tiny.weights.bin']);
  }, 60_000);
});
