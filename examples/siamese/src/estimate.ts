import { embeddingConvNet, pairSampler, siamese, trainSiamese } from '@dlkit/siamese';
import { estimateSeconds, formatEstimate, measureSecondsPerImage } from '@dlkit-examples/common';
import type { ExperimentData } from './data';
import type { ExperimentOptions } from './options';

/** Measured cost of the twin ConvNet and what the planned run should take. */
export interface RunEstimate {
  /** Wall seconds per image through the twin in a training step (a pair is two images), measured now. */
  secondsPerImage: number;
  /** Expected wall seconds of the training steps, held-out losses and embeddings of all settings. */
  seconds: number;
  /** The `estimated time: …` line. */
  line: string;
}

/** Steps timed (after as many warm-up steps): enough for a steady figure, a few seconds at the default batch. */
const PROBE_STEPS = 5;

/**
 * Times a throwaway twin ConvNet on a few training steps (warm-up steps, then timed ones) and scales the seconds
 * per image to the run: per setting `steps × 2 × batchSize` trained images, and as scored images the held-out
 * pairs at every evaluation point (2 images each) and the embedded test images (also once for the untrained
 * baseline). The t-SNE pictures and the SVMs are not counted. The throwaway net and its pair sampler have
 * their own seed (`seed + 1`), so the settings' runs are the same as without the estimate.
 *
 * @example
 * ```ts
 * const est = await estimateRun(data, opts);
 * console.log(est.line);
 * ```
 */
export async function estimateRun(data: ExperimentData, opts: ExperimentOptions): Promise<RunEstimate> {
  const seed = opts.seed + 1;
  const first = opts.settings[0];
  const net = siamese(embeddingConvNet({ inputShape: data.inputShape, embeddingSize: opts.embeddingSize, seed }));
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
        margin: opts.margin,
        optimizer: { name: 'adam', learningRate: opts.lr },
        seed,
      });
      return PROBE_STEPS * 2 * opts.batchSize;
    });
  } finally {
    net.twin.dispose();
  }
  const settings = opts.settings.length;
  // trainSiamese evaluates before the first step, every `evalEvery` steps and after the last.
  const evaluations = Math.floor(opts.steps / opts.evalEvery) + (opts.steps % opts.evalEvery === 0 ? 1 : 2);
  const testImages = data.testSubset.length;
  const seconds = estimateSeconds(secondsPerImage, {
    epochs: 1,
    trainImages: settings * opts.steps * 2 * opts.batchSize,
    scoredOnce: settings * (evaluations * 2 * opts.evalPairCount + testImages) + testImages,
  });
  const detail =
    `${(secondsPerImage * 1000).toFixed(2)} ms/image × ${opts.steps} steps × ${opts.batchSize} pairs × ${settings} ` +
    `setting${settings === 1 ? '' : 's'}, t-SNE and SVM not counted`;
  return { secondsPerImage, seconds, line: formatEstimate(seconds, detail) };
}
