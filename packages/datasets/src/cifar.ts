import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cacheDir } from './cache-dir';
import { CIFAR100_COARSE_CLASS_NAMES, CIFAR100_FINE_CLASS_NAMES, CIFAR10_CLASS_NAMES } from './class-names';
import { withPixelType, type ImageDataset, type PixelArray, type PixelType, type TrainTest } from './dataset';
import { downloadFile } from './download';
import { DatasetError } from './errors';
import { fileError } from './idx';
import type { ProgressOption } from './progress';
import { extractTar } from './tar';

const PIXELS = 32 * 32;
const IMAGE_BYTES = 3 * PIXELS;

/** A CIFAR-100 dataset: `labels` holds the chosen label set, both sets are kept alongside. */
export interface Cifar100Dataset<T extends Uint8Array | Float32Array = Uint8Array | Float32Array> extends ImageDataset<T> {
  /** Fine label (0..99) of each image, names in `CIFAR100_FINE_CLASS_NAMES`. */
  fineLabels: Uint8Array;
  /** Coarse label (0..19) of each image, names in `CIFAR100_COARSE_CLASS_NAMES`. */
  coarseLabels: Uint8Array;
}

function parseRecords(
  bytes: Uint8Array,
  file: string,
  labelBytes: number,
  labelLimits: readonly number[],
): { images: Uint8Array; labels: Uint8Array[]; n: number } {
  const record = labelBytes + IMAGE_BYTES;
  if (bytes.length === 0 || bytes.length % record !== 0) {
    throw new DatasetError(bytes.length === 0 ? 'CIFAR batch file is empty' : 'CIFAR batch file size is not a whole number of records', {
      code: 'TRUNCATED', file, field: 'size', received: `${bytes.length} bytes`,
      expected: `a positive multiple of ${record} bytes (${labelBytes} label byte${labelBytes > 1 ? 's' : ''} + 3072 pixel bytes per image)`,
    });
  }
  const n = bytes.length / record;
  const images = new Uint8Array(n * IMAGE_BYTES);
  const labels = labelLimits.map(() => new Uint8Array(n));
  for (let i = 0; i < n; i++) {
    const r = i * record;
    for (let l = 0; l < labelBytes; l++) {
      const y = bytes[r + l];
      if (y >= labelLimits[l]) {
        throw new DatasetError('Label out of range', {
          code: 'MISMATCH', file, field: `record ${i} label byte ${l}`, received: y, expected: `a class id in 0..${labelLimits[l] - 1}`,
        });
      }
      labels[l][i] = y;
    }
    // Stored as three 32×32 planes (R, G, B); we interleave to HWC.
    const src = r + labelBytes;
    const dst = i * IMAGE_BYTES;
    for (let p = 0; p < PIXELS; p++) {
      images[dst + 3 * p] = bytes[src + p];
      images[dst + 3 * p + 1] = bytes[src + PIXELS + p];
      images[dst + 3 * p + 2] = bytes[src + 2 * PIXELS + p];
    }
  }
  return { images, labels, n };
}

/**
 * Decodes a CIFAR-10 binary batch (`data_batch_N.bin`, `test_batch.bin`): records of 1 label byte and
 * 3 072 pixel bytes (R, G, B planes of 32×32). Returns NHWC images `[n, 32, 32, 3]`.
 *
 * @throws {DatasetError} `TRUNCATED` when the size is not a multiple of 3 073, `MISMATCH` for a label > 9.
 * @example
 * ```ts
 * const batch = parseCifar10(await readFile('cifar-10-batches-bin/test_batch.bin'), 'test_batch.bin');
 * batch.shape; // [10000, 32, 32, 3]
 * ```
 */
export function parseCifar10(bytes: Uint8Array, file = '<bytes>', classNames: readonly string[] = CIFAR10_CLASS_NAMES): ImageDataset<Uint8Array> {
  const { images, labels, n } = parseRecords(bytes, file, 1, [classNames.length]);
  return { images, labels: labels[0], shape: [n, 32, 32, 3], classNames };
}

/**
 * Decodes a CIFAR-100 binary file (`train.bin`, `test.bin`): records of a coarse label byte, a fine label
 * byte and 3 072 pixel bytes. `labels` is the fine or coarse set as asked (default fine).
 *
 * @example
 * ```ts
 * const test = parseCifar100(await readFile('cifar-100-binary/test.bin'), 'test.bin', 'coarse');
 * test.classNames.length; // 20
 * ```
 */
export function parseCifar100(bytes: Uint8Array, file = '<bytes>', labelMode: 'fine' | 'coarse' = 'fine'): Cifar100Dataset<Uint8Array> {
  const { images, labels, n } = parseRecords(bytes, file, 2, [CIFAR100_COARSE_CLASS_NAMES.length, CIFAR100_FINE_CLASS_NAMES.length]);
  const [coarseLabels, fineLabels] = labels;
  return {
    images,
    labels: labelMode === 'fine' ? fineLabels : coarseLabels,
    shape: [n, 32, 32, 3],
    classNames: labelMode === 'fine' ? CIFAR100_FINE_CLASS_NAMES : CIFAR100_COARSE_CLASS_NAMES,
    fineLabels,
    coarseLabels,
  };
}

function concat(parts: ImageDataset<Uint8Array>[]): ImageDataset<Uint8Array> {
  const n = parts.reduce((s, p) => s + p.shape[0], 0);
  const images = new Uint8Array(n * IMAGE_BYTES);
  const labels = new Uint8Array(n);
  let row = 0;
  for (const p of parts) {
    images.set(p.images, row * IMAGE_BYTES);
    labels.set(p.labels, row);
    row += p.shape[0];
  }
  return { images, labels, shape: [n, 32, 32, 3], classNames: parts[0].classNames };
}

