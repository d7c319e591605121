import { input, model, type LayersModel, type SymbolicTensor } from '@tensorflow/tfjs-layers';
import { EuclideanDistance } from './distance-layer';
import { SiameseError } from './errors';

/** Options of {@link siamese}. */
export interface SiameseOptions {
  /** Name of the twin model. Default `'siamese'`. */
  name?: string;
}

/** A twin network and the embedding network it is made of (returned by {@link siamese}). */
export interface SiameseNetwork {
  /**
   * Two inputs `[batch, ...inputShape]` (left, right) → distance `[batch, 1]`. Both branches are the *same*
   * `embedding` model applied twice, so they share every weight: a gradient step through either branch
   * moves both.
   */
  readonly twin: LayersModel;
  /** The base model alone, `[batch, ...inputShape]` → `[batch, embeddingSize]`: use it for inference. */
  readonly embedding: LayersModel;
  /** Shape of one input sample (without the batch dimension). */
  readonly inputShape: readonly number[];
  /** Length of one embedding vector. */
  readonly embeddingSize: number;
}

/**
 * Builds a siamese (twin) network from a base model (Bromley et al. 1993; Chopra, Hadsell & LeCun 2005): the
 * base is applied to two inputs — one set of weights, two branches — and a Euclidean distance head compares
 * the two embeddings. Train it with a contrastive loss on same/different-class pairs ({@link trainSiamese}).
 *
 * The base model must have one input and one output of shape `[batch, features]`. The twin owns it: dispose
 * `twin`, and every weight is freed, the base's included (do not dispose `embedding` as well).
 *
 * @example
 * ```ts
 * import { siamese, embeddingConvNet } from '@dlkit/siamese';
 * const net = siamese(embeddingConvNet({ inputShape: [28, 28, 1], embeddingSize: 16, seed: 1 }));
 * const d = net.twin.predict([left, right]);  // [batch, 1] distances
 * const z = net.embedding.predict(images);    // [batch, 16] embeddings
 * ```
 */
export function siamese(baseModel: LayersModel, options: SiameseOptions = {}): SiameseNetwork {
  if (
    baseModel === null ||
    typeof baseModel !== 'object' ||
    !Array.isArray(baseModel.inputs) ||
    !Array.isArray(baseModel.outputs)
  ) {
    throw new SiameseError('baseModel', baseModel, 'a tfjs-layers LayersModel (Sequential or functional)');
  }
  if (baseModel.inputs.length !== 1 || baseModel.outputs.length !== 1) {
    throw new SiameseError(
      'baseModel',
      `${baseModel.inputs.length} inputs, ${baseModel.outputs.length} outputs`,
      'one input and one output',
    );
  }
  const outShape = baseModel.outputs[0].shape;
  const embeddingSize = outShape[1];
  if (outShape.length !== 2 || embeddingSize === null || embeddingSize === undefined) {
    throw new SiameseError(
      'baseModel.outputs[0].shape',
      JSON.stringify(outShape),
      '[batch, features]',
      'End the base model with a dense layer (or flatten) so that it outputs one vector per sample',
    );
  }
  const sample = baseModel.inputs[0].shape.slice(1);
  if (sample.some((d) => d === null)) {
    throw new SiameseError(
      'baseModel.inputs[0].shape',
      JSON.stringify(baseModel.inputs[0].shape),
      'fixed sizes except the batch dimension',
    );
  }
  const inputShape = sample as number[];
  const left = input({ shape: inputShape, name: 'left' });
  const right = input({ shape: inputShape, name: 'right' });
  const a = baseModel.apply(left) as SymbolicTensor;
  const b = baseModel.apply(right) as SymbolicTensor;
  const distance = new EuclideanDistance({ name: 'distance' }).apply([a, b]) as SymbolicTensor;
  const twin = model({ inputs: [left, right], outputs: distance, name: options.name ?? 'siamese' });
  // tfjs counts references to a model: one from its construction, one per branch applied here; disposing the
  // twin releases the two branches' only. The twin takes the construction's over, so that `twin.dispose()`
  // frees the base's weights too instead of leaving them allocated for good.
  baseModel.dispose();
  return { twin, embedding: baseModel, inputShape, embeddingSize };
}
