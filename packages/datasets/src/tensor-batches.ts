import { batches, type Batch, type BatchOptions } from './batches';
import type { ImageDataset } from './dataset';
import { oneHot } from './transforms';

/** The part of a tfjs tensor this package relies on. */
export interface DisposableTensor {
  dispose(): void;
}

/**
 * The part of the tfjs namespace this package uses (pass `tf` from `@tensorflow/tfjs-core` or `@tensorflow/tfjs`).
 * Taking it as an argument keeps tfjs an optional peer that is never imported here.
 */
export interface TensorFactory<X extends DisposableTensor = DisposableTensor> {
  tensor(values: Float32Array | Int32Array, shape: number[], dtype?: 'float32' | 'int32'): X;
}

/** Options for {@link tensorBatches}. */
export interface TensorBatchOptions<X extends DisposableTensor> extends BatchOptions {
  /** The tfjs namespace. */
  tf: TensorFactory<X>;
  /** `'oneHot'` (default): float32 `[b, classes]`; `'int32'`: class ids `[b]`. */
  labels?: 'oneHot' | 'int32';
  /** Divide uint8 pixels by 255 (default true). Float datasets are passed through. */
  scale?: boolean;
  /** Optional per-batch augmentation applied to the float pixels before the tensor is made. */
  augment?: (images: Float32Array, batch: Batch) => Float32Array;
  /** Keep tensors alive after the iteration moves on: the caller must dispose them. Default false. */
  keep?: boolean;
}

/** A batch as tensors: `xs` float32 `[b, h, w, c]`, `ys` per {@link TensorBatchOptions.labels}. */
export interface TensorBatch<X extends DisposableTensor> {
  xs: X;
  ys: X;
  size: number;
}

/**
 * Mini-batches as tfjs tensors, without leaks: each batch's tensors are disposed when the loop moves to
 * the next batch and when it ends (including `break` and exceptions). Use the tensors inside the loop
 * body (e.g. `model.trainOnBatch(xs, ys)`); pass `keep: true` to own and dispose them yourself.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * for (const { xs, ys } of tensorBatches(train, { tf, batchSize: 64, seed: 1, epoch })) {
 *   await model.trainOnBatch(xs, ys); // xs: [64, 28, 28, 1] float32 in [0, 1]; ys: [64, 10] one-hot
 * }
 * ```
 */
export function* tensorBatches<X extends DisposableTensor, T extends Uint8Array | Float32Array>(
  dataset: ImageDataset<T>,
  options: TensorBatchOptions<X>,
): Generator<TensorBatch<X>, void, undefined> {
  const numClasses = dataset.classNames.length;
  const scale = options.scale ?? true;
  let live: X[] = [];
  const release = () => {
    if (!options.keep) for (const t of live) t.dispose();
    live = [];
  };
  try {
    for (const batch of batches(dataset, options)) {
      release();
      let pixels: Float32Array;
      if (batch.images instanceof Float32Array) pixels = batch.images;
      else {
        pixels = new Float32Array(batch.images.length);
        const k = scale ? 1 / 255 : 1;
        for (let i = 0; i < pixels.length; i++) pixels[i] = batch.images[i] * k;
      }
      if (options.augment) pixels = options.augment(pixels, batch);
      const b = batch.labels.length;
      const xs = options.tf.tensor(pixels, [...batch.shape], 'float32');
      live.push(xs);
      const ys =
        (options.labels ?? 'oneHot') === 'oneHot'
          ? options.tf.tensor(oneHot(batch.labels, numClasses), [b, numClasses], 'float32')
          : options.tf.tensor(Int32Array.from(batch.labels), [b], 'int32');
      live.push(ys);
      yield { xs, ys, size: b };
    }
  } finally {
    release();
  }
}
