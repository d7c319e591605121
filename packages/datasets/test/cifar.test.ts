import { execFileSync } from 'node:child_process';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCifar10, loadCifar100 } from '../src/cifar';
import { parseCifar10, parseCifar100 } from '../src/cifar-parse';
import { CIFAR100_COARSE_CLASS_NAMES, CIFAR100_FINE_CLASS_NAMES, CIFAR10_CLASS_NAMES } from '../src/class-names';
import { catchAsync, catchSync, tempDir } from './helpers';
import { checkPixels, px, records } from './cifar-helpers';
import { TestServer, md5 } from './http-server';
import { runChild, srcUrl } from './child-process';

describe('CIFAR-10 binary reader', () => {
  it('decodes labels and interleaves the R, G, B planes to NHWC', () => {
    const ds = parseCifar10(records([[3], [9], [0]]), 'gen.bin');
    expect(ds.shape).toEqual([3, 32, 32, 3]);
    expect(Array.from(ds.labels)).toEqual([3, 9, 0]);
    expect(ds.classNames[ds.labels[0]]).toBe('cat');
    checkPixels(ds.images, 3);
  });

  it('rejects a partial record and a label out of range, naming the file', () => {
    const e = catchSync(() => parseCifar10(records([[1], [2]]).subarray(0, 5000), 'short.bin'));
    expect(e.code).toBe('TRUNCATED');
    expect(e.file).toBe('short.bin');
    expect(e.expected).toContain('3073');
    const bad = catchSync(() => parseCifar10(records([[1], [10]]), 'bad.bin'));
    expect(bad.code).toBe('MISMATCH');
    expect(bad.field).toContain('record 1');
    expect(catchSync(() => parseCifar10(new Uint8Array(0), 'empty.bin')).code).toBe('TRUNCATED');
  });

  it('loads the extracted folder layout (5 train batches + test batch, names from batches.meta.txt)', async () => {
    const root = await tempDir();
    const dir = join(root, 'cifar-10-batches-bin');
    await mkdir(dir);
    for (let b = 1; b <= 5; b++) await writeFile(join(dir, `data_batch_${b}.bin`), records([[b], [b + 1]]));
    await writeFile(join(dir, 'test_batch.bin'), records([[7]]));
    await writeFile(join(dir, 'batches.meta.txt'), `${CIFAR10_CLASS_NAMES.join('\n')}\n\n`);
    const { train, test } = await loadCifar10({ root, dtype: 'float32' });
    expect(train.shape).toEqual([10, 32, 32, 3]);
    expect(Array.from(train.labels)).toEqual([1, 2, 2, 3, 3, 4, 4, 5, 5, 6]);
    expect(test.classNames[test.labels[0]]).toBe('horse');
    expect(train.images[0]).toBeCloseTo(px(0, 0, 0, 0) / 255, 6);
    const missing = await catchAsync(loadCifar10({ root: join(root, 'nope') }));
    expect(missing.code).toBe('NOT_FOUND');
    expect(missing.dataset).toBe('cifar10');
    expect((await catchAsync(loadCifar100({ root: join(root, 'nope') }))).dataset).toBe('cifar100');
    // Not only a missing folder: whatever fails inside the loader names it, here a cut-short batch.
    await writeFile(join(dir, 'test_batch.bin'), records([[7]]).subarray(0, 100));
    expect(await catchAsync(loadCifar10({ root }))).toMatchObject({ code: 'TRUNCATED', dataset: 'cifar10' });
  });

  it('downloads and extracts the tar.gz archive from a local mirror', async () => {
    const work = await tempDir();
    const src = join(work, 'cifar-10-batches-bin');
    await mkdir(src);
    for (let b = 1; b <= 5; b++) await writeFile(join(src, `data_batch_${b}.bin`), records([[b]]));
    await writeFile(join(src, 'test_batch.bin'), records([[4], [2]]));
    execFileSync('tar', ['-czf', join(work, 'a.tgz'), '-C', work, 'cifar-10-batches-bin']);
    const archive = new Uint8Array(await readFile(join(work, 'a.tgz')));
    const server = new TestServer();
    await server.start();
    try {
      const url = server.route('/cifar-10-binary.tar.gz', { kind: 'ok', body: archive });
      const root = join(work, 'cache');
      const { train, test } = await loadCifar10({ root, download: true, mirrors: [url], md5: md5(archive) });
      expect(train.shape).toEqual([5, 32, 32, 3]);
      expect(Array.from(test.labels)).toEqual([4, 2]);
      checkPixels(test.images as Uint8Array, 2);
      // Second load reads the extracted folder: no request, even with the archive gone.
      const before = server.requests.length;
      await rm(join(root, 'cifar-10-binary.tar.gz'));
      const again = await loadCifar10({ root, offline: true });
      expect(again.train.shape).toEqual([5, 32, 32, 3]);
      expect(server.requests.length).toBe(before);
      const wrong = await catchAsync(loadCifar10({ root: join(work, 'c2'), download: true, mirrors: [url] }));
      expect(wrong.code).toBe('CHECKSUM');
    } finally {
      await server.stop();
    }
  });
});

