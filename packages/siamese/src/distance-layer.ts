import * as tf from '@tensorflow/tfjs-core';
import { layers, type Shape } from '@tensorflow/tfjs-layers';
import type { LayerArgs } from '@tensorflow/tfjs-layers/dist/engine/topology.js';
import { euclideanDistance } from '@dlkit/layers';
import { SiameseError } from './errors';

/**
 * The distance head of a siamese network: takes the two embeddings `[batch, features]` and outputs their
 * Euclidean distance `[batch, 1]` (`@dlkit/layers`' `euclideanDistance`, with a zero subgradient where
 * the embeddings coincide). No weights.
 *
 * Registered for serialisation under `DlkitEuclideanDistance` when the package is imported.
 *
 * @example
 * ```ts
 * const d = new EuclideanDistance().apply([embA, embB]); // SymbolicTensor [null, 1]
 * ```
 */
export class EuclideanDistance extends layers.Layer {
  /** @nocollapse */
  static className = 'DlkitEuclideanDistance';

  constructor(args: LayerArgs = {}) {
    super(args);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    if (!Array.isArray(inputShape[0]) || inputShape.length !== 2) {
      throw new SiameseError(
        `${EuclideanDistance.className}.inputShape`,
        inputShape,
        'two shapes [batch, features], one per branch',
      );
    }
    const [a, b] = inputShape as Shape[];
    if (a.length !== 2 || b.length !== 2 || a[1] !== b[1]) {
      throw new SiameseError(
        `${EuclideanDistance.className}.inputShape`,
        JSON.stringify(inputShape),
        'two equal shapes [batch, features]',
        'Flatten the embedding (e.g. end the base model with a dense layer) so that each branch outputs a vector',
      );
    }
    return [a[0], 1];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      if (!Array.isArray(inputs) || inputs.length !== 2) {
        throw new SiameseError(`${EuclideanDistance.className}.inputs`, inputs, 'an array of two tensors [batch, features]');
      }
      this.invokeCallHook(inputs, {});
      return tf.expandDims(euclideanDistance(inputs[0], inputs[1]), 1);
    });
  }
}
tf.serialization.registerClass(EuclideanDistance);
