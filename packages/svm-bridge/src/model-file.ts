import { SvmBridgeError, describe } from './errors';

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

function checkPath(path: unknown): asserts path is string {
  if (typeof path !== 'string' || path.length === 0) throw new SvmBridgeError('path', describe(path), 'a file path');
}

/**
 * @internal Writes a saved model so that the file is the old one or the whole new one, never half of it
 * (`writeFileAtomic` from `@dlkit/core/node`: temporary file, fsync, rename, fsync of the folder). Node only:
 * the Node modules are loaded here, so browsers can use everything else.
 */
export async function writeModelFile(path: string, text: string): Promise<void> {
  checkPath(path);
  const { writeFileAtomic } = await import('@dlkit/core/node');
  await writeFileAtomic(path, text);
}

/** @internal Reads a saved model's text; a missing or unreadable file is an error naming it. */
export async function readModelFile(path: string, writer: string): Promise<string> {
  checkPath(path);
  const { readFile } = await import('node:fs/promises');
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new SvmBridgeError('path', String(err.message), `a readable file written by ${writer}`, undefined, {
      file: path,
      cause: e,
    });
  }
}

/** @internal Field checks of a saved model's JSON; every error names the file (when known) and the field. */
export class SavedFields {
  constructor(readonly file: string | undefined) {}

  fail(field: string, received: string, expected: string, hint?: string): never {
    throw new SvmBridgeError(field, received, expected, hint, { file: this.file });
  }

  /** The parsed JSON object, or an error naming the text as not written by `writer`. */
  parse(text: unknown, writer: string, format: string): Record<string, unknown> {
    if (typeof text !== 'string') this.fail('text', describe(text), `the string written by ${writer}`);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      this.fail(
        'text',
        describe(text),
        `JSON written by ${writer} (format "${format}")`,
        text.length === 0 ? 'The file is empty' : 'The text is truncated or corrupt',
      );
    }
    if (json === null || typeof json !== 'object' || Array.isArray(json))
      this.fail('text', describe(json), `the JSON object written by ${writer}`);
    const saved = json as Record<string, unknown>;
    if (saved.format !== format || saved.version !== 1) this.fail('text.format', describe(saved.format), `"${format}" version 1`);
    return saved;
  }

  positiveInt(field: string, v: unknown): number {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) this.fail(field, describe(v), 'a positive integer');
    return v;
  }

  positiveFinite(field: string, v: unknown): number {
    if (typeof v !== 'number' || !Number.isFinite(v) || !(v > 0)) this.fail(field, describe(v), 'a positive finite number');
    return v;
  }

  /** `n` finite numbers (JSON writes NaN and ±Infinity as null; 1e999 parses to Infinity). */
  finiteArray(field: string, v: unknown, n: number): Float64Array {
    if (!Array.isArray(v) || v.length !== n) this.fail(field, describe(v), `${n} finite number${n === 1 ? '' : 's'}`);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const x = v[i];
      if (typeof x !== 'number' || !Number.isFinite(x)) this.fail(`${field}[${i}]`, describe(x), 'a finite number');
      out[i] = x;
    }
    return out;
  }

  /** `n` integers ≥ `min` within int32 (`n` undefined: any length ≥ 1). */
  intArray(field: string, v: unknown, n: number | undefined, min = INT32_MIN): Int32Array {
    if (!Array.isArray(v) || (n !== undefined && v.length !== n) || v.length === 0) {
      this.fail(field, describe(v), n === undefined ? 'a non-empty array of integers' : `${n} integer${n === 1 ? '' : 's'}`);
    }
    const out = new Int32Array(v.length);
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (typeof x !== 'number' || !Number.isInteger(x) || x < min || x > INT32_MAX) {
        this.fail(`${field}[${i}]`, describe(x), min === INT32_MIN ? 'an integer in the int32 range' : `a non-negative integer`);
      }
      out[i] = x;
    }
    return out;
  }

  /** At least two distinct int32 class labels in increasing order (as `fit` stores them). */
  classes(field: string, v: unknown): Int32Array {
    if (!Array.isArray(v) || v.length < 2) this.fail(field, describe(v), 'an array of at least 2 class labels');
    const classes = this.intArray(field, v, undefined);
    for (let i = 1; i < classes.length; i++) {
      if (!(classes[i] > classes[i - 1]))
        this.fail(field, `[${Array.from(classes).join(', ')}]`, 'distinct class labels sorted in increasing order');
    }
    return classes;
  }

  /** Resolves saved options with the constructor's checks, naming `text.options.*` and the file on failure. */
  options<T>(v: unknown, resolve: (o: never) => T): T {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) this.fail('text.options', describe(v), 'an object of options');
    try {
      return resolve(v as never);
    } catch (e) {
      if (e instanceof SvmBridgeError)
        throw new SvmBridgeError(`text.${e.argument}`, e.received, e.expected, e.hint, { file: this.file });
      throw e;
    }
  }
}
