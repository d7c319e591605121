// Pairing an images IDX array with a labels IDX array (pure): readIdxImageDataset and fetchMnist both use it.
import type { ImageDataset } from './dataset';
import { DatasetError } from './errors';
import type { IdxArray } from './idx-parse';

/** Where the two arrays came from, for error messages. */
export interface IdxImageDatasetSources {
  /** Path or URL of the images file. Default `'<images>'`. */
  imagesFile?: string;
  /** Path or URL of the labels file. Default `'<labels>'`. */
  labelsFile?: string;
}

/**
 * Builds an {@link ImageDataset} (`[n, height, width, 1]`, uint8) from a decoded images IDX array
 * (`uint8`, rank 3) and labels IDX array (`uint8`, rank 1), checking that they agree.
 *
 * @throws {DatasetError} `BAD_FORMAT` when an array has the wrong element type or rank; `MISMATCH` when
 *   the counts differ or a label is not below `classNames.length`.
 * @example
 * ```ts
 * const images = parseIdx(imageBytes, { dtype: 'uint8', rank: 3 });
 * const labels = parseIdx(labelBytes, { dtype: 'uint8', rank: 1 });
 * const test = idxImageDataset(images, labels, MNIST_CLASS_NAMES);
 * test.shape; // [10000, 28, 28, 1]
 * ```
 */
export function idxImageDataset(
  images: IdxArray,
  labels: IdxArray,
  classNames: readonly string[],
  sources: IdxImageDatasetSources = {},
): ImageDataset<Uint8Array> {
  const imagesFile = sources.imagesFile ?? '<images>';
  const labelsFile = sources.labelsFile ?? '<labels>';
  for (const [array, file, rank] of [
    [images, imagesFile, 3],
    [labels, labelsFile, 1],
  ] as const) {
    if (array.dtype !== 'uint8' || array.shape.length !== rank) {
      throw new DatasetError('Unexpected IDX array', {
        code: 'BAD_FORMAT',
        file,
        field: 'dtype/rank',
        received: `${array.dtype} of rank ${array.shape.length}`,
        expected: `uint8 of rank ${rank}`,
      });
    }
  }
  const n = images.shape[0];
  if (labels.shape[0] !== n) {
    throw new DatasetError('Label count does not match image count', {
      code: 'MISMATCH',
      file: labelsFile,
      field: 'count',
      received: labels.shape[0],
      expected: `${n} labels, one per image in ${imagesFile}`,
    });
  }
  const labelData = labels.data as Uint8Array;
  for (let i = 0; i < labelData.length; i++) {
    if (labelData[i] >= classNames.length) {
      throw new DatasetError('Label out of range', {
        code: 'MISMATCH',
        file: labelsFile,
        field: `labels[${i}]`,
        received: labelData[i],
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
