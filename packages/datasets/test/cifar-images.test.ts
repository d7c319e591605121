import { execFileSync } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCifar10 } from '../src/cifar';
import { loadCifar10Images } from '../src/cifar-images';
import { CIFAR10_CLASS_NAMES } from '../src/class-names';
import { catchAsync, tempDir } from './helpers';
import { px, records } from './cifar-helpers';
import { jpegBytes, pngBytes } from './image-helpers';

const PER_CLASS = { train: 2, test: 1 };

/** RGBA pixels of generated CIFAR record `i` (the same values `records()` writes as planes). */
function rgba(i: number): Uint8Array {
  const out = new Uint8Array(32 * 32 * 4);
  for (let y = 0; y < 32; y++)
    for (let x = 0; x < 32; x++) out.set([px(i, 0, y, x), px(i, 1, y, x), px(i, 2, y, x), 255], (y * 32 + x) * 4);
  return out;
}

/**
 * The same images three ways: official binary batches, an image tree of PNGs (lossless) and JPEGs, and their
 * .tar.gz. Record order is class by class, as the tree is read.
 */
async function fixtures(kind: 'png' | 'jpg' | 'mixed' = 'png') {
  const work = await tempDir();
  const tree = join(work, 'tree');
  const batches = join(work, 'batches');
  await mkdir(batches);
  for (const split of ['train', 'test'] as const) {
    const labels: number[][] = [];
    for (let c = 0; c < 10; c++) {
      await mkdir(join(tree, split, CIFAR10_CLASS_NAMES[c]), { recursive: true });
      for (let k = 0; k < PER_CLASS[split]; k++) {
        const i = labels.length;
        labels.push([c]);
        // 'mixed': JPEG for even classes, PNG for odd ones, in the same tree.
        const format = kind === 'mixed' ? (c % 2 === 0 ? 'jpg' : 'png') : kind;
        const bytes = format === 'png' ? pngBytes(32, 32, rgba(i)) : jpegBytes(32, 32, rgba(i));
        await writeFile(join(tree, split, CIFAR10_CLASS_NAMES[c], `${String(k).padStart(4, '0')}.${format}`), bytes);
      }
    }
    const all = records(labels);
    if (split === 'test') await writeFile(join(batches, 'test_batch.bin'), all);
    else {
      // 20 records over 5 batch files, in order.
      for (let b = 0; b < 5; b++)
        await writeFile(join(batches, `data_batch_${b + 1}.bin`), all.subarray(b * 4 * 3073, (b + 1) * 4 * 3073));
    }
  }
  const archive = join(work, 'cifar10-tree.tar.gz');
  execFileSync('tar', ['-czf', archive, '-C', tree, 'train', 'test']);
  const binaryArchive = join(work, 'cifar-10-binary.tar.gz');
  execFileSync('tar', ['-czf', binaryArchive, '-C', work, 'batches']);
  return { work, tree, batches, archive, binaryArchive };
}

