// CIFAR-10/100 over HTTP (browser-safe): the official .tar.gz, md5-verified, gunzipped and untarred in memory.
import { CIFAR_ARCHIVES, cifar10FromBinaryEntries, parseCifar100, type Cifar100Dataset } from './cifar-parse';
import { withPixelType, type PixelArray, type PixelType, type TrainTest } from './dataset';
import { DatasetError, loadingDataset } from './errors';
import type { BytesCache } from './bytes-cache';
import { fetchBytes, type FetchBytesOptions, type FetchFunction } from './fetch-bytes';
import type { ProgressListener } from './progress';
import { resolveUrl } from './resolve-url';
import { parseTar, type TarEntry } from './tar-parse';

/** Options for {@link fetchCifar10} and {@link fetchCifar100}. */
export interface FetchCifarOptions<D extends PixelType = PixelType> {
  /** URL of the binary `.tar.gz` archive. Default: the University of Toronto URL. */
  url?: string;
  /** Or a folder URL holding it under its official name (`cifar-10-binary.tar.gz` / `cifar-100-binary.tar.gz`). */
  baseUrl?: string;
  /** `'uint8'` (default) or `'float32'` scaled to [0, 1]. */
  dtype?: D;
  /** Check the archive's md5 against the official digest (or `md5`). Default true; `false` for subsets and custom archives. */
  verify?: boolean;
  /** Override the md5 checked when `verify` is on. */
  md5?: string;
  /** The fetch to use. Default `globalThis.fetch`. */
  fetch?: FetchFunction;
  /** Aborts the request. */
  signal?: AbortSignal;
  /** Receives progress events of the download. */
  progress?: ProgressListener;
  /** Where to keep the downloaded files: see {@link FetchBytesOptions.cache} (default: Cache Storage in browsers). */
  cache?: BytesCache | false;
}

async function fetchArchive(which: 10 | 100, options: FetchCifarOptions): Promise<{ url: string; entries: TarEntry[] }> {
  const spec = CIFAR_ARCHIVES[which];
  if (options.url !== undefined && options.baseUrl !== undefined) {
    throw new DatasetError('Both url and baseUrl given', {
      code: 'BAD_ARGUMENT',
      field: 'url/baseUrl',
      received: { url: options.url, baseUrl: options.baseUrl },
      expected: 'one of them: the archive URL, or the folder URL holding it',
    });
  }
  const name = `cifar-${which}-binary.tar.gz`;
  const url =
    options.url !== undefined
      ? resolveUrl(options.url, 'url')
      : options.baseUrl !== undefined
        ? resolveUrl(name, 'baseUrl', options.baseUrl)
        : spec.url;
  const bytes = await fetchBytes(url, {
    fetch: options.fetch,
    signal: options.signal,
    progress: options.progress,
    cache: options.cache,
    expectedMd5: (options.verify ?? true) ? (options.md5 ?? spec.md5) : undefined,
  });
  return { url, entries: parseTar(bytes, url) };
}

function entry(entries: TarEntry[], name: string, url: string, required: true): TarEntry;
function entry(entries: TarEntry[], name: string, url: string, required: false): TarEntry | undefined;
function entry(entries: TarEntry[], name: string, url: string, required: boolean): TarEntry | undefined {
  const hit = entries.find((e) => e.path === name || e.path.endsWith(`/${name}`));
  if (hit === undefined && required) {
    throw new DatasetError(`Archive lacks ${name}`, {
      code: 'BAD_FORMAT',
      file: url,
      field: 'entries',
      received: entries.slice(0, 10).map((e) => e.path),
      expected: `an entry named ${name}`,
    });
  }
  return hit;
}

/**
 * Fetches the CIFAR-10 binary archive (Krizhevsky 2009) over HTTP — in a browser, a worker or Node ≥ 20 —
 * and returns what `loadCifar10` returns: 50 000 training images from `data_batch_1…5.bin`, 10 000 test
 * images from `test_batch.bin`, NHWC `[n, 32, 32, 3]`. The archive (~163 MiB) is held in memory.
 *
 * @throws {DatasetError} the errors of {@link fetchBytes}; `BAD_FORMAT` for a bad tar or a missing batch;
 *   `TRUNCATED` / `MISMATCH` for a bad batch.
 * @example
 * ```ts
 * const { train, test } = await fetchCifar10({ baseUrl: '/data/', dtype: 'float32' });
 * train.shape; // [50000, 32, 32, 3]
 * ```
 */
export function fetchCifar10<D extends PixelType = 'uint8'>(
  options: FetchCifarOptions<D> = {},
): Promise<TrainTest<PixelArray<D>>> {
  return loadingDataset('cifar10', async () => {
    const { url, entries } = await fetchArchive(10, options);
    const { train, test } = cifar10FromBinaryEntries(entries, url);
    return { train: withPixelType(train, options.dtype), test: withPixelType(test, options.dtype) };
  });
}

/**
 * Fetches the CIFAR-100 binary archive over HTTP and returns what `loadCifar100` returns (`train.bin`,
 * `test.bin`): `labels` fine (100 classes, default) or coarse (20 superclasses), both sets kept as
 * `fineLabels` / `coarseLabels`.
 *
 * @example
 * ```ts
 * const { train } = await fetchCifar100({ url: 'https://example.org/cifar-100-binary.tar.gz', labels: 'coarse' });
 * train.classNames.length; // 20
 * ```
 */
export function fetchCifar100<D extends PixelType = 'uint8'>(
  options: FetchCifarOptions<D> & { labels?: 'fine' | 'coarse' } = {},
): Promise<{ train: Cifar100Dataset<PixelArray<D>>; test: Cifar100Dataset<PixelArray<D>> }> {
  return loadingDataset('cifar100', async () => {
    const { url, entries } = await fetchArchive(100, options);
    const mode = options.labels ?? 'fine';
    const load = (name: string) =>
      withPixelType(parseCifar100(entry(entries, name, url, true).data, `${url}#${name}`, mode), options.dtype);
    return { train: load('train.bin'), test: load('test.bin') };
  });
}
