/**
 * The sweep's grid through @dlkit/sweep: one trial per (setting, seed), run in this process (`workers: 0`), in
 * local worker processes (`workers: N`, default from the cores), or on dlkit-worker processes through Redis
 * (`redis`). Results are assembled into the same {@link SweepResult} the in-process loop returns.
 */
import { defineSweep, runSweep as runTrials, type ProgressEvent, type SweepReport, type TrialRecord } from '@dlkit/sweep';
import type { DataVariant } from './data';
import { BASELINE, DEFAULT_LEVELS, settingId, sweepDesign, type Factor, type FactorLevels, type Setting } from './settings';
import { summariseSweep, type RunResult, type SweepResult } from './sweep';
import { CONVNET_TRIAL, type ConvnetTrialResult, type ConvnetTrialSettings } from './trials';

/** Options of {@link runSweepTrials}. */
export interface SweepTrialsOptions {
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
  /** Local processes at once (0: in this process). Default from the cores. */
  workers?: number;
  /** Redis URL: run on dlkit-worker processes. */
  redis?: string;
  /** JSON-lines file of trial records: a re-run resumes from it. */
  resultsFile?: string;
  /** Node options of local trial processes (default this process's, which carry tsx's loader). */
  execArgv?: readonly string[];
  onResult?: (record: TrialRecord, done: { finished: number; total: number; reused: boolean }) => void;
  onProgress?: (event: ProgressEvent) => void;
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
    ...(options.workers === undefined ? {} : { workers: options.workers }),
    ...(options.redis === undefined ? {} : { redis: options.redis }),
    ...(options.resultsFile === undefined ? {} : { resultsFile: options.resultsFile }),
    ...(options.execArgv === undefined ? {} : { execArgv: options.execArgv }),
    ...(options.onResult ? { onResult: options.onResult } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const failed = report.records.filter((r) => r.status === 'failed');
  if (failed.length > 0) {
    throw new Error(
      `${failed.length} of ${report.records.length} trials failed:\n${failed.map((r) => `  ${r.id}: ${r.error?.name}: ${r.error?.message}`).join('\n')}`,
    );
  }
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
