import { pairSampler, type SiameseNetwork, trainSiamese } from '@dlkit/siamese';
import { estimateSeconds, formatEstimate, measureSecondsPerImage } from '@dlkit-examples/common';
import type { ExperimentData } from './data';
import type { ExperimentOptions } from './options';
import { describeResume, type SettingProgress } from './resume';
import { augmentOption } from './augmentation';
import { epochsText } from './supervised-reference';
import { twinNetwork } from './twin-network';

/** Measured cost of the twin ConvNet and what the planned run should take. */
export interface RunEstimate {
  /** Wall seconds per image through the twin in a training step (a pair is two images), measured now. */
  secondsPerImage: number;
  /** Expected wall seconds of the training steps, held-out losses and embeddings of all settings. */
  seconds: number;
  /** Training steps left, all settings together (fewer than settings × steps when resuming). */
  stepsLeft: number;
  /** The `estimated time: …` line. */
  line: string;
}

/** Steps timed (after as many warm-up steps): enough for a steady figure, a few seconds at the default batch. */
const PROBE_STEPS = 5;

/**
 * Held-out evaluations a setting still makes: `trainSiamese` evaluates before the first step, every `every`
 * steps and after the last — a run resumed after `done` steps makes only those after it.
 */
export function evaluationsLeft(steps: number, every: number, done: number): number {
  if (done >= steps) return 0;
  return (done === 0 ? 1 : 0) + Math.floor(steps / every) - Math.floor(done / every) + (steps % every === 0 ? 0 : 1);
}

/** The supervised reference's share of a run (`--supervised N`), for {@link runEstimate}. */
export interface SupervisedWork {
  /** `N`: the epochs it trains in all. */
  epochs: number;
  /** Epochs in its checkpoint, not trained again (0 when it starts afresh). */
  doneEpochs?: number;
  /** Training images per epoch. */
  trainImages: number;
}

const supervisedEpochsLeft = (w: SupervisedWork): number => Math.max(0, w.epochs - (w.doneEpochs ?? 0));

/**
 * "supervised reference 2 epochs × 1000 images", "… 5 epochs × 50000 images (resuming after epoch 15 of 20)" or
 * "supervised reference finished (20 of 20 epochs)".
 */
function describeSupervisedWork(w: SupervisedWork): string {
  const done = w.doneEpochs ?? 0;
  const left = supervisedEpochsLeft(w);
  if (left === 0) return `supervised reference finished (${done} of ${epochsText(w.epochs)})`;
  const resuming = done > 0 ? ` (resuming after epoch ${done} of ${w.epochs})` : '';
  return `supervised reference ${epochsText(left)} × ${w.trainImages} images${resuming}`;
}

/**
 * The estimate of a run at `secondsPerImage`: per setting the `steps − doneSteps` steps left of
 * `2 × batchSize` trained images, as scored images the held-out pairs (2 images each) at every evaluation left
 * and the `testImages` embedded after training — by every setting, finished or not, and once for the untrained
 * baseline. The line says which settings resume, and from where. With `supervised` (`--supervised N`) it adds the
 * reference's trained images — `trainImages` for each of its `epochs` after the `doneEpochs` of its checkpoint —
 * and its two passes over the test images (embedding, softmax).
 *
 * @example
 * ```ts
 * runEstimate(0.0005, opts, 2000, [{ setting, doneSteps: 200 }]).line;
 * // 'estimated time: … (… 0.50 ms/image × 100 steps left × 64 pairs, resuming: form 1 + anchor at step 200 of 300, …)'
 * ```
 */
export function runEstimate(
  secondsPerImage: number,
  opts: Pick<ExperimentOptions, 'steps' | 'batchSize' | 'evalEvery' | 'evalPairCount'>,
  testImages: number,
  progress: readonly SettingProgress[],
  supervised: SupervisedWork | null = null,
): RunEstimate {
  const { steps, batchSize, evalEvery, evalPairCount } = opts;
  let stepsLeft = 0;
  let scored = testImages + (supervised === null ? 0 : 2 * testImages);
  for (const { doneSteps } of progress) {
    stepsLeft += steps - doneSteps;
    scored += evaluationsLeft(steps, evalEvery, doneSteps) * 2 * evalPairCount + testImages;
  }
  const seconds = estimateSeconds(secondsPerImage, {
    epochs: 1,
    trainImages:
      stepsLeft * 2 * batchSize + (supervised === null ? 0 : supervisedEpochsLeft(supervised) * supervised.trainImages),
    scoredOnce: scored,
  });
  const settings = progress.length;
  const resuming = describeResume(progress, steps);
  const work =
    resuming === ''
      ? `${steps} steps × ${batchSize} pairs × ${settings} setting${settings === 1 ? '' : 's'}`
      : `${stepsLeft} step${stepsLeft === 1 ? '' : 's'} left × ${batchSize} pairs, ${resuming}`;
  const reference = supervised === null ? '' : ` + ${describeSupervisedWork(supervised)}`;
  const detail = `${(secondsPerImage * 1000).toFixed(2)} ms/image × ${work}${reference}, t-SNE and SVM not counted`;
  return { secondsPerImage, seconds, stepsLeft, line: formatEstimate(seconds, detail) };
}

/**
 * Times a throwaway twin ConvNet on a few training steps (warm-up steps, then timed ones) and scales the seconds
 * per image to what is left of the run ({@link runEstimate}: the steps after each setting's checkpoint when
 * resuming, and the supervised reference's epochs after its `supervisedDoneEpochs`). The t-SNE pictures and
 * the SVMs are not counted. The throwaway net and its pair sampler have their own seed (`seed + 1`), so the
 * settings' runs are the same as without the estimate; `startNet` makes the throwaway net of a `--start-from`
 * run (its architecture).
 *
 * @example
 * ```ts
 * const est = await estimateRun(data, opts, await resumeProgress(opts), await supervisedProgress(opts));
 * console.log(est.line);
 * ```
 */
export async function estimateRun(
  data: ExperimentData,
  opts: ExperimentOptions,
  progress: readonly SettingProgress[],
  supervisedDoneEpochs = 0,
  startNet: (() => Promise<SiameseNetwork>) | null = null,
): Promise<RunEstimate> {
  const seed = opts.seed + 1;
  const first = opts.settings[0];
  const net = startNet === null ? twinNetwork(data, opts, seed) : await startNet();
  const sampler = pairSampler(first.strategy, data.train.labels, {
    batchSize: opts.batchSize,
    sameFraction: opts.sameFraction,
    seed,
  });
  let secondsPerImage: number;
  try {
    secondsPerImage = await measureSecondsPerImage(async () => {
      await trainSiamese(net, data.train, {
        sampler,
        steps: PROBE_STEPS,
        form: first.form,
        // Not yet known with --margin auto; a step takes as long with any margin.
        margin: opts.margin === 'auto' ? 1 : opts.margin,
        optimizer: { name: 'adam', learningRate: opts.lr },
        ...augmentOption(opts),
        seed,
      });
      return PROBE_STEPS * 2 * opts.batchSize;
    });
  } finally {
    net.twin.dispose();
  }
  const supervised =
    opts.supervisedEpochs > 0
      ? { epochs: opts.supervisedEpochs, doneEpochs: supervisedDoneEpochs, trainImages: data.train.shape[0] }
      : null;
  return runEstimate(secondsPerImage, opts, data.testSubset.length, progress, supervised);
}
