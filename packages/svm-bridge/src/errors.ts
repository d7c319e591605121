import { DlkitError } from '@dlkit/core';

/** Where a bad value came from, beyond the argument: the file it was read from, and the underlying error. */
export interface SvmBridgeErrorSource {
  /** The file (or other source) the bad value was read from; it leads the message. */
  file?: string;
  /** The underlying error, if any. */
  cause?: unknown;
}

/**
 * Error thrown by `@dlkit/svm-bridge` for bad arguments, bad data and bad model files.
 * It names the argument (or file/field), what was received and what was expected,
 * so the message says how to fix the call. Extends `DlkitError` from `@dlkit/core`.
 *
 * @example
 * ```ts
 * try { await new SVC({ C: -1 }).fit(X, y); }
 * catch (e) { if (e instanceof SvmBridgeError) console.error(e.argument, e.expected); }
 * ```
 */
export class SvmBridgeError extends DlkitError {
  override name = 'SvmBridgeError';
  /** Name of the offending argument, option, file or field (e.g. `"options.C"`, `"X.data"`). */
  declare readonly argument: string;
  /** Short description of what was received. */
  declare readonly received: string;
  /** Short description of what is allowed. */
  declare readonly expected: string;

  constructor(argument: string, received: string, expected: string, hint?: string, source: SvmBridgeErrorSource = {}) {
    super({
      code: 'BAD_INPUT',
      argument,
      received,
      expected,
      hint,
      file: source.file,
      cause: source.cause,
      // dlkit's message order (`DlkitError`): where, what was expected, what was received, how to fix it.
      message: `${source.file ? `${source.file}: ` : ''}${argument}: expected ${expected}, received ${received}${hint ? `. ${hint}` : ''}`,
    });
  }
}

/** @internal Short printable description of a value for error messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${(value as unknown as ArrayLike<number>).length})`;
  if (Array.isArray(value)) return `Array(${value.length})`;
  return typeof value;
}
