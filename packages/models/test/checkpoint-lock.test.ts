import { spawnSync } from 'node:child_process';
import * as tf from '@tensorflow/tfjs-core';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECKPOINT_LOCK, lockCheckpointDir } from '../src/checkpoint-lock';
import { ModelsError } from '../src/errors';
import { train } from '../src/train';
import { blobs, cpu, tinyMlp } from './helpers';

let dir: string;
beforeAll(async () => {
  await cpu();
  dir = await mkdtemp(join(tmpdir(), 'dlkit-models-lock-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** The pid of a process that has exited (so no process has it, barring reuse within the test). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

const lockedError = async (p: Promise<unknown>): Promise<ModelsError> => {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ModelsError);
  return e as ModelsError;
};

describe('lockCheckpointDir: one writer per checkpoint folder', () => {
  it('refuses a second writer, naming the lock file and the run holding it, until the first releases', async () => {
    const ck = join(dir, 'two');
    const first = await lockCheckpointDir(ck);
    expect(first.file).toBe(join(ck, CHECKPOINT_LOCK));
    expect(JSON.parse(await readFile(first.file, 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
    const e = await lockedError(lockCheckpointDir(ck));
    expect(e.code).toBe('LOCKED');
    expect(e.file).toBe(first.file);
    expect(e.message).toContain(`pid ${process.pid} on ${hostname()}`);
    expect(e.hint).toMatch(/own checkpoint folder/);
    expect(e.hint).toContain(`held by pid ${process.pid}`);
    await first.release();
    await first.release(); // twice is harmless
    expect(await readdir(ck)).toEqual([]);
    const again = await lockCheckpointDir(ck);
    await again.release();
  });

  it('takes over a lock left by a run that died on this machine', async () => {
    const ck = join(dir, 'stale');
    const held = await lockCheckpointDir(ck);
    await writeFile(held.file, JSON.stringify({ pid: deadPid(), host: hostname(), since: '2026-01-01T00:00:00Z' }));
    const lock = await lockCheckpointDir(ck);
    expect(JSON.parse(await readFile(lock.file, 'utf8')).pid).toBe(process.pid);
    await lock.release();
  });

  it('never leaves an empty lock: the owner is written beside it and linked into place, no temporary file stays', async () => {
    const ck = join(dir, 'linked');
    // What a run killed after writing the owner but before linking it leaves: a temporary file, not a lock.
    const { mkdir } = await import('node:fs/promises');
    await mkdir(ck, { recursive: true });
    await writeFile(join(ck, `.${CHECKPOINT_LOCK}.${deadPid()}.0badf00d.dlkit-tmp`), '{"pid":1');
    const lock = await lockCheckpointDir(ck);
    expect(JSON.parse(await readFile(lock.file, 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
    // Only the killed run's leftover is there besides the lock (the atomic writer clears it on the next write).
    expect((await readdir(ck)).filter((f) => f.endsWith('.dlkit-tmp') && f.includes(String(process.pid)))).toEqual([]);
    await lock.release();
    expect((await readdir(ck)).includes(CHECKPOINT_LOCK)).toBe(false);
  });

  it("does not take over another machine's lock (its process cannot be checked from here)", async () => {
    const ck = join(dir, 'remote');
    const held = await lockCheckpointDir(ck);
    await writeFile(held.file, JSON.stringify({ pid: deadPid(), host: 'elsewhere', since: '2026-01-01T00:00:00Z' }));
    const e = await lockedError(lockCheckpointDir(ck));
    expect(e.message).toContain('on elsewhere');
    await held.release();
  });
});

describe('train({ checkpoint }) holds the lock while it runs', () => {
  it('releases it when training ends, and refuses to start on a folder another run holds, leaking nothing', async () => {
    const ck = join(dir, 'train');
    const data = blobs(20, 4);
    await train(tinyMlp(4, 6, 2, 1), data, { epochs: 1, seed: 1, checkpoint: { dir: ck } });
    expect(await readdir(ck)).not.toContain(CHECKPOINT_LOCK);

    const other = await lockCheckpointDir(ck);
    const model = tinyMlp(4, 6, 2, 1);
    const before = tf.memory().numTensors;
    const e = await lockedError(train(model, data, { epochs: 2, seed: 1, checkpoint: { dir: ck }, resume: true }));
    expect(e.code).toBe('LOCKED');
    expect(tf.memory().numTensors).toBe(before);
    await other.release();
    model.dispose();
  });

  it('releases it when a damaged checkpoint stops the run before training', async () => {
    const ck = join(dir, 'damaged');
    await train(tinyMlp(4, 6, 2, 1), blobs(20, 4), { epochs: 1, seed: 1, checkpoint: { dir: ck } });
    await writeFile(join(ck, 'latest.json'), '{"checkpoint": "epo');
    await expect(
      train(tinyMlp(4, 6, 2, 1), blobs(20, 4), { epochs: 2, seed: 1, checkpoint: { dir: ck }, resume: true }),
    ).rejects.toThrow(ModelsError);
    expect(await readdir(ck)).not.toContain(CHECKPOINT_LOCK);
  });
});
