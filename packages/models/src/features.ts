import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { checkData, checkInputShape, gatherRows, type LabeledData } from './data';
import { positiveInt } from './errors';
import { truncated } from './layer-output';
import type { FeatureMatrix as CoreFeatureMatrix } from '@dlkit/core';
import type { Inputs } from './predict';

/** Options of {@link extractFeatures}. */
export interface ExtractFeaturesOptions {
  /** Samples per forward pass. Default 128. */
  batchSize?: number;
}

/** Activations of one layer for a dataset: `@dlkit/core`'s `rows × cols` matrix plus the layer's name and per-sample shape. */
export interface FeatureMatrix extends CoreFeatureMatrix {
  /** The layer's output shape for one sample (e.g. `[4, 4, 64]`); `cols` is its product. */
  sampleShape: number[];
  /** The layer's name. */
  layer: string;
}

/**
 * The activations of any named layer for every sample, computed in batches (inference mode) and returned
 * as a `Float32Array` matrix (one row per sample, the layer output flattened) — features for an SVM,
 * t-SNE or a linear probe. No tensor outlives the call.
 *
 * @example
 * ```ts
 * const f = extractFeatures(model, 'fc2', test);   // CifarNet-TF: rows = test.shape[0], cols = 192
 * svm.fit(f.data, f.rows, f.cols, test.labels);
 * ```
 */
export function extractFeatures(
  model: LayersModel,
  layerName: string,
  inputs: Inputs,
  options: ExtractFeaturesOptions = {},
): FeatureMatrix {
  const batchSize = positiveInt('options.batchSize', options.batchSize ?? 128);
  const { n, size } = checkData('inputs', inputs as LabeledData, false);
  checkInputShape('inputs', model, inputs.shape);
  const sub = truncated(model, [layerName]);
  const sampleShape = (sub.outputs[0].shape.slice(1) as Array<number | null>).map((v) => v ?? 1);
  const cols = sampleShape.reduce((a, b) => a * b, 1);
  const data = new Float32Array(n * cols);
  for (let start = 0; start < n; start += batchSize) {
    const end = Math.min(n, start + batchSize);
    const values = tf.tidy(() => (sub.apply(gatherRows(inputs as LabeledData, size, null, start, end)) as tf.Tensor).dataSync());
    data.set(values, start * cols);
  }
  return { data, rows: n, cols, sampleShape, layer: layerName };
}
