import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCifar10, loadCifar100 } from '../src/cifar';
import { CIFAR10_CLASS_NAMES } from '../src/class-names';
import { fetchCifar10, fetchCifar100 } from '../src/fetch-cifar';
import { checkPixels, px, records } from './cifar-helpers';
import { catchAsync, tempDir } from './helpers';
import { TestServer, md5 } from './http-server';

const server = new TestServer();
beforeAll(() => server.start());
afterAll(() => server.stop());

/** Writes `files` into `<work>/<folder>/` and returns that folder packed by the system tar as .tar.gz. */
async function archive(work: string, folder: string, files: Record<string, Uint8Array | string>): Promise<Uint8Array> {
  await mkdir(join(work, folder), { recursive: true });
  for (const [name, body] of Object.entries(files)) await writeFile(join(work, folder, name), body);
  execFileSync('tar', ['-czf', join(work, `${folder}.tgz`), '-C', work, folder]);
  return new Uint8Array(await readFile(join(work, `${folder}.tgz`)));
}

const cifar10Files = (): Record<string, Uint8Array | string> => ({
  ...Object.fromEntries([1, 2, 3, 4, 5].map((b) => [`data_batch_${b}.bin`, records([[b], [b + 1]])])),
  'test_batch.bin': records([[7], [0], [9]]),
  'batches.meta.txt': `${CIFAR10_CLASS_NAMES.map((n) => n.toUpperCase()).join('\n')}\n\n`,
});

describe('fetchCifar10', () => {
  it('reads a generated cifar-10-binary.tar.gz exactly as loadCifar10 reads the extracted folder', async () => {
    const work = await tempDir();
    const body = await archive(work, 'cifar-10-batches-bin', cifar10Files());
    server.route('/c10/cifar-10-binary.tar.gz', { kind: 'ok', body });
    const fetched = await fetchCifar10({ baseUrl: server.url('/c10/'), md5: md5(body) });
    const loaded = await loadCifar10({ root: work });
    expect(fetched).toEqual(loaded);
    expect(fetched.train.shape).toEqual([10, 32, 32, 3]);
    expect(Array.from(fetched.train.labels)).toEqual([1, 2, 2, 3, 3, 4, 4, 5, 5, 6]);
    expect(fetched.test.classNames[fetched.test.labels[0]]).toBe('HORSE'); // names from batches.meta.txt
    checkPixels(fetched.test.images as Uint8Array, 3);
    const float = await fetchCifar10({ url: server.url('/c10/cifar-10-binary.tar.gz'), dtype: 'float32', verify: false });
    expect(float.train.images[0]).toBeCloseTo(px(0, 0, 0, 0) / 255, 6);
  });

  it('fails with CHECKSUM against the official md5, BAD_FORMAT for a missing batch, BAD_ARGUMENT for url + baseUrl', async () => {
    const work = await tempDir();
    const { 'data_batch_4.bin': _, ...partial } = cifar10Files();
    const url = server.route('/c10b/cifar-10-binary.tar.gz', {
      kind: 'ok',
      body: await archive(work, 'cifar-10-batches-bin', partial),
    });
    const sum = await catchAsync(fetchCifar10({ url }));
    expect(sum.code).toBe('CHECKSUM');
    expect(sum.expected).toBe('c32a1d4ab5d03f1284b67883e8d87530');
    const lacks = await catchAsync(fetchCifar10({ url, verify: false }));
    expect(lacks).toMatchObject({ code: 'BAD_FORMAT', file: url, expected: 'an entry named data_batch_4.bin' });
    const both = await catchAsync(fetchCifar10({ url, baseUrl: server.url('/c10b/') }));
    expect(both.code).toBe('BAD_ARGUMENT');
    const missing = await catchAsync(fetchCifar10({ baseUrl: server.url('/none/'), verify: false }));
    expect(missing).toMatchObject({ code: 'NOT_FOUND', received: 404, file: server.url('/none/cifar-10-binary.tar.gz') });
    expect([sum.dataset, lacks.dataset, both.dataset, missing.dataset]).toEqual(['cifar10', 'cifar10', 'cifar10', 'cifar10']);
    const missing100 = await catchAsync(fetchCifar100({ baseUrl: server.url('/none/'), verify: false }));
    expect(missing100).toMatchObject({ code: 'NOT_FOUND', dataset: 'cifar100' });
  });
});

describe('fetchCifar100', () => {
  it('reads a generated cifar-100-binary.tar.gz as loadCifar100 does, fine or coarse labels', async () => {
    const work = await tempDir();
    const body = await archive(work, 'cifar-100-binary', {
      'train.bin': records([
        [11, 98],
        [19, 0],
      ]),
      'test.bin': records([[3, 40]]),
    });
    const url = server.route('/c100.tgz', { kind: 'ok', body });
    const fine = await fetchCifar100({ url, verify: false });
    expect(fine).toEqual(await loadCifar100({ root: work }));
    expect(Array.from(fine.train.labels)).toEqual([98, 0]);
    const coarse = await fetchCifar100({ url, md5: md5(body), labels: 'coarse', dtype: 'float32' });
    expect(Array.from(coarse.train.labels)).toEqual([11, 19]);
    expect(coarse.test.classNames.length).toBe(20);
    expect(coarse.test.images).toBeInstanceOf(Float32Array);
  });
});
