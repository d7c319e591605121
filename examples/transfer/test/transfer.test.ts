import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@dlkit/backend';
import { decodeImage } from '@dlkit/datasets';
import { encodePng } from '@dlkit/report';
import { loadTransferData } from '../src/data';
import { runFolderVariant } from '../src/folder-variant';
import { transferHtml } from '../src/html';
import { writeStandInFolder } from '../src/image-folder';
import { headline, runsTable, summaryTable } from '../src/summary';
import { commonTarget, runTarget, secondsToReach, trainBase, type MethodName } from '../src/transfer-experiment';

let dir = '';
beforeAll(async () => {
  await initBackend();
  dir = await mkdtemp(join(tmpdir(), 'transfer-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('stand-in folder images', () => {
  it('are PNGs (report encodePng + zlib) that the datasets decoder reads back pixel for pixel', () => {
    const rgb = new Uint8Array(5 * 3 * 3).map((_, i) => (i * 37) % 256);
    const img = decodeImage(
      encodePng({ width: 5, height: 3, channels: 3, pixels: rgb }, { compress: (d) => deflateSync(d) }),
      'x.png',
    );
    expect([img.width, img.height]).toEqual([5, 3]);
    for (let p = 0; p < 15; p++) for (let c = 0; c < 3; c++) expect(img.data[4 * p + c]).toBe(rgb[3 * p + c]);
  });
});

describe('transfer experiment (tiny stand-in run)', () => {
  const net = { filters: [4, 4] as const, units: [16, 8] as const, seed: 2, batchSize: 32 };

  it('trains and saves a base net, then learns the target three ways without leaking tensors', async () => {
    const d = await loadTransferData({
      baseTrain: 60,
      baseTest: 20,
      targetTrainPerClass: 1,
      targetTestPerClass: 1,
      seed: 2,
    });
    expect(d.base.synthetic && d.target.synthetic).toBe(true);
    expect(d.target.train.classNames).toHaveLength(100);
    expect(d.target.train.shape[0]).toBe(100);
    const before = tf.memory().numTensors;
    const base = await trainBase(d.base.train, d.base.test, join(dir, 'base'), { ...net, epochs: 1, learningRate: 0.001 });
    expect(tf.memory().numTensors).toBe(before);
    expect((await readdir(join(dir, 'base'))).sort()).toContain('model.json');
    expect(base.history).toHaveLength(1);

    const runs = [];
    for (const method of ['feature extractor', 'fine-tune', 'from scratch'] as MethodName[]) {
      const r = await runTarget(method, base.dir, d.target.train, d.target.test, { ...net, epochs: 2, learningRate: 0.001 });
      expect(tf.memory().numTensors).toBe(before);
      expect(r.curve.map((p) => p.epoch)).toEqual([1, 2]);
      expect(r.curve[1].seconds).toBeGreaterThan(r.curve[0].seconds);
      expect(r.bestAccuracy).toBeGreaterThanOrEqual(r.finalAccuracy);
      runs.push(r);
    }
    const [fe, ft, scratch] = runs;
    // the frozen body leaves only the new head (8 features → 100 classes) trainable
    expect(fe.trainableParameters).toBe(8 * 100 + 100);
    expect(fe.curve.every((p) => p.phase === 'head')).toBe(true);
    expect(ft.curve.map((p) => p.phase)).toEqual(['head', 'all']);
    expect(ft.fineTuneLearningRate).toBeCloseTo(0.0001, 12);
    expect(ft.trainableParameters).toBe(scratch.trainableParameters);

    const target = commonTarget(runs);
    expect(target).toBe(Math.min(...runs.map((r) => r.bestAccuracy)));
    for (const r of runs) expect(secondsToReach(r, target)).not.toBeNull();
    expect(runsTable(runs, target)).toContain('from scratch');
    expect(summaryTable(runs, target).split('\n')).toHaveLength(5);
    expect(Object.keys(headline(runs, target, []))).toEqual([
      'CIFAR-100 feature extractor',
      'CIFAR-100 fine-tune',
      'CIFAR-100 from scratch',
    ]);

    // the image-folder variant, from the saved base net
    const folder = join(dir, 'folder');
    expect(await writeStandInFolder(folder, { trainPerClass: 4, valPerClass: 3, seed: 2 })).toEqual(['ants', 'bees']);
    expect((await readdir(join(folder, 'val', 'bees'))).length).toBe(3);
    expect((await readFile(join(folder, 'train', 'ants', 'ants_0000.png'))).subarray(1, 4).toString()).toBe('PNG');
    const fv = await runFolderVariant(base.dir, folder, {
      ...net,
      epochs: 2,
      learningRate: 0.001,
      methods: ['feature extractor'],
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(fv.classNames).toEqual(['ants', 'bees']);
    expect([fv.trainImages, fv.valImages]).toEqual([8, 6]);
    expect(fv.runs.map((r) => r.method)).toEqual(['feature extractor']);
    expect(fv.runs[0].trainableParameters).toBe(8 * 2 + 2);

    const html = transferHtml({
      title: 't',
      sources: ['stand-in'],
      synthetic: true,
      info: { a: 1 },
      base,
      runs,
      target,
      folder: { source: 'folder', runs: fv.runs, target: fv.target },
      timing: { total: 1 },
    });
    expect(html.match(/<svg/g)?.length).toBeGreaterThanOrEqual(5);
    expect(html).toContain('Image-folder variant');
  });
});
