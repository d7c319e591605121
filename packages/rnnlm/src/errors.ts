import { DlkitError } from '@dlkit/core';

/**
 * The one error type thrown by `@dlkit/rnnlm`.
 *
 * It names the argument, option, file or field at fault (the culprit in
 * {@link RnnlmError.field}), what was received and what was expected, so the
 * message alone tells how to fix the call. Extends `DlkitError` from `@dlkit/core`.
 *
 * @example
 * ```ts
 * try {
 *   new RnnLm({ vocabSize: 0, hiddenSize: 10 });
 * } catch (e) {
 *   if (e instanceof RnnlmError) console.log(e.field, e.expected); // "vocabSize" "an integer >= 2"
 * }
 * ```
 */
export class RnnlmError extends DlkitError {
  override name = 'RnnlmError';
  /** The argument, option, file or field that was wrong (the same as `argument`). */
  readonly field: string;
  /** A short description of what was received. */
  declare readonly received: string;
  /** A short description of what was expected. */
  declare readonly expected: string;

  /**
   * @param source - the file the bad value was read from (it leads the message and is kept in `file`), and the
   *   underlying error.
   */
  constructor(
    field: string,
    received: unknown,
    expected: string,
    hint?: string,
    source: { file?: string; cause?: unknown } = {},
  ) {
    const got = describe(received);
    super({
      code: 'BAD_INPUT',
      argument: field,
      received: got,
      expected,
      hint,
      file: source.file,
      cause: source.cause,
      message: `${source.file ? `${source.file}: ` : ''}${field}: expected ${expected}, received ${got}${hint ? `. ${hint}` : ''}`,
    });
    this.field = field;
  }
}

/** A `received` value already described by an earlier error, passed through unchanged. */
class Described {
  constructor(readonly text: string) {}
}

/** @internal The same error, said of `file` (the file leads the message and is kept in `file`). */
export function inFile(error: RnnlmError, file: string): RnnlmError {
  return new RnnlmError(error.field, new Described(error.received), error.expected, error.hint, { file, cause: error.cause });
}

function describe(value: unknown): string {
  if (value instanceof Described) return value.text;
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === undefined || value === null) {
    return String(value);
  }
  if (ArrayBuffer.isView(value)) {
    return `${value.constructor.name}(${(value as unknown as { length: number }).length})`;
  }
  if (Array.isArray(value)) return `Array(${value.length})`;
  return typeof value;
}

/** @internal Throws unless `value` is an integer in [min, max]. */
export function checkInteger(field: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer in [${min}, ${max}]`;
    throw new RnnlmError(field, value, range);
  }
  return value;
}

/** @internal Throws unless `value` is a finite number in [min, max]. */
export function checkNumber(field: string, value: unknown, min: number, max = Number.POSITIVE_INFINITY): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new RnnlmError(field, value, `a finite number in [${min}, ${max}]`);
  }
  return value;
}

/** @internal Throws unless every value is finite (weights read from a file). */
export function checkFinite(field: string, values: Float64Array): Float64Array {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) throw new RnnlmError(`${field}[${i}]`, values[i], 'a finite number');
  }
  return values;
}

/** @internal Throws unless every id in `tokens` is in [0, vocabSize). */
export function checkTokens(field: string, tokens: unknown, vocabSize: number): Int32Array {
  if (!(tokens instanceof Int32Array)) throw new RnnlmError(field, tokens, 'an Int32Array of token ids');
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t < 0 || t >= vocabSize) {
      throw new RnnlmError(`${field}[${i}]`, t, `a token id in [0, ${vocabSize})`);
    }
  }
  return tokens;
}
