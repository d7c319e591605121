import type { ImageDataset } from '@dlkit/datasets';
import {
  cifarNet,
  cifarNetTf,
  deepCifarNet,
  evaluate,
  latestCheckpoint,
  train,
  type EpochRecord,
  type LrSchedule,
  type TrainProgressListener,
} from '@dlkit/models';
import { categoricalCrossEntropy, type LossFunction } from '@dlkit/layers';
import * as tf from '@tensorflow/tfjs-core';
import type { Sequential } from '@tensorflow/tfjs-layers';
import { augmenter } from './augment';
import type { VariantSpec } from './variants';

/** How every variant is trained. */
export interface RunOptions {
  /** Epochs per variant. */
  epochs: number;
  /** Seed of the weights, the shuffling and the augmentation: every variant starts from the same seed (dropout masks are unseeded). */
  seed: number;
  /** Random crop + flip, redrawn every epoch. Default false. */
  augment?: boolean;
  /** Learning-rate schedule of every variant (e.g. `{ type: 'step', stepSize: 15, gamma: 0.1 }`). Default constant. */
  schedule?: LrSchedule;
  /**
   * Checkpoint folder per variant (e.g. `runs/tf-batch-128`): a checkpoint after every epoch, and with `resume`
   * a killed run continues from the newest one to the same weights as an uninterrupted run (same seed).
   */
  checkpointDir?: (variant: VariantSpec) => string | undefined;
  /** Continue each variant from its newest checkpoint (needs `checkpointDir`). Default false. */
  resume?: boolean;
  /** Progress of each training run (e.g. `epochLogger`); called with the variant. */
  progress?: (variant: VariantSpec) => TrainProgressListener | undefined;
}

/** What one trained variant scored. */
export interface VariantResult {
  study: VariantSpec['study'];
  name: string;
  baseline: boolean;
  /** Model, optimiser, batch size and L2 as run. */
  spec: VariantSpec;
  parameters: number;
  /** Test accuracy after the last epoch (`evaluate`). */
  testAccuracy: number;
  /** Test cross-entropy after the last epoch. */
  testLoss: number;
  /** Mean training loss of the last epoch (cross-entropy plus any L2 penalty). */
  finalTrainLoss: number;
  /** Training accuracy of the last epoch (measured while the weights moved, on augmented images, dropout on). */
  finalTrainAccuracy: number;
  /**
   * Accuracy of the trained network on the training images as a user would measure it (`evaluate`: inference
   * mode, no augmentation, no dropout): the fair side of a train–test gap. Absent in results of older versions.
   */
  trainEvalAccuracy?: number;
  /**
   * Wall time of training, seconds (including the per-epoch test pass of the curves); for a resumed run, the
   * epochs before the resume included.
   */
  seconds: number;
  /** Training images per second, averaged over epochs. */
  imagesPerSecond: number;
  /**
   * CPU time of training, seconds (all threads of this process): unlike the wall time it barely depends on
   * what else the machine runs, so it is the fairer cost on a shared machine. A resumed run counts only the
   * epochs since the resume (checkpoints do not record CPU time).
   */
  cpuSeconds: number;
  /** Per-epoch records; `valAccuracy`/`valLoss` are on the test set (for the curves only, no selection). */
  history: EpochRecord[];
}

/** Builds the model of a variant. */
export function buildModel(spec: VariantSpec, seed: number, numClasses = 10): Sequential {
  const m = spec.model;
  if (m.kind === 'cifarnet-tf') {
    return cifarNetTf({ filters: m.filters, units: m.units, dropout: m.dropout, seed, numClasses });
  }
  return m.kind === 'cifarnet'
    ? cifarNet({ filters: m.filters, dropout: m.dropout, seed, numClasses })
    : deepCifarNet({
        filters: m.filters,
        units: m.units,
        convLayers: m.convLayers,
        activation: m.activation,
        batchNorm: m.batchNorm,
        seed,
        numClasses,
      });
}

/**
 * The training objective of a variant: cross-entropy, plus `λ Σ w²` over the fc1 and fc2 kernels for the
 * TF-tutorial net's fc weight decay (the tutorial decays only those two layers). The penalty lives in the loss
 * because tfjs's `Sequential.calculateLosses()` returns no layer losses (checked: neither `addLoss` nor a
 * constructor `kernelRegularizer` reaches it), so a layer regulariser would silently do nothing.
 * Undefined when the variant has no such penalty (the trainer's default loss).
 */
