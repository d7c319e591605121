/**
 * The coordinator's side of the RNN trials: runs a list of trainings through @dlkit/sweep (in this process, in
 * local worker processes, or on dlkit-worker processes through Redis), decodes what each returned, and keeps
 * where and how long each ran for the report.
 */
import { existsSync } from 'node:fs';
import { RnnLm, RnnlmError, loadLanguageModel, type RnnTrainReport } from '@dlkit/rnnlm';
import {
  defineSweep,
  failedTrialsMessage,
  formatSweepReport,
  runSweep,
  type RunSweepOptions,
  type SweepReport,
  type TrialRecord,
} from '@dlkit/sweep';
import { CliError } from '@dlkit-examples/common';
import type { Corpus } from './corpus';
import { decodeProbabilities } from './probabilities';
import { RNN_TRIAL, type RnnTrialResult, type RnnTrialSettings } from './trials';

/** One training to run: its label (unique in the sweep), settings and seed. */
export interface RnnRun {
  id: string;
  settings: RnnTrialSettings;
  seed: number;
}

/** A finished RNN trial, decoded: what the later steps of the protocols use. */
export interface TrainedRnn {
  name: string;
  settings: RnnTrialSettings;
  seed: number;
  report: RnnTrainReport;
  engine: string;
  /** P(token | history) on the held-out text and on the test text. */
  held: Float64Array;
  test: Float64Array;
  /** Path of the saved model, when the run asked for one. */
  model?: string;
  /** True when the trial loaded the model from its file instead of training it. */
  loaded: boolean;
  /** The sweep's record: where (host/pid/worker) and how long the trial ran. */
  record: TrialRecord;
}

/** How the trials run; the run options are @dlkit/sweep's (`workers`, `redis`, `resultsFile`, `execArgv`). */
export interface RnnTrialsOptions extends Pick<RunSweepOptions, 'workers' | 'redis' | 'resultsFile' | 'execArgv'> {
  /** The sweep's name (labels the results file and the Redis jobs): one per protocol. */
  sweep: string;
  /** Print every RNN epoch as the trials report it. */
  verbose: boolean;
  log: (msg: string) => void;
}

/** One call of {@link runRnnTrials}: its phase label and the sweep's report. */
export interface TrialPhase {
  phase: string;
  report: SweepReport;
}

const perSecond = (v: number): string => `${Math.round(v)}`;

/**
 * Runs `runs` as one sweep and returns them decoded, in the order given. Throws when a trial failed (naming each
 * failed trial and its error), or when a result does not fit the corpus (a results file of other data).
 */
