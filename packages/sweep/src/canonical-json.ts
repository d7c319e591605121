import { SweepError } from './errors';

/** A value JSON holds exactly: what trial settings and results are made of. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * Checks that `value` survives JSON unchanged and returns the path of the first part that does not
 * (`'settings.rate'`, `'result.history[3]'`), or `undefined`. Rejected: NaN and ±Infinity (JSON turns them into
 * null), undefined, functions, symbols, bigints, typed arrays, Maps, Dates and other class instances.
 */
export function findNonJson(value: unknown, path: string): { path: string; value: unknown } | undefined {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : { path, value };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = findNonJson(value[i], `${path}[${i}]`);
      if (bad) return bad;
    }
    return undefined;
  }
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return { path, value };
    for (const [k, v] of Object.entries(value)) {
      const bad = findNonJson(v, `${path}.${k}`);
      if (bad) return bad;
    }
    return undefined;
  }
  return { path, value };
}

/** Throws a {@link SweepError} (`code`) naming the first part of `value` JSON cannot hold exactly. */
export function assertJson(value: unknown, path: string, code: 'BAD_ARGUMENT' | 'BAD_RESULT'): asserts value is JsonValue {
  const bad = findNonJson(value, path);
  if (bad) {
    throw new SweepError({
      code,
      argument: bad.path,
      received: bad.value,
      expected: 'a JSON value (finite numbers, strings, booleans, null, plain arrays and objects)',
      hint: 'settings and results cross processes and machines as JSON: convert typed arrays with Array.from and drop NaN or Infinity',
    });
  }
}

/**
 * JSON with object keys sorted at every depth, so equal values give equal text whatever order their keys were
 * written in (the basis of {@link trialKey}).
 */
export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k] as JsonValue)}`).join(',')}}`;
}
