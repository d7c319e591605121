import * as tf from '@tensorflow/tfjs-core';
import type { FeatureMatrix as CoreFeatureMatrix } from '@dlkit/core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { checkData, checkInputShape, gatherRows, type LabeledData } from './data';
import { check, positiveInt } from './errors';

/** Inputs without labels: `LabeledData` minus the labels. */
export type Inputs = Pick<LabeledData, 'images' | 'shape'>;

/**
 * A row-major float matrix: `rows × cols` values in `data` — `@dlkit/core`'s `FeatureMatrix`.
 * @deprecated Use `FeatureMatrix` from `@dlkit/core`; this alias is kept for existing callers.
 */
export type FloatMatrix = CoreFeatureMatrix;

/**
 * Runs `model` over `inputs` in batches and returns its (single) output as a `rows × cols` matrix
 * (scores or probabilities, one row per sample). No tensor outlives the call.
 *
 * @example
 * ```ts
 * const { data, rows, cols } = predictScores(model, test, { batchSize: 256 }); // rows = test.shape[0]
 * ```
 */
export function predictScores(model: LayersModel, inputs: Inputs, options: { batchSize?: number } = {}): FloatMatrix {
  const batchSize = positiveInt('options.batchSize', options.batchSize ?? 256);
  const { n, size } = checkData('inputs', inputs as LabeledData, false);
  checkInputShape('inputs', model, inputs.shape);
  const outShape = model.outputs[0].shape;
  const cols = outShape.slice(1).reduce<number>((a, b) => a * (b ?? 1), 1);
  check(model.outputs.length === 1, 'model', `${model.outputs.length} outputs`, 'one output');
  const out = new Float32Array(n * cols);
  const data = inputs as LabeledData;
  for (let start = 0; start < n; start += batchSize) {
    const end = Math.min(n, start + batchSize);
    const values = tf.tidy(() => (model.apply(gatherRows(data, size, null, start, end)) as tf.Tensor).dataSync());
    out.set(values, start * cols);
  }
  return { data: out, rows: n, cols };
}
