import type { LabeledData } from '@dlkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { check } from './errors';
import { requireBackend } from './require-backend';

/**
 * Labelled images for siamese training: `@dlkit/core`'s `LabeledData` with a 4-D shape `[n, height, width,
 * channels]` (NHWC); a datasets `ImageDataset` is one as it is. `Uint8Array` pixels are scaled to [0, 1] (÷ 255)
 * when batched; `Float32Array` pixels are used unchanged.
 */
export type ImageSet = LabeledData & { readonly shape: readonly [number, number, number, number] };

/**
 * Validates an {@link ImageSet}; with `inputShape` (one sample's shape, `null` for any size), also that its
 * images have the network's input shape — checked before any tensor is made. Internal.
 */
export function checkImageSet(data: ImageSet, argument = 'data', inputShape?: readonly (number | null)[]): void {
  check(data !== null && typeof data === 'object', argument, data, '{ images, shape, labels }');
  const { images, shape, labels } = data;
  check(
    images instanceof Uint8Array || images instanceof Float32Array,
    `${argument}.images`,
    images,
    'a Uint8Array or Float32Array',
  );
  check(
    Array.isArray(shape) && shape.length === 4 && shape.every((v) => Number.isInteger(v) && v > 0),
    `${argument}.shape`,
    shape,
    '[n, height, width, channels] of positive integers',
  );
  const [n, h, w, c] = shape;
  check(images.length === n * h * w * c, `${argument}.images`, `length ${images.length}`, `length n·h·w·c = ${n * h * w * c}`);
  check(
    labels !== null && typeof labels === 'object' && labels.length === n,
    `${argument}.labels`,
    labels,
    `${n} labels, one per image`,
  );
  if (inputShape !== undefined) {
    const sample = [h, w, c];
    const fits = inputShape.length === 3 && inputShape.every((d, i) => d === null || d === sample[i]);
    check(fits, `${argument}.shape`, shape, `images of shape [${inputShape.map(String).join(', ')}] (the network's input shape)`);
  }
}

/**
 * The pixels of the images at `indices`, one after another as float32 (uint8 pixels ÷ 255): what
 * {@link gatherImages} makes its tensor of, and what a training-time augmentation works on. Internal.
 */
export function gatherPixels(data: ImageSet, indices: ArrayLike<number>): Float32Array {
  const [n, h, w, c] = data.shape;
  const size = h * w * c;
  const out = new Float32Array(indices.length * size);
  const scale = data.images instanceof Uint8Array ? 1 / 255 : 1;
  for (let r = 0; r < indices.length; r++) {
    const i = indices[r];
    check(Number.isInteger(i) && i >= 0 && i < n, `indices[${r}]`, i, `an image index in [0, ${n - 1}]`);
    const src = data.images.subarray(i * size, (i + 1) * size);
    if (scale === 1) out.set(src, r * size);
    else for (let j = 0, o = r * size; j < size; j++) out[o + j] = src[j] * scale;
  }
  return out;
}

/**
 * The images at `indices` as a `[indices.length, h, w, c]` float32 tensor (uint8 pixels ÷ 255). The caller
 * owns (and disposes) the tensor.
 *
 * @example
 * ```ts
 * const x = gatherImages(train, pairs.left); // Tensor4D
 * ```
 */
export function gatherImages(data: ImageSet, indices: ArrayLike<number>): tf.Tensor4D {
  requireBackend('gatherImages');
  const [, h, w, c] = data.shape;
  return tf.tensor4d(gatherPixels(data, indices), [indices.length, h, w, c]);
}
