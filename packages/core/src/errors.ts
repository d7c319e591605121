/** Everything a {@link DlkitError} can say about what went wrong. All fields but `message` are optional. */
export interface DlkitErrorDetails {
  /** A stable, machine-readable code (`'BAD_ARGUMENT'`, `'TRUNCATED'`, …); packages define their own sets. */
  code?: string;
  /** The argument, option or field at fault (`'options.batchSize'`, `'labels[3]'`, `'weightsManifest'`). */
  argument?: string;
  /** The file, folder or URL involved, when there is one. */
  file?: string;
  /** What was received: a value, or a short description of it. */
  received?: unknown;
  /** What would have been accepted, in words. */
  expected?: string;
  /** How to fix it, when known. */
  hint?: string;
  /** The underlying error, if any. */
  cause?: unknown;
  /** A message to use instead of the one composed from the fields above. */
  message?: string;
}

/**
 * The base class of every error dlkit throws on purpose. Each package subclasses it (`ModelsError`,
 * `DatasetError`, …) so `instanceof` still tells where an error came from, while every error carries the same
 * facts: the file, the argument, what was received, what was expected, and how to fix it.
 *
 * The message reads `file: argument: expected …, received …. hint` (parts that are unset are left out).
 *
 * @example
 * ```ts
 * import { DlkitError } from '@dlkit/core';
 * try {
 *   await train(model, data, { epochs: 10 });
 * } catch (e) {
 *   if (e instanceof DlkitError) console.error(e.file, e.argument, e.expected, e.hint);
 * }
 * ```
 */
export class DlkitError extends Error {
  override name = 'DlkitError';
  /** Stable machine-readable code (package-specific), or `undefined`. */
  readonly code: string | undefined;
  /** The argument, option or field at fault. */
  readonly argument: string | undefined;
  /** The file, folder or URL involved. */
  readonly file: string | undefined;
  /** What was received. */
  readonly received: unknown;
  /** What would have been accepted. */
  readonly expected: string | undefined;
  /** How to fix it, when known. */
  readonly hint: string | undefined;

  constructor(details: DlkitErrorDetails) {
    super(details.message ?? composeMessage(details), details.cause === undefined ? undefined : { cause: details.cause });
    this.code = details.code;
    this.argument = details.argument;
    this.file = details.file;
    this.received = details.received;
    this.expected = details.expected;
    this.hint = details.hint;
  }
}

/** The standard message: `file: argument: expected …, received …. hint`. */
export function composeMessage(details: DlkitErrorDetails): string {
  const where = [details.file, details.argument].filter((s) => s !== undefined && s !== '').join(': ');
  const parts: string[] = [];
  if (details.expected !== undefined) parts.push(`expected ${details.expected}`);
  if ('received' in details) parts.push(`received ${describe(details.received)}`);
  let text = parts.join(', ');
  if (where) text = text ? `${where}: ${text}` : where;
  if (details.hint) text = text ? `${text}. ${details.hint}` : details.hint;
  return text || 'invalid input';
}

/**
 * A short, bounded, printable description of any value for error messages: strings quoted and cut at 80
 * characters, typed arrays as `Float32Array(784)`, long arrays by their length.
 */
export function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (ArrayBuffer.isView(value)) {
    const length = (value as unknown as { length?: number }).length ?? value.byteLength;
    return `${value.constructor.name}(${length})`;
  }
  if (Array.isArray(value))
    return value.length <= 6 ? `[${value.map(describe).join(', ')}]` : `an array of length ${value.length}`;
  if (typeof value === 'function') return 'a function';
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  try {
    const s = JSON.stringify(value);
    if (s === undefined) return String(value);
    return s.length > 80 ? `${s.slice(0, 77)}...` : s;
  } catch {
    return Object.prototype.toString.call(value);
  }
}
