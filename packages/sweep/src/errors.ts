import { DlkitError, type DlkitErrorDetails } from '@dlkit/core';

/**
 * The codes a {@link SweepError} carries:
 * - `BAD_ARGUMENT` — a sweep, trial or option that is not what it must be;
 * - `BAD_REDIS_URL` — a `--redis` URL that cannot name a Redis server;
 * - `REDIS_UNREACHABLE` — no Redis answered at that URL within the time allowed;
 * - `REDIS_LOST` — Redis stopped answering during a sweep;
 * - `TRIAL_NOT_FOUND` — a trial's module cannot be resolved or imported, or lacks the export;
 * - `BAD_RESULT` — a trial returned something JSON cannot hold exactly (NaN, Infinity, a typed array, …);
 * - `BAD_RESULTS_FILE` — the results file belongs to another sweep or cannot be read;
 * - `ABORTED` — the sweep was stopped through its `signal` before every trial had run (`received`: the trials
 *   it interrupted; they are not in the results file, so a re-run runs them).
 */
export type SweepErrorCode =
  | 'BAD_ARGUMENT'
  | 'BAD_REDIS_URL'
  | 'REDIS_UNREACHABLE'
  | 'REDIS_LOST'
  | 'TRIAL_NOT_FOUND'
  | 'BAD_RESULT'
  | 'BAD_RESULTS_FILE'
  | 'ABORTED';

/**
 * The error `@dlkit/sweep` throws on purpose: a bad sweep definition, a bad or unreachable Redis, a trial that
 * cannot be found, a result JSON cannot hold. `code` says which (see {@link SweepErrorCode}); `argument`,
 * `received`, `expected` and `hint` say what and how to fix it.
 *
 * @example
 * ```ts
 * import { runSweep, SweepError } from '@dlkit/sweep';
 * try {
 *   await runSweep(sweep, { redis: 'redis://127.0.0.1:1' });
 * } catch (e) {
 *   if (e instanceof SweepError && e.code === 'REDIS_UNREACHABLE') console.error(e.hint);
 * }
 * ```
 */
export class SweepError extends DlkitError {
  override name = 'SweepError';
  declare readonly code: SweepErrorCode;

  constructor(details: DlkitErrorDetails & { code: SweepErrorCode }) {
    super(details);
  }
}

/** Throws a `BAD_ARGUMENT` {@link SweepError} unless `ok`. */
export function check(ok: boolean, argument: string, received: unknown, expected: string, hint?: string): asserts ok {
  if (!ok) throw new SweepError({ code: 'BAD_ARGUMENT', argument, received, expected, hint });
}
