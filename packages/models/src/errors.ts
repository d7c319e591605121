import { DlkitError, validators } from '@dlkit/core';

/** Extra facts a {@link ModelsError} can carry besides argument, received, expected and hint. */
export interface ModelsErrorOptions {
  /** The underlying error. */
  cause?: unknown;
  /** The file or folder at fault (a model.json, a weight file, a checkpoint's latest.json, …). */
  file?: string;
  /**
   * A stable code: `'BAD_ARGUMENT'` (default), `'BAD_LABEL'`, `'BAD_SHAPE'`, `'NOT_FOUND'`, `'CORRUPT'`,
   * `'TRUNCATED'` (a file shorter or longer than its manifest says), `'UNSAFE_PATH'` (a path leaving its folder) or
   * `'LOCKED'` (a checkpoint folder another training run is writing to).
   */
  code?: ModelsErrorCode;
}

/** The codes of {@link ModelsError}. */
export type ModelsErrorCode =
  | 'BAD_ARGUMENT'
  | 'BAD_LABEL'
  | 'BAD_SHAPE'
  | 'NOT_FOUND'
  | 'CORRUPT'
  | 'TRUNCATED'
  | 'UNSAFE_PATH'
  | 'LOCKED';

/**
 * Error thrown by `@dlkit/models` for a bad argument, option or file: `argument` names what is at fault
 * (`'options.batchSize'`, `'data.labels[12]'`, `'weightsManifest[0].paths[0]'`, …), `file` the file involved
 * (if any), `received` is what was given and `expected` what would have been accepted; `hint` (when set) says
 * how to fix it. A `@dlkit/core` {@link DlkitError}, so `instanceof DlkitError` catches it with every other
 * dlkit error.
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
export class ModelsError extends DlkitError {
  override name = 'ModelsError';
  /** The argument, option, field or layer at fault. */
  declare readonly argument: string;
  /** What would have been accepted. */
  declare readonly expected: string;
  declare readonly code: ModelsErrorCode;

  constructor(argument: string, received: unknown, expected: string, hint?: string, options: ModelsErrorOptions = {}) {
    super({ code: options.code ?? 'BAD_ARGUMENT', argument, received, expected, hint, file: options.file, cause: options.cause });
  }
}

export { describe } from '@dlkit/core';

const v = validators((argument, received, expected, hint) => new ModelsError(argument, received, expected, hint));

/** Throws a {@link ModelsError} unless `ok`. Internal. */
export const check: (ok: boolean, argument: string, received: unknown, expected: string, hint?: string) => asserts ok = v.check;

/** Validates a positive integer. Internal. */
export const positiveInt = v.positiveInt;

/** Validates a finite number in a range. Internal. */
export const numberIn = v.numberIn;
