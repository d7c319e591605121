import type { JsonValue } from './canonical-json';
import type { TrialProgress, TrialRef } from './trial';

/** Where a trial ran. */
export interface TrialWhere {
  /** Host name of the machine. */
  host: string;
  /** Process id of the process the trial ran in (one fresh process per trial). */
  pid: number;
  /** The worker that started that process: `local-2`, or a `dlkit-worker`'s name (`host:pid` by default). */
  worker: string;
}

/** A trial's error, as it crosses processes. */
export interface TrialFailure {
  /** The error's class name (`'TypeError'`, `'SweepError'`, `'TrialProcessError'`, …). */
  name: string;
  message: string;
  /** The error's `code`, when it had a string one. */
  code?: string;
  stack?: string;
}

/** How one run of a trial ended. */
export interface TrialOutcome {
  /** `'ok'`: `result` holds what the trial returned; `'failed'`: `error` says why. */
  status: 'ok' | 'failed';
  result?: JsonValue;
  error?: TrialFailure;
  where: TrialWhere;
  /** ISO time the trial function was called. */
  startedAt: string;
  /** Wall time of the trial function, seconds. */
  seconds: number;
  /** Wall time of its process, start-up and import included, seconds. */
  processSeconds: number;
  /** Runs started for this result (more than 1 when a worker died during an earlier one). */
  attempts: number;
}

/** One line of a sweep's results file: the trial and its outcome. */
export interface TrialRecord extends TrialOutcome {
  /** The sweep's name. */
  sweep: string;
  id: string;
  key: string;
  trial: TrialRef;
  settings: JsonValue;
  seed: number;
}

/** What a progress callback receives. */
export interface ProgressEvent extends TrialProgress {
  id: string;
  key: string;
  worker: string;
  /** Seconds since the trial function started. */
  elapsed: number;
  /** Estimated seconds left, from the time per epoch so far. */
  eta: number;
}
