import { DlkitError } from './errors';

/** Builds the package's own error from the facts of a failed check (so validators throw the right subclass). */
export type ErrorFactory = (argument: string, received: unknown, expected: string, hint?: string) => Error;

const defaultFactory: ErrorFactory = (argument, received, expected, hint) =>
  new DlkitError({ code: 'BAD_ARGUMENT', argument, received, expected, hint });

/**
 * Validators that throw the calling package's error class. Each returns the validated value, typed.
 *
 * @example
 * ```ts
 * const v = validators((argument, received, expected, hint) => new ModelsError(argument, received, expected, hint));
 * const epochs = v.positiveInt('options.epochs', options.epochs);
 * ```
 */
export function validators(make: ErrorFactory = defaultFactory) {
  function check(ok: boolean, argument: string, received: unknown, expected: string, hint?: string): asserts ok {
    if (!ok) throw make(argument, received, expected, hint);
  }
  return {
    check,
    /** An integer ≥ 1. */
    positiveInt(argument: string, value: unknown): number {
      check(typeof value === 'number' && Number.isInteger(value) && value > 0, argument, value, 'a positive integer');
      return value as number;
    },
    /** An integer ≥ 0. */
    nonNegativeInt(argument: string, value: unknown): number {
      check(typeof value === 'number' && Number.isInteger(value) && value >= 0, argument, value, 'a non-negative integer');
      return value as number;
    },
    /** A finite number in `[min, max]`. */
    numberIn(argument: string, value: unknown, min: number, max: number, what = `a number in [${min}, ${max}]`): number {
      check(typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max, argument, value, what);
      return value as number;
    },
    /** One of the listed strings. */
    oneOf<T extends string>(argument: string, value: unknown, allowed: readonly T[]): T {
      check(
        typeof value === 'string' && (allowed as readonly string[]).includes(value),
        argument,
        value,
        `one of ${allowed.map((a) => `'${a}'`).join(', ')}`,
      );
      return value as T;
    },
  };
}

/**
 * Checks class labels before any training or scoring: every entry an integer in `[0, numClasses)`. Returns
 * `undefined` when all are valid, else the first bad index and value, for the caller's own error.
 */
export function findInvalidLabel(labels: ArrayLike<number>, numClasses: number): { index: number; value: number } | undefined {
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i];
    if (!(Number.isInteger(y) && y >= 0 && y < numClasses)) return { index: i, value: y };
  }
  return undefined;
}
