import { availableParallelism } from 'node:os';
import { check, SweepError } from './errors';
import { loadTrial } from './load-trial';
import type { ProgressEvent, TrialOutcome, TrialRecord } from './record';
import { ResultsFile } from './results-file';
import { runLocal } from './run-local';
import { runOnRedis } from './run-redis';
import type { Sweep, SweepTrial } from './sweep';

/** Options of {@link runSweep}. Local mode unless `redis` is given. */
export interface RunSweepOptions {
  /**
   * Local mode: trials at once, each in its own process. Default `floor(cores / threads)`, at least 1, where
   * `threads` is the largest engine-thread count of the sweep's trials. `0` runs them one after another inside
   * this process. Not allowed with `redis` (start more `dlkit-worker`s instead).
   */
  workers?: number;
  /** Redis mode: the URL of the Redis the `dlkit-worker` processes listen on, e.g. `redis://10.0.0.5:6379`. */
  redis?: string;
  /** Redis mode: queue name (the workers' `--queue`). Default `'dlkit-sweep'`. */
  queue?: string;
  /**
   * JSON-lines file of trial records, appended (and fsynced) as results arrive. Trials already there with
   * status `'ok'` are not run again; so a sweep stopped at any point resumes where it was.
   */
  resultsFile?: string;
  /** Run again trials whose stored outcome is a failure. Default true. */
  rerunFailed?: boolean;
  /** Folder bare trial-module specifiers resolve from. Default the current folder. */
  resolveFrom?: string;
  /**
   * Local mode: Node options of the trial processes. Default this process's (`process.execArgv`), so a loader
   * such as tsx carries over; a test runner's process may need `['--import', 'tsx']` for TypeScript trials.
   */
  execArgv?: readonly string[];
  /** Redis mode: milliseconds to wait for Redis at start. Default 5,000. */
  connectTimeoutMs?: number;
  /** Progress of running trials (epoch, loss, ETA), as they report it. */
  onProgress?: (event: ProgressEvent) => void;
  /** Each trial's record as it arrives (also for trials found finished), with the count so far. */
  onResult?: (record: TrialRecord, done: { finished: number; total: number; reused: boolean }) => void;
  /** Redis mode: told how many trials were queued and how many were found in Redis already. */
  onQueued?: (counts: { added: number; found: number }) => void;
  /**
   * Local mode: aborting stops the sweep. No further trial starts; each running trial's process gets SIGTERM
   * (so a trial that runs programs of its own can stop them) and SIGKILL `stopGraceMs` later if still there.
   * The trials it interrupts are not recorded (a re-run runs them), and runSweep rejects with an `ABORTED`
   * {@link SweepError} naming them once every trial process has ended. (Redis mode: stop the workers instead.)
   */
  signal?: AbortSignal;
  /** Local mode: milliseconds between SIGTERM and SIGKILL of a trial process when `signal` aborts. Default 10,000. */
  stopGraceMs?: number;
}

/** What {@link runSweep} returns. */
export interface SweepReport {
  sweep: string;
  mode: 'inline' | 'local' | 'redis';
  /** Local mode: processes at once (0 inline); Redis mode: null (the workers decide). */
  workers: number | null;
  /** One record per trial, in the sweep's order. */
  records: TrialRecord[];
  /** Trials found finished in the results file, or (Redis mode) in Redis, and not run again. */
  reused: number;
  /** Trials run by this call. */
  ran: number;
  /** Trials whose record is a failure. */
  failed: number;
  /** Wall time of this call, seconds. */
  seconds: number;
}

/**
 * Runs every trial of a sweep that has no finished result yet — in processes on this machine (default), inside
 * this process (`workers: 0`), or on `dlkit-worker` processes anywhere through Redis (`redis`) — and returns
 * one record per trial. A trial that throws gives a `'failed'` record with its error; the others go on. Results
 * are the same in every mode (each trial's seed and settings alone determine it).
 *
 * @example
 * ```ts
 * const report = await runSweep(sweep, { workers: 2, resultsFile: 'reports/squares.jsonl' });
 * for (const r of report.records) console.log(r.id, r.status, r.result, r.where.worker, r.seconds);
 * ```
 */
