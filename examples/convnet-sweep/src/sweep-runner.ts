/**
 * The sweep's grid through @dlkit/sweep: one trial per (setting, seed), run in this process (`workers: 0`), in
 * local worker processes (`workers: N`, default from the cores), or on dlkit-worker processes through Redis
 * (`redis`). Results are assembled into the same {@link SweepResult} the in-process loop returns.
 */
import { defineSweep, failedTrialsMessage, runSweep as runTrials, type SweepReport, type RunSweepOptions } from '@dlkit/sweep';
import { CliError } from '@dlkit-examples/common';
import type { DataVariant } from './data';
import { BASELINE, DEFAULT_LEVELS, settingId, sweepDesign, type Factor, type FactorLevels, type Setting } from './settings';
import { summariseSweep, type RunResult, type SweepResult } from './sweep';
import { CONVNET_TRIAL, type ConvnetTrialResult, type ConvnetTrialSettings } from './trials';

/** Options of {@link runSweepTrials}. */
/** The run options (`workers`, `redis`, `resultsFile`, `execArgv`, `onResult`, `onProgress`) are @dlkit/sweep's. */
export interface SweepTrialsOptions
  extends Pick<RunSweepOptions, 'workers' | 'redis' | 'resultsFile' | 'execArgv' | 'onResult' | 'onProgress'> {
  data: DataVariant;
  /** Fashion-MNIST IDX folder (as seen by the workers). */
  root?: string;
  factors: readonly Factor[];
  baseline?: Setting;
  levels?: FactorLevels;
  samples: number;
  epochs: number;
  seeds: number;
  seed: number;
  evalSize: number;
  batchSize: number;
  learningRate: number;
}

/** Runs the grid as trials; throws when a trial failed (its error in the message), since the table needs them all. */
export async function runSweepTrials(options: SweepTrialsOptions): Promise<{ sweep: SweepResult; report: SweepReport }> {
  const t0 = performance.now();
  const baseline = options.baseline ?? BASELINE;
  const design = sweepDesign(options.factors, baseline, options.levels ?? DEFAULT_LEVELS);
  const seedList = Array.from({ length: options.seeds }, (_, r) => options.seed + r);
  const common = {
    data: options.data,
    ...(options.root === undefined ? {} : { root: options.root }),
    samples: options.samples,
    epochs: options.epochs,
    evalSize: options.evalSize,
    batchSize: options.batchSize,
    learningRate: options.learningRate,
  };
  const sweep = defineSweep({
    name: 'convnet-sweep',
    trials: seedList.flatMap((seed) =>
      design.settings.map((setting) => ({
        id: `${settingId(setting)} seed ${seed}`,
        trial: CONVNET_TRIAL,
        seed,
        settings: { ...common, setting: { ...setting, nstates: [...setting.nstates] } } satisfies ConvnetTrialSettings,
      })),
    ),
  });
  const report = await runTrials(sweep, {
    workers: options.workers,
    redis: options.redis,
    resultsFile: options.resultsFile,
    execArgv: options.execArgv,
    onResult: options.onResult,
    onProgress: options.onProgress,
  });
  const failed = failedTrialsMessage(report, 'trials');
  // The trials' own errors are in the message; a stack of this line would add nothing.
  if (failed) throw new CliError(failed);
  const runs = new Map<string, RunResult[]>();
  const params = new Map<string, number>();
  for (const record of report.records) {
    const { setting } = record.settings as unknown as ConvnetTrialSettings;
    const r = record.result as unknown as ConvnetTrialResult;
    const id = settingId(setting);
    params.set(id, r.parameters);
    runs.set(id, [
      ...(runs.get(id) ?? []),
      {
        seed: r.seed,
        accuracy: r.accuracy,
        loss: r.loss,
        trainAccuracy: r.trainAccuracy,
        trainSeconds: r.trainSeconds,
        evalSeconds: r.evalSeconds,
      },
    ]);
  }
  const result = summariseSweep(design, runs, params, {
    baseline,
    factors: [...options.factors],
    samples: options.samples,
    epochs: options.epochs,
    seeds: seedList,
    batchSize: options.batchSize,
    learningRate: options.learningRate,
    evalSize: options.evalSize,
    seconds: (performance.now() - t0) / 1000,
  });
  return { sweep: result, report };
}
