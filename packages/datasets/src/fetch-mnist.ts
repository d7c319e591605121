// MNIST / Fashion-MNIST over HTTP (browser-safe): the four IDX .gz files, md5-verified, parsed in memory.
import { withPixelType, type PixelArray, type PixelType, type TrainTest } from './dataset';
import type { BytesCache } from './bytes-cache';
import { fetchBytes, type FetchBytesOptions, type FetchFunction } from './fetch-bytes';
import { idxImageDataset } from './idx-image-dataset';
import { parseIdx } from './idx-parse';
import { MNIST_RESOURCES, mnistClassNames, type MnistFileKey, type MnistVariant } from './mnist-resources';
import type { ProgressListener } from './progress';
import { resolveUrl } from './resolve-url';
import { loadingDataset } from './errors';

/** Options for {@link fetchMnist}. */
export interface FetchMnistOptions<D extends PixelType = PixelType> {
  /**
   * Folder URL holding the four files under their official names (`train-images-idx3-ubyte.gz`, …, see
   * `MNIST_RESOURCES`), gzipped or not. Relative URLs resolve against the page in a browser.
   * Default: the first official mirror of the variant (which must allow CORS when called from a page).
   */
  baseUrl?: string;
  /** Which dataset. Default `'digits'`. */
  variant?: MnistVariant;
  /** `'uint8'` (raw bytes, default) or `'float32'` scaled to [0, 1]. */
  dtype?: D;
  /** Check each file's md5 against the official digests (or `md5`). Default true; `false` for subsets and custom mirrors. */
  verify?: boolean;
  /** Override some of the md5 digests checked when `verify` is on. */
  md5?: Partial<Record<MnistFileKey, string>>;
  /** The fetch to use. Default `globalThis.fetch`. */
  fetch?: FetchFunction;
  /** Aborts every request. */
  signal?: AbortSignal;
  /** Receives progress events of each of the four files. */
  progress?: ProgressListener;
  /** Where to keep the downloaded files: see {@link FetchBytesOptions.cache} (default: Cache Storage in browsers). */
  cache?: BytesCache | false;
}

const KEYS = ['trainImages', 'trainLabels', 'testImages', 'testLabels'] as const;

/**
 * Fetches MNIST or Fashion-MNIST over HTTP — in a browser, a worker or Node ≥ 20 — and returns what
 * `loadMnist` returns: `{ train, test }` with NHWC images `[n, 28, 28, 1]`, labels and class names.
 * The four files are fetched in parallel, md5-verified (unless `verify: false`), gunzipped and
 * checked against each other (counts, label range).
 *
 * @throws {DatasetError} the errors of {@link fetchBytes} (`NOT_FOUND`, `NETWORK`, `TRUNCATED`,
 *   `CHECKSUM`), `BAD_FORMAT` for files that are not IDX, `MISMATCH` for counts or labels that disagree,
 *   `BAD_ARGUMENT` for an unknown variant or a bad base URL.
 * @example
 * ```ts
 * // Files copied from the official mirror into the app's public/mnist/ folder:
 * const { train, test } = await fetchMnist({ baseUrl: '/mnist/', dtype: 'float32' });
 * train.shape; // [60000, 28, 28, 1]
 * test.classNames[test.labels[0]]; // '7'
 * ```
 */
export function fetchMnist<D extends PixelType = 'uint8'>(options: FetchMnistOptions<D> = {}): Promise<TrainTest<PixelArray<D>>> {
  return loadingDataset((options.variant ?? 'digits') === 'fashion' ? 'fashion-mnist' : 'mnist', async () => {
    const variant = options.variant ?? 'digits';
    const classNames = mnistClassNames(variant);
    const resources = MNIST_RESOURCES[variant];
    const base = options.baseUrl ?? resources.mirrors[0];
    const verify = options.verify ?? true;
    const urls = KEYS.map((k) => resolveUrl(resources.files[k].name, 'baseUrl', base));
    const arrays = await Promise.all(
      KEYS.map(async (k, i) => {
        const bytes = await fetchBytes(urls[i], {
          fetch: options.fetch,
          signal: options.signal,
          progress: options.progress,
          cache: options.cache,
          expectedMd5: verify ? (options.md5?.[k] ?? resources.files[k].md5) : undefined,
        });
        return parseIdx(bytes, { file: urls[i], dtype: 'uint8', rank: k.endsWith('Images') ? 3 : 1 });
      }),
    );
    const [trainImages, trainLabels, testImages, testLabels] = arrays;
    const train = idxImageDataset(trainImages, trainLabels, classNames, { imagesFile: urls[0], labelsFile: urls[1] });
    const test = idxImageDataset(testImages, testLabels, classNames, { imagesFile: urls[2], labelsFile: urls[3] });
    return { train: withPixelType(train, options.dtype), test: withPixelType(test, options.dtype) };
  });
}