export async function runRnnTrials(
  phase: string,
  runs: readonly RnnRun[],
  corpus: Corpus,
  options: RnnTrialsOptions,
): Promise<{ trained: TrainedRnn[]; phase: TrialPhase }> {
  const { log } = options;
  const sweep = defineSweep({
    name: options.sweep,
    trials: runs.map((r) => ({ id: r.id, trial: RNN_TRIAL, settings: r.settings, seed: r.seed })),
  });
  const report = await runSweep(sweep, {
    workers: options.workers,
    redis: options.redis,
    resultsFile: options.resultsFile,
    execArgv: options.execArgv,
    onQueued: ({ added, found }) => log(`${phase}: ${added} trials queued on Redis, ${found} found there already`),
    onProgress: (p) => {
      if (options.verbose) {
        log(
          `  ${p.id} epoch ${p.epoch}/${p.epochs} held-out ${p.loss === undefined ? '–' : Math.exp(p.loss).toFixed(1)}${Number.isFinite(p.eta) ? ` (at most ${p.eta.toFixed(0)} s left)` : ''} [${p.worker}]`,
        );
      }
    },
    onResult: (r, done) => {
      const res = r.result as unknown as RnnTrialResult | undefined;
      const head = `[${phase} ${String(done.finished).padStart(String(done.total).length)}/${done.total}] ${r.id}`;
      if (r.status !== 'ok' || res === undefined) {
        log(`${head}: FAILED ${r.error?.name ?? 'Error'}: ${r.error?.message ?? ''}`);
        return;
      }
      const rep = res.report;
      const where = done.reused
        ? '(finished earlier, not run again)'
        : `${r.seconds.toFixed(0)} s on ${r.where.host}/${r.where.pid}/${r.where.worker}`;
      log(
        `${head} [${res.engine}]: held-out ${res.heldOutPerplexity.toFixed(2)}, test ${res.testPerplexity.toFixed(2)}, ${rep.epochs.length} epochs, ${perSecond(rep.tokensPerSecond)} tok/s (${perSecond(rep.tokensPerCpuSecond)} per CPU s)${res.loaded ? `, loaded from ${res.model}` : ''} — ${where}`,
      );
    },
  });
  log(`\n${formatSweepReport(report)}\n`);
  const failed = failedTrialsMessage(report, `RNN trials (${phase})`);
  // The trials' own errors are in the message; a stack of this line would add nothing.
  if (failed) throw new CliError(failed);
  const trained = report.records.map((record, i): TrainedRnn => {
    const run = runs[i] as RnnRun;
    const res = record.result as unknown as RnnTrialResult;
    const field = (f: string): string => `trial "${record.id}".result.${f}`;
    // Checked now, not after every other step: a model the later steps will need must be readable here.
    if (res.model !== undefined && !existsSync(res.model)) {
      throw new RnnlmError(
        field('model'),
        'no such file',
        'a model file this process can read',
        options.redis === undefined
          ? 'the file was removed after the trial ran: remove the results file (or its line for this trial) to train it again'
          : 'with --redis the workers save models on their own disks unless --models is a folder every machine shares (NFS or the like)',
        { file: res.model },
      );
    }
    return {
      name: run.id,
      settings: run.settings,
      seed: run.seed,
      report: res.report,
      engine: res.engine,
      held: decodeProbabilities(res.held, corpus.heldOut.length, field('held')),
      test: decodeProbabilities(res.test, corpus.test.length, field('test')),
      ...(res.model === undefined ? {} : { model: res.model }),
      loaded: res.loaded,
      record,
    };
  });
  return { trained, phase: { phase, report } };
}

const models = new Map<string, Promise<RnnLm>>();

/**
 * The trained model of a trial, loaded from the file it saved (once per file). Throws a clear error when the
 * trial saved none or the file cannot be read (a worker's disk the coordinator does not see).
 */
export function trainedModel(t: TrainedRnn): Promise<RnnLm> {
  const file = t.model;
  if (file === undefined) {
    return Promise.reject(
      new RnnlmError(`trial "${t.name}".result.model`, undefined, 'the path of the saved model', 'run the trial with modelFile'),
    );
  }
  let lm = models.get(file);
  if (lm === undefined) {
    lm = loadLanguageModel(file).then((m) => {
      if (!(m instanceof RnnLm)) throw new RnnlmError('format', 'dlkit-kneser-ney', "'dlkit-rnnlm'", undefined, { file });
      return m;
    });
    models.set(file, lm);
  }
  return lm;
}

/** Every trial of the run with where and how long it ran, for the JSON output. */
export function trialsJson(phases: readonly TrialPhase[]) {
  return phases.map(({ phase, report }) => ({
    phase,
    mode: report.mode,
    workers: report.workers,
    ran: report.ran,
    reused: report.reused,
    seconds: report.seconds,
    trials: report.records.map((r) => ({
      id: r.id,
      key: r.key,
      mode: report.mode,
      seed: r.seed,
      status: r.status,
      where: r.where,
      startedAt: r.startedAt,
      seconds: r.seconds,
      processSeconds: r.processSeconds,
      attempts: r.attempts,
    })),
  }));
}

/** Each trial of the run as a row of the HTML report: where (host/pid/worker, mode) and how long it ran. */
export function trialsTable(phases: readonly TrialPhase[]): { head: string[]; rows: string[][] } {
  return {
    head: ['phase', 'trial', 'status', 'where (host/pid/worker)', 'mode', 'seconds', 'attempts'],
    rows: phases.flatMap(({ phase, report }) =>
      report.records.map((r) => [
        phase,
        r.id,
        r.status,
        `${r.where.host}/${r.where.pid}/${r.where.worker}`,
        report.mode,
        r.seconds.toFixed(1),
        String(r.attempts),
      ]),
    ),
  };
}
