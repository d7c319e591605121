import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { ImageDataset } from '@dlkit/datasets';
import { classificationReport, confusionMatrix, type ReportDictRow } from '@dlkit/metrics';
import { cifarNetTf, evaluate, mnistConvNet, train, type EpochRecord, type TrainProgressListener } from '@dlkit/models';
import { LinearSVC, SVC, StandardScaler, fromModel, type FeatureMatrix } from '@dlkit/svm-bridge';
import type { DataName } from './data';
import { extractLayers } from './extract-layers';

/**
 * Seed 004's figure: a one-vs-rest linear SVM on fc2 (192) of the TensorFlow-tutorial CIFAR-10 network trained
 * to convergence, on the full 50 000 / 10 000 images. Shown next to every CIFAR-10 run for reference.
 */
export const SEED_004_REFERENCE = { method: 'seed 004: linear SVM @ fc2', layer: 'fc2', accuracy: 0.7685 } as const;

/** A network trained elsewhere (`--model`), used instead of training one. */
export interface PretrainedNetwork {
  model: LayersModel;
  /** Its description in the outputs (file, checkpoint, epoch). */
  name: string;
  /** The softmax row's note, e.g. `trained elsewhere, epoch 30`. */
  detail: string;
}

/** The classifiers fitted on each layer's features. */
export type SvmKind = 'linear' | 'rbf';

/** Options of {@link runFeaturesSvm}. */
export interface FeaturesSvmOptions {
  /** Which network: `'cifar10'` → CifarNet (TensorFlow-tutorial variant), `'mnist'` → the Torch-tutorial ConvNet. */
  data: DataName;
  /** Layers whose activations feed the SVMs. Default: `flatten, fc1, fc2` (CifarNet) or `flatten, fc1, act3` (MNIST). */
  layers?: readonly string[];
  /** SVMs fitted on every layer. Default `['linear']` (one-vs-rest `LinearSVC`). */
  svms?: readonly SvmKind[];
  /**
   * A trained network to use instead of training one (the caller owns and disposes it; it must take the data's
   * images and have every layer of `layers` — see `checkPretrained`). `epochs`, `learningRate`, `filters`,
   * `units` are then unused.
   */
  pretrained?: PretrainedNetwork;
  /** Network training epochs (ignored with `pretrained`). */
  epochs: number;
  /** Mini-batch size. Default 32. */
  batchSize?: number;
  /** Adam learning rate. Default 0.001. */
  learningRate?: number;
  /** Maps of CifarNet's two conv layers. Default `[32, 32]`. */
  filters?: readonly [number, number];
  /** Units of CifarNet's fc1 and fc2. Default `[384, 192]`. */
  units?: readonly [number, number];
  /** Penalty C of the linear SVM. Default 0.01. */
  C?: number;
  /** Passes of the linear SVM's coordinate descent at most. Default 200. */
  maxIter?: number;
  /** Stopping tolerance of the linear SVM. Default 1e-3. */
  tol?: number;
  /** Penalty C of the RBF SVM (gamma `'scale'`). Default 5. */
  rbfC?: number;
  /** Seed of the weights and the shuffling. Default 1. */
  seed?: number;
  /** Per-epoch progress of the network's training. */
  onProgress?: TrainProgressListener;
  /** Called when a method is done (for a live log). */
  onMethod?: (row: MethodResult) => void;
  /** Progress of the feature pass over each set (one pass gives every layer). */
  onExtract?: (set: 'train' | 'test', done: number, total: number) => void;
}

/** One classifier's outcome on the test set. */
export interface MethodResult {
  /** `softmax` (the network's own head), `linear-svc @ fc2`, … */
  method: string;
  /** The layer whose features were used; null for the softmax head. */
  layer: string | null;
  /** Feature dimension (the number of classes for the softmax head). */
  features: number;
  classifier: 'softmax' | 'linear-svc' | 'rbf-svc';
  accuracy: number;
  macroF1: number;
  /** Seconds to train: the network's training for `softmax` (0 for a pretrained one), the scaler + SVM fit for the others. */
  trainSeconds: number;
  /** Seconds to predict the test set from its features (the network's forward pass for `softmax`). */
  predictSeconds: number;
  /**
   * Seconds of the feature pass over the training and the test set (0 for `softmax`). One pass gives every
   * layer, so the layers of a run share this figure.
   */
  extractSeconds: number;
  /** Per-class precision / recall / F1 / support, keyed by class name, plus the averages (scikit-learn's dict). */
  report: Record<string, ReportDictRow | number>;
  /** The report as scikit-learn prints it. */
  reportText: string;
  /** Confusion matrix, rows = true class. */
  confusion: number[][];
  /** Extra facts (passes of the solver, support vectors). */
  detail: string;
}

