import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelStats, loadCifar10, type ImageDataset } from '@dlkit/datasets';
import { TransferError } from '../src/errors';
import { DEFAULT_BASE_CLASSES, classSplit, loadSplitData, selectSplit, type SplitSizes } from '../src/split-data';
import { origin, writeOrderedCifar10 } from './helpers';

let root = '';
let raw: { train: ImageDataset<Uint8Array>; test: ImageDataset<Uint8Array> };
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'transfer-split-data-'));
  await writeOrderedCifar10(root, 30, 12);
  raw = await loadCifar10({ root });
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const SIZES: SplitSizes = { baseTrainPerClass: 8, baseTestPerClass: 4, labelsPerClass: [2, 5], curveTestPerClass: 6, seed: 3 };
const origins = (d: ImageDataset<Uint8Array>) => Array.from({ length: d.shape[0] }, (_, r) => origin(d.images, r));

describe('classSplit', () => {
  it('splits CIFAR-10 into the given base classes and the other five, by name or id, in CIFAR order', () => {
    const s = classSplit(DEFAULT_BASE_CLASSES);
    expect(s.baseIds).toEqual([0, 1, 2, 3, 4]);
    expect(s.targetIds).toEqual([5, 6, 7, 8, 9]);
    expect(s.targetNames).toEqual(['dog', 'frog', 'horse', 'ship', 'truck']);
    const mixed = classSplit(['truck', '0', 'cat']);
    expect(mixed.baseNames).toEqual(['airplane', 'cat', 'truck']);
    expect(mixed.targetIds).toEqual([1, 2, 4, 5, 6, 7, 8]);
  });

  it('refuses unknown and repeated classes, and splits that leave a side with fewer than two classes', () => {
    const fails = (classes: string[]) => {
      try {
        classSplit(classes);
      } catch (e) {
        expect(e).toBeInstanceOf(TransferError);
        return e as TransferError;
      }
      throw new Error('no error');
    };
    const unknown = fails(['airplane', 'kitten']);
    expect(unknown.argument).toBe('baseClasses');
    expect(unknown.received).toBe('kitten');
    expect(unknown.message).toContain('names or ids (0–9)');
    expect(fails(['cat', '3']).hint).toBe('cat is repeated');
    expect(fails(['10', 'cat']).received).toBe('10');
    expect(fails(['cat']).expected).toContain('between 2 and 8 classes');
    expect(fails(['0', '1', '2', '3', '4', '5', '6', '7', '8']).argument).toBe('baseClasses');
  });
});