describe('CIFAR-10 under concurrency', () => {
  it('four processes loading from a cached but unextracted archive all succeed, and leave no temporary folder', async () => {
    // Issue 16 case 10: the extraction ran outside the download lock, and the renames of concurrent
    // extractions collided (raw ENOTEMPTY in 1–2 of 4 processes).
    const work = await tempDir();
    const src = join(work, 'cifar-10-batches-bin');
    await mkdir(src);
    const perBatch = Array.from({ length: 2000 }, (_, i) => [i % 10]);
    for (let b = 1; b <= 5; b++) await writeFile(join(src, `data_batch_${b}.bin`), records(perBatch));
    await writeFile(join(src, 'test_batch.bin'), records(perBatch));
    execFileSync('tar', ['-czf', join(work, 'a.tgz'), '-C', work, 'cifar-10-batches-bin']);
    const archive = new Uint8Array(await readFile(join(work, 'a.tgz')));
    for (let round = 0; round < 2; round++) {
      const root = join(work, `cache-${round}`);
      await mkdir(root);
      await writeFile(join(root, 'cifar-10-binary.tar.gz'), archive);
      const script = `
        const { loadCifar10 } = await import(${JSON.stringify(srcUrl('cifar.ts'))});
        try {
          // The mirror is unreachable on purpose: the archive is cached, so no request may be made.
          const { train, test } = await loadCifar10({ root: ${JSON.stringify(root)}, download: true, md5: ${JSON.stringify(md5(archive))}, mirrors: ['http://127.0.0.1:9/none.tar.gz'] });
          let sum = 0;
          for (const v of train.images) sum += v;
          console.log(JSON.stringify({ ok: true, train: train.shape, test: test.shape, sum }));
        } catch (e) {
          console.log(JSON.stringify({ ok: false, error: String(e && e.message) }));
        }
      `;
      const results = await Promise.all([1, 2, 3, 4].map(() => runChild(script)));
      const outcomes = results.map(
        (r) =>
          JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}') as {
            ok: boolean;
            error?: string;
            train?: number[];
            sum?: number;
          },
      );
      expect(outcomes.filter((o) => !o.ok).map((o) => o.error)).toEqual([]);
      expect(outcomes.map((o) => o.train)).toEqual(Array(4).fill([10000, 32, 32, 3]));
      expect(new Set(outcomes.map((o) => o.sum)).size).toBe(1);
      expect((await readdir(root)).sort()).toEqual(['cifar-10-binary.tar.gz', 'extracted']);
      expect(await readdir(join(root, 'extracted'))).toEqual(['cifar-10-batches-bin']);
    }
  });
});

describe('CIFAR-100 binary reader', () => {
  it('reads coarse and fine labels (coarse byte first) with their class names', () => {
    const bytes = records([
      [11, 98],
      [19, 0],
    ]);
    const fine = parseCifar100(bytes, 'train.bin');
    expect(Array.from(fine.labels)).toEqual([98, 0]);
    expect(fine.classNames).toBe(CIFAR100_FINE_CLASS_NAMES);
    expect(fine.classNames[98]).toBe('woman');
    expect(Array.from(fine.coarseLabels)).toEqual([11, 19]);
    const coarse = parseCifar100(bytes, 'train.bin', 'coarse');
    expect(Array.from(coarse.labels)).toEqual([11, 19]);
    expect(coarse.classNames[19]).toBe('vehicles_2');
    expect(CIFAR100_FINE_CLASS_NAMES).toHaveLength(100);
    expect(CIFAR100_COARSE_CLASS_NAMES).toHaveLength(20);
    checkPixels(fine.images, 2);
  });

  it('rejects a coarse label >= 20 and a 3073-byte record size', () => {
    expect(catchSync(() => parseCifar100(records([[20, 1]]), 'x.bin')).field).toContain('label byte 0');
    expect(catchSync(() => parseCifar100(records([[1]]), 'x.bin')).code).toBe('TRUNCATED');
  });

  it('loads train.bin and test.bin from a folder', async () => {
    const root = await tempDir();
    await writeFile(
      join(root, 'train.bin'),
      records([
        [1, 2],
        [3, 4],
        [5, 6],
      ]),
    );
    await writeFile(join(root, 'test.bin'), records([[7, 8]]));
    const { train, test } = await loadCifar100({ root, labels: 'coarse', dtype: 'float32' });
    expect(train.shape).toEqual([3, 32, 32, 3]);
    expect(Array.from(train.labels)).toEqual([1, 3, 5]);
    expect(Array.from(test.fineLabels)).toEqual([8]);
    expect(test.images).toBeInstanceOf(Float32Array);
  });
});
