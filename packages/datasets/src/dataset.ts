// The labelled-image type is @dlkit/core's (one definition for datasets, models and siamese).
import type { ImageDataset } from '@dlkit/core';

export type { ImageDataset };

/** A train/test pair of {@link ImageDataset}s, as returned by the loaders. */
export interface TrainTest<T extends Uint8Array | Float32Array = Uint8Array | Float32Array> {
  train: ImageDataset<T>;
  test: ImageDataset<T>;
}

/** Pixel type requested from a loader: raw bytes, or float32 scaled to [0, 1]. */
export type PixelType = 'uint8' | 'float32';

/** The typed array a loader returns for a {@link PixelType}. */
export type PixelArray<D extends PixelType> = D extends 'float32' ? Float32Array : Uint8Array;

/** Converts raw bytes to float32 in [0, 1] (x / 255). Returns a new array. */
export function bytesToUnitFloat(bytes: Uint8Array): Float32Array {
  const out = new Float32Array(bytes.length);
  const k = 1 / 255;
  for (let i = 0; i < bytes.length; i++) out[i] = bytes[i] * k;
  return out;
}

/** Returns `dataset` with pixels of the requested type (no copy when already right). Internal helper. */
export function withPixelType<D extends PixelType, X extends ImageDataset<Uint8Array>>(
  dataset: X,
  dtype: D | undefined,
): Omit<X, 'images'> & { images: PixelArray<D> } {
  if (dtype === undefined || dtype === 'uint8') return dataset as unknown as Omit<X, 'images'> & { images: PixelArray<D> };
  return { ...dataset, images: bytesToUnitFloat(dataset.images) as PixelArray<D> };
}

/** Number of values in one image of `shape`. */
export function imageSize(shape: readonly number[]): number {
  return shape[1] * shape[2] * shape[3];
}