export async function runSweep(sweep: Sweep, options: RunSweepOptions = {}): Promise<SweepReport> {
  const t0 = performance.now();
  check(typeof sweep?.name === 'string' && Array.isArray(sweep.trials), 'sweep', sweep, 'a sweep made by defineSweep');
  const redis = options.redis;
  check(
    redis === undefined || options.workers === undefined,
    'workers',
    options.workers,
    'no workers count in Redis mode',
    'the number of dlkit-worker processes decides how many trials run at once',
  );
  check(
    redis === undefined || options.signal === undefined,
    'signal',
    'an AbortSignal',
    'no signal in Redis mode',
    'the dlkit-worker processes run the trials: stop them (SIGINT/SIGTERM) instead',
  );
  const resolveFrom = options.resolveFrom ?? process.cwd();
  // Every distinct trial function is imported here first: a missing module or export fails now, not per trial.
  const definitions = new Map<string, number>();
  for (const t of sweep.trials) {
    const ref = `${t.trial.module}#${t.trial.name}`;
    if (!definitions.has(ref)) definitions.set(ref, (await loadTrial(t.trial, resolveFrom)).threads);
  }
  const threads = new Map(sweep.trials.map((t) => [t.key, definitions.get(`${t.trial.module}#${t.trial.name}`) ?? 1]));
  const maxThreads = Math.max(...threads.values());
  const workers = options.workers ?? Math.max(1, Math.floor(availableParallelism() / maxThreads));
  check(
    Number.isInteger(workers) && workers >= 0,
    'workers',
    workers,
    'a non-negative integer (0 runs the trials in this process)',
  );
  const rerunFailed = options.rerunFailed ?? true;

  const opened = options.resultsFile === undefined ? undefined : await ResultsFile.open(options.resultsFile, sweep.name);
  const records = new Map<string, TrialRecord>();
  let finished = 0;
  for (const trial of sweep.trials) {
    const old = opened?.existing.get(trial.key);
    if (old !== undefined && (old.status === 'ok' || !rerunFailed)) {
      records.set(trial.key, old);
      options.onResult?.(old, { finished: ++finished, total: sweep.trials.length, reused: true });
    }
  }
  let reused = records.size;
  const todo = sweep.trials.filter((t) => !records.has(t.key));
  const onOutcome = async (trial: SweepTrial, outcome: TrialOutcome, found = false): Promise<void> => {
    if (records.has(trial.key)) return;
    if (found) reused++;
    const record: TrialRecord = {
      sweep: sweep.name,
      id: trial.id,
      key: trial.key,
      trial: trial.trial,
      settings: trial.settings,
      seed: trial.seed,
      ...outcome,
    };
    records.set(trial.key, record);
    await opened?.file.append(record);
    options.onResult?.(record, { finished: ++finished, total: sweep.trials.length, reused: found });
  };
  try {
    if (todo.length > 0) {
      if (redis !== undefined) {
        await runOnRedis(sweep, todo, {
          redis,
          threads,
          rerunFailed,
          onOutcome,
          ...(options.queue === undefined ? {} : { queue: options.queue }),
          ...(options.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: options.connectTimeoutMs }),
          ...(options.onProgress ? { onProgress: options.onProgress } : {}),
          ...(options.onQueued ? { onQueued: options.onQueued } : {}),
        });
      } else {
        const interrupted = await runLocal(todo, {
          workers,
          threads,
          resolveFrom,
          onOutcome,
          ...(options.execArgv ? { execArgv: options.execArgv } : {}),
          ...(options.onProgress ? { onProgress: options.onProgress } : {}),
          ...(options.signal ? { signal: options.signal } : {}),
          ...(options.stopGraceMs === undefined ? {} : { graceMs: options.stopGraceMs }),
        });
        if (options.signal?.aborted) {
          const notStarted = todo.length - interrupted.length - (records.size - reused);
          throw new SweepError({
            code: 'ABORTED',
            argument: 'signal',
            received: interrupted.map((t) => t.id),
            expected: 'every trial run',
            message: `sweep ${sweep.name} stopped: ${interrupted.length} trial(s) interrupted (${interrupted.map((t) => t.id).join(', ') || 'none'}), ${notStarted} not started; the finished ones are recorded`,
            hint: 'run the sweep again with the same results file to run the rest',
          });
        }
      }
    }
  } finally {
    await opened?.file.close();
  }
  const ordered = sweep.trials.map((t) => records.get(t.key) as TrialRecord);
  return {
    sweep: sweep.name,
    mode: redis !== undefined ? 'redis' : workers === 0 ? 'inline' : 'local',
    workers: redis !== undefined ? null : workers,
    records: ordered,
    reused,
    ran: ordered.length - reused,
    failed: ordered.filter((r) => r.status === 'failed').length,
    seconds: (performance.now() - t0) / 1000,
  };
}
