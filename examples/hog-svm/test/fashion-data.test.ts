import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FASHION_MNIST_CLASS_NAMES } from '@dlkit/datasets';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadFashion } from '../src/fashion-data';
import { writeFashionIdx } from './idx-files';

const dir = mkdtempSync(join(tmpdir(), 'hog-svm-fashion-'));
beforeAll(async () => {
  await writeFashionIdx(join(dir, 'fashion'), 3, 2);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

describe('loading Fashion-MNIST', () => {
  it('reads the IDX files under the root, with Fashion-MNIST’s class names', async () => {
    const { train, test } = await loadFashion('hog-svm', join(dir, 'fashion'));
    expect([train.shape, test.shape]).toEqual([
      [30, 28, 28, 1],
      [20, 28, 28, 1],
    ]);
    expect(train.classNames).toEqual(FASHION_MNIST_CLASS_NAMES);
    expect(Array.from(test.labels)).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9]);
  });

  it('exits with status 1 and says what --fashion-root takes when the files are missing', async () => {
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void errors.push(args.join(' ')));
    vi.spyOn(process, 'exit').mockImplementation((code) => {
      throw new Error(`exit ${code}`);
    });
    const missing = join(dir, 'missing');
    await expect(loadFashion('hog-svm', missing, 'or run --dataset digits')).rejects.toThrow('exit 1');
    const text = errors.join('\n');
    expect(text).toContain(`hog-svm: cannot load Fashion-MNIST from ${missing}`);
    expect(text).toContain('--fashion-root takes the folder of the Fashion-MNIST IDX files');
    expect(text).toContain('apt-get install dataset-fashion-mnist), or run --dataset digits');
    // This command line's answer in place of the loader's advice to library users ({ download: true }).
    expect(text).toContain('hint: --fashion-root takes the folder');
    expect(text).not.toContain('download: true');
    // The loader's own account: the path and the files it looked for.
    expect(text).toContain(`file: ${missing}`);
    expect(text).toContain('t10k-labels-idx1-ubyte.gz');
  });
});