export function lossFor(spec: VariantSpec, model: Sequential): LossFunction | undefined {
  const m = spec.model;
  if (m.kind !== 'cifarnet-tf' || m.fcL2 <= 0) return undefined;
  const ce = categoricalCrossEntropy();
  const kernels = ['fc1', 'fc2'].map((name) => model.getLayer(name).trainableWeights[0]);
  return (yTrue, yPred) =>
    tf.add(ce(yTrue, yPred), tf.mul(m.fcL2, tf.addN(kernels.map((k) => tf.sum(tf.square(k.read())))))) as tf.Scalar;
}

/**
 * Trains one variant with `@dlkit/models`' `train` (per-epoch test accuracy as the curve), evaluates it on
 * the test set with `evaluate`, disposes the model and returns the numbers. Leaves no tensors behind.
 *
 * @example
 * ```ts
 * const [study] = studyPlan(['cifarnet']);
 * const r = await runVariant(study.variants[0], data.train, data.test, { epochs: 4, seed: 1 });
 * console.log(r.testAccuracy, r.seconds);
 * ```
 */
export async function runVariant(
  spec: VariantSpec,
  trainSet: ImageDataset<Float32Array>,
  testSet: ImageDataset<Float32Array>,
  options: RunOptions,
): Promise<VariantResult> {
  const model = buildModel(spec, options.seed, trainSet.classNames.length);
  try {
    const dir = options.checkpointDir?.(spec);
    const aug = options.augment ? augmenter(trainSet, options.seed) : undefined;
    aug?.next();
    if (aug && dir && options.resume) {
      // Replay the augmentation draws of the epochs already done, so a resumed run sees the same images.
      const done = (await latestCheckpoint(dir))?.state.epoch ?? 0;
      for (let e = 0; e < done; e++) aug.next();
    }
    const listener = options.progress?.(spec);
    // train() reads the training images batch by batch, so refilling aug.data between epochs augments afresh.
    const onProgress: TrainProgressListener | undefined =
      aug === undefined
        ? listener
        : (e) => {
            listener?.(e);
            if (e.type === 'epoch') aug.next();
          };
    const cpu0 = process.cpuUsage();
    const result = await train(model, aug?.data ?? trainSet, {
      epochs: options.epochs,
      batchSize: spec.batchSize,
      optimizer: spec.optimizer,
      l2: spec.l2,
      ...(lossFor(spec, model) ? { loss: lossFor(spec, model) } : {}),
      validationData: testSet,
      seed: options.seed,
      onProgress,
      ...(options.schedule ? { schedule: options.schedule } : {}),
      ...(dir ? { checkpoint: { dir }, resume: options.resume === true } : {}),
    });
    const cpu = process.cpuUsage(cpu0);
    const ev = evaluate(model, testSet, { topK: [1] });
    // The running accuracy of the last epoch is biased low by dropout and augmentation; a regulariser's
    // "less overfitting" is judged on this one.
    const trainEv = evaluate(model, trainSet, { topK: [1] });
    const last = result.history[result.history.length - 1];
    const trainImages = trainSet.shape[0] * result.history.length;
    // A resumed run's history holds the epochs of the runs before it, with their times: count them too, or a
    // variant resumed after its last epoch would report 0.1 s and millions of images per second. A call that
    // trained nothing adds nothing (restoring the checkpoint is not training time).
    const before = result.history.slice(0, result.resumedFrom).reduce((s, h) => s + h.seconds, 0);
    const seconds = before + (result.resumedFrom < result.history.length ? result.seconds : 0);
    return {
      study: spec.study,
      name: spec.name,
      baseline: spec.baseline,
      spec,
      parameters: model.countParams(),
      testAccuracy: ev.accuracy,
      testLoss: ev.loss,
      finalTrainLoss: last.loss,
      finalTrainAccuracy: last.accuracy,
      trainEvalAccuracy: trainEv.accuracy,
      seconds,
      imagesPerSecond: trainImages / seconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      history: result.history,
    };
  } finally {
    model.dispose();
  }
}
