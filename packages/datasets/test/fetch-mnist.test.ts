import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchMnist } from '../src/fetch-mnist';
import { loadMnist } from '../src/mnist';
import { MNIST_RESOURCES, type MnistFileKey } from '../src/mnist-resources';
import { catchAsync, gzip, idxBytes, tempDir, tinyMnist } from './helpers';
import { TestServer, md5 } from './http-server';

const server = new TestServer();
beforeAll(() => server.start());
afterAll(() => server.stop());

const names = MNIST_RESOURCES.digits.files;
const train = tinyMnist(12);
const test = tinyMnist(5);
const files: Record<MnistFileKey, Uint8Array> = {
  trainImages: gzip(train.images),
  trainLabels: gzip(train.labels),
  testImages: gzip(test.images),
  testLabels: gzip(test.labels),
};
const digests = Object.fromEntries(Object.entries(files).map(([k, v]) => [k, md5(v)])) as Record<MnistFileKey, string>;

function serve(dir: string, contents: Partial<Record<MnistFileKey, Uint8Array>> = files): string {
  for (const [k, body] of Object.entries(contents))
    server.route(`/${dir}/${names[k as MnistFileKey].name}`, { kind: 'ok', body });
  return server.url(`/${dir}`); // no trailing slash: one is added
}

describe('fetchMnist', () => {
  it('returns what loadMnist returns for the same four .gz files, md5-verified against given digests', async () => {
    const base = serve('m1');
    const fetched = await fetchMnist({ baseUrl: base, md5: digests });
    const root = await tempDir();
    for (const k of Object.keys(files) as MnistFileKey[]) await writeFile(join(root, names[k].name), files[k]);
    const loaded = await loadMnist({ root });
    expect(fetched).toEqual(loaded);
    expect(fetched.train.shape).toEqual([12, 28, 28, 1]);
    expect(fetched.test.shape).toEqual([5, 28, 28, 1]);
    expect(Array.from(fetched.test.labels)).toEqual([0, 1, 2, 3, 4]);
    expect(fetched.train.images[784 * 3 + 10]).toBe((3 * 7 + 10) % 256);
  });

  it('scales to float32, reads Fashion class names, and accepts uncompressed files with verify: false', async () => {
    const plain = { trainImages: train.images, trainLabels: train.labels, testImages: test.images, testLabels: test.labels };
    const { train: tr, test: te } = await fetchMnist({
      baseUrl: `${serve('m2', plain)}/`,
      variant: 'fashion',
      dtype: 'float32',
      verify: false,
    });
    expect(tr.images).toBeInstanceOf(Float32Array);
    expect(tr.images[784 + 5]).toBeCloseTo(12 / 255, 6);
    expect(te.classNames[te.labels[0]]).toBe('T-shirt/top');
  });

  it('checks the official md5 digests by default: generated files fail with CHECKSUM and a hint', async () => {
    const e = await catchAsync(fetchMnist({ baseUrl: serve('m3') }));
    expect(e.code).toBe('CHECKSUM');
    expect(Object.values(names).map((f) => f.md5)).toContain(e.expected);
    expect(e.hint).toContain('verify: false');
  });

  it('fails with NOT_FOUND naming the missing file, and MISMATCH when counts disagree', async () => {
    const { testLabels: _, ...three } = files;
    const missing = await catchAsync(fetchMnist({ baseUrl: serve('m4', three), verify: false }));
    expect(missing.code).toBe('NOT_FOUND');
    expect(missing.file).toBe(server.url(`/m4/${names.testLabels.name}`));
    expect(missing.dataset).toBe('mnist');
    const mismatch = await catchAsync(
      fetchMnist({ baseUrl: serve('m5', { ...files, testLabels: gzip(idxBytes([4], new Uint8Array(4))) }), verify: false }),
    );
    expect(mismatch.code).toBe('MISMATCH');
    expect(mismatch.field).toBe('count');
    expect(mismatch.file).toBe(server.url(`/m5/${names.testLabels.name}`));
  });

  it('rejects a relative base URL outside a browser and an unknown variant', async () => {
    const relative = await catchAsync(fetchMnist({ baseUrl: '/mnist/' }));
    expect(relative.code).toBe('BAD_ARGUMENT');
    expect(relative.field).toBe('baseUrl');
    const variant = await catchAsync(fetchMnist({ baseUrl: serve('m6'), variant: 'kmnist' as 'digits' }));
    expect(variant.code).toBe('BAD_ARGUMENT');
    expect(variant.field).toBe('variant');
  });
});
