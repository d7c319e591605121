import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '@dlkit/backend';
import { cifarNetTf, saveModel, train } from '@dlkit/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelSourceError, readPreprocessing, resolveModelSource, storedPreprocessing, writePreprocessing } from '../src/index';

let dir: string;

beforeAll(async () => {
  await initBackend();
  dir = await mkdtemp(join(tmpdir(), 'common-model-source-'));
  // What cifar-cnn --checkpoint writes: DIR/<variant>/{latest.json, epoch-0001/, epoch-0002/}.
  const model = cifarNetTf({ numClasses: 10, seed: 2, filters: [4, 4], units: [12, 6] });
  const n = 20;
  const data = {
    images: Float32Array.from({ length: n * 32 * 32 * 3 }, (_, i) => (i % 17) / 17),
    shape: [n, 32, 32, 3] as const,
    labels: Uint8Array.from({ length: n }, (_, i) => i % 10),
  };
  await train(model, data, { epochs: 2, batchSize: 10, seed: 1, checkpoint: { dir: join(dir, 'ck'), keep: 2 } });
  await saveModel(model, join(dir, 'saved'));
  model.dispose();
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('resolveModelSource (--model PATH)', () => {
  it('takes the newest checkpoint of a checkpoint folder with latest.json', async () => {
    const src = await resolveModelSource(join(dir, 'ck'));
    expect(src.file).toBe(join(dir, 'ck', 'epoch-0002', 'model.json'));
    expect(src.epoch).toBe(2);
    expect(src.label).toMatch(/newest checkpoint .*epoch-0002, epoch 2/);
  });

  it('takes model.json of a checkpoint epoch folder, with the epoch from trainer.json', async () => {
    const src = await resolveModelSource(join(dir, 'ck', 'epoch-0001'));
    expect(src).toMatchObject({ file: join(dir, 'ck', 'epoch-0001', 'model.json'), epoch: 1 });
  });

  it('takes a model.json path as it is, and a saveModel folder with no epoch', async () => {
    expect(await resolveModelSource(join(dir, 'ck', 'epoch-0001', 'model.json'))).toMatchObject({ epoch: 1 });
    expect(await resolveModelSource(join(dir, 'saved'))).toMatchObject({ file: join(dir, 'saved', 'model.json'), epoch: null });
  });

  it('rejects a missing path, a folder without a model and a file that is not JSON, naming the path', async () => {
    await mkdir(join(dir, 'empty'), { recursive: true });
    await writeFile(join(dir, 'weights.bin'), 'x');
    for (const [path, why] of [
      [join(dir, 'nope'), /nothing is there/],
      [join(dir, 'empty'), /neither latest\.json nor model\.json/],
      [join(dir, 'weights.bin'), /model\.json/],
    ] as const) {
      const e = await resolveModelSource(path).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(ModelSourceError);
      expect((e as ModelSourceError).argument).toBe('--model');
      expect((e as ModelSourceError).file).toBe(path);
      expect((e as Error).message).toMatch(why);
    }
  });
});

describe('storedPreprocessing (the statistics a trainer kept with the network)', () => {
  it("finds cifar-cnn's preprocessing.json beside the checkpoints from any --model form, and none for a bare saved model", async () => {
    const record = {
      normalization: { mean: [0.4, 0.5, 0.6], std: [0.2, 0.25, 0.3] },
      trainImages: 600,
      source: 'x',
      classNames: ['a'],
    };
    const file = await writePreprocessing(join(dir, 'ck'), record);
    for (const path of [join(dir, 'ck'), join(dir, 'ck', 'epoch-0001'), join(dir, 'ck', 'epoch-0002', 'model.json')]) {
      const found = await storedPreprocessing(await resolveModelSource(path));
      expect(found?.file, path).toBe(file);
      expect(found?.record).toEqual(await readPreprocessing(join(dir, 'ck')));
    }
    expect(await storedPreprocessing(await resolveModelSource(join(dir, 'saved')))).toBeNull();
  });
});

describe('resolveModelSource under another flag', () => {
  it('names that flag in its error', async () => {
    const e = await resolveModelSource(join(dir, 'nope'), '--start-from').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ModelSourceError);
    expect((e as ModelSourceError).argument).toBe('--start-from');
    expect((e as Error).message).toMatch(/^.*nope: --start-from: expected /);
  });
});