/** What {@link runFeaturesSvm} returns. */
export interface FeaturesSvmResult {
  model: string;
  parameters: number;
  classNames: readonly string[];
  trainSamples: number;
  testSamples: number;
  history: EpochRecord[];
  methods: MethodResult[];
  /** Seed 004's accuracy to compare with ({@link SEED_004_REFERENCE}); null off CIFAR-10. */
  reference: { method: string; layer: string; accuracy: number } | null;
  /** True when the network was loaded (`pretrained`), not trained by the run. */
  pretrained: boolean;
  /** Seconds per phase. */
  timing: Record<string, number>;
}

const seconds = (t: number) => (performance.now() - t) / 1000;

function buildModel(
  options: FeaturesSvmOptions,
  numClasses: number,
  inputShape: readonly [number, number, number],
): { model: LayersModel; name: string } {
  const seed = options.seed ?? 1;
  if (options.data === 'mnist') {
    return { model: mnistConvNet({ numClasses, seed, inputShape }), name: 'Torch-tutorial ConvNet 64-64-128 (mnistConvNet)' };
  }
  const filters = options.filters ?? [32, 32];
  const units = options.units ?? [384, 192];
  return {
    model: cifarNetTf({ numClasses, seed, inputShape, filters, units }),
    name: `CifarNet, TensorFlow-tutorial variant (cifarNetTf: conv ${filters.join('-')}, fc ${units.join('-')})`,
  };
}

/** The default feature layers of the network for `data`. */
export function defaultLayers(data: DataName): string[] {
  return data === 'mnist' ? ['flatten', 'fc1', 'act3'] : ['flatten', 'fc1', 'fc2'];
}

function metricsOf(yTrue: Uint8Array, yPred: Int32Array, classNames: readonly string[]) {
  const labels = classNames.map((_, i) => i);
  const report = classificationReport(yTrue, yPred, { labels, targetNames: classNames, digits: 3, zeroDivision: 0 });
  return {
    macroF1: report.macroAvg.f1Score,
    report: report.toDict() as Record<string, ReportDictRow | number>,
    reportText: report.text,
    confusion: confusionMatrix(yTrue, yPred, { labels }).toArray(),
  };
}

/**
 * The seed experiment "CNN features → SVM": trains the network (or takes `pretrained`), evaluates its softmax
 * head, then extracts the training and test activations of every layer in `layers` in one forward pass per set
 * ({@link extractLayers}, checked by svm-bridge's `fromModel`), standardises them with the training statistics
 * and fits one-vs-rest SVMs on them; every method is scored on the same test set with the same metrics and
 * timed. A model the run built is disposed before returning; a `pretrained` one is left to the caller.
 *
 * @example
 * ```ts
 * const data = await loadExperimentData({ data: 'cifar10', trainSize: 5000, testSize: 1000 });
 * const r = await runFeaturesSvm(data.train, data.test, { data: 'cifar10', epochs: 3 });
 * r.methods.map((m) => [m.method, m.accuracy]);
 * ```
 */
