import type { ImageDataset } from '@dlkit/datasets';
import { evaluate, train, type EpochRecord, type Evaluation, type TrainProgressListener } from '@dlkit/models';
import { check } from './errors';
import { describeSetting, settingId, type Setting } from './settings';
import type { Recipe } from './sweep';
import { settingModel } from './setting-model';

/** Options of {@link trainFull}. */
export interface FullRunOptions extends Recipe {
  /** Epochs over the whole training set. */
  epochs: number;
  /** Seed of the initial weights and the shuffling. */
  seed: number;
  /** Per-batch / per-epoch progress. */
  onProgress?: TrainProgressListener;
}

/** What {@link trainFull} returns. */
export interface FullRunResult {
  settingId: string;
  setting: Setting;
  description: string;
  parameters: number;
  trainSamples: number;
  testSamples: number;
  epochs: number;
  seed: number;
  batchSize: number;
  learningRate: number;
  history: EpochRecord[];
  /** Test-set evaluation: accuracy, loss, classification report, confusion matrix, per-class accuracy. */
  evaluation: Evaluation;
  trainSeconds: number;
  evalSeconds: number;
}

/**
 * Trains `setting` on the whole training set (Adam, the sweep's recipe) and evaluates it on the whole test set
 * with `@dlkit/models`' `evaluate` (classification report, confusion matrix). The model is disposed.
 *
 * @example
 * ```ts
 * const full = await trainFull(best.setting, data.train, data.test, { epochs: 3, seed: 1 });
 * console.log(full.evaluation.report.text);
 * ```
 */
export async function trainFull(
  setting: Setting,
  trainSet: ImageDataset<Float32Array>,
  testSet: ImageDataset<Float32Array>,
  options: FullRunOptions,
): Promise<FullRunResult> {
  check(Number.isInteger(options.epochs) && options.epochs > 0, 'fullEpochs', options.epochs, 'a positive integer');
  const batchSize = options.batchSize ?? 32;
  const learningRate = options.learningRate ?? 0.001;
  const model = settingModel(setting, trainSet, options.seed);
  try {
    const result = await train(model, trainSet, {
      epochs: options.epochs,
      batchSize,
      optimizer: { name: 'adam', learningRate },
      seed: options.seed,
      onProgress: options.onProgress,
    });
    const evaluation = evaluate(model, testSet, { topK: [1, 2] });
    return {
      settingId: settingId(setting),
      setting,
      description: describeSetting(setting),
      parameters: model.countParams(),
      trainSamples: trainSet.shape[0],
      testSamples: testSet.shape[0],
      epochs: options.epochs,
      seed: options.seed,
      batchSize,
      learningRate,
      history: result.history,
      evaluation,
      trainSeconds: result.seconds,
      evalSeconds: evaluation.seconds,
    };
  } finally {
    model.dispose();
  }
}
