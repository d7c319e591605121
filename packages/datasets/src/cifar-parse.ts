// The CIFAR binary format, pure (browser-safe): loadCifar10/100 (cifar.ts) read it from disk,
// fetchCifar10/100 (fetch-cifar.ts) from an archive fetched over HTTP.
import { CIFAR100_COARSE_CLASS_NAMES, CIFAR100_FINE_CLASS_NAMES, CIFAR10_CLASS_NAMES } from './class-names';
import type { ImageDataset } from './dataset';
import { DatasetError } from './errors';

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
    throw new DatasetError(
      bytes.length === 0 ? 'CIFAR batch file is empty' : 'CIFAR batch file size is not a whole number of records',
      {
        code: 'TRUNCATED',
        file,
        field: 'size',
        received: `${bytes.length} bytes`,
        expected: `a positive multiple of ${record} bytes (${labelBytes} label byte${labelBytes > 1 ? 's' : ''} + 3072 pixel bytes per image)`,
      },
    );
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
          code: 'MISMATCH',
          file,
          field: `record ${i} label byte ${l}`,
          received: y,
          expected: `a class id in 0..${labelLimits[l] - 1}`,
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
export function parseCifar10(
  bytes: Uint8Array,
  file = '<bytes>',
  classNames: readonly string[] = CIFAR10_CLASS_NAMES,
): ImageDataset<Uint8Array> {
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
export function parseCifar100(
  bytes: Uint8Array,
  file = '<bytes>',
  labelMode: 'fine' | 'coarse' = 'fine',
): Cifar100Dataset<Uint8Array> {
  const { images, labels, n } = parseRecords(bytes, file, 2, [
    CIFAR100_COARSE_CLASS_NAMES.length,
    CIFAR100_FINE_CLASS_NAMES.length,
  ]);
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

/** Concatenates CIFAR batches (e.g. the five training files) into one dataset. Internal helper. */
export function concatBatches(parts: ImageDataset<Uint8Array>[]): ImageDataset<Uint8Array> {
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

/** The official binary archives: URL, md5 and the folder their files sit in. Internal. */
export const CIFAR_ARCHIVES = {
  10: {
    url: 'https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz',
    md5: 'c32a1d4ab5d03f1284b67883e8d87530',
    folder: 'cifar-10-batches-bin',
  },
  100: {
    url: 'https://www.cs.toronto.edu/~kriz/cifar-100-binary.tar.gz',
    md5: '03b5dce01913d631647c71ecec9e9cb8',
    folder: 'cifar-100-binary',
  },
} as const;

/**
 * Class names from a `batches.meta.txt` (one name per line); `fallback` unless it lists exactly as many. Internal helper.
 */
export function classNamesFromText(text: string, fallback: readonly string[]): readonly string[] {
  const names = text
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return names.length === fallback.length ? names : fallback;
}

/** A tar entry found by its base name (`cifar-10-batches-bin/test_batch.bin` for `test_batch.bin`). Internal helper. */
export function findEntry(
  entries: readonly { path: string; data: Uint8Array }[],
  name: string,
): { path: string; data: Uint8Array } | undefined {
  return entries.find((e) => e.path === name || e.path.endsWith(`/${name}`));
}

/**
 * CIFAR-10 from the entries of the official binary archive read in memory (`data_batch_1..5.bin`,
 * `test_batch.bin`, optional `batches.meta.txt`). Internal helper of `fetchCifar10` and `loadCifar10`.
 */
export function cifar10FromBinaryEntries(
  entries: readonly { path: string; data: Uint8Array }[],
  source: string,
): { train: ImageDataset<Uint8Array>; test: ImageDataset<Uint8Array> } {
  const meta = findEntry(entries, 'batches.meta.txt');
  const classNames =
    meta === undefined ? CIFAR10_CLASS_NAMES : classNamesFromText(new TextDecoder().decode(meta.data), CIFAR10_CLASS_NAMES);
  const batch = (name: string) => {
    const hit = findEntry(entries, name);
    if (hit === undefined) {
      throw new DatasetError(`Archive lacks ${name}`, {
        code: 'BAD_FORMAT',
        file: source,
        field: 'entries',
        received: entries.slice(0, 10).map((e) => e.path),
        expected: `an entry named ${name}`,
      });
    }
    return parseCifar10(hit.data, `${source}#${name}`, classNames);
  };
  return { train: concatBatches([1, 2, 3, 4, 5].map((i) => batch(`data_batch_${i}.bin`))), test: batch('test_batch.bin') };
}