async function readBytes(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (cause) {
    throw fileError(path, cause);
  }
}

async function isDir(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** Options for {@link loadCifar10} and {@link loadCifar100}. */
export interface LoadCifarOptions<D extends PixelType = PixelType> {
  /** Folder holding the binary files, or the folder the archive was extracted into. Default `<cacheDir()>/cifar-10` / `cifar-100`. */
  root?: string;
  /** Download and extract the official archive (md5-verified) when missing. Default false. */
  download?: boolean;
  /** URLs of the `.tar.gz` archive, tried in order. Default: the University of Toronto URL. */
  mirrors?: readonly string[];
  /** Override the archive's md5 (for private mirrors). */
  md5?: string;
  /** Never touch the network. Default `$DLKIT_OFFLINE`. */
  offline?: boolean;
  /** Progress bar / listener for the download. Default silent. */
  progress?: ProgressOption;
  /** `'uint8'` (default) or `'float32'` scaled to [0, 1]. */
  dtype?: D;
}

const CIFAR_ARCHIVES = {
  10: { url: 'https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz', md5: 'c32a1d4ab5d03f1284b67883e8d87530', folder: 'cifar-10-batches-bin' },
  100: { url: 'https://www.cs.toronto.edu/~kriz/cifar-100-binary.tar.gz', md5: '03b5dce01913d631647c71ecec9e9cb8', folder: 'cifar-100-binary' },
} as const;

async function locate(which: 10 | 100, options: LoadCifarOptions, probe: string): Promise<string> {
  const spec = CIFAR_ARCHIVES[which];
  const root = options.root ?? join(cacheDir(), `cifar-${which}`);
  for (const dir of [join(root, spec.folder), root, join(root, 'extracted', spec.folder)]) {
    if (await isDir(join(dir, probe))) return dir;
  }
  if (!options.download) {
    throw new DatasetError(`CIFAR-${which} files not found`, {
      code: 'NOT_FOUND', file: root, received: `no ${probe}`, expected: `${probe} in ${root} or ${join(root, spec.folder)}`,
      hint: 'pass { download: true } or point root at the extracted binary version',
    });
  }
  const archive = join(root, `cifar-${which}-binary.tar.gz`);
  await downloadFile({
    urls: options.mirrors ?? [spec.url],
    dest: archive,
    checksum: { algorithm: 'md5', hex: options.md5 ?? spec.md5 },
    offline: options.offline,
    progress: options.progress,
  });
  const entries = await extractTar(archive, join(root, 'extracted'));
  const hit = entries.find((e) => e.endsWith(`/${probe}`) || e === probe);
  if (hit === undefined) {
    throw new DatasetError(`CIFAR-${which} archive lacks ${probe}`, {
      code: 'BAD_FORMAT', file: archive, received: entries.slice(0, 10), expected: `an entry named ${probe}`,
    });
  }
  return join(root, 'extracted', hit.slice(0, hit.length - probe.length));
}

async function classNamesFrom(path: string, fallback: readonly string[]): Promise<readonly string[]> {
  try {
    const names = (await readFile(path, 'utf8')).split(/\r?\n/).map((s) => s.trim()).filter((s) => s !== '');
    return names.length === fallback.length ? names : fallback;
  } catch {
    return fallback;
  }
}

/**
 * Loads CIFAR-10 (Krizhevsky 2009) from the binary version: 50 000 training images from
 * `data_batch_1…5.bin` and 10 000 test images from `test_batch.bin`, NHWC `[n, 32, 32, 3]`.
 *
 * @example
 * ```ts
 * const { train, test } = await loadCifar10({ root: './data', download: true, progress: true });
 * train.classNames[train.labels[0]]; // e.g. 'frog'
 * ```
 */
export async function loadCifar10<D extends PixelType = 'uint8'>(
  options: LoadCifarOptions<D> = {},
): Promise<TrainTest<PixelArray<D>>> {
  const dir = await locate(10, options, 'test_batch.bin');
  const classNames = await classNamesFrom(join(dir, 'batches.meta.txt'), CIFAR10_CLASS_NAMES);
  const trainFiles = [1, 2, 3, 4, 5].map((i) => join(dir, `data_batch_${i}.bin`));
  const testFile = join(dir, 'test_batch.bin');
  const [trainParts, test] = await Promise.all([
    Promise.all(trainFiles.map(async (f) => parseCifar10(await readBytes(f), f, classNames))),
    readBytes(testFile).then((b) => parseCifar10(b, testFile, classNames)),
  ]);
  return { train: withPixelType(concat(trainParts), options.dtype), test: withPixelType(test, options.dtype) };
}

/**
 * Loads CIFAR-100 from the binary version (`train.bin`, `test.bin`), with `labels` fine (100 classes,
 * default) or coarse (20 superclasses); both label sets are returned as `fineLabels` / `coarseLabels`.
 *
 * @example
 * ```ts
 * const { train } = await loadCifar100({ root: './data', labels: 'coarse' });
 * train.classNames.length; // 20
 * ```
 */
export async function loadCifar100<D extends PixelType = 'uint8'>(
  options: LoadCifarOptions<D> & { labels?: 'fine' | 'coarse' } = {},
): Promise<{ train: Cifar100Dataset<PixelArray<D>>; test: Cifar100Dataset<PixelArray<D>> }> {
  const dir = await locate(100, options, 'test.bin');
  const mode = options.labels ?? 'fine';
  const load = async (name: string): Promise<Cifar100Dataset<PixelArray<D>>> => {
    const file = join(dir, name);
    return withPixelType(parseCifar100(await readBytes(file), file, mode), options.dtype);
  };
  const [train, test] = await Promise.all([load('train.bin'), load('test.bin')]);
  return { train, test };
}
