import * as tf from '@tensorflow/tfjs-core';
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileSystem } from '../src/file-io';
import { loadModel, saveModel } from '../src/save-load';
import { mnistConvNet } from '../src/zoo/mnist-convnet';
import { ModelsError } from '../src/errors';
import { cpu, tinyMlp } from './helpers';

const values = (m: { getWeights(): tf.Tensor[] }) => m.getWeights().map((w) => Array.from(w.dataSync()));

let dir: string;
beforeAll(async () => {
  await cpu();
  dir = await mkdtemp(join(tmpdir(), 'dlkit-models-io-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('save / load (tfjs format on the file system)', () => {
  it('round-trips a ConvNet with dlkit layers through a folder and a file:// URL', async () => {
    const model = mnistConvNet({ nstates: [3, 4, 8], seed: 2 });
    const x = tf.randomNormal([2, 28, 28, 1], 0, 1, 'float32', 1);
    const before = (model.predict(x) as tf.Tensor).arraySync();
    await saveModel(model, join(dir, 'conv'));
    expect((await readdir(join(dir, 'conv'))).sort()).toEqual(['model.json', 'model.weights.bin']);
    const json = JSON.parse(await readFile(join(dir, 'conv', 'model.json'), 'utf8'));
    expect(json.weightsManifest[0].paths).toEqual(['./model.weights.bin']);
    for (const location of [join(dir, 'conv'), join(dir, 'conv', 'model.json'), pathToFileURL(join(dir, 'conv')).href]) {
      const loaded = await loadModel(location);
      expect(loaded.layers.map((l) => l.getClassName())).toContain('L2Pooling2D');
      const after = (loaded.predict(x) as tf.Tensor).arraySync();
      expect(after).toEqual(before);
    }
    x.dispose();
  });

  it('saves through model.save(fileSystem(...)) atomically (no temp files left) and overwrites', async () => {
    const m = tinyMlp();
    const res = await m.save(fileSystem(`file://${join(dir, 'mlp')}`));
    expect(res.modelArtifactsInfo.weightDataBytes).toBe(m.countParams() * 4);
    await m.save(fileSystem(join(dir, 'mlp')));
    expect((await readdir(join(dir, 'mlp'))).sort()).toEqual(['model.json', 'model.weights.bin']);
  });

  it("loads the saved architecture with its initial weights (weights: 'initial'), not the trained ones", async () => {
    const initial = values(tinyMlp(2, 3, 2, 9));
    const trained = tinyMlp(2, 3, 2, 9);
    tf.tidy(() => trained.setWeights(trained.getWeights().map((w) => tf.mul(w, 2))));
    const folder = join(dir, 'initial');
    await saveModel(trained, folder);
    const before = tf.memory().numTensors;
    const untrained = await loadModel(folder, { weights: 'initial' });
    // Only the model's own weights are allocated: the saved values are never decoded into tensors.
    expect(tf.memory().numTensors).toBe(before + untrained.weights.length);
    expect(values(untrained)).toEqual(initial);
    expect(values(untrained)).not.toEqual(values(trained));
    untrained.dispose();
    expect(tf.memory().numTensors).toBe(before);
    const loaded = await loadModel(folder);
    expect(values(loaded)).toEqual(values(trained));
    loaded.dispose();
  });

  it('rejects an unknown weights option before reading anything', async () => {
    await expect(loadModel(join(dir, 'missing'), { weights: 'random' as never })).rejects.toThrow(
      /options\.weights.*"trained" or "initial"/,
    );
  });

  it('loads converter-style models whose weights are split over several shards', async () => {
    const m = tinyMlp(2, 3, 2, 7);
    const folder = join(dir, 'sharded');
    await saveModel(m, folder);
    const json = JSON.parse(await readFile(join(folder, 'model.json'), 'utf8'));
    const bin = await readFile(join(folder, 'model.weights.bin'));
    await mkdir(join(dir, 'sharded2'), { recursive: true });
    await writeFile(join(dir, 'sharded2', 'group1-shard1of2.bin'), bin.subarray(0, 12));
    await writeFile(join(dir, 'sharded2', 'group1-shard2of2.bin'), bin.subarray(12));
    json.weightsManifest[0].paths = ['group1-shard1of2.bin', 'group1-shard2of2.bin'];
    await writeFile(join(dir, 'sharded2', 'model.json'), JSON.stringify(json));
    const loaded = await loadModel(join(dir, 'sharded2'));
    expect(loaded.getWeights().map((w) => Array.from(w.dataSync()))).toEqual(m.getWeights().map((w) => Array.from(w.dataSync())));
  });

  it('says which file is missing or broken', async () => {
    await expect(loadModel(join(dir, 'missing'))).rejects.toThrow(ModelsError);
    await writeFile(join(dir, 'bad.json'), '{"hello": 1}');
    await expect(loadModel(join(dir, 'bad.json'))).rejects.toThrow(/modelTopology/);
    const folder = join(dir, 'noweights');
    await saveModel(tinyMlp(), folder);
    await rm(join(folder, 'model.weights.bin'));
    await expect(loadModel(folder)).rejects.toThrow(/model\.weights\.bin/);
    // Models saved with the earlier layout (model.json + weights.bin) load as their manifest says.
    const legacy = join(dir, 'legacy');
    const m = tinyMlp(2, 3, 2, 4);
    await saveModel(m, legacy);
    const json = JSON.parse(await readFile(join(legacy, 'model.json'), 'utf8'));
    json.weightsManifest[0].paths = ['./weights.bin'];
    await writeFile(join(legacy, 'model.json'), JSON.stringify(json));
    await writeFile(join(legacy, 'weights.bin'), await readFile(join(legacy, 'model.weights.bin')));
    await rm(join(legacy, 'model.weights.bin'));
    expect((await loadModel(legacy)).getWeights().map((w) => Array.from(w.dataSync()))).toEqual(
      m.getWeights().map((w) => Array.from(w.dataSync())),
    );
  });

  it("loads over http(s) with tfjs' own handler (a local server)", async () => {
    const m = tinyMlp(2, 3, 2, 8);
    const folder = join(dir, 'served');
    await saveModel(m, folder);
    const server = createServer((req, res) => {
      readFile(join(folder, (req.url ?? '/').slice(1)))
        .then((b) => res.end(b))
        .catch(() => {
          res.statusCode = 404;
          res.end();
        });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const { port } = server.address() as { port: number };
      const loaded = await loadModel(`http://127.0.0.1:${port}/model.json`);
      expect(loaded.getWeights().map((w) => Array.from(w.dataSync()))).toEqual(
        m.getWeights().map((w) => Array.from(w.dataSync())),
      );
      // The initial weights of a served model: tfjs' HTTP handler, topology only.
      const untrained = await loadModel(`http://127.0.0.1:${port}/model.json`, { weights: 'initial' });
      expect(untrained.getWeights().map((w) => Array.from(w.dataSync()))).toEqual(
        tinyMlp(2, 3, 2, 8)
          .getWeights()
          .map((w) => Array.from(w.dataSync())),
      );
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});

describe('save / load: one weight file per model file, checked on load', () => {
  it('names the weights after the model file, so two models in one folder keep their own weights', async () => {
    const folder = join(dir, 'two');
    const a = tinyMlp(2, 3, 2, 1);
    const b = tinyMlp(2, 8, 2, 2);
    const c = tinyMlp(2, 3, 2, 3);
    await saveModel(a, join(folder, 'a.json'));
    await saveModel(b, join(folder, 'b.json'));
    await saveModel(c, join(folder, 'c.json'));
    expect((await readdir(folder)).sort()).toEqual([
      'a.json',
      'a.weights.bin',
      'b.json',
      'b.weights.bin',
      'c.json',
      'c.weights.bin',
    ]);
    expect(JSON.parse(await readFile(join(folder, 'a.json'), 'utf8')).weightsManifest[0].paths).toEqual(['./a.weights.bin']);
    expect(values(await loadModel(join(folder, 'a.json')))).toEqual(values(a));
    expect(values(await loadModel(join(folder, 'b.json')))).toEqual(values(b));
    expect(values(await loadModel(join(folder, 'c.json')))).toEqual(values(c));
    // A folder holds model.json and model.weights.bin.
    await saveModel(a, join(dir, 'folder-form'));
    expect((await readdir(join(dir, 'folder-form'))).sort()).toEqual(['model.json', 'model.weights.bin']);
  });

  it('refuses a weight file whose size differs from what the manifest lists, naming the file and both sizes', async () => {
    const folder = join(dir, 'sizes');
    const small = tinyMlp(2, 3, 2, 1); // 2·3+3+3·2+2 = 17 floats = 68 bytes
    await saveModel(small, join(folder, 'small.json'));
    const bin = join(folder, 'small.weights.bin');
    const whole = await readFile(bin);
    const cases: Array<[string, Uint8Array, number]> = [
      ['truncated', whole.subarray(0, 40), 40],
      ['empty', new Uint8Array(0), 0],
      ['too long', new Uint8Array(200), 200],
    ];
    for (const [what, bytes, received] of cases) {
      await writeFile(bin, bytes);
      const error = await loadModel(join(folder, 'small.json')).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, what).toBeInstanceOf(ModelsError);
      const e = error as ModelsError;
      expect(e.file, what).toBe(bin);
      expect(e.expected, what).toMatch(/^68 bytes/);
      expect(e.received, what).toBe(received);
      expect(e.message, what).toContain(`${bin}: `);
    }
  });

  it('refuses weight paths that leave the model folder', async () => {
    const folder = join(dir, 'escape');
    await saveModel(tinyMlp(2, 3, 2, 1), join(folder, 'inner', 'm.json'));
    const json = JSON.parse(await readFile(join(folder, 'inner', 'm.json'), 'utf8'));
    await writeFile(join(folder, 'outside.bin'), await readFile(join(folder, 'inner', 'm.weights.bin')));
    for (const bad of [
      '../outside.bin',
      './../outside.bin',
      join(folder, 'outside.bin'),
      'sub/../../outside.bin',
      'file:///etc/passwd',
    ]) {
      json.weightsManifest[0].paths = [bad];
      await writeFile(join(folder, 'inner', 'm.json'), JSON.stringify(json));
      const error = await loadModel(join(folder, 'inner', 'm.json')).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, bad).toBeInstanceOf(ModelsError);
      expect((error as ModelsError).argument, bad).toBe('weightsManifest[0].paths[0]');
      expect((error as ModelsError).file, bad).toBe(join(folder, 'inner', 'm.json'));
    }
  });
});
