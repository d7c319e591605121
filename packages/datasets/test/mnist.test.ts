import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FASHION_MNIST_CLASS_NAMES } from '../src/class-names';
import { loadMnist, readIdxImageDataset } from '../src/mnist';
import { catchAsync, gzip, idxBytes, tempDir, tinyMnist } from './helpers';
import { TestServer, md5 } from './http-server';

const DEBIAN = '/usr/share/datasets/fashion-mnist';

describe('loadMnist on the full Fashion-MNIST from the Debian package', () => {
  it('reads 60 000 + 10 000 images with labels in 0..9, and reports the load time', async () => {
    expect(existsSync(DEBIAN), `${DEBIAN} missing: apt-get install dataset-fashion-mnist`).toBe(true);
    const t0 = performance.now();
    const { train, test } = await loadMnist({ variant: 'fashion', root: DEBIAN });
    const ms = performance.now() - t0;
    console.log(`Fashion-MNIST 60k+10k load: ${ms.toFixed(0)} ms`);
    expect(train.shape).toEqual([60000, 28, 28, 1]);
    expect(test.shape).toEqual([10000, 28, 28, 1]);
    expect(train.images).toBeInstanceOf(Uint8Array);
    expect(train.images.length).toBe(60000 * 784);
    expect(test.labels.length).toBe(10000);
    const hist = new Array(10).fill(0);
    for (const y of train.labels) hist[y]++;
    expect(hist).toEqual(new Array(10).fill(6000)); // Fashion-MNIST is balanced
    expect(Math.max(...test.labels)).toBe(9);
    expect(train.classNames).toBe(FASHION_MNIST_CLASS_NAMES);
    // Published facts: the first test image is an ankle boot, the first training image too.
    expect(test.classNames[test.labels[0]]).toBe('Ankle boot');
    expect(train.labels[0]).toBe(9);
    // Mean pixel of the training set is 72.94 (0.2860 * 255), as in the usual normalisation constants.
    let sum = 0;
    for (let i = 0; i < train.images.length; i++) sum += train.images[i];
    expect(sum / train.images.length / 255).toBeCloseTo(0.286, 3);
  });
});

describe('loadMnist on generated files', () => {
  let root: string;
  beforeAll(async () => {
    root = await tempDir();
    const train = tinyMnist(30);
    const test = tinyMnist(10);
    await writeFile(join(root, 'train-images-idx3-ubyte.gz'), gzip(train.images));
    await writeFile(join(root, 'train-labels-idx1-ubyte'), train.labels); // uncompressed works too
    await writeFile(join(root, 't10k-images.idx3-ubyte'), test.images); // dotted naming
    await writeFile(join(root, 't10k-labels-idx1-ubyte.gz'), gzip(test.labels));
  });

  it('accepts gzipped, plain and dotted file names, and float32 output', async () => {
    const { train, test } = await loadMnist({ root, dtype: 'float32' });
    expect(train.shape).toEqual([30, 28, 28, 1]);
    expect(test.shape).toEqual([10, 28, 28, 1]);
    expect(train.images).toBeInstanceOf(Float32Array);
    expect(train.images[784 + 1]).toBeCloseTo(8 / 255, 6);
    expect(Array.from(train.labels.subarray(0, 12))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]);
  });

  it('reports missing files with the folder and the expected names', async () => {
    const empty = await tempDir();
    const e = await catchAsync(loadMnist({ root: empty }));
    expect(e.code).toBe('NOT_FOUND');
    expect(e.file).toContain(empty);
    expect(e.expected).toContain('train-images-idx3-ubyte.gz');
    expect(e.hint).toMatch(/download/);
    // Which data failed, for an application to answer with its own flag.
    expect(e.dataset).toBe('mnist');
    expect((await catchAsync(loadMnist({ variant: 'fashion', root: empty }))).dataset).toBe('fashion-mnist');
  });

  it('without root, looks in $DLKIT_DATA_DIR/mnist', async () => {
    const cache = await tempDir();
    await mkdir(join(cache, 'mnist'));
    const t = tinyMnist(10);
    for (const [name, body] of [
      ['train-images-idx3-ubyte.gz', t.images],
      ['train-labels-idx1-ubyte.gz', t.labels],
      ['t10k-images-idx3-ubyte.gz', t.images],
      ['t10k-labels-idx1-ubyte.gz', t.labels],
    ] as const)
      await writeFile(join(cache, 'mnist', name), gzip(body));
    const saved = process.env.DLKIT_DATA_DIR;
    process.env.DLKIT_DATA_DIR = cache;
    try {
      const { test } = await loadMnist();
      expect(test.shape).toEqual([10, 28, 28, 1]);
    } finally {
      if (saved === undefined) delete process.env.DLKIT_DATA_DIR;
      else process.env.DLKIT_DATA_DIR = saved;
    }
  });

  it('rejects an unknown variant', async () => {
    const e = await catchAsync(loadMnist({ variant: 'kmnist' as 'digits' }));
    expect(e.field).toBe('variant');
  });
});