export async function runFeaturesSvm(
  trainSet: ImageDataset<Float32Array>,
  testSet: ImageDataset<Float32Array>,
  options: FeaturesSvmOptions,
): Promise<FeaturesSvmResult> {
  const classNames = trainSet.classNames;
  const layers = options.layers ?? defaultLayers(options.data);
  const svms = options.svms ?? ['linear'];
  const timing: Record<string, number> = {};
  const { model, name } =
    options.pretrained ?? buildModel(options, classNames.length, [trainSet.shape[1], trainSet.shape[2], trainSet.shape[3]]);
  try {
    for (const layer of layers) {
      if (!model.layers.some((l) => l.name === layer)) {
        throw new RangeError(`layers: the model has no layer "${layer}"; it has ${model.layers.map((l) => l.name).join(', ')}`);
      }
    }
    const parameters = model.countParams();
    let t = performance.now();
    const trained = options.pretrained
      ? { epochs: 0, history: [] as EpochRecord[] }
      : await train(model, trainSet, {
          epochs: options.epochs,
          batchSize: options.batchSize ?? 32,
          optimizer: { name: 'adam', learningRate: options.learningRate ?? 0.001 },
          seed: options.seed ?? 1,
          ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        });
    if (!options.pretrained) timing['train network'] = seconds(t);

    const methods: MethodResult[] = [];
    const push = (row: MethodResult) => {
      methods.push(row);
      options.onMethod?.(row);
    };
    t = performance.now();
    const ev = evaluate(model, testSet, { topK: [1], batchSize: 256 });
    const softmaxPredict = seconds(t);
    timing['softmax test pass'] = softmaxPredict;
    push({
      method: 'softmax (network head)',
      layer: null,
      features: classNames.length,
      classifier: 'softmax',
      accuracy: ev.accuracy,
      trainSeconds: timing['train network'] ?? 0,
      predictSeconds: softmaxPredict,
      extractSeconds: 0,
      ...metricsOf(testSet.labels, ev.predictions, classNames),
      detail: options.pretrained ? options.pretrained.detail : `${trained.epochs} epochs of Adam`,
    });

    t = performance.now();
    const trainFeatures = extractLayers(model, layers, trainSet, {
      batchSize: 256,
      onBatch: (done, total) => options.onExtract?.('train', done, total),
    });
    const testFeatures = extractLayers(model, layers, testSet, {
      batchSize: 256,
      onBatch: (done, total) => options.onExtract?.('test', done, total),
    });
    const extractSeconds = seconds(t);
    timing['extract features'] = extractSeconds;
    const cached = (features: Map<string, FeatureMatrix>) => (_: LayersModel, layer: string) =>
      features.get(layer) as FeatureMatrix;
    for (const layer of layers) {
      const rawTrain = await fromModel(cached(trainFeatures), model, layer, trainSet, { expectedRows: trainSet.shape[0] });
      const rawTest = await fromModel(cached(testFeatures), model, layer, testSet, { expectedRows: testSet.shape[0] });
      // The raw activations are no longer needed once scaled: free them before the next layer's SVM.
      trainFeatures.delete(layer);
      testFeatures.delete(layer);
      t = performance.now();
      const scaler = new StandardScaler();
      const Xtr: FeatureMatrix = scaler.fitTransform(rawTrain);
      const Xte: FeatureMatrix = scaler.transform(rawTest);
      const scaleSeconds = seconds(t);
      for (const kind of svms) {
        let fitSeconds: number;
        let predictions: Int32Array;
        let predictSeconds: number;
        let detail: string;
        if (kind === 'linear') {
          t = performance.now();
          const svc = new LinearSVC({
            C: options.C ?? 0.01,
            maxIter: options.maxIter ?? 200,
            tol: options.tol ?? 1e-3,
            seed: options.seed ?? 1,
          });
          svc.fit(Xtr, trainSet.labels);
          fitSeconds = seconds(t) + scaleSeconds;
          t = performance.now();
          predictions = svc.predict(Xte);
          predictSeconds = seconds(t);
          const passes = Array.from(svc.nIter);
          detail = `one-vs-rest, C ${options.C ?? 0.01}, ${Math.min(...passes)}–${Math.max(...passes)} passes`;
        } else {
          t = performance.now();
          const svc = await new SVC({ kernel: 'rbf', C: options.rbfC ?? 5, gamma: 'scale', multiclass: 'ovr' }).fit(
            Xtr,
            trainSet.labels,
          );
          fitSeconds = seconds(t) + scaleSeconds;
          t = performance.now();
          predictions = svc.predict(Xte);
          predictSeconds = seconds(t);
          detail = `one-vs-rest, C ${options.rbfC ?? 5}, gamma 'scale', ${svc.supportVectorCount} support vectors`;
        }
        timing[`${kind} svm ${layer}`] = fitSeconds + predictSeconds;
        let hit = 0;
        for (let i = 0; i < predictions.length; i++) hit += predictions[i] === testSet.labels[i] ? 1 : 0;
        push({
          method: `${kind}-svc @ ${layer}`,
          layer,
          features: Xtr.cols,
          classifier: kind === 'linear' ? 'linear-svc' : 'rbf-svc',
          accuracy: hit / predictions.length,
          trainSeconds: fitSeconds,
          predictSeconds,
          extractSeconds,
          ...metricsOf(testSet.labels, predictions, classNames),
          detail,
        });
      }
    }
    return {
      model: name,
      parameters,
      classNames,
      trainSamples: trainSet.shape[0],
      testSamples: testSet.shape[0],
      history: trained.history,
      methods,
      reference: options.data === 'cifar10' ? { ...SEED_004_REFERENCE } : null,
      pretrained: options.pretrained !== undefined,
      timing,
    };
  } finally {
    if (!options.pretrained) model.dispose();
  }
}
