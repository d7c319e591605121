import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { loadCifar10, loadCifar100 } from '@dlkit/datasets';
import { loadCifarOrStandIn, syntheticCifar10Records, writeSyntheticCifar } from '../src/synthetic-cifar';

describe('generated CIFAR stand-in', () => {
  it('is written in the official binary layout and read back by the real readers', async () => {
    const root = await mkdtemp(join(tmpdir(), 'dlkit-syn-'));
    onTestFinished(() => rm(root, { recursive: true, force: true }));
    await writeSyntheticCifar(root, 10, { trainPerClass: 6, testPerClass: 2, seed: 3 });
    const ten = await loadCifar10({ root });
    expect(ten.train.shape).toEqual([60, 32, 32, 3]);
    expect(ten.test.shape).toEqual([20, 32, 32, 3]);
    expect(Array.from(ten.train.labels.subarray(0, 12))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]);
    await writeSyntheticCifar(root, 100, { trainPerClass: 2, testPerClass: 1, seed: 3 });
    const hundred = await loadCifar100({ root });
    expect(hundred.train.shape).toEqual([200, 32, 32, 3]);
    expect(hundred.train.coarseLabels[57]).toBe(Math.floor(57 / 5));
  });

  it('is reproducible from the seed and differs between seeds', () => {
    expect(syntheticCifar10Records(3, 1)).toEqual(syntheticCifar10Records(3, 1));
    expect(syntheticCifar10Records(3, 1)).not.toEqual(syntheticCifar10Records(3, 2));
  });

  it('has classes a nearest-centroid rule separates better than chance but not perfectly', () => {
    // Mean colour histograms are a weak classifier: the classes must carry signal without being trivial.
    const perClass = 40;
    const bytes = syntheticCifar10Records(perClass, 7);
    const rec = 3073;
    const n = perClass * 10;
    const feats = new Float64Array(n * 3 * 32);
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < 3; c++)
        for (let y = 0; y < 32; y++) {
          let s = 0;
          for (let x = 0; x < 32; x++) s += bytes[i * rec + 1 + c * 1024 + y * 32 + x];
          feats[i * 96 + c * 32 + y] = s / 32;
        }
    }
    const half = n / 2;
    const centroid = new Float64Array(10 * 96);
    for (let i = 0; i < half; i++) for (let f = 0; f < 96; f++) centroid[(i % 10) * 96 + f] += feats[i * 96 + f] / (half / 10);
    let correct = 0;
    for (let i = half; i < n; i++) {
      let best = -1;
      let bestD = Infinity;
      for (let k = 0; k < 10; k++) {
        let d = 0;
        for (let f = 0; f < 96; f++) d += (feats[i * 96 + f] - centroid[k * 96 + f]) ** 2;
        if (d < bestD) {
          bestD = d;
          best = k;
        }
      }
      if (best === i % 10) correct++;
    }
    const acc = correct / half;
    expect(acc).toBeGreaterThan(0.2);
    expect(acc).toBeLessThan(0.9);
  });

  it('falls back to the stand-in when CIFAR is missing and may be, and says so', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'dlkit-nocifar-'));
    onTestFinished(() => rm(empty, { recursive: true, force: true }));
    const data = await loadCifarOrStandIn(10, { root: empty, requireReal: false, trainPerClass: 3, testPerClass: 1, seed: 5 });
    expect(data.synthetic).toBe(true);
    expect(data.source).toContain('stand-in');
    expect(data.train.shape).toEqual([30, 32, 32, 3]);
    expect(data.train.images).toBeInstanceOf(Float32Array);
    await expect(loadCifarOrStandIn(10, { root: empty, requireReal: true })).rejects.toThrow(/CIFAR-10 files not found/);
  });

  it('refuses a named root without CIFAR unless told it may fall back: the stand-in stands in for the dataset cache only', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'dlkit-nocifar-'));
    onTestFinished(() => rm(empty, { recursive: true, force: true }));
    await expect(loadCifarOrStandIn(10, { root: empty })).rejects.toThrow(/CIFAR-10 files not found/);
    await expect(loadCifarOrStandIn(100, { root: empty })).rejects.toThrow(/CIFAR-100 files not found/);
  });

  it('uses the real files when present', async () => {
    const root = await mkdtemp(join(tmpdir(), 'dlkit-realcifar-'));
    onTestFinished(() => rm(root, { recursive: true, force: true }));
    await writeSyntheticCifar(root, 10, { trainPerClass: 2, testPerClass: 1 });
    const data = await loadCifarOrStandIn(10, { root });
    expect(data.synthetic).toBe(false);
    expect(data.train.shape[0]).toBe(20);
  });
});
