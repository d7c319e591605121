import * as tf from '@tensorflow/tfjs-core';
import type { FeatureMatrix } from '@dlkit/core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { check, positiveInt } from './errors';
import { checkImageSet, gatherImages, type ImageSet } from './image-set';
import type { SiameseNetwork } from './siamese';

/** A dense row-major matrix, `data[r · cols + c]` — `@dlkit/core`'s `FeatureMatrix`, how features cross package borders in dlkit. */
export type EmbeddingMatrix = FeatureMatrix;

/** Options of {@link embed}. */
export interface EmbedOptions {
  /** Images per forward pass. Default 256. */
  batchSize?: number;
  /** Embed only these images (indices into `data`), in this order. Default: all. */
  indices?: ArrayLike<number>;
}

/**
 * Runs the embedding network (one branch of the twin) over images in inference mode and returns the
 * embeddings as a typed-array matrix, one row per image — ready for `@dlkit/svm-bridge` and `@dlkit/embeddings`.
 *
 * @example
 * ```ts
 * const Z = embed(net, test);            // { data: Float32Array, rows: 10000, cols: 32 }
 * const clf = new LinearSVC().fit(Z, test.labels);
 * ```
 */
export function embed(net: SiameseNetwork | LayersModel, data: ImageSet, options: EmbedOptions = {}): EmbeddingMatrix {
  const model = 'twin' in net ? net.embedding : net;
  checkImageSet(data, 'data', model.inputs[0].shape.slice(1));
  const batchSize = positiveInt('options.batchSize', options.batchSize ?? 256);
  const indices = options.indices ?? Int32Array.from({ length: data.shape[0] }, (_, i) => i);
  const rows = indices.length;
  let out: Float32Array | undefined;
  let cols = 0;
  for (let start = 0; start < rows; start += batchSize) {
    const end = Math.min(rows, start + batchSize);
    const idx = Int32Array.from({ length: end - start }, (_, i) => indices[start + i]);
    const z = tf.tidy(() => model.predict(gatherImages(data, idx)) as tf.Tensor);
    if (out === undefined) {
      cols = z.shape[1] ?? 0;
      out = new Float32Array(rows * cols);
    }
    out.set(z.dataSync() as Float32Array, start * cols);
    z.dispose();
  }
  return { data: out ?? new Float32Array(0), rows, cols };
}

/** Validates embeddings and their labels (one per row) before they are scored or drawn. Internal. */
export function checkEmbeddings(features: EmbeddingMatrix, labels: ArrayLike<number>): void {
  check(
    features !== null && typeof features === 'object' && features.data instanceof Float32Array,
    'features',
    features,
    '{ data: Float32Array, rows, cols }',
  );
  check(
    labels !== null && typeof labels === 'object' && labels.length === features.rows,
    'labels',
    labels,
    `${features.rows} labels, one per row of features`,
  );
}
