import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { cacheDir } from './cache-dir';
import { FASHION_MNIST_CLASS_NAMES, MNIST_CLASS_NAMES } from './class-names';
import { withPixelType, type ImageDataset, type PixelArray, type PixelType, type TrainTest } from './dataset';
import { downloadFile } from './download';
import { DatasetError } from './errors';
import { readIdxFile } from './idx';
import type { ProgressOption } from './progress';

/** Which MNIST-format dataset: handwritten digits (LeCun et al. 1998) or Zalando's Fashion-MNIST. */
export type MnistVariant = 'digits' | 'fashion';

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

/** The four files of an MNIST-format dataset. */
export type MnistFileKey = 'trainImages' | 'trainLabels' | 'testImages' | 'testLabels';

/** File names and md5 digests of the official gzipped files (as listed by torchvision). */
export const MNIST_RESOURCES: Readonly<Record<MnistVariant, {
  mirrors: readonly string[];
  files: Readonly<Record<MnistFileKey, { name: string; md5: string }>>;
}>> = {
  digits: {
    mirrors: ['https://ossci-datasets.s3.amazonaws.com/mnist/', 'http://yann.lecun.com/exdb/mnist/'],
    files: {
      trainImages: { name: 'train-images-idx3-ubyte.gz', md5: 'f68b3c2dcbeaaa9fbdd348bbdeb94873' },
      trainLabels: { name: 'train-labels-idx1-ubyte.gz', md5: 'd53e105ee54ea40749a09fcbcd1e9432' },
      testImages: { name: 't10k-images-idx3-ubyte.gz', md5: '9fb629c4189551a2d022fa330f9573f3' },
      testLabels: { name: 't10k-labels-idx1-ubyte.gz', md5: 'ec29112dd5afa0611ce80d1b7f02629c' },
    },
  },
  fashion: {
    mirrors: ['http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/'],
    files: {
      trainImages: { name: 'train-images-idx3-ubyte.gz', md5: '8d4fb7e6c68d591d4c3dfef9ec88bf0d' },
      trainLabels: { name: 'train-labels-idx1-ubyte.gz', md5: '25c81989df183df01b3e8a0aad5dffbe' },
      testImages: { name: 't10k-images-idx3-ubyte.gz', md5: 'bef4ecab320f06d8554ea6380940ec79' },
      testLabels: { name: 't10k-labels-idx1-ubyte.gz', md5: 'bb300cfdad3c16e7a12a480ee83cd310' },
    },
  },
};

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
  const n = images.shape[0];
  if (labels.shape[0] !== n) {
    throw new DatasetError('Label count does not match image count', {
      code: 'MISMATCH', file: labelsPath, field: 'count', received: labels.shape[0],
      expected: `${n} labels, one per image in ${imagesPath}`,
    });
  }
  const labelData = labels.data as Uint8Array;
  for (let i = 0; i < labelData.length; i++) {
    if (labelData[i] >= classNames.length) {
      throw new DatasetError('Label out of range', {
        code: 'MISMATCH', file: labelsPath, field: `labels[${i}]`, received: labelData[i],
        expected: `a class id in 0..${classNames.length - 1}`,
      });
    }
  }
  return {
    images: images.data as Uint8Array,
    labels: labelData,
    shape: [n, images.shape[1], images.shape[2], 1],
    classNames,
  };
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
export async function loadMnist<D extends PixelType = 'uint8'>(options: LoadMnistOptions<D> = {}): Promise<TrainTest<PixelArray<D>>> {
  const variant = options.variant ?? 'digits';
  const resources = MNIST_RESOURCES[variant];
  if (resources === undefined) {
    throw new DatasetError('Unknown MNIST variant', {
      code: 'BAD_ARGUMENT', field: 'variant', received: variant, expected: "'digits' or 'fashion'",
    });
  }
  const classNames = variant === 'digits' ? MNIST_CLASS_NAMES : FASHION_MNIST_CLASS_NAMES;
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
        code: 'NOT_FOUND', file: searchDirs.join(', '), received: 'missing files',
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
}
