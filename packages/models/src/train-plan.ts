import type * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { categoricalCrossEntropy, type LossFunction } from '@dlkit/layers';
import { deriveSeed } from '@dlkit/core';
import { holdOut } from '@dlkit/datasets';
import { check, numberIn, positiveInt } from './errors';
import { checkData, checkInputShape, checkLabels, subsetData, type LabeledData } from './data';
import { resolveOptimizerSpec, type OptimizerSpec } from './optimizers';
import { createSchedule, type ScheduleRunner } from './schedules';
import { createEarlyStopping, type EarlyStoppingRunner } from './early-stopping';
import { ttyProgress, type TrainProgressListener } from './progress';
import type { TrainOptions } from './train';

/** Everything {@link train} needs, checked: what a call to train will do. Internal. */
export interface TrainPlan {
  epochs: number;
  batchSize: number;
  seed: number;
  l1: number;
  l2: number;
  numClasses: number;
  /** The samples trained on (the data minus a validation split). */
  trainData: LabeledData;
  valData: LabeledData | undefined;
  /** Training samples and values per sample. */
  n: number;
  size: number;
  valSize: number;
  listener: TrainProgressListener | undefined;
  lossFn: LossFunction;
  spec: Required<OptimizerSpec>;
  schedule: ScheduleRunner;
  stopping: EarlyStoppingRunner;
  /** Checkpoint every this many epochs (0: no checkpoints). */
  checkpointEvery: number;
  vars: tf.Variable[];
  /** Kernels (weights of rank ≥ 2): what L1/L2 penalise. */
  kernels: tf.Variable[];
}

/**
 * Checks every argument of {@link train} and resolves the defaults, the validation split, the loss, the schedule
 * and early stopping. Makes no tensor: a refused call leaves nothing behind. Internal.
 */
export function planTraining(model: LayersModel, data: LabeledData, options: TrainOptions): TrainPlan {
  check(typeof options === 'object' && options !== null, 'options', options, 'an object { epochs, … }');
  const epochs = positiveInt('options.epochs', options.epochs);
  const batchSize = positiveInt('options.batchSize', options.batchSize ?? 32);
  const seed = options.seed ?? 0;
  check(Number.isInteger(seed), 'options.seed', seed, 'an integer');
  checkData('data', data);
  const l1 = numberIn('options.l1', options.l1 ?? 0, 0, Infinity, 'a non-negative number');
  const l2 = numberIn('options.l2', options.l2 ?? 0, 0, Infinity, 'a non-negative number');
  const outShape = model.outputs[0].shape;
  const numClasses = outShape[outShape.length - 1];
  check(
    model.outputs.length === 1 && outShape.length === 2 && typeof numClasses === 'number',
    'model',
    `outputs ${JSON.stringify(model.outputs.map((o) => o.shape))}`,
    'one output of shape [batch, classes]',
  );
  checkInputShape('data', model, data.shape);
  checkLabels('data', data.labels, numClasses);

  let trainData = data;
  let valData: LabeledData | undefined = options.validationData;
  if (valData !== undefined) {
    checkData('options.validationData', valData);
    checkInputShape('options.validationData', model, valData.shape);
    checkLabels('options.validationData', valData.labels, numClasses);
  } else if (options.validationSplit !== undefined && options.validationSplit > 0) {
    const split = numberIn('options.validationSplit', options.validationSplit, 0, 1, 'a fraction in [0, 1)');
    check(split < 1, 'options.validationSplit', split, 'a fraction in [0, 1)');
    const idx = holdOut(data.shape[0], { testFraction: split, seed: deriveSeed(seed, 0x5eed) });
    trainData = subsetData(data, idx.train);
    valData = subsetData(data, idx.test);
  }
  const { n, size } = checkData('data', trainData);
  check(n > 0, 'data', '0 training samples', 'at least one training sample');
  const valSize = valData === undefined ? 0 : checkData('validation data', valData).size;

  const listener: TrainProgressListener | undefined =
    options.onProgress === true ? ttyProgress() : typeof options.onProgress === 'function' ? options.onProgress : undefined;
  const lossFn: LossFunction = options.loss ?? categoricalCrossEntropy();
  const spec = resolveOptimizerSpec(options.optimizer ?? 'adam');
  const hasVal = valData !== undefined;
  const schedule = createSchedule(options.schedule, spec.learningRate, hasVal);
  const stopping = createEarlyStopping(options.earlyStopping, hasVal);
  const checkpointEvery =
    options.checkpoint === undefined ? 0 : positiveInt('options.checkpoint.every', options.checkpoint.every ?? 1);
  if (options.checkpoint !== undefined) {
    check(
      typeof options.checkpoint.dir === 'string' && options.checkpoint.dir.length > 0,
      'options.checkpoint.dir',
      options.checkpoint.dir,
      'a folder path',
    );
    positiveInt('options.checkpoint.keep', options.checkpoint.keep ?? 2);
  }
  check(
    options.resume !== true || options.checkpoint !== undefined,
    'options.resume',
    true,
    'a checkpoint folder in options.checkpoint.dir',
  );
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  check(
    vars.length > 0,
    'model',
    'no trainable weights',
    'at least one trainable weight',
    'unfreeze some layers (layer.trainable = true)',
  );
  return {
    epochs,
    batchSize,
    seed,
    l1,
    l2,
    numClasses,
    trainData,
    valData,
    n,
    size,
    valSize,
    listener,
    lossFn,
    spec,
    schedule,
    stopping,
    checkpointEvery,
    vars,
    kernels: vars.filter((v) => v.rank >= 2),
  };
}
