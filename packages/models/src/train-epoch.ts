import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { createRng, deriveSeed, permutation, yieldToEventLoop } from '@dlkit/core';
import { layerLosses } from './layer-losses';
import { gatherLabels, gatherRows } from './data';
import type { TrainPlan } from './train-plan';
import { trainingStep } from './training-step';

/** The mean training loss and accuracy of one epoch, or `aborted` when the signal stopped it midway. Internal. */
export interface EpochOutcome {
  loss: number;
  accuracy: number;
  aborted: boolean;
}

/**
 * One epoch of mini-batch training (0-based `epoch`): a seeded shuffle, one {@link trainingStep} per batch, the
 * loss and the number of correct predictions summed on the device and read back once at the end. Per batch, only
 * the loss value is read back, and only when a progress listener is set. Checks `signal` after every batch.
 * Internal.
 */
export async function trainEpoch(
  model: LayersModel,
  plan: TrainPlan,
  optimizer: tf.Optimizer,
  epoch: number,
  options: { shuffle: boolean; signal?: AbortSignal; startedAt: number },
): Promise<EpochOutcome> {
  const { trainData, n, size, batchSize, numClasses, lossFn, l1, l2, kernels, vars, listener, epochs, seed } = plan;
  const batches = Math.ceil(n / batchSize);
  const order = options.shuffle ? permutation(n, deriveSeed(seed, epoch + 1)) : null;
  // One stream per epoch, so a run resumed from a checkpoint draws the same dropout masks.
  const random = createRng(deriveSeed(seed, 0xd40 + epoch));
  let lossSum: tf.Scalar = tf.scalar(0);
  let correct: tf.Scalar = tf.scalar(0);
  let aborted = false;
  try {
    for (let b = 0; b < batches; b++) {
      const start = b * batchSize;
      const end = Math.min(n, start + batchSize);
      const rows = end - start;
      const x = gatherRows(trainData, size, order, start, end);
      const y = gatherLabels(trainData, order, start, end);
      let batchCorrect: tf.Scalar | undefined;
      let loss: tf.Scalar | undefined;
      try {
        loss = trainingStep(
          optimizer,
          () => {
            const probs = model.apply(x, { training: true }) as tf.Tensor; // dropout, noise, batch statistics on
            const targets = tf.cast(tf.oneHot(y, numClasses), 'float32');
            let total: tf.Scalar = lossFn(targets, probs);
            batchCorrect = tf.keep(tf.sum(tf.cast(tf.equal(tf.argMax(probs, -1), y), 'float32')) as tf.Scalar);
            const reg = layerLosses(model);
            if (reg.length > 0) total = tf.add(total, tf.addN(reg)) as tf.Scalar;
            if (l1 > 0) total = tf.add(total, tf.mul(l1, tf.addN(kernels.map((k) => tf.sum(tf.abs(k)))))) as tf.Scalar;
            if (l2 > 0) total = tf.add(total, tf.mul(l2, tf.addN(kernels.map((k) => tf.sum(tf.square(k)))))) as tf.Scalar;
            return total;
          },
          { vars, random },
        );
        const stepLoss = loss;
        const nextLoss = tf.tidy(() => tf.add(lossSum, tf.mul(stepLoss, rows)) as tf.Scalar);
        const nextCorrect = tf.tidy(() => tf.add(correct, batchCorrect as tf.Scalar) as tf.Scalar);
        lossSum.dispose();
        correct.dispose();
        lossSum = nextLoss;
        correct = nextCorrect;
        if (listener !== undefined) {
          const value = loss.dataSync()[0];
          listener({
            type: 'batch',
            epoch: epoch + 1,
            epochs,
            batch: b + 1,
            batches,
            loss: value,
            seconds: (performance.now() - options.startedAt) / 1000,
          });
        }
      } finally {
        // Also when a loss function or a listener throws: a failed call leaves no tensor behind.
        tf.dispose([x, y, ...(loss ? [loss] : []), ...(batchCorrect ? [batchCorrect as tf.Scalar] : [])]);
      }
      if (options.signal?.aborted) {
        aborted = true;
        break;
      }
      // Let timers and signals run between batches without a per-batch sync (browser-safe, unlike setImmediate).
      if ((b & 15) === 15) await yieldToEventLoop();
    }
    const trainLoss = (await lossSum.data())[0] / n;
    const trainAcc = (await correct.data())[0] / n;
    return { loss: trainLoss, accuracy: trainAcc, aborted };
  } finally {
    tf.dispose([lossSum, correct]);
  }
}
