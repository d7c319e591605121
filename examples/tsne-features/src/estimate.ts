import { train } from '@dlkit/models';
import { estimateSeconds, firstImages, formatEstimate, measureSecondsPerImage } from '@dlkit-examples/common';
import type { Data } from './data';
import { networkFor } from './network';
import type { Options } from './options';

/** Measured cost of the example's network and what the planned run should take. */
export interface RunEstimate {
  /** Wall seconds per training image (forward pass, backward pass, Adam update), measured now. */
  secondsPerImage: number;
  /** Expected wall seconds of the training epochs and the feature captures; PCA and t-SNE not counted. */
  seconds: number;
  /** The `estimated time: …` line. */
  line: string;
}

/** Batches timed (after as many warm-up batches): a steady figure in a second or two at the default batch. */
const PROBE_BATCHES = 4;

/**
 * Times a throwaway copy of the example's network (`seed + 1`, built after the real model, so the real one's
 * weights and layer names are unchanged) on a few training batches after a warm-up, and scales the seconds per
 * image to the run: `epochs × trainSize` trained images, and as scored images (a forward pass, ⅓ of a trained
 * one) the test images at every snapshot, once per embedded layer and once more for the test accuracy (each
 * counted as a full pass, though a layer's features stop before the layers above it). PCA, t-SNE, the quality
 * measures and the pictures run after training and are not counted: they depend on the features' structure
 * more than on the image count (the README gives measured figures).
 *
 * @example
 * ```ts
 * const estimate = await estimateRun(options, data);
 * console.log(estimate.line);
 * ```
 */
export async function estimateRun(options: Options, data: Data): Promise<RunEstimate> {
  const { epochs, batchSize, learningRate, snapshots, layerNames } = options;
  const seed = options.seed + 1;
  const probe = networkFor({ ...options, seed }, data.trainSet.shape, data.trainSet.classNames.length).model;
  const sample = firstImages(data.trainSet, PROBE_BATCHES * batchSize);
  let secondsPerImage: number;
  try {
    secondsPerImage = await measureSecondsPerImage(async () => {
      await train(probe, sample, {
        epochs: 1,
        batchSize,
        optimizer: { name: 'adam', learningRate },
        seed,
        shuffle: false,
      });
      return sample.shape[0];
    });
  } finally {
    probe.dispose();
  }
  const passes = layerNames.length + 1;
  const seconds = estimateSeconds(secondsPerImage, {
    epochs,
    trainImages: data.trainSize,
    scoredOnce: snapshots.length * passes * data.testSize,
  });
  const detail =
    `${(secondsPerImage * 1000).toFixed(2)} ms/image × ${epochs} epoch${epochs === 1 ? '' : 's'} of ${data.trainSize} ` +
    `images + ${snapshots.length} snapshot${snapshots.length === 1 ? '' : 's'} × ${passes} forward passes of ` +
    `${data.testSize} test images; PCA and t-SNE not counted`;
  return { secondsPerImage, seconds, line: formatEstimate(seconds, detail) };
}
