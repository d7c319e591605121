import * as tf from '@tensorflow/tfjs-core';
import { model as functionalModel, type LayersModel, type SymbolicTensor } from '@tensorflow/tfjs-layers';
import type { ImageDataset } from '@dlkit/datasets';
import type { FeatureMatrix } from '@dlkit/svm-bridge';

/** Options of {@link extractLayers}. */
export interface ExtractLayersOptions {
  /** Images per forward pass. Default 256. */
  batchSize?: number;
  /** Called after every batch with the images done so far (for a progress line on a 50 000-image pass). */
  onBatch?: (done: number, total: number) => void;
}

/**
 * The activations of several layers for every image, from one forward pass (inference mode) instead of one
 * pass per layer as `extractFeatures` would take: on the full CIFAR-10 training set a pass is the costly part,
 * so fc1 and fc2 together cost what fc2 alone does. Each layer's output is flattened into a
 * `rows × cols` Float32Array matrix. Batches run in `tf.tidy`, so no tensor outlives the call; the
 * sub-model shares `model`'s weights and is not disposed (that would dispose them).
 *
 * @example
 * ```ts
 * const f = extractLayers(model, ['fc1', 'fc2'], data.train);
 * f.get('fc2');   // { rows: 50000, cols: 192, data }
 * ```
 */
export function extractLayers(
  model: LayersModel,
  layers: readonly string[],
  data: ImageDataset<Float32Array>,
  options: ExtractLayersOptions = {},
): Map<string, FeatureMatrix> {
  const batchSize = options.batchSize ?? 256;
  const outputs = layers.map((name) => model.getLayer(name).output as SymbolicTensor);
  const sub = functionalModel({ inputs: model.inputs, outputs });
  const [n, h, w, c] = data.shape;
  const size = h * w * c;
  const cols = outputs.map((o) => o.shape.slice(1).reduce<number>((a, d) => a * (d ?? 1), 1));
  const mats = cols.map((k) => new Float32Array(n * k));
  for (let start = 0; start < n; start += batchSize) {
    const end = Math.min(n, start + batchSize);
    tf.tidy(() => {
      const x = tf.tensor4d(data.images.subarray(start * size, end * size), [end - start, h, w, c]);
      const ys = sub.apply(x, { training: false }) as tf.Tensor | tf.Tensor[];
      (Array.isArray(ys) ? ys : [ys]).forEach((y, i) => mats[i].set(y.dataSync(), start * cols[i]));
    });
    options.onBatch?.(end, n);
  }
  return new Map(layers.map((name, i) => [name, { data: mats[i], rows: n, cols: cols[i] }]));
}
