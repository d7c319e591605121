import { DlkitError, validators } from '@dlkit/core';

/** Stable codes of {@link ReportError}. */
export type ReportErrorCode = 'BAD_ARGUMENT' | 'EMPTY' | 'NOT_FINITE' | 'BAD_SHAPE' | 'RENDER_FAILED';

/**
 * The error `@dlkit/report` throws for input it cannot draw: an empty series, a NaN or infinite value, a
 * shape that does not match the data, a colour that is not a colour. It extends `DlkitError` from
 * `@dlkit/core`, so it carries `argument`, `received`, `expected` and `hint`, and `code` says which kind.
 *
 * @example
 * ```ts
 * import { lineChart, ReportError } from '@dlkit/report';
 * try {
 *   lineChart({ title: 'Loss', series: [{ name: 'train', y: [0.9, NaN] }] });
 * } catch (e) {
 *   if (e instanceof ReportError) console.log(e.code, e.argument); // 'NOT_FINITE' 'series[0].y[1]'
 * }
 * ```
 */
export class ReportError extends DlkitError {
  override name = 'ReportError';
  override readonly code: ReportErrorCode;

  constructor(code: ReportErrorCode, argument: string, received: unknown, expected: string, hint?: string, cause?: unknown) {
    super({ code, argument, received, expected, hint, cause });
    this.code = code;
  }
}

const v = validators((argument, received, expected, hint) => new ReportError('BAD_ARGUMENT', argument, received, expected, hint));

/** Throws a `BAD_ARGUMENT` {@link ReportError} unless `ok`. @internal */
export const check: (ok: boolean, argument: string, received: unknown, expected: string, hint?: string) => asserts ok = v.check;
/** @internal */
export const positiveInt = v.positiveInt;
/** @internal */
export const nonNegativeInt = v.nonNegativeInt;
/** @internal */
export const oneOf = v.oneOf;

/** A positive finite number (pixel sizes), or the default when `undefined`. @internal */
export function positiveNumber(argument: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  check(typeof value === 'number' && Number.isFinite(value) && value > 0, argument, value, 'a positive finite number');
  return value;
}

/** A non-empty string (titles, names). @internal */
export function text(argument: string, value: unknown, fallback?: string): string {
  if (value === undefined && fallback !== undefined) return fallback;
  check(typeof value === 'string', argument, value, 'a string');
  return value;
}

/**
 * Copies `values` into a Float64Array, refusing NaN and ±Infinity (or turning them into gaps, NaN, when
 * `gaps` is set; `null` is always a gap then). @internal
 */
export function finiteValues(
  argument: string,
  values: unknown,
  options: { gaps?: boolean; allowEmpty?: boolean } = {},
): Float64Array {
  check(isArrayLike(values), argument, values, 'an array or typed array of numbers');
  const n = values.length;
  if (n === 0 && !options.allowEmpty) throw new ReportError('EMPTY', argument, values, 'at least one value');
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = values[i] as unknown;
    if (x === null && options.gaps) {
      out[i] = NaN;
      continue;
    }
    if (typeof x !== 'number')
      throw new ReportError('BAD_ARGUMENT', `${argument}[${i}]`, x, options.gaps ? 'a number or null' : 'a number');
    if (!Number.isFinite(x)) {
      if (options.gaps) {
        out[i] = NaN;
        continue;
      }
      throw new ReportError(
        'NOT_FINITE',
        `${argument}[${i}]`,
        x,
        'a finite number',
        'pass null for a missing point (line charts), or drop the value',
      );
    }
    out[i] = x;
  }
  return out;
}

/** Anything with a numeric length and index access: arrays and typed arrays. @internal */
export function isArrayLike(x: unknown): x is ArrayLike<unknown> {
  return Array.isArray(x) || (ArrayBuffer.isView(x) && !(x instanceof DataView));
}
