import type * as tf from '@tensorflow/tfjs-core';
import { LayerArgumentError } from './errors';

/**
 * A loss as `model.compile({ loss })` takes it: targets first, predictions second, a scalar (the batch mean) out.
 * The caller owns (and disposes) the returned tensor.
 */
export type LossFunction = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Scalar;

/** Throws unless the two tensors hold the same number of values per row. Internal. */
export function checkSameSize(loss: string, yTrue: tf.Tensor, yPred: tf.Tensor): void {
  if (yTrue.size !== yPred.size || yTrue.shape[0] !== yPred.shape[0]) {
    throw new LayerArgumentError(loss, 'yTrue', yTrue.shape, `the same shape as yPred [${yPred.shape.join(', ')}]`);
  }
}
