import type { ImageDataset } from '@dlkit/datasets';
import { train } from '@dlkit/models';
import { estimateSeconds, firstImages, formatEstimate, measureSecondsPerImage } from '@dlkit-examples/common';
import type { Setting } from './settings';
import { settingModel } from './setting-model';

/** The sizes of a sweep-and-full-run that its time depends on. */
export interface SweepPlan {
  /** The distinct settings of the sweep. */
  settings: readonly Setting[];
  /** The setting whose rate the full run is charged at (the best is known only after the sweep). */
  baseline: Setting;
  samples: number;
  epochs: number;
  seeds: number;
  evalSize: number;
  /** 0 when there is no full run. */
  fullEpochs: number;
  fullTrainImages: number;
  testImages: number;
  batchSize: number;
  learningRate: number;
  seed: number;
}

/** Measured seconds per training image of every net width, and what the run should take. */
export interface SweepEstimate {
  /** Seconds per training image by nstates (`'32-32-128'`). */
  secondsPerImage: Record<string, number>;
  sweepSeconds: number;
  fullSeconds: number;
  /** The `estimated time: …` line. */
  line: string;
}

/** Batches timed per setting (after a warm-up pass over the same batches): the nets are small. */
const PROBE_BATCHES = 2;

/** The width of a setting's net, which sets its cost (pooling, activation and dropout change it little). */
const width = (s: Setting): string => s.nstates.join('-');

/**
 * Times a throwaway net of every width in the sweep (the baseline's, then each other nstates level, with the
 * baseline's other factors) on a few batches of `trainSet` — a warm-up pass, then a timed one — and scales: each
 * sweep run is `epochs × samples` trained and `evalSize` scored images, `seeds` times per setting; the full run
 * is `fullEpochs × fullTrainImages` trained and the test set scored, at the baseline's rate. The sweep's
 * parallel runs share the same cores, so the sum is the wall time. The throwaway nets have their own seed
 * (`seed + 1`, no shuffling), so the sweep's and the full run's results are unchanged.
 *
 * @example
 * ```ts
 * const est = await estimateSweep(plan, data.train);
 * console.log(est.line);
 * ```
 */
export async function estimateSweep(plan: SweepPlan, trainSet: ImageDataset<Float32Array>): Promise<SweepEstimate> {
  const sample = firstImages(trainSet, plan.batchSize * PROBE_BATCHES);
  const secondsPerImage: Record<string, number> = {};
  const probes = new Map<string, Setting>([[width(plan.baseline), plan.baseline]]);
  for (const s of plan.settings) if (!probes.has(width(s))) probes.set(width(s), { ...plan.baseline, nstates: s.nstates });
  for (const [key, setting] of probes) {
    const model = settingModel(setting, trainSet, plan.seed + 1);
    try {
      secondsPerImage[key] = await measureSecondsPerImage(async () => {
        await train(model, sample, {
          epochs: 1,
          batchSize: plan.batchSize,
          optimizer: { name: 'adam', learningRate: plan.learningRate },
          seed: plan.seed + 1,
          shuffle: false,
        });
        return sample.shape[0];
      });
    } finally {
      model.dispose();
    }
  }
  const sweepSeconds = plan.settings.reduce(
    (sum, s) =>
      sum +
      plan.seeds *
        estimateSeconds(secondsPerImage[width(s)], { epochs: plan.epochs, trainImages: plan.samples, scoredOnce: plan.evalSize }),
    0,
  );
  const fullSeconds =
    plan.fullEpochs > 0
      ? estimateSeconds(secondsPerImage[width(plan.baseline)], {
          epochs: plan.fullEpochs,
          trainImages: plan.fullTrainImages,
          scoredOnce: plan.testImages,
        })
      : 0;
  const runs = plan.settings.length * plan.seeds;
  const detail =
    `sweep ${(sweepSeconds / 60).toFixed(1)} min for ${runs} runs` +
    (plan.fullEpochs > 0 ? `, full run ${(fullSeconds / 60).toFixed(1)} min at the baseline net's rate` : '');
  return { secondsPerImage, sweepSeconds, fullSeconds, line: formatEstimate(sweepSeconds + fullSeconds, detail) };
}
