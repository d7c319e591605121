import { DlkitError } from '@dlkit/core';

/**
 * Error thrown by `@dlkit/metrics` for bad input: a length mismatch, a label that is not a
 * non-negative integer, an empty input, an option outside its allowed values, `k` larger than
 * the number of classes, …
 *
 * `argument` names the argument or option at fault (`'yTrue'`, `'options.average'`, …),
 * `received` is what was passed (or a short description of it) and `expected` says what
 * would have been accepted. A `@dlkit/core` {@link DlkitError}, so `instanceof DlkitError` catches it with every
 * other dlkit error.
 *
 * @example
 * ```ts
 * import { accuracy, MetricsError } from '@dlkit/metrics';
 * try {
 *   accuracy([0, 1, 2], [0, 1]);
 * } catch (e) {
 *   if (e instanceof MetricsError) console.log(e.argument); // 'yPred'
 * }
 * ```
 */
export class MetricsError extends DlkitError {
  override name = 'MetricsError';
  /** The argument or option at fault, e.g. `'yPred'` or `'options.zeroDivision'`. */
  declare readonly argument: string;
  /** What would have been accepted. */
  declare readonly expected: string;

  /** @param detail how to fix it (the `hint` of every dlkit error). */
  constructor(argument: string, received: unknown, expected: string, detail?: string) {
    super({
      code: 'BAD_ARGUMENT',
      argument,
      received,
      expected,
      hint: detail,
      // Metrics describes arrays by length and kind only (its inputs are often long label arrays).
      message: `${argument}: expected ${expected}, received ${describe(received)}` + (detail ? `. ${detail}` : ''),
    });
  }
}

/** Short, bounded description of a received value for error messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? value.slice(0, 57) + '...' : value);
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  if (typeof value === 'function') return 'a function';
  return `an object`;
}
