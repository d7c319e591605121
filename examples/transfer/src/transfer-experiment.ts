import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { ImageDataset } from '@dlkit/datasets';
import {
  cifarNetTf,
  evaluate,
  loadBody,
  saveModel,
  train,
  transferLearn,
  type EpochRecord,
  type TrainProgressListener,
  type TrainResult,
} from '@dlkit/models';

/** The three ways of learning the target task. */
export type MethodName = 'feature extractor' | 'fine-tune' | 'from scratch';

/** The network (CifarNet, TensorFlow-tutorial variant) shared by the base, the bodies and the baseline. */
export interface NetOptions {
  /** Maps of the two conv layers. Default `[32, 32]`. */
  filters?: readonly [number, number];
  /** Units of fc1 and fc2. Default `[384, 192]`. */
  units?: readonly [number, number];
  /** Seed of the weights and the shuffling. Default 1. */
  seed?: number;
  /** Mini-batch size. Default 32. */
  batchSize?: number;
}

/** The trained base net, saved on disk. */
export interface BaseResult {
  history: EpochRecord[];
  testAccuracy: number;
  seconds: number;
  parameters: number;
  /** Folder of the saved model (`model.json` + weights). */
  dir: string;
}

const netOf = (o: NetOptions, numClasses: number, data: ImageDataset<Float32Array>) =>
  cifarNetTf({
    numClasses,
    seed: o.seed ?? 1,
    filters: o.filters ?? [32, 32],
    units: o.units ?? [384, 192],
    inputShape: [data.shape[1], data.shape[2], data.shape[3]],
  });

/**
 * Trains CifarNet on the base task (CIFAR-10 or its stand-in) with Adam, scores it on the base test set and
 * saves it to `dir` with `saveModel` — the "pretrained model on disk" every transfer run starts from.
 *
 * @example
 * ```ts
 * const base = await trainBase(d.base.train, d.base.test, '/tmp/base', { epochs: 3, learningRate: 0.001 });
 * ```
 */
export async function trainBase(
  trainSet: ImageDataset<Float32Array>,
  testSet: ImageDataset<Float32Array>,
  dir: string,
  options: NetOptions & {
    epochs: number;
    learningRate: number;
    onProgress?: TrainProgressListener;
    /** A checkpoint after every epoch in this folder (long runs). */
    checkpointDir?: string;
    /** Continue from the newest checkpoint in `checkpointDir`. Default false. */
    resume?: boolean;
  },
): Promise<BaseResult> {
  const model = netOf(options, trainSet.classNames.length, trainSet);
  try {
    const r = await train(model, trainSet, {
      epochs: options.epochs,
      batchSize: options.batchSize ?? 32,
      seed: options.seed ?? 1,
      optimizer: { name: 'adam', learningRate: options.learningRate },
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.checkpointDir ? { checkpoint: { dir: options.checkpointDir }, resume: options.resume === true } : {}),
    });
    const testAccuracy = evaluate(model, testSet, { topK: [1] }).accuracy;
    await saveModel(model, dir);
    // Summed over the epochs, so a run resumed from a checkpoint still reports its whole training time.
    const seconds = r.history.reduce((t, e) => t + e.seconds, 0);
    return { history: r.history, testAccuracy, seconds, parameters: model.countParams(), dir };
  } finally {
    model.dispose();
  }
}

/** One point of a learning curve. */
export interface CurvePoint {
  epoch: number;
  /** Seconds since the run started: training plus the per-epoch test pass (the same for every method). */
  seconds: number;
  /** Accuracy on the target's test / validation set after this epoch. */
  accuracy: number;
  /** The phase of the epoch: `head` (body frozen) or `all` (everything trainable). */
  phase: 'head' | 'all';
}

/** One (method, learning rate) run on the target task. */
export interface RunResult {
  method: MethodName;
  learningRate: number;
  /** Learning rate of the fine-tuning phase (fine-tune only). */
  fineTuneLearningRate: number | null;
  curve: CurvePoint[];
  finalAccuracy: number;
  bestAccuracy: number;
  /** Seconds in total (training plus the per-epoch test passes). */
  trainSeconds: number;
  /** Trainable parameters during the (last) phase. */
  trainableParameters: number;
  /** Accuracy of the final model on `finalTest` (see {@link TargetOptions}), or null when none was given. */
  finalTestAccuracy: number | null;
}

/** Options of {@link runTarget}. */
export interface TargetOptions extends NetOptions {
  /** Epochs of every run (fine-tune: `headEpochs` with the body frozen, the rest unfrozen). */
  epochs: number;
  /** Learning rate (Adam) of the run; fine-tuning's second phase uses `learningRate × fineTuneFactor`. */
  learningRate: number;
  /** Layer where the base net is cut. Default: the layer before its output (`fc2` of CifarNet). */
  cutAt?: string;
  /** Hidden units of the new head. Default none (a softmax layer on the cut features). */
  headHidden?: readonly number[];
  /** Fine-tune: epochs of the head alone before unfreezing. Default 1. */
  headEpochs?: number;
  /** Fine-tune: factor of the learning rate once the body is unfrozen. Default 0.1. */
  fineTuneFactor?: number;
  /**
   * A larger test set scored once, after the last epoch (`finalTestAccuracy`): the learning curve can use a
   * sample of the test images while the final figure uses all of them. Not counted in the run's seconds.
   */
  finalTest?: ImageDataset<Float32Array>;
  onProgress?: TrainProgressListener;
}

