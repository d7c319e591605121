/**
 * One variant of a study as a @dlkit/sweep trial. Workers on any machine import it as
 * `@dlkit-examples/cifar-cnn/trials` (this package's `exports`), so the studies run in this process, in local
 * worker processes, or on dlkit-worker processes through Redis, with the same numbers.
 */
import { initBackend } from '@dlkit/backend';
import { defineTrial } from '@dlkit/sweep';
import { writePreprocessing } from '@dlkit-examples/common';
import { loadData, type CifarData, type LoadDataOptions } from './data';
import { runVariant, type VariantResult } from './run-variant';
import { variantSlug, type VariantSpec } from './variants';
import type { LrSchedule } from '@dlkit/models';
import { join } from 'node:path';

/** The module specifier and export name sweeps name this trial by. */
export const VARIANT_TRIAL = { module: '@dlkit-examples/cifar-cnn/trials', name: 'variantTrial' } as const;

/** Everything one variant's run depends on besides its seed (JSON: it travels to workers). */
export interface VariantTrialSettings {
  spec: VariantSpec;
  /** The data, as `loadData` takes it (`root` is a folder on the worker's machine). */
  data: LoadDataOptions;
  epochs: number;
  augment: boolean;
  /** Learning-rate schedule (JSON: a step or plateau schedule). Default constant. */
  schedule?: LrSchedule;
  /** Folder of the per-variant checkpoint folders, on the worker's machine. */
  checkpointRoot?: string;
  /** Continue from the newest checkpoint in the variant's folder. */
  resume?: boolean;
  /**
   * Engine threads of this variant's run. Default 1 (the definition's: sweeps plan their processes by it). Part of
   * the settings, and so of the trial's key, because the thread count changes the last bits of the numbers.
   */
  threads?: number;
}

/** A variant's result and the engine it ran on. */
export interface VariantTrialResult extends VariantResult {
  engine: string;
}

// One load per process: in-process sweeps run many variants in one process.
const loaded = new Map<string, Promise<CifarData>>();

/** Trains and evaluates one variant: exactly what `runStudies` does for it. */
export const variantTrial = defineTrial<VariantTrialSettings, VariantTrialResult>({
  threads: 1,
  run: async (s, context) => {
    const engine = await initBackend({ threads: s.threads ?? context.threads });
    const key = JSON.stringify(s.data);
    if (!loaded.has(key)) loaded.set(key, loadData(s.data));
    const data = await (loaded.get(key) as Promise<CifarData>);
    const dir = s.checkpointRoot === undefined ? undefined : join(s.checkpointRoot, variantSlug(s.spec));
    // The checkpoints are only usable with the statistics the inputs were standardised with: kept beside them
    // (cnn-features-svm --model reads them).
    if (dir !== undefined) {
      await writePreprocessing(dir, {
        normalization: data.stats,
        trainImages: data.train.shape[0],
        source: data.source,
        classNames: [...data.train.classNames],
      });
    }
    const result = await runVariant(s.spec, data.train, data.test, {
      epochs: s.epochs,
      seed: context.seed,
      augment: s.augment,
      ...(s.schedule ? { schedule: s.schedule } : {}),
      ...(dir === undefined ? {} : { checkpointDir: () => dir, resume: s.resume === true }),
      progress: () => (e) => {
        if (e.type === 'epoch') context.progress({ epoch: e.record.epoch, epochs: e.epochs, loss: e.record.loss });
      },
    });
    return { ...result, engine: `${engine.engine} (${engine.threads} thread${engine.threads === 1 ? '' : 's'})` };
  },
});
