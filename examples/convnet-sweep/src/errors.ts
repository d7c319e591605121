/**
 * A bad sweep option: names the option, what was received and what was expected.
 *
 * @example
 * ```ts
 * throw new SweepError('samples', 9000, 'at most 8000 (the training images available)');
 * ```
 */
export class SweepError extends Error {
  override readonly name = 'SweepError';

  constructor(
    /** The option at fault, e.g. `samples`. */
    readonly option: string,
    /** What was given. */
    readonly received: unknown,
    /** What is allowed, phrased so it says how to fix it. */
    readonly expected: string,
  ) {
    super(`${option}: expected ${expected}, got ${JSON.stringify(received)}`);
  }
}

/** Throws a {@link SweepError} unless `ok`. */
export function check(ok: boolean, option: string, received: unknown, expected: string): asserts ok {
  if (!ok) throw new SweepError(option, received, expected);
}
