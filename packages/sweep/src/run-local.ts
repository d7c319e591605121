import { hostname } from 'node:os';
import { findNonJson } from './canonical-json';
import { etaSeconds, startEpochOf } from './eta';
import { loadTrial } from './load-trial';
import type { ProgressEvent, TrialOutcome } from './record';
import { runTrialProcess } from './run-trial-process';
import type { SweepTrial } from './sweep';

/** What the local and inline runners need besides the trials. */
export interface LocalRunOptions {
  /** Trials at once, each in its own process; 0 runs them one after another inside this process. */
  workers: number;
  /** Engine threads of each trial (by key). */
  threads: ReadonlyMap<string, number>;
  resolveFrom: string;
  execArgv?: readonly string[];
  onProgress?: (event: ProgressEvent) => void;
  /** Called with every outcome as it arrives (awaited before that slot takes the next trial). */
  onOutcome: (trial: SweepTrial, outcome: TrialOutcome) => Promise<void>;
  /** Aborting stops the run: no trial starts any more, running trial processes are stopped (see `graceMs`). */
  signal?: AbortSignal;
  /** Milliseconds a stopped trial process has between SIGTERM and SIGKILL. */
  graceMs?: number;
}

/**
 * Runs `trials` on this machine: `workers` at a time, each in a fresh process, taking the next trial as soon as
 * one ends; or, with `workers: 0`, one after another in this process (for debugging, and as the reference the
 * process-based modes are compared with). Resolves with the trials an abort interrupted: a failure that ends a
 * trial after the abort is the abort's doing, so it is not handed to `onOutcome` (nor recorded) but returned.
 */
export async function runLocal(trials: readonly SweepTrial[], options: LocalRunOptions): Promise<SweepTrial[]> {
  const interrupted: SweepTrial[] = [];
  const settle = async (trial: SweepTrial, outcome: TrialOutcome): Promise<void> => {
    if (options.signal?.aborted && outcome.status === 'failed') interrupted.push(trial);
    else await options.onOutcome(trial, outcome);
  };
  if (options.workers === 0) {
    for (const trial of trials) {
      if (options.signal?.aborted) break;
      await settle(trial, await runInline(trial, options));
    }
    return interrupted;
  }
  let next = 0;
  const slot = async (n: number): Promise<void> => {
    while (next < trials.length && !options.signal?.aborted) {
      const trial = trials[next++] as SweepTrial;
      const outcome = await runTrialProcess(trial, {
        worker: `local-${n}`,
        threads: options.threads.get(trial.key) ?? 1,
        resolveFrom: options.resolveFrom,
        ...(options.execArgv ? { execArgv: options.execArgv } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        ...(options.signal ? { signal: options.signal, graceMs: options.graceMs ?? 10_000 } : {}),
      });
      await settle(trial, outcome);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.workers, trials.length) }, (_, i) => slot(i + 1)));
  return interrupted;
}

async function runInline(trial: SweepTrial, options: LocalRunOptions): Promise<TrialOutcome> {
  const where = { host: hostname(), pid: process.pid, worker: 'inline' };
  const startedAt = new Date().toISOString();
  const t0 = performance.now();
  const seconds = (): number => (performance.now() - t0) / 1000;
  try {
    const definition = await loadTrial(trial.trial, options.resolveFrom);
    const started = Date.now();
    let startEpoch: number | undefined;
    const result = await definition.run(structuredClone(trial.settings), {
      seed: trial.seed,
      key: trial.key,
      id: trial.id,
      threads: options.threads.get(trial.key) ?? 1,
      progress: (p) => {
        const elapsed = (Date.now() - started) / 1000;
        startEpoch ??= startEpochOf(p.epoch);
        const eta = etaSeconds(elapsed, p.epoch, p.epochs, startEpoch);
        options.onProgress?.({
          epoch: p.epoch,
          epochs: p.epochs,
          ...(p.loss === undefined ? {} : { loss: p.loss }),
          id: trial.id,
          key: trial.key,
          worker: 'inline',
          elapsed,
          eta,
        });
      },
    });
    const bad = findNonJson(result, 'result');
    if (bad) {
      return {
        status: 'failed',
        where,
        startedAt,
        seconds: seconds(),
        processSeconds: seconds(),
        attempts: 1,
        error: {
          name: 'SweepError',
          code: 'BAD_RESULT',
          message: `${bad.path} is ${String(bad.value)}, which JSON cannot hold: return finite numbers, strings, booleans, null, plain arrays and objects`,
        },
      };
    }
    // The same JSON round trip the process modes make, so every mode returns equal values.
    return {
      status: 'ok',
      result: JSON.parse(JSON.stringify(result)),
      where,
      startedAt,
      seconds: seconds(),
      processSeconds: seconds(),
      attempts: 1,
    };
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    const code = (err as { code?: unknown }).code;
    return {
      status: 'failed',
      where,
      startedAt,
      seconds: seconds(),
      processSeconds: seconds(),
      attempts: 1,
      error: {
        name: err.name,
        message: err.message,
        ...(typeof code === 'string' ? { code } : {}),
        ...(err.stack ? { stack: err.stack } : {}),
      },
    };
  }
}
