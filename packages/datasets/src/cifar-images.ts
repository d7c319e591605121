// CIFAR-10 from an image tree (`train|test/<class>/*.{jpg,png}`), as a folder or a .tar(.gz), Node only.
import { readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { CIFAR10_CLASS_NAMES } from './class-names';
import { CIFAR_IMAGE_EXTENSIONS, planCifarTree, type CifarTreeImage } from './cifar-tree-parse';
import { withPixelType, type ImageDataset, type PixelArray, type PixelType, type TrainTest } from './dataset';
import { DatasetError, loadingDataset } from './errors';
import { fileError, readMaybeGzip } from './idx';
import { checkPixelLimits, decodePixels, type DecodeImageOptions } from './image-decode';
import { walkImages } from './image-walk';
import { parseTar, type TarEntry } from './tar-parse';

/** Options for {@link loadCifar10Images}. */
export interface LoadCifarImagesOptions<D extends PixelType = PixelType> extends DecodeImageOptions {
  /** `'uint8'` (default) or `'float32'` scaled to [0, 1]. */
  dtype?: D;
}

const SIDE = 32;
const IMAGE_BYTES = SIDE * SIDE * 3;
/** Images decoded between two yields to the event loop. */
const YIELD_EVERY = 2000;

function decodeInto(images: Uint8Array, index: number, bytes: Uint8Array, file: string, options: DecodeImageOptions): void {
  const img = decodePixels(bytes, file, options, 3);
  if (img.width !== SIDE || img.height !== SIDE) {
    throw new DatasetError('Image is not 32×32', {
      code: 'BAD_FORMAT',
      file,
      field: 'size',
      received: `${img.width}×${img.height}`,
      expected: '32×32 pixels, as every CIFAR image',
      hint: 'resize the images to 32×32 first, or read them with loadImageFolder(root, { size: 32 }), which resizes',
    });
  }
  images.set(img.data, index * IMAGE_BYTES);
}

async function assemble(
  list: CifarTreeImage[],
  classNames: readonly string[],
  bytesOf: (path: string) => Uint8Array,
  fileOf: (path: string) => string,
  options: DecodeImageOptions,
): Promise<ImageDataset<Uint8Array>> {
  const n = list.length;
  const images = new Uint8Array(n * IMAGE_BYTES);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    // Decoding is synchronous work anyway; a pause now and then lets timers and I/O of the caller run.
    if (i > 0 && i % YIELD_EVERY === 0) await new Promise<void>((r) => setImmediate(r));
    decodeInto(images, i, bytesOf(list[i].path), fileOf(list[i].path), options);
    labels[i] = list[i].label;
  }
  return { images, labels, shape: [n, SIDE, SIDE, 3], classNames };
}

/**
 * Synchronous on purpose: for 60 000 files of 1 kB, `fs/promises` spends 2.4 s of CPU on its machinery where
 * `readFileSync` spends 0.3 s (measured on the CIFAR-10 JPEG tree), and the decoding between reads is
 * synchronous anyway.
 */
function readBytes(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (cause) {
    throw fileError(path, cause);
  }
}

/**
 * Loads CIFAR-10 from an image tree: `train/<class>/*.{jpg,jpeg,png}` and `test/<class>/*…` with the ten class
 * folders named as CIFAR's classes (`airplane` … `truck`), either extracted in the folder `path` or packed in the
 * `.tar` / `.tar.gz` file `path`, which is read in memory (nothing is unpacked to disk). The result is the same
 * `ImageDataset` as the binary batches give: CIFAR's label order (not the order of the folders), NHWC
 * `[n, 32, 32, 3]` uint8 (or float32 in [0, 1]); within a class the images come in `ImageFolder` order (by name).
 * JPEG is decoded with libjpeg-turbo (WebAssembly): the 60 000 images of a CIFAR-10 JPEG archive load in seconds.
 *
 * Images must be 32×32: a different size is refused naming the file (CIFAR images are never resized), as are a
 * corrupt image, a class folder with a name that is not a CIFAR class, a class without images in a split, and
 * an empty split.
 *
 * @throws {DatasetError} `NOT_FOUND`, `MISMATCH`, `BAD_FORMAT` (size), `UNDECODABLE`, `TOO_LARGE`, naming the file.
 * @example
 * ```ts
 * const { train, test } = await loadCifar10Images('data/cifar10-jpg.tar.gz');
 * train.shape; // [50000, 32, 32, 3]
 * ```
 */
export function loadCifar10Images<D extends PixelType = 'uint8'>(
  path: string,
  options: LoadCifarImagesOptions<D> = {},
): Promise<TrainTest<PixelArray<D>>> {
  return loadingDataset('cifar10', async () => {
    checkPixelLimits(options);
    const classNames = CIFAR10_CLASS_NAMES;
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(path);
    } catch (cause) {
      throw fileError(path, cause);
    }
    let parts: TrainTest<Uint8Array>;
    if (info.isDirectory()) {
      const files = await walkImages(path, CIFAR_IMAGE_EXTENSIONS);
      const rel = (file: string) => relative(path, file).split(sep).join('/');
      const plan = planCifarTree(files.map(rel), classNames, path);
      const bytesOf = (p: string) => readBytes(join(path, p));
      const fileOf = (p: string) => join(path, p);
      parts = {
        train: await assemble(plan.train, classNames, bytesOf, fileOf, options),
        test: await assemble(plan.test, classNames, bytesOf, fileOf, options),
      };
    } else {
      return cifar10ImagesFromEntries(parseTar(await readMaybeGzip(path), path), path, options);
    }
    return { train: withPixelType(parts.train, options.dtype), test: withPixelType(parts.test, options.dtype) };
  });
}

/** The image tree held by the entries of a tar archive read in memory, see {@link loadCifar10Images}. Internal. */
export async function cifar10ImagesFromEntries<D extends PixelType = 'uint8'>(
  entries: readonly TarEntry[],
  archive: string,
  options: LoadCifarImagesOptions<D> = {},
): Promise<TrainTest<PixelArray<D>>> {
  checkPixelLimits(options);
  const classNames = CIFAR10_CLASS_NAMES;
  const byPath = new Map(entries.map((e) => [e.path, e.data]));
  const plan = planCifarTree(byPath.keys(), classNames, archive);
  const bytesOf = (p: string) => byPath.get(p) as Uint8Array;
  const fileOf = (p: string) => `${archive}#${p}`;
  const train = await assemble(plan.train, classNames, bytesOf, fileOf, options);
  const test = await assemble(plan.test, classNames, bytesOf, fileOf, options);
  return { train: withPixelType(train, options.dtype), test: withPixelType(test, options.dtype) };
}
