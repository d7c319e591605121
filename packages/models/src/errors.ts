/**
 * Error thrown by `@dlkit/models` for a bad argument, option or file: `argument` names what is at fault
 * (`'options.batchSize'`, `'layerName'`, a file path, …), `received` is what was given and `expected` what
 * would have been accepted; `hint` (when set) says how to fix it.
 *
 * @example
 * ```ts
 * import { train, ModelsError } from '@dlkit/models';
 * try {
 *   await train(model, data, { epochs: 0 });
 * } catch (e) {
 *   if (e instanceof ModelsError) console.log(e.argument); // 'options.epochs'
 * }
 * ```
 */
export class ModelsError extends Error {
  override readonly name = 'ModelsError';
  /** The argument, option, layer or file at fault. */
  readonly argument: string;
  /** What was received (a value or a short description of it). */
  readonly received: unknown;
  /** What would have been accepted. */
  readonly expected: string;
  /** How to fix it, when known. */
  readonly hint: string | undefined;

  constructor(argument: string, received: unknown, expected: string, hint?: string, options?: { cause?: unknown }) {
    super(`${argument}: expected ${expected}, received ${describe(received)}${hint ? `. ${hint}` : ''}`, options);
    this.argument = argument;
    this.received = received;
    this.expected = expected;
    this.hint = hint;
  }
}

/** Short, bounded description of a value for error messages. Internal. */
export function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${(value as unknown as ArrayLike<number>).length})`;
  if (Array.isArray(value)) return value.length <= 6 ? `[${value.map(describe).join(', ')}]` : `an array of length ${value.length}`;
  if (typeof value === 'function') return 'a function';
  try {
    const s = JSON.stringify(value);
    return s.length > 80 ? `${s.slice(0, 77)}...` : s;
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** Throws a {@link ModelsError} unless `ok`. Internal. */
export function check(ok: boolean, argument: string, received: unknown, expected: string, hint?: string): asserts ok {
  if (!ok) throw new ModelsError(argument, received, expected, hint);
}

/** Validates a positive integer. Internal. */
export function positiveInt(argument: string, value: unknown): number {
  check(typeof value === 'number' && Number.isInteger(value) && value > 0, argument, value, 'a positive integer');
  return value as number;
}

/** Validates a finite number in a range. Internal. */
export function numberIn(argument: string, value: unknown, min: number, max: number, what = `a number in [${min}, ${max}]`): number {
  check(typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max, argument, value, what);
  return value as number;
}
