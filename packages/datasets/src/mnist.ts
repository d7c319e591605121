// Loading MNIST / Fashion-MNIST from disk, downloading when asked (Node only).
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { cacheDir } from './cache-dir';
import { withPixelType, type ImageDataset, type PixelArray, type PixelType, type TrainTest } from './dataset';
import { downloadFile } from './download';
import { DatasetError, loadingDataset } from './errors';
import { readIdxFile } from './idx';
import { idxImageDataset } from './idx-image-dataset';
import { MNIST_RESOURCES, mnistClassNames, type MnistFileKey, type MnistVariant } from './mnist-resources';
import type { ProgressOption } from './progress';

/** Options for {@link loadMnist}. */
export interface LoadMnistOptions<D extends PixelType = PixelType> {
  /** Which dataset. Default `'digits'`. */
  variant?: MnistVariant;
  /**
   * Directory holding the four IDX files (gzipped or not, e.g. `/usr/share/datasets/fashion-mnist`).
   * Default: `<cacheDir()>/mnist` or `<cacheDir()>/fashion-mnist`, then the Debian package folders.
   */
  root?: string;
  /** Download missing files into `root` (or the cache). Default false. */
  download?: boolean;
  /** Base URLs to download from, in order (file names are appended). Default: the official mirrors. */
  mirrors?: readonly string[];
  /** Never touch the network. Default `$DLKIT_OFFLINE`. */
  offline?: boolean;
  /** Progress bar / listener for downloads. Default silent. */
  progress?: ProgressOption;
  /** `'uint8'` (raw bytes, default) or `'float32'` scaled to [0, 1]. */
  dtype?: D;
  /** Override the md5 digests checked on download (for private mirrors serving re-compressed files). */
  md5?: Partial<Record<MnistFileKey, string>>;
}

const SYSTEM_DIRS: Record<MnistVariant, string[]> = {
  digits: ['/usr/share/datasets/mnist'],
  fashion: ['/usr/share/datasets/fashion-mnist'],
};

async function findFile(dir: string, gzName: string): Promise<string | undefined> {
  const plain = gzName.replace(/\.gz$/, '');
  // Official names, then the dotted names some re-distributions use (train-images.idx3-ubyte).
  const candidates = [gzName, plain, plain.replace(/-idx(\d)/, '.idx$1')];
  for (const name of candidates) {
    const path = join(dir, name);
    try {
      await access(path);
      return path;
    } catch {
      // try the next name
    }
  }
  return undefined;
}

/**
 * Builds an {@link ImageDataset} from an images IDX file and a labels IDX file, checking they agree.
 *
 * @throws {DatasetError} `BAD_FORMAT` for wrong magic/type/rank, `TRUNCATED`, `MISMATCH` when the counts
 *   differ or a label is not below `classNames.length`.
 * @example
 * ```ts
 * const test = await readIdxImageDataset(
 *   '/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz',
 *   '/usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz',
 *   FASHION_MNIST_CLASS_NAMES,
 * );
 * test.shape; // [10000, 28, 28, 1]
 * ```
 */
export async function readIdxImageDataset(
  imagesPath: string,
  labelsPath: string,
  classNames: readonly string[],
): Promise<ImageDataset<Uint8Array>> {
  const [images, labels] = await Promise.all([
    readIdxFile(imagesPath, { dtype: 'uint8', rank: 3 }),
    readIdxFile(labelsPath, { dtype: 'uint8', rank: 1 }),
  ]);
  return idxImageDataset(images, labels, classNames, { imagesFile: imagesPath, labelsFile: labelsPath });
}

/**
 * Loads MNIST or Fashion-MNIST (60 000 training and 10 000 test images of 28×28, one channel) from the IDX
 * files, gzipped or not. Looks in `root` (or the cache directory, then the Debian `dataset-*` folders),
 * downloading from the mirrors with md5 verification when `download` is true.
 *
 * @throws {DatasetError} `NOT_FOUND` when files are missing and `download` is false, plus the errors of
 *   {@link readIdxImageDataset} and {@link downloadFile}.
 * @example
 * ```ts
 * const { train, test } = await loadMnist({ variant: 'fashion', root: '/usr/share/datasets/fashion-mnist' });
 * train.shape;               // [60000, 28, 28, 1]
 * test.classNames[test.labels[0]]; // 'Ankle boot'
 * ```
 */
export function loadMnist<D extends PixelType = 'uint8'>(options: LoadMnistOptions<D> = {}): Promise<TrainTest<PixelArray<D>>> {
  return loadingDataset((options.variant ?? 'digits') === 'fashion' ? 'fashion-mnist' : 'mnist', async () => {
    const variant = options.variant ?? 'digits';
    const classNames = mnistClassNames(variant);
    const resources = MNIST_RESOURCES[variant];
    const defaultRoot = join(cacheDir(), variant === 'digits' ? 'mnist' : 'fashion-mnist');
    const searchDirs = options.root !== undefined ? [options.root] : [defaultRoot, ...SYSTEM_DIRS[variant]];
    const keys = ['trainImages', 'trainLabels', 'testImages', 'testLabels'] as const;

    let paths: Record<(typeof keys)[number], string> | undefined;
    for (const dir of searchDirs) {
      const found = await Promise.all(keys.map((k) => findFile(dir, resources.files[k].name)));
      if (found.every((p) => p !== undefined)) {
        paths = Object.fromEntries(keys.map((k, i) => [k, found[i] as string])) as Record<(typeof keys)[number], string>;
        break;
      }
    }
    if (paths === undefined) {
      if (!options.download) {
        throw new DatasetError(`${variant === 'digits' ? 'MNIST' : 'Fashion-MNIST'} files not found`, {
          code: 'NOT_FOUND',
          file: searchDirs.join(', '),
          received: 'missing files',
          expected: keys.map((k) => resources.files[k].name).join(', '),
          hint: 'pass { download: true }, point root at a folder with the IDX files, or use loadMnistSample() offline',
        });
      }
      const dir = options.root ?? defaultRoot;
      const mirrors = options.mirrors ?? resources.mirrors;
      const downloaded = await Promise.all(
        keys.map(async (k) => {
          const { name } = resources.files[k];
          const md5 = options.md5?.[k] ?? resources.files[k].md5;
          const r = await downloadFile({
            urls: mirrors.map((m) => new URL(name, m.endsWith('/') ? m : `${m}/`).toString()),
            dest: join(dir, name),
            checksum: { algorithm: 'md5', hex: md5 },
            offline: options.offline,
            progress: options.progress,
          });
          return r.path;
        }),
      );
      paths = { trainImages: downloaded[0], trainLabels: downloaded[1], testImages: downloaded[2], testLabels: downloaded[3] };
    }
    const [train, test] = await Promise.all([
      readIdxImageDataset(paths.trainImages, paths.trainLabels, classNames),
      readIdxImageDataset(paths.testImages, paths.testLabels, classNames),
    ]);
    return { train: withPixelType(train, options.dtype), test: withPixelType(test, options.dtype) };
  });
}