describe('selectSplit (CIFAR-10 files ordered class by class, as an image tree is read)', () => {
  it('draws each set by label: base and target disjoint by class, labels remapped to 0… with the class names', () => {
    const split = classSplit(['bird', 'airplane', 'horse', 'ship', 'dog']);
    expect(split.baseIds).toEqual([0, 2, 5, 7, 8]);
    const s = selectSplit(raw.train, raw.test, split, SIZES);
    expect(s.baseTrain.classNames).toEqual(['airplane', 'bird', 'dog', 'horse', 'ship']);
    expect(s.targetTest.classNames).toEqual(['automobile', 'cat', 'deer', 'frog', 'truck']);
    const check = (d: ImageDataset<Uint8Array>, ids: number[], perClass: number) => {
      const o = origins(d);
      // every image's original class is the one its new label stands for
      o.forEach((x, r) => expect(x.label).toBe(ids[d.labels[r]]));
      expect(d.classNames.map((n) => raw.train.classNames.indexOf(n))).toEqual(ids);
      for (let l = 0; l < ids.length; l++) expect(o.filter((_, r) => d.labels[r] === l)).toHaveLength(perClass);
      return o;
    };
    const baseTrain = check(s.baseTrain, split.baseIds, 8);
    check(s.baseTest, split.baseIds, 4);
    check(s.targetCurveTest, split.targetIds, 6);
    check(s.targetTest, split.targetIds, 12);
    const [small, large] = s.targetTrain;
    expect([small.labelsPerClass, large.labelsPerClass]).toEqual([2, 5]);
    const smallO = check(small.data, split.targetIds, 2);
    const largeO = check(large.data, split.targetIds, 5);
    // disjoint by class: no base class in a target set and vice versa
    expect(baseTrain.some((x) => split.targetIds.includes(x.label))).toBe(false);
    expect(largeO.some((x) => split.baseIds.includes(x.label))).toBe(false);
    // a seeded draw, not the first images of each class
    expect(baseTrain.every((x) => x.index < 8)).toBe(false);
    // nested: the 2 labelled images per class are among the 5
    const key = (x: { label: number; index: number }) => `${x.label}/${x.index}`;
    expect(smallO.every((x) => largeO.map(key).includes(key(x)))).toBe(true);
    // no image twice in a set
    expect(new Set(largeO.map(key)).size).toBe(largeO.length);
  });

  it('draws the same images for the same seed and others for another seed', () => {
    const split = classSplit(DEFAULT_BASE_CLASSES);
    const a = selectSplit(raw.train, raw.test, split, SIZES);
    const b = selectSplit(raw.train, raw.test, split, SIZES);
    const c = selectSplit(raw.train, raw.test, split, { ...SIZES, seed: 4 });
    expect(b.baseTrain.images).toEqual(a.baseTrain.images);
    expect(b.targetTrain[1].data.images).toEqual(a.targetTrain[1].data.images);
    expect(c.baseTrain.images).not.toEqual(a.baseTrain.images);
    // the curve set is 'all' when asked: every target test image
    expect(selectSplit(raw.train, raw.test, split, { ...SIZES, curveTestPerClass: 'all' }).targetCurveTest.shape[0]).toBe(60);
  });

  it('names the size a class has too few images for, and refuses non-positive sizes', () => {
    const split = classSplit(DEFAULT_BASE_CLASSES);
    const err = (sizes: SplitSizes) => {
      try {
        selectSplit(raw.train, raw.test, split, sizes);
      } catch (e) {
        expect(e).toBeInstanceOf(TransferError);
        return e as TransferError;
      }
      throw new Error('no error');
    };
    const many = err({ ...SIZES, labelsPerClass: [5, 31] });
    expect([many.argument, many.received]).toEqual(['labelsPerClass', 31]);
    expect(many.expected).toBe('at most 30 (the images of class dog in the data)');
    expect(err({ ...SIZES, baseTestPerClass: 13 }).argument).toBe('baseTestPerClass');
    expect(err({ ...SIZES, curveTestPerClass: 0 }).expected).toBe('a positive integer');
    expect(err({ ...SIZES, labelsPerClass: [] }).argument).toBe('labelsPerClass');
    expect(err({ ...SIZES, baseTrainPerClass: 2.5 }).argument).toBe('baseTrainPerClass');
  });
});

describe('loadSplitData', () => {
  it('reads the binary files, and standardises every set with the base training set statistics', async () => {
    const d = await loadSplitData({ root, ...SIZES });
    expect(d.synthetic).toBe(false);
    expect(d.source).toBe(`CIFAR-10 (${root})`);
    expect(d.split.targetNames).toEqual(['dog', 'frog', 'horse', 'ship', 'truck']);
    expect(d.baseTrain.shape).toEqual([40, 32, 32, 3]);
    expect(d.targetTest.shape[0]).toBe(60);
    expect(d.targetTrain.map((t) => t.data.shape[0])).toEqual([10, 25]);
    // the base training set comes out with zero mean and unit deviation per channel
    const after = channelStats(d.baseTrain.images, d.baseTrain.shape);
    for (let c = 0; c < 3; c++) {
      expect(after.mean[c]).toBeCloseTo(0, 4);
      expect(after.std[c]).toBeCloseTo(1, 4);
    }
    // the target sets use the same statistics (not their own): pixel = (byte / 255 − mean) / std
    const sel = selectSplit(raw.train, raw.test, d.split, SIZES);
    for (const i of [0, 1, 2, 3071 * 5])
      expect(d.targetTest.images[i]).toBeCloseTo((sel.targetTest.images[i] / 255 - d.stats.mean[i % 3]) / d.stats.std[i % 3], 5);
  });

  it('refuses a root without CIFAR-10, naming it, instead of generating the stand-in', async () => {
    const missing = join(root, 'missing');
    await expect(loadSplitData({ root: missing, ...SIZES })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      file: missing,
      message: expect.stringContaining('CIFAR-10 files not found'),
    });
  });

  it('falls back to the generated stand-in without a root when the dataset cache has no CIFAR-10, and says so', async () => {
    // vitest.config points the dataset cache at a folder that does not exist.
    const d = await loadSplitData({ ...SIZES, baseClasses: ['0', '9'] });
    expect(d.synthetic).toBe(true);
    expect(d.source).toContain('generated CIFAR-10 stand-in');
    expect(d.split.baseNames).toEqual(['airplane', 'truck']);
    expect(d.targetTrain[1].data.shape[0]).toBe(5 * 8);
  });
});
