import { SvmBridgeError, describe } from './errors';
import { LinearSVC } from './linear-svc';
import { checkLabels, checkMatrix, type FeatureMatrix, type Labels } from './matrix';
import { MinMaxScaler } from './min-max-scaler';
import { StandardScaler } from './standard-scaler';

/**
 * A layer-feature extractor: `extractFeatures` from `@dlkit/models` has this shape
 * (`(model, layerName, inputs, { batchSize }) → { data: Float32Array, rows, cols }`). svm-bridge never imports
 * the models package (an optional peer); pass the function in.
 *
 * @example
 * ```ts
 * import { extractFeatures } from '@dlkit/models';
 * const extract: LayerFeatureExtractor<LayersModel, Inputs> = extractFeatures;
 * ```
 */
export type LayerFeatureExtractor<M, D> = (
  model: M,
  layerName: string,
  data: D,
  options: { batchSize?: number },
) => FeatureMatrix | Promise<FeatureMatrix>;

/** Options of {@link fromModel}. */
export interface FromModelOptions {
  /** Samples per forward pass, handed to the extractor. Default: the extractor's own default. */
  batchSize?: number;
  /** Expected number of rows (samples); checked when given. */
  expectedRows?: number;
}

/**
 * Features from any layer of a trained network, checked (finite, `rows × cols`) and ready for an SVM:
 * `extract(model, layerName, data, { batchSize })` with the extractor injected (usually `extractFeatures`
 * from `@dlkit/models`).
 *
 * @example
 * ```ts
 * import { extractFeatures } from '@dlkit/models';
 * const Xtr = await fromModel(extractFeatures, model, 'fc2', train);   // { data: Float32Array, rows, cols }
 * const clf = new LinearSVC({ C: 0.01 }).fit(new StandardScaler().fitTransform(Xtr), train.labels);
 * ```
 */
export async function fromModel<M, D>(
  extract: LayerFeatureExtractor<M, D>,
  model: M,
  layerName: string,
  data: D,
  options: FromModelOptions = {},
): Promise<FeatureMatrix> {
  if (typeof extract !== 'function') {
    throw new SvmBridgeError(
      'extract',
      describe(extract),
      'a feature extractor function, e.g. extractFeatures from @dlkit/models',
    );
  }
  if (typeof layerName !== 'string' || layerName.length === 0)
    throw new SvmBridgeError('layerName', describe(layerName), 'a non-empty layer name');
  const { batchSize, expectedRows } = options;
  if (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize > 0)) {
    throw new SvmBridgeError('options.batchSize', describe(batchSize), 'a positive integer');
  }
  const X = await extract(model, layerName, data, batchSize === undefined ? {} : { batchSize });
  checkMatrix(X, `features of layer "${layerName}"`);
  if (expectedRows !== undefined && X.rows !== expectedRows) {
    throw new SvmBridgeError(`features of layer "${layerName}".rows`, String(X.rows), `${expectedRows} (one row per sample)`);
  }
  return { data: X.data, rows: X.rows, cols: X.cols };
}

/** A classifier that {@link trainOnModelFeatures} can fit: {@link LinearSVC}, {@link SVC} or your own. */
export interface FeatureClassifier {
  fit(X: FeatureMatrix, y: Labels): unknown;
  predict(X: FeatureMatrix): Int32Array;
}

/** A labelled split for {@link trainOnModelFeatures}: the model's input data with one label per sample. */
export type LabelledInputs<D> = D & { readonly labels: ArrayLike<number> };

/** Options of {@link trainOnModelFeatures}. */
export interface TrainOnModelFeaturesOptions<C extends FeatureClassifier> extends Omit<FromModelOptions, 'expectedRows'> {
  /** An unfitted classifier. Default `new LinearSVC()`. */
  classifier?: C;
  /** Feature scaling fitted on the training features only. Default `'standard'`. */
  scaler?: 'standard' | 'minmax' | 'none';
}

/** Result of {@link trainOnModelFeatures}. */
export interface ModelFeatureSvmResult<C extends FeatureClassifier> {
  /** The fitted classifier. */
  classifier: C;
  /** The fitted scaler (absent with `scaler: 'none'`); apply it to new features before `predict`. */
  scaler?: StandardScaler | MinMaxScaler;
  /** Scaled training and test features. */
  trainFeatures: FeatureMatrix;
  testFeatures: FeatureMatrix;
  /** Predicted test labels and their accuracy against `test.labels`. */
  predictions: Int32Array;
  accuracy: number;
}

function labelsOf(split: { readonly labels: ArrayLike<number> }, name: string, rows: number): Int32Array {
  const y = split?.labels;
  if (y === null || typeof y !== 'object' || typeof y.length !== 'number')
    throw new SvmBridgeError(`${name}.labels`, describe(y), 'one integer label per sample');
  return checkLabels(Array.isArray(y) || ArrayBuffer.isView(y) ? (y as Labels) : Array.from(y), rows, `${name}.labels`);
}

/**
 * The "CNN features → SVM" experiment in one call: features of `layerName` for `train` and `test`
 * (via {@link fromModel}), scaling fitted on the training features, a classifier fitted on them, and the
 * test accuracy.
 *
 * @example
 * ```ts
 * import { extractFeatures } from '@dlkit/models';
 * const r = await trainOnModelFeatures(extractFeatures, model, 'fc2', train, test, { classifier: new LinearSVC({ C: 0.01 }) });
 * r.accuracy;   // e.g. 0.80 on CIFAR-10 test
 * ```
 */
export async function trainOnModelFeatures<M, D, C extends FeatureClassifier = LinearSVC>(
  extract: LayerFeatureExtractor<M, LabelledInputs<D>>,
  model: M,
  layerName: string,
  train: LabelledInputs<D>,
  test: LabelledInputs<D>,
  options: TrainOnModelFeaturesOptions<C> = {},
): Promise<ModelFeatureSvmResult<C>> {
  const { batchSize, scaler: scalerName = 'standard' } = options;
  if (scalerName !== 'standard' && scalerName !== 'minmax' && scalerName !== 'none') {
    throw new SvmBridgeError('options.scaler', describe(scalerName), "'standard', 'minmax' or 'none'");
  }
  const classifier = options.classifier ?? (new LinearSVC() as unknown as C);
  if (typeof classifier?.fit !== 'function' || typeof classifier.predict !== 'function') {
    throw new SvmBridgeError(
      'options.classifier',
      describe(classifier),
      'an object with fit(X, y) and predict(X), e.g. new LinearSVC()',
    );
  }
  let Xtr = await fromModel(extract, model, layerName, train, { batchSize });
  const ytr = labelsOf(train, 'train', Xtr.rows);
  let Xte = await fromModel(extract, model, layerName, test, { batchSize });
  const yte = labelsOf(test, 'test', Xte.rows);
  if (Xte.cols !== Xtr.cols) throw new SvmBridgeError('test features.cols', String(Xte.cols), `${Xtr.cols}, as for train`);
  const scaler = scalerName === 'standard' ? new StandardScaler() : scalerName === 'minmax' ? new MinMaxScaler() : undefined;
  if (scaler) {
    Xtr = scaler.fitTransform(Xtr);
    Xte = scaler.transform(Xte);
  }
  await classifier.fit(Xtr, ytr);
  const predictions = classifier.predict(Xte);
  let hit = 0;
  for (let i = 0; i < yte.length; i++) hit += predictions[i] === yte[i] ? 1 : 0;
  return { classifier, scaler, trainFeatures: Xtr, testFeatures: Xte, predictions, accuracy: hit / yte.length };
}
