import * as tf from '@tensorflow/tfjs-core';
import { contrastiveLoss, type ContrastiveForm } from '@dlkit/layers';
import { check, positiveInt } from './errors';
import { checkImageSet, gatherImages, type ImageSet } from './image-set';
import type { PairIndices } from './pair-sampler';
import type { SiameseNetwork } from './siamese';

/** Options of {@link pairLoss}. */
export interface PairLossOptions {
  /** Contrastive loss form (`@dlkit/layers`). Default `'half-squared'`. */
  form?: ContrastiveForm;
  /** Margin m. Default 1. */
  margin?: number;
  /** Pairs per forward pass. Default 256. */
  batchSize?: number;
}

/** Checks that `pairs` is well formed and indexes `n` samples. Internal. */
export function checkPairs(pairs: PairIndices, n: number, argument = 'pairs'): void {
  check(pairs !== null && typeof pairs === 'object', argument, pairs, '{ left, right, same }');
  const { left, right, same } = pairs;
  check(
    left instanceof Int32Array && right instanceof Int32Array && same instanceof Uint8Array,
    argument,
    pairs,
    'left, right: Int32Array; same: Uint8Array',
  );
  check(
    left.length > 0 && right.length === left.length && same.length === left.length,
    `${argument}.right`,
    `lengths ${left.length}/${right.length}/${same.length}`,
    'left, right and same of one non-zero length',
  );
  for (let i = 0; i < left.length; i++) {
    check(
      left[i] >= 0 && left[i] < n && right[i] >= 0 && right[i] < n,
      `${argument}.left/right[${i}]`,
      `${left[i]}, ${right[i]}`,
      `indices in [0, ${n - 1}]`,
    );
  }
}

/**
 * Mean contrastive loss of the network over a fixed set of pairs (inference mode, in batches), e.g. the
 * held-out pairs of {@link evaluationPairs}. No tensor is left behind.
 *
 * @example
 * ```ts
 * const loss = pairLoss(net, test, evaluationPairs(test.labels), { form: 'squared', margin: 1 });
 * ```
 */
export function pairLoss(net: SiameseNetwork, data: ImageSet, pairs: PairIndices, options: PairLossOptions = {}): number {
  checkImageSet(data, 'data', net.inputShape);
  checkPairs(pairs, data.shape[0]);
  const batchSize = positiveInt('options.batchSize', options.batchSize ?? 256);
  const loss = contrastiveLoss({ form: options.form, margin: options.margin });
  let total = 0;
  const n = pairs.left.length;
  for (let start = 0; start < n; start += batchSize) {
    const end = Math.min(n, start + batchSize);
    const value = tf.tidy(() => {
      const x1 = gatherImages(data, pairs.left.subarray(start, end));
      const x2 = gatherImages(data, pairs.right.subarray(start, end));
      const y = tf.tensor1d(Float32Array.from(pairs.same.subarray(start, end)));
      const d = net.twin.predict([x1, x2]) as tf.Tensor;
      return loss(y, d);
    });
    total += value.dataSync()[0] * (end - start);
    value.dispose();
  }
  return total / n;
}
