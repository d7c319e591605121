import * as tf from '@tensorflow/tfjs-core';
import '@dlkit/layers'; // registers the custom layers (L2 pooling, subtractive normalisation) for deserialisation
import { loadModel } from '@dlkit/models';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { checkMeta, type ModelMeta } from './model-meta';
import { standardize } from './preprocess';

/** The ConvNet and its input statistics, loaded from a folder URL holding model.json, weights.bin and meta.json. */
export interface DigitClassifier {
  readonly model: LayersModel;
  readonly meta: ModelMeta;
  /** Softmax probabilities of the ten classes for a 28×28 image of intensities in [0, 255]. */
  classify(pixels: Float32Array): Float32Array;
}

export async function loadClassifier(baseUrl: string): Promise<DigitClassifier> {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  const response = await fetch(`${base}meta.json`);
  if (!response.ok) throw new Error(`${base}meta.json: HTTP ${response.status} (run the prepare-model script)`);
  const meta = checkMeta(await response.json());
  const model = await loadModel(new URL(`${base}model.json`, location.href).href);
  const [h, w, c] = meta.inputShape;
  return {
    model,
    meta,
    classify(pixels: Float32Array): Float32Array {
      if (pixels.length !== h * w * c) throw new Error(`classify: expected ${h * w * c} pixels, got ${pixels.length}`);
      const x = standardize(pixels, meta.pixelScale, meta.normalization.mean[0]!, meta.normalization.std[0]!);
      return tf.tidy(() => {
        const y = model.predict(tf.tensor4d(x, [1, h, w, c])) as tf.Tensor;
        return y.dataSync() as Float32Array;
      });
    },
  };
}
