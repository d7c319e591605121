/**
 * What went wrong, as a stable machine-readable code.
 *
 * - `BAD_ARGUMENT`: an option or argument has the wrong value.
 * - `BAD_FORMAT`: a file's bytes do not follow the expected layout (magic number, header field).
 * - `TRUNCATED`: a file or download is shorter than its header or `Content-Length` promised.
 * - `MISMATCH`: two parts of a dataset disagree (label count vs image count, label out of range).
 * - `NOT_FOUND`: a file or folder does not exist or is empty.
 * - `UNREADABLE`: a path exists but could not be read.
 * - `UNDECODABLE`: an image file could not be decoded.
 * - `CHECKSUM`: downloaded bytes do not match the expected digest.
 * - `NETWORK`: every mirror failed.
 * - `OFFLINE`: the network was needed but offline mode forbids it.
 */
export type DatasetErrorCode =
  | 'BAD_ARGUMENT'
  | 'BAD_FORMAT'
  | 'TRUNCATED'
  | 'MISMATCH'
  | 'NOT_FOUND'
  | 'UNREADABLE'
  | 'UNDECODABLE'
  | 'CHECKSUM'
  | 'NETWORK'
  | 'OFFLINE';

/** Details carried by a {@link DatasetError}. */
export interface DatasetErrorDetails {
  /** Stable code for programmatic handling. */
  code: DatasetErrorCode;
  /** The file, folder or URL involved, when there is one. */
  file?: string;
  /** The argument, option or header field at fault (e.g. `magic`, `count`, `options.testFraction`). */
  field?: string;
  /** What was found, printable. */
  received?: unknown;
  /** What was expected, in words. */
  expected?: string;
  /** How to fix it, when we know. */
  hint?: string;
  /** The underlying error, if any. */
  cause?: unknown;
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  try {
    const s = JSON.stringify(value);
    return s === undefined ? String(value) : s;
  } catch {
    return String(value);
  }
}

/**
 * The one error class of `@dlkit/datasets`. Its message names the file, the field, what was received and
 * what was expected; the same facts are available as properties.
 *
 * @example
 * ```ts
 * try {
 *   await readIdxFile('broken.idx');
 * } catch (e) {
 *   if (e instanceof DatasetError && e.code === 'TRUNCATED') console.error(e.file, e.expected);
 * }
 * ```
 */
export class DatasetError extends Error {
  override readonly name = 'DatasetError';
  readonly code: DatasetErrorCode;
  readonly file?: string;
  readonly field?: string;
  readonly received?: unknown;
  readonly expected?: string;
  readonly hint?: string;

  constructor(message: string, details: DatasetErrorDetails) {
    const parts = [message];
    if (details.file !== undefined) parts.push(`file: ${details.file}`);
    if (details.field !== undefined) parts.push(`field: ${details.field}`);
    if ('received' in details) parts.push(`received: ${show(details.received)}`);
    if (details.expected !== undefined) parts.push(`expected: ${details.expected}`);
    if (details.hint !== undefined) parts.push(`hint: ${details.hint}`);
    super(parts.join('\n  '), details.cause !== undefined ? { cause: details.cause } : undefined);
    this.code = details.code;
    this.file = details.file;
    this.field = details.field;
    this.received = details.received;
    this.expected = details.expected;
    this.hint = details.hint;
  }
}

/** Throws a `BAD_ARGUMENT` error unless `ok`. Internal helper. */
export function check(ok: boolean, field: string, received: unknown, expected: string): asserts ok {
  if (!ok) {
    throw new DatasetError(`Invalid argument ${field}`, { code: 'BAD_ARGUMENT', field, received, expected });
  }
}
