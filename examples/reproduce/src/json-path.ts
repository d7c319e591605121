import { ReproduceError } from './errors';

/**
 * Reads `path` (`'studies.0.variants'`; a number is an array index) from parsed example JSON and checks it is
 * a finite number; throws a {@link ReproduceError} naming the file and the path otherwise.
 */
export function numberAt(json: unknown, path: string, file: string): number {
  const value = valueAt(json, path, file);
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ReproduceError({
      code: 'BAD_EXAMPLE_JSON',
      file,
      argument: path,
      received: value,
      expected: 'a finite number',
    });
  }
  return value;
}

/** The value at `path` (dots; numbers index arrays); throws a {@link ReproduceError} when a step is missing. */
export function valueAt(json: unknown, path: string, file: string): unknown {
  let here: unknown = json;
  for (const step of path.split('.')) {
    if (here === null || typeof here !== 'object' || !(step in (here as object))) {
      throw new ReproduceError({
        code: 'BAD_EXAMPLE_JSON',
        file,
        argument: path,
        received: here === null || typeof here !== 'object' ? here : `an object without "${step}"`,
        expected: `the field "${path}" the example writes with --json`,
        hint: 'the example and the catalogue disagree: re-run the example, or update its catalogue entry',
      });
    }
    here = (here as Record<string, unknown>)[step];
  }
  return here;
}

/** The array at `path`, as {@link valueAt}; throws unless it is an array. */
export function arrayAt(json: unknown, path: string, file: string): unknown[] {
  const value = valueAt(json, path, file);
  if (!Array.isArray(value)) {
    throw new ReproduceError({ code: 'BAD_EXAMPLE_JSON', file, argument: path, received: value, expected: 'an array' });
  }
  return value;
}
