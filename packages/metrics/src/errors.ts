/**
 * Error thrown by `@dlkit/metrics` for bad input: a length mismatch, a label that is not a
 * non-negative integer, an empty input, an option outside its allowed values, `k` larger than
 * the number of classes, …
 *
 * `argument` names the argument or option at fault (`'yTrue'`, `'options.average'`, …),
 * `received` is what was passed (or a short description of it) and `expected` says what
 * would have been accepted.
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
export class MetricsError extends Error {
  override readonly name = 'MetricsError';
  /** The argument or option at fault, e.g. `'yPred'` or `'options.zeroDivision'`. */
  readonly argument: string;
  /** What was received (a value or a short description of it). */
  readonly received: unknown;
  /** What would have been accepted. */
  readonly expected: string;

  constructor(argument: string, received: unknown, expected: string, detail?: string) {
    super(
      `${argument}: expected ${expected}, received ${describe(received)}` + (detail ? `. ${detail}` : ''),
    );
    this.argument = argument;
    this.received = received;
    this.expected = expected;
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
