/**
 * The studies through @dlkit/sweep: one trial per variant, run in this process (`workers: 0`), in local worker
 * processes (`workers: N`, default from the cores), or on dlkit-worker processes through Redis (`redis`), and
 * assembled into the same {@link StudyResult}s as `runStudies`.
 */
import { availableParallelism } from 'node:os';
import { defineSweep, failedTrialsMessage, runSweep, type RunSweepOptions, type Sweep, type SweepReport } from '@dlkit/sweep';
import { CliError } from '@dlkit-examples/common';
import type { LoadDataOptions } from './data';
import type { VariantResult } from './run-variant';
import type { StudyResult } from './studies';
import { VARIANT_TRIAL, type VariantTrialResult, type VariantTrialSettings } from './trials';
import type { StudyPlan } from './variants';
import type { LrSchedule } from '@dlkit/models';

/**
 * Options of {@link runStudiesAsTrials}. The run options (`workers`, `redis`, `resultsFile`, `execArgv`,
 * `onResult`, `onProgress`) are @dlkit/sweep's.
 */
export interface StudyTrialsOptions
  extends Pick<RunSweepOptions, 'workers' | 'redis' | 'resultsFile' | 'execArgv' | 'onResult' | 'onProgress'> {
  data: LoadDataOptions;
  epochs: number;
  seed: number;
  augment: boolean;
  /** Learning-rate schedule of every variant. Default constant. */
  schedule?: LrSchedule;
  /** Folder of the per-variant checkpoint folders (`<study>-<variant>/`, see {@link variantSlug}). */
  checkpointRoot?: string;
  /** Continue each variant from its newest checkpoint. Default false. */
  resume?: boolean;
  /**
   * Engine threads of each variant (default 1). Local mode then runs `floor(cores / threads)` variants at once
   * unless `workers` says otherwise: a lone full-size variant can use every core.
   */
  threads?: number;
}

/** What defines the trials of a run (the rest of {@link StudyTrialsOptions} says where and how they run). */
export type VariantTrialsSpec = Pick<
  StudyTrialsOptions,
  'data' | 'epochs' | 'seed' | 'augment' | 'schedule' | 'checkpointRoot' | 'resume' | 'threads'
>;

/**
 * The sweep of a run: one trial per variant of every plan, labelled `<study>: <variant>`, in plan order. Its
 * trial keys are the ones a `--results` file stores, so a run can tell before it starts which variants are done.
 */
export function variantSweep(plans: readonly StudyPlan[], options: VariantTrialsSpec): Sweep {
  return defineSweep({
    name: 'cifar-cnn',
    trials: plans.flatMap((plan) =>
      plan.variants.map((spec) => ({
        id: `${plan.id}: ${spec.name}`,
        trial: VARIANT_TRIAL,
        seed: options.seed,
        settings: {
          spec,
          data: options.data,
          epochs: options.epochs,
          augment: options.augment,
          ...(options.schedule ? { schedule: options.schedule } : {}),
          ...(options.checkpointRoot ? { checkpointRoot: options.checkpointRoot, resume: options.resume === true } : {}),
          ...(options.threads !== undefined && options.threads !== 1 ? { threads: options.threads } : {}),
        } satisfies VariantTrialSettings,
      })),
    ),
  });
}

/**
 * Runs every variant of every plan as a trial (seed: `options.seed`, as `runStudies` gives them) and returns the
 * studies in plan order. A study's `seconds` is the sum of its variants' trial times (they may run side by
 * side). Throws when a variant failed, naming it and its error.
 */
export async function runStudiesAsTrials(
  plans: readonly StudyPlan[],
  options: StudyTrialsOptions,
): Promise<{ studies: StudyResult[]; report: SweepReport }> {
  const sweep = variantSweep(plans, options);
  const threads = options.threads ?? 1;
  const report = await runSweep(sweep, {
    workers:
      options.workers ?? (options.redis === undefined ? Math.max(1, Math.floor(availableParallelism() / threads)) : undefined),
    redis: options.redis,
    resultsFile: options.resultsFile,
    execArgv: options.execArgv,
    onResult: options.onResult,
    onProgress: options.onProgress,
  });
  const failed = failedTrialsMessage(report, 'variants');
  // The trials' own errors are in the message; a stack of this line would add nothing.
  if (failed) throw new CliError(failed);
  let i = 0;
  const studies = plans.map((plan): StudyResult => {
    const records = report.records.slice(i, i + plan.variants.length);
    i += plan.variants.length;
    const variants = records.map((r): VariantResult => {
      const { engine: _engine, ...result } = r.result as unknown as VariantTrialResult;
      return result;
    });
    return {
      id: plan.id,
      title: plan.title,
      question: plan.question,
      variants,
      seconds: records.reduce((a, r) => a + r.seconds, 0),
    };
  });
  return { studies, report };
}
