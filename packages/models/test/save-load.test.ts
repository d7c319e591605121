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
    expect((await readdir(join(dir, 'conv'))).sort()).toEqual(['model.json', 'weights.bin']);
    const json = JSON.parse(await readFile(join(dir, 'conv', 'model.json'), 'utf8'));
    expect(json.weightsManifest[0].paths).toEqual(['./weights.bin']);
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
    expect((await readdir(join(dir, 'mlp'))).sort()).toEqual(['model.json', 'weights.bin']);
  });

  it('loads converter-style models whose weights are split over several shards', async () => {
    const m = tinyMlp(2, 3, 2, 7);
    const folder = join(dir, 'sharded');
    await saveModel(m, folder);
    const json = JSON.parse(await readFile(join(folder, 'model.json'), 'utf8'));
    const bin = await readFile(join(folder, 'weights.bin'));
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
    await rm(join(folder, 'weights.bin'));
    await expect(loadModel(folder)).rejects.toThrow(/weights\.bin/);
  });

  it('loads over http(s) with tfjs\' own handler (a local server)', async () => {
    const m = tinyMlp(2, 3, 2, 8);
    const folder = join(dir, 'served');
    await saveModel(m, folder);
    const server = createServer((req, res) => {
      readFile(join(folder, (req.url ?? '/').slice(1)))
        .then((b) => res.end(b))
        .catch(() => { res.statusCode = 404; res.end(); });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const { port } = server.address() as { port: number };
      const loaded = await loadModel(`http://127.0.0.1:${port}/model.json`);
      expect(loaded.getWeights().map((w) => Array.from(w.dataSync()))).toEqual(m.getWeights().map((w) => Array.from(w.dataSync())));
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
