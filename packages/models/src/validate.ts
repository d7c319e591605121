import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { LossFunction } from '@dlkit/layers';
import { gatherLabels, gatherRows, type LabeledData } from './data';

/** Mean loss and accuracy of `model` on `data`, in batches, one read-back at the end. Internal. */
export function validate(
  model: LayersModel,
  data: LabeledData,
  size: number,
  batchSize: number,
  numClasses: number,
  lossFn: LossFunction,
): { loss: number; accuracy: number } {
  const n = data.shape[0];
  if (n === 0) return { loss: NaN, accuracy: NaN };
  let lossSum: tf.Scalar = tf.scalar(0);
  let correct: tf.Scalar = tf.scalar(0);
  for (let start = 0; start < n; start += batchSize) {
    const end = Math.min(n, start + batchSize);
    const [l, c] = tf.tidy(() => {
      const x = gatherRows(data, size, null, start, end);
      const y = gatherLabels(data, null, start, end);
      const probs = model.apply(x) as tf.Tensor;
      const batchLoss = lossFn(tf.cast(tf.oneHot(y, numClasses), 'float32'), probs);
      return [
        tf.add(lossSum, tf.mul(batchLoss, end - start)) as tf.Scalar,
        tf.add(correct, tf.sum(tf.cast(tf.equal(tf.argMax(probs, -1), y), 'float32'))) as tf.Scalar,
      ];
    });
    lossSum.dispose();
    correct.dispose();
    lossSum = l;
    correct = c;
  }
  const loss = lossSum.dataSync()[0] / n;
  const accuracy = correct.dataSync()[0] / n;
  tf.dispose([lossSum, correct]);
  return { loss, accuracy };
}