describe('readIdxImageDataset bad input', () => {
  it('label/image count mismatch names the labels file', async () => {
    const dir = await tempDir();
    const a = tinyMnist(5);
    const b = tinyMnist(4);
    await writeFile(join(dir, 'i'), a.images);
    await writeFile(join(dir, 'l'), b.labels);
    const e = await catchAsync(readIdxImageDataset(join(dir, 'i'), join(dir, 'l'), FASHION_MNIST_CLASS_NAMES));
    expect(e.code).toBe('MISMATCH');
    expect(e.file).toBe(join(dir, 'l'));
    expect(e.received).toBe(4);
    expect(e.expected).toContain('5 labels');
  });

  it('label out of range names the index', async () => {
    const dir = await tempDir();
    const a = tinyMnist(3);
    await writeFile(join(dir, 'i'), a.images);
    await writeFile(join(dir, 'l'), idxBytes([3], Uint8Array.of(1, 12, 3)));
    const e = await catchAsync(readIdxImageDataset(join(dir, 'i'), join(dir, 'l'), FASHION_MNIST_CLASS_NAMES));
    expect(e.field).toBe('labels[1]');
    expect(e.received).toBe(12);
    expect(e.expected).toContain('0..9');
  });

  it('images file with labels magic is rejected on rank', async () => {
    const dir = await tempDir();
    const a = tinyMnist(3);
    await writeFile(join(dir, 'i'), a.labels);
    await writeFile(join(dir, 'l'), a.labels);
    const e = await catchAsync(readIdxImageDataset(join(dir, 'i'), join(dir, 'l'), FASHION_MNIST_CLASS_NAMES));
    expect(e.code).toBe('BAD_FORMAT');
    expect(e.field).toBe('rank');
    expect(e.file).toBe(join(dir, 'i'));
    // A reader of any IDX pair names no dataset.
    expect(e.dataset).toBeUndefined();
  });
});

describe('loadMnist download from mirrors', () => {
  const server = new TestServer();
  const files: Record<string, Uint8Array> = {};
  beforeAll(async () => {
    await server.start();
    const train = tinyMnist(20);
    const test = tinyMnist(10);
    files['train-images-idx3-ubyte.gz'] = gzip(train.images);
    files['train-labels-idx1-ubyte.gz'] = gzip(train.labels);
    files['t10k-images-idx3-ubyte.gz'] = gzip(test.images);
    files['t10k-labels-idx1-ubyte.gz'] = gzip(test.labels);
    for (const [name, body] of Object.entries(files)) server.route(`/good/${name}`, { kind: 'ok', body });
  });
  afterAll(() => server.stop());

  it('downloads the four files from the second mirror after a dead first one, verified by md5', async () => {
    const root = join(await tempDir(), 'nested', 'fashion');
    const md5s = {
      trainImages: md5(files['train-images-idx3-ubyte.gz']),
      trainLabels: md5(files['train-labels-idx1-ubyte.gz']),
      testImages: md5(files['t10k-images-idx3-ubyte.gz']),
      testLabels: md5(files['t10k-labels-idx1-ubyte.gz']),
    };
    const mirrors = [server.url('/gone/'), server.url('/good')];
    const { train } = await loadMnist({ variant: 'fashion', root, download: true, mirrors, md5: md5s });
    expect(train.shape).toEqual([20, 28, 28, 1]);
    expect(Buffer.compare(await readFile(join(root, 't10k-labels-idx1-ubyte.gz')), files['t10k-labels-idx1-ubyte.gz'])).toBe(0);
    // Offline afterwards works from the cache.
    const again = await loadMnist({ variant: 'fashion', root, download: true, offline: true, mirrors, md5: md5s });
    expect(again.test.shape).toEqual([10, 28, 28, 1]);
  });

  it('refuses official checksums on mismatched bytes, and offline mode without a cache', async () => {
    const root = await tempDir();
    const e = await catchAsync(loadMnist({ variant: 'digits', root, download: true, mirrors: [server.url('/good/')] }));
    expect(e.code).toBe('CHECKSUM');
    const root2 = join(await tempDir(), 'x');
    await mkdir(root2);
    const off = await catchAsync(loadMnist({ root: root2, download: true, offline: true, mirrors: [server.url('/good/')] }));
    expect(off.code).toBe('OFFLINE');
  });
});
