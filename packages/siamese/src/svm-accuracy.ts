import { stratifiedHoldOut } from '@dlkit/datasets';
import { LinearSVC, StandardScaler, type FeatureMatrix } from '@dlkit/svm-bridge';
import { numberIn } from './errors';
import { checkEmbeddings, type EmbeddingMatrix } from './embed';

/** Options of {@link svmAccuracy}. */
export interface SvmAccuracyOptions {
  /** Fraction held out for testing (stratified). Default 0.2 (the 80/20 split of the report). */
  testFraction?: number;
  /** Seed of the split. Default 0. */
  seed?: number;
  /** SVM penalty C. Default 1. */
  C?: number;
  /** Standardise features with training statistics before fitting. Default true. */
  standardize?: boolean;
}

/** Result of {@link svmAccuracy}. */
export interface SvmAccuracy {
  /** Accuracy on the held-out 20 %. */
  accuracy: number;
  /** Accuracy on the 80 % it was fitted on. */
  trainAccuracy: number;
  trainSize: number;
  testSize: number;
}

function accuracyOf(pred: Int32Array, labels: ArrayLike<number>, idx: Int32Array): number {
  let ok = 0;
  for (let i = 0; i < idx.length; i++) if (pred[i] === labels[idx[i]]) ok++;
  return ok / idx.length;
}

function rowsOf(X: EmbeddingMatrix, idx: Int32Array): EmbeddingMatrix {
  const data = new Float32Array(idx.length * X.cols);
  for (let i = 0; i < idx.length; i++) data.set(X.data.subarray(idx[i] * X.cols, (idx[i] + 1) * X.cols), i * X.cols);
  return { data, rows: idx.length, cols: X.cols };
}

/**
 * How linearly separable the classes are in the embedding: a one-vs-rest linear SVM (`@dlkit/svm-bridge`'s
 * `LinearSVC`, liblinear's solver) fitted on a stratified 80 % of the embeddings and scored on the other 20 %
 * — the measure of the report's siamese experiment.
 *
 * @example
 * ```ts
 * const { accuracy } = svmAccuracy(embed(net, test), test.labels); // e.g. 0.78
 * ```
 */
export function svmAccuracy(features: EmbeddingMatrix, labels: ArrayLike<number>, options: SvmAccuracyOptions = {}): SvmAccuracy {
  checkEmbeddings(features, labels);
  const testFraction = numberIn('options.testFraction', options.testFraction ?? 0.2, 1e-9, 1 - 1e-9);
  const split = stratifiedHoldOut(labels, { testFraction, seed: options.seed ?? 0 });
  let Xtr: FeatureMatrix = rowsOf(features, split.train);
  let Xte: FeatureMatrix = rowsOf(features, split.test);
  if (options.standardize ?? true) {
    const scaler = new StandardScaler().fit(Xtr);
    Xtr = scaler.transform(Xtr);
    Xte = scaler.transform(Xte);
  }
  const ytr = Int32Array.from(split.train, (i) => labels[i]);
  const clf = new LinearSVC({ C: options.C ?? 1, seed: options.seed ?? 0 }).fit(Xtr, ytr);
  return {
    accuracy: accuracyOf(clf.predict(Xte), labels, split.test),
    trainAccuracy: accuracyOf(clf.predict(Xtr), labels, split.train),
    trainSize: split.train.length,
    testSize: split.test.length,
  };
}
