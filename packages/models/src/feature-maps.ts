import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { checkData, checkInputShape, gatherRows, type LabeledData } from './data';
import { check } from './errors';
import { truncated } from './layer-output';
import type { Inputs } from './predict';

/**
 * The maps a layer produces for one input: `height × width × channels`, channels last. `@dlkit/report`'s
 * `featureMapGrid`, `featureMapGridPng` and `featureMapsSvg` take it as it is.
 */
export interface FeatureMaps {
  layer: string;
  height: number;
  width: number;
  channels: number;
  /** `[height, width, channels]` values, row-major. */
  data: Float32Array;
}

/**
 * The feature maps after each named layer (e.g. every layer of a block: `['conv1', 'act1', 'pool1', 'norm1']`)
 * for one input sample (`index` into `inputs`). Layers with flat outputs give `1 × 1 × units` maps.
 *
 * @example
 * ```ts
 * import { featureMapsSvg } from '@dlkit/report';
 * const maps = featureMaps(model, ['conv1', 'pool1', 'norm1'], test, 0);
 * writeFileSync('block1.svg', featureMapsSvg(maps));
 * ```
 */
export function featureMaps(model: LayersModel, layerNames: readonly string[], inputs: Inputs, index = 0): FeatureMaps[] {
  check(Array.isArray(layerNames) && layerNames.length > 0, 'layerNames', layerNames, 'a non-empty array of layer names');
  const { n, size } = checkData('inputs', inputs as LabeledData, false);
  checkInputShape('inputs', model, inputs.shape);
  check(Number.isInteger(index) && index >= 0 && index < n, 'index', index, `a sample index in [0, ${n})`);
  const sub = truncated(model, layerNames, 'layerNames');
  const outs = tf.tidy(() => {
    const o = sub.apply(gatherRows(inputs as LabeledData, size, null, index, index + 1)) as tf.Tensor | tf.Tensor[];
    return Array.isArray(o) ? o : [o];
  });
  try {
    return outs.map((t, k) => {
      const s = t.shape.slice(1);
      const [height, width, channels] = s.length === 3 ? s : [1, 1, s.reduce((a, b) => a * b, 1)];
      return { layer: layerNames[k], height, width, channels, data: t.dataSync() as Float32Array };
    });
  } finally {
    tf.dispose(outs);
  }
}
