import type { ImageDataset } from '@dlkit/datasets';
import { train } from '@dlkit/models';
import { buildModel } from './run-variant';
import type { StudyPlan, VariantSpec } from './variants';
import { firstImages } from '@dlkit-examples/common';

/** Measured cost of one variant and what the planned run of it should take. */
export interface VariantEstimate {
  variant: VariantSpec;
  /** Wall seconds per training image, measured on this machine now. */
  secondsPerImage: number;
  /** Expected wall seconds of the whole variant (training epochs plus the per-epoch test pass). */
  seconds: number;
}

/** Options of {@link estimateRun}. */
export interface EstimateOptions {
  epochs: number;
  /** Training images per epoch of the real run. */
  trainImages: number;
  /** Test images evaluated after every epoch of the real run. */
  testImages: number;
  seed: number;
  /** Batches timed per variant (after one warm-up epoch of the same size). Default 2. */
  batches?: number;
}

/**
 * Times every planned variant on a few batches of `trainSet` (a warm-up epoch, then a timed one) and scales
 * the measured seconds per image to the run's size: `epochs × (trainImages + testImages / 3) × s/image` (a
 * test image costs about a third of a training image: forward pass only). The figure is as good as the
 * machine's load is steady; it is printed before a long run starts.
 *
 * @example
 * ```ts
 * const est = await estimateRun(studyPlan(['tf']), data.train, { epochs: 30, trainImages: 50_000, testImages: 10_000, seed: 1 });
 * console.log(`≈ ${(est.reduce((s, e) => s + e.seconds, 0) / 3600).toFixed(1)} h`);
 * ```
 */
export async function estimateRun(
  plans: readonly StudyPlan[],
  trainSet: ImageDataset<Float32Array>,
  options: EstimateOptions,
): Promise<VariantEstimate[]> {
  const out: VariantEstimate[] = [];
  for (const plan of plans) {
    for (const variant of plan.variants) {
      const sample = firstImages(trainSet, variant.batchSize * (options.batches ?? 2));
      const model = buildModel(variant, options.seed, trainSet.classNames.length);
      try {
        const r = await train(model, sample, {
          epochs: 2,
          batchSize: variant.batchSize,
          optimizer: variant.optimizer,
          seed: options.seed,
          shuffle: false,
        });
        const secondsPerImage = r.history[1].seconds / sample.shape[0];
        out.push({
          variant,
          secondsPerImage,
          seconds: options.epochs * (options.trainImages + options.testImages / 3) * secondsPerImage,
        });
      } finally {
        model.dispose();
      }
    }
  }
  return out;
}
