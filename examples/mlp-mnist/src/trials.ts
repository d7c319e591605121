/**
 * One fold of one setting as a @dlkit/sweep trial, and the training helpers it shares with the final run. Workers
 * on any machine import it as `@dlkit-examples/mlp-mnist/trials` (this package's `exports`), so the
 * cross-validation grid runs in this process, in local worker processes, or on dlkit-worker processes through
 * Redis, with the same numbers.
 */
import { initBackend } from '@dlkit/backend';
import { gaussianNoise, loadMnistSample, stratifiedKFold, type ImageDataset } from '@dlkit/datasets';
import type { ConfusionMatrix, ReportDictRow } from '@dlkit/metrics';
import { evaluate, mlp, train, type EpochRecord, type LabeledData } from '@dlkit/models';
import { defineTrial } from '@dlkit/sweep';
import type { Setting } from './settings';

/** The module specifier and export name sweeps name the fold trial by. */
export const FOLD_TRIAL = { module: '@dlkit-examples/mlp-mnist/trials', name: 'foldTrial' } as const;

/** The images as flat 784-vectors, the layout the MLP takes. */
export function flat(images: Float32Array, labels: ArrayLike<number>, classNames: readonly string[]): LabeledData {
  return { images, labels, shape: [labels.length, images.length / labels.length], classNames };
}

/** The training data of one run: the fold itself, plus a noisy copy of it when the setting asks for one. */
function withNoise(data: ImageDataset<Float32Array>, setting: Setting, seed: number): LabeledData {
  if (setting.noiseStd === 0) return flat(data.images, data.labels, data.classNames);
  const noisy = gaussianNoise(data.images, { std: setting.noiseStd, seed, clip: [0, 1] });
  const images = new Float32Array(data.images.length * 2);
  images.set(data.images);
  images.set(noisy, data.images.length);
  const labels = new Uint8Array(data.labels.length * 2);
  labels.set(data.labels);
  labels.set(data.labels, data.labels.length);
  return flat(images, labels, data.classNames);
}

/** The rows `idx` of a dataset (a copy). */
export function subsetOf(data: ImageDataset<Float32Array>, idx: Int32Array): ImageDataset<Float32Array> {
  const size = data.images.length / data.labels.length;
  const images = new Float32Array(idx.length * size);
  const labels = new Uint8Array(idx.length);
  idx.forEach((i, r) => {
    images.set(data.images.subarray(i * size, (i + 1) * size), r * size);
    labels[r] = data.labels[i];
  });
  return { images, labels, shape: [idx.length, data.shape[1], data.shape[2], data.shape[3]], classNames: data.classNames };
}

/** Builds the setting's MLP and trains it on `trainSet` (the caller disposes the model). */
export async function fit(
  setting: Setting,
  trainSet: ImageDataset<Float32Array>,
  hidden: readonly number[],
  opts: { epochs: number; batchSize: number; seed: number; onEpoch?: (record: EpochRecord, epochs: number) => void },
) {
  const model = mlp({ inputShape: [784], hidden: [...hidden], activation: setting.activation, stddev: 0.08, seed: opts.seed });
  const result = await train(model, withNoise(trainSet, setting, opts.seed + 17), {
    epochs: opts.epochs,
    batchSize: opts.batchSize,
    optimizer: setting.optimizer,
    l1: setting.l1,
    l2: setting.l2,
    seed: opts.seed,
    onProgress: (e) => {
      if (e.type === 'epoch') opts.onEpoch?.(e.record, e.epochs);
    },
  });
  return { model, result };
}

/** Everything one fold run depends on besides its seed (JSON: it travels to workers). */
export interface FoldTrialSettings {
  setting: Setting;
  hidden: number[];
  epochs: number;
  batchSize: number;
  /** Folds of the split, and this run's fold (0-based). */
  folds: number;
  fold: number;
  /** Seed of the bundled sample's train/test split and of the folds. */
  splitSeed: number;
}

/** One fold's result (JSON). */
export interface FoldTrialResult {
  fold: number;
  trainSize: number;
  valSize: number;
  valAccuracy: number;
  valLoss: number;
  trainSeconds: number;
  history: EpochRecord[];
  /** The validation confusion matrix: row/column labels and counts. */
  confusion: { labels: number[]; rows: number[][] };
  reportText: string;
  report: Record<string, ReportDictRow | number>;
  engine: string;
}

// One load per process: in-process sweeps run many folds in one process.
const loadSample = (seed: number) => loadMnistSample({ dtype: 'float32', seed });
const samples = new Map<number, ReturnType<typeof loadSample>>();

/** Trains the setting on every fold but `fold` and scores it on `fold`: the study's unit of work. */
export const foldTrial = defineTrial<FoldTrialSettings, FoldTrialResult>({
  threads: 1,
  run: async (s, context) => {
    const engine = await initBackend({ threads: context.threads });
    if (!samples.has(s.splitSeed)) samples.set(s.splitSeed, loadSample(s.splitSeed));
    const { train: trainAll } = await (samples.get(s.splitSeed) as ReturnType<typeof loadSample>);
    const split = stratifiedKFold(trainAll.labels, { k: s.folds, seed: s.splitSeed })[s.fold];
    if (split === undefined) throw new RangeError(`fold ${s.fold} does not exist in a ${s.folds}-fold split`);
    const trainSet = subsetOf(trainAll, split.train);
    const valSet = subsetOf(trainAll, split.test);
    const { model, result } = await fit(s.setting, trainSet, s.hidden, {
      epochs: s.epochs,
      batchSize: s.batchSize,
      seed: context.seed,
      onEpoch: (r, epochs) => context.progress({ epoch: r.epoch, epochs, loss: r.loss }),
    });
    try {
      const evaluation = evaluate(model, flat(valSet.images, valSet.labels, trainAll.classNames), {
        classNames: trainAll.classNames,
      });
      return {
        fold: s.fold + 1,
        trainSize: trainSet.labels.length,
        valSize: valSet.labels.length,
        valAccuracy: evaluation.accuracy,
        valLoss: evaluation.loss,
        trainSeconds: result.seconds,
        history: result.history,
        confusion: { labels: [...evaluation.confusionMatrix.labels], rows: evaluation.confusionMatrix.toArray() },
        reportText: evaluation.report.text,
        report: evaluation.report.toDict(),
        engine: `${engine.engine} (${engine.threads} thread${engine.threads === 1 ? '' : 's'})`,
      };
    } finally {
      model.dispose();
    }
  },
});

/** A confusion matrix back from its JSON form (labels and rows of counts). */
export function confusionFromJson(json: { labels: readonly number[]; rows: readonly (readonly number[])[] }): ConfusionMatrix {
  const size = json.labels.length;
  const data = Float64Array.from(json.rows.flat());
  return {
    labels: [...json.labels],
    size,
    data,
    normalize: null,
    at: (i, j) => data[i * size + j] as number,
    toArray: () => json.rows.map((row) => [...row]),
  };
}
