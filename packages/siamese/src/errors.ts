import { DlkitError, validators } from '@dlkit/core';

/**
 * The error every `@dlkit/siamese` function throws for a bad argument: it names the argument (or field),
 * says what was received and what was expected, and how to fix it when that is not obvious. A `@dlkit/core`
 * {@link DlkitError}, so `instanceof DlkitError` catches it with every other dlkit error.
 *
 * @example
 * ```ts
 * try { randomPairSampler(labels, { batchSize: 0 }); }
 * catch (e) { if (e instanceof SiameseError) console.error(e.argument, e.received, e.expected); }
 * ```
 */
export class SiameseError extends DlkitError {
  override name = 'SiameseError';
  /** The argument or field at fault, e.g. `'options.sameFraction'`. */
  declare readonly argument: string;
  /** A short description of what was received. */
  declare readonly received: string;
  /** What was expected instead. */
  declare readonly expected: string;

  constructor(argument: string, received: unknown, expected: string, hint?: string) {
    const got = describe(received);
    super({
      code: 'BAD_ARGUMENT',
      argument,
      received: got,
      expected,
      hint,
      message: `${argument}: expected ${expected}, received ${got}${hint ? `. ${hint}` : ''}`,
    });
  }
}

/** A short, printable description of a value. Internal. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === undefined || value === null) return String(value);
  if (Array.isArray(value)) return value.length <= 6 ? `[${value.map(describe).join(', ')}]` : `array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `${value.constructor.name} of length ${(value as unknown as ArrayLike<number>).length}`;
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'object';
  return typeof value;
}

const v = validators((argument, received, expected, hint) => new SiameseError(argument, received, expected, hint));

/** Throws a {@link SiameseError} unless `ok` (`@dlkit/core`'s validators, bound to this package's error). Internal. */
export const check: (ok: boolean, argument: string, received: unknown, expected: string, hint?: string) => asserts ok = v.check;

/** Checks a positive integer and returns it. Internal. */
export const positiveInt = v.positiveInt;

/** Checks a finite number in [lo, hi] and returns it. Internal. */
export const numberIn = v.numberIn;
