import { Queue, QueueEvents, type Job } from 'bullmq';
import { SweepError } from './errors';
import type { ProgressEvent, TrialOutcome } from './record';
import { parseRedisUrl, probeRedis, redisOptions } from './redis-connection';
import type { Sweep, SweepTrial } from './sweep';
import { DEFAULT_QUEUE, type TrialJobData } from './worker';

/** What the Redis coordinator needs besides the trials. */
export interface RedisRunOptions {
  redis: string;
  queue?: string;
  /** Engine threads of each trial (by key), handed to the workers. */
  threads: ReadonlyMap<string, number>;
  /** Run again trials whose stored outcome in Redis is a failure. */
  rerunFailed: boolean;
  connectTimeoutMs?: number;
  /** Milliseconds between checks of the jobs' states (events can be missed). Default 2,000. */
  pollMs?: number;
  onProgress?: (event: ProgressEvent) => void;
  /** `found`: the outcome was already in Redis when the sweep started (an earlier coordinator queued it). */
  onOutcome: (trial: SweepTrial, outcome: TrialOutcome, found: boolean) => Promise<void>;
  /** Called once every trial is queued or found in Redis. */
  onQueued?: (counts: { added: number; found: number }) => void;
}

/** The BullMQ job id of a trial: sweep name and key (ids may not contain ':'). */
export function jobId(sweep: string, key: string): string {
  return `${sweep}.${key}`;
}

/** Attempts BullMQ grants a job; only a forced worker shutdown fails an attempt (a trial's own error is an outcome). */
const JOB_ATTEMPTS = 5;

/**
 * The coordinator: queues the trials on Redis (those not already there, or whose stored outcome is to be
 * re-run), then waits for their outcomes — from BullMQ's event stream, and by polling the jobs' states so that
 * nothing is missed — and hands each to `onOutcome` exactly once. Outcomes stay in Redis (jobs are kept), so a
 * coordinator started again finds the finished ones there without running them again.
 */
export async function runOnRedis(sweep: Sweep, trials: readonly SweepTrial[], options: RedisRunOptions): Promise<void> {
  const target = parseRedisUrl(options.redis);
  await probeRedis(target, options.connectTimeoutMs ?? 5000);
  const queueName = options.queue ?? DEFAULT_QUEUE;
  const connection = redisOptions(target);
  const queue = new Queue<TrialJobData, TrialOutcome>(queueName, { connection });
  const events = new QueueEvents(queueName, { connection });
  // Connection errors pass while ioredis reconnects; the polling below tells when Redis is gone for good.
  const onError = (): void => undefined;
  queue.on('error', onError);
  events.on('error', onError);
  const pending = new Map<string, SweepTrial>(trials.map((t) => [jobId(sweep.name, t.key), t]));
  let settle: () => void = () => undefined;
  const allDone = new Promise<void>((resolve) => {
    settle = resolve;
  });
  let chain = Promise.resolve();
  let failure: unknown;
  const foundDone = new Set<string>();
  const finish = (id: string, outcome: TrialOutcome): void => {
    const trial = pending.get(id);
    if (trial === undefined) return;
    pending.delete(id);
    chain = chain
      .then(() => options.onOutcome(trial, outcome, foundDone.has(id)))
      .catch((e) => {
        failure ??= e;
      });
    if (pending.size === 0) void chain.then(settle);
  };
  const lostWorker = (job: Job<TrialJobData, TrialOutcome>): TrialOutcome => ({
    status: 'failed',
    error: { name: 'WorkerLost', message: job.failedReason || 'the job failed without an outcome' },
    where: { host: '?', pid: -1, worker: job.processedBy ?? '?' },
    startedAt: new Date(job.processedOn ?? job.timestamp).toISOString(),
    seconds: ((job.finishedOn ?? Date.now()) - (job.processedOn ?? job.timestamp)) / 1000,
    processSeconds: 0,
    attempts: job.attemptsStarted,
  });
  /** Looks at a job and, when it has ended, finishes its trial. Returns whether it has ended. */
  const inspect = async (id: string): Promise<boolean> => {
    const job = await queue.getJob(id);
    if (job === undefined) return false;
    const state = await job.getState();
    if (state === 'completed' && job.returnvalue) {
      finish(id, job.returnvalue);
      return true;
    }
    if (state === 'failed') {
      finish(id, lostWorker(job));
      return true;
    }
    return false;
  };
  try {
    events.on('completed', ({ jobId: id }) => void inspect(id).catch(onError));
    events.on('failed', ({ jobId: id }) => void inspect(id).catch(onError));
    events.on('progress', ({ jobId: id, data }) => {
      if (pending.has(id) && typeof data === 'object' && data !== null) {
        const p = data as unknown as ProgressEvent & { eta: number | null };
        options.onProgress?.({ ...p, eta: p.eta ?? NaN });
      }
    });
    await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
    const toAdd: SweepTrial[] = [];
    let found = 0;
    for (const [id, trial] of pending) {
      const job = await queue.getJob(id);
      if (job === undefined) {
        toAdd.push(trial);
        continue;
      }
      const state = await job.getState();
      const failedOutcome = state === 'completed' && job.returnvalue?.status === 'failed';
      if (state === 'failed' || (failedOutcome && options.rerunFailed) || (state === 'completed' && !job.returnvalue)) {
        await job.remove();
        toAdd.push(trial);
      } else {
        found++;
        if (state === 'completed') foundDone.add(id);
      }
    }
    await queue.addBulk(
      toAdd.map((trial) => ({
        name: sweep.name,
        data: { sweep: sweep.name, trial, threads: options.threads.get(trial.key) ?? 1 },
        opts: { jobId: jobId(sweep.name, trial.key), attempts: JOB_ATTEMPTS, removeOnComplete: false, removeOnFail: false },
      })),
    );
    options.onQueued?.({ added: toAdd.length, found });
    // Jobs that ended before the event stream was read (found above, or finished in between) are caught here.
    const poll = async (): Promise<void> => {
      for (const id of [...pending.keys()]) await inspect(id);
    };
    await poll();
    if (pending.size === 0) await chain;
    const pollMs = options.pollMs ?? 2000;
    while (pending.size > 0) {
      await Promise.race([allDone, new Promise((r) => setTimeout(r, pollMs))]);
      if (pending.size === 0) break;
      try {
        await poll();
      } catch (e) {
        throw new SweepError({
          code: 'REDIS_LOST',
          argument: 'redis',
          file: target.display,
          received: target.display,
          expected: 'a Redis that keeps answering during the sweep',
          hint: `${(e as Error).message}; the trials queued so far are kept there: start the sweep again once Redis is back`,
          cause: e,
        });
      }
    }
    await chain;
    if (failure !== undefined) throw failure;
  } finally {
    await Promise.allSettled([events.close(), queue.close()]);
  }
}
