import * as tf from '@tensorflow/tfjs-core';
import { LayerArgumentError } from './errors';
import { checkSameSize, type LossFunction } from './loss-function';
import { finiteNumber } from './validate';

/** The forms of {@link contrastiveLoss}; `Y = 1` marks a similar pair, `d` the distance between the embeddings. */
export type ContrastiveForm = 'half-squared' | 'squared' | 'hadsell';

/** Every {@link ContrastiveForm}. */
export const CONTRASTIVE_FORMS: readonly ContrastiveForm[] = ['half-squared', 'squared', 'hadsell'];

/** Options of {@link contrastiveLoss}. */
export interface ContrastiveLossOptions {
  /** Margin m > 0: dissimilar pairs stop contributing beyond it. Default 1. */
  margin?: number;
  /**
   * - `'half-squared'`: `Y·½d² + (1−Y)·max(m − d², 0)`;
   * - `'squared'`: `Y·d² + (1−Y)·max(m − d², 0)`;
   * - `'hadsell'`: `Y·½d² + (1−Y)·½·max(m − d, 0)²` (Hadsell, Chopra & LeCun 2006, with their Y flipped:
   *   there Y = 0 marks similar pairs).
   * Default `'half-squared'`.
   */
  form?: ContrastiveForm;
}

/**
 * Contrastive loss for siamese networks, averaged over the batch. `yTrue` holds Y ∈ {0, 1} (1 = same class),
 * `yPred` the distances d ≥ 0 (e.g. from {@link euclideanDistance}), both `[batch]` or `[batch, 1]`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { contrastiveLoss, euclideanDistance } from '@dlkit/layers';
 * const loss = contrastiveLoss({ margin: 1, form: 'hadsell' });
 * const l = loss(tf.tensor1d([1, 0]), euclideanDistance(a, b)); // scalar
 * ```
 */
export function contrastiveLoss(options: ContrastiveLossOptions = {}): LossFunction {
  const name = 'contrastiveLoss';
  const margin = finiteNumber(name, 'margin', options.margin ?? 1, 'positive');
  const form = options.form ?? 'half-squared';
  if (!CONTRASTIVE_FORMS.includes(form)) {
    throw new LayerArgumentError(name, 'form', form, `one of ${CONTRASTIVE_FORMS.map((f) => `'${f}'`).join(', ')}`);
  }
  return (yTrue, yPred) =>
    tf.tidy(() => {
      checkSameSize(name, yTrue, yPred);
      const y = tf.reshape(yTrue, [-1]);
      const d = tf.reshape(yPred, [-1]);
      const d2 = tf.square(d);
      const similar = form === 'squared' ? d2 : tf.mul(d2, 0.5);
      const dissimilar = form === 'hadsell' ? tf.mul(tf.square(tf.relu(tf.sub(margin, d))), 0.5) : tf.relu(tf.sub(margin, d2));
      const perPair = tf.add(tf.mul(y, similar), tf.mul(tf.sub(1, y), dissimilar));
      return tf.mean(perPair) as tf.Scalar;
    });
}