describe('CIFAR-10 from an image tree', () => {
  it("gives exactly the binary loader's dataset from a folder of PNGs and from its .tar.gz", async () => {
    const f = await fixtures('png');
    const binary = await loadCifar10({ root: f.batches });
    const fromTree = await loadCifar10Images(f.tree);
    const fromTar = await loadCifar10Images(f.archive);
    for (const ds of [fromTree, fromTar]) {
      for (const split of ['train', 'test'] as const) {
        expect(ds[split].shape).toEqual(binary[split].shape);
        expect(ds[split].classNames).toEqual(CIFAR10_CLASS_NAMES);
        expect(ds[split].labels).toEqual(binary[split].labels);
        expect(ds[split].images).toEqual(binary[split].images);
        expect(ds[split].images).toBeInstanceOf(Uint8Array);
      }
    }
    expect(fromTree.train.shape).toEqual([20, 32, 32, 3]);
    expect(Array.from(fromTree.train.labels.subarray(0, 6))).toEqual([0, 0, 1, 1, 2, 2]);
  });

  it('decodes trees of JPEG and PNG files (PNG exactly, JPEG within its loss), float32 on request', async () => {
    const f = await fixtures('mixed');
    const binary = await loadCifar10({ root: f.batches });
    const ds = await loadCifar10Images(f.archive, { dtype: 'float32' });
    expect(ds.test.images).toBeInstanceOf(Float32Array);
    let worst = 0;
    let total = 0;
    for (let i = 0; i < 10; i++) {
      // One test image per class: class i is image i.
      for (let j = i * 3072; j < (i + 1) * 3072; j++) {
        const d = Math.abs(ds.test.images[j] * 255 - binary.test.images[j]);
        if (i % 2 === 1) expect(d).toBeLessThan(1e-3); // PNG: lossless
        worst = Math.max(worst, d);
        total += d;
      }
    }
    expect(total / ds.test.images.length).toBeLessThan(3);
    expect(worst).toBeGreaterThan(0); // the JPEGs did lose something: they were really JPEGs
    expect(worst).toBeLessThan(40);
  });

  it('loadCifar10 picks the format from what root holds: batches folder, image tree, .tar.gz of either', async () => {
    const f = await fixtures('png');
    const reference = await loadCifar10({ root: f.batches });
    for (const root of [f.tree, f.archive, f.binaryArchive]) {
      const ds = await loadCifar10({ root });
      expect(ds.train.images).toEqual(reference.train.images);
      expect(ds.test.labels).toEqual(reference.test.labels);
    }
    const none = await catchAsync(loadCifar10({ root: join(f.work, 'nothing-here') }));
    expect(none.code).toBe('NOT_FOUND');
    expect(none.hint).toContain('image tree');
  });
});

describe('CIFAR-10 image trees that are wrong', () => {
  it('a corrupt JPEG: UNDECODABLE naming the file (folder) or the entry (archive)', async () => {
    const f = await fixtures('jpg');
    const bad = join(f.tree, 'train', 'cat', '0001.jpg');
    await writeFile(bad, Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
    const e = await catchAsync(loadCifar10Images(f.tree));
    expect(e.code).toBe('UNDECODABLE');
    expect(e.file).toBe(bad);
    const archive = join(f.work, 'bad.tar.gz');
    execFileSync('tar', ['-czf', archive, '-C', f.tree, 'train', 'test']);
    const e2 = await catchAsync(loadCifar10({ root: archive }));
    expect(e2.code).toBe('UNDECODABLE');
    expect(e2.file).toBe(`${archive}#train/cat/0001.jpg`);
  });

  it('a missing class folder, an unknown class name, an empty split: typed errors naming the folder', async () => {
    const f = await fixtures('png');
    await rm(join(f.tree, 'test', 'deer'), { recursive: true });
    const missing = await catchAsync(loadCifar10Images(f.tree));
    expect(missing.code).toBe('NOT_FOUND');
    expect(missing.field).toBe('test/deer');

    const g = await fixtures('png');
    await mkdir(join(g.tree, 'train', 'kangaroo'));
    await writeFile(join(g.tree, 'train', 'kangaroo', 'k.png'), pngBytes(32, 32));
    const unknown = await catchAsync(loadCifar10Images(g.tree));
    expect(unknown.code).toBe('MISMATCH');
    expect(unknown.received).toBe('kangaroo');
    expect(unknown.expected).toContain('airplane, automobile');

    const h = await fixtures('png');
    await rm(join(h.tree, 'test'), { recursive: true });
    await mkdir(join(h.tree, 'test'));
    const empty = await catchAsync(loadCifar10Images(h.tree));
    expect(empty.code).toBe('NOT_FOUND');
    expect(empty.field).toBe('test');
    expect(empty.received).toBe('0 images');
    const emptyTar = join(h.work, 'empty-test.tar.gz');
    execFileSync('tar', ['-czf', emptyTar, '-C', h.tree, 'train', 'test']);
    expect((await catchAsync(loadCifar10({ root: emptyTar }))).field).toBe('test');
  });

  it('an image that is not 32×32 is refused naming the file and its size, not resized', async () => {
    const f = await fixtures('png');
    const big = join(f.tree, 'test', 'ship', '0000.png');
    await writeFile(big, pngBytes(40, 30));
    const e = await catchAsync(loadCifar10Images(f.tree));
    expect(e.code).toBe('BAD_FORMAT');
    expect(e.file).toBe(big);
    expect(e.received).toBe('40×30');
    expect(e.dataset).toBe('cifar10');
    expect(e.expected).toContain('32×32');
    expect(e.hint).toContain('loadImageFolder');
  });
});
