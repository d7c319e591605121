import { Worker, type Job } from 'bullmq';
import { hostname } from 'node:os';
import { check } from './errors';
import type { ProgressEvent, TrialOutcome } from './record';
import { parseRedisUrl, probeRedis, redisOptions } from './redis-connection';
import { runTrialProcess } from './run-trial-process';
import type { SweepTrial } from './sweep';

/** The queue coordinators and workers meet on unless told otherwise. */
export const DEFAULT_QUEUE = 'dlkit-sweep';

/** What a coordinator puts in a BullMQ job: one trial and what its worker must know. */
export interface TrialJobData {
  sweep: string;
  trial: SweepTrial;
  threads: number;
}

/** Options of {@link startWorker}. */
export interface WorkerOptions {
  /** Redis URL, e.g. `redis://10.0.0.5:6379`. */
  redis: string;
  /** Queue name. Default {@link DEFAULT_QUEUE}. */
  queue?: string;
  /** This worker's name in results (`where.worker`). Default `host:pid`. */
  name?: string;
  /** Trials at once, each in its own process. Default 1. */
  concurrency?: number;
  /** Folder bare trial-module specifiers resolve from. Default the current folder. */
  resolveFrom?: string;
  /**
   * Milliseconds a trial's lock lasts without renewal (the worker renews it every half); a worker that dies
   * stops renewing, and its trial goes back to the queue after at most `lockDuration + stalledInterval`.
   * Default 30,000.
   */
  lockDuration?: number;
  /** Milliseconds between checks for trials whose worker died. Default 30,000. */
  stalledInterval?: number;
  /** Times a trial may lose its worker before it is failed for good. Default 3. */
  maxStalledCount?: number;
  /** Milliseconds to wait for Redis at start. Default 5,000. */
  connectTimeoutMs?: number;
  /** Told when a trial starts, progresses and ends (for log lines). */
  onEvent?: (event: WorkerEvent) => void;
}

/** What {@link WorkerOptions.onEvent} receives. */
export type WorkerEvent =
  | { type: 'start'; sweep: string; id: string; key: string; attempt: number }
  | { type: 'progress'; sweep: string; progress: ProgressEvent }
  | { type: 'done'; sweep: string; id: string; key: string; outcome: TrialOutcome }
  | { type: 'error'; error: Error };

/** A running worker. */
export interface SweepWorker {
  /** The name results carry. */
  readonly name: string;
  /**
   * Stops taking trials. Without `force`, waits for the running ones to finish; with it, kills their processes
   * at once (their trials go back to the queue when their locks expire).
   */
  close(force?: boolean): Promise<void>;
}

/**
 * Starts a worker: takes trials from the queue on the Redis at `options.redis`, runs each in a fresh process
 * (its own engine), reports its progress (epoch, loss, ETA) and stores its outcome in Redis as the job's return
 * value. A trial that throws is an outcome too (`status: 'failed'`), not a retry. Throws `BAD_REDIS_URL` or
 * `REDIS_UNREACHABLE` (within `connectTimeoutMs`) when Redis cannot be used.
 *
 * @example
 * ```ts
 * const worker = await startWorker({ redis: 'redis://127.0.0.1:6379' });
 * process.on('SIGTERM', () => void worker.close());
 * ```
 */
export async function startWorker(options: WorkerOptions): Promise<SweepWorker> {
  const target = parseRedisUrl(options.redis);
  const concurrency = options.concurrency ?? 1;
  check(Number.isInteger(concurrency) && concurrency >= 1, 'concurrency', concurrency, 'a positive integer');
  const lockDuration = options.lockDuration ?? 30_000;
  const stalledInterval = options.stalledInterval ?? 30_000;
  check(Number.isInteger(lockDuration) && lockDuration >= 200, 'lockDuration', lockDuration, 'milliseconds, at least 200');
  check(
    Number.isInteger(stalledInterval) && stalledInterval >= 100,
    'stalledInterval',
    stalledInterval,
    'milliseconds, at least 100',
  );
  await probeRedis(target, options.connectTimeoutMs ?? 5000);
  const name = options.name ?? `${hostname()}:${process.pid}`;
  const resolveFrom = options.resolveFrom ?? process.cwd();
  const running = new Set<AbortController>();
  const processor = async (job: Job<TrialJobData>): Promise<TrialOutcome> => {
    const { sweep, trial, threads } = job.data;
    options.onEvent?.({ type: 'start', sweep, id: trial.id, key: trial.key, attempt: job.attemptsStarted });
    const abort = new AbortController();
    running.add(abort);
    try {
      const outcome = await runTrialProcess(trial, {
        worker: name,
        threads,
        resolveFrom,
        attempts: job.attemptsStarted,
        signal: abort.signal,
        onProgress: (progress) => {
          options.onEvent?.({ type: 'progress', sweep, progress });
          // JSON has no NaN: an unknown ETA travels as null.
          job.updateProgress({ ...progress, eta: Number.isFinite(progress.eta) ? progress.eta : null }).catch(() => undefined);
        },
      });
      // Killed by a forced close: not the trial's fault, so fail this attempt and let BullMQ queue another.
      if (abort.signal.aborted) throw new Error(`worker ${name} closed while the trial ran`);
      options.onEvent?.({ type: 'done', sweep, id: trial.id, key: trial.key, outcome });
      return outcome;
    } finally {
      running.delete(abort);
    }
  };
  const worker = new Worker<TrialJobData, TrialOutcome>(options.queue ?? DEFAULT_QUEUE, processor, {
    connection: redisOptions(target),
    concurrency,
    name,
    lockDuration,
    stalledInterval,
    maxStalledCount: options.maxStalledCount ?? 3,
  });
  worker.on('error', (error) => options.onEvent?.({ type: 'error', error }));
  await worker.waitUntilReady();
  return {
    name,
    async close(force = false) {
      if (force) for (const abort of running) abort.abort();
      await worker.close(force);
    },
  };
}