function curveOf(results: ReadonlyArray<{ r: TrainResult; phase: 'head' | 'all' }>): CurvePoint[] {
  const out: CurvePoint[] = [];
  let t = 0;
  let epoch = 0;
  for (const { r, phase } of results) {
    for (const e of r.history) {
      t += e.seconds;
      out.push({ epoch: ++epoch, seconds: t, accuracy: e.valAccuracy ?? Number.NaN, phase });
    }
  }
  return out;
}

/**
 * Learns the target task one way, at one learning rate:
 * - `feature extractor`: the base net loaded from `baseDir` and cut at `cutAt` (`loadBody`), frozen, with a new
 *   softmax head trained on top (`transferLearn` without fine-tuning);
 * - `fine-tune`: the same, then the body unfrozen and everything trained at a lower rate (`transferLearn` with `fineTune`);
 * - `from scratch`: a fresh CifarNet with random weights.
 * The accuracy on `testSet` is taken after every epoch; all tensors are freed before returning.
 *
 * @example
 * ```ts
 * const r = await runTarget('fine-tune', base.dir, d.target.train, d.target.test, { epochs: 4, learningRate: 0.001 });
 * r.curve; // [{ epoch: 1, seconds: 9.1, accuracy: 0.21, phase: 'head' }, …]
 * ```
 */
export async function runTarget(
  method: MethodName,
  baseDir: string,
  trainSet: ImageDataset<Float32Array>,
  testSet: ImageDataset<Float32Array>,
  options: TargetOptions,
): Promise<RunResult> {
  const numClasses = testSet.classNames.length;
  const seed = options.seed ?? 1;
  const common = {
    batchSize: options.batchSize ?? 32,
    seed,
    validationData: testSet,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  };
  const adam = (learningRate: number) => ({ name: 'adam' as const, learningRate });
  const factor = options.fineTuneFactor ?? 0.1;
  let model: LayersModel | undefined;
  try {
    let phases: Array<{ r: TrainResult; phase: 'head' | 'all' }>;
    let trainableParameters: number;
    const head = { numClasses, seed: seed + 1, ...(options.headHidden ? { hidden: options.headHidden } : {}) };
    if (method === 'from scratch') {
      const net = netOf(options, numClasses, trainSet);
      model = net;
      const r = await train(net, trainSet, { ...common, epochs: options.epochs, optimizer: adam(options.learningRate) });
      phases = [{ r, phase: 'all' }];
      trainableParameters = net.countParams();
    } else if (method === 'feature extractor') {
      const body = await loadBody(baseDir, options.cutAt);
      const t = await transferLearn(body, trainSet, {
        head,
        headTraining: { ...common, epochs: options.epochs, optimizer: adam(options.learningRate) },
      });
      model = t.model;
      phases = [{ r: t.head, phase: 'head' }];
      trainableParameters = countTrainable(t.model);
    } else {
      const headEpochs = Math.min(options.headEpochs ?? 1, options.epochs - 1);
      if (headEpochs < 1)
        throw new RangeError(
          `fine-tune needs at least 2 epochs (1 for the head, then the whole net); got epochs ${options.epochs}`,
        );
      const body = await loadBody(baseDir, options.cutAt);
      const t = await transferLearn(body, trainSet, {
        head,
        headTraining: { ...common, epochs: headEpochs, optimizer: adam(options.learningRate) },
        fineTune: { ...common, epochs: options.epochs - headEpochs, optimizer: adam(options.learningRate * factor) },
      });
      model = t.model;
      phases = [{ r: t.head, phase: 'head' }, ...(t.fineTune ? [{ r: t.fineTune, phase: 'all' as const }] : [])];
      trainableParameters = countTrainable(t.model);
    }
    const curve = curveOf(phases);
    const accs = curve.map((p) => p.accuracy);
    const finalTestAccuracy = options.finalTest ? evaluate(model, options.finalTest, { topK: [1] }).accuracy : null;
    return {
      method,
      learningRate: options.learningRate,
      fineTuneLearningRate: method === 'fine-tune' ? options.learningRate * factor : null,
      curve,
      finalAccuracy: accs[accs.length - 1],
      bestAccuracy: Math.max(...accs),
      trainSeconds: curve[curve.length - 1].seconds,
      trainableParameters,
      finalTestAccuracy,
    };
  } finally {
    model?.dispose();
  }
}

function countTrainable(model: LayersModel): number {
  return model.trainableWeights.reduce((s, w) => s + (w.shape as number[]).reduce((a, b) => a * b, 1), 0);
}

/** Seconds a run took to first reach `target` accuracy, or null when it never did. */
export function secondsToReach(run: RunResult, target: number): number | null {
  const p = run.curve.find((c) => c.accuracy >= target);
  return p === undefined ? null : p.seconds;
}

/**
 * The accuracy every method reaches at its best learning rate: the smallest, over methods, of the best accuracy
 * of any of its runs — the default target of the "time to reach" comparison.
 */
export function commonTarget(runs: readonly RunResult[]): number {
  const best = new Map<MethodName, number>();
  for (const r of runs) best.set(r.method, Math.max(best.get(r.method) ?? 0, r.bestAccuracy));
  return Math.min(...best.values());
}
