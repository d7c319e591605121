// Loading CIFAR-10/100 from disk (Node only); the binary format itself is in cifar-parse.ts.
import { access, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { cacheDir } from './cache-dir';
import { CIFAR10_CLASS_NAMES } from './class-names';
import { cifar10ImagesFromEntries, loadCifar10Images } from './cifar-images';
import {
  CIFAR_ARCHIVES,
  cifar10FromBinaryEntries,
  classNamesFromText,
  concatBatches,
  findEntry,
  parseCifar10,
  parseCifar100,
  type Cifar100Dataset,
} from './cifar-parse';
import { withPixelType, type PixelArray, type PixelType, type TrainTest } from './dataset';
import { downloadFile } from './download';
import { DatasetError, loadingDataset } from './errors';
import { acquireLock } from './file-lock';
import { fileError, readMaybeGzip } from './idx';
import type { DecodeImageOptions } from './image-decode';
import { parseTar } from './tar-parse';
import type { ProgressOption } from './progress';
import { extractTar } from './tar';

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
export interface LoadCifarOptions<D extends PixelType = PixelType> extends DecodeImageOptions {
  /**
   * Where the data are. Default `<cacheDir()>/cifar-10` / `cifar-100`. For CIFAR-10 any of: a folder holding
   * the binary batches (or the folder the official archive was extracted into); a folder holding an image tree
   * `train|test/<class>/*.{jpg,png}`; a `.tar` / `.tar.gz` file holding either (read in memory, not unpacked).
   */
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

async function locate(which: 10 | 100, options: LoadCifarOptions, probe: string): Promise<string> {
  const spec = CIFAR_ARCHIVES[which];
  const root = options.root ?? join(cacheDir(), `cifar-${which}`);
  for (const dir of [join(root, spec.folder), root, join(root, 'extracted', spec.folder)]) {
    if (await isDir(join(dir, probe))) return dir;
  }
  if (!options.download) {
    throw new DatasetError(`CIFAR-${which} files not found`, {
      code: 'NOT_FOUND',
      file: root,
      received: `no ${probe}`,
      expected: `${probe} in ${root} or ${join(root, spec.folder)}`,
      hint: 'pass { download: true }, or point root at the extracted binary version, an image tree train|test/<class>/*.jpg, or a .tar.gz of either',
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
  const extracted = join(root, 'extracted');
  // Several processes may reach this point at once (the archive was cached, not yet extracted): one extracts
  // under the lock, the others wait and find the folder complete (it appears whole, by one rename).
  const lock = await acquireLock(join(root, 'extracted.lock'), { stallTimeoutMs: 120_000, file: extracted });
  try {
    if (await isDir(join(extracted, spec.folder, probe))) return join(extracted, spec.folder);
    if (await isDir(join(extracted, probe))) return extracted;
    const entries = await extractTar(archive, extracted);
    const hit = entries.find((e) => e.endsWith(`/${probe}`) || e === probe);
    if (hit === undefined) {
      throw new DatasetError(`CIFAR-${which} archive lacks ${probe}`, {
        code: 'BAD_FORMAT',
        file: archive,
        received: entries.slice(0, 10),
        expected: `an entry named ${probe}`,
      });
    }
    return join(extracted, hit.slice(0, hit.length - probe.length));
  } finally {
    await lock.release();
  }
}

async function classNamesFrom(path: string, fallback: readonly string[]): Promise<readonly string[]> {
  try {
    return classNamesFromText(await readFile(path, 'utf8'), fallback);
  } catch {
    return fallback;
  }
}

/** What a CIFAR-10 `root` holds. */
async function cifar10Layout(root: string): Promise<'file' | 'batches' | 'tree' | 'none'> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(root);
  } catch {
    return 'none';
  }
  if (info.isFile()) return 'file';
  const spec = CIFAR_ARCHIVES[10];
  for (const dir of [join(root, spec.folder), root, join(root, 'extracted', spec.folder)]) {
    if (await isDir(join(dir, 'test_batch.bin'))) return 'batches';
  }
  if ((await isDir(join(root, 'train'))) || (await isDir(join(root, 'test')))) return 'tree';
  return 'none';
}

/**
 * Loads CIFAR-10 (Krizhevsky 2009), NHWC `[n, 32, 32, 3]`, 50 000 training and 10 000 test images, from
 * whatever `root` holds: the binary version (`data_batch_1…5.bin` + `test_batch.bin`, in `root` or the folder
 * the official archive was extracted into), an image tree `train|test/<class>/*.{jpg,png}` (see
 * {@link loadCifar10Images}), or a `.tar` / `.tar.gz` file holding either, read in memory. Every form gives the
 * same dataset: CIFAR's class order, uint8 (or float32 in [0, 1]), the same shape.
 *
 * @example
 * ```ts
 * const { train, test } = await loadCifar10({ root: './data', download: true, progress: true });
 * train.classNames[train.labels[0]]; // e.g. 'frog'
 * const jpgs = await loadCifar10({ root: 'cifar10-jpg.tar.gz' }); // same shapes, from 60 000 JPEGs
 * ```
 */
export function loadCifar10<D extends PixelType = 'uint8'>(options: LoadCifarOptions<D> = {}): Promise<TrainTest<PixelArray<D>>> {
  return loadingDataset('cifar10', async () => {
    if (options.root !== undefined) {
      const layout = await cifar10Layout(options.root);
      if (layout === 'tree') return loadCifar10Images(options.root, options);
      if (layout === 'file') {
        const entries = parseTar(await readMaybeGzip(options.root), options.root);
        if (findEntry(entries, 'test_batch.bin') === undefined) return cifar10ImagesFromEntries(entries, options.root, options);
        const { train, test } = cifar10FromBinaryEntries(entries, options.root);
        return { train: withPixelType(train, options.dtype), test: withPixelType(test, options.dtype) };
      }
    }
    const dir = await locate(10, options, 'test_batch.bin');
    const classNames = await classNamesFrom(join(dir, 'batches.meta.txt'), CIFAR10_CLASS_NAMES);
    const trainFiles = [1, 2, 3, 4, 5].map((i) => join(dir, `data_batch_${i}.bin`));
    const testFile = join(dir, 'test_batch.bin');
    const [trainParts, test] = await Promise.all([
      Promise.all(trainFiles.map(async (f) => parseCifar10(await readBytes(f), f, classNames))),
      readBytes(testFile).then((b) => parseCifar10(b, testFile, classNames)),
    ]);
    return { train: withPixelType(concatBatches(trainParts), options.dtype), test: withPixelType(test, options.dtype) };
  });
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
export function loadCifar100<D extends PixelType = 'uint8'>(
  options: LoadCifarOptions<D> & { labels?: 'fine' | 'coarse' } = {},
): Promise<{ train: Cifar100Dataset<PixelArray<D>>; test: Cifar100Dataset<PixelArray<D>> }> {
  return loadingDataset('cifar100', async () => {
    const dir = await locate(100, options, 'test.bin');
    const mode = options.labels ?? 'fine';
    const load = async (name: string): Promise<Cifar100Dataset<PixelArray<D>>> => {
      const file = join(dir, name);
      return withPixelType(parseCifar100(await readBytes(file), file, mode), options.dtype);
    };
    const [train, test] = await Promise.all([load('train.bin'), load('test.bin')]);
    return { train, test };
  });
}
